"""An entity as of a day (``?as_of=YYYY-MM-DD`` on its page): what the rows of queries/as-of.rq for
that day say of it. Only what a source places at that time is said; nothing else is shown as true then."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class AsOf:
    day: str
    lines: list[str] = field(default_factory=list)


def as_of(rows: list[dict], iri: str, day: str, is_day: bool = False) -> AsOf:
    """What the as-of rows (SPARQL JSON bindings) say of ``iri`` on ``day``. ``is_day``: the entity
    is the commemorative Day, whose name then is the one the latest act naming it had given."""
    view = AsOf(day)

    def value(row: dict, name: str) -> str:
        return row.get(name, {}).get("value", "")

    for row in rows:
        kind, body, holder = value(row, "kind"), value(row, "body"), value(row, "holder")
        thing, detail = value(row, "thing"), value(row, "detail")
        since = value(row, "since") + (f", {value(row, 'how')}" if value(row, "how") else "")
        if kind == "body" and body == iri:
            view.lines.append(f"existed (since {since}{'; ' + detail if detail else ''})")  # and what changed it, if it did
        elif kind == "post held" and body == iri:
            view.lines.append(f"held by {detail} (since {since})")
        elif kind == "post held" and holder == iri:
            view.lines.append(f"held the post of {thing} (since {since})")
        elif kind == "act adopted" and body == iri:
            view.lines.append(f"adopted (on {since})")
        elif kind == "the Day's name" and (is_day or body == iri):
            view.lines.append(f"the Day's name: {detail} (as {thing} gave it, {since})")
    return view
