"""Every fact with its own evidence: a statement node per fact, reachable from the fact in one SPARQL
pattern, in the standard exports; inferred triples kept apart; an article's graph holds only what
that article states."""

from __future__ import annotations

import json
import re

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDF, RDFS, SKOS

from kg.rdf.namespaces import AZD, GRAPH, INFERRED_GRAPH
from kg.rdf.terms import to_oxigraph

PREFIXES = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX azd: <https://w3id.org/azdiaspora/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""
#: Facts about our entities: not the provenance links themselves, nor the curator's notes (stated by no source).
#: Nor what the graph says of an id it no longer uses (replaced by another: a renamed record).
FACT = """?s ?p ?o . FILTER(STRSTARTS(STR(?s), "https://w3id.org/azdiaspora/id/"))
          FILTER(?p NOT IN (azd:evidence, prov:wasDerivedFrom, skos:editorialNote, dcterms:isReplacedBy, owl:deprecated))"""
ONE_PATTERN = "?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; azd:supportedBy ?ev ."
#: The evidence is a quoted sentence with its article, or a curated link record with how it was confirmed.
GROUNDED = ("{ ?ev prov:value ?quote ; azd:quotedFrom ?article } UNION { ?ev azd:cites ?report ; a azd:Citation } "
            "UNION { ?ev azd:confirmedBy ?how }")


def _count(graph, where: str) -> int:
    """Counted by Oxigraph (rdflib's engine takes seconds over FILTER EXISTS on these graphs)."""
    store = ox.Store()
    store.bulk_extend(ox.Quad(*(to_oxigraph(x) for x in t)) for t in graph)
    return int(next(iter(store.query(PREFIXES + f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")))["n"].value)


def _exports(dist):
    yield "graph.ttl", Graph().parse(dist / "graph.ttl")
    doc = json.loads((dist / "graph.jsonld").read_text(encoding="utf-8"))
    doc["@context"] = json.loads((dist / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    yield "graph.jsonld", Graph().parse(data=json.dumps(doc), format="json-ld")


def test_every_fact_reaches_its_evidence_in_one_pattern(dist):
    for name, g in _exports(dist):
        facts = _count(g, FACT)
        reached = _count(g, FACT + f" FILTER EXISTS {{ {ONE_PATTERN} {GROUNDED} }}")
        assert facts > 400 and reached / facts >= 0.99, (name, reached, facts)


def test_in_the_trig_each_article_graph_holds_its_facts_with_their_evidence(dist, trig):
    ds = trig
    articles = [c for c in ds.graphs() if str(c.identifier).startswith(str(GRAPH["article-"]))]
    assert len(articles) >= 2
    for ctx in articles:
        facts = _count(ctx, FACT)
        same_article = f"{ONE_PATTERN} ?st azd:statedIn ?article . ?ev azd:quotedFrom ?article ."
        assert facts > 100 and _count(ctx, FACT + f" FILTER EXISTS {{ {same_article} }}") == facts, ctx.identifier


def test_a_name_goes_only_into_the_graphs_of_the_articles_that_use_it(built):
    """A name one article uses is stated by that article alone; a name no article of the record uses
    (the curator's) goes with every article the record cites."""
    ds, data = built.dataset, built.data
    checked = 0
    for rec in data.records.values():
        for p, name in rec.statements:
            if p not in (RDFS.label, SKOS.altLabel):
                continue
            using = {a for a in rec.sources if str(name).casefold() in data.articles.get(a, "").casefold()}
            expected = using or set(rec.sources)
            holding = {a for a in rec.sources if (rec.iri, p, name) in ds.graph(GRAPH[a])}
            assert holding == expected, (rec.id, str(name))
            checked += len(using) < len(rec.sources)
    assert checked > 0  # some names are used by one article of several


def test_inferred_triples_are_kept_apart_in_their_own_graph(dist, trig):
    ds = trig
    inferred = ds.graph(INFERRED_GRAPH)
    asserted = Graph().parse(dist / "graph.ttl")
    assert len(inferred) > 500 and not [t for t in inferred if t in asserted]
    # reasoning adds no statement of a source: no evidence, no source, no statement node of its own
    assert not list(inferred.triples((None, AZD.supportedBy, None)))
    assert not list(inferred.triples((None, AZD.statedIn, None)))


def test_ranks_decide_the_direct_triples(project):
    """Preferred over normal; deprecated only as a statement, never a direct triple (Wikidata's truthy rule)."""
    from kg.build.pipeline import build
    from kg.rdf.namespaces import ID

    events = project.records / "events.yaml"
    text = events.read_text(encoding="utf-8")
    marker = "    - value: 1991-12-16\n"
    assert marker in text
    events.write_text(text.replace(marker, marker + "      rank: deprecated\n", 1), encoding="utf-8")
    meeting = ID["meeting-of-the-supreme-assembly-on-the-solidarity-day"]
    g = build(project).asserted
    assert {str(o) for o in g.objects(meeting, AZD.startDate)} == {"1991-12-06"}  # the deprecated one is no direct triple
    ranks = {str(o): r for st in g.subjects(RDF.subject, meeting) if g.value(st, RDF.predicate) == AZD.startDate
             for o in [g.value(st, RDF.object)] for r in [g.value(st, AZD.rank)]}
    assert ranks == {"1991-12-06": AZD.NormalRank, "1991-12-16": AZD.DeprecatedRank}
    events.write_text(text.replace(marker, marker + "      rank: preferred\n", 1), encoding="utf-8")
    g = build(project).asserted
    assert {str(o) for o in g.objects(meeting, AZD.startDate)} == {"1991-12-16"}  # preferred over normal


def test_the_medal_went_to_some_members_and_claims_read_as_claims(built):
    from kg.rdf.namespaces import ID

    g = built.inferred
    recipients = set(g.objects(ID["lets-be-one-medal-conferral"], AZD.recipient))
    assert recipients == {ID["medal-recipients-2025-12-24"]}
    assert (ID["medal-recipients-2025-12-24"], AZD.drawnFrom, ID["azerbaijani-diaspora"]) in g
    claims = [r for r in built.data.records.values() if r.type == AZD.Claim]
    assert len(claims) == 19
    for rec in claims:
        label = next(str(o) for p, o in rec.statements if p == RDFS.label)
        assert re.match(r"^The (24|31) December 2025 article says: ", label), label
