"""Serialise the graphs: Turtle, N-Triples, TriG, JSON-LD (+ context), RDF/XML, VoID.

Every output is deterministic: blank nodes get canonical labels, N-Triples
lines are sorted, JSON-LD objects and arrays are sorted, and the VoID
description carries the curated ``modified`` date, never the wall clock.
Files are written into a fresh folder next to the target and swapped in whole,
so a failed build leaves the last good ``dist/`` untouched.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

from kg.build.graph import external_graph
from kg.build.model import CheckedData
from kg.errors import UsageError
from kg.rdf.files import write_folder
from kg.rdf.formats import EXPORTS, TRIG, TURTLE, by_extension
from kg.rdf.namespaces import (
    AZD,
    BASE,
    DATASET_IRI,
    DERIVATIONS_GRAPH,
    DUMPS_BASE,
    ELI,
    ID,
    ORG,
    PREFIXES,
    SCHEMA,
    bind_prefixes,
)
from kg.rdf.terms import to_oxigraph
from kg.site.render import render_pages

#: Export formats of `kg export` (rdflib's names); nt, trig and json-ld are written by our own deterministic functions.
FORMATS = EXPORTS


def context() -> dict[str, Any]:
    """The JSON-LD context shipped as dist/context.jsonld: our prefixes, nothing remote."""
    return {"@context": dict(sorted(PREFIXES.items()))}


def _sorted_json(value: Any) -> Any:
    """Sort JSON-LD objects' arrays (sets) by their serialisation; @list arrays keep their order."""
    if isinstance(value, dict):
        return {k: (v if k == "@list" else _sorted_json(v)) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def to_ntriples(graph: Graph) -> str:
    """Sorted N-Triples, one triple per line. Control characters a literal may hold are
    written as \\uXXXX escapes, so no line-oriented tool splits a triple."""
    written = graph.serialize(format="nt")  # rdflib escapes quotes, backslashes, newlines
    lines = {_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04X}", line) for line in written.split("\n") if line.strip()}
    return "".join(line + "\n" for line in sorted(lines))


def _falsy_native(graph: Graph) -> bool:
    """Whether a literal would be written as a native JSON 0, 0.0, false or "". rdflib's compacting
    JSON-LD writer (7.x, Converter.add_to_node) takes a value already stored as one of these for no
    value and writes the next one over it: a triple is lost without a word."""
    return any(isinstance(o, Literal) and not o.language and _written_falsy(o) for o in graph.objects())


def _written_falsy(o: Literal) -> bool:
    if o.datatype in (XSD.integer, XSD.boolean, XSD.double):
        return o.value is not None and not o.value
    return o.datatype in (None, XSD.string) and str(o) == ""


def to_jsonld(graph: Graph, context_ref: str | None = "context.jsonld") -> str:
    """Compact JSON-LD. With ``context_ref`` the context is referenced (dist/, beside
    context.jsonld); with None it stays inline (for stdout). A graph holding a literal 0, 0.0,
    false or "" is written with full IRIs and typed values instead (see :func:`_falsy_native`): the same
    triples, under the same context, only less compact."""
    ctx = context()["@context"]
    if _falsy_native(graph):
        expanded = json.loads(graph.serialize(format="json-ld"))
        doc = {"@context": ctx, "@graph": expanded}
    else:
        doc = json.loads(graph.serialize(format="json-ld", context=ctx, auto_compact=True))
    doc = _sorted_json(doc)
    if context_ref is not None:
        doc["@context"] = context_ref
    doc = {"@context": doc.pop("@context"), **doc}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _written(rows: list, fmt) -> str:
    """Rows (sorted by the caller) written by Oxigraph under our prefixes, the prefix lines sorted:
    the same graph gives the same bytes. (rdflib's Turtle and TriG writers take three times as long,
    and its TriG writer orders graphs by a hash-ordered set.)"""
    lines = ox.serialize(rows, format=fmt.oxigraph, prefixes=PREFIXES).decode("utf-8").split("\n")
    head = sorted(line for line in lines if line.startswith("@prefix "))
    body = [line for line in lines if not line.startswith("@prefix ")]
    return "\n".join(head) + "\n\n" + "\n".join(body).strip("\n") + "\n"


def derived_triples(triples) -> list[ox.Triple]:
    """graph:derivations as it is written (to graph.trig and derivations.ttl): sorted, no repeats."""
    return sorted(set(_ox_triples(triples)), key=str)


def _ox_triples(triples) -> list[ox.Triple]:
    """rdflib triples as Oxigraph's, each distinct term converted once (derivations repeat terms a lot)."""
    cache: dict = {}

    def term(x):
        got = cache.get(x)
        if got is None:
            got = cache[x] = to_oxigraph(x)
        return got

    return [ox.Triple(term(s), term(p), term(o)) for s, p, o in triples]


def to_turtle(graph: Graph) -> str:
    """Turtle of ``graph``, its triples in sorted order (subjects together), deterministically."""
    rows = sorted((ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in graph), key=str)
    return _written(rows, TURTLE)


def to_trig(ds: Dataset, extra: dict | None = None) -> str:
    """TriG with the graphs in a fixed order (default graph first, then by IRI), each graph's
    triples sorted, deterministically; ``extra``: more named graphs (IRI -> Oxigraph triples)."""
    default_id = ds.default_graph.identifier
    rows = []
    for s, p, o, c in ds.quads((None, None, None, None)):
        graph = ox.DefaultGraph() if c == default_id else to_oxigraph(c)
        rows.append(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph))
    for name, triples in (extra or {}).items():
        graph = to_oxigraph(name)
        rows += (ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
    rows.sort(key=lambda q: ("" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name), str(q.triple)))
    return _written(rows, TRIG)


