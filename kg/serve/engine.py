"""The query engine of the server: Oxigraph in worker processes, with a time limit.

Oxigraph cannot interrupt a running query, and a thread cannot be stopped, so
queries run in a pool of worker processes (Pebble's ``ProcessPool``), each with
the store opened read-only. A query past the time limit has its worker killed
and replaced; the other workers go on serving. The pool's size is the number
of queries evaluated at once; further requests wait in a bounded queue.

Functions prefixed ``w_`` run inside the workers.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import logging
import multiprocessing
import re
import resource
import signal
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from pebble import ProcessExpired, ProcessPool

from kg.errors import Busy, KGError, NotAcceptable, NotRepresentable, QueryError, QueryTimeout, TooManyRequests, WorkerLost
from kg.rdf.formats import GRAPHS, RESULTS, by_name
from kg.rdf.namespaces import PREFIXES
from kg.rdf.resultrows import NotXml, RowWriter
from kg.serve.gate import FairGate
from kg.serve.protocol import check_query

log = logging.getLogger("kg.serve")


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0  # seconds a query may run
    max_results: int = 10_000  # rows (SELECT) or triples (CONSTRUCT/DESCRIBE) returned at most
    max_description: int = 5_000  # triples in one entity's description (its page)
    workers: int = 2  # queries evaluated at once
    queue: int = 64  # requests waiting for a worker before the server answers 503
    per_client: int = 0  # queries one client may run at once (0: all workers but one)
    client_queue: int = 16  # requests one client may have waiting before it gets 429
    max_bytes: int = 16_000_000  # bytes of one answer at most (cut like max_results, said in the headers)
    worker_memory: int = 2048  # MB of memory one worker may allocate (0: no limit)
    in_memory: int = 256  # MB: a store this small on disk is copied into each worker's memory (0: never)
    max_depth: int = 128  # nesting of brackets in a query (Oxigraph's parser recurses)
    federate: tuple[str, ...] = ()  # endpoints SERVICE may call; none by default

    @property
    def client_running(self) -> int:
        return self.per_client or max(1, self.workers - 1)


@dataclass(frozen=True)
class Answer:
    body: bytes
    media_type: str
    form: str  # "solutions", "boolean" or "graph"
    count: int  # rows or triples returned
    truncated: bool  # more were found than max_results (or max_bytes) allows
    cut_by_bytes: bool = False  # the cut was made by max_bytes


# ---------------------------------------------------------------- worker side

_STORE: ox.Store | None = None
STACK_MB = 512  # the stack of the thread a worker evaluates on: deep but legal nesting must not overflow it


def _size_mb(location: str) -> float:
    return sum(p.stat().st_size for p in Path(location).rglob("*") if p.is_file()) / (1 << 20)


def w_init(location: str, memory_mb: int = 0, in_memory_mb: int = 0) -> None:
    global _STORE
    # Pebble's workers exit cleanly on SIGTERM through a Python handler, which cannot run while
    # Oxigraph evaluates a query; the default action ends the process at once.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if memory_mb:
        # RLIMIT_DATA counts the heap and anonymous mappings (thread stacks included), not the
        # store's files: a query that allocates past it fails in the worker, not on the machine
        limit = (memory_mb + STACK_MB + 256) << 20
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    threading.stack_size(STACK_MB << 20)
    _STORE = ox.Store.read_only(location)
    if in_memory_mb and _size_mb(location) <= in_memory_mb:
        # Measured (README, "Measurements", the endpoint under load): on a graph this small,
        # Oxigraph answers from memory three to six times as fast as from its on-disk store, and
        # the copy takes a fraction of a second per worker. A larger store is read from disk.
        memory = ox.Store()
        memory.bulk_extend(_STORE.quads_for_pattern(None, None, None, None))
        _STORE = memory


_EVALUATOR: concurrent.futures.ThreadPoolExecutor | None = None


def _on_big_stack(fn, *args):
    """Run ``fn`` on the worker's evaluation thread, which has a large stack (Oxigraph's parser and
    evaluator recurse), and return or raise what it does. Oxigraph's results belong to the thread
    that made them, so the whole evaluation and serialisation happen there. One thread, kept for
    the worker's life (a new one per query would cost its start and cold caches every time)."""
    global _EVALUATOR
    if _EVALUATOR is None:
        _EVALUATOR = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-query")
    return _EVALUATOR.submit(fn, *args).result()


class _Full(Exception):
    """The answer Oxigraph is writing has passed the byte cap."""


