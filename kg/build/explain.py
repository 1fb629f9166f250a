"""Why a triple holds: its proof, down to asserted triples, and for each asserted fact the
sentence (or citation) behind it.

The fast engine records, for each triple it infers, the OWL 2 RL rule that produced it and the
triples it used (:mod:`kg.build.materialise`); the time-aware rules record theirs
(:mod:`kg.build.temporal`). A proof follows the first recorded derivation of each triple, which is
well-founded (its premises were there before it), so the tree always ends in asserted triples.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.errors import UsageError
from kg.rdf.namespaces import ID, ONTOLOGY_GRAPH
from kg.site.proofs import statement_sources

# The OWL 2 RL profile's rules, by name: what each says, for people (section 4.3 of the profile).
RULES = {
    "cax-sco": "a member of a class is a member of its superclasses",
    "cax-eqc1": "a member of a class is a member of an equivalent class",
    "cax-eqc2": "a member of a class is a member of an equivalent class",
    "prp-dom": "the subject of a property is in the property's domain",
    "prp-rng": "the value of a property is in the property's range",
    "prp-spo1": "a property's values are values of its superproperties",
    "prp-spo2": "a chain of properties implies the property it is a chain of",
    "prp-eqp1": "a property's values are values of an equivalent property",
    "prp-inv1": "a property's values, turned round, are values of its inverse",
    "prp-inv2": "a property's values, turned round, are values of its inverse",
    "prp-symp": "a symmetric property holds both ways",
    "prp-trp": "a transitive property carries through",
    "cls-hv1": "a member of a has-value restriction has that value",
    "cls-hv2": "what has the value belongs to the has-value restriction",
    "scm-sco": "subclass is transitive",
    "scm-spo": "subproperty is transitive",
    "scm-dom1": "a property's domain extends to the domain's superclasses",
    "scm-rng1": "a property's range extends to the range's superclasses",
    "scm-dom2": "a subproperty has its superproperty's domain",
    "scm-rng2": "a subproperty has its superproperty's range",
    "scm-cls": "every class is a subclass of itself and of owl:Thing",
    "azd-issuer-in-office": "an act passed by a post was issued by whoever held the post on the act's date "
                            "(the holding certainly covers the date)",
}


@dataclass
class Proof:
    """A triple, and why it holds: asserted (with its evidence) or derived (rule and premises)."""

    triple: tuple[Node, Node, Node]
    status: str  # asserted | inferred | absent
    rule: str | None = None
    premises: list[Proof] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)  # of an asserted fact: quote and article, or citation
    where: str | None = None  # of an asserted triple without a statement: "the ontology", "the data"
    others: int = 0  # further derivations recorded besides the one shown
    seen: bool = False  # already explained above in the same proof

    def to_json(self) -> dict:
        """The proof for tools (``kg explain --format json``)."""
        out: dict = {"triple": [x.n3() for x in self.triple], "status": self.status}
        if self.rule:
            out["rule"] = self.rule
        if self.evidence:
            out["evidence"] = [{"quote": e["quote"], "source": str(e["source"]), "date": e["date"]} for e in self.evidence]
        if self.where:
            out["statedIn"] = self.where
        if self.premises:
            out["premises"] = [x.to_json() for x in self.premises]
        if self.seen:
            out["shownAbove"] = True
        return out


def parse_term(text: str, graph: Graph, position: str) -> Node:
    """A term as a user writes it: an entity id ("baku"), a prefixed name ("azd:issuedBy",
    "rdf:type", "a"), an IRI (with or without <>), or, as an object, a literal."""
    t = text.strip()
    if position == "predicate" and t == "a":
        return RDF.type
    if t.startswith("<") and t.endswith(">"):
        return URIRef(t[1:-1])
    if t.startswith(("http://", "https://")):
        return URIRef(t)
    if ":" in t and not t.startswith('"'):
        prefix, local = t.split(":", 1)
        ns = dict(graph.namespace_manager.namespaces()).get(prefix)
        if ns is None:
            raise UsageError(f"{text!r}: unknown prefix {prefix!r}; use one of "
                             f"{', '.join(sorted(p for p, _ in graph.namespace_manager.namespaces() if p))}, or a full IRI")
        return URIRef(str(ns) + local)
    if position != "predicate" and (ID[t], None, None) in graph:
        return ID[t]
    if position == "object":
        return Literal(t.strip('"'))
    raise UsageError(f"{text!r} is neither an entity id, a prefixed name nor an IRI")


def find(graph: Graph, s: Node, p: Node, o: Node) -> tuple[Node, Node, Node] | None:
    """The triple as the graph holds it; a plain literal object matches a typed literal of the same text."""
    if (s, p, o) in graph:
        return s, p, o
    if isinstance(o, Literal) and o.datatype is None and not o.language:
        for x in graph.objects(s, p):
            if isinstance(x, Literal) and str(x) == str(o):
                return s, p, x
    return None


def prove(t: tuple, inferred: Graph, asserted: Graph, derivations: dict, ontology: Graph | None = None,
          _seen: set | None = None) -> Proof:
    """The proof of ``t`` in the reasoned graph: asserted, derived, or absent."""
    seen = set() if _seen is None else _seen
    if t in asserted:
        where = None
        ev = statement_sources(asserted, t)
        if not ev:
            where = "the ontology" if ontology is not None and t in ontology else "the data (no source of its own)"
        return Proof(t, "asserted", evidence=ev, where=where)
    ways = derivations.get(t)
    if not ways:
        return Proof(t, "inferred" if t in inferred else "absent")
    if t in seen:
        return Proof(t, "inferred", ways[0][0], seen=True)
    seen.add(t)
    rule, premises = ways[0]
    return Proof(t, "inferred", rule, [prove(x, inferred, asserted, derivations, ontology, seen) for x in premises],
                 others=len(ways) - 1)


def explain(result, s: Node, p: Node, o: Node) -> Proof:
    """Why (s, p, o) holds in a build's reasoned graph (a :class:`kg.build.pipeline.BuildResult`)."""
    t = find(result.inferred, s, p, o) or (s, p, o)
    ontology = result.dataset.graph(ONTOLOGY_GRAPH)
    return prove(t, result.inferred, result.asserted, result.derivations or {}, ontology)


