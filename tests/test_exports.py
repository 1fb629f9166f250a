"""dist/: every file, read back to the same graph, deterministic, golden files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, VOID

from kg.rdf.namespaces import DERIVATIONS_GRAPH, GRAPH, ID, INFERRED_GRAPH, LINKS_GRAPH, ONTOLOGY_GRAPH, PROV

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
FILES = ["ontology.ttl", "graph.ttl", "graph-inferred.ttl", "graph.jsonld", "context.jsonld", "graph.nt", "graph.trig", "void.ttl",
         "derivations.ttl"]


def test_dist_has_every_file(dist):
    assert sorted(p.name for p in dist.iterdir()) == sorted(FILES + ["html"])
    pages = sorted(p.name for p in (dist / "html" / "id").iterdir())
    assert len(pages) == 234 and "baku.html" in pages and "fifth-congress-of-world-azerbaijanis.html" in pages and (dist / "html" / "index.html").is_file()


@pytest.fixture(scope="module")
def turtle(dist) -> Graph:
    return Graph().parse(dist / "graph.ttl")


def test_ntriples_reads_back_to_the_turtle(dist, turtle):
    assert isomorphic(Graph().parse(dist / "graph.nt", format="nt"), turtle)


def test_jsonld_reads_back_to_the_turtle_without_network(dist, turtle):
    doc = json.loads((dist / "graph.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == "context.jsonld"
    doc["@context"] = json.loads((dist / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    g = Graph().parse(data=json.dumps(doc), format="json-ld")
    assert isomorphic(g, turtle)


def test_trig_reads_back_to_the_turtle_and_has_one_graph_per_article(dist, turtle, trig):
    ds = trig
    union, inferred = Graph(), Graph()
    for s, p, o, c in ds.quads((None, None, None, None)):
        if c != DERIVATIONS_GRAPH:  # how inferences were made: neither stated nor inferred facts
            (inferred if c == INFERRED_GRAPH else union).add((s, p, o))
    assert isomorphic(union, turtle)
    # the inferred graph holds what reasoning added, and only that: nothing inferred reads as stated
    closure = Graph().parse(dist / "graph-inferred.ttl")
    assert len(inferred) > 0 and not [t for t in inferred if t in turtle]
    assert isomorphic(closure, union + inferred)
    names = {g.identifier for g in ds.graphs() if len(g)}
    articles = {GRAPH["article-2025-12-24-lets-be-one"], GRAPH["article-2025-12-31-day-of-solidarity"]}
    assert articles | {ONTOLOGY_GRAPH, LINKS_GRAPH} <= names
    for a in articles:
        article = ID[str(a).rsplit("/", 1)[-1]]
        assert (a, PROV.wasDerivedFrom, article) in ds.default_graph
        g = ds.graph(a)
        assert (article, RDF.type, URIRef("https://w3id.org/azdiaspora/ontology#NewsArticle")) in g


def test_facts_sit_in_the_graph_of_the_article_that_states_them(dist, trig):
    ds = trig
    congress = ID["first-congress-of-world-azerbaijanis"]
    assert any(ds.graph(GRAPH["article-2025-12-31-day-of-solidarity"]).triples((congress, None, None)))
    assert not any(ds.graph(GRAPH["article-2025-12-24-lets-be-one"]).triples((congress, None, None)))


def test_inferred_contains_asserted(dist, turtle):
    inferred = Graph().parse(dist / "graph-inferred.ttl")
    assert len(inferred) > len(turtle)
    ground = [t for t in turtle if not any(isinstance(x, BNode) for x in t)]  # blank nodes differ per parse
    assert ground and not [t for t in ground if t not in inferred]


def test_void_counts_and_dumps(dist, turtle):
    void = Graph().parse(dist / "void.ttl")
    d = URIRef("https://w3id.org/azdiaspora/dataset")
    assert void.value(d, VOID.triples) == Literal(len(turtle))
    dumps = {str(o).rsplit("/", 1)[-1] for o in void.objects(d, VOID.dataDump)}
    assert dumps == {"graph.ttl", "graph.nt", "graph.jsonld", "graph.trig", "graph-inferred.ttl"}
    assert str(void.value(d, DCTERMS.modified)) == "2026-11-24"


def _build(out: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, str(ROOT / "build_graph.py"), "--out", str(out)], check=True, env=env,
                   capture_output=True, cwd=ROOT)


def test_rebuild_is_byte_identical(tmp_path, dist):
    other = tmp_path / "again"
    _build(other, "12345")
    names = sorted(str(p.relative_to(dist)) for p in dist.rglob("*") if p.is_file())
    assert names == sorted(str(p.relative_to(other)) for p in other.rglob("*") if p.is_file())
    for name in names:
        assert (other / name).read_bytes() == (dist / name).read_bytes(), f"{name} differs between builds"


@pytest.mark.parametrize("name", ["graph.ttl", "void.ttl"])
def test_golden_files(dist, name):
    """Compared as graphs. After a deliberate data change: UPDATE_GOLDEN=1 make test, and review the diff."""
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes((dist / name).read_bytes())
    assert isomorphic(Graph().parse(dist / name), Graph().parse(golden)), f"{name} differs from tests/golden/{name}"


def test_jsonld_file_parses_as_published_without_network(dist, turtle):
    """A user parsing dist/graph.jsonld as is: the context is the local file beside it."""
    g = Graph().parse(dist / "graph.jsonld", format="json-ld")
    assert isomorphic(g, turtle)


def test_a_field_sits_only_in_the_graphs_of_the_articles_that_state_it(dist, trig):
    from kg.rdf.namespaces import AZD

    ds = trig
    a = ds.graph(GRAPH["article-2025-12-24-lets-be-one"])
    b = ds.graph(GRAPH["article-2025-12-31-day-of-solidarity"])
    day = ID["day-of-solidarity-of-world-azerbaijanis"]
    assert (day, AZD.firstProposedAt, None) in b and (day, AZD.firstProposedAt, None) not in a
    assert (day, AZD.dayOfYear, None) in a and (day, AZD.dayOfYear, None) in b
    assert (day, AZD.schedule, None) not in a
    assert (day, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), None) in a  # what it is called: both
    president = ID["president-of-azerbaijan"]
    assert (president, AZD.postIn, None) in b and (president, AZD.postIn, None) not in a
