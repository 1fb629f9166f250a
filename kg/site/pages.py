"""What the web view shows, computed from query results: the timeline, the label
search, and the entity descriptions behind the Linked Data pages.

Nothing here talks HTTP (that is kg.serve) or evaluates SPARQL (that is kg.engine);
these functions take rows and graphs and return what the templates draw.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kg.rdf.namespaces import BASE

#: An entity's description: its own triples, the triples pointing at it, the labels and
#: types of both ends, its evidence (sentence, article, date) and its external links.
#: ``?e`` is bound by substitution, never formatted into the text.
DESCRIBE = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX azd: <https://w3id.org/azdiaspora/ontology#>
CONSTRUCT {
  ?e ?p ?o . ?o rdfs:label ?ol . ?p rdfs:label ?pl .
  ?s ?q ?e . ?s rdfs:label ?sl . ?q rdfs:label ?ql .
  ?ev ?evp ?evo . ?art rdfs:label ?al ; azd:datePublished ?ad .
  ?link ?lp ?lo .
  ?t rdfs:label ?tl ; rdfs:subClassOf ?sup .
} WHERE {
  { ?e ?p ?o . OPTIONAL { ?o rdfs:label ?ol } OPTIONAL { ?p rdfs:label ?pl } }
  UNION { ?s ?q ?e . FILTER(?q != azd:linkSubject) OPTIONAL { ?s rdfs:label ?sl } OPTIONAL { ?q rdfs:label ?ql } }
  UNION { ?e azd:evidence ?ev . ?ev ?evp ?evo .
          OPTIONAL { ?ev azd:quotedFrom ?art . ?art rdfs:label ?al . OPTIONAL { ?art azd:datePublished ?ad } } }
  UNION { ?link azd:linkSubject ?e ; ?lp ?lo }
  UNION { ?e a ?t . ?t rdfs:label ?tl . OPTIONAL { ?t rdfs:subClassOf ?sup } }
}
"""

#: Every label of every entity, for the search box.
LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?e ?label ?main ?space WHERE {
  ?e rdfs:label|skos:altLabel ?label .
  FILTER(isIRI(?e) && STRSTARTS(STR(?e), STR(?space)))
  OPTIONAL { ?e rdfs:label ?main . FILTER(LANGMATCHES(LANG(?main), "en")) }
}
"""
ENTITY_SPACE = BASE + "id/"


# ---------------------------------------------------------------- search


_FOLD = str.maketrans({"ə": "e", "ı": "i", "ğ": "g", "ş": "s", "ç": "c", "ö": "o", "ü": "u", "İ": "i", "Ə": "e"})


def fold(text: str) -> str:
    """Lower-case, without accents, Azerbaijani letters spelt in plain Latin (ə→e, ı→i, ş→s …),
    so that "Baki", "Bakı" and "BAKU" find what they should."""
    text = text.translate(_FOLD).casefold().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


@dataclass(frozen=True)
class Hit:
    iri: str
    label: str  # the matching label
    lang: str
    main: str  # the entity's English label


class LabelIndex:
    """Labels (English, Azerbaijani, alternatives) of every entity, searchable by words."""

    def __init__(self, rows: list[dict]):
        self.entries = [(fold(r["label"]["value"]), Hit(r["e"]["value"], r["label"]["value"], r["label"].get("xml:lang", ""),
                                                         r.get("main", r["label"])["value"])) for r in rows]
        self.entities = len({hit.iri for _folded, hit in self.entries})

    def search(self, text: str, limit: int = 50) -> list[Hit]:
        words = fold(text).split()
        if not words:
            return []
        found: dict[str, tuple[tuple, Hit]] = {}
        for folded, hit in self.entries:
            if all(w in folded for w in words):
                rank = (folded != " ".join(words), not folded.startswith(words[0]), len(folded), hit.label)
                if hit.iri not in found or rank < found[hit.iri][0]:
                    found[hit.iri] = (rank, hit)
        return [hit for _rank, hit in sorted(found.values(), key=lambda x: x[0])][:limit]


# ---------------------------------------------------------------- timeline


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


def _when(date: str) -> tuple[float, bool]:
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", date)
    if not m:
        raise ValueError(date)
    year, month, day = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    if not month:
        return year + 0.5, True
    return year + (month - 1) / 12 + (max(day, 1) - 1) / 365, False


def timeline(rows: list[dict], first: int = 1991, last: int = 2025, width: int = 1080,
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
            t, year_only = _when(r["date"]["value"])
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
                          r.get("place", {}).get("value", ""), legal, round(x, 1), row, year_only))
    above = max((m.row for m in marks if m.legal), default=-1) + 1
    below = max((m.row for m in marks if not m.legal), default=-1) + 1
    axis_y = 30 + above * row_height + 20
    height = axis_y + 30 + below * row_height + 20
    years = [(y, round(left + (y - first) * scale, 1)) for y in range(first, last + 2)]
    return Timeline(marks, years, width + 320, height, axis_y, row_height, first, last)
