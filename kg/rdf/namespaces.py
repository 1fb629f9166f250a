"""IRIs of the graph. The base IRI is set here, and only here."""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

#: Persistent base of every IRI the project mints (w3id.org redirect).
BASE = "https://w3id.org/azdiaspora/"

AZD = Namespace(BASE + "ontology#")  # classes and properties
ID = Namespace(BASE + "id/")  # entities: people, events, acts, ...
EVIDENCE = Namespace(BASE + "evidence/")  # quoted sentences
GRAPH = Namespace(BASE + "graph/")  # named graphs of the TriG export
DATASET = Namespace(BASE + "dataset/")  # the dataset and its dumps (VoID/DCAT)
ONTOLOGY_IRI = BASE + "ontology"

SCHEMA = Namespace("https://schema.org/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
VANN = Namespace("http://purl.org/vocab/vann/")
SH = Namespace("http://www.w3.org/ns/shacl#")
WD = Namespace("http://www.wikidata.org/entity/")
DBR = Namespace("http://dbpedia.org/resource/")
GN = Namespace("https://sws.geonames.org/")

PREFIXES: dict[str, str] = {
    "azd": str(AZD),
    "id": str(ID),
    "ev": str(EVIDENCE),
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
