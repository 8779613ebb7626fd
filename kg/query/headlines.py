"""A few headline answers from the question pack, for ``kg demo``.

Every fact in a headline comes from a query result (labels, times, counts); only
the sentence frames are written here. A question with no answer on the corpus
gives no headline, so a corpus without blocked resolutions simply has none.

>>> from kg.store import open_store
>>> with open_store() as store:                   # an empty store: nothing to tell
...     headlines(store)
[]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from kg.query.pack import load_query
from kg.query.run import ALL_ROWS, run_query
from kg.store.result import lexical

if TYPE_CHECKING:
    from kg.store.protocol import Store

__all__ = ["headlines", "join_names", "how_many", "when"]


def headlines(store: Store, *, timeout_s: float | None = 60.0) -> list[str]:
    """Headline answers on an open store (see :func:`kg.store.open_store`)."""
    out: list[str] = []
    for make in (_blocked, _alignment, _missiles, _responses, _modalities, _agreement,
                 _disagreement):
        out += make(store, timeout_s)
    return out


def join_names(names: list[str], limit: int | None = None) -> str:
    """``["China", "Russia"]`` -> ``"China and Russia"``; three or more with commas; past
    ``limit`` names, the rest counted.

    >>> join_names(["A", "B", "C", "D", "E"], limit=3)
    'A, B, C and 2 more'
    """
    names = [n for n in dict.fromkeys(names) if n]
    if limit is not None and len(names) > limit:
        names = names[:limit] + [f"{len(names) - limit} more"]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# how many sources a headline names before it counts the rest
SOURCES_SHOWN = 3
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def when(earliest: str | None, precision: str) -> str:
    """A time's first day (xsd:date) as English at its precision (``day``, ``month``,
    ``year``; any other precision, or a date that does not parse, gives ``""``).

    >>> when("2022-05-26", "day"), when("2022-05-01", "month"), when("2022-01-01", "year")
    ('26 May 2022', 'May 2022', '2022')
    """
    try:
        year, month, day = (int(x) for x in (earliest or "").split("-"))
        name = _MONTHS[month - 1]
    except (ValueError, IndexError):
        return ""
    return {"day": f"{day} {name} {year}", "month": f"{name} {year}",
            "year": f"{year}"}.get(precision, "")


def _time(cell: str | None, earliest: str | None) -> str:
    """The first time of a list cell (``"the summer of 2022 (season)"``) for a headline: its
    words when they name a year, else its first day at its precision ("last year's": 2022),
    else nothing ("beforehand")."""
    first = (_items(cell) or [""])[0]
    quote, _, precision = first.rpartition(" (")
    quote = quote or first
    if any(w.strip(".,'’s").isdigit() and len(w.strip(".,'’s")) == 4 for w in quote.split()):
        return quote
    return when(earliest, precision.rstrip(")"))


def _rows(store: Store, name: str, timeout_s: float | None) -> list[dict[str, str]]:
    spec = load_query(name)  # counts and firsts are over every row, not one page
    result = run_query(spec, store, params=ALL_ROWS if spec.page else None, timeout_s=timeout_s)
    return [{k: lexical(v) for k, v in row.items()} for row in result.dicts()]


def _blocked(store: Store, timeout_s: float | None) -> list[str]:
    lines = []
    for row in _rows(store, "blocked-resolutions", timeout_s)[:2]:  # one row per blocking
        who = join_names(_items(row.get("blockers")))
        what = _items(row.get("blocked"))
        if what:
            text = f"{who or 'Someone'} blocked {_the(join_names(what))}"
        else:  # nothing named as blocked: the blocking's own label tells it
            label = row.get("blockingLabel") or f"{who or 'Someone'} blocked a resolution"
            text = label[:1].upper() + label[1:]
        time = _time(row.get("times"), row.get("earliest"))
        if time:  # the first: "the summer of 2022"; "last year's" as 2022
            text += f" ({time})"
        thwarted = join_names(_items(row.get("efforts"))) or join_names(_items(row.get("thwarted")))
        if thwarted:
            text += f", thwarting {thwarted}"
        lines.append(text)
    return lines


# the count words after which a noun takes "of" ("dozens of launches", "a series of tests");
# after any other ("numerous", "several", "eight") it follows directly
_TAKES_OF = frozenset("""dozens hundreds thousands scores tens lots number series string spate
flurry barrage volley salvo wave couple handful pair raft slew succession run round batch
lot""".split())
_SINGULAR = frozenset({"one", "a", "an", "a single", "single"})


def how_many(count: str, kinds: list[str]) -> str:
    """A count in the source's words (kg:count) with the event types it counts, as English.

    >>> how_many("dozens", ["missile test"]), how_many("numerous", ["missile launch"])
    ('dozens of missile tests', 'numerous missile launches')
    >>> how_many("a series of", ["launch", "missile test"]), how_many("one", ["launch"])
    ('a series of launches and missile tests', 'one launch')
    """
    count = " ".join(count.split())
    words = count.lower().split()
    nouns = kinds if count.lower() in _SINGULAR else [_plural(k) for k in kinds]
    joiner = " of " if words and words[-1] in _TAKES_OF else " "
    return f"{count}{joiner}{join_names(nouns)}"


def _plural(label: str) -> str:
    """The plural of a noun phrase's last word ("missile launch" -> "missile launches")."""
    head, _, last = label.rpartition(" ")
    if not last or last.endswith("ing"):  # "weapons testing": a mass noun
        return label
    if last.endswith(("s", "sh", "ch", "x", "z")):
        last += "es"
    elif last.endswith("y") and last[-2:-1] not in tuple("aeiou"):
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def _items(cell: str | None) -> list[str]:
    """The items of a list cell (``"China; Russia"``), in its (sorted) order."""
    return [item for item in (cell or "").split("; ") if item]


