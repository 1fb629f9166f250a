"""The HTTP server, tested as a real `kg serve` process on loopback: the SPARQL 1.1 protocol
(each format, conneg, every error path, read-only, the time limit, the result cap), the
service description, CORS, the Linked Data pages and the web view."""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import time
import xml.etree.ElementTree as ET
from html import unescape

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS
from results import comparable_rows
from servers import Misbehaving, kg_server

from kg.query.named import list_queries, run_query
from kg.rdf.namespaces import ID

pytestmark = pytest.mark.enable_socket

SELECT = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s ?label LIMIT 5"
CONSTRUCT = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> CONSTRUCT { ?s rdfs:label ?l } "
             "WHERE { ?s a <https://w3id.org/azdiaspora/ontology#Place> ; rdfs:label ?l }")
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
MAX_RESULTS = 40
TIMEOUT = 2


@pytest.fixture(scope="module")
def server(dist, tmp_path_factory):
    store = tmp_path_factory.mktemp("store") / "oxigraph"
    with kg_server(dist, store, "--timeout", str(TIMEOUT), "--max-results", str(MAX_RESULTS), "--workers", "2") as base:
        yield base


@pytest.fixture(scope="module")
def http(server):
    with httpx.Client(base_url=server, timeout=30) as client:
        yield client


def sparql(http, query, accept=None, method="GET", **params):
    headers = {"Accept": accept} if accept else {}
    if method == "GET":
        return http.get("/sparql", params={"query": query, **params}, headers=headers)
    return http.post("/sparql", data={"query": query, **params}, headers=headers)


# ---------------------------------------------------------------- results formats and conneg


def test_select_in_each_results_format_says_the_same(http, inferred_graph):
    expected = [(str(r.s), str(r.label)) for r in inferred_graph.query(SELECT)]
    as_json = sparql(http, SELECT, "application/sparql-results+json")
    assert as_json.headers["content-type"].startswith("application/sparql-results+json")
    rows = [(b["s"]["value"], b["label"]["value"]) for b in as_json.json()["results"]["bindings"]]
    assert rows == expected

    as_xml = sparql(http, SELECT, "application/sparql-results+xml")
    assert as_xml.headers["content-type"].startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    results = ET.fromstring(as_xml.content).findall(".//r:result", ns)
    assert [(r.find("r:binding[@name='s']/r:uri", ns).text, r.find("r:binding[@name='label']/r:literal", ns).text)
            for r in results] == expected

    as_csv = sparql(http, SELECT, "text/csv")
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert [tuple(r) for r in csv.reader(io.StringIO(as_csv.text))][1:] == expected

    as_tsv = sparql(http, SELECT, "text/tab-separated-values")
    assert as_tsv.headers["content-type"].startswith("text/tab-separated-values")
    lines = as_tsv.text.strip().split("\n")
    assert lines[0] == "?s\t?label"
    assert lines[1].split("\t")[0] == f"<{expected[0][0]}>"


