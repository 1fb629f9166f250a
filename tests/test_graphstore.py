"""Scaling out: `kg load --endpoint` pushes the built graphs to a real Oxigraph server with the
Graph Store Protocol, replacing our graphs and nothing else, and `kg query --endpoint` runs every
named query there with every parameter, answering as the local graph does."""

from __future__ import annotations

import httpx
import pytest
from rdflib import Dataset, URIRef
from results import PARAM_VALUES, local_rows, remote_rows
from servers import AuthProxy, Misbehaving, oxigraph_writable

from kg.cli import main
from kg.errors import EXIT_OK, EXIT_REMOTE, EXIT_USAGE
from kg.link.publish import graph_url, push
from kg.query.named import list_queries

pytestmark = pytest.mark.enable_socket

FOREIGN = "urn:someone-else"
FOREIGN_TRIPLE = "<urn:s> <urn:p> \"kept\" .\n"

def _seed_foreign(base: str) -> None:
    """Another user's graph in the store, and a triple in a graph of ours that must be replaced."""
    for graph, body in ((FOREIGN, FOREIGN_TRIPLE),
                        ("https://w3id.org/azdiaspora/graph/ontology", "<urn:stale> <urn:p> \"old\" .\n")):
        r = httpx.put(f"{base}/store", params={"graph": graph}, content=body.encode(),
                      headers={"Content-Type": "application/n-triples"})
        assert r.status_code in (200, 201, 204)


def _ask(base: str, query: str) -> bool:
    r = httpx.post(f"{base}/query", data={"query": query}, headers={"Accept": "application/sparql-results+json"})
    return r.json()["boolean"]


@pytest.fixture(scope="module")
def remote(dist):
    with oxigraph_writable() as base:
        _seed_foreign(base)
        pushed = push(dist, base + "/store")
        yield base, pushed


def test_push_keeps_the_named_graphs(remote, dist):
    base, pushed = remote
    trig = Dataset().parse(dist / "graph.trig", format="trig")
    expected = {str(g.identifier): len(g) for g in trig.graphs() if isinstance(g.identifier, URIRef) and len(g)
                and g.identifier != trig.default_graph.identifier}
    assert {p.graph: p.triples for p in pushed if p.graph != "default"} == expected
    assert all(p.status in (200, 201, 204) for p in pushed)


def test_push_leaves_other_graphs_alone_and_replaces_ours(remote):
    base, _ = remote
    assert _ask(base, f'ASK {{ GRAPH <{FOREIGN}> {{ <urn:s> <urn:p> "kept" }} }}'), "another user's graph was lost"
    assert not _ask(base, "ASK { GRAPH ?g { <urn:stale> ?p ?o } }"), "a graph of ours was added to, not replaced"


def test_graph_urls_keep_the_endpoints_own_parameters():
    assert graph_url("http://h/store", None) == "http://h/store?default"
    assert graph_url("http://h/ds/data?access-token=abc", None) == "http://h/ds/data?access-token=abc&default"
    assert graph_url("http://h/x?access-token=abc", "https://w3id.org/g#1") == \
        "http://h/x?access-token=abc&graph=https%3A%2F%2Fw3id.org%2Fg%231"


def test_the_store_sees_every_request_with_its_parameters(dist):
    with Misbehaving("ok") as store:
        push(dist, store.endpoint + "?access-token=abc")
    puts = [r["path"] for r in store.requests if r["method"] == "PUT"]
    assert puts and all("access-token=abc" in p and ("&default" in p or "&graph=" in p) for p in puts)


def test_into_a_named_graph_leaves_the_default_graph_alone(dist, layout, inferred_graph, capsys):
    ours = "https://example.org/azdiaspora-reasoned"
    with oxigraph_writable() as base:
        httpx.put(f"{base}/store?default", content=FOREIGN_TRIPLE.encode(), headers={"Content-Type": "application/n-triples"})
        assert main(["--root", str(layout.root), "load", "--dist", str(dist), "--endpoint", base + "/store",
                     "--default-graph", ours]) == EXIT_OK
        assert f"PUT {ours}:" in capsys.readouterr().out
        assert _ask(base, 'ASK { <urn:s> <urn:p> "kept" }'), "the store's default graph was replaced"
        # queried with that graph as the default graph, the answers are those of the local graph
        remote_rows = _remote(layout, base, "organisations", {}, capsys, "--default-graph", ours)
        assert remote_rows == _local(inferred_graph, layout, "organisations")
    assert main(["--root", str(layout.root), "load", "--dist", str(dist), "--endpoint", "http://127.0.0.1:9/store",
                 "--default-graph", "https://w3id.org/azdiaspora/graph/ontology"]) == EXIT_USAGE


def _local(inferred_graph, layout, name, params=None):
    return local_rows(inferred_graph, layout, name, params)


def _remote(layout, base, name, params, capsys, *extra):
    return remote_rows(layout, base + "/query", name, params, capsys, *extra)


