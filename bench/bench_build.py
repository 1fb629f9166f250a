#!/usr/bin/env python3
"""Benchmark of the build: time of each step (median of N runs) and the triples it makes.

    make bench                      # or: .venv/bin/python bench/bench_build.py --runs 5

Prints a Markdown table (the README's "Measurements" section comes from it).
Not a test: timings depend on the machine, so they are measured, not asserted.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
import time
from pathlib import Path

from kg.build.export import render_dist, write_dist
from kg.build.pipeline import build
from kg.layout import Layout

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    layout = Layout(ROOT)
    runs: list[dict[str, float]] = []
    result = None
    for _ in range(args.runs):
        t0 = time.perf_counter()
        result = build(layout)
        t1 = time.perf_counter()
        files = render_dist(result.data, result.dataset, result.ontology, result.asserted, result.inferred)
        t2 = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            write_dist(files, Path(tmp) / "dist")
        t3 = time.perf_counter()
        timings = dict(result.timings)
        timings["serialise (dumps + HTML pages)"] = t2 - t1
        timings["write + swap"] = t3 - t2
        timings["total"] = t3 - t0
        runs.append(timings)
    assert result is not None
    print(f"Machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
          f"{args.runs} runs, median seconds")
    print()
    print("| step | median s | min s |")
    print("|---|---:|---:|")
    for step in runs[0]:
        values = [r[step] for r in runs]
        print(f"| {step} | {statistics.median(values):.3f} | {min(values):.3f} |")
    print()
    print(f"records: {len(result.data.records)}, links: {len(result.data.links)}, "
          f"asserted triples (ontology + facts): {len(result.asserted)}, "
          f"after OWL 2 RL reasoning (cleaned): {len(result.inferred)}, "
          f"inferred and kept: {len(result.inferred) - len(result.asserted)}, "
          f"junk removed by the cleaning: {result.removed_junk}")


if __name__ == "__main__":
    main()
