"""The timeline of the home page: dated items of queries/timeline.rq placed on a year axis, legal
acts above it and events below, labels in rows so that none overlaps another."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    iri: str
    label: str
    kind: str
    date: str
    place: str
    legal: bool  # legal acts above the axis, events below
    x: float
    row: int  # label row away from the axis
    year_only: bool
    how: str = ""  # "read from context" where the curator read the date so
    disputed: str = ""  # "sources disagree: also dated …" where one thing has two dates


@dataclass(frozen=True)
class Timeline:
    marks: list[Mark]
    years: list[tuple[int, float]]  # axis ticks
    width: int
    height: int
    axis_y: int
    row_height: int
    first: int
    last: int


LEGAL_KINDS = ("law", "decree", "decision", "charter", "order", "act")


def when(date: str) -> tuple[float, bool]:
    """Where a date (YYYY, YYYY-MM or YYYY-MM-DD) stands on a year axis, and whether it is a year only
    (placed mid-year); the charts of kg/site/chart.py place their figures by it too."""
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", date)
    if not m:
        raise ValueError(date)
    year, month, day = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    if not month:
        return year + 0.5, True
    return year + (month - 1) / 12 + (max(day, 1) - 1) / 365, False


def timeline(rows: list[dict], first: int = 1991, last: int = 2026, width: int = 1080,
             char_px: float = 6.4, label_chars: int = 46, row_height: int = 18) -> Timeline:
    """Place each dated item on a year axis; labels go in rows so none overlaps another.

    ``rows`` are SPARQL JSON bindings of queries/timeline.rq (date, kind, label, item).
    """
    left, right = 30, 30
    span = (last + 1 - first)
    scale = (width - left - right) / span
    items = []
    for r in rows:
        try:
            t, year_only = when(r["date"]["value"])
        except (KeyError, ValueError):
            continue
        if not first <= int(t) <= last:
            continue
        kind = r["kind"]["value"]
        items.append((t, year_only, r, any(k in kind for k in LEGAL_KINDS)))
    items.sort(key=lambda x: (x[0], x[2]["label"]["value"]))
    marks: list[Mark] = []
    ends: dict[bool, list[float]] = {True: [], False: []}  # per side: where each row's last label ends
    for t, year_only, r, legal in items:
        x = left + (t - first) * scale
        label = r["label"]["value"]
        short = label if len(label) <= label_chars else label[: label_chars - 1] + "…"
        w = len(short) * char_px + 12
        rows_used = ends[legal]
        row = next((i for i, end in enumerate(rows_used) if end < x), None)
        if row is None:
            row = len(rows_used)
            rows_used.append(0.0)
        rows_used[row] = x + w
        marks.append(Mark(r["item"]["value"], short, r["kind"]["value"], r["date"]["value"],
                          r.get("place", {}).get("value", ""), legal, round(x, 1), row, year_only,
                          r.get("how", {}).get("value", ""), r.get("disputed", {}).get("value", "")))
    above = max((m.row for m in marks if m.legal), default=-1) + 1
    below = max((m.row for m in marks if not m.legal), default=-1) + 1
    axis_y = 30 + above * row_height + 20
    height = axis_y + 30 + below * row_height + 20
    years = [(y, round(left + (y - first) * scale, 1)) for y in range(first, last + 2)]
    return Timeline(marks, years, width + 320, height, axis_y, row_height, first, last)
