"""The review of an ingested article: data/review/ARTICLE_ID.yaml, beside the article's text
(data/review/ARTICLE_ID.txt) until it is applied.

The file holds the article's source record and a list of candidates. Each candidate is a record in
the data/records format (accepting it is copying it) followed by the review's own keys:
``decision`` (pending | accept | reject), ``decidedBy``, ``decidedOn``, ``confidence``,
``proposedBy`` (the rules), ``status`` (new: a record the graph does not hold; adds: values for a
record it holds; confirms: values it already holds), ``confirms`` (those fields), ``conflicts``
(a value of a one-valued field that differs from the graph's, with the graph's values and
sources) and ``proposal`` (a hash of what was proposed, which identifies it across runs).

The review is keyed by a hash of the article's text (``textSha256``), as OpenSanctions keys its
data reviews: a re-run on the same text keeps every decision and every candidate a curator edited,
and never proposes a rejected candidate again; a changed text reopens the review (every
candidate pending again, the earlier decision shown beside it).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from kg.build.load import LINE_KEY, parse_yaml, read_yaml, without_lines
from kg.decisions import Decision, Judgement
from kg.errors import DataError
from kg.ingest.article import text_hash
from kg.ingest.propose import Candidate
from kg.layout import Layout
from kg.problems import Problem, Severity
from kg.rdf.files import write_text_atomic

REVIEW_KEYS = ("decision", "decidedBy", "decidedOn", "confidence", "proposedBy", "status", "confirms", "conflicts",
               "proposal", "previousDecision", "possiblySameAs")


@dataclass(frozen=True)
class Entry:
    """One candidate of the review: the record, the curator's judgement, and what ingest said."""

    record: dict[str, Any]
    judgement: Judgement = Judgement()
    confidence: float = 0.0
    proposed_by: tuple[str, ...] = ()
    status: str = "new"
    confirms: tuple[str, ...] = ()
    conflicts: tuple[dict, ...] = ()
    proposal: str = ""
    previous: str | None = None  # the decision before the article's text changed
    line: int | None = None
    possibly: tuple[str, ...] = ()  # held records this new one may be the same as

    @property
    def id(self) -> str:
        return str(self.record.get("id"))

    @classmethod
    def of(cls, c: Candidate) -> Entry:
        return cls(c.record, Judgement(), c.confidence, c.rules, c.status, c.confirms,
                   tuple(x.to_yaml() for x in c.conflicts), hashlib.sha256(c.key.encode()).hexdigest()[:16],
                   possibly=c.possibly)

    def to_yaml(self) -> dict[str, Any]:
        out = {k: v for k, v in self.record.items() if k != LINE_KEY}
        out |= self.judgement.to_yaml()
        out |= {"confidence": self.confidence, "proposedBy": list(self.proposed_by), "status": self.status}
        if self.confirms:
            out["confirms"] = list(self.confirms)
        if self.conflicts:
            out["conflicts"] = [dict(c) for c in self.conflicts]
        if self.possibly:
            out["possiblySameAs"] = list(self.possibly)
        out["proposal"] = self.proposal
        if self.previous:
            out["previousDecision"] = self.previous
        return out


@dataclass
class Review:
    article: str
    text_sha256: str
    source: dict[str, Any]  # the article's source record, added to data/records/sources.yaml on --apply
    entries: list[Entry] = field(default_factory=list)

    def decided(self, decision: Decision) -> list[Entry]:
        return [e for e in self.entries if e.judgement.decision is decision]


def review_file(layout: Layout, article_id: str) -> Path:
    return layout.review_folder / f"{article_id}.yaml"


def text_file(layout: Layout, article_id: str) -> Path:
    return layout.review_folder / f"{article_id}.txt"


def merge(old: Review | None, fresh: Review) -> Review:
    """The review after a run: ``fresh`` holds what ingest proposes now, ``old`` the file as the
    curator left it."""
    if old is None:
        return fresh
    if old.text_sha256 != fresh.text_sha256:  # the article changed: every candidate is open again
        before = {e.proposal: e for e in old.entries if e.judgement.decision is not Decision.PENDING}
        entries = []
        for e in fresh.entries:
            was = before.get(e.proposal)
            note = None
            if was is not None:
                j = was.judgement
                note = (f"{j.decision.value} by {j.decided_by or 'an unnamed curator'} on "
                        f"{j.decided_on.isoformat() if j.decided_on else 'an unknown day'}, before the article's text changed")
            entries.append(replace(e, previous=note))
        return Review(fresh.article, fresh.text_sha256, fresh.source, entries)
    kept = list(old.entries)
    known = {e.proposal for e in kept}
    still = {e.proposal for e in fresh.entries}
    # pending candidates ingest no longer proposes go; decided ones (rejected ones above all) stay
    kept = [e for e in kept if e.judgement.decision is not Decision.PENDING or e.proposal in still]
    kept += [e for e in fresh.entries if e.proposal not in known]
    return Review(old.article, old.text_sha256, old.source or fresh.source, kept)


