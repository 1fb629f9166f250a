"""Every format the project reads, writes or serves, in one table: short name, media type, file
extensions, rdflib's plugin name and pyoxigraph's format.

The export (``kg export --format``), the build's VoID description (each dump's media type), the
endpoint's content negotiation and its worker processes, ``kg reason`` and the embedded store all
look formats up here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    name: str  # short name, as ?format= takes it
    media_type: str  # what an answer in this format says it is
    aliases: tuple[str, ...] = ()  # other media types a client may ask for
    extensions: tuple[str, ...] = ()  # file extensions, the usual one first
    rdflib: str | None = None  # rdflib's serializer and parser name
    kind: str = "graph"  # graph (RDF), results (SPARQL query results) or page (HTML)

    def offers(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)

    @property
    def extension(self) -> str:
        return self.extensions[0]

    @property
    def oxigraph(self):
        """pyoxigraph's RdfFormat or QueryResultsFormat."""
        if self.kind == "results":
            return ox.QueryResultsFormat.from_media_type(self.media_type)
        return ox.RdfFormat.from_media_type(self.media_type)


TURTLE = Format("turtle", "text/turtle", ("application/x-turtle",), ("ttl",), "turtle")
NTRIPLES = Format("nt", "application/n-triples", ("text/plain",), ("nt", "txt"), "nt")
NQUADS = Format("nq", "application/n-quads", (), ("nq",), "nquads")
TRIG = Format("trig", "application/trig", (), ("trig",), "trig")
JSONLD = Format("jsonld", "application/ld+json", ("application/json",), ("jsonld", "json"), "json-ld")
RDFXML = Format("xml", "application/rdf+xml", (), ("rdf", "xml"), "xml")
N3 = Format("n3", "text/n3", (), ("n3",), "n3")
HTML = Format("html", "text/html", ("application/xhtml+xml",), ("html",), None, "page")

#: RDF formats read from files (``kg reason``), by extension.
RDF = (TURTLE, NTRIPLES, NQUADS, TRIG, JSONLD, RDFXML, N3)
#: What ``kg export --format`` writes, by rdflib's names.
EXPORTS = tuple(f.rdflib for f in (TURTLE, NTRIPLES, TRIG, JSONLD, RDFXML))
#: CONSTRUCT and DESCRIBE results and entity descriptions, as served; the first is the default.
GRAPHS = (TURTLE, JSONLD, NTRIPLES)
#: SELECT and ASK results (SPARQL 1.1 Query Results formats), as served; the first is the default.
RESULTS = (
    Format("json", "application/sparql-results+json", ("application/json",), ("srj",), "json", "results"),
    Format("xml", "application/sparql-results+xml", ("application/xml",), ("srx",), "xml", "results"),
    Format("csv", "text/csv", (), ("csv",), "csv", "results"),
    Format("tsv", "text/tab-separated-values", (), ("tsv",), "tsv", "results"),
)


def by_extension(extension: str, formats: tuple[Format, ...] = (*RDF, HTML)) -> Format | None:
    """The format a file name's extension (without its dot) names, or None."""
    ext = extension.lower()
    return next((f for f in formats if ext in f.extensions), None)


def by_name(name: str, formats: tuple[Format, ...]) -> Format:
    """One of ``formats`` by its short name (names cross process boundaries; formats are looked up again)."""
    return next(f for f in formats if f.name == name)
