"""OWL 2 RL reasoning with owlrl, cleaned of owlrl's known junk.

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
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from .errors import InconsistencyError
from .namespaces import bind_prefixes

BUILTIN_NAMESPACES = (str(RDF), str(RDFS), str(OWL), str(XSD))
REFLEXIVE_JUNK = {OWL.sameAs, RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty}
TRIVIAL_TYPES = {OWL.Thing, RDFS.Resource, OWL.NamedIndividual}


@dataclass
class Reasoned:
    graph: Graph  # asserted + cleaned inferences
    inferred: int  # triples added and kept
    removed_junk: int  # owlrl triples dropped by the cleaning


def apply_rules(graph: Graph, rules_dir: Path | None) -> Graph:
    """Run the CONSTRUCT rules (ontology/rules/*.rq) once over the graph; return what they add."""
    added = Graph()
    if rules_dir is None or not rules_dir.is_dir():
        return added
    for rule in sorted(rules_dir.glob("*.rq")):
        for t in graph.query(rule.read_text(encoding="utf-8")):
            added.add(t)
    return added


def _is_junk(t: tuple) -> bool:
    """Whether an inferred (not asserted) triple is owlrl junk."""
    s, p, o = t
    if isinstance(s, Literal):
        return True
    if p in REFLEXIVE_JUNK and s == o:
        return True
    if p == RDF.type and o in TRIVIAL_TYPES:
        return True
    if isinstance(s, URIRef) and str(s).startswith(BUILTIN_NAMESPACES):
        return True  # axioms about the built-in vocabularies
    if p == RDF.type and isinstance(o, URIRef) and str(o).startswith(str(XSD)):
        return True  # typing literals' proxies as datatypes
    # what owlrl infers about the ontology's blank nodes (restrictions, lists) carries no meaning for users
    return isinstance(s, BNode)


def reason(asserted: Graph, rules_dir: Path | None = None) -> Reasoned:
    """OWL 2 RL closure of ``asserted`` (plus the CONSTRUCT rules), cleaned.

    Raises InconsistencyError listing owlrl's messages when the graph is
    inconsistent (e.g. an entity typed with two disjoint classes).
    """
    closure = bind_prefixes(Graph())
    for t in asserted:
        closure.add(t)
    for t in apply_rules(asserted, rules_dir):
        closure.add(t)
    # improved_datatypes=False: owlrl's own lexical checks reject valid values
    # (e.g. xsd:gMonthDay "--12-31") and swap global converters in and out.
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, improved_datatypes=False, axiomatic_triples=False, datatype_axioms=False
    ).expand(closure)

    errors = sorted(str(closure.value(node, ERRNS.error)) for node in closure.subjects(RDF.type, ERRNS.ErrorMessage))
    if errors:
        raise InconsistencyError("the graph is logically inconsistent (OWL 2 RL); fix the records named below", errors)

    cleaned = bind_prefixes(Graph())
    removed = 0
    for t in closure:
        if t in asserted or not _is_junk(t):
            cleaned.add(t)
        else:
            removed += 1
    return Reasoned(cleaned, len(cleaned) - len(asserted), removed)
