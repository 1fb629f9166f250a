"""Score `kg check` on a set of claims written for the tests (tests/fixtures/check/*.yaml).

Each claim is one sentence with the verdict the graph should give the fact it is judged on
(``field``: a field, the start of what a figure counts, or ``holder``). The verdict found is that
of the first claim the check makes on that field in the sentence; a claim with no ``field`` is
judged on all the sentence's claims (all must be ``not-in-graph``, or there must be none: a
sentence the reader finds nothing to check in says nothing the graph holds). Reported: the share
of right verdicts, false claims called supported, and unheld claims called contradicted.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml


def verdict_of(claims, field: str | None) -> str:
    if field is None:
        return "not-in-graph" if all(c.verdict == "not-in-graph" for c in claims) else \
            next(c.verdict for c in claims if c.verdict != "not-in-graph")
    for c in claims:
        if c.field == field or c.field.startswith(field + " ") or c.field.startswith(field + "("):
            return c.verdict
    return "none found"


def score(path: Path, checker) -> dict:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    day = dt.date.fromisoformat(str(doc["date"]))
    rows = []
    for item in doc["claims"]:
        result = checker.check(item["text"], day)
        got = verdict_of(result.claims, item.get("field"))
        kind = str(item["kind"]).lower()  # YAML reads a bare true / false as a boolean: "false", not False
        rows.append({"text": item["text"], "kind": kind, "expect": item["expect"], "got": got,
                     "right": got == item["expect"]})
    n = len(rows)
    return {"part": path.stem, "claims": n, "right": sum(r["right"] for r in rows),
            "share_right": sum(r["right"] for r in rows) / n if n else 0.0,
            "false_supported": sum(1 for r in rows if r["kind"] == "false" and r["got"] == "supported"),
            "unheld_contradicted": sum(1 for r in rows if r["kind"] == "unheld" and r["got"] == "contradicted"),
            "none_found": sum(1 for r in rows if r["got"] == "none found"),
            "rows": rows}
