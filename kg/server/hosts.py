"""Only requests addressed to the names the server is bound to pass (DNS rebinding).

A web page on ``evil.example`` whose name is made to resolve to 127.0.0.1 could read
the whole graph through the analyst's browser: the browser sends ``Host:
evil.example:7878``. This ASGI middleware answers ``400`` unless the ``Host`` header
names one of the allowed hosts (any port); a request without one is refused too.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["HostCheck", "allowed_hosts", "host_name", "is_loopback"]

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
WILDCARDS = ("0.0.0.0", "::", "")


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allowed_hosts(bind: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """The names a server bound to ``bind`` answers to: the bound address itself, the
    loopback names when it is a loopback address, and ``extra`` (``--allow-host``)."""
    names = {bind.strip("[]").lower(), *(h.strip("[]").lower() for h in extra)}
    if is_loopback(bind) or bind.strip("[]") in WILDCARDS:
        names.update(LOOPBACK_NAMES)
    if bind.strip("[]") in WILDCARDS:  # every interface: the machine's own name too
        names.add(socket.gethostname().lower())
    return frozenset(n for n in names if n)


def host_name(header: str) -> str:
    """The host part of a ``Host`` header: ``[::1]:80`` -> ``::1``, ``A.b:7`` -> ``a.b``."""
    header = header.strip().lower()
    if header.startswith("["):
        end = header.find("]")
        name, rest = (header[1:end], header[end + 1:]) if end > 0 else ("", "")
    else:
        name, colon, port = header.partition(":")
        rest = colon + port
    if rest and not (rest.startswith(":") and rest[1:].isdigit()):
        return ""  # anything but ":PORT" after the name: not a Host we answer
    return name


class HostCheck:
    """ASGI middleware: ``400`` for a ``Host`` outside ``allowed``."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str]):
        self.app, self.allowed = app, frozenset(allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        values = [v for k, v in scope["headers"] if k == b"host"]
        name = host_name(values[0].decode("latin-1")) if len(values) == 1 else ""
        if name not in self.allowed:
            shown = ", ".join(sorted(self.allowed))
            refusal = PlainTextResponse(
                f"Host header refused: this server answers only to {shown} "
                "(kg serve --allow-host NAME adds one)\n", status_code=400,
                headers={"Connection": "close"})
            await refusal(scope, receive, send)
            return
        await self.app(scope, receive, send)
