"""Synthetic corpora shaped like our data, at any size, the same for the same seed.

The template is the project's own built data (dist/graph.trig, without the ontology and inferred graphs):
events in numbered series, legal acts establishing organisations, posts and their holders,
observations with hedged figures, and the evidence records (quoted sentence, article) behind
each fact. Each copy stands for another year of another outlet's news: every entity, evidence
record, link and article gets its own IRI; places and countries stay shared, as they are in
real news; each copy's people come from a shared pool, so that people hold posts across copies;
each copy's series editions are renumbered and its dates moved to another year, so that series
grow long and the timeline fills.

    kg synth --triples 1000000 --seed 1 -o .cache/bench/data-1000000.nt
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

BASE = "https://w3id.org/azdiaspora/"
ONTOLOGY_GRAPH = BASE + "graph/ontology"
INFERRED_GRAPH = BASE + "graph/inferred"
DERIVATIONS_GRAPH = BASE + "graph/derivations"
AZD = BASE + "ontology#"
SHARED_TYPES = {AZD + "Place", AZD + "Country", AZD + "City", AZD + "Region", "https://schema.org/Place"}
XSD = "http://www.w3.org/2001/XMLSchema#"


def template(dist: Path) -> tuple[list[ox.Triple], set[str], set[str]]:
    """The data triples of the build, the IRIs shared by every copy, and the people."""
    from kg.errors import NotBuilt

    if not (dist / "graph.trig").is_file():
        raise NotBuilt(f"{dist / 'graph.trig'}: not found; the corpus is made from the build, run `kg build` first")
    triples, seen = [], set()
    for q in ox.parse(path=str(dist / "graph.trig"), format=ox.RdfFormat.TRIG):
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in (ONTOLOGY_GRAPH, INFERRED_GRAPH, DERIVATIONS_GRAPH):
            continue  # the ontology is added apart; what reasoning added (and how) is not data
        t = ox.Triple(q.subject, q.predicate, q.object)
        if t not in seen:
            seen.add(t)
            triples.append(t)
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    shared = {t.subject.value for t in triples if t.predicate.value == rdf_type and t.object.value in SHARED_TYPES}
    people = {t.subject.value for t in triples if t.predicate.value == rdf_type and t.object.value == AZD + "Person"}
    return triples, shared, people


@dataclass
class _Copy:
    """How one copy renames the template's terms."""

    number: int
    shared: set[str]
    person_of: dict[str, str]
    year_shift: int
    cache: dict = field(default_factory=dict)

    def rename(self, term):
        if term in self.cache:
            return self.cache[term]
        out_term, copy = term, self.number
        if isinstance(term, ox.NamedNode) and term.value.startswith(BASE) and not term.value.startswith(AZD):
            v = term.value
            if v in self.person_of:
                out_term = ox.NamedNode(self.person_of[v])
            elif v not in self.shared and copy:
                out_term = ox.NamedNode(f"{v}-c{copy}")
        elif isinstance(term, ox.BlankNode):
            out_term = ox.BlankNode(f"{term.value}c{copy}")
        elif (isinstance(term, ox.Literal) and term.language is None and copy
              and term.datatype.value in (XSD + "date", XSD + "gYear", XSD + "dateTime")):
            year = re.sub(r"^\d{4}", lambda m: str(int(m.group()) - self.year_shift), term.value)
            out_term = ox.Literal(year, datatype=term.datatype)
        self.cache[term] = out_term
        return out_term


def generate(dist: Path, target: int, seed: int, out) -> int:
    """Write about ``target`` data triples as N-Triples to ``out`` (a binary file); return the count."""
    rng = random.Random(seed)
    triples, shared, people = template(dist)
    pool = max(10, target // 2000)  # distinct people in the whole corpus
    written, copy = 0, 0
    while written < target:
        year_shift = rng.randrange(0, 30)
        edition_shift = copy * 10
        renamer = _Copy(copy, shared, {p: f"{BASE}id/person-{rng.randrange(pool)}" for p in sorted(people)}, year_shift)
        rename = renamer.rename

        for t in triples:
            obj = t.object
            if t.predicate.value == AZD + "editionNumber" and copy:
                obj = ox.Literal(str(int(obj.value) + edition_shift), datatype=obj.datatype)
            else:
                obj = rename(obj)
            out.write(f"{rename(t.subject)} {t.predicate} {obj} .\n".encode())
            written += 1
            if written >= target:
                break
        copy += 1
    return written
