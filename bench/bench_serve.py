"""Load benchmark of the SPARQL endpoint: N concurrent clients on loopback run the named
queries for a fixed time, against `kg serve` and against the bare Oxigraph server holding
the same data (read-only from disk, and in memory), so the cost of our layer (protocol, limits,
worker processes) is a ratio; with keep-alive connections and with a new connection per request.

    .venv/bin/python bench/bench_serve.py [--clients 8] [--seconds 20] [--light]

Clients are separate processes (so the Python client does not share one GIL), each with one
keep-alive connection from its own loopback address (127.0.0.10, .11, …), cycling through
queries/*.rq (the federated ones left out). Reports
requests per second, p50/p99 latency and errors; exits non-zero if any request failed.
"""

from __future__ import annotations

import argparse
import multiprocessing
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from servers import free_port, kg_server, oxigraph_binary, wait_for  # noqa: E402

from kg.query.named import list_queries  # noqa: E402


def client(url: str, queries: list[str], seconds: float, offset: int, out, keepalive: bool = True) -> None:
    latencies, errors = [], 0
    deadline = time.monotonic() + seconds
    i = offset
    # each client from its own loopback address, as distinct users would be (the server shares its workers fairly by client);
    # without keep-alive, a new connection per request, as SPARQLWrapper and rdflib's SPARQLStore make them
    transport = httpx.HTTPTransport(local_address=f"127.0.0.{10 + offset}",
                                    limits=httpx.Limits(max_keepalive_connections=None if keepalive else 0))
    headers = {"Accept": "application/sparql-results+json", **({} if keepalive else {"Connection": "close"})}
    with httpx.Client(timeout=30, headers=headers, transport=transport) as http:
        while time.monotonic() < deadline:
            q = queries[i % len(queries)]
            i += 1
            t0 = time.perf_counter()
            try:
                r = http.post(url, data={"query": q})
                ok = r.status_code == 200 and r.content
            except httpx.HTTPError:
                ok = False
            latencies.append(time.perf_counter() - t0)
            errors += not ok
    out.put((latencies, errors))


def run(url: str, queries: list[str], clients: int, seconds: float, keepalive: bool = True) -> dict:
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=client, args=(url, queries, seconds, k, out, keepalive)) for k in range(clients)]
    for p in procs:
        p.start()
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    lat = sorted(x for r in results for x in r[0])
    return {"requests": len(lat), "errors": sum(r[1] for r in results), "rps": len(lat) / seconds,
            "p50_ms": 1000 * statistics.median(lat), "p99_ms": 1000 * lat[min(len(lat) - 1, int(0.99 * len(lat)))]}


def bare_oxigraph(dist: Path):
    """The Oxigraph server on the same data (default graph + named graphs), read-only."""
    store = tempfile.mkdtemp(prefix="bench-oxigraph-")
    binary = oxigraph_binary()
    subprocess.run([binary, "load", "--location", store, "--file", str(dist / "graph-inferred.ttl")], check=True, capture_output=True)
    subprocess.run([binary, "load", "--location", store, "--file", str(dist / "graph.trig")], check=True, capture_output=True)
    port = free_port()
    proc = subprocess.Popen([binary, "serve-read-only", "--location", store, "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(f"http://127.0.0.1:{port}/", proc)
    return proc, f"http://127.0.0.1:{port}/query"


def bare_oxigraph_in_memory(dist: Path):
    """The Oxigraph server holding the same data in memory (no --location), loaded over its Graph
    Store endpoint: the engine at the speed `kg serve`'s workers have since they answer from memory."""
    binary = oxigraph_binary()
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/", proc)
    with httpx.Client(timeout=120) as http:
        http.post(base + "/store?default", content=(dist / "graph-inferred.ttl").read_bytes(),
                  headers={"Content-Type": "text/turtle"}).raise_for_status()
        http.post(base + "/store", content=(dist / "graph.trig").read_bytes(),
                  headers={"Content-Type": "application/trig"}).raise_for_status()
    return proc, base + "/query"


_MEMORY = []


def in_memory_ms(dist: Path, query: str) -> float:
    """How long Oxigraph takes to answer ``query`` from memory, in process (best of three)."""
    import pyoxigraph as ox

    if not _MEMORY:
        store = ox.Store()
        store.bulk_load(path=str(dist / "graph-inferred.ttl"), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
        store.bulk_load(path=str(dist / "graph.trig"), format=ox.RdfFormat.TRIG)
        _MEMORY.append(store)
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        _MEMORY[0].query(query).serialize(format=ox.QueryResultsFormat.JSON)
        best = min(best, time.perf_counter() - t0)
    return 1000 * best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--workers", type=int, default=2, help="kg serve --workers")
    ap.add_argument("--light", action="store_true",
                    help="only the named queries Oxigraph answers in under 5 ms in memory: the cost per request, "
                         "not the engine's, is what is compared")
    args = ap.parse_args()
    dist = ROOT / "dist"
    if not (dist / "graph-inferred.ttl").is_file():
        subprocess.run([sys.executable, str(ROOT / "build_graph.py")], check=True)
    queries = [q.text for q in list_queries(ROOT / "queries") if not q.name.startswith("federated/")]
    if args.light:
        queries = [q for q in queries if in_memory_ms(dist, q) < 5]
    print(f"machine: {platform.machine()}, {multiprocessing.cpu_count()} CPUs, Python {platform.python_version()}; "
          f"{args.clients} clients x {args.seconds:g} s, {len(queries)} named queries in turn")
    figures = {}
    modes = {"keep-alive": True, "new connection": False}
    with tempfile.TemporaryDirectory() as tmp, kg_server(dist, Path(tmp) / "store", "--workers", str(args.workers)) as base:
        httpx.post(base + "/sparql", data={"query": queries[0]})  # warm the workers
        for mode, keepalive in modes.items():
            figures[("kg serve", mode)] = run(base + "/sparql", queries, args.clients, args.seconds, keepalive)
    for name, start in (("oxigraph serve-read-only", bare_oxigraph), ("oxigraph serve, in memory", bare_oxigraph_in_memory)):
        proc, url = start(dist)
        try:
            for mode, keepalive in modes.items():
                figures[(name, mode)] = run(url, queries, args.clients, args.seconds, keepalive)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    print(f"{'server':28} {'connections':15} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for (name, mode), f in figures.items():
        print(f"{name:28} {mode:15} {f['requests']:>9} {f['rps']:>8.0f} {f['p50_ms']:>8.1f} {f['p99_ms']:>8.1f} {f['errors']:>7}")
    for mode in modes:
        ours = figures[("kg serve", mode)]
        for name in ("oxigraph serve-read-only", "oxigraph serve, in memory"):
            bare = figures[(name, mode)]
            print(f"{mode}: kg serve answers {ours['rps'] / bare['rps']:.2f} of the throughput of {name}; "
                  f"p99 {ours['p99_ms']:.1f} ms against {bare['p99_ms']:.1f} ms")
    return 1 if any(f["errors"] for f in figures.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
