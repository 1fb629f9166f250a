"""The one HTTP client for remote endpoints, and a polite SPARQL client on it.

httpx is the HTTP client of every remote call: SPARQL queries here, Graph Store Protocol uploads in
:mod:`kg.link.publish`. It streams request bodies from files (a graph larger than memory), speaks
basic and digest authentication with them, reads answers in chunks under a byte cap, and has
timeouts of its own; SPARQLWrapper, used here before, does none of the uploads and reads whole
answers through urllib, so the project had two clients with two sets of errors. A SPARQL query
over HTTP is a form POST (SPARQL 1.1 Protocol, 2.1.2), a few lines on httpx.

Polite: a descriptive User-Agent (the Wikidata Query Service answers 403 without one), a timeout,
retries with exponential back-off on 429/503 that honour Retry-After, a cap on requests per run,
and a response cache on disk so that a re-run is offline and fast. Every failure is a
:class:`RemoteError` with a message saying what went wrong and what to do.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import httpx
from rdflib import BNode, Literal, URIRef

from kg import __version__
from kg.errors import RemoteError
from kg.rdf.files import write_text_atomic
from kg.rdf.formats import RESULTS, TURTLE
from kg.rdf.sparqltext import Ambiguous, form

WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"
USER_AGENT = f"azdiaspora-kg/{__version__} (+https://w3id.org/azdiaspora/; knowledge-graph linker; python httpx)"
RETRY_STATUS = {429, 503}
JSON_TYPES = set(RESULTS[0].offers())  # what a SPARQL JSON answer may say it is


_SECRET_PARAM = re.compile(r"(?i)([?&](?:access[-_]?token|token|api[-_]?key|key|password|passwd|secret)=)[^&#\s]*")
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/@\s]*@")


def redact(text: str) -> str:
    """``text`` with the secrets a URL may carry blotted out: the user info (``user:password@``)
    and the values of token, key and password parameters. Every message that shows an endpoint
    goes through here, so a password given in a URL is never printed back."""
    return _SECRET_PARAM.sub(r"\1***", _USERINFO.sub(r"\1***@", text))


def server_says(body: str | bytes, limit: int = 400) -> str:
    """': <the server's own words>' from an error answer (its text, tags stripped, on one line,
    shortened and redacted), or '' when it said nothing readable."""
    if isinstance(body, bytes):
        body = body.decode("utf-8", errors="replace")
    body = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", body)
    text = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", body)).split())
    if not text:
        return ""
    return ": " + redact(text if len(text) <= limit else text[: limit - 1] + "…")


@dataclass(frozen=True)
class Credentials:
    """Who we are at a remote store: a user, a password (from the KG_STORE_PASSWORD variable or the
    endpoint URL, never from the command line) and the HTTP authentication scheme the store asks
    for: basic, or digest (Virtuoso's Graph Store endpoint, /sparql-graph-crud-auth)."""

    user: str
    password: str = field(default="", repr=False)
    scheme: str = "basic"

    def __post_init__(self):
        if self.scheme not in ("basic", "digest"):
            raise ValueError(f"unknown HTTP authentication scheme {self.scheme!r}")

    @staticmethod
    def from_url(url: str, given: Credentials | None) -> tuple[str, Credentials | None]:
        """The URL without its user info, and the credentials to use: those given, else the URL's."""
        parts = urlsplit(url)
        if parts.username is None and parts.password is None:
            return url, given
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        netloc = host + (f":{parts.port}" if parts.port else "")
        bare = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
        if given is not None:
            return bare, given
        return bare, Credentials(unquote(parts.username or ""), unquote(parts.password or ""))

    def httpx(self) -> httpx.Auth:
        return (httpx.DigestAuth if self.scheme == "digest" else httpx.BasicAuth)(self.user, self.password)


def http_client(credentials: Credentials | None, timeout: float, user_agent: str = USER_AGENT) -> httpx.Client:
    """The HTTP client of every remote call: our User-Agent, a timeout, the credentials' scheme."""
    return httpx.Client(auth=credentials.httpx() if credentials else None, timeout=timeout,
                        headers={"User-Agent": user_agent})


@dataclass
class RemoteConfig:
    endpoint: str = WIKIDATA_ENDPOINT
    user_agent: str = USER_AGENT
    timeout: float = 30.0  # seconds per request
    retries: int = 4  # further tries after a 429/503
    backoff: float = 2.0  # first wait in seconds, doubled each retry
    max_wait: float = 120.0  # longest wait we accept from Retry-After
    max_requests: int = 200  # requests per run, cache hits not counted
    max_bytes: int = 50_000_000  # largest answer read
    cache_dir: Path | None = None
    credentials: Credentials | None = None
    default_graphs: tuple[str, ...] = ()  # sent as default-graph-uri (a store that queries all graphs otherwise)
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)


