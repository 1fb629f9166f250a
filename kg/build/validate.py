"""SHACL validation (pySHACL) and the SPARQL quality checks of queries/checks/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable

from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.errors import QueryError, ValidationError
from kg.rdf.namespaces import SH
from kg.query.named import header_field


@dataclass
class ShaclResult:
    conforms: bool
    report: Graph
    problems: list[str]


def _short(term, graph: Graph) -> str:
    try:
        return term.n3(graph.namespace_manager)
    except Exception:  # noqa: BLE001 - a term that cannot be shortened is shown whole
        return str(term)


def shacl(data: Graph, shapes: Graph, locate: Callable[[URIRef], str] | None = None) -> ShaclResult:
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
        where = locate(focus) if locate else _short(focus, data)
        parts = [where]
        if path is not None:
            parts.append(_short(path, data))
        text = str(message) if message is not None else "violates a shape"
        if value is not None:
            text += f" (value: {_short(value, data)})"
        problems.append(": ".join(parts + [text]))
    return ShaclResult(bool(conforms), report, sorted(problems))


@dataclass(frozen=True)
class CheckResult:
    name: str
    title: str
    rows: list[tuple]


def _store(graph: Graph):
    """The graph in an in-memory Oxigraph store; triples no RDF store can hold (a literal
    subject, owlrl junk) are left out: the checks that look for them say `# engine: rdflib`."""
    import pyoxigraph as ox

    from kg.rdf.terms import to_oxigraph

    store = ox.Store()
    store.bulk_extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in graph
                      if not isinstance(s, Literal) and isinstance(p, URIRef))
    return store


def run_check(path: Path, graph: Graph, store=None) -> CheckResult:
    """Run one quality check (a SELECT ?entity ?property ?value over the graph).

    The checks run on Oxigraph (``store``, made from ``graph`` when not given): rdflib's SPARQL
    engine needs minutes for them at 100,000 triples (BENCHMARKS.md). A check whose header says
    `# engine: rdflib` runs on rdflib, for what only rdflib can hold (literal subjects).
    """
    from kg.rdf.terms import to_rdflib

    text = path.read_text(encoding="utf-8")
    try:
        if header_field(text, "engine") == "rdflib":
            rows = [tuple(r) for r in graph.query(text)]
        else:
            solutions = (store if store is not None else _store(graph)).query(text)
            names = [v.value for v in solutions.variables]
            rows = [tuple(None if sol[n] is None else to_rdflib(sol[n]) for n in names) for sol in solutions]
    except Exception as exc:  # a syntax error from either engine
        raise QueryError(f"{path.name}: the check does not run: {exc}") from None
    return CheckResult(path.stem, header_field(text, "title") or path.stem, sorted(rows, key=str))


def run_checks(graph: Graph, checks_dir: Path) -> list[CheckResult]:
    """Run every quality check of ``checks_dir`` on one store made from ``graph``."""
    paths = sorted(checks_dir.glob("*.rq"))
    store = _store(graph) if paths else None
    return [run_check(path, graph, store) for path in paths]


def require_checks_pass(results: list[CheckResult], graph: Graph, locate: Callable[[URIRef], str] | None = None) -> None:
    problems = []
    for res in results:
        for entity, prop, value in res.rows:
            where = locate(entity) if locate and isinstance(entity, URIRef) else _short(entity, graph)
            problems.append(f"{where}: check {res.name!r} ({res.title}): {_short(prop, graph)} = {_short(value, graph)}")
    if problems:
        raise ValidationError(f"{len(problems)} quality check failure(s)", problems)
