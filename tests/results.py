"""Comparing SPARQL JSON results from two engines."""

from __future__ import annotations


def comparable_rows(doc: dict) -> list[tuple]:
    """The rows of SPARQL JSON results as sorted tuples of values. GROUP_CONCAT leaves the order
    of its parts to the engine, so each value's " | "-separated parts are sorted too."""
    names = doc["head"]["vars"]
    return sorted(tuple(" | ".join(sorted((b.get(v) or {}).get("value", "").split(" | "))) for v in names)
                  for b in doc["results"]["bindings"])
