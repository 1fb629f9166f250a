"""The build, step by step: load -> check -> build -> reason -> validate -> export.

Each step is a function of the previous step's result; :func:`build` runs
them in memory and returns everything, :func:`build_and_write` also writes
``dist/``. Nothing is written unless every step succeeds.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.compare import to_canonical_graph

from kg.build.graph import build_dataset, union_graph
from kg.build.check import CheckedData, check
from kg.errors import DataError, InconsistencyError, ValidationError
from kg.build.export import render_dist, write_dist
from kg.layout import Layout
from kg.build.load import read_data
from kg.rdf.namespaces import ID, bind_prefixes, evidence_iri, link_iri
from kg.build.reason import reason
from kg.build.validate import CheckResult, ShaclResult, require_checks_pass, run_checks, shacl


@dataclass
class BuildResult:
    data: CheckedData
    ontology: Graph
    dataset: Dataset
    asserted: Graph
    inferred: Graph
    shacl: ShaclResult
    checks: list[CheckResult]
    removed_junk: int = 0  # owlrl triples dropped by the cleaning
    timings: dict[str, float] = field(default_factory=dict)


def parse_turtle(path: Path, layout: Layout) -> Graph:
    """Parse a Turtle file of the project; a syntax error names the file and line."""
    try:
        g = Graph().parse(path, format="turtle")
    except FileNotFoundError:
        raise DataError(f"{layout.relative(path)}: file not found") from None
    except Exception as exc:  # rdflib raises BadSyntax / ParserError with the line in its text
        raise DataError(f"{layout.relative(path)}: not valid Turtle: {exc}") from None
    return g


def read_external(layout: Layout) -> Graph | None:
    """The facts fetched by `kg enrich` (Wikidata's, kept apart from ours), if it has been run."""
    path = layout.external_facts
    if not path.exists():
        return None
    return parse_turtle(path, layout)


def load_ontology(layout: Layout) -> Graph:
    """The ontology, with canonical blank-node labels so every export is deterministic."""
    canonical = bind_prefixes(Graph())
    for t in to_canonical_graph(parse_turtle(layout.ontology, layout)):
        canonical.add(t)
    return canonical


def locator(data: CheckedData, layout: Layout):
    """A function naming the file, line and record behind an IRI, for error messages."""
    where: dict[URIRef, str] = {}
    for rec in data.records.values():
        where[rec.iri] = f"{rec.where}: record {rec.id!r}"
        for ev in rec.evidence:
            where.setdefault(evidence_iri(ev.source, ev.quote), f"{ev.where}: evidence of record {rec.id!r}")
    for link in data.links:
        where[link_iri(link.entity, link.target)] = f"{link.where}: link of {link.entity!r}"

    def locate(iri: URIRef) -> str:
        if iri in where:
            return where[iri]
        if isinstance(iri, URIRef) and str(iri).startswith(str(ID)):
            return f"record {str(iri)[len(str(ID)):]!r}"
        return str(iri)

    return locate


def _explain(problem: str, asserted: Graph, locate) -> str:
    """Add to an owlrl message where each entity it names is curated and how it is used."""
    lines = [problem]
    for iri in dict.fromkeys(re.findall(re.escape(str(ID)) + r"[a-z0-9-]+", problem)):
        entity = URIRef(iri)
        uses = sorted(f"{asserted.namespace_manager.normalizeUri(p)} of {locate(s)}" for s, p in asserted.subject_predicates(entity)
                      if isinstance(s, URIRef))
        lines.append(f"    {locate(entity)}" + (f"; used as {', '.join(uses[:5])}" if uses else ""))
    return "\n".join(lines)


def build(layout: Layout, engine: str = "fast") -> BuildResult:
    """Load, check, build, reason and validate, in memory. Raises a KGError on bad input."""
    timings: dict[str, float] = {}

    def step(name, fn, *args):
        t0 = time.perf_counter()
        out = fn(*args)
        timings[name] = time.perf_counter() - t0
        return out

    ontology = step("load ontology", load_ontology, layout)
    shapes = step("load shapes", parse_turtle, layout.shapes, layout)
    raw = step("load data", read_data, layout)
    data = step("check", check, raw, ontology, layout)
    external = step("load external facts", read_external, layout)
    ds = step("build graph", build_dataset, data, ontology, external)
    asserted = step("union", union_graph, ds)
    locate = locator(data, layout)
    try:
        reasoned = step(f"reason ({engine})", reason, asserted, layout.rules, engine)
    except InconsistencyError as exc:
        raise InconsistencyError(exc.args[0], [_explain(p, asserted, locate) for p in exc.problems]) from None
    result = step("validate (SHACL)", shacl, reasoned.graph, shapes, locate)
    if not result.conforms:
        raise ValidationError(f"the graph does not conform to {layout.relative(layout.shapes)}", result.problems)
    checks = step("quality checks", run_checks, reasoned.graph, layout.checks)
    require_checks_pass(checks, reasoned.graph, locate)
    return BuildResult(data, ontology, ds, asserted, reasoned.graph, result, checks, reasoned.removed_junk, timings)


def build_and_write(layout: Layout, out_dir: Path | None = None) -> BuildResult:
    """Build and write dist/ (or ``out_dir``), swapped in whole at the end."""
    result = build(layout)
    t0 = time.perf_counter()
    files = render_dist(result.data, result.dataset, result.ontology, result.asserted, result.inferred)
    result.timings["serialise"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    write_dist(files, out_dir or layout.dist)
    result.timings["write"] = time.perf_counter() - t0
    return result
