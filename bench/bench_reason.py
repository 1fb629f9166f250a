"""Reasoning at scale: closure time and peak memory of each engine on synthetic corpora.

    .venv/bin/python bench/bench_reason.py [--sizes 1000 10000 100000 1000000] [--seed 1]

Each size is our ontology plus a synthetic corpus (`kg synth`, kg/synth.py) of that many triples in all.
Each engine runs in its own process, so that its peak memory (ru_maxrss) is its own:

- fast: `kg reason` (kg.build.materialise), parse + reason + clean + write N-Triples;
- owlrl: `kg reason --engine owlrl`, the same with owlrl (rdflib parse, owlrl, cleaning, write);
  skipped where the size before took over a minute (ten times the data would pass ten minutes);
- reasonable: the Rust reasoner (PyPI `reasonable`): load + reason, no cleaning, nothing written.

Writes bench/results/reasoning.json, reasoning.md (a table) and reasoning.png (a log-log plot).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
CACHE = ROOT / ".cache" / "bench"
LIMIT = 600.0  # seconds


def corpus(total: int, seed: int) -> Path:
    """Ontology + data = ``total`` triples; the data file is cached."""
    onto = ROOT / "dist" / "ontology.ttl"
    import pyoxigraph as ox

    n_onto = sum(1 for _ in ox.parse(path=str(onto), format=ox.RdfFormat.TURTLE))
    path = CACHE / f"data-{total}-seed{seed}.ttl"  # N-Triples, named .ttl so every tool reads it
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "kg", "--root", str(ROOT), "synth", "--triples", str(max(0, total - n_onto)),
                        "--seed", str(seed), "-o", str(path)], check=True)
    return path


def child(engine: str, files: list[str]) -> None:
    """Run one engine in this process and print what it did as JSON."""
    t0 = time.perf_counter()
    if engine == "reasonable":
        import reasonable

        r = reasonable.PyReasoner()
        for f in files:
            r.load_file(f)
        out = r.reason()
        print(json.dumps({"closure": len(out), "total": time.perf_counter() - t0}))
        return
    sys.path.insert(0, str(ROOT))
    from kg.build.reason import reason_files

    explain = engine == "fast-explain"  # the fast engine recording each inferred triple's rule and premises
    with tempfile.TemporaryDirectory() as tmp:
        result = reason_files([Path(f) for f in files], Path(tmp) / "closure.nt", "fast" if explain else engine,
                              explain=explain)
    print(json.dumps({"closure": result.closure, "total": time.perf_counter() - t0, "derived": result.derived,
                      **result.seconds}))


def measure(engine: str, files: list[Path]) -> dict:
    proc = subprocess.Popen([sys.executable, __file__, "--child", engine, *map(str, files)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    start = time.monotonic()
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - start > LIMIT:
            proc.kill()
            os.wait4(proc.pid, 0)
            return {"stopped": f"stopped after {LIMIT:.0f} s"}
        time.sleep(0.05)
    out, err = proc.stdout.read(), proc.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        return {"failed": err.decode(errors="replace").strip().splitlines()[-1:]}
    result = json.loads(out.decode().strip().splitlines()[-1])
    result["wall"] = time.monotonic() - start
    result["peak_mb"] = usage.ru_maxrss / 1024
    return result


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
    for engine, style in (("fast", "o-"), ("reasonable", "s--"), ("owlrl", "^-")):
        pts = [(r["size"], r[engine]) for r in rows if "wall" in r.get(engine, {})]
        if pts:
            ax1.plot([p[0] for p in pts], [p[1]["wall"] for p in pts], style, label=engine)
            ax2.plot([p[0] for p in pts], [p[1]["peak_mb"] for p in pts], style, label=engine)
    for ax, title, unit in ((ax1, "Closure time (parse + reason + write)", "seconds"), (ax2, "Peak memory", "MB")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("input triples (ontology + data)")
        ax.set_ylabel(unit)
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def table(rows: list[dict]) -> str:
    def cell(m: dict) -> str:
        if "wall" in m:
            return f"{m['wall']:.2f} s, {m['peak_mb']:.0f} MB"
        return m.get("stopped") or m.get("skipped") or ("failed: " + " ".join(m.get("failed", [])))

    lines = ["| input triples | closure (fast) | fast | of which reasoning | reasonable | owlrl | owlrl / fast, whole run "
             "| owlrl / fast, reasoning |", "|---:|---:|---|---:|---|---|---:|---:|"]
    for r in rows:
        fast, owl = r.get("fast", {}), r.get("owlrl", {})
        ratio = f"{owl['wall'] / fast['wall']:.0f}x" if "wall" in owl and "wall" in fast else "–"
        ratio_reasoning = f"{owl['reason'] / fast['reason']:.0f}x" if "reason" in owl and "reason" in fast else "–"
        reasoning = f"{fast['reason']:.2f} s" if "reason" in fast else "–"
        lines.append(f"| {r['size']:,} | {fast.get('closure', 0):,} | {cell(fast)} | {reasoning} | {cell(r.get('reasonable', {}))} | "
                     f"{cell(owl)} | {ratio} | {ratio_reasoning} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000, 1_000_000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--engines", nargs="+", default=["fast", "reasonable", "owlrl"],
                    help="engines to run; figures of the others are kept from the last run (bench/results/reasoning.json)")
    ap.add_argument("--report-only", action="store_true", help="rewrite the table and plot from reasoning.json")
    args = ap.parse_args()
    if args.report_only:
        rows = json.loads((RESULTS / "reasoning.json").read_text(encoding="utf-8"))["rows"]
        (RESULTS / "reasoning.md").write_text(table(rows), encoding="utf-8")
        plot(rows, RESULTS / "reasoning.png")
        print(table(rows))
        return 0
    if not (ROOT / "dist" / "ontology.ttl").is_file():
        subprocess.run([sys.executable, str(ROOT / "build_graph.py")], check=True)
    onto = ROOT / "dist" / "ontology.ttl"
    previous = {}
    if (RESULTS / "reasoning.json").is_file():
        previous = {r["size"]: r for r in json.loads((RESULTS / "reasoning.json").read_text(encoding="utf-8"))["rows"]}
    rows, owlrl_last = [], 0.0
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    for size in args.sizes:
        files = [onto, corpus(size, args.seed)]
        row = {"size": size, **{e: m for e, m in previous.get(size, {}).items() if e != "size"}}
        for engine in ("fast", "reasonable"):
            if engine in args.engines:
                row[engine] = measure(engine, files)
        if "owlrl" in args.engines:
            if owlrl_last > 60:
                row["owlrl"] = {"skipped": f"skipped: {owlrl_last:.0f} s at a tenth of the size, so over 10 min here"}
            else:
                row["owlrl"] = measure("owlrl", files)
        owlrl_last = row.get("owlrl", {}).get("wall", LIMIT if "owlrl" in row else 0.0)
        rows.append(row)
        print(json.dumps(row), flush=True)
    save("reasoning", rows, table, plot, seed=args.seed)
    return 0


def save(name: str, rows: list[dict], report, draw, **meta) -> None:
    """bench/results/NAME.json (figures and machine), NAME.md (report(rows)) and NAME.png (draw(rows, path))."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    meta = {"machine": platform.machine(), "cpus": os.cpu_count(), "python": platform.python_version(), **meta}
    (RESULTS / f"{name}.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n", encoding="utf-8")
    (RESULTS / f"{name}.md").write_text(report(rows), encoding="utf-8")
    draw(rows, RESULTS / f"{name}.png")
    print(report(rows))


if __name__ == "__main__":
    sys.exit(main())