def serialize(graph: Graph | Dataset, fmt: str, derivations: list[tuple] = ()) -> str:
    """One graph (or dataset, for TriG, with ``derivations`` as graph:derivations) in one format,
    deterministically."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "nt":
        return to_ntriples(graph)
    if fmt == "json-ld":
        return to_jsonld(graph, context_ref=None)
    if fmt == "trig":
        if not isinstance(graph, Dataset):
            raise UsageError("TriG needs the dataset with its named graphs")
        return to_trig(graph, {DERIVATIONS_GRAPH: derived_triples(derivations)})
    if fmt == "turtle":
        return to_turtle(graph)  # the same bytes as dist/graph.ttl
    return graph.serialize(format=fmt)


def void_description(data: CheckedData, ds: Dataset, asserted: Graph, inferred: Graph, files: list[str]) -> Graph:
    """VoID + DCAT description of the dataset and its dumps."""
    meta = data.dataset
    g = bind_prefixes(Graph())
    d = DATASET_IRI
    g.add((d, RDF.type, VOID.Dataset))
    g.add((d, RDF.type, DCAT.Dataset))
    g.add((d, DCTERMS.title, Literal(meta["title"], lang="en")))
    if meta.get("description"):
        g.add((d, DCTERMS.description, Literal(" ".join(str(meta["description"]).split()), lang="en")))
    g.add((d, DCTERMS.license, URIRef(meta["license"])))
    g.add((d, DCTERMS.modified, Literal(str(meta["modified"]), datatype=XSD.date)))
    g.add((d, OWL.versionInfo, Literal(str(meta["version"]))))
    if meta.get("homepage"):
        g.add((d, FOAF.homepage, URIRef(meta["homepage"])))
    for article in sorted(data.articles):
        g.add((d, DCTERMS.source, ID[article]))
    g.add((d, VOID.uriSpace, Literal(str(ID))))
    g.add((d, VOID.sparqlEndpoint, URIRef(BASE + "sparql")))  # where `kg serve` answers, under the base
    g.add((d, VOID.exampleResource, ID["day-of-solidarity-of-world-azerbaijanis"]))
    for vocab in (AZD, SCHEMA, ELI, ORG, PROV, SKOS):
        g.add((d, VOID.vocabulary, URIRef(str(vocab))))
    g.add((d, VOID.triples, Literal(len(asserted))))
    entities = {s for s in asserted.subjects() if isinstance(s, URIRef) and str(s).startswith(str(ID))}
    g.add((d, VOID.entities, Literal(len(entities))))
    g.add((d, VOID.properties, Literal(len(set(asserted.predicates())))))

    classes = Counter(o for s, o in asserted.subject_objects(RDF.type) if s in entities)
    for cls, n in sorted(classes.items()):
        part = URIRef(f"{d}/class/{str(cls).rsplit('#', 1)[-1]}")
        g.add((d, VOID.classPartition, part))
        g.add((part, VOID["class"], cls))
        g.add((part, VOID.entities, Literal(n)))

    inferred_subset = URIRef(f"{d}/inferred")
    g.add((d, VOID.subset, inferred_subset))
    g.add((inferred_subset, RDF.type, VOID.Dataset))
    g.add((inferred_subset, DCTERMS.title, Literal("Asserted facts plus OWL 2 RL inferences", lang="en")))
    g.add((inferred_subset, VOID.triples, Literal(len(inferred))))
    g.add((inferred_subset, VOID.dataDump, URIRef(DUMPS_BASE + "graph-inferred.ttl")))
    if "derivations.ttl" in files:
        why = URIRef(f"{d}/derivations")
        g.add((inferred_subset, VOID.subset, why))
        g.add((why, RDF.type, VOID.Dataset))
        g.add((why, DCTERMS.title, Literal("How each inferred triple was derived: its OWL 2 RL rule and premises", lang="en")))
        g.add((why, RDFS.seeAlso, DERIVATIONS_GRAPH))
        g.add((why, VOID.dataDump, URIRef(DUMPS_BASE + "derivations.ttl")))

    for ctx in sorted(ds.graphs(), key=lambda c: str(c.identifier)):
        if not isinstance(ctx.identifier, URIRef) or len(ctx) == 0 or ctx.identifier == ds.default_graph.identifier:
            continue
        sub = URIRef(f"{d}/graph/{str(ctx.identifier).rsplit('/', 1)[-1]}")
        g.add((d, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, RDFS.seeAlso, ctx.identifier))
        g.add((sub, VOID.triples, Literal(len(ctx))))

    for name in sorted(files):
        url = URIRef(DUMPS_BASE + name)
        dist = URIRef(f"{d}/distribution/{name}")
        if name not in ("context.jsonld", "void.ttl", "ontology.ttl", "external.ttl", "html/index.html", "derivations.ttl"):
            g.add((d, VOID.dataDump, url))
        g.add((d, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.mediaType, Literal(by_extension(Path(name).suffix[1:]).media_type)))
        g.add((dist, DCTERMS.title, Literal(name)))
    return g



def render_dist(data: CheckedData, ds: Dataset, ontology: Graph, asserted: Graph, inferred: Graph,
                derivation_triples: list[tuple] = (), derivations: dict | None = None) -> dict[str, str]:
    """Every file of dist/, as text, keyed by path relative to dist/."""
    derived = derived_triples(derivation_triples)
    files = {
        "ontology.ttl": ontology.serialize(format="turtle"),
        "graph.ttl": to_turtle(asserted),
        "graph-inferred.ttl": to_turtle(inferred),
        "graph.nt": to_ntriples(asserted),
        "graph.trig": to_trig(ds, {DERIVATIONS_GRAPH: derived}),
        "graph.jsonld": to_jsonld(asserted),
        "context.jsonld": json.dumps(context(), indent=2, ensure_ascii=False) + "\n",
    }
    external = external_graph(ds)
    if len(external):
        files["external.ttl"] = external.serialize(format="turtle")
    if derived:
        files["derivations.ttl"] = _written(derived, TURTLE)
    dumps = list(files) + ["void.ttl", "html/index.html"]
    files.update(render_pages(inferred, str(data.dataset["title"]), derivations))
    files["void.ttl"] = void_description(data, ds, asserted, inferred, dumps).serialize(format="turtle")
    return files


def write_dist(files: dict[str, str], out_dir: Path) -> None:
    """Write the files of dist/ into a fresh folder beside ``out_dir`` and swap it in whole."""
    write_folder(files, out_dir, "the build output")
