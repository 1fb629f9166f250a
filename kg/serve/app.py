"""``kg serve``: the SPARQL endpoint, the Linked Data pages and the web view, in one Starlette app.

Routes:

- ``/sparql``: SPARQL 1.1 Protocol (query operation, read-only), service description without a query;
- ``/id/…``, ``/evidence/…``, ``/link/…``, ``/graph/…``: the graph's IRIs under its base; 303 See Other
  to ``/doc/…`` (an HTML page or an RDF description, by content negotiation);
- ``/doc/…[.html|.ttl|.jsonld|.nt]``: the description of one resource;
- ``/``, ``/search``, ``/editor``: the web view; ``/api/search``: the search as JSON;
- ``/check`` (a text box; POST: the text with its claims marked) and ``POST /api/check`` (the JSON of
  `kg check`): a text judged against the graph, bounded by size, by a fair gate of its own and by time;
- ``/ontology``, ``/dataset`` (VoID), ``/dist/…`` (the downloads), ``/static/…`` (styles, YASGUI).

Errors are mapped at this edge only: the user's mistakes to 4xx with their message,
an overloaded or stopped query to 503, anything else to 500 with no internals shown.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import re
from collections.abc import Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, parse_qsl

from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kg import __version__
from kg.errors import (
    BadRequest,
    Busy,
    FederationRefused,
    KGError,
    NotAcceptable,
    NotBuilt,
    QueryError,
    QueryTimeout,
    RequestTimeout,
    TooLarge,
    UpdateRefused,
)
from kg.query.named import bindings, list_queries, with_values
from kg.rdf.formats import TURTLE
from kg.rdf.namespaces import AZD, BASE, ID, bind_prefixes
from kg.serve.connections import Guard
from kg.serve.conneg import EXTENSIONS, GRAPHS, HTML, PAGES, RESULTS, Format, choose, languages
from kg.serve.engine import Engine, Limits
from kg.serve.gate import FairGate
from kg.serve.protocol import READ_ONLY, looks_like_update, parse_operation, service_description
from kg.site.asof import as_of
from kg.site.chart import chart
from kg.site.checkview import numbered, sentences
from kg.site.env import STATIC, query, render
from kg.site.proofs import from_graph
from kg.site.render import Renderer
from kg.site.search import LabelIndex
from kg.site.timeline import timeline

log = logging.getLogger("kg.serve")
RESOURCE_KINDS = ("id", "evidence", "link", "graph")

DESCRIBE, LABELS, REPLACED, PROOFS = query("describe"), query("labels"), query("replaced"), query("proofs")
FIGURES = query("figures")
ENTITY_SPACE = str(ID)
SEARCH_CHARS, SEARCH_WORDS = 200, 12  # a search is a few words; more is refused before any work


@dataclass(frozen=True)
class Settings:
    dist: Path
    store: Path
    queries: Path
    limits: Limits = field(default_factory=Limits)
    max_body_bytes: int = 1_000_000
    max_query_bytes: int = 100_000
    body_timeout: float = 10.0  # seconds the whole request body may take to arrive
    max_sending: int = 256_000_000  # bytes of answers being sent at once; past it, new queries wait (503)
    sending: Callable[[], int] = lambda: 0  # bytes written and not yet taken by clients (the server's protocol says)
    public_url: str = "http://127.0.0.1:8000"  # the server's own address, for the service description
    title: str = "Azerbaijani diaspora policy knowledge graph"
    project: Path | None = None  # the project whose data a text is checked against (/check); None: no checking
    max_check_chars: int = 20_000  # a text to check, at most (about 3,000 words)
    check_timeout: float = 20.0  # seconds a check may take, reading the data and the pipeline on first use included


@dataclass
class State:
    """What the server reads once at start (the store is read-only, so none of it changes)."""

    engine: Engine
    index: LabelIndex
    timeline: object
    graphs: list[str]
    triples: int
    queries: dict  # the named queries of queries/ by name, for the home page, the editor and the as-of view
    replaced: dict[str, str] = field(default_factory=dict)  # old IRI -> the IRI that replaces it (dcterms:isReplacedBy)
    figures: list[dict] = field(default_factory=list)  # the network's figures, for the charts (kg/site/queries/figures.rq)
    charts: list = field(default_factory=list)  # the home page's chart per network, drawn once from them
    checks: CheckService | None = None  # /check: the reader and the data, loaded on first use


class CheckService:
    """Checks of texts against the graph: one at a time (the reader's pipeline is not shared between
    threads), admitted fairly between clients, each under a time limit; the data and the pipeline
    are read once, on the first check, in a thread, so the server starts as fast as before."""

    def __init__(self, project: Path, timeout: float, client_queue: int):
        self.project, self.timeout = project, timeout
        self.gate = FairGate(Limits(workers=1, per_client=1, client_queue=client_queue, queue=8))
        self._checker = None
        self._lock = asyncio.Lock()

    async def check(self, text: str, published: dt.date | None, client: str) -> dict:
        from kg.check.output import to_json  # the check's libraries (the reader, the build's loader): on first use

        await self.gate.acquire(client)
        work = asyncio.ensure_future(self._run(text, published))
        try:
            result = await asyncio.wait_for(asyncio.shield(work), self.timeout)
        except TimeoutError:
            # the thread cannot be stopped: the gate opens only when it is done, so checks never overlap
            work.add_done_callback(lambda _: self.gate.release(client))
            raise QueryTimeout(f"the check took longer than {self.timeout:g} s and was given up; check a shorter text") from None
        except BaseException:
            work.add_done_callback(lambda _: self.gate.release(client))
            raise
        self.gate.release(client)
        return to_json(result)

    async def _run(self, text: str, published: dt.date | None):
        checker = await self._load()
        return await asyncio.to_thread(checker.check, text, published)

    async def _load(self):
        async with self._lock:
            if self._checker is None:
                from kg.check import Checker

                self._checker = await asyncio.to_thread(Checker.of_project, self.project)
        return self._checker


def _rows(answer) -> list[dict]:
    return json.loads(answer.body)["results"]["bindings"]


async def _startup(settings: Settings) -> State:
    engine = Engine(settings.store, settings.limits)
    try:
        labels = await engine.query(LABELS, "json", None, bindings={"space": ENTITY_SPACE}, limit=10**9)
        # (a bound ?space is an IRI; STR() of it is the namespace the FILTER compares with)
        named = {q.name: q for q in list_queries(settings.queries)}
        rows = _rows(await engine.query(named["timeline"].text, "json", None, limit=10**9)) if "timeline" in named else []
        graphs = [r["g"]["value"] for r in _rows(await engine.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", "json", None))]
        count = _rows(await engine.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "json", None))
        replaced = _rows(await engine.query(REPLACED, "json", None, limit=10**9))
        figures = _rows(await engine.query(FIGURES, "json", None, limit=10**9))
    except BaseException:
        engine.close()
        raise
    checks = CheckService(settings.project, settings.check_timeout, settings.limits.client_queue) if settings.project else None
    return State(engine, LabelIndex(_rows(labels)), timeline(rows), sorted(graphs), int(count[0]["n"]["value"]),
                 named, {r["old"]["value"]: r["new"]["value"] for r in replaced}, figures, _network_charts(figures),
                 checks)


def _error(status: int, message: str, headers: dict | None = None) -> Response:
    return PlainTextResponse(message.rstrip() + "\n", status_code=status, headers=headers)


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def state(request: Request) -> State:
    return request.app.state.kg


def _page(request: Request, template: str, **context) -> HTMLResponse:
    return HTMLResponse(render(template, title=settings_of(request).title, home_href="/", **context))


# ---------------------------------------------------------------- SPARQL


async def sparql(request: Request) -> Response:
    settings = settings_of(request)
    _one_content_type(request)
    body = await _read_body(request, settings.max_body_bytes, settings.body_timeout)
    op = parse_operation(request.method, request.headers.get("content-type"), request.url.query, body,
                         settings.max_query_bytes)
    accept = request.headers.get("accept")
    if op is None:
        if accept and _prefers_html(accept):
            return RedirectResponse("/editor", status_code=303)
        fmt = choose(accept, GRAPHS, request.query_params.get("format"))
        # the endpoint's IRI is the configured address, never the client's Host header
        sd = service_description(settings.public_url.rstrip("/") + "/sparql", state(request).graphs,
                                 state(request).triples, settings.limits)
        return _graph_response(sd, fmt)
    sending = settings.sending()
    if sending > settings.max_sending:
        # slow readers hold their answers in this process: bound what they may hold all together
        raise Busy(f"the server holds {sending} bytes of answers that slow readers have not taken; try again shortly")
    results_fmt = _maybe(accept, RESULTS, op.format)
    graph_fmt = _maybe(accept, GRAPHS, op.format)
    try:
        answer = await state(request).engine.query(op.query, results_fmt and results_fmt.name, graph_fmt and graph_fmt.name,
                                                   default_graphs=op.default_graphs, named_graphs=op.named_graphs,
                                                   client=_client(request))
    except (QueryError, FederationRefused):  # an update sent as a query fails as one; say what it is
        if looks_like_update(op.query):
            raise UpdateRefused(READ_ONLY) from None
        raise
    headers = {"KG-Result-Count": str(answer.count)}
    if answer.truncated:
        headers["KG-Results-Truncated"] = "true"
        if answer.cut_by_bytes:
            headers["KG-Results-Byte-Limit"] = str(settings.limits.max_bytes)
        else:
            headers["KG-Results-Limit"] = str(settings.limits.max_results)
    return Response(answer.body, media_type=answer.media_type, headers=headers)


# ---------------------------------------------------------------- Linked Data


async def resource(request: Request) -> Response:
    """An IRI of the graph (``/id/…``): 303 See Other to its description, in the format asked for."""
    _printable_path(request)
    kind = request.url.path.split("/", 2)[1]
    rest = request.path_params["rest"]
    moved = _moved(request, f"{BASE}{kind}/{rest}")
    if moved:
        return RedirectResponse(f"/{moved}", status_code=301)
    fmt = choose(request.headers.get("accept"), PAGES, request.query_params.get("format"))
    return RedirectResponse(f"/doc/{kind}/{rest}.{fmt.extension}", status_code=303, headers={"Vary": "Accept"})


async def document(request: Request) -> Response:
    """The description of one resource: its page, or its triples in an RDF format."""
    settings, st = settings_of(request), state(request)
    kind, rest = request.path_params["kind"], request.path_params["rest"]
    _printable_path(request)
    if kind not in RESOURCE_KINDS:
        raise HTTPException(404, f"no such page: /doc/{kind}/ holds nothing")
    m = re.fullmatch(r"(.*?)(?:\.(html|ttl|jsonld|nt))?", rest, re.DOTALL)  # "$" would let a final newline by
    name, ext = m.group(1), m.group(2)
    if not re.fullmatch(r"[A-Za-z0-9._~/-]+", name) or ".." in name.split("/"):
        raise HTTPException(404, f"/doc/{kind}/{_shown(name)} is not a resource of this graph")
    moved = _moved(request, f"{BASE}{kind}/{name}")
    if moved:
        return RedirectResponse(f"/doc/{moved}" + (f".{ext}" if ext else ""), status_code=301)
    fmt = EXTENSIONS[ext] if ext else choose(request.headers.get("accept"), PAGES, request.query_params.get("format"))
    iri = f"{BASE}{kind}/{name}"
    answer = await st.engine.query(DESCRIBE, None, "nt" if fmt == HTML else fmt.name, bindings={"e": iri},
                                   limit=settings.limits.max_description, client=_client(request))
    if answer.count == 0:
        raise HTTPException(404, f"{iri} is not in this graph")
    if fmt == HTML:
        graph = bind_prefixes(Graph()).parse(data=answer.body.decode("utf-8"), format="nt")
        langs = tuple(languages(request.headers.get("accept-language"), request.query_params.get("lang")))
        proofs = await st.engine.query(PROOFS, None, "nt", bindings={"e": iri}, limit=settings.limits.max_description,
                                       client=_client(request))
        proof_graph = bind_prefixes(Graph()).parse(data=proofs.body.decode("utf-8"), format="nt")
        view = Renderer(graph, href=lambda n: f"/doc/id/{n}", langs=langs, derivations=from_graph(proof_graph),
                        proof_graph=proof_graph, figures=st.figures).page(URIRef(iri))
        day = request.query_params.get("as_of")
        if day is not None:
            view.as_of = await _as_of(request, iri, day, (URIRef(iri), RDF.type, AZD.CommemorativeDay) in graph)
        html = render("entity.html", page=view, title=settings.title, home_href="/", truncated=answer.truncated,
                      data_href=f"/doc/{kind}/{name}")
        return HTMLResponse(html, headers={"Vary": "Accept, Accept-Language", "Content-Language": view.lang or "en"})
    headers = {"Vary": "Accept"}
    if answer.truncated:
        headers["KG-Results-Truncated"] = "true"
    return Response(answer.body, media_type=fmt.media_type, headers=headers)


# ---------------------------------------------------------------- web view


async def home(request: Request) -> Response:
    st = state(request)
    return _page(request, "home.html", timeline=st.timeline, triples=st.triples, entities=st.index.entities,
                 queries=len(st.queries), figures=st.charts)


def _network_charts(rows: list[dict]) -> list:
    """One small chart per network (each on its own scale: hundreds of organisations would flatten
    a few dozen Houses), with its name and page."""
    def href(obs: str) -> str:
        return f"/doc/id/{obs.rsplit('/', 1)[-1]}"

    abouts = sorted({(r["aboutName"]["value"], r["about"]["value"]) for r in rows})
    drawn = [(name, href(about), chart(rows, about=about, href=href, width=470, height=230)) for name, about in abouts]
    return [(name, page, c) for name, page, c in drawn if c is not None]


async def search(request: Request) -> Response:
    q = _search_text(request)
    hits = state(request).index.search(q)
    return _page(request, "search.html", q=q, hits=[(h, "/doc/id/" + h.iri[len(ENTITY_SPACE):]) for h in hits])


async def api_search(request: Request) -> Response:
    hits = state(request).index.search(_search_text(request))
    return JSONResponse([{"iri": h.iri, "label": h.label, "lang": h.lang, "name": h.main,
                          "page": "/doc/id/" + h.iri[len(ENTITY_SPACE):]} for h in hits])


async def editor(request: Request) -> Response:
    named = [{"name": q.name, "title": q.title, "description": q.description, "text": q.text}
             for q in state(request).queries.values() if not q.name.startswith("federated/")]
    return _page(request, "editor.html", queries=named)


async def check_page(request: Request) -> Response:
    """The text box; posted, the text with each sentence marked by its verdicts and the claims below."""
    settings = settings_of(request)
    if request.method == "GET":
        return _page(request, "check.html", text="", date="", result=None, max_chars=settings.max_check_chars)
    _one_content_type(request)
    body = await _read_body(request, _check_body_bytes(settings), settings.body_timeout)
    try:  # strictly UTF-8, as every other request: never a text read with U+FFFD in it
        form = parse_qs(body.decode("utf-8"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise BadRequest("the form is not UTF-8") from None
    text, day = (form.get("text") or [""])[0], (form.get("date") or [""])[0]
    result = await _check(request, text, day)
    return _page(request, "check.html", text=text, date=day, result=result, max_chars=settings.max_check_chars,
                 segments=sentences(text.replace("\r\n", "\n"), result["claims"]), claims=numbered(result["claims"]))


async def api_check(request: Request) -> Response:
    """``POST /api/check``: JSON ``{"text": …, "date": "YYYY-MM-DD"}`` (or the text itself as text/plain,
    with ``?date=``) in; the JSON of `kg check --format json` out."""
    settings = settings_of(request)
    _one_content_type(request)
    body = await _read_body(request, _check_body_bytes(settings), settings.body_timeout)
    if (request.headers.get("content-type") or "").split(";")[0].strip().lower() == "application/json":
        try:
            doc = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise BadRequest("the body is not JSON; send {\"text\": \"…\", \"date\": \"YYYY-MM-DD\"}") from None
        if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
            raise BadRequest("the JSON body needs a \"text\" string: {\"text\": \"…\", \"date\": \"YYYY-MM-DD\"}")
        text, day = doc["text"], doc.get("date") or ""
        if not isinstance(day, str):
            raise BadRequest("\"date\" is a string YYYY-MM-DD")
    else:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadRequest(f"the text is not UTF-8 ({exc.reason} at byte {exc.start})") from None
        day = request.query_params.get("date", "")
    return JSONResponse(await _check(request, text, day))


def _check_body_bytes(settings: Settings) -> int:
    """The body a text of ``max_check_chars`` may take: four UTF-8 bytes a character, and a form's or JSON's wrapping."""
    return settings.max_check_chars * 4 + 1_000


async def _check(request: Request, text: str, day: str) -> dict:
    settings, st = settings_of(request), state(request)
    if st.checks is None:
        raise HTTPException(404, "this server checks no texts: it was started without the project's data")
    if len(text) > settings.max_check_chars:
        raise TooLarge(f"the text is {len(text)} characters; this server checks at most {settings.max_check_chars} "
                       "(check it in parts, or use kg check)")
    if not text.strip():
        raise BadRequest("give a text to check")
    try:
        published = dt.date.fromisoformat(day) if day else None
    except ValueError:
        raise BadRequest(f"date {day!r} is not a day YYYY-MM-DD") from None
    return await st.checks.check(text, published, _client(request))


async def ontology(request: Request) -> Response:
    return _dist_file(request, "ontology.ttl")


async def void(request: Request) -> Response:
    return _dist_file(request, "void.ttl")


SERVED_FILES = ("ontology.ttl", "void.ttl", "graph-inferred.ttl")  # what the pages and downloads need of dist/


def _dist_file(request: Request, name: str) -> Response:
    path = settings_of(request).dist / name
    if not path.is_file():  # dist/ removed or half rebuilt under the running server: unavailable, not a bug
        raise NotBuilt(f"{name} is missing from {settings_of(request).dist}: the built graph is gone; run kg build")
    return FileResponse(path, media_type=TURTLE.media_type)


class DistFiles(StaticFiles):
    """The downloads of dist/: a 503 (NotBuilt) when dist/ itself is gone, not Starlette's error."""

    async def check_config(self) -> None:
        self._there()

    async def get_response(self, path: str, scope) -> Response:
        self._there()
        return await super().get_response(path, scope)

    def _there(self) -> None:
        if not Path(self.directory).is_dir():
            raise NotBuilt(f"{self.directory} is missing: the built graph is gone; run kg build")


