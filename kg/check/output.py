"""The verdicts of a check, for people (a table and the sources under each claim), for tools
(JSON), and as schema.org ClaimReviews (JSON-LD).

JSON: ``{"claims": [{"sentence", "span", "subject", "field", "value", "verdict", "graph", "sources",
…}]}``; ``span`` is [start, end) in the text as read (line ends as ``\n``, a byte-order mark
dropped: otherwise the text as given), ``graph`` the values the graph holds,
``sources`` who states them (``quote`` for a held article's sentence, ``url`` for a cited report).
"""

from __future__ import annotations

import json
import textwrap

from kg.check import Checked
from kg.check.verdicts import VERDICTS, Claim
from kg.rdf.namespaces import BASE, ID

RATING = {  # the verdict as a rating: 1 (contradicted) … 4 (supported); not-in-graph has no value
    "supported": 4, "disputed": 2, "contradicted": 1,
}


def claim_json(c: Claim) -> dict:
    shown = [h for h in c.held if h.field != "hedge"]  # a figure's hedge is in its value's words and in the reason
    sources = []
    for h in shown:
        for s in h.sources:
            item = s.to_json() | {"value": h.label}
            if item not in sources:
                sources.append(item)
    out = {
        "sentence": c.sentence.text, "span": [c.sentence.start, c.sentence.end], "subject": c.subject,
        "subjectLabel": c.subject_label, "field": c.field, "value": c.value, "valueLabel": c.value_label,
        "verdict": c.verdict, "reason": c.reason,
        "graph": list(dict.fromkeys(h.label for h in shown)),
        "statements": list(dict.fromkeys(h.statement for h in c.held)),
        "sources": sources,
    }
    if c.read_from_context:
        out["readFromContext"] = c.read_from_context
    if c.subject_held:
        out["subjectIri"] = str(ID[c.subject])
    return out


def to_json(result: Checked) -> dict:
    return {"published": result.published.isoformat(),
            "counts": {v: result.count(v) for v in VERDICTS},
            "claims": [claim_json(c) for c in result.claims]}


def to_jsonld(result: Checked) -> dict:
    """One schema:ClaimReview per claim: the claim (a schema:Claim with its sentence), the verdict
    as its rating, and the statements of the graph it is based on."""
    reviews = []
    for c in result.claims:
        review = {
            "@type": "ClaimReview",
            "claimReviewed": c.sentence.text,
            "itemReviewed": {"@type": "Claim", "text": c.sentence.text},
            "reviewRating": {"@type": "Rating", "name": c.verdict, "alternateName": c.verdict,
                             "ratingExplanation": c.reason},
            "isBasedOn": [{"@id": h.statement} for h in c.held],
        }
        if c.subject_held:
            review["about"] = {"@id": str(ID[c.subject]), "name": c.subject_label}
        if c.verdict in RATING:
            review["reviewRating"] |= {"ratingValue": RATING[c.verdict], "bestRating": 4, "worstRating": 1}
        reviews.append(review)
    return {"@context": {"@vocab": "https://schema.org/", "st": f"{BASE}statement/"}, "@graph": reviews}


def dumps(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


MARK = {"supported": "SUPPORTED", "contradicted": "CONTRADICTED", "disputed": "DISPUTED", "not-in-graph": "NOT IN GRAPH"}


def to_text(result: Checked) -> str:
    """For people: each claim with its verdict, what the graph holds and who says it."""
    if not result.claims:
        return "The reader found no fact in the text that it can check against the graph.\n"
    lines = []
    counts = ", ".join(f"{result.count(v)} {v}" for v in VERDICTS)
    lines.append(f"{len(result.claims)} claims: {counts} (the text read as of {result.published.isoformat()})")
    sentence = None
    for c in result.claims:
        if c.sentence.text != sentence:
            sentence = c.sentence.text
            lines += ["", *textwrap.wrap(f"“{sentence}”", 100)]
        lines.append(f"  {MARK[c.verdict]:<13} {c.subject_label}: {c.field} = {c.value_label}")
        lines.append(f"  {'':<13} {c.reason}")
        for h in c.held:
            for s in h.sources:
                said = f"“{s.quote}”" if s.quote else (s.url or "cited report")
                date = f", {s.published}" if s.published else ""
                lines += textwrap.wrap(f"{h.label} ({h.rank}) — {s.label}{date}: {said}", 96,
                                       initial_indent=" " * 16, subsequent_indent=" " * 18)
    return "\n".join(lines) + "\n"
