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
import itertools
import json
import multiprocessing
import signal
from collections import deque
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from pebble import ProcessExpired, ProcessPool

from .conneg import GRAPHS, GRAPHS_OX, RESULTS, RESULTS_OX, NotAcceptable
from .errors import KGError, QueryError
from .namespaces import PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0  # seconds a query may run
    max_results: int = 10_000  # rows (SELECT) or triples (CONSTRUCT/DESCRIBE) returned at most
    max_description: int = 5_000  # triples in one entity's description (its page)
    workers: int = 2  # queries evaluated at once
    queue: int = 64  # requests waiting for a worker before the server answers 503
    per_client: int = 0  # queries one client may run at once (0: all workers but one)
    client_queue: int = 16  # requests one client may have waiting before it gets 429

    @property
    def client_running(self) -> int:
        return self.per_client or max(1, self.workers - 1)


@dataclass(frozen=True)
class Answer:
    body: bytes
    media_type: str
    form: str  # "solutions", "boolean" or "graph"
    count: int  # rows or triples returned
    truncated: bool  # more were found than max_results allows


class QueryTimeout(KGError):
    """The query ran past the time limit and was stopped."""


class Busy(KGError):
    """Every worker is busy and the queue is full."""


class TooManyRequests(KGError):
    """One client has more requests waiting than it may."""


# ---------------------------------------------------------------- worker side

_STORE: ox.Store | None = None


def w_init(location: str) -> None:
    global _STORE
    # Pebble's workers exit cleanly on SIGTERM through a Python handler, which cannot run while
    # Oxigraph evaluates a query; the default action ends the process at once.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _STORE = ox.Store.read_only(location)


def _json_term(term) -> dict:
    # SPARQL 1.1 Query Results JSON, section 3.2.2 (with RDF 1.2 triple terms)
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {"subject": _json_term(term.subject), "predicate": _json_term(term.predicate),
                                        "object": _json_term(term.object)}}


def _solutions(result: ox.QuerySolutions, fmt: str, limit: int) -> Answer:
    # Rows are counted as they come, so a cap stops the evaluation instead of trimming a finished result.
    # Oxigraph serialises a whole result object only, so the kept rows go through SPARQL JSON
    # (written here) and, for the other formats, back through Oxigraph's own parser and serialiser.
    variables = [v.value for v in result.variables]
    rows = list(itertools.islice(result, limit + 1))
    truncated = len(rows) > limit
    rows = rows[:limit]
    doc = {"head": {"vars": variables}, "results": {"bindings": [
        {v: _json_term(row[v]) for v in variables if row[v] is not None} for row in rows]}}
    body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if fmt != "json":
        body = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(format=RESULTS_OX[fmt])
    return Answer(body, _media(fmt), "solutions", len(rows), truncated)


def _media(name: str) -> str:
    return next(f.media_type for f in RESULTS if f.name == name)


def w_query(text: str, results_fmt: str | None, graph_fmt: str | None, limit: int, bindings: dict | None = None,
            default_graphs: list[str] | None = None, named_graphs: list[str] | None = None) -> Answer:
    """Evaluate one query; answer in the results format (SELECT/ASK) or the graph format (CONSTRUCT/DESCRIBE).

    ``bindings`` (variable -> IRI) are substituted into the parsed query by Oxigraph, never into its text.
    """
    subs = {ox.Variable(k): ox.NamedNode(v) for k, v in (bindings or {}).items()}
    try:
        result = _STORE.query(text, substitutions=subs or None,
                              default_graph=[ox.NamedNode(g) for g in default_graphs] if default_graphs else None,
                              named_graphs=[ox.NamedNode(g) for g in named_graphs] if named_graphs else None)
    except ValueError as exc:  # an IRI given in default-graph-uri / named-graph-uri that is not one
        raise QueryError(f"not a valid graph IRI: {exc}") from None
    except SyntaxError as exc:
        raise QueryError(f"the query is not valid SPARQL: {exc}") from None
    if isinstance(result, ox.QueryBoolean):
        if results_fmt is None:
            raise NotAcceptable(RESULTS)
        return Answer(result.serialize(format=RESULTS_OX[results_fmt]), _media(results_fmt), "boolean", 1, False)
    if isinstance(result, ox.QuerySolutions):
        if results_fmt is None:
            raise NotAcceptable(RESULTS)
        return _solutions(result, results_fmt, limit)
    if graph_fmt is None:
        raise NotAcceptable(GRAPHS)
    triples = list(itertools.islice(result, limit + 1))
    body = ox.serialize(triples[:limit], format=GRAPHS_OX[graph_fmt], prefixes=PREFIXES)
    return Answer(body, GRAPHS_OX[graph_fmt].media_type, "graph", min(len(triples), limit), len(triples) > limit)


