"""The build, step by step: load -> check -> graph -> reason -> validate -> export.

Each step is a function of the previous step's result; :func:`build` runs
them in memory and returns everything, :func:`build_and_write` also writes
``dist/``. Nothing is written unless every step succeeds.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from kg.build import temporal
from kg.build.check import check
from kg.build.export import render_dist, write_dist
from kg.build.graph import add_inferred, build_dataset, derivation_triples, union_graph
from kg.build.load import load_ontology, parse_turtle, read_data, read_external
from kg.build.model import CheckedData
from kg.build.reason import reason
from kg.build.validate import CheckResult, ShaclResult, require_checks_pass, run_checks, shacl
from kg.errors import InconsistencyError, ValidationError
from kg.layout import Layout
from kg.problems import Problem
from kg.rdf.namespaces import ID, evidence_iri, link_iri


@dataclass
class BuildResult:
    data: CheckedData
    ontology: Graph
    dataset: Dataset
    asserted: Graph
    inferred: Graph | None  # None when built without reasoning
    shacl: ShaclResult | None  # None when built without validation
    checks: list[CheckResult]
    removed_junk: int = 0  # owlrl triples dropped by the cleaning
    timings: dict[str, float] = field(default_factory=dict)
    derivations: dict | None = None  # each inferred triple -> [(rule, premises)] (fast engine only)
    derivation_triples: list[tuple] = field(default_factory=list)  # the same, as triples for graph:derivations


def locator(data: CheckedData, layout: Layout) -> Callable[[URIRef], Problem]:
    """A function placing an IRI at the file, line and record behind it: a :class:`Problem` with
    no message yet, for SHACL, the quality checks and reasoning to fill in."""
    where: dict[URIRef, Problem] = {}
    for rec in data.records.values():
        where[rec.iri] = Problem("", file=rec.where.file, line=rec.where.line, record=rec.id)
        for ev in rec.evidence:
            where.setdefault(evidence_iri(ev.source, ev.quote),
                             Problem("", file=ev.where.file, line=ev.where.line, record=rec.id, subject=f"evidence of record {rec.id!r}"))
    for link in data.links:
        where[link_iri(link.entity, link.target)] = Problem("", file=link.where.file, line=link.where.line, record=link.entity,
                                                            subject=f"link of {link.entity!r}")

    def locate(iri: URIRef) -> Problem:
        if iri in where:
            return where[iri]
        if isinstance(iri, URIRef) and str(iri).startswith(str(ID)):
            return Problem("", record=str(iri)[len(str(ID)):])
        return Problem("", subject=str(iri))

    return locate


def _explain(problem: str, asserted: Graph, locate) -> Problem:
    """An owlrl message, with where each entity it names is curated and how it is used."""
    lines = [problem]
    for iri in dict.fromkeys(re.findall(re.escape(str(ID)) + r"[a-z0-9-]+", problem)):
        entity = URIRef(iri)
        uses = sorted(f"{asserted.namespace_manager.normalizeUri(p)} of {locate(s)}" for s, p in asserted.subject_predicates(entity)
                      if isinstance(s, URIRef))
        lines.append(f"    {locate(entity)}" + (f"; used as {', '.join(uses[:5])}" if uses else ""))
    return Problem("\n".join(lines), check="reasoning")


def build(layout: Layout, engine: str = "fast", *, infer: bool = True, validate: bool = True) -> BuildResult:
    """Load, check, build, reason and validate, in memory. Raises a KGError on bad input.

    ``infer=False`` stops after the asserted graph (``inferred`` is None); ``validate=False`` skips
    SHACL and the quality checks (for serialising or counting what is already built and checked:
    ``kg export``, ``kg stats``). The curated data is always checked."""
    timings: dict[str, float] = {}

    def step(name, fn, *args):
        t0 = time.perf_counter()
        out = fn(*args)
        timings[name] = time.perf_counter() - t0
        return out

    ontology = step("load ontology", load_ontology, layout)
    shapes = step("load shapes", parse_turtle, layout.shapes, layout) if validate else None
    raw = step("load data", read_data, layout)
    data = step("check", check, raw, ontology, layout)
    external = step("load external facts", read_external, layout)
    ds = step("build graph", build_dataset, data, ontology, external)
    asserted = step("union", union_graph, ds)
    result = BuildResult(data, ontology, ds, asserted, None, None, [], 0, timings)
    if not (infer or validate):
        return result
    locate = locator(data, layout)
    try:
        reasoned = step(f"reason ({engine})", reason, asserted, layout.rules, engine, engine == "fast")
    except InconsistencyError as exc:
        raise InconsistencyError(exc.args[0], [_explain(p, asserted, locate) for p in exc.problems]) from None
    step("time-aware rules", _add, reasoned.graph, temporal.derive, reasoned.derivations)
    result.inferred, result.removed_junk = reasoned.graph, reasoned.removed_junk
    result.derivations = reasoned.derivations
    step("inferred graph", add_inferred, ds, asserted, reasoned.graph)
    if reasoned.derivations is not None:
        result.derivation_triples = step("derivations", derivation_triples, asserted, reasoned.graph, reasoned.derivations)
    if not validate:
        return result
    clashes = step("time checks", temporal.problems, reasoned.graph, locate)
    if clashes:
        raise ValidationError(f"{len(clashes)} fact(s) that cannot hold at one time", clashes)
    result.shacl = step("validate (SHACL)", shacl, reasoned.graph, shapes, locate)
    if not result.shacl.conforms:
        raise ValidationError(f"the graph does not conform to {layout.relative(layout.shapes)}", result.shacl.problems)
    result.checks = step("quality checks", run_checks, reasoned.graph, layout.checks)
    require_checks_pass(result.checks, reasoned.graph, locate)
    return result


def _add(graph: Graph, rule: Callable[..., Graph], why: dict | None = None) -> None:
    for t in rule(graph, why):
        graph.add(t)


def build_and_write(layout: Layout, out_dir: Path | None = None,
                    before_writing: Callable[[BuildResult], None] | None = None) -> BuildResult:
    """Build and write dist/ (or ``out_dir``), swapped in whole at the end. ``before_writing`` runs
    on the built result before anything is written: an error it raises leaves the output as it was."""
    result = build(layout)
    if before_writing is not None:
        before_writing(result)
    t0 = time.perf_counter()
    files = render_dist(result.data, result.dataset, result.ontology, result.asserted, result.inferred,
                        result.derivation_triples, result.derivations)
    result.timings["serialise"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    write_dist(files, out_dir or layout.dist)
    result.timings["write"] = time.perf_counter() - t0
    return result
