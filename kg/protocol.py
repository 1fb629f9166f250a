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

import functools
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID, Namespace

from .errors import KGError
from .namespaces import BASE, bind_prefixes

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")
FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"


class BadRequest(KGError):
    """The request does not follow the SPARQL protocol (400)."""


class UpdateRefused(KGError):
    """SPARQL Update sent to the read-only endpoint (403)."""


class UnsupportedMediaType(KGError):
    """A POST body of a type the protocol does not define (415)."""


class FederationRefused(KGError):
    """A query with SERVICE sent to an endpoint that does not federate (403)."""


class TooLarge(KGError):
    """The request body or the query is larger than this server accepts (413)."""


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


def parse_operation(method: str, content_type: str | None, query_string: str, body: bytes,
                    max_query_bytes: int) -> Operation | None:
    """The query a request asks for, or None when it asks for none (the service description)."""
    params = parse_qsl(query_string, keep_blank_values=True)
    media = (content_type or "").split(";")[0].strip().lower()
    if method == "POST":
        if media == UPDATE:
            raise UpdateRefused(READ_ONLY)
        if media == FORM:
            try:
                params += parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
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
    if query is None:
        return None
    if len(query.encode("utf-8")) > max_query_bytes:
        raise TooLarge(f"the query is {len(query.encode('utf-8'))} bytes; this endpoint accepts at most {max_query_bytes}")
    if not query.strip():
        raise BadRequest("the 'query' parameter is empty")
    return Operation(query, [v for k, v in params if k == "default-graph-uri"],
                     [v for k, v in params if k == "named-graph-uri"], fmt)


def looks_like_update(text: str) -> bool:
    """Whether text that is not a valid query is a SPARQL Update (parsed by rdflib, never executed)."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:  # noqa: BLE001 - any parse failure means: not an update
        return False
    return True


NO_FEDERATION = ("federated queries (SERVICE) are off on this endpoint: it does not fetch other endpoints for anyone; "
                 "download the data or run `kg query` with a federated query on your own machine")


def _services(node, found: list) -> None:
    from rdflib import URIRef
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name == "ServiceGraphPattern":
            term = node.get("term")
            found.append(str(term) if isinstance(term, URIRef) else None)  # a variable or a prefixed name: unknown
        for value in node.values():
            _services(value, found)
    elif isinstance(node, (list, tuple)) or hasattr(node, "asList"):
        for value in node:
            _services(value, found)


def needs_parse(text: str) -> bool:
    """Whether the text could spell SERVICE at all (else it surely has no SERVICE clause)."""
    lowered = text.lower()
    return "service" in lowered or "\\u" in lowered


@functools.lru_cache(maxsize=1024)  # the same queries come again and again (the named ones, the editor's)
def service_calls(text: str) -> tuple[str | None, ...]:
    """The endpoints a query's SERVICE clauses would call (None where it cannot be known before
    running: a variable, a prefixed name); [] when it has none.

    Fast path: no "service" in the text, and no \\u escape that could spell it (SPARQL decodes
    those before parsing), means no SERVICE clause. Otherwise rdflib parses the query (escapes
    decoded) and the parse tree is searched; a query rdflib cannot parse counts as calling an
    unknown endpoint, since a difference between two parsers must not become a way out.
    """
    if not needs_parse(text):
        return ()
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(text)
    except Exception:  # noqa: BLE001 - unparseable by rdflib: refuse rather than guess
        return (None,)
    found: list[str | None] = []
    _services(tree, found)
    return tuple(found)


def check_federation(text: str, allowed: tuple[str, ...]) -> None:
    """Refuse (403) a query that would call an endpoint not in ``allowed`` (by default: any)."""
    calls = service_calls(text)
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