class _CappedSink:
    """Where Oxigraph writes an answer (in chunks of some kilobytes): it stops the writing, by
    raising, once the answer passes ``cap`` bytes."""

    def __init__(self, cap: int):
        self.cap, self.size, self.parts = cap, 0, []

    def write(self, chunk: bytes) -> int:
        self.size += len(chunk)
        if self.size > self.cap:
            raise _Full
        self.parts.append(bytes(chunk))
        return len(chunk)

    def flush(self) -> None:
        pass


def _rows_in(body: bytes, fmt: str) -> int:
    """The rows of an answer Oxigraph wrote: JSON's bindings (json's C parser), TSV's lines after the
    head (TSV escapes a newline in a value, so each line is a row)."""
    if fmt == "json":
        return len(json.loads(body)["results"]["bindings"])
    return body.count(b"\n") - 1


# The formats Oxigraph writes whole and whose rows can be counted without reading them one by one.
# XML stays with the row writer, which refuses a character XML 1.0 cannot carry (Oxigraph would
# write it); CSV too, whose quoted values may hold line ends, so only a parse could count its rows.
_WHOLE = {"json", "tsv"}


def _solutions(result: ox.QuerySolutions, fmt: str, limit: int, max_bytes: int, again) -> Answer:
    """The answer to a SELECT, capped at ``limit`` rows and ``max_bytes`` bytes.

    In JSON and TSV, Oxigraph writes the whole answer itself (eight times as fast as writing its
    rows in Python), into a sink that stops it past the byte cap; the rows are then counted. Only an
    answer past either cap is evaluated ``again`` and written row by row, so the cut falls on a row."""
    if fmt in _WHOLE:
        sink = _CappedSink(max_bytes)
        try:
            result.serialize(sink, by_name(fmt, RESULTS).oxigraph)
        except _Full:
            return _row_by_row(again(), fmt, limit, max_bytes)
        body = b"".join(sink.parts)
        count = _rows_in(body, fmt)
        if count <= limit:
            return Answer(body, _media(fmt), "solutions", count, False)
        return _row_by_row(again(), fmt, limit, max_bytes)
    return _row_by_row(result, fmt, limit, max_bytes)


def _row_by_row(result: ox.QuerySolutions, fmt: str, limit: int, max_bytes: int) -> Answer:
    # Rows are counted as they come, so a cap stops the evaluation instead of trimming a finished result.
    # Each row is written once, in the format it is sent in, and its bytes count against max_bytes
    # (kg.rdf.resultrows): an answer in XML, whose "&" takes five bytes, is capped as one in JSON is.
    writer = RowWriter(fmt, [v.value for v in result.variables])
    parts = [writer.head()]
    size, truncated, by_bytes, count = len(parts[0]) + len(writer.tail()), False, False, 0
    for row in result:
        if count == limit:
            truncated = True
            break
        try:
            line = writer.row(row)
        except NotXml as exc:
            raise NotRepresentable(f"a value of the results holds {exc}, which XML 1.0 cannot carry; ask for the "
                                   "results as JSON, CSV or TSV") from None
        size += len(line)
        if size > max_bytes:
            truncated = by_bytes = True
            break
        parts.append(line)
        count += 1
    parts.append(writer.tail())
    return Answer(b"".join(parts), _media(fmt), "solutions", count, truncated, by_bytes)


def _media(name: str) -> str:
    return by_name(name, RESULTS).media_type


def w_query(text: str, results_fmt: str | None, graph_fmt: str | None, limit: int, bindings: dict | None = None,
            default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
            max_bytes: int = 16_000_000, federate: tuple[str, ...] = (), max_depth: int = 128) -> Answer:
    """Evaluate one query; answer in the results format (SELECT/ASK) or the graph format (CONSTRUCT/DESCRIBE).

    The query's text is checked first, here in the worker (under the time limit and the fair gate,
    never in the server's own process): nesting, ambiguous tokens and SERVICE clauses
    (:func:`kg.serve.protocol.check_query`), before Oxigraph's parser sees it.
    ``bindings`` (variable -> IRI) are substituted into the parsed query by Oxigraph, never into its text.
    """
    check_query(text, federate, max_depth)
    return _on_big_stack(_evaluate, text, results_fmt, graph_fmt, limit, bindings, default_graphs, named_graphs, max_bytes)


