"""Parts of the server that need no process: the store's load-once rule, the protocol's
request rules, content negotiation, the timeline and search, and the 500 for a bug."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from starlette.testclient import TestClient

from kg.errors import (
    EXIT_NOT_BUILT,
    BadRequest,
    NotAcceptable,
    NotBuilt,
    OutputError,
    TooLarge,
    UnsupportedMediaType,
    UpdateRefused,
)
from kg.serve.app import Settings, create_app
from kg.serve.conneg import GRAPHS, HTML, RESULTS, choose, languages
from kg.serve.engine import Limits
from kg.serve.protocol import looks_like_update, parse_operation
from kg.serve.store import fill_store, read_stamp
from kg.site.search import LabelIndex, fold
from kg.site.timeline import timeline


def test_store_is_loaded_once_and_reloaded_when_dist_changes(dist, tmp_path):
    own = tmp_path / "dist"
    shutil.copytree(dist, own)
    first = fill_store(own, tmp_path / "store")
    assert not first.reused and first.quads > 1000 and first.graphs >= 4
    assert fill_store(own, tmp_path / "store").reused
    text = (own / "graph-inferred.ttl").read_text(encoding="utf-8")
    (own / "graph-inferred.ttl").write_text(text + '\n<http://example.org/a> <http://example.org/b> "c" .\n', encoding="utf-8")
    again = fill_store(own, tmp_path / "store")
    assert not again.reused and again.quads == first.quads + 1


def test_a_bad_dist_leaves_the_old_store_whole(dist, tmp_path):
    own = tmp_path / "dist"
    shutil.copytree(dist, own)
    good = fill_store(own, tmp_path / "store")
    stamp = read_stamp(tmp_path / "store")
    (own / "graph.trig").write_text("this is not trig {", encoding="utf-8")
    with pytest.raises(NotBuilt, match="graph.trig|does not parse"):
        fill_store(own, tmp_path / "store")
    assert read_stamp(tmp_path / "store") == stamp
    assert fill_store(dist, tmp_path / "store").quads == good.quads
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".store") and p.name not in (".store.lock", ".store.serving")] == []  # nothing left aside


def test_store_refuses_a_folder_it_did_not_make(dist, tmp_path):
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "precious.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="not a store made by"):
        fill_store(dist, tmp_path / "store")
    assert (tmp_path / "store" / "precious.txt").read_text(encoding="utf-8") == "mine"


def test_missing_dist_says_to_build(tmp_path):
    with pytest.raises(NotBuilt, match="kg build") as raised:
        fill_store(tmp_path / "nothing", tmp_path / "store")
    assert (raised.value.exit_code, raised.value.http_status) == (EXIT_NOT_BUILT, 503)


@pytest.mark.parametrize("method, ctype, qs, body, error", [
    ("POST", "application/sparql-update", "", b"INSERT DATA {}", UpdateRefused),
    ("POST", "application/x-www-form-urlencoded", "", b"update=DELETE+WHERE+%7B%3Fs+%3Fp+%3Fo%7D", UpdateRefused),
    ("GET", None, "update=x", b"", UpdateRefused),
    ("POST", "text/plain", "", b"SELECT", UnsupportedMediaType),
    ("POST", None, "", b"SELECT", UnsupportedMediaType),
    ("GET", None, "query=a&query=b", b"", BadRequest),
    ("GET", None, "query=", b"", BadRequest),
    ("POST", "application/sparql-query", "query=x", b"SELECT", BadRequest),
    ("POST", "application/sparql-query", "", b"\xff\xfe", BadRequest),
    ("GET", None, "query=" + "x" * 200, b"", TooLarge),
    ("DELETE", None, "query=x", b"", BadRequest),
])
def test_protocol_rules(method, ctype, qs, body, error):
    with pytest.raises(error):
        parse_operation(method, ctype, qs, body, max_query_bytes=100)


def test_protocol_reads_query_and_dataset():
    op = parse_operation("GET", None, "query=ASK%7B%7D&default-graph-uri=http://a&named-graph-uri=http://b&named-graph-uri=http://c",
                         b"", 1000)
    assert (op.query, op.default_graphs, op.named_graphs) == ("ASK{}", ["http://a"], ["http://b", "http://c"])
    assert parse_operation("GET", None, "", b"", 1000) is None  # no query: the service description
    body = parse_operation("POST", "application/sparql-query; charset=utf-8", "", b"ASK { }", 1000)
    assert body.query == "ASK { }"


def test_update_detection_parses_rather_than_greps():
    assert looks_like_update("INSERT DATA { <http://a> <http://b> <http://c> }")
    assert looks_like_update("PREFIX x: <http://x/> DELETE WHERE { ?s x:p ?o }")
    assert not looks_like_update('SELECT ("INSERT DATA" AS ?x) WHERE { ?s ?p ?o ')  # a broken query mentioning INSERT


def test_conneg():
    assert choose(None, RESULTS).name == "json"
    assert choose("text/csv;q=0.4, text/tab-separated-values;q=0.8", RESULTS).name == "tsv"
    assert choose("application/ld+json", (HTML, *GRAPHS)).name == "jsonld"
    assert choose("text/html,application/xhtml+xml,*/*;q=0.8", (HTML, *GRAPHS)) == HTML
    assert choose("text/turtle;q=0", GRAPHS, "nt").name == "nt"
    with pytest.raises(NotAcceptable):
        choose("text/turtle;q=0, image/*", GRAPHS)
    assert languages("az-AZ, en;q=0.5, *;q=0.1") == ["az", "en"]
    assert languages(None, "az") == ["az", "en"]


def test_fold_makes_azerbaijani_letters_searchable():
    assert fold("Bakı") == fold("BAKI") == fold("baki")
    assert fold("Azərbaycan") == "azerbaycan"
    assert fold("Şuşa Çağ Öz Ülke İlham") == "susa cag oz ulke ilham"


def test_search_ranks_exact_names_first():
    row = lambda iri, label, lang="en": {"e": {"value": iri}, "label": {"value": label, "xml:lang": lang}, "main": {"value": label}}  # noqa: E731
    index = LabelIndex([row("x:1", "Baku Congress Hall"), row("x:2", "Baku"), row("x:2", "Bakı", "az"), row("x:3", "Sumgait")])
    assert [h.iri for h in index.search("baku")] == ["x:2", "x:1"]
    assert [h.iri for h in index.search("congress baku")] == ["x:1"]
    assert index.search("   ") == []


def test_timeline_places_items_in_order_without_overlap():
    rows = [{"date": {"value": d}, "kind": {"value": k}, "label": {"value": f"Item {i} " + "x" * 30}, "item": {"value": f"x:{i}"}}
            for i, (d, k) in enumerate([("1991-12-06", "decision"), ("1991-12-06", "meeting"), ("1991-12-25", "law"),
                                        ("1993", "presidential decree"), ("2025-12-31", "observance"), ("1980-01-01", "meeting")])]
    tl = timeline(rows)
    assert [m.iri for m in tl.marks] == ["x:0", "x:1", "x:2", "x:3", "x:4"]  # 1980 is outside 1991-2025
    assert [m.legal for m in tl.marks] == [True, False, True, True, False]
    assert tl.marks[3].year_only and not tl.marks[0].year_only
    xs = [m.x for m in tl.marks]
    assert xs == sorted(xs) and tl.marks[-1].x < tl.width
    legal = [m for m in tl.marks if m.legal]
    assert len({m.row for m in legal[:2]}) == 2  # two acts of December 1991 do not share a row


def test_a_bug_is_a_500_without_internals(dist, tmp_path, layout, monkeypatch):
    fill_store(dist, tmp_path / "store")
    app = create_app(Settings(dist=dist, store=tmp_path / "store", queries=layout.queries, limits=Limits(workers=1)))
    with TestClient(app, raise_server_exceptions=False) as client:
        engine = app.state.kg.engine

        async def broken(*args, **kwargs):
            raise ZeroDivisionError("division by zero in /secret/path/engine.py")

        monkeypatch.setattr(engine, "query", broken)
        r = client.get("/sparql", params={"query": "ASK {}"})
        assert r.status_code == 500
        assert "bug in the server" in r.text
        assert "secret" not in r.text and "ZeroDivisionError" not in r.text and "Traceback" not in r.text


def test_repeated_log_lines_are_rate_limited():
    import logging

    from kg.serve.connections import RateLimit

    now = [0.0]
    limiter = RateLimit(burst=5, interval=10.0, clock=lambda: now[0])
    record = lambda msg: logging.LogRecord("asyncio", logging.ERROR, __file__, 1, msg, None, None)  # noqa: E731
    passed = [limiter.filter(record("socket.accept() out of system resource")) for _ in range(1000)]
    assert sum(passed) == 5  # a flood of one line: five of them
    assert limiter.filter(record("another kind of line"))  # other lines are not held back
    now[0] = 11.0
    summary = record("socket.accept() out of system resource")
    assert limiter.filter(summary) and "995 more like this were not logged" in summary.msg


# ---------------------------------------------------------------- the SPARQL tokenizer (kg/sparqltext.py)


@pytest.mark.parametrize(("query", "before"), [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT * WHERE {"),
    ("SELECT * { ?s ?p ?o }", "SELECT * {"),
    ("ASK { ?s ?p ?o }", "ASK {"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE {"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT WHERE {"),
    ("SELECT (EXISTS { ?a ?b ?c } AS ?x) WHERE { ?s ?p ?o }", "SELECT (EXISTS { ?a ?b ?c } AS ?x) WHERE {"),
    ("# WHERE { in a comment\nSELECT ?where WHERE { ?s ?p \"WHERE {\" }", "# WHERE { in a comment\nSELECT ?where WHERE {"),
])
def test_where_group_opens_after_the_outermost_where(query, before):
    from kg.rdf.sparqltext import where_group

    assert query[:where_group(query)] == before


@pytest.mark.parametrize(("query", "calls"), [
    ("SELECT * WHERE { SERVICE <http://a/sparql> { ?s ?p ?o } }", ("http://a/sparql",)),
    ("select * where { service silent <http://a/> { } }", ("http://a/",)),
    ("SELECT * WHERE { SERVICE ?e { } }", (None,)),
    ("PREFIX x: <http://a/> SELECT * WHERE { SERVICE x:e { } }", (None,)),
    ("SELECT * WHERE { \\u0053ERVICE <http://a/> { } }", ("http://a/",)),
    ("SELECT * WHERE { SERVICE <relative> { } }", (None,)),
    ("SELECT ?service WHERE { ?service ?p \"SERVICE <http://a/>\" } # SERVICE <http://b/>", ()),
    ("PREFIX service: <http://a/> ASK { _:service service:x $service }", ()),
])
def test_services_are_read_from_tokens(query, calls):
    from kg.rdf.sparqltext import services

    assert services(query) == calls


def test_text_two_parsers_could_read_apart_is_ambiguous():
    from kg.rdf.sparqltext import Ambiguous, services

    with pytest.raises(Ambiguous):
        services("SELECT * WHERE { FILTER(?a<'>') SERVICE <http://a/> { } } # '")


@pytest.mark.parametrize(("query", "deepest"), [
    ("ASK { }", 1), ("ASK { FILTER((((1)))) }", 5), ('ASK { FILTER("((((((" = ?x) }', 2),
    ("ASK { ?s <http://a/((((> ?o }", 5),  # counted inside IRIs too: another reading could see them
])
def test_depth_counts_brackets_outside_strings_and_comments(query, deepest):
    from kg.rdf.sparqltext import depth

    assert depth(query) == deepest


@pytest.mark.parametrize(("query", "word"), [
    ("PREFIX a: <http://a/> BASE <http://b/> SELECT * {}", "select"),
    ("# comment\nINSERT DATA { <a> <b> <c> }", "insert"),
    ("prefix x: <http://x/> DELETE WHERE { ?s x:p ?o }", "delete"),
    ("", None),
])
def test_form_is_the_first_keyword_after_the_prologue(query, word):
    from kg.rdf.sparqltext import form

    assert form(query) == word


@pytest.mark.parametrize("in_memory_mb, writable", [(256, True), (0, False)])
def test_a_small_store_is_copied_into_the_workers_memory(tmp_path, in_memory_mb, writable):
    """A worker answers from memory when the store is small (an in-memory store takes writes; the
    read-only store on disk refuses them), and from disk when told not to copy it."""
    import pyoxigraph as ox

    location = tmp_path / "store"
    disk = ox.Store(str(location))
    disk.add(ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/p"), ox.Literal("x")))
    disk.flush()
    del disk
    code = f"""
