"""OWL 2 RL reasoning, with the fast engine (kg.build.materialise) or owlrl, cleaned of owlrl's known junk.

owlrl writes into the closure triples no user wants: literal subjects,
reflexive owl:sameAs, axiomatic triples about RDF/RDFS/OWL/XSD built-ins,
trivial typing (owl:Thing, rdfs:Resource) and reflexive subclass/subproperty
statements. It also reports an inconsistency as error triples in the graph
rather than raising. :func:`reason` removes the first and raises on the second.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import owlrl
from owlrl.Namespaces import ERRNS
from rdflib import Graph
from rdflib.namespace import RDF

from kg.errors import DataError, InconsistencyError
from kg.rdf.formats import NTRIPLES, by_extension
from kg.rdf.formats import RDF as RDF_FORMATS
from kg.rdf.namespaces import bind_prefixes
from kg.rdf.terms import to_oxigraph, to_rdflib


@dataclass
class Reasoned:
    graph: Graph  # asserted + cleaned inferences
    removed_junk: int  # owlrl triples dropped by the cleaning
    derivations: dict | None = None  # with explain (fast engine): inferred triple -> [(rule, premises)]


def apply_rules(graph: Graph, rules_dir: Path | None, by_rule: dict | None = None) -> Graph:
    """Run the CONSTRUCT rules (ontology/rules/*.rq) once over the graph; return what they add
    (and, into ``by_rule``, which rule added each triple: "rule:FILE-NAME")."""
    added = Graph()
    if rules_dir is None or not rules_dir.is_dir():
        return added
    for rule in sorted(rules_dir.glob("*.rq")):
        for t in graph.query(rule.read_text(encoding="utf-8")):
            added.add(t)
            if by_rule is not None:
                by_rule.setdefault(t, f"rule:{rule.stem}")
    return added


ENGINES = ("fast", "owlrl")
INCONSISTENT = "the graph is logically inconsistent (OWL 2 RL); fix the records named below"


def reason(asserted: Graph, rules_dir: Path | None = None, engine: str = "fast", explain: bool = False) -> Reasoned:
    """OWL 2 RL closure of ``asserted`` (plus the CONSTRUCT rules), cleaned.

    ``engine`` "fast" is kg.build.materialise (the same answers, measured in BENCHMARKS.md);
    "owlrl" is the reference reasoner. Raises InconsistencyError listing the problems
    when the graph is inconsistent (e.g. an entity typed with two disjoint classes).
    """
    closure = bind_prefixes(Graph())
    for t in asserted:
        closure.add(t)
    by_rule: dict = {}
    for t in apply_rules(asserted, rules_dir, by_rule):
        closure.add(t)
    if engine == "fast":
        from kg.build.materialise import Inconsistent, materialise, rdflib_terms

        try:
            # in a fixed order: which derivation is recorded first (and which others) follows the
            # order triples are met in, and the build's output must not vary from run to run
            ordered = sorted(closure, key=lambda t: (t[0].n3(), t[1].n3(), t[2].n3())) if explain else closure
            result = materialise(ordered, rdflib_terms(), explain)
        except Inconsistent as exc:
            raise InconsistencyError(INCONSISTENT, exc.problems) from None
        cleaned = bind_prefixes(Graph())
        for t in result.closure:
            cleaned.add(t)
        derivations = None
        if explain:
            # what a CONSTRUCT rule added is an input of the engine; its premises are the rule's match
            derivations = {t: [(rule, ())] for t, rule in by_rule.items() if t not in asserted}
            derivations.update(result.derivations)
        return Reasoned(cleaned, result.removed_junk, derivations)
    if engine != "owlrl":
        raise ValueError(f"unknown reasoning engine {engine!r}")
    # improved_datatypes=False: owlrl's own lexical checks reject valid values
    # (e.g. xsd:gMonthDay "--12-31") and swap global converters in and out.
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, improved_datatypes=False, axiomatic_triples=False, datatype_axioms=False
    ).expand(closure)

    errors = sorted(str(closure.value(node, ERRNS.error)) for node in closure.subjects(RDF.type, ERRNS.ErrorMessage))
    if errors:
        raise InconsistencyError(INCONSISTENT, errors)

    from kg.build.materialise import clean, rdflib_terms

    result = clean(asserted, closure, rdflib_terms())
    cleaned = bind_prefixes(Graph())
    for t in result.closure:
        cleaned.add(t)
    return Reasoned(cleaned, result.removed_junk)


@dataclass
class FileReasoning:
    asserted: int
    closure: int
    removed_junk: int
    seconds: dict[str, float]
    derived: int = 0  # inferred triples with their derivations recorded (with explain)


def _ox_format(path: Path):
    fmt = by_extension(path.suffix[1:], RDF_FORMATS) if path.suffix else None
    if fmt is None:
        raise DataError(f"{path}: unknown RDF format; name the file .ttl, .nt, .nq, .trig, .rdf, .jsonld or .n3")
    return fmt.oxigraph


def reason_files(inputs: list[Path], output: Path | None, engine: str = "fast", out=None,
                 explain: bool = False) -> FileReasoning:
    """`kg reason`: the cleaned OWL 2 RL closure of any RDF files (ontology and data together).

    Quads are read as triples (the union of their graphs). The closure goes to ``output`` (format
    from its name; written aside and renamed into place) or, as N-Triples, to ``out``.
    """
    import time

    import pyoxigraph as ox

    from kg.build.materialise import Inconsistent, materialise, oxigraph_terms

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    triples: list = []
    for path in inputs:
        if not path.is_file():
            raise DataError(f"{path}: no such file")
        try:
            for quad in ox.parse(path=str(path), format=_ox_format(path)):
                triples.append((quad.subject, quad.predicate, quad.object))
        except SyntaxError as exc:
            raise DataError(f"{path}: not valid RDF: {exc}") from None
    out_format = _ox_format(output) if output is not None else NTRIPLES.oxigraph
    timings["parse"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    if engine == "fast":
        try:
            result = materialise(triples, oxigraph_terms(), explain)
        except Inconsistent as exc:
            raise InconsistencyError(INCONSISTENT, exc.problems) from None
        closure, asserted, removed = result.closure, result.asserted, result.removed_junk
        derived = result.recorded
    elif engine == "owlrl":
        graph = Graph()
        for s, p, o in triples:
            graph.add(tuple(to_rdflib(x) for x in (s, p, o)))
        reasoned = reason(graph, None, "owlrl")
        closure = [tuple(to_oxigraph(x) for x in t) for t in reasoned.graph]
        asserted, removed = len(graph), reasoned.removed_junk
        derived = 0
    else:
        raise ValueError(f"unknown reasoning engine {engine!r}")
    del triples
    timings["reason"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    rows = (ox.Triple(s, p, o) for s, p, o in closure)
    if output is None:
        ox.serialize(rows, out, format=out_format)
    else:
        from kg.rdf.files import write_bytes_atomic

        write_bytes_atomic(output, lambda f: ox.serialize(rows, f, format=out_format))
    timings["write"] = time.perf_counter() - t0
    return FileReasoning(asserted, len(closure), removed, timings, derived)
