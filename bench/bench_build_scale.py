"""The build's steps at scale, on synthetic corpora: where the time goes as the graph grows.

    .venv/bin/python bench/bench_build_scale.py [--sizes 10000 100000 1000000]

The curated-data steps (YAML load and check) are not repeated here: a synthetic corpus is
already RDF. Each remaining step of `kg build` is timed on ontology + corpus:

- parse: read the files (pyoxigraph);
- reason: the fast engine (kg.build.materialise) and the cleaning;
- to rdflib: the closure as an rdflib Graph, which SHACL, the checks and the exports use;
- SHACL: pySHACL with ontology/shapes.ttl;
- checks (rdflib): queries/checks/*.rq with rdflib's SPARQL engine, as the build runs them;
- checks (Oxigraph): the same queries on an in-memory Oxigraph store (the alternative), load included;
- export: Turtle and sorted N-Triples with rdflib (kg.build.export), as `dist/` is written.

A step past --limit seconds is stopped, and the steps after it at that size are not run.
Writes bench/results/build-scale.json and build-scale.md.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
RESULTS = ROOT / "bench" / "results"
STEPS = ["parse", "reason", "to rdflib", "SHACL", "checks (Oxigraph)", "export", "checks (rdflib)"]


def run_steps(files: list[str], out) -> None:
    """In a child process: run the steps in order, sending (step, seconds, peak MB) as each ends."""
    import resource

    import pyoxigraph as ox
    from rdflib import Graph

    from kg.build.export import to_ntriples
    from kg.build.materialise import materialise, oxigraph_terms
    from kg.build.validate import shacl
    from kg.rdf.namespaces import bind_prefixes
    from kg.rdf.terms import to_rdflib

    def done(step, t0):
        out.put((step, time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))

    t0 = time.perf_counter()
    triples = []
    for f in files:
        fmt = ox.RdfFormat.from_extension(Path(f).suffix.lstrip("."))
        triples += [(q.subject, q.predicate, q.object) for q in ox.parse(path=f, format=fmt)]
    done("parse", t0)
    t0 = time.perf_counter()
    closure = materialise(triples, oxigraph_terms()).closure
    del triples
    done("reason", t0)
    t0 = time.perf_counter()
    g = bind_prefixes(Graph())
    for s, p, o in closure:
        g.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    done("to rdflib", t0)
    t0 = time.perf_counter()
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    shacl(g, shapes)
    done("SHACL", t0)
    checks = sorted((ROOT / "queries" / "checks").glob("*.rq"))
    t0 = time.perf_counter()
    store = ox.Store()
    store.bulk_extend(ox.Quad(s, p, o) for s, p, o in closure)
    for q in checks:
        list(store.query(q.read_text(encoding="utf-8")))
    done("checks (Oxigraph)", t0)
    t0 = time.perf_counter()
    g.serialize(format="turtle")
    to_ntriples(g)
    done("export", t0)
    t0 = time.perf_counter()  # last: it is the slowest at scale
    for q in checks:
        list(g.query(q.read_text(encoding="utf-8")))
    done("checks (rdflib)", t0)


def measure(files: list[str], limit: float) -> dict:
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    proc = ctx.Process(target=run_steps, args=(files, out))
    proc.start()
    result, started = {}, time.monotonic()
    step_start = started
    while len(result) < len(STEPS):
        try:
            step, seconds, peak = out.get(timeout=1)
            result[step] = {"seconds": seconds, "peak_mb": peak}
            step_start = time.monotonic()
        except Exception:  # noqa: BLE001 - queue.Empty: nothing finished in the last second
            if not proc.is_alive():
                result["failed"] = f"the process ended after {len(result)} steps (exit code {proc.exitcode})"
                break
            if time.monotonic() - step_start > limit:
                proc.kill()
                result[STEPS[len(result)]] = {"stopped": f"stopped after {limit:.0f} s"}
                break
    proc.join(10)
    return result


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.5, 4.5))
    for step in STEPS:
        pts = [(r["size"], r[step]["seconds"]) for r in rows if "seconds" in r.get(step, {})]
        if pts:
            ax.plot([p[0] for p in pts], [p[1] for p in pts], "o-", label=step)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("input triples (ontology + data)")
    ax.set_ylabel("seconds")
    ax.set_title("The build's steps as the graph grows")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def report(rows: list[dict]) -> str:
    lines = ["| step | " + " | ".join(f"{r['size']:,} triples" for r in rows) + " |", "|---|" + "---:|" * len(rows)]
    for step in STEPS:
        cells = []
        for r in rows:
            m = r.get(step)
            cells.append("not run" if m is None else m.get("stopped") or f"{m['seconds']:.2f} s")
        lines.append(f"| {step} | " + " | ".join(cells) + " |")
    lines.append("| peak memory | " + " | ".join(
        f"{max((m.get('peak_mb', 0) for k, m in r.items() if isinstance(m, dict)), default=0):,.0f} MB" for r in rows) + " |")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=float, default=600.0, help="seconds one step may take (default: 600)")
    ap.add_argument("--report-only", action="store_true", help="rewrite the table and plot from build-scale.json")
    args = ap.parse_args()
    if args.report_only:
        rows = json.loads((RESULTS / "build-scale.json").read_text(encoding="utf-8"))["rows"]
        (RESULTS / "build-scale.md").write_text(report(rows), encoding="utf-8")
        plot(rows, RESULTS / "build-scale.png")
        print(report(rows))
        return 0
    from bench_reason import corpus, save

    rows = []
    for size in args.sizes:
        files = [str(ROOT / "dist" / "ontology.ttl"), str(corpus(size, args.seed))]
        row = {"size": size, **measure(files, args.limit)}
        rows.append(row)
        print(json.dumps(row), flush=True)
    if (RESULTS / "build-scale.json").is_file():  # keep the figures of sizes not run this time
        measured = {r["size"] for r in rows}
        old = json.loads((RESULTS / "build-scale.json").read_text(encoding="utf-8"))["rows"]
        rows = sorted(rows + [r for r in old if r["size"] not in measured], key=lambda r: r["size"])
    save("build-scale", rows, report, plot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
