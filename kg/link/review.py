"""The curator's review of link proposals: typed decisions (what, by whom, when), read from and
written to data/review/wikidata-links.yaml, and applied as curated link records.

A curator sets a proposal's ``decision`` to accept or reject, and says who decided and when
(``decidedBy``, ``decidedOn``); ``kg link --apply`` turns accepted proposals into link records in
data/links/links.yaml. What is left to review is reported as a warning by ``kg validate`` (and
made fatal by ``--fail-on warning``): a proposal still pending, a decision without its curator or
date, an accepted proposal not yet applied.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kg.build.load import LINE_KEY, read_yaml
from kg.build.model import CheckedData
from kg.decisions import Decision, Judgement
from kg.errors import DataError
from kg.layout import Layout
from kg.problems import Problem, Severity
from kg.rdf.files import write_text_atomic


@dataclass(frozen=True)
class Proposal:
    """One candidate for one entity, with what the linker found and what the curator decided."""

    entity: str  # the record's id
    candidate: str  # the Wikidata item's IRI
    label: str = ""
    description: str = ""
    score: float = 0.0
    reasons: tuple[str, ...] = ()
    suggestion: str = "review"  # the linker's: accept (high and clearly ahead) or review
    decision: Decision = Decision.PENDING
    decided_by: str | None = None  # the curator
    decided_on: dt.date | None = None
    line: int | None = None  # where it stands in the review file

    def to_yaml(self) -> dict[str, Any]:
        return {"entity": self.entity, "candidate": self.candidate, "label": self.label, "description": self.description,
                "score": self.score, "reasons": list(self.reasons), "suggestion": self.suggestion,
                **Judgement(self.decision, self.decided_by, self.decided_on).to_yaml()}


def _proposal(item: Any, i: int, rel: str) -> Proposal:
    if not isinstance(item, dict) or not {"entity", "candidate", "decision"} <= set(item):
        raise DataError(f"{rel}: proposal {i} needs entity, candidate and decision")
    line = item.get(LINE_KEY)
    where = f"{rel}:{line or '?'}"
    if not isinstance(item["entity"], str) or not isinstance(item["candidate"], str):
        raise DataError(f"{where}: proposal {i}: entity and candidate must be text")
    judgement = Judgement.from_yaml(item, where, f"proposal for {item['entity']!r}")
    reasons = item.get("reasons") or ()
    return Proposal(item["entity"], item["candidate"], str(item.get("label") or ""), str(item.get("description") or ""),
                    float(item.get("score") or 0), tuple(str(r) for r in reasons) if isinstance(reasons, list) else (),
                    str(item.get("suggestion") or "review"), judgement.decision, judgement.decided_by,
                    judgement.decided_on, line)


def read_review(layout: Layout) -> list[Proposal]:
    """The proposals of the review file (none if there is no file); a malformed one is a DataError."""
    path = layout.review
    if not path.exists():
        return []
    doc = read_yaml(path, layout) or []
    rel = layout.relative(path)
    if not isinstance(doc, list):
        raise DataError(f"{rel}: expected a list of proposals")
    return [_proposal(item, i, rel) for i, item in enumerate(doc, start=1)]


REVIEW_HEADER = """# Link proposals of `kg link` (Wikidata). Set each decision to accept or reject,
# with your name and the day (decidedBy, decidedOn), then run `kg link --apply`:
# accepted proposals become records in data/links/links.yaml. Decisions are
# kept on every re-run, and a rejected candidate is not proposed again.
# Suggestion "accept" means the score is high and clearly ahead of the next
# candidate; the curator decides in every case.
"""


def write_review(layout: Layout, proposals: list[Proposal]) -> Path:
    path = layout.review
    docs = [p.to_yaml() for p in proposals]
    body = yaml.safe_dump(docs, allow_unicode=True, sort_keys=False, width=100) if docs else "[]\n"
    write_text_atomic(path, REVIEW_HEADER + body)
    return path


def _pending_application(review: list[Proposal], data: CheckedData) -> list[Proposal]:
    existing = {(link.entity, str(link.target)) for link in data.links}
    return [p for p in review if p.decision is Decision.ACCEPT and (p.entity, p.candidate) not in existing]


def apply_accepted(data: CheckedData, layout: Layout, endpoint: str, today: dt.date | None = None) -> list[Proposal]:
    """Append a curated link record for each accepted proposal not yet in links.yaml."""
    review = read_review(layout)
    unknown = [p.entity for p in review if p.decision is Decision.ACCEPT and p.entity not in data.records]
    if unknown:
        raise DataError(f"{layout.relative(layout.review)}: accepted proposals name unknown records: {', '.join(unknown)}")
    new = _pending_application(review, data)
    if not new:
        return []
    lines = []
    for p in new:
        who = p.decided_by or "a curator"
        day = (p.decided_on or today or dt.date.today()).isoformat()
        confirmed = (f"kg link proposal (score {p.score}: {'; '.join(p.reasons)}) from {endpoint}, "
                     f"label {p.label!r}, accepted by {who} on {day}")
        record = {"entity": p.entity, "target": p.candidate, "match": "exactMatch", "confidence": "likely",
                  "confirmedBy": confirmed}
        lines.append("- " + yaml.safe_dump(record, allow_unicode=True, default_flow_style=True, width=10_000).strip())
    path = layout.link_records
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if text and not text.endswith("\n"):
        text += "\n"
    write_text_atomic(path, text + "\n".join(lines) + "\n")
    return new


def review_problems(layout: Layout, data: CheckedData) -> list[Problem]:
    """What is left to review, as warnings: proposals still pending, decisions without their curator
    or day, accepted proposals not yet applied. A malformed review file is a DataError."""
    rel = layout.relative(layout.review)
    review = read_review(layout)
    found = []

    def warn(p: Proposal, message: str, fix: str) -> None:
        found.append(Problem(message, file=rel, line=p.line, record=p.entity, field="decision", severity=Severity.WARNING, fix=fix,
                             check="review"))

    for p in review:
        if p.decision is Decision.PENDING:
            warn(p, f"the proposal {p.candidate} ({p.label or 'no label'}) is not reviewed yet",
                 "set its decision to accept or reject, with decidedBy and decidedOn")
        elif p.decided_by is None or p.decided_on is None:
            warn(p, f"the decision {p.decision.value} of {p.candidate} does not say who decided it and when",
                 "add decidedBy (the curator's name) and decidedOn (YYYY-MM-DD)")
    for p in _pending_application(review, data):
        warn(p, f"the accepted proposal {p.candidate} is not applied yet", "run `kg link --apply`")
    return found
