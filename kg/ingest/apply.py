"""`kg ingest --apply`: the accepted candidates of a review into data/records/, the article into
data/sources/ with its source record, whole or not at all.

The new data/ is made aside (a copy, edited), built and validated there with the build's own
checks (every quote verbatim, SHACL, the quality checks), and swapped in place of data/ only if
that build passes; if anything fails, data/ is as it was and the error lists the problems.

The record files are edited as text, not re-serialised: a new record is appended to the file of
its kind, and a value for a record the graph holds rewrites only that field of that record (in the
long form, each value with its own evidence), so that the rest of each file, its comments and its
anchors stay byte for byte as the curators wrote them, and a review's diff is readable.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kg.build.load import read_yaml, without_lines
from kg.build.pipeline import build
from kg.decisions import Decision
from kg.errors import DataError, KGError, OutputError, UsageError
from kg.ingest.article import text_hash
from kg.ingest.compare import DATES, finer
from kg.ingest.review import Entry, Review, read_review, text_file, write_review
from kg.layout import Layout
from kg.rdf.files import swap_in

# Which file of data/records/ a new record of each type goes to.
FILES = {
    "events.yaml": {"Event", "Meeting", "Congress", "Forum", "OnlineEvent", "Observance", "ProgrammeItem", "AwardConferral",
                    "EventSeries", "CommemorativeDay", "Schedule"},
    "legal-acts.yaml": {"LegalAct", "Law", "PresidentialDecree", "PresidentialOrder", "Decision", "Charter", "Request",
                        "Founding", "Reorganisation"},
    "documents.yaml": {"Resolution", "Appeal"},
    "organisations.yaml": {"Organization", "Legislature", "StateCommittee", "Council", "OrganizationNetwork", "NewsAgency"},
    "people.yaml": {"Person", "Group"},
    "places.yaml": {"Place", "City", "Country", "AutonomousRepublic", "VirtualLocation"},
    "posts.yaml": {"Post", "PostHolding"},
    "statistics.yaml": {"StatisticalObservation"},
    "claims.yaml": {"Claim"},
    "awards.yaml": {"Award"},
    "sources.yaml": {"NewsArticle", "WebReport"},
}
FILE_OF = {t: name for name, types in FILES.items() for t in types}


class _Dumper(yaml.SafeDumper):
    """The records' own style: lists indented under their key."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def dump(value: Any) -> str:
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


@dataclass(frozen=True)
class Applied:
    article: str
    added: tuple[str, ...]  # ids of new records
    extended: tuple[str, ...]  # ids of records that got values or evidence
    source_file: str  # where the article's text now is, relative to the project


def _record_block(lines: list[str], rid: str) -> tuple[int, int]:
    start = next((i for i, line in enumerate(lines) if re.fullmatch(rf"- id: ['\"]?{re.escape(rid)}['\"]?\s*", line)), None)
    if start is None:
        raise DataError(f"record {rid!r}: not found as '- id: {rid}' in its file; add the values by hand")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("- ")), len(lines))
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1  # blank lines and the next record's comment stay where they are
    return start, end


def _field_lines(lines: list[str], start: int, end: int, name: str) -> tuple[int, int] | None:
    at = next((i for i in range(start, end) if re.match(rf"(?:- |  ){re.escape(name)}:", lines[i])), None)
    if at is None:
        return None
    stop = at + 1
    while stop < end and (not lines[stop].strip() or len(lines[stop]) - len(lines[stop].lstrip()) > 2):
        stop += 1
    return at, stop


def _supporting(record: dict, name: str) -> list[dict]:
    return [{"source": e["source"], **({"quote": e["quote"]} if e.get("quote") else {})}
            for e in record.get("evidence") or [] if isinstance(e, dict)
            and (e.get("supports") is None or name in e.get("supports"))]