async def health(request: Request) -> Response:
    # a query answered end to end (or, while the queue is full, a pool that is alive), and dist/ and
    # the store as the server serves them: said at once, never after the queries waiting
    st, settings = state(request), settings_of(request)
    missing = [name for name in SERVED_FILES if not (settings.dist / name).is_file()]
    if missing or not settings.store.is_dir():
        reason = f"dist/ lacks {', '.join(missing)}" if missing else f"the store {settings.store} is gone"
        return JSONResponse({"status": "unavailable", "version": __version__, "reason": reason + "; run kg build, "
                             "then restart kg serve"}, status_code=503, headers={"Retry-After": "5"})
    if not await st.engine.healthy():
        return JSONResponse({"status": "unavailable", "version": __version__, "reason": "queries cannot be answered"},
                            status_code=503, headers={"Retry-After": "5"})
    return JSONResponse({"status": "ok", "version": __version__, "triples": st.triples, "pools_rebuilt": st.engine.rebuilt,
                         "workers_lost": st.engine.lost, "sending_bytes": settings_of(request).sending()})


# ---------------------------------------------------------------- errors (the edge)


async def kg_error(request: Request, exc: KGError) -> Response:
    """A user's mistake or a refusal: the status and headers its class states, and its message."""
    return _error(exc.http_status, str(exc), exc.headers or None)