# ---------------------------------------------------------------- server side


class FairGate:
    """Admission to the workers, fair between clients.

    At most ``workers`` queries run at once, and one client runs at most ``per_client`` of them,
    so a burst of heavy queries from one client always leaves a worker for the others. Waiting
    requests are served round-robin across clients, not first come first served. A client with
    ``client_queue`` requests waiting gets 429; with ``queue`` waiting in all, everyone gets 503.
    (asyncio's Semaphore is first come first served, and no maintained library does fair
    per-key admission for asyncio, hence this class.)
    """

    def __init__(self, limits: Limits):
        self.limits = limits
        self.running: dict[str, int] = {}
        self.total = 0
        self.waiting: dict[str, deque[asyncio.Future]] = {}  # insertion order is the round-robin order

    def _eligible(self, client: str) -> bool:
        return self.total < self.limits.workers and self.running.get(client, 0) < self.limits.client_running

    def _grant(self, client: str) -> None:
        self.total += 1
        self.running[client] = self.running.get(client, 0) + 1

    async def acquire(self, client: str) -> None:
        if self._eligible(client) and not self.waiting.get(client):
            self._grant(client)
            return
        mine = self.waiting.setdefault(client, deque())
        if len(mine) >= self.limits.client_queue:
            raise TooManyRequests(f"you have {len(mine)} queries waiting, the most one client may have; "
                                  "wait for their answers before sending more")
        if sum(len(q) for q in self.waiting.values()) >= self.limits.queue:
            raise Busy(f"the server is busy ({self.limits.workers} queries running, {self.limits.queue} waiting); "
                       "try again shortly")
        ticket = asyncio.get_running_loop().create_future()
        mine.append(ticket)
        try:
            await ticket
        except asyncio.CancelledError:
            if ticket.done() and not ticket.cancelled():
                self.release(client)  # granted just as the request went away
            else:
                mine.remove(ticket)
                if not mine:
                    self.waiting.pop(client, None)
            raise

    def release(self, client: str) -> None:
        self.total -= 1
        self.running[client] -= 1
        if not self.running[client]:
            del self.running[client]
        self._dispatch()

    def _dispatch(self) -> None:
        while self.total < self.limits.workers:
            client = next((c for c in self.waiting if self._eligible(c)), None)
            if client is None:
                return
            queue = self.waiting.pop(client)
            ticket = queue.popleft()
            if queue:
                self.waiting[client] = queue  # to the back of the round
            self._grant(client)
            ticket.set_result(None)


class Engine:
    """The worker pool, used from the server's event loop."""

    def __init__(self, location: Path, limits: Limits):
        self.limits = limits
        self.pool = ProcessPool(max_workers=limits.workers, initializer=w_init, initargs=(str(location),),
                                context=multiprocessing.get_context("spawn"))
        self.gate = FairGate(limits)

    async def query(self, text: str, results_fmt: str | None, graph_fmt: str | None,
                    bindings: dict[str, str] | None = None, limit: int | None = None,
                    default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
                    client: str = "server") -> Answer:
        await self.gate.acquire(client)
        try:
            future = self.pool.schedule(w_query, (text, results_fmt, graph_fmt, limit or self.limits.max_results, bindings,
                                                          default_graphs, named_graphs),
                                        timeout=self.limits.timeout)
            try:
                return await asyncio.wrap_future(future)
            except FutureTimeout:
                raise QueryTimeout(f"the query was stopped after {self.limits.timeout:g} s, the time limit of this "
                                   "endpoint; make it more selective or add a LIMIT") from None
            except ProcessExpired as exc:
                raise RuntimeError(f"a query worker died ({exc})") from None
        finally:
            self.gate.release(client)

    def close(self) -> None:
        self.pool.stop()
        self.pool.join(timeout=10)
