"""Scores `kg ingest`'s reader on the development set (tests/fixtures/ingest/corpus/): articles
written for the benchmark, each with the facts a curator wants from it beside it.

Each article is read against the whole graph (these articles are new to it). What the reader
proposes and what the gold file lists are both turned into facts:
- a record's field: (record, field, value), and (record, "type", T) for a record it makes;
- a figure: (what it is about, "figure", "N hedge") and (about, "figure as of", "N date");
- a post holding: (holder, "holds", post) and (holder, asOf | validFrom | validUntil, "post date").

A new record of the reader's is matched to the gold record of its type with which it shares the
most values, so its id need not be the gold one. Beside recall and precision:
- duplicates: a new record the reader made for a thing the graph holds (matched to a held id);
- false conflicts: a disagreement proposed with the graph that the gold does not list;
- disagreements found: the gold's disagreements (another date for a held act, say) that the
  reader proposed as a second source's value.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from kg.build.check import whole_sentences
from kg.build.load import read_data
from kg.ingest.article import read_article
from kg.ingest.names import Gazetteer, fold
from kg.ingest.propose import propose
from kg.layout import Layout

SKIP = {"id", "type", "label", "altLabel", "evidence", "note", "__line__", "statedAs", "variableMeasured"}


def plain(item) -> str:
    """A value as text, unwrapped from its long form."""
    v = item.get("value") if isinstance(item, dict) and "value" in item else item
    return str(v)


def _all(record: dict, key: str) -> list[str]:
    value = record.get(key)
    return [plain(v) for v in (value if isinstance(value, list) else [] if value is None else [value])]


def gold_facts(doc: dict) -> set[tuple[str, str, str]]:
    out = {(s, p, str(o)) for s, p, o in doc.get("facts") or []}
    out |= {(s, p, str(o)) for s, p, o in doc.get("disagreements") or []}
    for about, value, hedge, when in doc.get("figures") or []:
        out |= {(about, "figure", f"{value} {hedge}"), (about, "figure as of", f"{value} {when}")}
    for holder, post, kind, when in doc.get("holdings") or []:
        out |= {(holder, "holds", post), (holder, kind, f"{post} {when}")}
    return out


def found_facts(candidates) -> tuple[set[tuple[str, str, str]], dict[str, str], set[tuple[str, str, str]]]:
    """(facts, the type of each new record, the disagreements proposed)."""
    facts, types, conflicts = set(), {}, set()
    for c in candidates:
        rec = c.record
        for x in c.conflicts:
            conflicts.add((c.id, x.field, str(x.proposed)))
        if rec["type"] == "StatisticalObservation":
            about = _all(rec, "observationAbout")
            value = (_all(rec, "statedValue") or ["-"])[0]
            for a in about:
                facts |= {(a, "figure", f"{value} {h}") for h in _all(rec, "hedge")}
                facts |= {(a, "figure as of", f"{value} {d}") for d in _all(rec, "observationDate")}
            continue
        if rec["type"] == "PostHolding":
            for holder in _all(rec, "holder"):
                for post in _all(rec, "post"):
                    facts.add((holder, "holds", post))
                    for kind in ("asOf", "validFrom", "validUntil"):
                        facts |= {(holder, kind, f"{post} {d}") for d in _all(rec, kind)}
            continue
        if c.status == "new":
            types[c.id] = rec["type"]
            facts.add((c.id, "type", rec["type"]))
        for key in rec:
            if key not in SKIP:
                facts |= {(c.id, key, v) for v in _all(rec, key)}
    return facts, types, conflicts


def _words(text: str) -> set[str]:
    return {w for w in fold(text).replace("-", " ").split() if w not in ("the", "of")}


def align(found, found_types, gold, held: set[str]) -> dict[str, str]:
    """Each new record of the reader's to the gold record of its type it shares most values with
    (a held record too: that is a duplicate)."""
    gold_types = {s: o for s, p, o in gold if p == "type"}
    targets = dict(gold_types)
    mapping: dict[str, str] = {}
    for _ in range(3):
        fm, pairs = {(mapping.get(s, s), p, mapping.get(o, o)) for s, p, o in found}, []
        for cid, ctype in found_types.items():
            mine = {(p, o) for s, p, o in fm if s == mapping.get(cid, cid) and p != "type"}
            for gid in [*targets, *held]:
                if gid in targets and targets[gid] != ctype:
                    continue
                theirs = {(p, o) for s, p, o in gold if s == gid and p != "type"}
                shared = len(mine & theirs) + (0.5 if len(_words(cid) & _words(gid)) * 2 >= len(_words(gid) | _words(cid)) else 0)
                if gid in held and not (mine & theirs and cid != gid):
                    continue
                if shared:
                    pairs.append((shared, cid, gid))
        mapping, used = {}, set()
        for _shared, cid, gid in sorted(pairs, reverse=True):
            if cid in mapping or gid in used:
                continue
            mapping[cid] = gid
            used.add(gid)
    return mapping


def score_article(path: Path, gazetteer: Gazetteer) -> dict:
    doc = yaml.safe_load(path.with_suffix(".gold.yaml").read_text(encoding="utf-8"))
    article = read_article(path, "article-" + path.stem, dt.date.fromisoformat(str(doc["published"])))
    candidates = propose(article, gazetteer)
    gold = gold_facts(doc)
    found, types, conflicts = found_facts(candidates)
    held = set(gazetteer.records)
    mapping = align(found, types, gold, held)
    duplicates = sorted(cid for cid, gid in mapping.items() if gid in held)
    found = {(mapping.get(s, s), p, mapping.get(o, o)) for s, p, o in found}
    conflicts = {(mapping.get(s, s), p, o) for s, p, o in conflicts}
    planted = {(s, p, str(o)) for s, p, o in doc.get("disagreements") or []}
    quotes = [e["quote"] for c in candidates for e in evidence(c.record)]
    return {"article": path.stem, "gold": len(gold), "proposed": len(found), "correct": len(gold & found),
            "duplicates": duplicates, "false_conflicts": sorted(conflicts - planted),
            "disagreements": len(planted), "disagreements_found": len(planted & conflicts),
            "quotes": len(quotes), "verbatim": sum(1 for q in quotes if whole_sentences(q, article.text)),
            "missed": sorted(gold - found), "wrong": sorted(found - gold)}


def evidence(record: dict):
    """Every evidence item of a record, its own and its long-form values'."""
    yield from record.get("evidence") or []
    for value in record.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and isinstance(item.get("evidence"), list):
                yield from item["evidence"]


# The graph the corpus is read against: data/records as it stood when the articles and their gold
# facts were written (commit 274c0fe), frozen, so that the graph's growth (issue 21 added the
# Congresses the articles speak of) does not change what the benchmark measures.
GRAPH = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "ingest" / "corpus" / "graph"


def score_part(folder: Path, layout: Layout | None = None) -> dict:
    """Score the articles of ``folder`` against the frozen graph (or ``layout``'s records)."""
    gazetteer = Gazetteer.from_fields([r.fields for r in read_data(layout or Layout(GRAPH)).records])
    results = [score_article(p, gazetteer) for p in sorted(folder.glob("*.txt"))]
    total = {k: sum(r[k] for r in results) for k in ("gold", "proposed", "correct", "disagreements", "disagreements_found",
                                                     "quotes", "verbatim")}
    return {"part": folder.name, "articles": results, **total,
            "recall": total["correct"] / total["gold"] if total["gold"] else 1.0,
            "precision": total["correct"] / total["proposed"] if total["proposed"] else 1.0,
            "duplicates": sum(len(r["duplicates"]) for r in results),
            "false_conflicts": sum(len(r["false_conflicts"]) for r in results)}