#: What an answer that is not retried means, in words
REFUSALS = {
    400: "the endpoint says the query is malformed",
    401: "not authorised; give --user, with the password in KG_STORE_PASSWORD",
    404: "no SPARQL endpoint at this URL",
    414: "the request is too long for the endpoint",
    500: "the endpoint failed",
}


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


def _term(binding: dict[str, Any]):
    kind, value = binding.get("type"), binding.get("value")
    if not isinstance(value, str):
        raise ValueError("binding without a string value")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        return Literal(value, lang=binding.get("xml:lang"), datatype=binding.get("datatype"))
    raise ValueError(f"unknown term type {kind!r}")


def parse_results(doc: Any) -> list[dict[str, Any]]:
    """SPARQL 1.1 JSON results -> rows of {variable: rdflib term}; ValueError if malformed."""
    if not isinstance(doc, dict) or not isinstance(doc.get("results"), dict):
        raise ValueError("not SPARQL JSON results (no 'results' object)")
    bindings = doc["results"].get("bindings")
    if not isinstance(bindings, list):
        raise ValueError("not SPARQL JSON results (no 'bindings' list)")
    rows = []
    for b in bindings:
        if not isinstance(b, dict):
            raise ValueError("a binding is not an object")
        rows.append({k: _term(v) for k, v in b.items()})
    return rows


