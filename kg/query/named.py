"""Named SPARQL queries (queries/*.rq): lookup, parameters, running and result formats.

A query file starts with comment lines that describe it::

    # title: What happened in a place
    # description: Events held in a place, with their dates.
    # param: place iri  The place (an entity id such as baku, or a full IRI)

Parameters are bound with rdflib's ``initBindings`` (never formatted into the
query text); an unbound parameter leaves the variable free.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import urllib.error
from dataclasses import dataclass
from pathlib import Path

import rdflib.plugins.sparql
from pyparsing import ParseException
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result

from kg.errors import QueryError, RemoteError
from kg.rdf.files import read_text_file
from kg.rdf.namespaces import ID
from kg.rdf.sparqltext import Ambiguous, where_group

PARAM_KINDS = {"iri", "string", "integer", "year", "date"}


def header_field(text: str, name: str) -> str | None:
    """The value of '# name: value' in the leading comment block of a query."""
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = re.match(rf"#\s*{re.escape(name)}\s*:\s*(.*)$", line)
        if m:
            return m.group(1).strip()
    return None


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    help: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path | None
    text: str

    @property
    def title(self) -> str:
        return header_field(self.text, "title") or self.name

    @property
    def description(self) -> str:
        return header_field(self.text, "description") or ""

    @property
    def params(self) -> list[Param]:
        out = []
        for line in self.text.splitlines():
            if not line.startswith("#"):
                break
            m = re.match(r"#\s*param\s*:\s*\??(\w+)\s+(\w+)\s*(.*)$", line)
            if m:
                out.append(Param(m.group(1), m.group(2), m.group(3).strip()))
        return out


MAX_QUERY_FILE = 1_000_000  # bytes of a query file at most


def _read(path: Path) -> str:
    return read_text_file(path, str(path), QueryError, MAX_QUERY_FILE)


def list_queries(queries_dir: Path) -> list[NamedQuery]:
    """The named queries: queries/*.rq, then the federated ones as federated/NAME."""
    paths = sorted(queries_dir.glob("*.rq")) + sorted(queries_dir.glob("federated/*.rq"))
    return [NamedQuery(str(p.relative_to(queries_dir).with_suffix("")), p, _read(p)) for p in paths]


def resolve_query(spec: str, queries_dir: Path) -> NamedQuery:
    """A query by name (queries/NAME.rq), by file path, or '-' for standard input."""
    if spec == "-":
        try:
            return NamedQuery("stdin", None, sys.stdin.read())
        except UnicodeDecodeError:
            raise QueryError("standard input: not UTF-8 text; save the query as UTF-8") from None
    named = queries_dir / f"{spec}.rq"
    if named.is_file():
        return NamedQuery(spec, named, _read(named))
    path = Path(spec)
    if path.exists():
        return NamedQuery(path.stem, path, _read(path))
    names = ", ".join(q.name for q in list_queries(queries_dir)) if queries_dir.is_dir() else "none"
    raise QueryError(f"no query named {spec!r} and no such file; named queries: {names}")


def convert_param(param: Param, value: str) -> URIRef | Literal:
    """A command-line parameter value as an RDF term of the kind the query declares."""
    kind = param.kind
    if kind == "iri":
        if re.match(r"^https?://", value):
            if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", value):  # what an IRI may not hold (RFC 3987)
                raise QueryError(f"parameter {param.name}: {value!r} is not an IRI: it holds a space or one of "
                                 "< > \" { } | \\ ^ `")
            return URIRef(value)
        if re.match(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", value):
            return ID[value]
        raise QueryError(f"parameter {param.name}: {value!r} is neither an entity id (e.g. baku) nor an http(s) IRI")
    if kind == "integer" or kind == "year":
        if not re.match(r"^-?\d+$", value):
            raise QueryError(f"parameter {param.name}: expected a whole number, found {value!r}")
        return Literal(int(value), datatype=XSD.integer)
    if kind == "date":
        try:
            if not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
                raise ValueError
            dt.date.fromisoformat(value)
        except ValueError:
            raise QueryError(f"parameter {param.name}: expected a date YYYY-MM-DD, found {value!r}") from None
        return Literal(value, datatype=XSD.date)
    return Literal(value)


def bindings(query: NamedQuery, given: dict[str, str]) -> dict[str, URIRef | Literal]:
    declared = {p.name: p for p in query.params}
    out = {}
    for name, value in given.items():
        if name not in declared:
            known = ", ".join(declared) or "none"
            raise QueryError(f"query {query.name!r} has no parameter {name!r} (its parameters: {known})")
        out[name] = convert_param(declared[name], value)
    return out


def run_query(graph: Graph, query: NamedQuery, params: dict[str, str] | None = None) -> Result:
    """Run a query with its parameters bound through initBindings.

    A query that does not parse is the user's mistake (QueryError); a SERVICE
    endpoint that cannot be reached is a RemoteError; anything else is a bug.
    """
    init = bindings(query, params or {})
    # rdflib would download the graphs a query names in FROM / FROM NAMED; ours are local
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
    try:
        prepared = prepareQuery(query.text)
    except ParseException as exc:
        raise QueryError(f"query {query.name!r} is not valid SPARQL: {exc}") from None
    except Exception as exc:
        if not str(exc).startswith("Unknown namespace prefix"):  # rdflib raises a bare Exception for it
            raise  # anything else is a bug, not the user's query
        raise QueryError(f"query {query.name!r} is not valid SPARQL: {exc}") from None
    try:
        result = graph.query(prepared, initBindings=init)
        if result.type == "SELECT":
            result.bindings  # evaluate now, so that errors surface here  # noqa: B018
        return result
    except (urllib.error.URLError, OSError) as exc:
        raise RemoteError(f"query {query.name!r}: a SERVICE endpoint could not be reached ({exc}); "
                          "federated queries need the network") from None


def with_values(text: str, init: dict[str, URIRef | Literal]) -> str:
    """The query with its parameters as a VALUES block at the start of its outermost WHERE group,
    where they join before any FILTER, BIND, GROUP BY or projection sees the variables, as
    rdflib's initBindings do locally (a VALUES block after the query would join only with what
    it projects: a parameter that only filters would be ignored). The terms are written by
    rdflib (n3), never pasted from the user's text."""
    if not init:
        return text
    names = sorted(init)
    block = (" VALUES (" + " ".join(f"?{n}" for n in names) + ") { ("
             + " ".join(init[n].n3() for n in names) + ") } ")
    try:
        at = where_group(text)
    except (ValueError, Ambiguous) as exc:
        raise QueryError(f"cannot bind parameters of this query for a remote endpoint: {exc}") from None
    return text[:at] + block + text[at:]


def run_remote(client, query: NamedQuery, params: dict[str, str] | None = None) -> Result:
    """Run a named query at a remote endpoint, its parameters bound by :func:`with_values`."""
    return client.result(with_values(query.text, bindings(query, params or {})))
