"""IRIs of the graph. The base IRI is set here, and only here; so are the IRIs the project mints
for its named graphs, its dataset, its evidence and its links.

Standard vocabularies come from rdflib (``SDO`` is schema.org, here called ``SCHEMA``).
"""

from __future__ import annotations

import hashlib

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, VANN, VOID, XSD
from rdflib.term import Node

#: Persistent base of every IRI the project mints (w3id.org redirect).
BASE = "https://w3id.org/azdiaspora/"

AZD = Namespace(BASE + "ontology#")  # classes and properties
ID = Namespace(BASE + "id/")  # entities: people, events, acts, ...
EVIDENCE = Namespace(BASE + "evidence/")  # quoted sentences
STATEMENT = Namespace(BASE + "statement/")  # one fact with its sources (azd:Statement)
GRAPH = Namespace(BASE + "graph/")  # named graphs of the TriG export
TRIPLE = Namespace(BASE + "triple/")  # a triple as the premise or conclusion of a derivation
RULE = Namespace(BASE + "rule/")  # the inference rules, named as in the OWL 2 RL profile (cax-sco, prp-spo1, …)
DATASET = Namespace(BASE + "dataset/")  # the dataset and its dumps (VoID/DCAT)
ONTOLOGY_IRI = BASE + "ontology"
DATASET_IRI = URIRef(BASE + "dataset")
DUMPS_BASE = BASE + "dist/"  # where the files of dist/ are published

#: Named graphs besides one per source article.
ONTOLOGY_GRAPH = GRAPH.ontology
LINKS_GRAPH = GRAPH.links
EXTERNAL_GRAPH = GRAPH["external-wikidata"]  # written by `kg enrich`, never merged into graph.ttl
INFERRED_GRAPH = GRAPH.inferred  # what reasoning adds: stated by no source
DERIVATIONS_GRAPH = GRAPH.derivations  # how reasoning added it: each inferred triple's rule and premises

SCHEMA = SDO  # https://schema.org/
ELI = Namespace("http://data.europa.eu/eli/ontology#")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
DBR = Namespace("http://dbpedia.org/resource/")
GN = Namespace("https://sws.geonames.org/")

__all__ = ["AZD", "BASE", "DATASET", "DATASET_IRI", "DBR", "DUMPS_BASE", "ELI", "EVIDENCE", "EXTERNAL_GRAPH", "GN", "GRAPH",
           "ID", "INFERRED_GRAPH", "DERIVATIONS_GRAPH", "TRIPLE", "RULE", "LINKS_GRAPH", "STATEMENT", "ONTOLOGY_GRAPH", "ONTOLOGY_IRI", "ORG", "PREFIXES", "PROV", "SCHEMA", "SH", "VANN", "WD",
           "WDT", "bind_prefixes", "evidence_iri", "link_iri", "statement_iri", "triple_iri"]

PREFIXES: dict[str, str] = {
    "azd": str(AZD),
    "id": str(ID),
    "ev": str(EVIDENCE),
    "st": str(STATEMENT),
    "tri": str(TRIPLE),
    "rule": str(RULE),
    "graph": str(GRAPH),
    "schema": str(SCHEMA),
    "eli": str(ELI),
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
    "void": str(VOID),
    "foaf": str(FOAF),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "vann": str(VANN),
    "wd": str(WD),
    "dbr": str(DBR),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes (replacing rdflib's defaults) and return the graph."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


def evidence_iri(source: str, quote: str | None) -> URIRef:
    """One IRI per (article, sentence): the same quote backing many facts is one node. A citation
    of a report whose text is not held (``quote`` None) is one node per report."""
    if quote is None:
        return EVIDENCE[f"{source}/citation"]
    digest = hashlib.sha256(f"{source}\n{quote}".encode()).hexdigest()[:16]
    return EVIDENCE[f"{source}/{digest}"]


def statement_iri(subject: Node, predicate: Node, value: Node) -> URIRef:
    """One IRI per fact (subject, property, value): the node that ties it to its sources."""
    digest = hashlib.sha256(f"{subject.n3()} {predicate.n3()} {value.n3()}".encode()).hexdigest()[:16]
    return STATEMENT[digest]


def triple_iri(subject: Node, predicate: Node, value: Node) -> URIRef:
    """One IRI per triple that a derivation concludes or uses (and is not a curated statement)."""
    digest = hashlib.sha256(f"{subject.n3()} {predicate.n3()} {value.n3()}".encode()).hexdigest()[:16]
    return TRIPLE[digest]


def link_iri(entity: str, target: str) -> URIRef:
    """One IRI per curated link of an entity to an external IRI."""
    digest = hashlib.sha256(str(target).encode()).hexdigest()[:12]
    return URIRef(f"{BASE}link/{entity}/{digest}")