class SparqlClient:
    """SELECT queries against one endpoint, cached, capped and retried."""

    def __init__(self, config: RemoteConfig):
        endpoint, credentials = Credentials.from_url(config.endpoint, config.credentials)
        if (endpoint, credentials) != (config.endpoint, config.credentials):
            config = replace(config, endpoint=endpoint, credentials=credentials)
        self.config = config
        self.shown = redact(config.endpoint)  # the endpoint as messages show it
        self.requests = 0  # made in this run (not counting cache hits)
        self.cache_hits = 0

    def _cache_path(self, query: str) -> Path | None:
        if self.config.cache_dir is None:
            return None
        key = hashlib.sha256(f"{self.config.endpoint}\n{query}".encode()).hexdigest()
        return self.config.cache_dir / f"{key}.json"

    def select(self, query: str) -> list[dict[str, Any]]:
        path = self._cache_path(query)
        if path is not None and path.is_file():
            try:
                rows = parse_results(json.loads(path.read_text(encoding="utf-8")))
                self.cache_hits += 1
                return rows
            except (ValueError, OSError):
                pass  # a damaged cache entry is fetched again
        doc = self._fetch(query)
        try:
            rows = parse_results(doc)
        except ValueError as exc:
            raise RemoteError(f"{self.shown}: malformed response: {exc}") from None
        if path is not None:
            write_text_atomic(path, json.dumps(doc))
        return rows

    def result(self, query: str):
        """Any query's answer as an rdflib Result (SELECT/ASK from SPARQL JSON, CONSTRUCT/DESCRIBE from Turtle),
        uncached: for running the named queries against a store that may have just been loaded. The
        answer's syntax is judged by Oxigraph's parsers first (one error type), then rdflib reads it."""
        import pyoxigraph as ox
        from rdflib import Graph
        from rdflib.query import Result

        raw, graph = self._fetch(query, raw=True)
        try:
            if graph:
                for _ in ox.parse(raw, format=TURTLE.oxigraph):
                    pass
            else:
                ox.parse_query_results(raw, format=RESULTS[0].oxigraph)
        except SyntaxError as exc:
            raise RemoteError(f"{self.shown}: malformed response: {exc}") from None
        if graph:
            out = Result("CONSTRUCT")
            out.graph = Graph().parse(data=raw, format="turtle")
            return out
        return Result.parse(source=io.BytesIO(raw), format="json")

    def _fetch(self, query: str, raw: bool = False) -> Any:
        """POST the query (SPARQL 1.1 Protocol); retry on 429/503. The parsed JSON answer, or with
        ``raw`` the answer's bytes and whether it is a graph (CONSTRUCT/DESCRIBE, asked as Turtle)."""
        cfg = self.config
        try:
            graph = raw and form(query) in ("construct", "describe")
        except Ambiguous:
            graph = False  # the endpoint's parser will say what is wrong with it
        accept = TURTLE.media_type if graph else RESULTS[0].media_type
        body = {"query": query, "default-graph-uri": list(cfg.default_graphs)}
        wait = cfg.backoff
        with http_client(cfg.credentials, cfg.timeout, cfg.user_agent) as http:
            for attempt in range(cfg.retries + 1):
                if self.requests >= cfg.max_requests:
                    raise RemoteError(
                        f"{self.shown}: request cap of {cfg.max_requests} reached; what was fetched is cached, "
                        "run again to continue (or raise --max-requests)")
                self.requests += 1
                status, response, answer = self._post(http, body, accept)
                if status in RETRY_STATUS:
                    delay = _retry_after(response)
                    delay = wait if delay is None else delay
                    if attempt == cfg.retries:
                        raise RemoteError(
                            f"{self.shown}: still HTTP {status} after {cfg.retries + 1} tries; the service is "
                            "overloaded or rate-limiting us, try again later")
                    if delay > cfg.max_wait:
                        raise RemoteError(f"{self.shown}: HTTP {status} asks us to wait {delay:.0f}s "
                                          f"(more than {cfg.max_wait:.0f}s); try again later")
                    cfg.sleep(delay)
                    wait *= 2
                    continue
                if status >= 400:
                    why = f"HTTP {status}" + (f": {REFUSALS[status]}" if status in REFUSALS else "")
                    raise RemoteError(f"{self.shown}: the endpoint refused the query ({why}){server_says(answer)}")
                if raw:
                    return answer, graph
                # Only SPARQL JSON is read: an endpoint that answers XML to a request for JSON gets no
                # XML parser of ours to attack.
                ctype = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                if ctype not in JSON_TYPES:
                    raise RemoteError(f"{self.shown}: malformed response: answered {ctype or 'no content type'}, "
                                      "not SPARQL JSON results")
                try:
                    return json.loads(answer)
                except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                    raise RemoteError(f"{self.shown}: malformed response (not JSON: {exc})") from None
        raise AssertionError("unreachable")

    def _post(self, http: httpx.Client, body: dict, accept: str) -> tuple[int, httpx.Response, bytes]:
        """One request: its status, the response (headers) and its body, read up to the byte cap."""
        cfg = self.config
        try:
            with http.stream("POST", cfg.endpoint, data=body, headers={"Accept": accept}) as response:
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > cfg.max_bytes:
                        raise RemoteError(f"{self.shown}: the answer is larger than {cfg.max_bytes} bytes; not read further")
                    chunks.append(chunk)
                return response.status_code, response, b"".join(chunks)
        except httpx.TimeoutException:
            raise RemoteError(f"{self.shown}: no answer within {cfg.timeout:g}s (timeout)") from None
        except httpx.HTTPError as exc:
            raise RemoteError(f"{self.shown}: cannot reach the endpoint ({redact(str(exc))})") from None
