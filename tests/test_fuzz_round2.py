"""Property-based tests of the families that found the second round of defects (issue 23): large
values in every results format, long runs of one character in a text, concurrent `--apply`, and
files removed from dist/ under a running server. The budget is KG_FUZZ_EXAMPLES (default 150 a
property; the apply property, which builds the project twice an example, takes a fiftieth of it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from servers import kg_server

from kg.errors import DataError
from kg.ingest.article import MAX_SYMBOLS, MAX_WORD, check_prose

EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                              HealthCheck.too_slow])
ROOT = Path(__file__).resolve().parent.parent
MAX_BYTES = 1_000_000
FORMATS = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values",
           "text/turtle", "application/n-triples", "application/ld+json"]

pytestmark = [pytest.mark.enable_socket, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(dist, tmp_path_factory):
    with kg_server(dist, tmp_path_factory.mktemp("store") / "s", "--timeout", "10",
                   "--max-bytes", str(MAX_BYTES)) as base:
        yield base


def _doubling(start: str, times: int, construct: bool) -> str:
    literal = start.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    binds = "".join(f" BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(times))
    where = f'{{ ?s ?p ?o BIND("{literal}" AS ?v0){binds} }}'
    return (f"CONSTRUCT {{ ?s <http://example.org/v> ?v{times} }} WHERE {where}" if construct
            else f"SELECT ?s ?v{times} WHERE {where}")


@FUZZ
@given(start=st.text(st.sampled_from(list('ab&<>",\t\n\r\\é\x00')), min_size=1, max_size=4),
       times=st.integers(8, 18), accept=st.sampled_from(FORMATS))
def test_a_large_value_is_capped_in_the_bytes_sent_in_every_format(server, start, times, accept):
    construct = accept in ("text/turtle", "application/n-triples", "application/ld+json")
    r = httpx.get(server + "/sparql", params={"query": _doubling(start, times, construct)}, headers={"Accept": accept},
                  timeout=120)
    if r.status_code == 406:  # a character XML 1.0 cannot carry: said so, nothing sent
        assert "\x00" in start and "xml" in accept and "cannot carry" in r.text
        return
    assert r.status_code == 200, (r.status_code, r.text[:200])
    assert len(r.content) <= MAX_BYTES
    if r.headers.get("KG-Results-Truncated") == "true":
        assert r.headers.get("KG-Results-Byte-Limit") == str(MAX_BYTES) or r.headers.get("KG-Results-Limit")


@FUZZ
@given(ch=st.characters(exclude_categories=("Cs",)), n=st.integers(1, 30_000),
       before=st.sampled_from(["", "The Congress met in Baku. ", "Word "]), after=st.sampled_from(["", " and then.", "."]))
def test_a_long_run_of_one_character_is_read_or_refused_never_quadratic(ch, n, before, after):
    """Accepted text holds no word over MAX_WORD characters and no run of marks over MAX_SYMBOLS,
    which is what keeps the tokenizer linear; refused text is a DataError that says why."""
    from kg.ingest.parse import pipeline

    text = before + ch * n + after
    try:
        prose = check_prose(text, "the text")
    except DataError as exc:
        assert str(exc).startswith("the text: ")
        return
    assert all(len(w) <= MAX_WORD for w in prose.split())
    run, longest = 0, 0
    for c in prose:
        run = run + 1 if not (c.isalnum() or c == "_" or c.isspace()) else 0
        longest = max(longest, run)
    assert longest <= MAX_SYMBOLS
    pipeline().tokenizer(prose[:50_000])


@settings(max_examples=max(1, EXAMPLES // 50), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(order=st.permutations(["sixth", "forum"]), stagger=st.floats(0, 0.5))
def test_concurrent_applies_both_land(tmp_path_factory, order, stagger):
    import time

    root = tmp_path_factory.mktemp("project")
    for name in ("data", "ontology", "queries"):
        shutil.copytree(ROOT / name, root / name)
    fixtures = ROOT / "tests" / "fixtures" / "ingest"
    arts = {"sixth": ("article-2026-06-05-sixth-congress", fixtures / "sixth-congress.txt", "sixth-congress-of-world-azerbaijanis"),
            "forum": ("article-2026-06-06-forum", fixtures / "forum.txt",
                      "second-forum-of-leaders-of-azerbaijani-and-turkish-diaspora-organizations")}
    import yaml

    for key in order:
        aid, path, accept = arts[key]
        subprocess.run([sys.executable, "-m", "kg", "--root", str(root), "ingest", str(path), "--id", aid], check=True,
                       capture_output=True)
        review = root / "data" / "review" / f"{aid}.yaml"
        doc = yaml.safe_load(review.read_text(encoding="utf-8"))
        for cand in doc["candidates"]:
            if cand["id"] == accept:
                cand.update(decision="accept", decidedBy="A Curator", decidedOn="2026-11-24")
        review.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    runs = []
    for key in order:
        runs.append(subprocess.Popen([sys.executable, "-m", "kg", "--root", str(root), "ingest", "--apply", arts[key][0]],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        time.sleep(stagger)
    for run in runs:
        _out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err.decode()
    text = "\n".join(p.read_text(encoding="utf-8") for p in (root / "data" / "records").glob("*.yaml"))
    for aid, _path, accept in arts.values():
        assert (root / "data" / "sources" / f"{aid}.txt").is_file() and f"- id: {accept}" in text
    assert not list(root.glob(".ingest-apply-*"))


@pytest.fixture(scope="module")
def own(dist, tmp_path_factory):
    """A server on its own copy of dist/, which the property removes files from and puts back."""
    mine = tmp_path_factory.mktemp("dist") / "dist"
    shutil.copytree(dist, mine)
    with kg_server(mine, tmp_path_factory.mktemp("store") / "s") as base:
        yield base, mine, dist


ROUTES = ["/", "/health", "/ontology", "/dataset", "/.well-known/void", "/dist/graph.ttl", "/dist/graph.jsonld",
          "/search?q=Baku", "/doc/id/baku", "/doc/id/baku.ttl", "/sparql?query=ASK%7B%7D", "/editor", "/check"]


@FUZZ
@given(removed=st.sets(st.sampled_from(["ontology.ttl", "void.ttl", "graph-inferred.ttl", "graph.ttl", "graph.trig",
                                        "graph.jsonld", "html", "*"]), max_size=4),
       routes=st.lists(st.sampled_from(ROUTES), min_size=1, max_size=5))
def test_files_removed_from_dist_under_a_running_server_are_never_a_500(own, removed, routes):
    base, mine, original = own
    try:
        if "*" in removed:
            shutil.rmtree(mine)
        else:
            for name in removed:
                path = mine / name
                shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
        for route in routes:
            r = httpx.get(base + route, timeout=60)
            assert r.status_code != 500, (route, removed, r.text[:200])
            assert r.status_code in {200, 303, 404, 503}, (route, removed, r.status_code)
        health = httpx.get(base + "/health", timeout=60)
        gone = "*" in removed or {"ontology.ttl", "void.ttl", "graph-inferred.ttl"} & removed
        assert (health.status_code == 503) == bool(gone)
    finally:
        shutil.rmtree(mine, ignore_errors=True)
        shutil.copytree(original, mine)
