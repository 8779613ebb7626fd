"""How the server's routes refuse a request: one exception, one plain line to the client."""

from __future__ import annotations

__all__ = ["Refused"]


class Refused(Exception):
    """Answer ``status`` with ``message`` (one line of plain text)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
