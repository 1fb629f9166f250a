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
    source: str  # id of the article record
    quote: str
    where: Where
    supports: frozenset[str] | None = None  # the fields this quote states; None: all of them

    def states(self, field_name: str) -> bool:
        return self.supports is None or field_name in self.supports


@dataclass
class Record:
    """A checked record: its IRI, classes, statements (predicate, object) and evidence."""

    id: str
    iri: URIRef
    type: URIRef
    where: Where
    statements: list[tuple[URIRef, Any]] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        """Ids of the articles this record's evidence cites, in order, without repeats."""
        return list(dict.fromkeys(e.source for e in self.evidence))


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


