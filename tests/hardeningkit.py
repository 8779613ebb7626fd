"""Hostile inputs and shared checks of the hardening suite (importable as ``hardeningkit``)."""

from __future__ import annotations

import json
import textwrap
import unicodedata
from pathlib import Path
from types import SimpleNamespace

from kg.errors import AnnotationError, KGError

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

# -- hostile strings ---------------------------------------------------------------------
IMG = "<img src=x onerror=alert(1);window.__pwned=1>"
SCRIPT = "</script><script>window.__pwned=1;alert(1)</script>"
SPARQL = '"} ; DROP ALL ; SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } # \\ \'\'\' > <x y>'
CONTROL = "\x1b[2J\x1b[H\x1b]0;pwned\x07fake $ prompt\x08\x08\x9b31m\x7f"
RTL = "\u202eevil.exe\u202c txt"
NUL = "nul\x00byte"
LONG = "L" * 100_000
HOSTILE = SimpleNamespace(IMG=IMG, SCRIPT=SCRIPT, SPARQL=SPARQL, CONTROL=CONTROL, RTL=RTL,
                          NUL=NUL, LONG=LONG)

# Characters that must never reach a terminal raw from a table or an error message.
_UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}

# The text of the hostile document: BOM, CRLF line ends, markup, SPARQL metacharacters,
# control characters, a bidi override and a 100k-character line.
HOSTILE_TEXT = (
    "\ufeffNorth Korea " + IMG + " tested missiles in September 2022.\r\n"
    "China and Russia blocked a UN resolution " + SCRIPT + ".\r\n"
    "Analysts wrote " + SPARQL + " and " + CONTROL + " and " + RTL + ".\r\n"
    + LONG + "\r\n"
    "The tests would likely continue.\r\n"
)


def _yq(text: str) -> str:
    """A YAML double-quoted scalar for any text (JSON escapes are valid YAML escapes)."""
    return json.dumps(text, ensure_ascii=True)


_Q = {
    "title": "Brief " + SCRIPT + RTL, "url": "https://example.org/a?b=<c>&d=\"",
    "author": CONTROL, "pub": IMG + " Press", "nk": "North Korea " + IMG, "china": SCRIPT,
    "russia": RTL + " " + CONTROL + " " + NUL, "long": LONG, "analysts": SPARQL,
    "ev1": "tested missiles in September 2022.\r\nChina",
    "ev2": "blocked a UN resolution " + SCRIPT, "hedge": "would likely " + CONTROL,
}
HOSTILE_YAML = """\
document:
  id: hostile
  text: hostile.txt
  title: {title}
  url: {url}
  publisher: pub
  author: {author}
  date: 2022-11-01
  annotator: tests
annotations:
  - id: pub
    type: Organization
    label: {pub}
  - id: nk
    type: State
    label: {nk}
    quote: North Korea
  - id: china
    type: State
    label: {china}
    quote: China
  - id: russia
    type: State
    label: {russia}
    quote: Russia
  - id: long-actor
    type: Organization
    label: {long}
    quote: {long}
  - id: analysts
    type: Organization
    label: {analysts}
    quote: Analysts
  - id: t1
    type: TimeSpan
    quote: September 2022
    begin: 2022-09
    end: 2022-09
    precision: Month
  - id: ev1
    type: MissileTest
    quote: {ev1}
    agent: nk
    time: t1
    status: Occurred
  - id: ev2
    type: ResolutionBlocking
    quote: {ev2}
    agent: [china, russia]
  - id: r1
    type: Alignment
    quote: China and Russia
    subject: china
    object: russia
  - id: c1
    type: Claim
    quote: The tests would likely continue.
    asserts: ev1
    modality: Prediction
    certainty: Likely
    hedge: {hedge}
""".format(**{k: _yq(v) for k, v in _Q.items()})


def write_hostile_corpus(folder: Path) -> Path:
    """The hostile document (text with BOM and CRLF written as bytes) and its annotation."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile.txt").write_bytes(HOSTILE_TEXT.encode("utf-8"))
    ann = folder / "hostile.yaml"
    ann.write_text(textwrap.dedent(HOSTILE_YAML), encoding="utf-8")
    return ann


# -- checks shared by the tests ----------------------------------------------------------
def unsafe_chars(text: str) -> list[str]:
    """Characters that could move a terminal's cursor, reorder or hide text."""
    return sorted({f"U+{ord(c):04X}" for c in text
                   if unicodedata.category(c) in _UNSAFE_CATEGORIES and c not in "\n"})


def assert_clean_error(exc: BaseException, where: str | None = None) -> None:
    """A KGError whose message is one printable line naming ``where`` (a file or parameter)."""
    assert isinstance(exc, KGError), f"not a KGError: {type(exc).__name__}: {exc!r}"
    messages = [str(p) for p in exc.problems] if isinstance(exc, AnnotationError) else []
    messages.append(str(exc))
    for msg in messages:
        assert msg and "\n" not in msg and "\r" not in msg, repr(msg)
        assert unsafe_chars(msg) == [], (unsafe_chars(msg), msg[:300])
        if where is not None:
            assert where in msg, (where, msg[:300])


def tree_state(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` with its size and mtime (ns): to prove nothing changed."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            st = p.stat()
            out[str(p.relative_to(folder))] = (st.st_size, st.st_mtime_ns)
    return out


FIGURES: dict[str, object] = {}


def bump(key: str, n: int = 1) -> None:
    """Add ``n`` to one figure of the closing report."""
    FIGURES[key] = int(FIGURES.get(key, 0)) + n  # type: ignore[arg-type]


def put(key: str, value: object) -> None:
    FIGURES[key] = value
