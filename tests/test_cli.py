"""The kg command: query formats, export formats, stats, exit codes."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.cli import main
from kg.errors import EXIT_NOT_BUILT, EXIT_QUERY, EXIT_USAGE

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def run(layout, dist, capsys):
    def _run(*args):
        rc = main(["--root", str(layout.root), *args])
        out, err = capsys.readouterr()
        return rc, out, err
    return _run


def q(dist, *args):
    return ("query", "--graph", str(dist / "graph-inferred.ttl"), *args)


def test_query_table(run, dist):
    rc, out, _ = run(*q(dist, "series-editions"))
    assert rc == 0
    lines = out.splitlines()
    assert lines[0].split(" | ")[0].strip() == "seriesName"
    assert "2nd Congress of World Azerbaijanis" in out and "5th Congress of World Azerbaijanis" in out and lines[-1] == "(6 rows)"


def test_query_csv_and_tsv(run, dist):
    rc, out, _ = run(*q(dist, "events-in-place", "--param", "place=baku", "--format", "csv"))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rc == 0 and len(rows) == 7 and rows[1]["start"] == "2001-11-09"
    rc, out, _ = run(*q(dist, "events-in-place", "-p", "place=baku", "-f", "tsv"))
    header, *body = out.splitlines()
    assert header.split("\t") == ["?placeName", "?start", "?end", "?event", "?name"]
    assert body[1].split("\t")[1] == '"2001-11-09"^^<http://www.w3.org/2001/XMLSchema#date>'


def test_query_json_and_xml(run, dist):
    rc, out, _ = run(*q(dist, "posts", "--format", "json"))
    doc = json.loads(out)
    assert rc == 0 and doc["head"]["vars"][0] == "postName" and len(doc["results"]["bindings"]) == 19
    rc, out, _ = run(*q(dist, "posts", "--format", "xml"))
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    assert len(ET.fromstring(out).findall(".//s:result", ns)) == 19


def test_query_from_stdin_and_ask(run, dist, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("ASK { <https://w3id.org/azdiaspora/id/baku> a <https://schema.org/Place> }"))
    rc, out, _ = run(*q(dist, "-"))
    assert (rc, out) == (0, "true\n")


def test_query_list(run):
    rc, out, _ = run("query", "--list")
    assert rc == 0 and "events-in-place: What happened in a place  [--param place=<iri>]" in out


@pytest.mark.parametrize("args, message", [
    (("no-such-query",), "no query named"),
    (("events-in-place", "--param", "town=baku"), "no parameter 'town'"),
])
def test_query_errors(run, dist, args, message):
    rc, out, err = run(*q(dist, *args))
    assert rc == EXIT_QUERY and message in err and "Traceback" not in err


@pytest.mark.parametrize("args, message", [
    (("events-in-place", "--param", "baku"), "NAME=VALUE"),
    ((), "name a query"),
])
def test_query_usage_errors(run, dist, args, message):
    rc, out, err = run(*q(dist, *args))
    assert rc == EXIT_USAGE and message in err and "Traceback" not in err


def test_malformed_query(run, dist, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE { ?x ?y }", encoding="utf-8")
    rc, _, err = run(*q(dist, str(bad)))
    assert rc == EXIT_QUERY and "not valid SPARQL" in err


def test_query_without_a_build(run, tmp_path):
    rc, _, err = run("--root", str(tmp_path), "query", str(ROOT / "queries" / "timeline.rq"))  # the last --root counts
    assert rc == EXIT_NOT_BUILT and "run `kg build` first" in err and "Traceback" not in err


def test_query_of_a_missing_graph_file(run, tmp_path):
    rc, _, err = run("query", "--graph", str(tmp_path / "none.ttl"), "timeline")
    assert rc == EXIT_QUERY and "no such file" in err


@pytest.mark.parametrize("fmt, parse", [("turtle", "turtle"), ("nt", "nt"), ("json-ld", "json-ld"), ("xml", "xml")])
def test_export_formats(run, dist, tmp_path, fmt, parse):
    out = tmp_path / f"g.{fmt}"
    rc, _, _ = run("export", "--format", fmt, "--output", str(out))
    assert rc == 0
    assert isomorphic(Graph().parse(out, format=parse), Graph().parse(dist / "graph.ttl"))
    if fmt == "turtle":
        assert out.read_bytes() == (dist / "graph.ttl").read_bytes()


def test_export_inferred_and_trig(run, dist):
    rc, out, _ = run("export", "--format", "nt", "--inferred")
    lines = out.splitlines()
    assert rc == 0 and lines == sorted(lines)
    assert isomorphic(Graph().parse(data=out, format="nt"), Graph().parse(dist / "graph-inferred.ttl"))
    rc, out, _ = run("export", "--format", "trig")
    assert rc == 0 and out == (dist / "graph.trig").read_text(encoding="utf-8")
    assert len(list(Dataset().parse(data=out, format="trig").graphs())) >= 4


def test_stats(run):
    rc, out, _ = run("stats")
    assert rc == 0
    assert "records: 234; links: 15; source articles: 2" in out
    assert "  Person: 6" in out and "  Wikidata exactMatch: 8" in out and "  GeoNames exactMatch: 3" in out


@pytest.mark.enable_socket
def test_federated_query_offline_is_a_remote_error_not_a_syntax_error(run, dist):
    from servers import free_port

    # the federated example with its SERVICE pointed at a closed loopback port
    query = (ROOT / "queries" / "federated" / "places-coordinates.rq").read_text(encoding="utf-8")
    path = dist.parent / "offline.rq"
    path.write_text(query.replace("https://query.wikidata.org/sparql", f"http://127.0.0.1:{free_port()}/sparql"), encoding="utf-8")
    rc, _, err = run(*q(dist, str(path)))
    assert rc == 8 and "SERVICE endpoint could not be reached" in err and "not valid SPARQL" not in err


def test_query_list_includes_federated(run):
    rc, out, _ = run("query", "--list")
    assert "federated/places-coordinates:" in out