import pyoxigraph as ox
from kg.serve import engine
engine.w_init({str(location)!r}, 0, {in_memory_mb})
assert len(engine._STORE) == 1
try:
    engine._STORE.add(ox.Quad(ox.NamedNode("http://example.org/b"), ox.NamedNode("http://example.org/p"), ox.Literal("y")))
    print("writable")
except (OSError, RuntimeError):
    print("read-only")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ("writable" if writable else "read-only")


# ---------------------------------------------------------------- answers written by Oxigraph (issue 24)

def _select_store(rows: int):
    import pyoxigraph as ox

    store = ox.Store()
    store.extend(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"),
                         ox.Literal(f"line one\nline two\t{i}")) for i in range(rows))
    return store


@pytest.mark.parametrize("fmt", ["json", "tsv"])
def test_a_small_answer_is_oxigraphs_own_writing_with_its_rows_counted(fmt):
    import pyoxigraph as ox

    from kg.rdf.formats import RESULTS, by_name
    from kg.serve import engine

    store = _select_store(40)
    query = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s"
    answer = engine._solutions(store.query(query), fmt, 100, 1_000_000, lambda: store.query(query))
    assert answer.body == store.query(query).serialize(format=by_name(fmt, RESULTS).oxigraph)  # byte for byte
    assert (answer.count, answer.truncated) == (40, False)
    assert isinstance(by_name(fmt, RESULTS).oxigraph, ox.QueryResultsFormat)


