"""A polite SPARQL client for public endpoints (SPARQLWrapper underneath).

Polite: a descriptive User-Agent (the Wikidata Query Service answers 403 without
one), a timeout, retries with exponential back-off on 429/503 that honour
Retry-After, a cap on requests per run, and a response cache on disk so that a
re-run is offline and fast. Every failure is a :class:`RemoteError` with a
message saying what went wrong and what to do.
"""

from __future__ import annotations

import ast
import hashlib
import html
import io
import json
import re
import socket
import time
import urllib.error
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit
from collections.abc import Callable

from rdflib import BNode, Literal, URIRef
from SPARQLWrapper import BASIC, DIGEST, JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kg import __version__
from kg.errors import RemoteError
from kg.rdf.files import write_text_atomic

WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"
USER_AGENT = f"azdiaspora-kg/{__version__} (+https://w3id.org/azdiaspora/; knowledge-graph linker; python SPARQLWrapper)"
RETRY_STATUS = {429, 503}
JSON_TYPES = {"application/sparql-results+json", "application/json"}


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

    def httpx(self):
        import httpx

        return (httpx.DigestAuth if self.scheme == "digest" else httpx.BasicAuth)(self.user, self.password)


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


#: SPARQLWrapper's exceptions for the answers it does not retry, said in words
REFUSALS = {
    "QueryBadFormed": "HTTP 400: the endpoint says the query is malformed",
    "Unauthorized": "HTTP 401: not authorised; give --user, with the password in KG_STORE_PASSWORD",
    "EndPointNotFound": "HTTP 404: no SPARQL endpoint at this URL",
    "URITooLong": "HTTP 414: the request is too long for the endpoint",
    "EndPointInternalError": "HTTP 500: the endpoint failed",
}


def _said(exc: urllib.error.HTTPError) -> str:
    try:
        return server_says(exc.read(4096))
    except OSError:
        return ""


def _wrapper_said(exc: SPARQLWrapperException) -> str:
    # SPARQLWrapper keeps the server's answer only inside its message, as the repr of the bytes
    _, sep, tail = str(exc).partition("Response:\n")
    if not sep:
        return ""
    try:
        body = ast.literal_eval(tail.strip())
    except (ValueError, SyntaxError):
        return ""
    return server_says(body) if isinstance(body, (bytes, str)) else ""


def _retry_after(exc: urllib.error.HTTPError) -> float | None:
    value = exc.headers.get("Retry-After") if exc.headers else None
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
        uncached: for running the named queries against a store that may have just been loaded."""
        from rdflib import Graph
        from rdflib.query import Result

        raw, kind = self._fetch(query, raw=True)
        try:
            if kind in ("CONSTRUCT", "DESCRIBE"):
                out = Result(kind)
                out.graph = Graph().parse(data=raw, format="turtle")
                return out
            return Result.parse(source=io.BytesIO(raw), format="json")
        except Exception as exc:  # noqa: BLE001 - whatever the parser says, the answer is not what we asked for
            raise RemoteError(f"{self.shown}: malformed response: {exc}") from None

    def _fetch(self, query: str, raw: bool = False) -> Any:
        cfg = self.config
        wait = cfg.backoff
        for attempt in range(cfg.retries + 1):
            if self.requests >= cfg.max_requests:
                raise RemoteError(
                    f"{self.shown}: request cap of {cfg.max_requests} reached; what was fetched is cached, "
                    "run again to continue (or raise --max-requests)")
            self.requests += 1
            sparql = SPARQLWrapper(cfg.endpoint, agent=cfg.user_agent)
            if cfg.credentials is not None:
                sparql.setHTTPAuth(DIGEST if cfg.credentials.scheme == "digest" else BASIC)
                sparql.setCredentials(cfg.credentials.user, cfg.credentials.password)
            for graph in cfg.default_graphs:
                sparql.addDefaultGraph(graph)
            sparql.setQuery(query)
            sparql.setMethod(POST)
            sparql.setReturnFormat(TURTLE if raw and sparql.queryType in ("CONSTRUCT", "DESCRIBE") else JSON)
            sparql.setTimeout(int(max(1, cfg.timeout)))
            try:
                response = sparql.query().response
                body = response.read(cfg.max_bytes + 1)
                if len(body) > cfg.max_bytes:
                    raise RemoteError(f"{self.shown}: the answer is larger than {cfg.max_bytes} bytes; not read further")
                if raw:
                    return body, sparql.queryType
                # Only JSON is read: SPARQLWrapper would parse an XML answer with a DOM parser, and an
                # endpoint that answers XML to a request for JSON gets no parser of ours to attack.
                ctype = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                if ctype not in JSON_TYPES:
                    raise RemoteError(f"{self.shown}: malformed response: answered {ctype or 'no content type'}, "
                                      "not SPARQL JSON results")
                return json.loads(body)
            except urllib.error.HTTPError as exc:
                if exc.code not in RETRY_STATUS:
                    raise RemoteError(f"{self.shown}: HTTP {exc.code} {exc.reason}{_said(exc)}") from None
                delay = _retry_after(exc)
                delay = wait if delay is None else delay
                if attempt == cfg.retries:
                    raise RemoteError(
                        f"{self.shown}: still HTTP {exc.code} after {cfg.retries + 1} tries; the service is "
                        "overloaded or rate-limiting us, try again later") from None
                if delay > cfg.max_wait:
                    raise RemoteError(f"{self.shown}: HTTP {exc.code} asks us to wait {delay:.0f}s "
                                      f"(more than {cfg.max_wait:.0f}s); try again later") from None
                cfg.sleep(delay)
                wait *= 2
            except SPARQLWrapperException as exc:
                why = REFUSALS.get(type(exc).__name__, str(exc).splitlines()[0])
                raise RemoteError(f"{self.shown}: the endpoint refused the query ({why}){_wrapper_said(exc)}") from None
            except TimeoutError:
                raise RemoteError(f"{self.shown}: no answer within {cfg.timeout:g}s (timeout)") from None
            except urllib.error.URLError as exc:
                reason = exc.reason
                if isinstance(reason, (socket.timeout, TimeoutError)):
                    raise RemoteError(f"{self.shown}: no answer within {cfg.timeout:g}s (timeout)") from None
                raise RemoteError(f"{self.shown}: cannot reach the endpoint ({reason})") from None
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise RemoteError(f"{self.shown}: malformed response (not JSON: {exc})") from None
            except (ConnectionError, OSError) as exc:
                raise RemoteError(f"{self.shown}: connection failed ({exc})") from None
        raise AssertionError("unreachable")
