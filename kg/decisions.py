"""A curator's decision, typed: what was decided, by whom, and when.

Both review workflows use it: the link proposals of ``kg link`` (data/review/wikidata-links.yaml)
and the candidate facts of ``kg ingest`` (data/review/ARTICLE_ID.yaml). A review file holds each
decision as ``decision: pending | accept | reject`` with ``decidedBy`` (the curator) and
``decidedOn`` (YYYY-MM-DD); this module reads and writes those three keys, and nothing else.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any

from kg.errors import DataError


class Decision(enum.Enum):
    PENDING = "pending"
    ACCEPT = "accept"
    REJECT = "reject"


DECISIONS = tuple(d.value for d in Decision)


@dataclass(frozen=True)
class Judgement:
    """What a curator decided about one proposal, by whom and when (both None while pending)."""

    decision: Decision = Decision.PENDING
    decided_by: str | None = None
    decided_on: dt.date | None = None

    @property
    def complete(self) -> bool:
        """Whether a decision says who made it and when (a pending one needs neither)."""
        return self.decision is Decision.PENDING or (self.decided_by is not None and self.decided_on is not None)

    def to_yaml(self) -> dict[str, Any]:
        out: dict[str, Any] = {"decision": self.decision.value}
        if self.decided_by is not None:
            out["decidedBy"] = self.decided_by
        if self.decided_on is not None:
            out["decidedOn"] = self.decided_on.isoformat()
        return out

    @classmethod
    def from_yaml(cls, item: dict, where: str, what: str) -> Judgement:
        """Read ``decision``, ``decidedBy`` and ``decidedOn`` from a review item; ``where`` (FILE:LINE)
        and ``what`` (the proposal's name) place a DataError."""
        decision = item.get("decision")
        if not isinstance(decision, str) or decision not in DECISIONS:
            raise DataError(f"{where}: {what}: decision must be one of {', '.join(DECISIONS)}")
        by, on = item.get("decidedBy"), item.get("decidedOn")
        if by is not None and (not isinstance(by, str) or not by.strip()):
            raise DataError(f"{where}: {what}: decidedBy must be the curator's name")
        try:
            day = dt.date.fromisoformat(on) if on is not None else None
        except (TypeError, ValueError):
            raise DataError(f"{where}: {what}: decidedOn must be a date YYYY-MM-DD, found {on!r}") from None
        return cls(Decision(decision), by, day)
