"""Virtuoso, tried as its users run it: Debian's virtuoso-opensource (installed by `make test`)
started on loopback with a fresh database. `kg load` pushes through its Graph Store endpoint
(/sparql-graph-crud-auth, digest authentication), the reasoned graph into a named graph of ours
(Virtuoso has no default graph to PUT), and replaces our graphs only; `kg query` runs every named
query, and every parameter, with that graph as the default graph, and answers as the local graph
does, but for one documented difference of Virtuoso's: it keeps an xsd:duration as a number of
months (P1Y comes back as 12).

Debian's Virtuoso 7.2.5 has been seen to die, rarely, on a query it answers on every other run
(a crash of its own: the process gone). Such a death is told apart from a wrong or refused answer,
Virtuoso's last words are kept, and the query is asked once more of a fresh, reloaded server; the
run's summary then says so. A second death, or an answer that differs, fails."""

from __future__ import annotations

import warnings

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


def _prepare(server, dist, layout) -> None:
    """Another user's graph and a stale graph of ours, then (with ``dist``) `kg load` as a user runs it."""
    gsp = server.base + "/sparql-graph-crud-auth"
    auth = httpx.DigestAuth(*DBA)
    for graph, body in ((FOREIGN, '<urn:s> <urn:p> "kept" .\n'),
                        ("https://w3id.org/azdiaspora/graph/ontology", '<urn:stale> <urn:p> "old" .\n')):
        r = httpx.put(gsp, params={"graph": graph}, content=body.encode(), auth=auth,
                      headers={"Content-Type": "application/n-triples"}, timeout=30)
        assert r.status_code in (200, 201, 204), r.text
    if dist is None:
        return
    import os

    os.environ["KG_STORE_PASSWORD"] = DBA[1]
    try:
        code = main(["--root", str(layout.root), "load", "--dist", str(dist), "--endpoint", gsp,
                     "--user", DBA[0], "--auth", "digest", "--default-graph", OURS])
    finally:
        del os.environ["KG_STORE_PASSWORD"]
    assert code == EXIT_OK


@pytest.fixture(scope="module")
def server():
    with virtuoso_server() as running:
        yield running
    if running.crashes:  # said in the run's summary, with Virtuoso's last words
        warnings.warn(f"Virtuoso died {len(running.crashes)} time(s) and was restarted: " + "\n".join(running.crashes),
                      stacklevel=1)


@pytest.fixture(scope="module")
def virtuoso(server, layout):
    _prepare(server, None, layout)
    return server.base


@pytest.fixture(scope="module")
def loaded(server, virtuoso, dist, layout):
    _prepare(server, dist, layout)
    return server


def _remote_rows(server, dist, layout, name: str, params: dict, capsys) -> list[tuple]:
    """`remote_rows` on the loaded Virtuoso. If Virtuoso itself died on the query (its process
    gone: a crash of its own, not an answer), its last words are kept and the query is asked once
    more of a fresh, reloaded server; a second death, or any answer that differs, fails the test."""
    def ask() -> list[tuple]:
        return remote_rows(layout, server.base + "/sparql", name, params, capsys, "--default-graph", OURS)

    try:
        return ask()
    except AssertionError:
        if not server.dead:
            raise
    server.restart()
    _prepare(server, dist, layout)
    capsys.readouterr()  # what the reload printed
    return ask()


def test_load_replaces_our_graphs_and_nothing_else(loaded, dist):
    loaded = loaded.base
    assert _select(loaded, f'SELECT * WHERE {{ GRAPH <{FOREIGN}> {{ <urn:s> <urn:p> "kept" }} }}'), "another user's graph was lost"
    assert not _select(loaded, "SELECT * WHERE { GRAPH ?g { <urn:stale> ?p ?o } }"), "a graph of ours was added to"
    import pyoxigraph as ox

    n = _select(loaded, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{OURS}> {{ ?s ?p ?o }} }}")[0]["n"]["value"]
    assert int(n) == sum(1 for _ in ox.parse(path=str(dist / "graph-inferred.ttl"), format=ox.RdfFormat.TURTLE))


def _virtuoso_says(rows: list[tuple]) -> list[tuple]:
    """Local rows as Virtuoso gives them back: durations as months (its one known difference)."""
    return sorted(tuple(DURATION.get(v, v) for v in row) for row in rows)


def test_named_queries_answer_as_locally(loaded, inferred_graph, dist, layout, capsys):
    from kg.query.named import list_queries

    differ = []
    for q in list_queries(layout.queries):
        if q.name.startswith("federated/"):
            continue
        local = local_rows(inferred_graph, layout, q.name)
        remote = _remote_rows(loaded, dist, layout, q.name, {}, capsys)
        if remote != local:
            differ.append(q.name)
            assert remote == _virtuoso_says(local), q.name
    assert differ == ["solidarity-day"]  # the query that shows the Day's yearly recurrence, P1Y


@pytest.mark.parametrize(("name", "param"), sorted(PARAM_VALUES), ids=lambda v: str(v))
def test_every_parameter_answers_as_locally(loaded, inferred_graph, dist, layout, capsys, name, param):
    for value in PARAM_VALUES[name, param]:
        local = local_rows(inferred_graph, layout, name, {param: value})
        remote = _remote_rows(loaded, dist, layout, name, {param: value}, capsys)
        assert remote == _virtuoso_says(local), f"{name} {param}={value}"


def test_a_dead_virtuoso_is_told_apart_from_a_wrong_answer(loaded, inferred_graph, dist, layout, capsys):
    # an answer refused by a live server is not retried: the test fails on it
    with pytest.raises(AssertionError, match="date"):
        _remote_rows(loaded, dist, layout, "as-of", {"date": "not-a-date"}, capsys)
    assert not loaded.crashes
    # a server that died is restarted on the same ports, reloaded, and asked again
    loaded.proc.kill()
    local = local_rows(inferred_graph, layout, "as-of", {"date": "2019-06-30"})
    assert _remote_rows(loaded, dist, layout, "as-of", {"date": "2019-06-30"}, capsys) == local
    assert len(loaded.crashes) == 1 and "exit code -9" in loaded.crashes[0]
    assert "Server online" in loaded.crashes[0]  # Virtuoso's own log came with it
    loaded.crashes.clear()  # this death was the test's own doing, not Virtuoso's


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
