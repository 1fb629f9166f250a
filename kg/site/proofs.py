"""The "why" of an inferred fact on an entity page: its proof, unfolded down to stated facts and
the sentences (or citations) behind them.

The build hands the derivations over as a mapping (triple -> [(rule, premises)]); the server reads
them from the store's ``graph:derivations`` (``queries/proofs.rq``) with :func:`from_graph`. Either
way a proof is built by :func:`tree`, which follows each triple's first derivation (well-founded:
it ends in stated facts) and stops at a depth, or where a triple was explained already.
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS

from kg.rdf.namespaces import AZD, statement_iri

MAX_DEPTH = 8


def from_graph(g: Graph) -> dict[tuple, list[tuple[str, tuple]]]:
    """Derivations as ``queries/proofs.rq`` returns them, back into a mapping."""
    def triple(n) -> tuple | None:
        s, p, o = g.value(n, RDF.subject), g.value(n, RDF.predicate), g.value(n, RDF.object)
        return (s, p, o) if None not in (s, p, o) else None

    out: dict[tuple, list[tuple[str, tuple]]] = {}
    for n, d in g.subject_objects(AZD.derivation):
        t = triple(n)
        rule = g.value(g.value(d, AZD.rule), SKOS.notation)
        premises = tuple(x for x in (triple(m) for m in sorted(g.objects(d, AZD.premise))) if x is not None)
        if t is not None and rule is not None:
            out.setdefault(t, []).append((str(rule), premises))
    return out


def statement_sources(g: Graph, t: tuple) -> list[dict]:
    """What a stated fact rests on, from its statement node: each quote (None for a citation of a
    report whose text is not held), its source and the source's date."""
    out = []
    for ev in sorted(g.objects(statement_iri(*t), AZD.supportedBy)):
        source = g.value(ev, AZD.quotedFrom) or g.value(ev, AZD.cites)
        out.append({"quote": str(g.value(ev, PROV.value) or "") or None, "source": source,
                    "date": str(g.value(source, AZD.datePublished) or "") if source is not None else ""})
    return out


def tree(t: tuple, derivations: dict, g: Graph, show, depth: int = 0, seen: set | None = None) -> dict:
    """One node of a proof for a template: ``text`` (the triple as people read it, by ``show``),
    ``rule``, ``premises``, and for a stated fact its ``sources`` (quote and article, or citation)."""
    seen = set() if seen is None else seen
    node: dict = {"text": " ".join(show(x) for x in t), "rule": None, "premises": [], "sources": [], "stated": False}
    ways = derivations.get(t)
    if not ways:
        node["stated"] = True
        node["sources"] = [{**e, "quote": e["quote"] or "", "source": show(e["source"]) if e["source"] is not None else ""}
                           for e in statement_sources(g, t)]
        return node
    node["rule"] = ways[0][0]
    if t in seen or depth >= MAX_DEPTH:
        node["folded"] = True
        return node
    seen.add(t)
    node["premises"] = [tree(x, derivations, g, show, depth + 1, seen) for x in ways[0][1]]
    return node


def literal_or_name(g: Graph, label: Callable[[URIRef], str]) -> Callable[[object], str]:
    """How a proof names a term: an entity by its label, a literal by its text, another IRI by its
    prefixed name."""
    def show(x) -> str:
        if isinstance(x, Literal):
            return str(x)
        if isinstance(x, BNode):
            return "(an anonymous class or list of the ontology)"
        if isinstance(x, URIRef):
            name = label(x)
            if name and name != str(x):
                return name
            try:
                return g.namespace_manager.normalizeUri(x)
            except ValueError:
                return str(x)
        return str(x)

    return show