def _extend(text: str, current: dict, entry: Entry) -> str:
    """Add a candidate's values (long form, each with its evidence) to a record of ``text``."""
    lines = text.split("\n")
    for name, proposed in entry.record.items():
        if name in ("id", "type", "label", "evidence"):
            continue
        start, end = _record_block(lines, entry.id)
        held = current.get(name)
        items = list(held) if isinstance(held, list) else [] if held is None else [held]
        for new in proposed if isinstance(proposed, list) else [proposed]:
            new = new if isinstance(new, dict) and "value" in new else {"value": new, "evidence": entry.record["evidence"]}
            held = [str(old.get("value") if isinstance(old, dict) else old) for old in items]
            if name in DATES and finer(new["value"], held):
                continue  # "in November 2001" beside the held 9 November 2001: it confirms, and adds no value
            same = next((i for i, h in enumerate(held) if h == str(new["value"])), None)
            if same is None:
                items.append(new)
                continue
            old = items[same] if isinstance(items[same], dict) else {"value": items[same]}
            evidence = list(old.get("evidence") or _supporting(current, name))
            evidence += [e for e in new.get("evidence") or [] if e not in evidence]
            items[same] = {**old, "evidence": evidence}
        block = ["  " + line for line in dump({name: items}).rstrip("\n").split("\n")]
        where = _field_lines(lines, start, end, name)
        if where is None:
            ev = _field_lines(lines, start, end, "evidence")
            at = ev[0] if ev else end
            lines[at:at] = block
        else:
            lines[where[0]:where[1]] = block
        current = {**current, name: items}
    return "\n".join(lines)


def _records_by_id(folder: Path, layout: Layout) -> dict[str, tuple[Path, dict]]:
    found = {}
    for path in sorted(folder.glob("*.yaml")):
        for rec in read_yaml(path, layout) or []:
            if isinstance(rec, dict) and isinstance(rec.get("id"), str):
                found[rec["id"]] = (path, without_lines(rec))  # what is written back must not carry line markers
    return found


def _edit(data: Path, layout: Layout, review: Review, accepted: list[Entry], text: str,
          source_rel: str) -> tuple[list[str], list[str], str]:
    records = data / "records"
    existing = _records_by_id(records, layout)
    added, extended = [], []
    appended: dict[Path, list[dict]] = {}
    for entry in accepted:
        if entry.id in existing:
            path, current = existing[entry.id]
            if current.get("type") != entry.record.get("type"):
                raise DataError(f"candidate {entry.id!r}: the graph holds {entry.id} as a {current.get('type')}, "
                                f"the candidate says {entry.record.get('type')}; give the candidate another id")
            path.write_text(_extend(path.read_text(encoding="utf-8"), current, entry), encoding="utf-8")
            existing[entry.id] = (path, read_record(path, layout, entry.id))
            extended.append(entry.id)
        else:
            target = records / FILE_OF.get(str(entry.record.get("type")), "ingested.yaml")
            appended.setdefault(target, []).append(entry.record)
            added.append(entry.id)
    source_path = data / source_rel
    if source_path.exists() and source_path.read_text(encoding="utf-8") != text:
        raise DataError(f"{layout.relative(layout.data / source_rel)} holds another text than the reviewed article; "
                        "give the article another id, or replace the file by hand")
    source_path.parent.mkdir(parents=True, exist_ok=True)
    source_path.write_text(text, encoding="utf-8")
    if review.article not in existing and review.source:
        appended.setdefault(records / "sources.yaml", []).insert(0, review.source)
    for path, new in appended.items():
        before = path.read_text(encoding="utf-8") if path.exists() else ""
        if before and not before.endswith("\n"):
            before += "\n"
        path.write_text(before + ("\n" if before else "") + "\n".join(dump([r]) for r in new), encoding="utf-8")
    return added, extended, f"data/{source_rel}"