def test_named_queries_answer_the_same_remotely(remote, inferred_graph, layout, capsys):
    base, _ = remote
    for q in list_queries(layout.queries):
        if not q.name.startswith("federated/"):
            assert _remote(layout, base, q.name, {}, capsys) == _local(inferred_graph, layout, q.name), q.name


def test_every_parameter_is_tried():
    import pathlib

    queries = pathlib.Path(__file__).resolve().parent.parent / "queries"
    from kg.query.named import list_queries as named

    declared = {(q.name, p.name) for q in named(queries) if not q.name.startswith("federated/") for p in q.params}
    assert declared == set(PARAM_VALUES)


@pytest.mark.parametrize(("name", "param"), sorted(PARAM_VALUES), ids=lambda v: str(v))
def test_every_parameter_answers_the_same_remotely(remote, inferred_graph, layout, capsys, name, param):
    base, _ = remote
    answers = []
    for value in PARAM_VALUES[name, param]:
        local = _local(inferred_graph, layout, name, {param: value})
        assert _remote(layout, base, name, {param: value}, capsys) == local, f"{name} {param}={value}"
        answers.append(local)
    assert any(answers) and len({tuple(a) for a in answers}) > 1, f"the values of {name} {param} do not tell it apart"


def test_cli_load_reports_each_graph(dist, layout, capsys):
    with oxigraph_writable() as base:
        assert main(["--root", str(layout.root), "load", "--dist", str(dist), "--endpoint", base + "/store"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "PUT default:" in out and "PUT https://w3id.org/azdiaspora/graph/ontology:" in out


def test_a_store_that_refuses_is_a_remote_error(dist, layout, capsys):
    with Misbehaving("500") as bad:
        assert main(["--root", str(layout.root), "load", "--dist", str(dist), "--endpoint", bad.endpoint]) == EXIT_REMOTE
    assert "HTTP 500" in capsys.readouterr().err


def test_an_html_page_is_not_taken_for_success(dist, layout, capsys):
    with Misbehaving("html") as page:
        assert main(["--root", str(layout.root), "load", "--dist", str(dist), "--endpoint", page.endpoint]) == EXIT_REMOTE
    assert "HTML page" in capsys.readouterr().err


def test_credentials_for_load_and_query(dist, layout, inferred_graph, capsys, monkeypatch):
    with oxigraph_writable() as base, AuthProxy(base, "curator", "s3cret-pw") as proxy:
        root = ["--root", str(layout.root)]
        monkeypatch.delenv("KG_STORE_PASSWORD", raising=False)
        assert main([*root, "query", "organisations", "--endpoint", proxy.base + "/query"]) == EXIT_REMOTE
        assert "401" in capsys.readouterr().err
        monkeypatch.setenv("KG_STORE_PASSWORD", "s3cret-pw")
        assert main([*root, "load", "--dist", str(dist), "--endpoint", proxy.base + "/store", "--user", "curator"]) == EXIT_OK
        capsys.readouterr()
        got = _remote(layout, proxy.base, "events-in-place", {"place": "baku"}, capsys, "--user", "curator")
        assert got == _local(inferred_graph, layout, "events-in-place", {"place": "baku"})
        # a password in the URL works, and is never printed back, not even when it is wrong
        monkeypatch.delenv("KG_STORE_PASSWORD")
        assert main([*root, "query", "organisations", "--endpoint",
                     proxy.base.replace("//", "//curator:s3cret-pw@") + "/query"]) == EXIT_OK
        capsys.readouterr()
        for command in (["query", "organisations"], ["load", "--dist", str(dist)]):
            path = "/query" if command[0] == "query" else "/store"
            assert main([*root, *command, "--endpoint", proxy.base.replace("//", "//curator:wrong-pw@") + path]) == EXIT_REMOTE
            err = capsys.readouterr().err
            assert "401" in err and "wrong-pw" not in err, err
    assert any(s["authorized"] for s in proxy.seen) and any(not s["authorized"] for s in proxy.seen)


def test_the_servers_words_are_passed_on(layout, tmp_path, capsys):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT * WHERE { ?s ?p }\n", encoding="utf-8")
    with oxigraph_writable() as base:
        assert main(["--root", str(layout.root), "query", str(bad), "--endpoint", base + "/query"]) == EXIT_REMOTE
    err = capsys.readouterr().err
    assert "HTTP 400" in err and "error at " in err, err  # Oxigraph's own parser message


def test_cli_load_fills_the_embedded_store_once(dist, layout, tmp_path, capsys):
    args = ["--root", str(layout.root), "load", "--dist", str(dist), "--store", str(tmp_path / "s")]
    assert main(args) == EXIT_OK
    assert main(args) == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("loaded:") and out[1].startswith("unchanged:")


def test_remote_options_without_an_endpoint_are_a_usage_error(layout, capsys):
    from kg.errors import EXIT_USAGE

    assert main(["--root", str(layout.root), "query", "organisations", "--user", "curator"]) == EXIT_USAGE
    assert main(["--root", str(layout.root), "load", "--default-graph", "https://example.org/g"]) == EXIT_USAGE
    assert "give --endpoint" in capsys.readouterr().err
