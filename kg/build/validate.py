"""SHACL validation (pySHACL) and the SPARQL quality checks of queries/checks/."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.errors import QueryError, ValidationError
from kg.problems import Problem
from kg.query.named import header_field
from kg.rdf.files import read_text_file
from kg.rdf.namespaces import SH
from kg.rdf.terms import to_oxigraph, to_rdflib


@dataclass
class ShaclResult:
    conforms: bool
    report: Graph
    problems: list[Problem]


def _short(term, graph: Graph) -> str:
    try:
        return term.n3(graph.namespace_manager)
    except Exception:  # noqa: BLE001 - a term that cannot be shortened is shown whole
        return str(term)


def shacl(data: Graph, shapes: Graph, locate: Callable[[URIRef], Problem] | None = None) -> ShaclResult:
    """Validate ``data`` (already reasoned) against ``shapes``; each problem names its record."""
    # do_owl_imports=False: an owl:imports in the data or the shapes is never fetched
    conforms, report, _text = shacl_validate(data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=False,
                                             do_owl_imports=False)
    problems = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        value = report.value(result, SH.value)
        where = locate(focus) if locate else Problem("", subject=_short(focus, data))
        field = _short(path, data) if path is not None else None
        text = str(message) if message is not None else "violates a shape"
        if value is not None:
            text += f" (value: {_short(value, data)})"
        problems.append(replace(where, message=f"{field}: {text}" if field else text, field=field, check="shacl"))
    return ShaclResult(bool(conforms), report, sorted(problems, key=str))


@dataclass(frozen=True)
class CheckResult:
    name: str
    title: str
    rows: list[tuple]


def _storable(t: tuple) -> bool:
    return not isinstance(t[0], Literal) and isinstance(t[1], URIRef)


def _store(graph: Graph):
    """The graph in an in-memory Oxigraph store; triples no RDF store can hold (a literal
    subject, owlrl junk) are left out: the checks that look for them say `# engine: rdflib`."""
    store = ox.Store()
    store.bulk_extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in graph if _storable((s, p, o)))
    return store


def _left_out(graph: Graph) -> Graph:
    """What :func:`_store` leaves out: the triples an `# engine: rdflib` check looks for."""
    out = Graph()
    for t in graph:
        if not _storable(t):
            out.add(t)
    return out


def run_check(path: Path, graph: Graph, store=None, left_out: Graph | None = None) -> CheckResult:
    """Run one quality check (a SELECT ?entity ?property ?value over the graph).

    The checks run on Oxigraph (``store``, made from ``graph`` when not given): rdflib's SPARQL
    engine needs minutes for them at 100,000 triples (BENCHMARKS.md). A check whose header says
    `# engine: rdflib` runs on rdflib, for what only rdflib can hold (literal subjects): on the
    triples the store left out (``left_out``), or on the whole graph when they are not given.
    """
    text = read_text_file(path, str(path), QueryError)
    try:
        ox.Store().query(text)  # the syntax, by Oxigraph's parser, whichever engine runs the check
    except SyntaxError as exc:
        raise QueryError(f"{path.name}: the check does not run: {exc}") from None
    if header_field(text, "engine") == "rdflib":
        rows = [tuple(r) for r in (graph if left_out is None else left_out).query(text)]
    else:
        solutions = (store if store is not None else _store(graph)).query(text)
        names = [v.value for v in solutions.variables]
        rows = [tuple(None if sol[n] is None else to_rdflib(sol[n]) for n in names) for sol in solutions]
    return CheckResult(path.stem, header_field(text, "title") or path.stem, sorted(rows, key=str))


def run_checks(graph: Graph, checks_dir: Path) -> list[CheckResult]:
    """Run every quality check of ``checks_dir`` on one store made from ``graph``."""
    paths = sorted(checks_dir.glob("*.rq"))
    store = _store(graph) if paths else None
    left_out = _left_out(graph)
    return [run_check(path, graph, store, left_out) for path in paths]


def check_problems(results: list[CheckResult], graph: Graph, locate: Callable[[URIRef], Problem] | None = None) -> list[Problem]:
    """One problem per row a quality check returns (``?entity ?property ?value``)."""
    problems = []
    for res in results:
        for entity, prop, value in res.rows:
            where = locate(entity) if locate and isinstance(entity, URIRef) else Problem("", subject=_short(entity, graph))
            problems.append(replace(where, message=f"check {res.name!r} ({res.title}): {_short(prop, graph)} = {_short(value, graph)}",
                                    field=_short(prop, graph), check=f"check:{res.name}"))
    return problems


def require_checks_pass(results: list[CheckResult], graph: Graph, locate: Callable[[URIRef], Problem] | None = None) -> None:
    problems = check_problems(results, graph, locate)
    if problems:
        raise ValidationError(f"{len(problems)} quality check failure(s)", problems)