@pytest.mark.parametrize("fmt", ["json", "tsv", "csv", "xml"])
def test_an_answer_past_the_row_cap_is_cut_on_a_row_in_every_format(fmt):
    from kg.serve import engine

    store = _select_store(40)
    query = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s"
    answer = engine._solutions(store.query(query), fmt, 25, 1_000_000, lambda: store.query(query))
    assert (answer.count, answer.truncated, answer.cut_by_bytes) == (25, True, False)
    if fmt == "json":
        assert len(json.loads(answer.body)["results"]["bindings"]) == 25
    if fmt == "tsv":
        assert answer.body.count(b"\n") == 26  # the head and 25 rows: a newline in a value is escaped


@pytest.mark.parametrize("fmt", ["json", "tsv"])
def test_an_answer_past_the_byte_cap_is_cut_on_a_row_and_stays_a_whole_document(fmt):
    from kg.serve import engine

    store = _select_store(2000)
    query = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s"
    answer = engine._solutions(store.query(query), fmt, 10_000, 20_000, lambda: store.query(query))
    assert answer.truncated and answer.cut_by_bytes and 0 < answer.count < 2000 and len(answer.body) <= 20_000
    if fmt == "json":
        assert len(json.loads(answer.body)["results"]["bindings"]) == answer.count