def _the(label: str) -> str:
    """A label as a definite noun phrase, unless it already starts with an article."""
    first = label.split(" ", 1)[0].lower()
    return label if first in ("a", "an", "the") or not label else f"the {label}"


def _alignment(store: Store, timeout_s: float | None) -> list[str]:
    groups: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    details: dict[tuple[str, str, str], dict[str, str]] = {}
    for row in _rows(store, "alignment-detail", timeout_s):  # the via of each tie
        if not row.get("via"):
            continue
        key = (row.get("actorLabel", row["actor"]), row["tie"], row["via"])
        groups[key].add(row.get("otherLabel", row["other"]))
        details[key] = row
    if not groups:
        return []
    key = min(groups, key=lambda k: (-len(groups[k]), k[0], k[1], k[2]))
    row = details[key]
    verb = row.get("edgeLabel") or row.get("tieLabel", "tied to")
    act = row.get("viaTypeLabel", "")
    return [f"{key[0]} {verb} {join_names(sorted(groups[key]))} via a {act}: "
            f"\u201c{row.get('viaLabel', row['via'])}\u201d".replace("via a : ", "via ")]


def _missiles(store: Store, timeout_s: float | None) -> list[str]:
    lines = []
    counted = [r for r in _rows(store, "missile-tests", timeout_s) if r.get("count")]
    # the series the sources say most about: a stated purpose, then the missiles named
    counted.sort(key=lambda r: (not r.get("purpose"), not r.get("missiles")))
    for row in counted[:1]:
        agents = join_names(_items(row.get("agents")))
        text = f"{agents or 'An actor'}: " + how_many(
            _items(row["count"])[0], _items(row.get("eventTypes")) or ["test"])
        missiles = join_names(_items(row.get("missiles")))
        if missiles:
            text += f" ({missiles})"
        period = _period(row)
        if period:
            text += f", {period}"
        purposes = _items(row.get("purpose"))
        if purposes:
            more = "; …" if len(purposes) > 3 else ""
            text += f"; stated purposes: {'; '.join(purposes[:3])}{more}"
        lines.append(text)
    return lines


def _period(row: dict[str, str]) -> str:
    """A series' span from its first and last days ("September to November 2022"), else
    its first time as :func:`_time` gives it."""
    first, last = when(row.get("earliest"), "day"), when(row.get("latest"), "day")
    if not (first and last):
        return _time(row.get("period"), row.get("earliest"))
    e, la = row["earliest"], row["latest"]
    whole_months = e.endswith("-01") and when(_next_day(la), "day").startswith("1 ")
    if whole_months and e[:4] == la[:4] and e[5:7] == "01" and la[5:7] == "12":
        return e[:4]
    if whole_months:
        start, end = when(e, "month"), when(la, "month")
        if start == end:
            return start
        return f"{start.rsplit(' ', 1)[0] if e[:4] == la[:4] else start} to {end}"
    if e == la:
        return first
    if e[:7] == la[:7]:
        return f"{first.split(' ', 1)[0]} to {last}"
    return f"{first.rsplit(' ', 1)[0] if e[:4] == la[:4] else first} to {last}"


