"""The text of a check, cut into its sentences for the /check page: each sentence the check made
claims on, marked by their verdicts and carrying them; the stretches between as plain text.
Takes the check's JSON (``kg.check.output.to_json``), so the pages need nothing of the check."""

from __future__ import annotations

ORDER = ("contradicted", "disputed", "supported", "not-in-graph")  # the mark a sentence gets: its worst verdict


def sentences(text: str, claims: list[dict]) -> list[dict]:
    """``text`` as segments: {"text", "verdict" (None for plain text), "claims": [...]}, in order."""
    by_span: dict[tuple[int, int], list[dict]] = {}
    for c in numbered(claims):
        by_span.setdefault(tuple(c["span"]), []).append(c)
    out, at = [], 0
    for (start, end), mine in sorted(by_span.items()):
        if start < at or end > len(text) or text[start:end] != mine[0]["sentence"]:
            continue  # a span that does not point into the text as given is shown in the list only
        if start > at:
            out.append({"text": text[at:start], "verdict": None, "claims": []})
        verdicts = {c["verdict"] for c in mine}
        out.append({"text": text[start:end], "verdict": next(v for v in ORDER if v in verdicts), "claims": mine})
        at = end
    if at < len(text):
        out.append({"text": text[at:], "verdict": None, "claims": []})
    return out


def numbered(claims: list[dict]) -> list[dict]:
    """The claims, each with its number on the page (``n``) and its entity page (``page``, if held)."""
    return [c | {"n": i, "page": f"/doc/id/{c['subject']}" if c.get("subjectIri") else None}
            for i, c in enumerate(claims, 1)]
