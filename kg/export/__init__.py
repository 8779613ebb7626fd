"""Exports of the built graph to the formats other tools read.

Each format is a module with ``export(store, out_path)`` (``store`` as opened by
:func:`kg.store.open_store`); ``kg export --format NAME`` finds the module in
``kg.cli.export.FORMATS``. Modules are imported on demand, so a format's
dependencies load only when it is used.

- :mod:`kg.export.events_csv`: one row per event in a GDELT/ICEWS-like layout
  with CAMEO event and actor codes (docs/events-csv.md).
"""

from __future__ import annotations

__all__: list[str] = []