def _next_day(day: str) -> str:
    from datetime import date, timedelta

    try:
        return (date.fromisoformat(day) + timedelta(days=1)).isoformat()
    except ValueError:
        return ""


def _responses(store: Store, timeout_s: float | None) -> list[str]:
    rows = _rows(store, "responses", timeout_s)
    if not rows:
        return []
    pairs = {(r["action"], r["response"]) for r in rows}
    return [f"{len(pairs)} action\u2192response links in the text, the first: "
            f"{rows[0].get('actionLabel', rows[0]['action'])} \u2192 "
            f"{rows[0].get('responseLabel', rows[0]['response'])}"]


def _modalities(store: Store, timeout_s: float | None) -> list[str]:
    counts: Counter[str] = Counter()
    seen: set[str] = set()
    for row in _rows(store, "claims-by-modality", timeout_s):
        if row["claim"] in seen:
            continue
        seen.add(row["claim"])
        counts[row.get("modalityLabel", "unstated")] += 1
    if not counts:
        return []
    parts = ", ".join(f"{n} {label}" for label, n in sorted(counts.items(),
                                                            key=lambda kv: (-kv[1], kv[0])))
    return [f"{sum(counts.values())} claims by modality: {parts}"]


def _first_page(store: Store, name: str, timeout_s: float | None) -> list[dict[str, str]]:
    result = run_query(name, store, timeout_s=timeout_s)  # the heaviest come first
    return [{k: lexical(v) for k, v in row.items()} for row in result.dicts()]


def _agreement(store: Store, timeout_s: float | None) -> list[str]:
    """The item most sources report (queries/corroboration.rq), if more than one does."""
    rows = _first_page(store, "corroboration", timeout_s)  # one row per item
    if not rows or int(rows[0]["sources"]) < 2:
        return []
    first = rows[0]
    documents = join_names(_titles(first.get("documents")), limit=SOURCES_SHOWN)
    return [f"Strongest agreement: {first['sources']} sources report "
            f"{first.get('itemLabel', first['item'])} ({documents})"]


def _disagreement(store: Store, timeout_s: float | None) -> list[str]:
    """The heaviest disagreement between two sources (queries/contradictions.rq)."""
    rows = _first_page(store, "contradictions", timeout_s)  # one row per disagreement
    if not rows:
        return []
    r = rows[0]
    sides = []
    for side in "AB":
        documents = _titles(r.get(f"documents{side}"))
        weight = r[f"weight{side}"]
        names = join_names(documents, limit=SOURCES_SHOWN)
        sides.append(f"{names} say{'s' * (len(documents) < 2)} "
                     f"{_value(r[f'value{side}'])} ({weight} source{'s' * (weight != '1')})")
    return [f"Strongest disagreement: on the {r['aspect']} of {r.get('nodeLabel', r['node'])}, "
            + ", ".join(sides)]


def _titles(cell: str | None) -> list[str]:
    """Document titles of a list cell, quoted: titles hold commas of their own."""
    return [f"\u201c{t}\u201d" for t in _items(cell)]


_SPAN = re.compile(r"^(?P<words>.*) \((?P<first>\d{4}-\d\d-\d\d) to (?P<last>\d{4}-\d\d-\d\d)\)$")


def _value(cell: str) -> str:
    """A disagreement's side: times that all name one span ("26 May (2022-05-26 to
    2022-05-26); on 26 May (...)") as that span once (26 May 2022); else as the query gave it."""
    spans = [_SPAN.match(item) for item in _items(cell)]
    if not spans or not all(spans) or len({(m["first"], m["last"]) for m in spans if m}) != 1:
        return cell
    m = spans[0]
    assert m is not None
    return _period({"earliest": m["first"], "latest": m["last"]}) or cell
