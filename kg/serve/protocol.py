"""The SPARQL 1.1 Protocol's query operation: what a request asks, and the service description.

Requests are taken apart here (no HTTP framework types), so the rules of the
protocol can be read and tested in one place:

- ``GET /sparql?query=…`` and ``POST`` with ``application/x-www-form-urlencoded``
  (``query=…``) or ``application/sparql-query`` (the query as the body);
- ``default-graph-uri`` / ``named-graph-uri`` set the dataset of the query;
- an update (``update=…``, ``application/sparql-update``, or an update sent as a
  query) is refused: this endpoint is read-only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID, Namespace

from kg.errors import BadRequest, FederationRefused, TooLarge, UnsupportedMediaType, UpdateRefused
from kg.rdf import sparqltext
from kg.rdf.namespaces import BASE, bind_prefixes

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")
FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"


READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted, and nothing was changed"


@dataclass
class Operation:
    query: str
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    format: str | None = None  # the ?format= parameter, if any


def _one(params: list[tuple[str, str]], name: str) -> str | None:
    values = [v for k, v in params if k == name]
    if len(values) > 1:
        raise BadRequest(f"give one '{name}' parameter, not {len(values)}")
    return values[0] if values else None


MAX_PARAMS = 64  # parameters of one request: a query, a format, some graph IRIs


def _params(text: str) -> list[tuple[str, str]]:
    """The parameters of a query string or form body, percent-decoded as UTF-8 strictly: bytes that
    are not UTF-8 are refused here as in a POST body, never read as U+FFFD."""
    try:
        return parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_PARAMS, errors="strict")
    except UnicodeDecodeError:
        raise BadRequest("the request's parameters are not UTF-8 (percent-encode UTF-8 bytes)") from None
    except ValueError:
        raise BadRequest(f"a request carries at most {MAX_PARAMS} parameters") from None


def parse_operation(method: str, content_type: str | None, query_string: str, body: bytes,
                    max_query_bytes: int) -> Operation | None:
    """The query a request asks for, or None when it asks for none (the service description)."""
    params = _params(query_string)
    media = (content_type or "").split(";")[0].strip().lower()
    if method == "POST":
        if media == UPDATE:
            raise UpdateRefused(READ_ONLY)
        if media == FORM:
            try:
                params += _params(body.decode("utf-8"))
            except UnicodeDecodeError:
                raise BadRequest("the form body is not UTF-8") from None
        elif media == QUERY:
            if any(k == "query" for k, _ in params):
                raise BadRequest("a query is sent either as the body or as the 'query' parameter, not both")
            try:
                params.append(("query", body.decode("utf-8")))
            except UnicodeDecodeError:
                raise BadRequest("the query is not UTF-8") from None
        else:
            raise UnsupportedMediaType(f"POST a query as {FORM} or {QUERY}, not {media or 'a body without Content-Type'}")
    elif method not in ("GET", "HEAD"):
        raise BadRequest(f"method {method} is not part of the SPARQL query protocol")
    if any(k == "update" for k, _ in params):
        raise UpdateRefused(READ_ONLY)
    query = _one(params, "query")
    fmt = _one(params, "format") or _one(params, "output")
    if query is None and method == "POST":  # a POST is a query operation: the description is a GET's answer
        raise BadRequest("the POST carries no 'query' parameter; send the query, or GET /sparql for the service description")
    if query is None:
        return None
    if len(query.encode("utf-8")) > max_query_bytes:
        raise TooLarge(f"the query is {len(query.encode('utf-8'))} bytes; this endpoint accepts at most {max_query_bytes}")
    if not query.strip():
        raise BadRequest("the 'query' parameter is empty")
    return Operation(query, [v for k, v in params if k == "default-graph-uri"],
                     [v for k, v in params if k == "named-graph-uri"], fmt)


def looks_like_update(text: str) -> bool:
    """Whether text that is not a valid query is written as a SPARQL Update (by its first keyword)."""
    return sparqltext.is_update(text)


NO_FEDERATION = ("federated queries (SERVICE) are off on this endpoint: it does not fetch other endpoints for anyone; "
                 "download the data or run `kg query` with a federated query on your own machine")


def check_query(text: str, allowed: tuple[str, ...], max_depth: int) -> None:
    """Refuse, before Oxigraph's parser sees it, a query that nests deeper than ``max_depth`` (400:
    the parser's stack), whose tokens could be read two ways (400), or that would call an endpoint
    not in ``allowed`` in SERVICE (403; by default federation is off). Lexical, linear in the text,
    thread-safe and free of recursion (see :mod:`kg.rdf.sparqltext`); nothing is cached. The server runs
    it in the query's worker process, so a long query costs its own worker's time, not everyone's.

    Most queries need no tokens at all: text with fewer opening brackets than ``max_depth`` cannot
    nest deeper, and text without the letters of SERVICE (or a \\u escape that could spell them)
    cannot call anything."""
    may_nest = sum(text.count(c) for c in sparqltext.OPENERS) > max_depth
    may_call = "service" in text.lower() or "\\u" in text or "\\U" in text
    if not (may_nest or may_call):
        return
    try:
        deepest = sparqltext.depth(text) if may_nest else 0
        if deepest > max_depth:
            raise BadRequest(f"the query nests brackets, braces or parentheses {deepest} deep; this endpoint accepts at "
                             f"most {max_depth}")
        calls = sparqltext.services(text) if may_call else ()
    except sparqltext.Ambiguous as exc:
        raise BadRequest(f"the query is ambiguous: {exc}") from None
    if not calls:
        return
    if not allowed:
        raise FederationRefused(NO_FEDERATION)
    refused = sorted({c or "an endpoint named by a variable or a prefixed name" for c in calls if c not in allowed})
    if refused:
        raise FederationRefused(f"this endpoint calls only {', '.join(allowed)} in SERVICE; not {', '.join(refused)} "
                                "(write the endpoint as a full IRI)")


def service_description(endpoint: str, graphs: list[str], triples: int, limits) -> Graph:
    """SPARQL 1.1 Service Description of this endpoint, pointing at the VoID description."""
    g = bind_prefixes(Graph())
    g.bind("sd", SD)
    g.bind("formats", FORMATS_NS)
    s, dataset = URIRef(endpoint), URIRef(BASE + "dataset")
    g.add((s, RDF.type, SD.Service))
    g.add((s, SD.endpoint, s))
    g.add((s, SD.supportedLanguage, SD.SPARQL11Query))
    for fmt in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                "Turtle", "JSON-LD", "N-Triples"):
        g.add((s, SD.resultFormat, FORMATS_NS[fmt]))
    g.add((s, DCTERMS.description, Literal(
        f"Read-only SPARQL 1.1 endpoint. Queries stop after {limits.timeout:g} s (503); results are capped at "
        f"{limits.max_results} rows or triples (a capped answer carries the header 'KG-Results-Truncated: true'). "
        "The default graph holds the facts with their OWL 2 RL inferences; each article's statements are also in a "
        "named graph. Federated queries (SERVICE) are refused.", lang="en")))
    g.add((s, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, VOID.sparqlEndpoint, s))
    default = BNode("defaultGraph")
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, VOID.triples, Literal(triples)))
    for i, name in enumerate(sorted(graphs)):
        ng = BNode(f"namedGraph{i}")
        g.add((dataset, SD.namedGraph, ng))
        g.add((ng, RDF.type, SD.NamedGraph))
        g.add((ng, SD.name, URIRef(name)))
    return g