def _dataset(default_graphs: list[str], named_graphs: list[str]) -> tuple[ox.Store, list | None, list | None]:
    """The store and dataset to query. The default graph of several graphs is their RDF merge, a
    set: Oxigraph would count a triple in two of them twice, so they are merged into a store in
    memory first. A request that names its dataset (SPARQL 1.1 Protocol, 2.1.4) has exactly the
    graphs it names: with default-graph-uri and no named-graph-uri, no named graphs at all; a
    request that names none has the store's default graph and all its named graphs."""
    try:
        defaults = [ox.NamedNode(g) for g in default_graphs]
        named = [ox.NamedNode(g) for g in named_graphs]
    except ValueError as exc:  # an IRI given in default-graph-uri / named-graph-uri that is not one
        raise QueryError(f"not a valid graph IRI: {exc}") from None
    named_given = named if (defaults or named) else None  # None: all of the store's named graphs
    if len(defaults) <= 1:
        return _STORE, defaults or None, named_given
    merged = ox.Store()
    merged.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                  for g in defaults for q in _STORE.quads_for_pattern(None, None, None, g))
    for g in named:
        merged.extend(_STORE.quads_for_pattern(None, None, None, g))
        merged.add_graph(g)
    return merged, None, named


def _evaluate(text, results_fmt, graph_fmt, limit, bindings, default_graphs, named_graphs, max_bytes) -> Answer:
    try:
        return _answer(text, results_fmt, graph_fmt, limit, bindings, default_graphs, named_graphs, max_bytes)
    except RuntimeError as exc:
        # Oxigraph says so of a function it does not know (a misspelt prefix: xsd: bound to another IRI)
        if re.fullmatch(r"The custom function <[^>]*> is not supported", str(exc)):
            raise QueryError(f"the query calls a function this endpoint does not have: {exc}") from None
        raise


def _answer(text, results_fmt, graph_fmt, limit, bindings, default_graphs, named_graphs, max_bytes) -> Answer:
    subs = {ox.Variable(k): ox.NamedNode(v) for k, v in (bindings or {}).items()}
    store, defaults, named = _dataset(default_graphs or [], named_graphs or [])

    def evaluate():
        return store.query(text, substitutions=subs or None, default_graph=defaults, named_graphs=named)

    try:
        result = evaluate()
    except ValueError as exc:
        raise QueryError(f"not a valid graph IRI: {exc}") from None
    except SyntaxError as exc:
        raise QueryError(f"the query is not valid SPARQL: {exc}") from None
    if isinstance(result, ox.QueryBoolean):
        if results_fmt is None:
            raise NotAcceptable(RESULTS)
        return Answer(result.serialize(format=by_name(results_fmt, RESULTS).oxigraph), _media(results_fmt), "boolean", 1, False)
    if isinstance(result, ox.QuerySolutions):
        if results_fmt is None:
            raise NotAcceptable(RESULTS)
        return _solutions(result, results_fmt, limit, max_bytes, evaluate)
    if graph_fmt is None:
        raise NotAcceptable(GRAPHS)
    triples, size, by_bytes = [], 0, False
    for t in result:
        if len(triples) > limit:
            break
        size += len(str(t)) + 3
        if size > max_bytes:
            by_bytes = True
            break
        triples.append(t)
    truncated = by_bytes or len(triples) > limit
    triples = triples[:limit]
    fmt = by_name(graph_fmt, GRAPHS)
    body = ox.serialize(triples, format=fmt.oxigraph, prefixes=PREFIXES)
    while len(body) > max_bytes and triples:  # the estimate above is N-Triples'; a format that escapes more is cut too
        triples = triples[:int(len(triples) * max_bytes / len(body) * 0.9)]
        body = ox.serialize(triples, format=fmt.oxigraph, prefixes=PREFIXES)
        truncated = by_bytes = True
    return Answer(body, fmt.media_type, "graph", len(triples), truncated, by_bytes)


# ---------------------------------------------------------------- server side


LOST_AFTER = 5.0  # seconds past the time limit after which a query's worker is taken as lost


