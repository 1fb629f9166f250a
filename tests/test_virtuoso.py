"""Virtuoso, tried as its users run it: Debian's virtuoso-opensource (installed by `make test`)
started on loopback with a fresh database. `kg load` pushes through its Graph Store endpoint
(/sparql-graph-crud-auth, digest authentication), the reasoned graph into a named graph of ours
(Virtuoso has no default graph to PUT), and replaces our graphs only; `kg query` runs every named
query, and every parameter, with that graph as the default graph, and answers as the local graph
does, but for one documented difference of Virtuoso's: it keeps an xsd:duration as a number of
months (P1Y comes back as 12)."""

from __future__ import annotations

import httpx
import pytest
from results import PARAM_VALUES, local_rows, remote_rows
from servers import virtuoso_server

from kg.cli import main
from kg.errors import EXIT_OK, EXIT_REMOTE

pytestmark = pytest.mark.enable_socket

OURS = "https://w3id.org/azdiaspora/graph/reasoned"
FOREIGN = "urn:someone-else"
DBA = ("dba", "dba")  # a fresh Virtuoso database's administrator
#: Virtuoso's one difference: the value it gives back for "P1Y"^^xsd:duration (12 months)
DURATION = {"P1Y": "12"}


def _select(base: str, query: str, graph: str | None = None) -> list[dict]:
    data = {"query": query, **({"default-graph-uri": graph} if graph else {})}
    r = httpx.post(base + "/sparql", data=data, headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()["results"]["bindings"]


@pytest.fixture(scope="module")
def virtuoso(dist, layout):
    with virtuoso_server() as base:
        gsp = base + "/sparql-graph-crud-auth"
        auth = httpx.DigestAuth(*DBA)
        for graph, body in ((FOREIGN, '<urn:s> <urn:p> "kept" .\n'),
                            ("https://w3id.org/azdiaspora/graph/ontology", '<urn:stale> <urn:p> "old" .\n')):
            r = httpx.put(gsp, params={"graph": graph}, content=body.encode(), auth=auth,
                          headers={"Content-Type": "application/n-triples"}, timeout=30)
            assert r.status_code in (200, 201, 204), r.text
        yield base


@pytest.fixture(scope="module")
def loaded(virtuoso, dist, layout):
    import os

    os.environ["KG_STORE_PASSWORD"] = DBA[1]
    try:
        code = main(["--root", str(layout.root), "load", "--dist", str(dist), "--endpoint",
                     virtuoso + "/sparql-graph-crud-auth", "--user", DBA[0], "--auth", "digest", "--default-graph", OURS])
    finally:
        del os.environ["KG_STORE_PASSWORD"]
    assert code == EXIT_OK
    return virtuoso


def test_load_replaces_our_graphs_and_nothing_else(loaded, dist):
    assert _select(loaded, f'SELECT * WHERE {{ GRAPH <{FOREIGN}> {{ <urn:s> <urn:p> "kept" }} }}'), "another user's graph was lost"
    assert not _select(loaded, "SELECT * WHERE { GRAPH ?g { <urn:stale> ?p ?o } }"), "a graph of ours was added to"
    import pyoxigraph as ox

    n = _select(loaded, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{OURS}> {{ ?s ?p ?o }} }}")[0]["n"]["value"]
    assert int(n) == sum(1 for _ in ox.parse(path=str(dist / "graph-inferred.ttl"), format=ox.RdfFormat.TURTLE))


def _virtuoso_says(rows: list[tuple]) -> list[tuple]:
    """Local rows as Virtuoso gives them back: durations as months (its one known difference)."""
    return sorted(tuple(DURATION.get(v, v) for v in row) for row in rows)


def test_named_queries_answer_as_locally(loaded, inferred_graph, layout, capsys):
    from kg.query.named import list_queries

    differ = []
    for q in list_queries(layout.queries):
        if q.name.startswith("federated/"):
            continue
        local = local_rows(inferred_graph, layout, q.name)
        remote = remote_rows(layout, loaded + "/sparql", q.name, {}, capsys, "--default-graph", OURS)
        if remote != local:
            differ.append(q.name)
            assert remote == _virtuoso_says(local), q.name
    assert differ == ["solidarity-day"]  # the query that shows the Day's yearly recurrence, P1Y


@pytest.mark.parametrize(("name", "param"), sorted(PARAM_VALUES), ids=lambda v: str(v))
def test_every_parameter_answers_as_locally(loaded, inferred_graph, layout, capsys, name, param):
    for value in PARAM_VALUES[name, param]:
        local = local_rows(inferred_graph, layout, name, {param: value})
        remote = remote_rows(layout, loaded + "/sparql", name, {param: value}, capsys, "--default-graph", OURS)
        assert remote == _virtuoso_says(local), f"{name} {param}={value}"


def test_without_a_default_graph_virtuoso_says_why(virtuoso, dist, layout, capsys, monkeypatch):
    monkeypatch.setenv("KG_STORE_PASSWORD", DBA[1])
    assert main(["--root", str(layout.root), "load", "--dist", str(dist), "--endpoint",
                 virtuoso + "/sparql-graph-crud-auth", "--user", DBA[0], "--auth", "digest"]) == EXIT_REMOTE
    err = capsys.readouterr().err
    assert "HTTP 500" in err and "not configured to have default graph" in err, err  # Virtuoso's own words


def test_wrong_password_is_refused_and_never_shown(virtuoso, dist, layout, capsys, monkeypatch):
    monkeypatch.setenv("KG_STORE_PASSWORD", "not-the-password")
    assert main(["--root", str(layout.root), "load", "--dist", str(dist), "--endpoint",
                 virtuoso + "/sparql-graph-crud-auth", "--user", DBA[0], "--auth", "digest", "--default-graph", OURS]) \
        == EXIT_REMOTE
    err = capsys.readouterr().err
    assert "refused the user and password" in err and "not-the-password" not in err, err
