"""What the reader finds: the things an article speaks of, and the facts it states about them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.ingest.article import Sentence
from kg.ingest.names import Known


@dataclass
class Thing:
    """Something the article speaks of: a record of the graph (``known``) or a new one."""

    id: str
    type: str
    label: str
    known: Known | None = None
    rules: set[str] = field(default_factory=set)
    possibly: tuple[str, ...] = ()  # held records a new thing may be the same as, for the curator to decide


@dataclass(frozen=True)
class Fact:
    subject: str  # a Thing's id
    field: str
    value: Any
    sentence: Sentence
    rule: str
    confidence: float
    context: str | None = None  # how the value was read from context, when it was
