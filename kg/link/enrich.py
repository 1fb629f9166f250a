"""`kg enrich`: fetch a small, named set of Wikidata facts about linked entities.

The facts are Wikidata's, about Wikidata's items (``wd:Q9248 wdt:P625 …``),
kept apart from ours: they are written to data/external/wikidata.ttl with
PROV-O provenance (where and when they were fetched), and the build puts them
in their own named graph (``graph:external-wikidata``) and in
dist/external.ttl, never in graph.ttl. So they can be exported with or without
our own facts, and a reader always knows whose statement a triple is.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg.build.model import CheckedData
from kg.layout import Layout
from kg.link.client import SparqlClient
from kg.rdf.files import write_text_atomic
from kg.rdf.namespaces import EXTERNAL_GRAPH, WDT, bind_prefixes

#: The named facts fetched: Wikidata property -> what it is.
FACTS = {
    "P625": "coordinate location",
    "P17": "country",
    "P569": "date of birth",
    "P571": "inception",
    "P1082": "population",
}


def enrich_query(items: list[URIRef]) -> str:
    """Values are written as RDF terms (``URIRef.n3()``), never pasted as raw text: a remote endpoint
    takes query text, and has no initBindings."""
    values = " ".join(i.n3() for i in items)
    props = " ".join(WDT[p].n3() for p in FACTS)
    return f"""SELECT ?item ?property ?value WHERE {{
  VALUES ?item {{ {values} }}
  VALUES ?property {{ {props} }}
  ?item ?property ?value .
}}"""


def enrich(data: CheckedData, client: SparqlClient, endpoint: str, now: dt.datetime | None = None) -> Graph:
    """The external facts about every entity with an exact Wikidata link, with provenance."""
    items = sorted({link.target for link in data.links if link.dataset == "Wikidata" and str(link.match).endswith("exactMatch")})
    g = bind_prefixes(Graph())
    g.bind("wdt", WDT)
    if items:
        for row in client.select(enrich_query(items)):
            item, prop, value = row.get("item"), row.get("property"), row.get("value")
            if isinstance(item, URIRef) and item in items and isinstance(prop, URIRef) and value is not None:
                g.add((item, prop, value))
    when = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    g.add((EXTERNAL_GRAPH, RDF.type, PROV.Entity))
    g.add((EXTERNAL_GRAPH, RDFS.label, Literal("Facts stated by Wikidata about linked entities (external, not curated)", lang="en")))
    g.add((EXTERNAL_GRAPH, PROV.wasDerivedFrom, URIRef(endpoint)))
    g.add((EXTERNAL_GRAPH, PROV.generatedAtTime, Literal(when.isoformat(), datatype=XSD.dateTime)))
    for p, name in FACTS.items():
        g.add((WDT[p], RDFS.label, Literal(name, lang="en")))
    return g


def write_external(layout: Layout, graph: Graph) -> Path:
    path = layout.external_facts
    header = ("# Facts fetched from Wikidata by `kg enrich`: Wikidata's statements about Wikidata items,\n"
              "# kept apart from the curated facts (graph:external-wikidata). Regenerate, do not edit.\n")
    write_text_atomic(path, header + graph.serialize(format="turtle"))
    return path

