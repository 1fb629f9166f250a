"""Comparing SPARQL JSON results from two engines."""

from __future__ import annotations


def comparable_rows(doc: dict) -> list[tuple]:
    """The rows of SPARQL JSON results as sorted tuples of values, compared string for string
    (a GROUP_CONCAT whose parts come in an engine's own order is a query to fix, not to hide here)."""
    names = doc["head"]["vars"]
    return sorted(tuple((b.get(v) or {}).get("value", "") for v in names) for b in doc["results"]["bindings"])