def _source_file(review: Review) -> str:
    """Where the article's text goes, relative to data/: in data/sources/, by a plain relative name.
    A hand-edited review that says otherwise (an absolute path, "..") is refused before anything
    is written: --apply writes into data/ only."""
    rel = str(review.source.get("sourceFile") or f"sources/{review.article}.txt")
    parts = Path(rel).parts
    if Path(rel).is_absolute() or len(parts) != 2 or parts[0] != "sources" or not re.fullmatch(r"[A-Za-z0-9._-]+\.txt",
                                                                                                 parts[1]):
        raise DataError(f"the review of {review.article} gives source.sourceFile {rel!r}; an article's text is held as "
                        f"sources/NAME.txt inside data/ (e.g. sources/{review.article}.txt); correct the review")
    return rel


@contextmanager
def _applying(layout: Layout):
    """One --apply at a time on a project (two at once would each swap in their own copy of data/,
    and one article would be lost), and what a killed one left behind removed: while the lock is
    held no other apply runs, so any working folder there is is stale."""
    try:
        lock = (layout.root / ".kg-apply.lock").open("a")
    except OSError as exc:
        raise OutputError(f"{layout.root}: cannot take the project's lock: {exc.strerror}") from None
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for stale in layout.root.glob(".ingest-apply-*"):
            shutil.rmtree(stale, ignore_errors=True)
        yield


def read_record(path: Path, layout: Layout, rid: str) -> dict:
    return without_lines(next(r for r in read_yaml(path, layout) or [] if isinstance(r, dict) and r.get("id") == rid))


def apply(layout: Layout, article_id: str) -> Applied:
    """Move the accepted candidates of an article's review into data/, whole or not at all (one
    apply at a time: a second waits for the first, then works on the data/ it left)."""
    with _applying(layout):
        return _apply(layout, article_id)


def _apply(layout: Layout, article_id: str) -> Applied:
    review = read_review(layout, article_id)
    if review is None:
        raise UsageError(f"no review of {article_id!r} in {layout.relative(layout.review_folder)}; run "
                         f"`kg ingest ARTICLE.txt --id {article_id}` first")
    held = text_file(layout, article_id)
    if not held.exists():
        raise DataError(f"{layout.relative(held)}: the reviewed article's text is missing; run `kg ingest` again")
    text = held.read_text(encoding="utf-8")
    if text_hash(text.encode("utf-8")) != review.text_sha256:
        raise DataError(f"{layout.relative(held)}: the article's text changed since its candidates were proposed; run "
                        f"`kg ingest {layout.relative(held)} --id {article_id}` to reopen the review, then decide again")
    accepted = review.decided(Decision.ACCEPT)
    source_rel = _source_file(review)  # a path outside data/sources/ is refused before the working copy is made
    if not accepted:
        raise UsageError(f"{layout.relative(layout.review_folder / (article_id + '.yaml'))}: no candidate is accepted; "
                         "set decision: accept on the ones to apply")
    try:
        work = Path(tempfile.mkdtemp(prefix=".ingest-apply-", dir=layout.root))
    except OSError as exc:
        raise OutputError(f"{layout.root}: cannot make a working folder: {exc.strerror}") from None
    try:
        data = work / "data"
        shutil.copytree(layout.data, data, symlinks=True)
        for name in ("ontology", "queries"):
            os.symlink((layout.root / name).resolve(), work / name)
        added, extended, source_rel = _edit(data, layout, review, accepted, text, source_rel)
        rest = Review(review.article, review.text_sha256, review.source,
                      [e for e in review.entries if e.judgement.decision is not Decision.ACCEPT])
        write_review(layout, rest, data / "review")
        (data / "review" / f"{article_id}.txt").unlink()
        try:
            build(Layout(work))
        except KGError as exc:
            raise DataError(f"the accepted candidates of {article_id} do not pass the build, so nothing was changed: "
                            f"{exc.args[0]}. Correct the candidates in the review file and apply again",
                            getattr(exc, "problems", [])) from None
        swap_in(data, layout.data)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Applied(article_id, tuple(added), tuple(extended), source_rel)