async def gone(request: Request, exc: ClientDisconnect) -> Response:
    # the client hung up before its request was whole: nobody reads this answer, nothing to log as an error
    log.info("client went away during its request on %s", request.url.path)
    return _error(400, "the request ended before its body was complete", {"Connection": "close"})


async def http_error(request: Request, exc: HTTPException) -> Response:
    return _error(exc.status_code, exc.detail or "")


async def bug(request: Request, exc: Exception) -> Response:
    log.exception("internal error on %s %s", request.method, request.url.path)
    return _error(500, "internal error: this is a bug in the server, not in your request; it has been logged")


# ---------------------------------------------------------------- the application


ROUTES = [
    Route("/", home),
    Route("/search", search),
    Route("/api/search", api_search),
    Route("/editor", editor),
    Route("/check", check_page, methods=["GET", "POST"]),
    Route("/api/check", api_check, methods=["POST"]),
    Route("/sparql", sparql, methods=["GET", "POST", "HEAD"]),
    Route("/ontology", ontology),
    Route("/dataset", void),
    Route("/.well-known/void", void),
    Route("/health", health),
    *[Route(f"/{kind}/{{rest:path}}", resource) for kind in RESOURCE_KINDS],
    Route("/doc/{kind:str}/{rest:path}", document),
]
EXPOSED = ["KG-Results-Truncated", "KG-Results-Limit", "KG-Results-Byte-Limit", "KG-Result-Count"]


