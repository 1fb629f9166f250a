"""What the graph holds, as the check reads it: the checked records (the build's own model, so a
value here is the value the build states) with, for each value, its rank, how it was obtained and
the sources that state it (a quoted sentence, or a cited report's address).

Held values are compared as plain strings: a record's id for a link to a record, the lexical form
for a literal (dates as ISO prefixes: "2001", "2001-11", "2001-11-09").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rdflib import URIRef
from rdflib.namespace import RDFS

from kg.build.graph import support
from kg.build.model import CheckedData, Record
from kg.rdf.namespaces import AZD, ID, statement_iri

ENTITY = str(ID)


def plain(value: Any) -> str:
    """A held value (an rdflib term) or a read one (a Python value) as the check compares it."""
    if isinstance(value, URIRef) and str(value).startswith(ENTITY):
        return str(value)[len(ENTITY):]
    if isinstance(value, URIRef) and str(value).startswith(str(AZD)):  # a concept of ours: a hedge, a rank
        return str(value)[len(str(AZD)):]
    return str(value)  # a literal's lexical form, or a value as read


@dataclass(frozen=True)
class Source:
    """Who states a held value: an article quoted sentence by sentence, or a cited report."""

    id: str
    label: str
    quote: str | None = None
    url: str | None = None
    published: str | None = None

    def to_json(self) -> dict:
        out: dict[str, Any] = {"id": self.id, "label": self.label}
        out |= {"quote": self.quote} if self.quote is not None else {"url": self.url}
        if self.published:
            out["published"] = self.published
        return out


@dataclass(frozen=True)
class Held:
    """One value the graph holds for a field of a record, with who says it."""

    record: str
    field: str
    value: str
    label: str  # the value's label when it is a record, else the value
    rank: str  # preferred | normal | deprecated
    obtained: str  # stated | context
    sources: tuple[Source, ...]
    statement: str  # the IRI of the statement node that ties the value to its sources
    qualifiers: tuple[tuple[str, str], ...] = ()  # (validFrom | validUntil | asOf, date)
    note: str | None = None


class GraphView:
    """The checked data, looked up by record and field."""

    def __init__(self, data: CheckedData):
        self.data = data
        self.records: dict[str, Record] = data.records

    def label(self, rid: str) -> str:
        rec = self.records.get(rid)
        if rec is None:
            return rid
        names = [o for p, o in rec.statements if p == RDFS.label]
        english = [str(o) for o in names if getattr(o, "language", None) in (None, "en")]
        return (english or [str(o) for o in names] or [rid])[0]

    def type_of(self, rid: str) -> str | None:
        rec = self.records.get(rid)
        return str(rec.type)[len(str(AZD)):] if rec is not None else None

    def values(self, rid: str, field: str) -> list[Held]:
        rec = self.records.get(rid)
        if rec is None:
            return []
        predicate = AZD[field]
        out = []
        for p, o in rec.statements:
            if p != predicate:
                continue
            how = rec.ranked(p, o)
            value = plain(o)
            sources = tuple(dict.fromkeys(self._source(e.source, e.quote) for e in support(rec, p, o, self.data.articles)))
            out.append(Held(rid, field, value, self.label(value) if value in self.records else value, how.rank,
                            how.obtained, sources, str(statement_iri(rec.iri, p, o)),
                            tuple((q, str(d)) for q, d in how.qualifiers), how.note))
        return out

    def plain_values(self, rid: str, field: str) -> list[str]:
        """The values alone, without their sources."""
        rec = self.records.get(rid)
        predicate = AZD[field]
        return [plain(o) for p, o in rec.statements if p == predicate] if rec is not None else []

    def where(self, place: str) -> set[str]:
        """The place and every place it lies in (azd:containedInPlace, followed up)."""
        seen, todo = set(), [place]
        while todo:
            p = todo.pop()
            if p in seen:
                continue
            seen.add(p)
            todo += self.plain_values(p, "containedInPlace")
        return seen

    def of_type(self, kind: str) -> list[str]:
        iri = AZD[kind]
        return [rid for rid, rec in self.records.items() if rec.type == iri]

    def _source(self, sid: str, quote: str | None) -> Source:
        published = self.plain_values(sid, "datePublished")
        url = self.plain_values(sid, "url")
        return Source(sid, self.label(sid), quote, None if quote is not None else (url[0] if url else None),
                      published[0] if published else None)
