"""Turn checked records into RDF: one named graph per source article.

The dataset has these graphs:

- ``graph:ontology``: the ontology;
- ``graph:<article-id>``: every statement of each record whose evidence cites
  that article, with the evidence (the quoted sentence) itself;
- ``graph:links``: curated links to external datasets, marked as links;
- the default graph: PROV-O metadata about each named graph.

Every node gets an IRI (no blank nodes in the data), so exports are
deterministic and every evidence sentence can be linked to.
"""

from __future__ import annotations

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from kg.build.model import PLAIN, CheckedData, Evidence, Link, Qualified, Record
from kg.rdf.namespaces import (
    AZD,
    DERIVATIONS_GRAPH,
    EXTERNAL_GRAPH,
    GRAPH,
    ID,
    INFERRED_GRAPH,
    LINKS_GRAPH,
    ONTOLOGY_GRAPH,
    ONTOLOGY_IRI,
    RULE,
    SCHEMA,
    WDT,
    bind_prefixes,
    evidence_iri,
    link_iri,
    statement_iri,
    triple_iri,
)


def _short(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _evidence_triples(rec: Record, ev: Evidence, reports: dict[str, str]) -> list[tuple]:
    node = evidence_iri(ev.source, ev.quote)
    article = ID[ev.source]
    if ev.cited:
        triples = [
            (rec.iri, AZD.evidence, node),
            (node, RDF.type, AZD.Citation),
            (node, RDFS.label, Literal(f"Cited, text not held: {_short(reports.get(ev.source, ev.source))}", lang="en")),
            (node, AZD.cites, article),
        ]
    else:
        triples = [
            (rec.iri, AZD.evidence, node),
            (node, RDF.type, AZD.Evidence),
            (node, RDF.type, SCHEMA.Quotation),  # a quotation by construction; a citation (above) is none
            (node, RDFS.label, Literal(f"Quote from {ev.source}: “{_short(ev.quote)}”", lang="en")),
            (node, PROV.value, Literal(ev.quote, lang="en")),
            (node, AZD.quotedFrom, article),
        ]
    if ev.source != rec.id:
        triples.append((rec.iri, PROV.wasDerivedFrom, article))
    return triples


NAMES = {RDFS.label, SKOS.altLabel}
CURATORS = {SKOS.editorialNote}  # the curator's words, stated by no source: no statement node


def support(rec: Record, predicate: URIRef, value, texts: dict[str, str]) -> list[Evidence]:
    """The evidence items that state one fact of a record.

    A field's value rests on the items that support the field (an item may name the fields it
    supports; without that, it supports all of them). A name rests on the items of the articles
    that use it, when any does (so a name one article uses goes into that article's graph only);
    what the entity is rests on all of the record's evidence.
    """
    given = rec.ranked(predicate, value).evidence
    if given:
        return list(given)
    everything = _all_evidence(rec)
    if predicate in NAMES:
        using = {a for a in rec.sources if str(value).casefold() in texts.get(a, "").casefold()}
        return [e for e in everything if e.source in using] or everything
    if predicate == RDF.type or not str(predicate).startswith(str(AZD)):
        return everything
    name = str(predicate)[len(str(AZD)):]
    return [e for e in rec.evidence if e.states(name)] or everything


def _all_evidence(rec: Record) -> list[Evidence]:
    """The record's evidence items, and those its values carry, each once."""
    return list(dict.fromkeys([*rec.evidence, *(e for q in rec.qualified.values() for e in q.evidence)]))


RANK = {"preferred": AZD.PreferredRank, "normal": AZD.NormalRank, "deprecated": AZD.DeprecatedRank}
OBTAINED = {"stated": AZD.StatedInSource, "context": AZD.ReadFromContext}
QUALIFIERS = {"validFrom": AZD.validFrom, "validUntil": AZD.validUntil, "asOf": AZD.asOf}


def _truthy(rec: Record, predicate: URIRef, value) -> bool:
    """Whether a value gets a direct triple: it has the best rank among the record's values of the
    property (preferred over normal; deprecated never), as Wikidata's truthy triples do."""
    ranks = {rec.ranked(p, o).rank for p, o in rec.statements if p == predicate}
    mine = rec.ranked(predicate, value).rank
    return mine != "deprecated" and (mine == "preferred" or "preferred" not in ranks)


def _statement_triples(subject: URIRef, predicate: URIRef, value, source: URIRef | None, support: list[URIRef],
                       how: Qualified = PLAIN) -> list[tuple]:
    """The statement node of one fact as one source states it (see azd:Statement)."""
    node = statement_iri(subject, predicate, value)
    triples = [
        (node, RDF.type, AZD.Statement),
        (node, RDF.subject, subject),
        (node, RDF.predicate, predicate),
        (node, RDF.object, value),
        (node, AZD.rank, RANK[how.rank]),
    ]
    if how is not PLAIN:
        triples.append((node, AZD.obtained, OBTAINED[how.obtained]))
        triples += [(node, QUALIFIERS[q], date) for q, date in how.qualifiers]
        if how.note:
            triples.append((node, SKOS.editorialNote, Literal(how.note, lang="en")))
    if source is not None:
        triples.append((node, AZD.statedIn, source))
    triples += [(node, AZD.supportedBy, s) for s in support]
    return triples


def _link_triples(link: Link, labels: dict[str, str]) -> list[tuple]:
    node = link_iri(link.entity, link.target)
    local = str(link.target).rstrip("/").rsplit("/", 1)[-1]
    triples = [
        (link.iri, link.match, link.target),
        (node, RDF.type, AZD.ExternalLink),
        (node, RDFS.label, Literal(f"Link from {labels.get(link.entity, link.entity)} to {link.dataset} {local}", lang="en")),
        (node, AZD.linkSubject, link.iri),
        (node, AZD.linkTarget, link.target),
        (node, AZD.matchKind, link.match),
        (node, AZD.confidence, Literal(link.confidence)),
        (node, AZD.confirmedBy, Literal(link.confirmed_by)),
    ]
    if link.match == SKOS.exactMatch:
        # schema.org users find the same thing through schema:sameAs.
        triples.append((link.iri, SCHEMA.sameAs, link.target))
    return triples


def build_dataset(data: CheckedData, ontology: Graph, external: Graph | None = None) -> Dataset:
    """The RDF dataset of the checked records, with the ontology in its own graph and
    the facts fetched by `kg enrich` (if any) in ``graph:external-wikidata``."""
    ds = bind_prefixes(Dataset())
    onto = ds.graph(ONTOLOGY_GRAPH)
    for t in ontology:
        onto.add(t)

    meta = ds.default_graph
    meta.add((ONTOLOGY_GRAPH, RDF.type, PROV.Entity))
    meta.add((ONTOLOGY_GRAPH, RDFS.label, Literal("The azdiaspora ontology", lang="en")))
    meta.add((ONTOLOGY_GRAPH, PROV.wasDerivedFrom, URIRef(ONTOLOGY_IRI)))
    meta.add((INFERRED_GRAPH, RDF.type, PROV.Entity))
    meta.add((INFERRED_GRAPH, RDFS.label, Literal("Inferred by OWL 2 RL reasoning and the time-aware rules: stated by no source", lang="en")))
    meta.add((INFERRED_GRAPH, PROV.wasDerivedFrom, ONTOLOGY_GRAPH))

    for article_id in [*data.articles, *data.reports]:
        g = GRAPH[article_id]
        meta.add((g, RDF.type, PROV.Entity))
        what = "the article" if article_id in data.articles else "the cited report (text not held)"
        meta.add((g, RDFS.label, Literal(f"Facts stated by {what} {article_id}", lang="en")))
        meta.add((g, PROV.wasDerivedFrom, ID[article_id]))
        meta.add((g, DCTERMS.source, ID[article_id]))

    for rec in data.records.values():
        for p, o in rec.statements:
            if p in CURATORS:
                for article_id in rec.sources:
                    ds.graph(GRAPH[article_id]).add((rec.iri, p, o))
                continue
            by_article: dict[str, list[Evidence]] = {}
            for ev in support(rec, p, o, data.articles):
                by_article.setdefault(ev.source, []).append(ev)
            truthy = _truthy(rec, p, o)
            for article_id, items in by_article.items():
                g = ds.graph(GRAPH[article_id])
                if truthy:
                    g.add((rec.iri, p, o))
                for tr in _statement_triples(rec.iri, p, o, ID[article_id], [evidence_iri(e.source, e.quote) for e in items],
                                             rec.ranked(p, o)):
                    g.add(tr)
        for old in rec.former:
            # the old IRI stays, deprecated and replaced: links to it keep working (the server redirects)
            meta.add((ID[old], DCTERMS.isReplacedBy, rec.iri))
            meta.add((ID[old], OWL.deprecated, Literal(True)))
        for ev in _all_evidence(rec):
            g = ds.graph(GRAPH[ev.source])
            for t in _evidence_triples(rec, ev, data.reports):
                g.add(t)

    if data.links:
        labels = {rid: str(next((o for p, o in r.statements if p == RDFS.label and o.language == "en"), rid)) for rid, r in data.records.items()}
        links = ds.graph(LINKS_GRAPH)
        meta.add((LINKS_GRAPH, RDF.type, PROV.Entity))
        meta.add((LINKS_GRAPH, RDFS.label, Literal("Curated links to external datasets (Wikidata, DBpedia, GeoNames)", lang="en")))
        for link in data.links:
            for t in _link_triples(link, labels):
                links.add(t)
            facts = [(link.iri, link.match, link.target)] + ([(link.iri, SCHEMA.sameAs, link.target)] if link.match == SKOS.exactMatch else [])
            for s, p, o in facts:
                for t in _statement_triples(s, p, o, None, [link_iri(link.entity, link.target)]):
                    links.add(t)
    if external is not None and len(external):
        ext = ds.graph(EXTERNAL_GRAPH)
        for t in external:
            ext.add(t)
    return ds


def add_inferred(ds: Dataset, asserted: Graph, inferred: Graph) -> None:
    """Put what reasoning added (``inferred`` less ``asserted``) in a named graph of its own,
    ``graph:inferred``, so that nothing inferred is ever read as a source's statement."""
    g = ds.graph(INFERRED_GRAPH)
    for t in inferred:
        if t not in asserted:
            g.add(t)


def derivation_triples(asserted: Graph, inferred: Graph, derivations: dict) -> list[tuple]:
    """How each inferred triple was derived, as triples for ``graph:derivations``: the triple (a
    ``azd:DerivedTriple``, with rdf:subject, rdf:predicate, rdf:object), its derivations (each an
    ``azd:Derivation`` with its ``azd:rule`` and its ``azd:premise`` triples), so that "why does
    this hold?" is one SPARQL query away. A premise that is a curated fact is its statement node
    (which leads to its quote or citation); another asserted triple (an ontology axiom, say) is an
    ``azd:AssertedTriple``; an inferred one is a ``azd:DerivedTriple`` with derivations of its own.
    Plain tuples, not an rdflib graph: there are several times as many as inferred triples, and
    they are only written out (:mod:`kg.build.export`)."""
    out: list[tuple] = []
    nodes: dict[tuple, URIRef] = {}

    def node(t: tuple) -> URIRef:
        if t in nodes:
            return nodes[t]
        st = statement_iri(*t)
        if t in asserted and (st, RDF.type, AZD.Statement) in asserted:
            nodes[t] = st
            return st
        iri = nodes[t] = triple_iri(*t)
        out.extend(((iri, RDF.type, AZD.DerivedTriple if t in derivations and t not in asserted else AZD.AssertedTriple),
                    (iri, RDF.subject, t[0]), (iri, RDF.predicate, t[1]), (iri, RDF.object, t[2])))
        return iri

    rules = set()
    for t, ways in derivations.items():
        if t in asserted or t not in inferred:
            continue
        conclusion = node(t)
        for n, (rule, premises) in enumerate(ways, start=1):
            d = URIRef(f"{conclusion}/derivation/{n}")
            rules.add(rule)
            out.extend(((conclusion, AZD.derivation, d), (d, RDF.type, AZD.Derivation), (d, AZD.rule, rule_iri(rule)),
                        (d, AZD.derivationRank, Literal(n))))
            out.extend((d, AZD.premise, node(premise)) for premise in premises)
    for rule in sorted(rules):
        out.extend(((rule_iri(rule), RDF.type, AZD.InferenceRule), (rule_iri(rule), SKOS.notation, Literal(rule))))
    return out


def rule_iri(rule: str) -> URIRef:
    return RULE[rule.replace(":", "-")]


def union_graph(ds: Dataset) -> Graph:
    """Our own asserted facts: every graph of the dataset but the external, inferred and derivations
    ones, as one graph."""
    g = bind_prefixes(Graph())
    for s, p, o, c in ds.quads((None, None, None, None)):
        if c not in (EXTERNAL_GRAPH, INFERRED_GRAPH, DERIVATIONS_GRAPH):
            g.add((s, p, o))
    return g


def external_graph(ds: Dataset) -> Graph:
    """The facts fetched by `kg enrich`, as a graph of their own (empty if none)."""
    g = bind_prefixes(Graph())
    g.bind("wdt", WDT)
    for s, p, o, _ in ds.quads((None, None, None, EXTERNAL_GRAPH)):
        g.add((s, p, o))
    return g