@pytest.mark.parametrize("accept, expected", [
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ("application/sparql-results+json;q=0.1, text/tab-separated-values", "text/tab-separated-values"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/sparql-results+xml"),
    ("*/*", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
    ("text/*;q=0.9, application/sparql-results+json;q=0.2", "text/csv"),
    (None, "application/sparql-results+json"),
])
def test_accept_header_is_parsed_with_q_values(http, accept, expected):
    r = sparql(http, SELECT, accept)
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == expected


def test_format_parameter_wins_over_accept(http):
    r = sparql(http, SELECT, "application/sparql-results+json", format="csv")
    assert r.headers["content-type"].startswith("text/csv")
    r = sparql(http, SELECT, None, format="application/sparql-results+xml")
    assert r.headers["content-type"].startswith("application/sparql-results+xml")


def test_unacceptable_format_is_406(http):
    r = sparql(http, SELECT, "image/png")
    assert r.status_code == 406
    assert "application/sparql-results+json" in r.text
    assert sparql(http, SELECT, None, format="pdf").status_code == 406
    assert sparql(http, CONSTRUCT, "text/csv").status_code == 406  # a graph has no CSV form


def test_construct_in_each_graph_format_is_the_same_graph(http, inferred_graph):
    expected = inferred_graph.query(CONSTRUCT).graph
    assert len(expected) > 3
    graphs = {}
    for accept, fmt in [("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/n-triples", "nt")]:
        r = sparql(http, CONSTRUCT, accept, method="POST")
        assert r.status_code == 200
        assert r.headers["content-type"].split(";")[0] == accept
        graphs[fmt] = Graph().parse(data=r.text, format=fmt)
    for g in graphs.values():
        assert isomorphic(g, expected)


def test_ask(http):
    yes = sparql(http, "ASK { ?s a <https://w3id.org/azdiaspora/ontology#Place> }")
    assert yes.json() == {"head": {}, "boolean": True}
    no = sparql(http, "ASK { ?s a <http://example.org/Nothing> }", "application/sparql-results+xml")
    assert "<boolean>false</boolean>" in no.text


def test_post_as_form_and_as_query_body(http):
    form = sparql(http, SELECT, "text/csv", method="POST")
    body = http.post("/sparql", content=SELECT.encode(), headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    get = sparql(http, SELECT, "text/csv")
    assert form.status_code == body.status_code == get.status_code == 200
    assert form.text == body.text == get.text


def test_dataset_parameters_select_the_graphs(http, dist):
    article = "https://w3id.org/azdiaspora/graph/article-2025-12-24-lets-be-one"
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    whole = int(sparql(http, q).json()["results"]["bindings"][0]["n"]["value"])
    one = int(sparql(http, q, **{"default-graph-uri": article}).json()["results"]["bindings"][0]["n"]["value"])
    trig = __import__("rdflib").Dataset().parse(dist / "graph.trig", format="trig")
    assert one == len(trig.graph(URIRef(article)))
    assert 0 < one < whole


# ---------------------------------------------------------------- errors


def test_malformed_query_is_400_with_the_parsers_message(http):
    r = sparql(http, "SELECT ?s WHERE { ?s ?p }")
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("text/plain")
    assert "not valid SPARQL" in r.text
    assert "Traceback" not in r.text and "/kg/" not in r.text


@pytest.mark.parametrize("how", ["form", "media-type", "as-query"])
def test_update_is_refused_and_nothing_changes(http, how):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = sparql(http, count).json()
    update = "INSERT DATA { <http://example.org/x> <http://example.org/p> 1 }"
    if how == "form":
        r = http.post("/sparql", data={"update": update})
    elif how == "media-type":
        r = http.post("/sparql", content=update.encode(), headers={"Content-Type": "application/sparql-update"})
    else:
        r = sparql(http, update)
    assert r.status_code == 403
    assert "read-only" in r.text
    assert sparql(http, count).json() == before
    assert sparql(http, "ASK { <http://example.org/x> ?p ?o }").json()["boolean"] is False


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ ?a ?b ?c . optional {{ service silent <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
])
def test_service_is_refused_and_the_server_fetches_nothing(http, template):
    with Misbehaving("ok") as canary:
        r = sparql(http, template.format(url=canary.endpoint))
        time.sleep(0.2)
        assert canary.requests == []
    assert r.status_code == 403
    assert "SERVICE" in r.text


def test_the_word_service_in_a_string_is_fine(http):
    assert sparql(http, 'SELECT ?x WHERE { BIND("SERVICE" AS ?x) }').status_code == 200


def test_unknown_post_body_is_415_and_empty_query_400(http):
    assert http.post("/sparql", content=b"x", headers={"Content-Type": "text/plain"}).status_code == 415
    assert sparql(http, "   ").status_code == 400
    assert http.get("/sparql?query=a&query=b").status_code == 400


def test_time_limit_stops_the_query_and_others_are_served(http, server):
    slow: dict = {}

    def run_slow():
        t0 = time.monotonic()
        # from another address: one client runs one query at a time (the fair gate), another is served at once
        with httpx.Client(base_url=server, timeout=60, transport=httpx.HTTPTransport(local_address="127.0.0.2")) as other:
            slow["response"] = other.get("/sparql", params={"query": SLOW})
        slow["seconds"] = time.monotonic() - t0
        slow["ended"] = time.monotonic()

    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.3)
    quick = sparql(http, SELECT)  # the other worker answers while the slow query runs
    quick_ended = time.monotonic()
    thread.join(60)
    # answered before the slow query was stopped (an order, not a time: a loaded machine is slow)
    assert quick.status_code == 200 and quick_ended < slow["ended"]
    r = slow["response"]
    assert r.status_code == 503
    assert f"stopped after {TIMEOUT} s" in r.text
    assert TIMEOUT <= slow["seconds"] < TIMEOUT + 8
    # the killed worker was replaced: the endpoint still answers, twice in parallel
    assert sparql(http, SELECT).status_code == 200


def test_result_cap_is_said_not_silent(http):
    many = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    r = sparql(http, many)
    assert r.status_code == 200
    assert len(r.json()["results"]["bindings"]) == MAX_RESULTS
    assert r.headers["KG-Results-Truncated"] == "true"
    assert r.headers["KG-Results-Limit"] == str(MAX_RESULTS)
    few = sparql(http, SELECT)
    assert "KG-Results-Truncated" not in few.headers
    assert few.headers["KG-Result-Count"] == "5"
    graph = sparql(http, "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
    assert graph.headers["KG-Results-Truncated"] == "true"
    assert len(graph.text.strip().split("\n")) == MAX_RESULTS


def test_body_too_large_is_413(http):
    r = http.post("/sparql", content=b"SELECT * WHERE { ?s ?p ?o } #" + b"x" * 1_100_000,
                  headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413


# ---------------------------------------------------------------- service description, CORS, VoID


def test_service_description(http, server):
    r = http.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    g = Graph().parse(data=r.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    service = URIRef(server + "/sparql")
    assert (service, RDF.type, URIRef(sd + "Service")) in g
    assert (service, URIRef(sd + "endpoint"), service) in g
    assert (service, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in g
    assert (None, URIRef("http://rdfs.org/ns/void#sparqlEndpoint"), service) in g
    assert len(list(g.objects(None, URIRef(sd + "name")))) >= 4  # the named graphs


def test_browser_asking_the_endpoint_goes_to_the_editor(http):
    r = http.get("/sparql", headers={"Accept": "text/html,*/*;q=0.8"})
    assert r.status_code == 303 and r.headers["location"] == "/editor"


def test_cors(http):
    r = sparql(http, SELECT, None)
    assert "access-control-allow-origin" not in r.headers  # only when a browser says where it comes from
    r = http.get("/sparql", params={"query": SELECT}, headers={"Origin": "https://example.org"})
    assert r.headers["access-control-allow-origin"] == "*"
    pre = http.options("/sparql", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST",
                                           "Access-Control-Request-Headers": "Content-Type"})
    assert pre.status_code == 200
    assert "POST" in pre.headers["access-control-allow-methods"]


def test_void_links_the_endpoint(http):
    g = Graph().parse(data=http.get("/dataset").text, format="turtle")
    endpoints = set(g.objects(URIRef("https://w3id.org/azdiaspora/dataset"), URIRef("http://rdfs.org/ns/void#sparqlEndpoint")))
    assert endpoints == {URIRef("https://w3id.org/azdiaspora/sparql")}


# ---------------------------------------------------------------- Linked Data


@pytest.mark.parametrize("accept, suffix", [("text/html", "html"), ("text/turtle", "ttl"), ("application/ld+json", "jsonld"),
                                             ("application/n-triples", "nt"), ("text/html;q=0.5, text/turtle", "ttl")])
def test_entity_iri_303s_to_its_document(http, accept, suffix):
    r = http.get("/id/baku", headers={"Accept": accept})
    assert r.status_code == 303
    assert r.headers["location"] == f"/doc/id/baku.{suffix}"
    assert "Accept" in r.headers["vary"]


@pytest.mark.parametrize("suffix, fmt", [("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")])
def test_entity_description_by_format(http, suffix, fmt, inferred_graph):
    g = Graph().parse(data=http.get(f"/doc/id/baku.{suffix}").text, format=fmt)
    baku = ID.baku
    assert set(g.objects(baku, RDFS.label)) == set(inferred_graph.objects(baku, RDFS.label))
    assert set(g.objects(baku, RDF.type)) == set(inferred_graph.objects(baku, RDF.type))
    assert set(g.subjects(None, baku)) >= {ID["first-congress-of-world-azerbaijanis"]}  # what points at it
    # by conneg on the document itself, too
    r = http.get("/doc/id/baku", headers={"Accept": "application/n-triples"})
    assert r.headers["content-type"].startswith("application/n-triples")


def test_entity_page(http, inferred_graph):
    r = http.get("/id/first-congress-of-world-azerbaijanis", headers={"Accept": "text/html"}, follow_redirects=True)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert "First Congress of World Azerbaijanis" in html
    assert 'href="/doc/id/baku"' in html  # a link to the related entity
    assert "congress" in html.lower()  # its type
    quoted = [inferred_graph.value(ev, URIRef("http://www.w3.org/ns/prov#value")) for ev in
              inferred_graph.objects(ID["first-congress-of-world-azerbaijanis"], URIRef("https://w3id.org/azdiaspora/ontology#evidence"))]
    quote = str(next(q for q in quoted if q is not None))  # the held article's sentence (the reports are cited)
    assert quote.replace("“", "&#34;")[:40] in html or quote[:40] in html
    assert "news article" in html


def test_a_served_page_unfolds_why_an_inferred_fact_holds(http):
    """The served page reads the proofs from the store's graph:derivations, as the built page has them."""
    html = http.get("/doc/id/lets-be-one-gathering.html").text
    why = html.split("Inferred by reasoning", 1)[1]
    assert why.count("<summary>why</summary>") >= 5
    assert "prp-inv1" in why and "congratulated President Ilham Aliyev on his birthday" in why


def test_entity_page_in_the_readers_language(http, inferred_graph):
    az = next(str(x) for x in inferred_graph.objects(ID.azerbaijan, RDFS.label) if isinstance(x, Literal) and x.language == "az")
    en = next(str(x) for x in inferred_graph.objects(ID.azerbaijan, RDFS.label) if isinstance(x, Literal) and x.language == "en")
    page_az = http.get("/doc/id/azerbaijan.html", headers={"Accept-Language": "az, en;q=0.5"}).text
    page_en = http.get("/doc/id/azerbaijan.html", headers={"Accept-Language": "en"}).text
    assert f'<h1 lang="az">{az}</h1>' in page_az
    assert f'<h1 lang="en">{en}</h1>' in page_en
    assert 'href="http://www.wikidata.org/entity/Q227"' in page_en  # external links


def test_evidence_iris_resolve(http, inferred_graph):
    ev = next(inferred_graph.objects(ID.baku, URIRef("https://w3id.org/azdiaspora/ontology#evidence")))
    path = str(ev)[len("https://w3id.org/azdiaspora"):]
    r = http.get(path, headers={"Accept": "text/turtle"}, follow_redirects=True)
    assert r.status_code == 200
    g = Graph().parse(data=r.text, format="turtle")
    assert (ev, URIRef("http://www.w3.org/ns/prov#value"), None) in g


def test_a_renamed_record_keeps_its_old_iri_resolving(http, inferred_graph):
    """The meeting's id held a contested date (1991-12-06): it was renamed, and its old IRI is
    deprecated, replaced (in the data) and moved permanently (on the server)."""
    old, new = ID["meeting-of-the-supreme-assembly-1991-12-06"], ID["meeting-of-the-supreme-assembly-on-the-solidarity-day"]
    assert (old, URIRef("http://purl.org/dc/terms/isReplacedBy"), new) in inferred_graph
    assert (old, OWL.deprecated, Literal(True)) in inferred_graph and (old, RDF.type, None) not in inferred_graph
    r = http.get("/id/meeting-of-the-supreme-assembly-1991-12-06")
    assert r.status_code == 301 and r.headers["location"] == "/id/meeting-of-the-supreme-assembly-on-the-solidarity-day"
    r = http.get("/doc/id/meeting-of-the-supreme-assembly-1991-12-06.ttl")
    assert r.status_code == 301 and r.headers["location"] == "/doc/id/meeting-of-the-supreme-assembly-on-the-solidarity-day.ttl"
    r = http.get("/id/meeting-of-the-supreme-assembly-1991-12-06", headers={"Accept": "text/turtle"}, follow_redirects=True)
    assert r.status_code == 200 and (new, RDF.type, None) in Graph().parse(data=r.text, format="turtle")


def _as_of_text(http, entity: str, day: str) -> str:
    r = http.get(f"/doc/id/{entity}.html", params={"as_of": day})
    assert r.status_code == 200, r.text
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", r.text)).split())


def test_an_entity_page_as_of_a_day(http):
    """?as_of=YYYY-MM-DD shows what the sources place on that day, and says so where they place nothing."""
    new, old = "state-committee-for-work-with-diaspora", "state-committee-for-work-with-azerbaijanis-living-abroad"
    assert "As of 2019-06-30 existed (since 2008-11-19)" in _as_of_text(http, new, "2019-06-30")
    # no source ends the committee of 2002: the page says what changed, not that it was gone
    assert ("As of 2010-06-30 existed (since 2002-07-05; reorganised into State Committee for Work with Diaspora on "
            "2008-11-19; no source gives its end)") in _as_of_text(http, old, "2010-06-30")
    assert "As of 2001-06-30 The sources place nothing of it on that day" in _as_of_text(http, old, "2001-06-30")
    assert "existed (since 2002-07-05)" in _as_of_text(http, old, "2005-06-30")
    chairman = _as_of_text(http, "chairman-of-the-state-committee-for-work-with-diaspora", "2019-06-30")
    assert "held by Fuad Muradov (since 2018-04-23, read from context)" in chairman  # "April 23": the year is the report's
    assert "held the post of Chairman of the State Committee for Work with Diaspora" in _as_of_text(http, "fuad-muradov", "2019-06-30")
    day = _as_of_text(http, "day-of-solidarity-of-world-azerbaijanis", "1992-06-30")
    assert "the Day's name: International Solidarity Day of Azerbaijanis" in day
    assert "the Day's name: Day of Solidarity of World Azerbaijanis" in _as_of_text(http, "day-of-solidarity-of-world-azerbaijanis", "2005-06-30")
    assert http.get("/doc/id/baku.html", params={"as_of": "2019-02-30"}).status_code == 400
    assert http.get("/doc/id/baku.html", params={"as_of": "soon"}).status_code == 400


def test_unknown_entity_is_404(http):
    assert http.get("/doc/id/no-such-thing.html").status_code == 404
    assert http.get("/doc/id/no-such-thing.ttl").status_code == 404
    assert http.get("/doc/nothing/baku").status_code == 404


# ---------------------------------------------------------------- web view


def test_home_page_has_search_and_a_timeline_linking_every_item(http, inferred_graph, layout):
    html = http.get("/").text
    assert '<form class="search" action="/search"' in html
    assert '<svg id="timeline"' in html
    named = {q.name: q for q in list_queries(layout.queries)}
    items = {str(r.item) for r in run_query(inferred_graph, named["timeline"])}
    assert len(items) >= 10
    for iri in items:
        assert f'href="/doc/id/{iri.rsplit("/", 1)[-1]}"' in html
    # the dates read from the context of their sources say so, on the axis and in the list: the decision's
    # 6 December 1991 and the law's 25 December (the sentence gives no year), the Day of 2020 and 2023 (the reports
    # give the occasion, not the day)
    assert html.count("(read from context)") == 4 and html.count('<span class="badge">read from context</span>') == 4
    # the decision whose sources disagree on its date is marked so, on both of its dates
    assert html.count("sources disagree: also dated 1991-12-16") == 4  # decision and meeting, axis and list
    assert '<svg class="figures"' in html  # the network over the years
    years = {int(str(r.date)[:4]) for r in run_query(inferred_graph, named["timeline"])}
    assert min(years) == 1991 and max(years) == 2025


@pytest.mark.parametrize("q", ["Baku", "bakı", "BAKI"])
def test_search_finds_by_english_and_azerbaijani_labels(http, q):
    html = http.get("/search", params={"q": q}).text
    assert 'href="/doc/id/baku"' in html
    hits = http.get("/api/search", params={"q": q}).json()
    assert hits[0]["iri"] == str(ID.baku)


def test_search_for_nothing(http):
    assert http.get("/api/search", params={"q": "zzzqqq"}).json() == []
    assert http.get("/search").status_code == 200


def test_editor_has_the_named_queries_and_a_local_yasgui(http, layout):
    html = http.get("/editor").text
    doc = html.split('<script type="application/json" id="named-queries">', 1)[1].split("</script>", 1)[0]
    names = {q["name"] for q in json.loads(doc)}
    assert names == {q.name for q in list_queries(layout.queries) if not q.name.startswith("federated/")}
    assert "http" not in "".join(line for line in html.splitlines() if "<script src" in line or "stylesheet" in line)
    js = http.get("/static/vendor/yasgui/yasgui.min.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"] and len(js.content) > 500_000


def test_downloads_and_ontology_are_served(http, dist):
    assert http.get("/dist/graph.ttl").content == (dist / "graph.ttl").read_bytes()
    r = http.get("/ontology")
    assert r.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=r.text, format="turtle")) > 100


# ---------------------------------------------------------------- same answers as the build


def test_every_named_query_answers_as_in_the_build(dist, tmp_path, inferred_graph, layout):
    # a server with the default limits, so no answer is capped
    with kg_server(dist, tmp_path / "store") as base, httpx.Client(base_url=base, timeout=30) as client:
        for q in list_queries(layout.queries):
            if q.name.startswith("federated/"):
                continue
            local = json.loads(run_query(inferred_graph, q).serialize(format="json"))
            r = sparql(client, q.text, "application/sparql-results+json", method="POST")
            assert r.status_code == 200, (q.name, r.text)
            assert "KG-Results-Truncated" not in r.headers
            assert comparable_rows(r.json()) == comparable_rows(local), q.name