def create_app(settings: Settings) -> Starlette:
    """The web application over a filled store (see :func:`kg.serve.store.fill_store`)."""

    @asynccontextmanager
    async def lifespan(app):
        app.state.kg = await _startup(settings)
        try:
            yield
        finally:
            app.state.kg.engine.close()

    app = Starlette(
        routes=[*ROUTES, Mount("/dist", app=DistFiles(directory=settings.dist, check_dir=False), name="dist"),
                Mount("/static", app=StaticFiles(directory=STATIC), name="static")],
        middleware=[Middleware(Guard),
                    Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "HEAD", "OPTIONS"],
                               allow_headers=["Accept", "Content-Type"], expose_headers=EXPOSED, max_age=3600)],
        exception_handlers={KGError: kg_error, HTTPException: http_error, ClientDisconnect: gone, Exception: bug},
        lifespan=lifespan,
    )
    app.state.settings = settings
    return app


def _client(request: Request) -> str:
    """Who is asking, for fair sharing of the workers: the peer address (behind a proxy, the
    address it forwards, which uvicorn takes from trusted proxies only: --forwarded-allow-ips)."""
    return request.client.host if request.client else "unknown"


async def _read_body(request: Request, limit: int, timeout: float) -> bytes:
    """The request body, refused (413) as soon as it passes ``limit`` bytes, or (408) when it has
    not arrived whole within ``timeout`` seconds (a body shorter than its Content-Length included)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"the request body is {declared} bytes; this endpoint accepts at most {limit}")
    chunks, size = [], 0
    try:
        async with asyncio.timeout(timeout):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise TooLarge(f"the request body is larger than {limit} bytes, the most this endpoint accepts")
                chunks.append(chunk)
    except TimeoutError:
        raise RequestTimeout(f"the request body did not arrive whole within {timeout:g} s") from None
    return b"".join(chunks)


async def _as_of(request: Request, iri: str, day: str, is_day: bool):
    """The entity as of ``day``: queries/as-of.rq for that day, its parameter checked as the query
    declares it (a day that is no day is a 400) and bound by a VALUES block."""
    named = state(request).queries.get("as-of")
    if named is None:
        raise HTTPException(404, "this server has no as-of query (queries/as-of.rq)")
    text = with_values(named.text, bindings(named, {"date": day}))
    answer = await state(request).engine.query(text, "json", None, limit=10**6, client=_client(request))
    return as_of(_rows(answer), iri, day, is_day)


def _moved(request: Request, iri: str) -> str | None:
    """The path (after the base) of the IRI that replaced ``iri``, if it was replaced: an id that
    held a contested value, say, renamed and kept resolving."""
    new = state(request).replaced.get(iri)
    return new[len(BASE):] if new and new.startswith(BASE) else None


def _search_text(request: Request) -> str:
    try:
        q = next((v for k, v in parse_qsl(request.url.query, keep_blank_values=True, errors="strict") if k == "q"), "")
    except UnicodeDecodeError:
        raise BadRequest("the search is not UTF-8 (percent-encode UTF-8 bytes)") from None
    except ValueError:
        raise BadRequest("the search's parameters cannot be read") from None
    if len(q) > SEARCH_CHARS or len(q.split()) > SEARCH_WORDS:
        raise BadRequest(f"a search is at most {SEARCH_WORDS} words and {SEARCH_CHARS} characters")
    return q


def _one_content_type(request: Request) -> None:
    """Two Content-Type headers say two things about one body: refused, not read by the first."""
    if len(request.headers.getlist("content-type")) > 1:
        raise BadRequest("the request has two Content-Type headers; send one")


def _printable_path(request: Request) -> None:
    """A path with a control character names no resource (the router's pattern lets a final newline
    by: /doc/id/baku%0A would be Baku's page)."""
    path = request.scope["path"]
    if not path.isprintable():
        raise HTTPException(404, f"{_shown(path)} is not a resource of this graph")


def _shown(text: str) -> str:
    """Text of the request as an answer may echo it: control characters written as escapes."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)[:200]


def _prefers_html(accept: str) -> bool:
    try:
        return choose(accept, PAGES) == HTML
    except NotAcceptable:
        return False


def _maybe(accept: str | None, offered: tuple[Format, ...], format_param: str | None) -> Format | None:
    """The format for one kind of result, or None if the client accepts none of them (406 if that kind comes)."""
    try:
        return choose(accept, offered, format_param)
    except NotAcceptable:
        return None


def _graph_response(graph: Graph, fmt: Format) -> Response:
    return Response(graph.serialize(format=fmt.rdflib), media_type=fmt.media_type)


