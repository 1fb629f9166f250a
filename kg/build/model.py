"""The domain model: what the build reads (raw records, where they stand) and what the checker
makes of them (records with their statements and evidence, links, the checked data).

Every other step of the build takes and returns these; nothing here reads a file or knows RDF
beyond the terms a record's statements hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import URIRef


@dataclass(frozen=True)
class Where:
    """Where a record stands: file (relative to the project) and line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class RawRecord:
    """A record as read from YAML, before checking."""

    where: Where
    fields: dict[str, Any]

    @property
    def name(self) -> str:
        """How to name the record in a message."""
        rid = self.fields.get("id") or self.fields.get("entity")
        return f"record {rid!r}" if rid else "record"


@dataclass
class RawData:
    records: list[RawRecord] = field(default_factory=list)
    links: list[RawRecord] = field(default_factory=list)
    dataset: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Evidence:
    """A sentence quoted from a held article, or (``quote`` None) a citation of a report whose text
    the project does not hold."""

    source: str  # id of the article (or cited report) record
    quote: str | None
    where: Where
    supports: frozenset[str] | None = None  # the fields this item states; None: all of them

    def states(self, field_name: str) -> bool:
        return self.supports is None or field_name in self.supports

    @property
    def cited(self) -> bool:
        return self.quote is None


RANKS = ("preferred", "normal", "deprecated")


@dataclass(frozen=True)
class Qualified:
    """What a value written in its long form (``{value: …, rank: …}``) says about itself."""

    evidence: tuple[Evidence, ...] = ()  # none given: the record's evidence that supports the field
    rank: str = "normal"  # preferred | normal | deprecated (RANKS)
    obtained: str = "stated"  # stated | context (read by the curator from the context)
    qualifiers: tuple[tuple[str, Any], ...] = ()  # (validFrom | validUntil | asOf, date literal)
    note: str | None = None  # the curator's reason (a rank's, a disagreement's)


@dataclass
class Record:
    """A checked record: its IRI, classes, statements (predicate, object) and evidence."""

    id: str
    iri: URIRef
    type: URIRef
    where: Where
    statements: list[tuple[URIRef, Any]] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    qualified: dict[tuple[URIRef, Any], Qualified] = field(default_factory=dict)  # values in their long form
    former: list[str] = field(default_factory=list)  # ids it was published under before (they resolve to it)

    @property
    def sources(self) -> list[str]:
        """Ids of the articles (and cited reports) of this record's evidence, in order, without repeats."""
        found = [e.source for e in self.evidence]
        found += [e.source for q in self.qualified.values() for e in q.evidence]
        return list(dict.fromkeys(found))

    def ranked(self, predicate: URIRef, value: Any) -> Qualified:
        return self.qualified.get((predicate, value), PLAIN)


@dataclass(frozen=True)
class Link:
    entity: str
    iri: URIRef
    target: URIRef
    match: URIRef
    confidence: str
    confirmed_by: str
    dataset: str
    where: Where


@dataclass
class CheckedData:
    records: dict[str, Record]
    links: list[Link]
    articles: dict[str, str]  # article id -> text
    dataset: dict[str, Any]
    reports: dict[str, str] = field(default_factory=dict)  # cited report id -> its headline (text not held)




PLAIN = Qualified()  # a value written plainly: normal rank, stated, no qualifiers
