"""What recording derivations costs the fast engine: time and peak memory of `kg reason` with and
without explain, on the same synthetic corpora (bench_reason.py's), each run in its own process.

    .venv/bin/python bench/bench_explain.py [--sizes 100000 1000000] [--runs 3]

Writes bench/results/explain.json and explain.md; the issue's bound is 1.5x the time and memory of
the run without derivations, at a million triples.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_reason import RESULTS, ROOT, corpus, measure  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    onto = ROOT / "dist" / "ontology.ttl"
    rows = []
    for size in args.sizes:
        files = [onto, corpus(size, args.seed)]
        row: dict = {"size": size}
        for engine in ("fast", "fast-explain"):
            runs = [measure(engine, files) for _ in range(args.runs)]
            row[engine] = {"wall": statistics.median(r["wall"] for r in runs),
                           "reason": statistics.median(r["reason"] for r in runs),
                           "peak_mb": statistics.median(r["peak_mb"] for r in runs),
                           "closure": runs[0]["closure"], "derived": runs[0].get("derived", 0)}
        row["time_ratio"] = row["fast-explain"]["wall"] / row["fast"]["wall"]
        row["reason_ratio"] = row["fast-explain"]["reason"] / row["fast"]["reason"]
        row["memory_ratio"] = row["fast-explain"]["peak_mb"] / row["fast"]["peak_mb"]
        rows.append(row)
        print(json.dumps(row), flush=True)
    lines = ["| triples | without: s (reasoning s), MB | with derivations: s (reasoning s), MB | derived triples | time | reasoning | memory |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        a, b = r["fast"], r["fast-explain"]
        lines.append(f"| {r['size']:,} | {a['wall']:.1f} ({a['reason']:.1f}), {a['peak_mb']:,.0f} | "
                     f"{b['wall']:.1f} ({b['reason']:.1f}), {b['peak_mb']:,.0f} | {b['derived']:,} | "
                     f"{r['time_ratio']:.2f}x | {r['reason_ratio']:.2f}x | {r['memory_ratio']:.2f}x |")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "explain.json").write_text(json.dumps({"runs": args.runs, "rows": rows}, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "explain.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
