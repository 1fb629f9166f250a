"""Scaling out: `kg load --endpoint` pushes the built graphs to a real Oxigraph server with the
Graph Store Protocol, and `kg query --endpoint` runs the named queries there (SPARQLWrapper)."""

from __future__ import annotations

import json

import pytest
from rdflib import Dataset, URIRef

from kg.cli import main
from kg.errors import EXIT_OK, EXIT_REMOTE
from kg.graphstore import push
from kg.query import list_queries, run_query
from results import comparable_rows
from servers import Misbehaving, oxigraph_writable

pytestmark = pytest.mark.enable_socket


@pytest.fixture(scope="module")
def remote(dist):
    with oxigraph_writable() as base:
        pushed = push(dist, base + "/store")
        yield base, pushed


def test_push_keeps_the_named_graphs(remote, dist):
    base, pushed = remote
    trig = Dataset().parse(dist / "graph.trig", format="trig")
    expected = {str(g.identifier): len(g) for g in trig.graphs() if isinstance(g.identifier, URIRef) and len(g)
                and g.identifier != trig.default_graph.identifier}
    assert {p.graph: p.triples for p in pushed if p.graph != "default"} == expected
    assert all(p.status in (200, 201, 204) for p in pushed)


def _rows(text: str) -> list[tuple]:
    return comparable_rows(json.loads(text))


def test_named_queries_answer_the_same_remotely(remote, inferred_graph, layout, capsys):
    base, _ = remote
    for q in list_queries(layout.queries):
        if q.name.startswith("federated/"):
            continue
        assert main(["--root", str(layout.root), "query", q.name, "--endpoint", base + "/query", "-f", "json"]) == EXIT_OK
        remote_rows = _rows(capsys.readouterr().out)
        local_rows = _rows(run_query(inferred_graph, q).serialize(format="json").decode())
        assert remote_rows == local_rows, q.name


def test_parameters_travel_as_values(remote, inferred_graph, layout, capsys):
    base, _ = remote
    assert main(["--root", str(layout.root), "query", "events-in-place", "-p", "place=baku", "--endpoint", base + "/query",
                 "-f", "json"]) == EXIT_OK
    remote_rows = _rows(capsys.readouterr().out)
    q = next(q for q in list_queries(layout.queries) if q.name == "events-in-place")
    local_rows = _rows(run_query(inferred_graph, q, {"place": "baku"}).serialize(format="json").decode())
    assert remote_rows == local_rows and len(local_rows) >= 3


def test_cli_load_reports_each_graph(dist, layout, capsys):
    with oxigraph_writable() as base:
        assert main(["--root", str(layout.root), "load", "--dist", str(dist), "--endpoint", base + "/store"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "PUT default:" in out and "PUT https://w3id.org/azdiaspora/graph/ontology:" in out


def test_a_store_that_refuses_is_a_remote_error(dist, layout, capsys):
    with Misbehaving("500") as bad:
        assert main(["--root", str(layout.root), "load", "--dist", str(dist), "--endpoint", bad.endpoint]) == EXIT_REMOTE
    assert "HTTP 500" in capsys.readouterr().err


def test_cli_load_fills_the_embedded_store_once(dist, layout, tmp_path, capsys):
    args = ["--root", str(layout.root), "load", "--dist", str(dist), "--store", str(tmp_path / "s")]
    assert main(args) == EXIT_OK
    assert main(args) == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("loaded:") and out[1].startswith("unchanged:")