def lines(proof: Proof, graph: Graph, depth: int = 0) -> list[str]:
    """The proof as indented lines for people."""
    nm = graph.namespace_manager

    def term(x: Node) -> str:
        if isinstance(x, Literal):
            return x.n3(nm)
        try:
            return nm.normalizeUri(x) if isinstance(x, URIRef) else str(x)
        except ValueError:
            return f"<{x}>"

    pad = "  " * depth
    text = " ".join(term(x) for x in proof.triple)
    out = []
    if proof.status == "asserted":
        out.append(f"{pad}{text}  [asserted]")
        for e in proof.evidence:
            src = term(e["source"]) if e["source"] is not None else "?"
            when = f", {e['date']}" if e["date"] else ""
            out.append(f"{pad}    “{e['quote']}” ({src}{when})" if e["quote"] else f"{pad}    cited, text not held: {src}{when}")
        if proof.where:
            out.append(f"{pad}    stated in {proof.where}")
    elif proof.seen:
        out.append(f"{pad}{text}  [by {proof.rule}, shown above]")
    elif proof.status == "inferred" and proof.rule:
        said = RULES.get(proof.rule, "")
        more = f"; {proof.others} other derivation(s) recorded" if proof.others else ""
        out.append(f"{pad}{text}  [by {proof.rule}{': ' + said if said else ''}{more}]")
        for x in proof.premises:
            out += lines(x, graph, depth + 1)
    else:
        out.append(f"{pad}{text}  [{proof.status}]")
    return out