def test_oxigraph_is_stopped_by_the_sink_once_past_the_cap():
    from kg.serve import engine

    store = _select_store(5000)
    sink = engine._CappedSink(50_000)
    with pytest.raises(engine._Full):
        store.query("SELECT ?s ?o WHERE { ?s ?p ?o }").serialize(sink, engine.by_name("json", engine.RESULTS).oxigraph)
    assert sum(map(len, sink.parts)) <= 50_000 < sink.size


def test_accepted_connections_have_nagles_algorithm_off():
    """A kept-alive connection must not wait for the client's delayed ACK before each answer's
    second write (it cost 40 ms a request): the listener is a TCP socket, so asyncio sets
    TCP_NODELAY on what it accepts, and the protocol sets it again on whatever socket it gets."""
    import asyncio
    import socket

    from kg.serve.connections import listening_socket, no_delay

    seen = {}

    async def main():
        sock = listening_socket("127.0.0.1", 0)
        assert sock.proto == socket.IPPROTO_TCP
        loop = asyncio.get_running_loop()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport):
                s = transport.get_extra_info("socket")
                seen["accepted"] = s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
                transport.close()

        server = await loop.create_server(Probe, sock=sock)
        _, writer = await asyncio.open_connection(*sock.getsockname())
        await asyncio.sleep(0.1)
        writer.close()
        server.close()
        await server.wait_closed()
        # and on a socket whose proto is 0, as uvicorn may be handed one
        plain = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        plain.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 0)

        class Transport:
            def get_extra_info(self, name, default=None):
                return plain if name == "socket" else default

        no_delay(Transport())
        seen["guarded"] = plain.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        plain.close()

    asyncio.run(main())
    assert seen == {"accepted": 1, "guarded": 1}


def test_the_front_parses_http_with_the_compiled_parser():
    """uvicorn's httptools protocol (llhttp), guarded as the h11 one was: the hostile-input and
    protocol tests run against it (tests/test_hostile.py, tests/test_endpoint_defects.py)."""
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    from kg.serve.connections import protocol

    guarded = protocol(10, 5.0, 5.0)
    assert issubclass(guarded, HttpToolsProtocol)
    assert {"connection_made", "data_received", "pause_writing", "resume_writing"} <= set(vars(guarded))
