"""Bulk paths at scale: filling the embedded store, and pushing to a remote store with the
Graph Store Protocol, with their peak memory, on a synthetic build of N triples.

    .venv/bin/python bench/bench_bulk.py [--triples 1000000]

A synthetic `dist/` is made of a corpus (`kg synth`) and its closure (`kg reason`): the
closure as graph-inferred.ttl, the corpus as graph.trig. Then, each in its own process:
`kg load` into a fresh embedded store, and `kg load --endpoint` to an `oxigraph serve` on
loopback. The peak memory of each process is compared with the size of the data: a path that
held the graph in memory would need several times the file size.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from servers import free_port, oxigraph_binary, wait_for  # noqa: E402


def timed(cmd: list[str]) -> dict:
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    out = proc.stdout.read().decode() + proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{out}")
    return {"seconds": round(time.monotonic() - start, 2), "peak_mb": round(usage.ru_maxrss / 1024), "output": out.strip()[-300:]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    kg = [sys.executable, "-m", "kg", "--root", str(ROOT)]
    with tempfile.TemporaryDirectory() as tmp:
        dist = Path(tmp) / "dist"
        dist.mkdir()
        data = Path(tmp) / "data.nt"
        subprocess.run([*kg, "synth", "--triples", str(args.triples), "--seed", str(args.seed), "-o", str(data)], check=True,
                       capture_output=True)
        subprocess.run([*kg, "reason", str(ROOT / "dist" / "ontology.ttl"), str(data), "-o", str(dist / "graph-inferred.nt")],
                       check=True, capture_output=True)
        os.replace(dist / "graph-inferred.nt", dist / "graph-inferred.ttl")  # N-Triples is Turtle
        shutil.copy(data, dist / "graph.trig")  # and TriG (all in the default graph)
        sizes = {f.name: f.stat().st_size for f in dist.iterdir()}
        figures = {"files_mb": {k: round(v / 2**20) for k, v in sizes.items()}}
        figures["kg load (embedded store)"] = timed([*kg, "load", "--dist", str(dist), "--store", str(Path(tmp) / "store")])
        store = Path(tmp) / "remote"
        port = free_port()
        server = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(store), "--bind", f"127.0.0.1:{port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(f"http://127.0.0.1:{port}/", server)
            figures["kg load --endpoint (Graph Store Protocol)"] = timed(
                [*kg, "load", "--dist", str(dist), "--endpoint", f"http://127.0.0.1:{port}/store"])
        finally:
            server.terminate()
            server.wait(10)
    print(json.dumps(figures, indent=2))
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bulk.json").write_text(json.dumps({"triples": args.triples, **figures}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