HEADER = """# Candidate facts `kg ingest` read from the article {article}, for review.
# Each candidate is a record in the data/records format, followed by the review's keys. Check
# every value against its quoted sentence, edit the record if it is wrong, and set
# decision: accept or reject, with decidedBy (your name) and decidedOn (YYYY-MM-DD).
# Then `kg ingest --apply {article}` moves the accepted candidates into data/records/ and the
# article into data/sources/. status: new (a record the graph does not hold), adds (values for a
# record it holds), confirms (values it already holds: the article becomes their evidence too).
# conflicts: the graph holds another value for a one-valued field; both are kept if you accept.
"""


# libyaml's emitter when PyYAML was built with it (its wheels are): the same YAML, five times faster
# on a long article's review.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def write_review(layout: Layout, review: Review, folder: Path | None = None) -> Path:
    """Write the review file (into ``folder`` in place of data/review/, when a run writes aside)."""
    path = (folder or layout.review_folder) / f"{review.article}.yaml"
    doc = {"article": review.article, "textSha256": review.text_sha256, "source": review.source,
           "candidates": [e.to_yaml() for e in review.entries]}
    text = HEADER.format(article=review.article) + yaml.dump(doc, Dumper=_DUMPER, allow_unicode=True, sort_keys=False,
                                                             width=10_000)
    parse_yaml(text, layout.relative(path))  # only what the loader reads back is written: else a DataError, nothing written
    write_text_atomic(path, text)
    return path


def read_review(layout: Layout, article_id: str, path: Path | None = None) -> Review | None:
    """The review of an article (None if there is none); a malformed file is a DataError."""
    path = path or review_file(layout, article_id)
    if not path.exists():
        return None
    rel = layout.relative(path)
    doc = read_yaml(path, layout)
    if not isinstance(doc, dict) or not {"article", "textSha256", "candidates"} <= set(doc):
        raise DataError(f"{rel}: a review file holds article, textSha256, source and candidates; this one does not. "
                        f"Run `kg ingest` again to write it anew")
    if not isinstance(doc["candidates"], list):
        raise DataError(f"{rel}: candidates must be a list of records")
    entries = []
    for i, item in enumerate(doc["candidates"], start=1):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise DataError(f"{rel}: candidate {i} must be a record with an id")
        where = f"{rel}:{item.get(LINE_KEY) or '?'}"
        judgement = Judgement.from_yaml(item, where, f"candidate {item['id']!r}")
        record = without_lines({k: v for k, v in item.items() if k not in REVIEW_KEYS})
        try:
            confidence = float(item.get("confidence") or 0)
        except (TypeError, ValueError):
            raise DataError(f"{where}: candidate {item['id']!r}: confidence must be a number") from None
        entries.append(Entry(record, judgement, confidence, tuple(map(str, item.get("proposedBy") or ())),
                             str(item.get("status") or "new"), tuple(map(str, item.get("confirms") or ())),
                             tuple(without_lines(item.get("conflicts") or ())), str(item.get("proposal") or ""),
                             item.get("previousDecision"), item.get(LINE_KEY),
                             tuple(map(str, item.get("possiblySameAs") or ()))))
    return Review(str(doc["article"]), str(doc["textSha256"]), without_lines(doc.get("source") or {}), entries)


def reviews(layout: Layout) -> list[Path]:
    """The review files of ingested articles (the link review of `kg link` is not one)."""
    folder = layout.review_folder
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.yaml") if p != layout.review)


def review_problems(layout: Layout) -> list[Problem]:
    """What is left to review, as warnings: candidates still pending, decisions without their
    curator or day, accepted candidates not yet applied, an article whose text changed."""
    found = []
    for path in reviews(layout):
        rel = layout.relative(path)
        review = read_review(layout, path.stem, path)
        text = text_file(layout, review.article)
        if text.exists() and text_hash(text.read_bytes()) != review.text_sha256:
            found.append(Problem(f"the text of {review.article} changed since its candidates were proposed", file=rel,
                                 severity=Severity.WARNING, fix=f"run `kg ingest {layout.relative(text)} --id "
                                 f"{review.article}` to reopen the review", check="review"))
        for e in review.entries:
            def warn(message: str, fix: str, e: Entry = e, rel: str = rel) -> None:
                found.append(Problem(message, file=rel, line=e.line, record=e.id, field="decision",
                                     severity=Severity.WARNING, fix=fix, check="review"))

            if e.judgement.decision is Decision.PENDING:
                warn(f"the candidate from {review.article} is not reviewed yet", "set its decision to accept or reject, "
                     "with decidedBy and decidedOn")
            elif not e.judgement.complete:
                warn(f"the decision {e.judgement.decision.value} does not say who decided it and when",
                     "add decidedBy (the curator's name) and decidedOn (YYYY-MM-DD)")
            elif e.judgement.decision is Decision.ACCEPT:
                warn(f"the accepted candidate from {review.article} is not applied yet",
                     f"run `kg ingest --apply {review.article}`")
    return found
