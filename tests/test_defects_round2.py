"""Defects of the second round of hostile input (issue 23), each reproduced on a real server on
127.0.0.1 (or the command it was found with) and answered cleanly."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest
from servers import kg_server

pytestmark = [pytest.mark.enable_socket, pytest.mark.slow]
GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def site(dist, tmp_path_factory):
    with kg_server(dist, tmp_path_factory.mktemp("store") / "s") as base:
        yield base


def _count(r) -> int:
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_16_a_dataset_named_by_its_default_graph_has_no_named_graphs(site):
    accept = {"Accept": "application/sparql-results+json"}
    everything = _count(httpx.get(site + "/sparql", params={"query": GRAPHS}, headers=accept))
    assert everything > 3
    graph = "https://w3id.org/azdiaspora/graph/article-2025-12-31-day-of-solidarity"
    only_default = httpx.get(site + "/sparql", params={"query": GRAPHS, "default-graph-uri": graph}, headers=accept)
    assert _count(only_default) == 0
    named = httpx.get(site + "/sparql", params={"query": GRAPHS, "default-graph-uri": graph, "named-graph-uri": graph},
                      headers=accept)
    assert _count(named) == 1


def test_15_bytes_that_are_not_utf8_in_a_query_string_are_refused_as_in_a_body(site):
    r = httpx.get(site + "/sparql?query=%ff")
    assert r.status_code == 400 and "not UTF-8" in r.text
    r = httpx.get(site + "/api/search?q=%ff%fe")
    assert r.status_code == 400 and "not UTF-8" in r.text
    assert httpx.get(site + "/api/search", params={"q": "Bakı"}).status_code == 200  # UTF-8 is read


def test_17_paths_headers_and_forms_that_say_two_things(site):
    assert httpx.get(site + "/doc/id/baku%0A").status_code == 404  # a final newline is not the page of baku
    r = httpx.get(site + "/doc/id/baku%00")
    assert r.status_code == 404 and "\x00" not in r.text and "\\x00" in r.text
    two = httpx.post(site + "/sparql", content=b"SELECT * WHERE { ?s ?p ?o } LIMIT 1",
                     headers=[("Content-Type", "application/sparql-query"), ("Content-Type", "text/plain")])
    assert two.status_code == 400 and "two Content-Type" in two.text
    form = httpx.post(site + "/sparql", data={"format": "json"})
    assert form.status_code == 400 and "no 'query'" in form.text
    assert httpx.get(site + "/sparql", headers={"Accept": "text/turtle"}).status_code == 200  # a GET without a query: the service description


def test_13_a_port_in_use_is_a_usage_error_before_serving_is_said(site, dist, tmp_path):
    port = site.rsplit(":", 1)[1]
    done = subprocess.run([sys.executable, "-m", "kg", "serve", "--dist", str(dist), "--store", str(tmp_path / "s"),
                           "--port", port], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "cannot listen on 127.0.0.1:" in done.stderr and "in use" in done.stderr
    assert "serving" not in done.stdout


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # runs until the time limit


def test_6_health_is_honest_at_once_while_queries_queue(dist, tmp_path):
    import concurrent.futures
    import time

    with kg_server(dist, tmp_path / "s", "--workers", "2", "--timeout", "5") as base, \
            concurrent.futures.ThreadPoolExecutor(4) as pool:
        slow = [pool.submit(httpx.get, base + "/sparql", params={"query": SLOW}, timeout=60) for _ in range(4)]
        time.sleep(1.0)  # the queries are running and waiting
        t = time.perf_counter()
        health = httpx.get(base + "/health", timeout=30)
        took = time.perf_counter() - t
        assert health.status_code == 200 and health.json()["status"] == "ok"
        assert took < 1.0, f"/health took {took:.1f} s behind the queue"
        assert {f.result().status_code for f in slow} <= {503, 429}  # stopped at the limit, or refused


def test_4_dist_removed_under_a_running_server_is_unavailable_not_a_bug(dist, tmp_path):
    import shutil

    mine = tmp_path / "dist"
    shutil.copytree(dist, mine)
    with kg_server(mine, tmp_path / "s") as base:
        assert httpx.get(base + "/ontology").status_code == 200
        shutil.rmtree(mine)
        for path in ("/ontology", "/dataset", "/.well-known/void", "/dist/graph.ttl"):
            r = httpx.get(base + path)
            assert r.status_code == 503, (path, r.status_code, r.text)
            assert "kg build" in r.text and "bug" not in r.text
        health = httpx.get(base + "/health")
        assert health.status_code == 503 and "dist/ lacks" in health.json()["reason"]


def test_5_kg_load_will_not_swap_the_store_a_server_is_serving(dist, tmp_path):
    store = tmp_path / "s"
    with kg_server(dist, store) as base:
        before = httpx.get(base + "/health").json()["triples"]
        done = subprocess.run([sys.executable, "-m", "kg", "load", "--force", "--dist", str(dist), "--store", str(store)],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 7 and "a running `kg serve` is serving this store" in done.stderr
        assert httpx.get(base + "/health").json()["triples"] == before
    done = subprocess.run([sys.executable, "-m", "kg", "load", "--force", "--dist", str(dist), "--store", str(store)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr  # with the server stopped, the store is loaded


def _doubling(start: str, times: int) -> str:
    binds = "".join(f' BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})' for i in range(times))
    return f'SELECT ?v{times} WHERE {{ ?s ?p ?o BIND("{start}" AS ?v0){binds} }}'


@pytest.fixture(scope="module")
def capped(dist, tmp_path_factory):
    with kg_server(dist, tmp_path_factory.mktemp("store") / "s", "--max-bytes", "4000000", "--timeout", "20") as base:
        yield base


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                                    "text/tab-separated-values"])
def test_1_2_a_large_value_is_capped_in_the_bytes_sent_whatever_the_format(capped, accept):
    """Issue 23: one value of 8 MiB was a 500 in XML, CSV and TSV (the rows were parsed back), and XML,
    where "&" takes five bytes, went past --max-bytes."""
    for start in ("ab", "&&"):
        r = httpx.get(capped + "/sparql", params={"query": _doubling(start, 20)}, headers={"Accept": accept}, timeout=120)
        assert r.status_code == 200, r.text[:300]
        assert len(r.content) <= 4_000_000 and r.headers.get("KG-Results-Byte-Limit") == "4000000"
        assert r.headers["KG-Results-Truncated"] == "true"
    small = httpx.get(capped + "/sparql", params={"query": 'SELECT ?x WHERE { BIND("a&b,c\\"d" AS ?x) }'},
                      headers={"Accept": accept})
    assert small.status_code == 200 and "KG-Results-Truncated" not in small.headers
    if "xml" in accept:
        import xml.dom.minidom

        assert xml.dom.minidom.parseString(small.content).getElementsByTagName("literal")[0].firstChild.data == 'a&b,c"d'


def test_3_xml_results_are_xml_or_refused(site):
    query = 'SELECT * WHERE { BIND("a\\u0000\\u0001b" AS ?x) }'
    r = httpx.get(site + "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+xml"})
    assert r.status_code == 406 and "XML 1.0 cannot carry" in r.text and b"\x00" not in r.content
    for accept in ("application/sparql-results+json", "text/csv", "text/tab-separated-values"):
        assert httpx.get(site + "/sparql", params={"query": query}, headers={"Accept": accept}).status_code == 200
