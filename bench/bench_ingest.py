"""How well `kg ingest` reads the two articles of data/sources/, against what the curators made of
them.

For each article, the graph is first stripped of what that article says: every value whose only
evidence is the article goes, and so does every record left with no other evidence (the article's
own source record too). `kg ingest`'s proposer then reads the article against what is left, and
its candidates are compared with the curated records: recall and precision of (record, field,
value), per kind of field, and the share of its quotes that stand verbatim, as whole sentences, in
the article (it must be 100%). A candidate for a new record is matched to the curated record of
the same type with which it shares the most values (one to one); its id need not be the curator's.

    .venv/bin/python bench/bench_ingest.py            # both articles, a table per field kind
    .venv/bin/python bench/bench_ingest.py --json     # the figures for tools
    .venv/bin/python bench/bench_ingest.py --words 5000   # also: time to propose for a 5,000-word article,
                                                          # and the whole `kg ingest` command on it
    .venv/bin/python bench/bench_ingest.py --corpus   # the development set: dev/ and the held-out part

Field kinds scored (the relations, dates, figures and names the issue lists); the other fields of
the curated records are counted under "not proposed" (claims' and programme items' topics, notes,
prose) so that what ingest leaves to the curator is in the figures too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus_score import evidence, plain  # noqa: E402  (bench/ is on the path: this script's folder)

from kg.build.check import whole_sentences  # noqa: E402
from kg.build.load import read_data  # noqa: E402
from kg.ingest.article import Article, read_article  # noqa: E402
from kg.ingest.names import Gazetteer  # noqa: E402
from kg.ingest.propose import propose  # noqa: E402
from kg.layout import Layout  # noqa: E402

KINDS = {
    "date": {"startDate", "endDate", "legislationDate", "foundingDate", "validFrom", "asOf", "observationDate",
             "dayOfYear", "changeDate"},
    "relation": {"location", "organizer", "heldBy", "chairedBy", "onOccasionOf", "passedBy", "establishes", "declares",
                 "recognises", "adoptedAt", "decidesToCreate", "editionOf", "commemorates", "post", "holder",
                 "observationAbout", "sender", "recipient", "establishedIn", "postIn"},
    "figure": {"statedValue", "hedge"},
    "number": {"editionNumber", "anniversaryNumber"},
    "name": {"title", "declaredName"},
}
LABELS: dict[str, str] = {}  # the curated labels of the records an article speaks of (for aligning)
KIND_OF = {f: k for k, fields in KINDS.items() for f in fields}
OUT_OF_SCOPE_TYPES = {"Claim", "ProgrammeItem", "NewsArticle"}  # prose, a programme's items, the source record
SKIP = {"id", "type", "label", "altLabel", "evidence", "note", "formerIds", "__line__"}


def _sources_of(item, record_evidence, field):
    if isinstance(item, dict) and "value" in item and item.get("evidence"):
        return {e["source"] for e in item["evidence"]}
    return {e["source"] for e in record_evidence if e.get("supports") is None or field in e["supports"]}


def split(records: list[dict], article: str) -> tuple[list[dict], set[tuple[str, str, str]], dict[str, str]]:
    """The graph without what ``article`` says, what it says (record, field, value), and the type
    of each record it speaks of."""
    kept, gold, types = [], set(), {}
    labels = LABELS
    for rec in records:
        evidence = rec.get("evidence") or []
        own = {e["source"] for e in evidence}
        fields, says = {}, False
        for key, value in rec.items():
            if key in SKIP:
                continue
            items = value if isinstance(value, list) else [value]
            keep = []
            for item in items:
                sources = _sources_of(item, evidence, key)
                if article in sources:
                    says = True
                    gold.add((rec["id"], key, plain(item)))
                if sources - {article}:
                    keep.append(item)
            if keep:
                fields[key] = keep if isinstance(value, list) else keep[0]
        others = [e for e in evidence if e["source"] != article]
        stays = bool(others or any(k in fields for k in rec if k not in SKIP))
        if article in own or says:
            types[rec["id"]] = rec["type"]
            labels[rec["id"]] = str(rec["label"].get("en") if isinstance(rec.get("label"), dict) else rec.get("label"))
            if rec["type"] not in OUT_OF_SCOPE_TYPES and not stays:
                gold.add((rec["id"], "type", rec["type"]))  # a record only this article speaks of
        if stays:
            kept.append({**{k: rec[k] for k in ("id", "type", "label", "altLabel") if k in rec}, **fields,
                         "evidence": others})
    return kept, gold, types


def proposed(candidates) -> tuple[set[tuple[str, str, str]], dict[str, str]]:
    found, types = set(), {}
    for c in candidates:
        types[c.id] = c.record["type"]
        if c.status == "new":
            found.add((c.id, "type", c.record["type"]))
        for key, value in c.record.items():
            if key in SKIP:
                continue
            for item in value if isinstance(value, list) else [value]:
                found.add((c.id, key, plain(item)))
    return found, types


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower().replace("organis", "organiz")) if w not in ("the", "of")}


def align(found, found_types, gold, gold_types, labels_of) -> dict[str, str]:
    """Each proposed new record to the curated record of its type it shares most values with."""
    mapping = {i: i for i in found_types if i in gold_types}
    for _ in range(3):  # values name records: align, map the values, align again
        def mapped(triples):
            return {(mapping.get(s, s), f, mapping.get(v, v)) for s, f, v in triples}

        pairs = []
        fm = mapped(found)
        for cid, ctype in found_types.items():
            if cid in gold_types and mapping.get(cid) == cid:
                continue
            mine = {(f, v) for s, f, v in fm if s == mapping.get(cid, cid) and f != "type"}
            for gid, gtype in gold_types.items():
                if gtype != ctype:
                    continue
                theirs = {(f, v) for s, f, v in gold if s == gid and f != "type"}
                shared = len(mine & theirs)
                if not shared:  # a record with no value to compare: its name
                    a, b = _words(labels_of[cid]), _words(LABELS.get(gid, ""))
                    shared = 0.5 if a and b and len(a & b) / len(a | b) >= 0.5 else 0
                if shared:
                    pairs.append((shared, cid, gid))
        taken = {v for k, v in mapping.items() if k in gold_types and k == v}
        for _shared, cid, gid in sorted(pairs, reverse=True):
            if cid in mapping and mapping[cid] != cid or gid in taken:
                continue
            if cid not in gold_types or mapping.get(cid) != cid:
                mapping[cid] = gid
                taken.add(gid)
    return mapping


def score(article_file: str, article_id: str, layout: Layout) -> dict:
    raw = read_data(layout)
    records = [r.fields for r in raw.records]
    kept, gold, gold_types = split(records, article_id)
    published = next(r for r in records if r["id"] == article_id)["datePublished"]
    article = read_article(layout.data / article_file, article_id, dt.date.fromisoformat(str(published)))
    started = time.perf_counter()
    candidates = propose(article, Gazetteer.from_fields(kept))
    seconds = time.perf_counter() - started
    found, found_types = proposed(candidates)
    mapping = align(found, found_types, gold, gold_types, {c.id: c.record["label"] for c in candidates})
    found = {(mapping.get(s, s), f, mapping.get(v, v)) for s, f, v in found}
    quotes = [e["quote"] for c in candidates for e in evidence(c.record)]
    verbatim = sum(1 for q in quotes if whole_sentences(q, article.text))

    def kind(f):
        return "entity" if f == "type" else KIND_OF.get(f, "not proposed")

    per = {}
    for k in ["entity", *KINDS, "not proposed"]:
        g = {t for t in gold if kind(t[1]) == k}
        p = {t for t in found if kind(t[1]) == k}
        per[k] = {"gold": len(g), "proposed": len(p), "correct": len(g & p)}
    scored = [k for k in per if k != "not proposed"]
    total = {x: sum(per[k][x] for k in scored) for x in ("gold", "proposed", "correct")}
    return {"article": article_id, "per_kind": per, "scored": total, "quotes": len(quotes), "verbatim": verbatim,
            "seconds": seconds, "missed": sorted(t for t in gold - found if kind(t[1]) != "not proposed"),
            "wrong": sorted(t for t in found - gold if kind(t[1]) != "not proposed")}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def timing(words: int, layout: Layout) -> dict:
    """Propose for an article of ``words`` words, made of the held articles' paragraphs with every
    year and figure changed at each repetition (so that nothing is read twice the same way)."""
    raw = read_data(layout)
    gazetteer = Gazetteer.from_fields([r.fields for r in raw.records])
    texts = [p.read_text(encoding="utf-8") for p in sorted(layout.sources.glob("*.txt"))]
    body = "\n\n".join(t.split(" ", 3)[-1] for t in texts)
    paragraphs: list[str] = []
    while sum(len(p.split()) for p in paragraphs) < words:
        k = len(paragraphs)
        varied = re.sub(r"\b(19|20)([0-9]{2})\b", lambda m, k=k: str(int(m.group()) - k % 30), body)
        paragraphs.append(re.sub(r"\b([1-9][0-9]{1,2})\b(?! \d)", lambda m, k=k: str(int(m.group()) + k), varied))
    text = " date 2025-12-31 " + "\n\n".join(paragraphs)
    article = Article("bench-article", text, dt.date(2025, 12, 31))
    started = time.perf_counter()
    candidates = propose(article, gazetteer)
    return {"words": len(text.split()), "seconds": time.perf_counter() - started, "candidates": len(candidates)}


def command_timing(words: int, layout: Layout, runs: int = 10) -> dict:
    """The whole `kg ingest` command (start-up, imports, the pipeline's load, reading, writing the
    review) on an article of ``words`` words, in a copy of the project so that data/ is untouched."""
    import shutil
    import subprocess
    import tempfile

    raw = read_data(layout)
    del raw
    texts = [p.read_text(encoding="utf-8") for p in sorted(layout.sources.glob("*.txt"))]
    body = "\n\n".join(t.split(" ", 3)[-1] for t in texts)
    paragraphs: list[str] = []
    while sum(len(p.split()) for p in paragraphs) < words:
        k = len(paragraphs)
        paragraphs.append(re.sub(r"\b(19|20)([0-9]{2})\b", lambda m, k=k: str(int(m.group()) - k % 30), body))
    seconds = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        for part in ("data", "ontology", "queries"):
            shutil.copytree(layout.root / part, root / part)
        article = Path(tmp) / "article.txt"
        article.write_text(" date 2025-12-31 " + "\n\n".join(paragraphs), encoding="utf-8")
        kg = Path(sys.executable).with_name("kg")
        for i in range(runs):
            started = time.perf_counter()
            done = subprocess.run([str(kg), "--root", str(root), "ingest", str(article), "--id", f"bench-article-{i}"],
                                  capture_output=True, text=True)
            seconds.append(time.perf_counter() - started)
            if done.returncode != 0:
                raise SystemExit(f"kg ingest failed: {done.stderr}")
    return {"words": sum(len(p.split()) for p in paragraphs), "seconds": sorted(seconds)}


def corpus(layout: Layout) -> dict:
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus_score

    folder = ROOT / "tests" / "fixtures" / "ingest" / "corpus"
    return {part: corpus_score.score_part(folder / part) for part in ("dev", "heldout")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--words", type=int, default=0, help="also time an article of this many words")
    ap.add_argument("--show", action="store_true", help="list what was missed and what was wrong")
    ap.add_argument("--corpus", action="store_true", help="score the development set (dev/ and held out) instead")
    args = ap.parse_args()
    layout = Layout(ROOT)
    if args.corpus:
        parts = corpus(layout)
        if args.json:
            print(json.dumps(parts, indent=2, default=str))
            return 0
        print(f"{'part':<9} {'articles':>8} {'gold':>5} {'found':>6} {'correct':>8} {'recall':>7} {'precision':>10} "
              f"{'duplicates':>11} {'false conflicts':>16} {'disagreements':>14}")
        for name, p in parts.items():
            print(f"{name:<9} {len(p['articles']):>8} {p['gold']:>5} {p['proposed']:>6} {p['correct']:>8} {p['recall']:>7.2f} "
                  f"{p['precision']:>10.2f} {p['duplicates']:>11} {p['false_conflicts']:>16} "
                  f"{p['disagreements_found']:>6}/{p['disagreements']:<7}")
            if args.show:
                for a in p["articles"]:
                    for t in a["missed"]:
                        print(f"  {a['article']}: missed {t}")
                    for t in a["wrong"]:
                        print(f"  {a['article']}: wrong {t}")
                    for t in a["duplicates"]:
                        print(f"  {a['article']}: duplicate of a held record: {t}")
        print("quotes verbatim:", sum(p["verbatim"] for p in parts.values()), "/", sum(p["quotes"] for p in parts.values()))
        return 0
    results = [score("sources/2025-12-24-lets-be-one-virtual-gathering.txt", "article-2025-12-24-lets-be-one", layout),
               score("sources/2025-12-31-day-of-solidarity-of-world-azerbaijanis.txt", "article-2025-12-31-day-of-solidarity",
                     layout)]
    both = Counter()
    kinds: dict[str, Counter] = {}
    for r in results:
        for k, v in r["per_kind"].items():
            kinds.setdefault(k, Counter()).update(v)
        both.update(r["scored"])
        both["quotes"] += r["quotes"]
        both["verbatim"] += r["verbatim"]
    summary = {"recall": _ratio(both["correct"], both["gold"]), "precision": _ratio(both["correct"], both["proposed"]),
               "verbatim": _ratio(both["verbatim"], both["quotes"]), "quotes": both["quotes"],
               "per_kind": {k: {**v, "recall": _ratio(v["correct"], v["gold"]), "precision": _ratio(v["correct"], v["proposed"])}
                            for k, v in kinds.items()},
               "articles": results}
    if args.words:
        summary["timing"] = timing(args.words, layout)
        summary["command"] = command_timing(args.words, layout)
    if args.json:
        print(json.dumps(summary, indent=2, default=str))
        return 0
    print(f"{'field kind':<14} {'curated':>8} {'proposed':>9} {'correct':>8} {'recall':>7} {'precision':>10}")
    for k, v in summary["per_kind"].items():
        print(f"{k:<14} {v['gold']:>8} {v['proposed']:>9} {v['correct']:>8} {v['recall']:>7.2f} {v['precision']:>10.2f}")
    print(f"{'scored kinds':<14} {both['gold']:>8} {both['proposed']:>9} {both['correct']:>8} {summary['recall']:>7.2f} "
          f"{summary['precision']:>10.2f}")
    print(f"quotes verbatim: {both['verbatim']}/{both['quotes']} ({summary['verbatim']:.0%})")
    for r in results:
        print(f"{r['article']}: proposed in {r['seconds'] * 1000:.0f} ms")
        if args.show:
            print("  missed:", *r["missed"], sep="\n    ")
            print("  wrong:", *r["wrong"], sep="\n    ")
    if args.words:
        t = summary["timing"]
        print(f"{t['words']} words: {t['candidates']} candidates proposed in {t['seconds']:.2f} s")
        c = summary["command"]
        s = c["seconds"]
        print(f"the whole kg ingest command on {c['words']} words, {len(s)} runs: median {statistics.median(s):.2f} s, "
              f"{s[0]:.2f}–{s[-1]:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
