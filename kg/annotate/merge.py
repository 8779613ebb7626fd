"""Merge a machine draft into an existing annotation without touching a human decision.

``kg annotate --merge FILE.yaml`` drafts the text of an annotation file and appends to its
``annotations:`` list only what the file does not already say: every byte already written
(items, comments, order) stays as it is. A drafted item is left out when an item of the
same kind (actor/place/weapon, time span, event, claim) already covers an overlapping stretch
of the text, or already has its id; references of the items that are added point at the
existing item instead of a left-out one (a drafted claim about an event a human annotated
names the human's event). Ids that clash get a ``-draft`` suffix. Merging twice adds nothing
the second time.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import AnnotationError, UsageError

__all__ = ["merge_draft"]

MARK = "# --- machine draft merged by kg annotate --merge: review every item below ---"


def merge_draft(annotation: str | Path, drafted: list[dict], onto) -> tuple[str, int]:
    """The annotation file's text with the ``drafted`` items it lacks appended, and how many
    were added. :raises UsageError: when the file cannot be merged into (it is not the native
    format, or ``annotations:`` is not its last top-level key)."""
    from kg.loaders.native import load

    path = Path(annotation)
    doc, problems = load(path)
    if doc is None or problems:
        raise AnnotationError(problems or [])
    original = path.read_bytes().decode("utf-8")  # as it is: CRLF stays CRLF
    kinds = ("Actor", "Place", "WeaponSystem", "PolicyObjective", "TimeSpan", "Event", "Claim",
             "Motive", "Relation", "Artifact")

    def kind(type_: str) -> str | None:
        if not onto.has_class(type_):
            return None
        return next((k for k in kinds if onto.class_(type_).is_a(k)), None)

    existing_ids = {it.id for it in doc.items}
    kind_of = {it.id: kind(it.type) for it in doc.items}
    covered = [(kind(it.type), a.start, a.end, it.id) for it in doc.items for a in it.anchors]
    to_existing: dict[str, str | None] = {}
    added: list[dict] = []
    for item in drafted:
        k, spans = kind(item["type"]), _spans(doc.text, item)
        hit = next((i for kk, s, e, i in covered if kk == k and any(
            s < b and a < e for a, b in spans)), None)
        if hit is not None or (k in ("Actor", "Place", "WeaponSystem", "PolicyObjective")
                               and item["id"] in existing_ids and kind_of[item["id"]] == k):
            to_existing[item["id"]] = hit or item["id"]
            continue
        added.append(item)
    taken = set(existing_ids)
    for item in added:
        new_id = item["id"] if item["id"] not in taken else f"{item['id']}-draft"
        while new_id in taken:
            new_id += "-draft"
        to_existing[item["id"]] = new_id
        taken.add(new_id)
    for item in added:
        item["id"] = to_existing[item["id"]]
        for key, value in list(item.items()):
            if isinstance(value, list) and key != "mentions" and all(
                    isinstance(v, str) and v in to_existing for v in value):
                item[key] = list(dict.fromkeys(to_existing[v] for v in value))
            elif isinstance(value, str) and key not in ("id", "type") and value in to_existing \
                    and _is_ref(key, onto):
                item[key] = to_existing[value]
    if not added:
        return original, 0
    return original + _appendix(original, added, path), len(added)


def _is_ref(key: str, onto) -> bool:
    prop = onto.properties.get(key)
    return prop is not None and prop.kind == "object"


def _spans(text: str, item: dict) -> list[tuple[int, int]]:
    from kg.loaders.anchors import QuoteSpec, resolve_quote

    specs = ([{k: item[k] for k in ("quote", "prefix", "suffix", "occurrence") if k in item}]
             if "quote" in item else []) + list(item.get("mentions") or [])
    out = []
    for spec in specs:
        occ = spec.get("occurrence")
        try:
            anchors = resolve_quote(text, QuoteSpec(exact=spec["quote"],
                                                    prefix=spec.get("prefix") or "",
                                                    suffix=spec.get("suffix") or "",
                                                    occurrence=occ))
        except Exception:  # noqa: BLE001 - a drafted quote always resolves; be safe anyway
            continue
        out += [(a.start, a.end) for a in anchors]
    return out


def _appendix(original: str, items: list[dict], path: Path) -> str:
    import yaml

    lines = original.splitlines()
    tops = [ln.split(":", 1)[0] for ln in lines if ln[:1].isalpha()]
    if not tops or tops[-1] != "annotations":
        raise UsageError(f"{path}: --merge appends to the 'annotations:' list, which must be "
                         "the file's last top-level key")
    start = max(i for i, ln in enumerate(lines) if ln.startswith("annotations:"))
    indent = next((len(ln) - len(ln.lstrip()) for ln in lines[start + 1:]
                   if ln.lstrip().startswith("- ")), 2)
    body = yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=100)
    pad = " " * indent
    nl = "\r\n" if "\r\n" in original else "\n"  # the file's own line ends
    out = "" if original.endswith("\n") else nl
    out += f"{nl}{pad}{MARK}{nl}"
    out += "".join(pad + ln + nl if ln else nl for ln in body.splitlines())
    return out