class Engine:
    """The worker pool, used from the server's event loop.

    A pool that breaks (a worker that cannot be replaced, say while the process has no file
    descriptor to spare) is replaced by a new one at the next query, so the endpoint recovers
    without a restart; :meth:`healthy` says whether a query can be answered now.
    """

    def __init__(self, location: Path, limits: Limits):
        self.location, self.limits = location, limits
        self.pool = self._new_pool()
        self.gate = FairGate(limits)
        self.rebuilt = 0  # pools replaced since start
        self.lost = 0  # worker processes that died evaluating a query (not those stopped at the time limit)

    def _new_pool(self) -> ProcessPool:
        return ProcessPool(max_workers=self.limits.workers, initializer=w_init,
                           initargs=(str(self.location), self.limits.worker_memory, self.limits.in_memory),
                           context=multiprocessing.get_context("spawn"))

    def _rebuild(self) -> None:
        log.error("the query worker pool broke; starting a new one")
        old, self.pool = self.pool, self._new_pool()
        self.rebuilt += 1
        threading.Thread(target=_stop, args=(old,), daemon=True).start()

    def _schedule(self, args: tuple):
        try:
            return self.pool.schedule(w_query, args, timeout=self.limits.timeout)
        except RuntimeError:  # Pebble: "Unexpected error within the Pool" / "The Pool is not active"
            self._rebuild()
            return self.pool.schedule(w_query, args, timeout=self.limits.timeout)

    async def query(self, text: str, results_fmt: str | None, graph_fmt: str | None,
                    bindings: dict[str, str] | None = None, limit: int | None = None,
                    default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
                    client: str = "server") -> Answer:
        # a graph named twice is the same graph: the dataset is a set of graphs
        default_graphs = list(dict.fromkeys(default_graphs or []))
        named_graphs = list(dict.fromkeys(named_graphs or []))
        await self.gate.acquire(client)
        try:
            future = self._schedule((text, results_fmt, graph_fmt, limit or self.limits.max_results, bindings,
                                     default_graphs, named_graphs, self.limits.max_bytes, self.limits.federate,
                                     self.limits.max_depth))
            try:
                # Pebble enforces the time limit; this bound is for a task Pebble loses (one in flight when
                # its pool stops, or its race of a stopped worker and a new task, pebble issue #153): its
                # future never resolves, and the request would hold its place at the gate for ever
                deadline = asyncio.timeout(self.limits.timeout + LOST_AFTER)
                async with deadline:
                    return await asyncio.wrap_future(future)
            except FutureTimeout:  # since Python 3.11 the same class as the deadline's
                if deadline.expired():
                    self.lost += 1
                    log.error("a query's worker gave no answer %g s past the time limit; taken as lost", LOST_AFTER)
                    if not self.pool.active:
                        self._rebuild()
                    raise WorkerLost("the process evaluating this query gave no answer, even past the time limit; "
                                     "send the query again") from None
                raise QueryTimeout(f"the query was stopped after {self.limits.timeout:g} s, the time limit of this "
                                   "endpoint; make it more selective or add a LIMIT") from None
            except ProcessExpired as exc:
                self.lost += 1
                memory = f"the {self.limits.worker_memory} MB of" if self.limits.worker_memory else "the"
                log.warning("a query worker stopped with exit code %s", exc.exitcode)
                raise WorkerLost(f"the process evaluating this query stopped (exit code {exc.exitcode}); most likely the "
                                 f"query needed more than {memory} memory this endpoint gives one query; make it more "
                                 "selective") from None
            except BrokenProcessPool:
                self._rebuild()
                raise WorkerLost("the query's worker pool broke while evaluating it; it has been restarted, "
                                 "send the query again") from None
        finally:
            self.gate.release(client)

    async def healthy(self, within: float = 0.8) -> bool:
        """Whether queries can be answered, said within ``within`` seconds and never after waiting in
        the queue: with a worker free, a trivial query is answered end to end (rebuilding a broken
        pool first); with every worker busy, or the query not back in time, the pool's being alive
        is the answer (a busy server is not a broken one, and no supervisor should restart it)."""
        if self.gate.total >= self.limits.workers or any(self.gate.waiting.values()):
            return self.pool.active
        probe = asyncio.ensure_future(self.query("ASK {}", "json", None, client="health"))
        probe.add_done_callback(_retrieved)  # a probe dropped after ``within`` may end in an error no one awaits
        try:
            answer = await asyncio.wait_for(asyncio.shield(probe), within)
        except TimeoutError:
            return self.pool.active  # the probe goes on and is dropped when done: a slow start is not a failure
        except (Busy, TooManyRequests):
            return True
        except (KGError, OSError) as exc:
            log.error("health check: a trivial query failed: %s", exc)
            return False
        return answer.form == "boolean"

    def close(self) -> None:
        _stop(self.pool)


def _retrieved(task: asyncio.Future) -> None:
    if not task.cancelled():
        task.exception()


def _stop(pool: ProcessPool) -> None:
    pool.stop()
    pool.join(timeout=10)
