"""Hostile input: each classic hole of RDF tooling, shown closed against a real `kg serve`
process on loopback (or the real CLI): server-side request forgery (a canary server must see
no request), XML external entities and entity bombs, unsafe YAML, path traversal, unbounded
work and starvation, leaks in error messages, and markup in the graph's values."""

from __future__ import annotations

import http.client
import json
import threading
import time
from pathlib import Path

import httpx
import pytest
from servers import Misbehaving, kg_server

from kg.build.pipeline import build_and_write
from kg.cli import main
from kg.errors import EXIT_DATA, EXIT_OK, EXIT_QUERY, RemoteError
from kg.link.client import RemoteConfig, SparqlClient

pytestmark = pytest.mark.enable_socket
SECRET = "TOP-SECRET-6f1d2c"
HOSTILE = '<script>alert("kg")</script><img src=x onerror=alert(1)> & “quotes”'
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
QUICK = "ASK { ?s ?p ?o }"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A project whose labels carry markup, built; a secret file planted beside dist/."""
    import shutil

    from kg.layout import Layout

    root = tmp_path_factory.mktemp("hostile")
    src = Path(__file__).resolve().parent.parent
    for name in ("data", "ontology", "queries"):
        shutil.copytree(src / name, root / name)
    edit(root / "data/records/places.yaml", "label: {en: Baku, az: Bakı}", "label: {en: 'Baku " + HOSTILE.replace("'", "''") + "', az: Bakı}")
    edit(root / "data/records/events.yaml", "  label: First Congress of World Azerbaijanis\n",
         "  label: 'First Congress " + HOSTILE.replace("'", "''") + "'\n")
    layout = Layout(root)
    build_and_write(layout, root / "dist")
    (root / "secret.txt").write_text(SECRET, encoding="utf-8")
    return layout


@pytest.fixture(scope="module")
def allowed_canary():
    with Misbehaving("ok") as canary:
        yield canary


@pytest.fixture(scope="module")
def server(hostile, allowed_canary, tmp_path_factory):
    store = tmp_path_factory.mktemp("store") / "s"
    with kg_server(hostile.root / "dist", store, "--timeout", "2", "--workers", "2", "--client-queue", "3",
                   "--federate", allowed_canary.endpoint) as base:
        yield base


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server, timeout=30) as c:
        yield c


def count(client) -> int:
    r = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"})
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


# ---------------------------------------------------------------- server-side request forgery


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <{url}?x=1> {{ ?s ?p ?o }} }}",
    "PREFIX c: <{base}> SELECT * WHERE {{ SERVICE c:sparql {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
])
def test_service_to_an_endpoint_not_allowed_reaches_nothing(client, template):
    with Misbehaving("ok") as canary:
        url = canary.endpoint
        r = client.get("/sparql", params={"query": template.format(url=url, base=url.rsplit("/", 1)[0] + "/")})
        time.sleep(0.2)
        assert canary.requests == []
    assert r.status_code == 403


def test_service_to_an_allowed_endpoint_is_called(client, allowed_canary):
    before = len(allowed_canary.requests)
    r = client.get("/sparql", params={"query": f"SELECT * WHERE {{ SERVICE <{allowed_canary.endpoint}> {{ ?s ?p ?o }} }}"})
    assert r.status_code == 200, r.text
    assert len(allowed_canary.requests) == before + 1


def test_json_ld_remote_context_is_never_fetched(tmp_path, capsys):
    with Misbehaving("ok") as canary:
        for doc in ({"@context": canary.endpoint, "@id": "http://a", "http://b": "c"},
                    {"@context": [{"@import": canary.endpoint}], "@id": "http://a"},
                    {"@graph": [{"@context": canary.endpoint, "@id": "http://a"}]}):
            f = tmp_path / "evil.jsonld"
            f.write_text(json.dumps(doc), encoding="utf-8")
            assert main(["query", "timeline", "--graph", str(f)]) == EXIT_QUERY
            assert "remote context" in capsys.readouterr().err
        assert canary.requests == []


def test_a_graph_url_is_not_downloaded(capsys):
    with Misbehaving("ok") as canary:
        assert main(["query", "timeline", "--graph", canary.endpoint + ".ttl"]) == EXIT_QUERY
        assert canary.requests == []


def test_from_clauses_do_not_download(dist, tmp_path, capsys):
    with Misbehaving("ok") as canary:
        q = tmp_path / "from.rq"
        q.write_text(f"SELECT * FROM <{canary.endpoint}> WHERE {{ ?s ?p ?o }} LIMIT 1", encoding="utf-8")
        main(["query", str(q), "--graph", str(dist / "graph-inferred.ttl")])
        assert canary.requests == []


# ---------------------------------------------------------------- XML external entities and bombs

XXE = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY secret SYSTEM "file://{path}"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&secret;</ex:p></rdf:Description>
</rdf:RDF>
"""
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [ <!ENTITY lol "lollollollollollollollollollol">
""" + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10)) + """]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&lol9;</ex:p></rdf:Description>
</rdf:RDF>
"""


def test_rdf_xml_external_entity_reads_no_file(tmp_path, capsys):
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    f = tmp_path / "evil.rdf"
    f.write_text(XXE.format(path=tmp_path / "secret.txt"), encoding="utf-8")
    q = tmp_path / "all.rq"
    q.write_text("SELECT ?o WHERE { ?s ?p ?o }", encoding="utf-8")
    code = main(["query", str(q), "--graph", str(f), "-f", "csv"])
    out, err = capsys.readouterr()
    assert SECRET not in out and SECRET not in err
    assert code in (EXIT_OK, EXIT_QUERY)


def test_rdf_xml_entity_bomb_is_stopped(tmp_path, capsys):
    f = tmp_path / "bomb.rdf"
    f.write_text(LAUGHS, encoding="utf-8")
    q = tmp_path / "all.rq"
    q.write_text("SELECT ?o WHERE { ?s ?p ?o }", encoding="utf-8")
    t0 = time.monotonic()
    assert main(["query", str(q), "--graph", str(f)]) == EXIT_QUERY
    assert time.monotonic() - t0 < 10
    assert "bomb.rdf" in capsys.readouterr().err


@pytest.mark.parametrize("body", [XXE.format(path="/etc/passwd"), LAUGHS])
def test_an_endpoint_answering_xml_gets_no_xml_parser(body, tmp_path):
    with Misbehaving("ok") as server:
        # swap the answer for hostile SPARQL XML results
        server.server.RequestHandlerClass.do_POST = _xml_answer(body.replace("rdf:RDF", "sparql"))
        client = SparqlClient(RemoteConfig(endpoint=server.endpoint, retries=0, cache_dir=None))
        with pytest.raises(RemoteError, match="not SPARQL JSON") as info:
            client.select("SELECT * WHERE { ?s ?p ?o }")
    assert "root:" not in str(info.value)


def _xml_answer(body: str):
    def do_POST(self):  # noqa: N802 - http.server's naming
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+xml")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    return do_POST


# ---------------------------------------------------------------- safe data loading


@pytest.mark.parametrize("payload", [
    '!!python/object/apply:os.system ["touch {marker}"]',
    '!!python/object/new:subprocess.check_output [["touch", "{marker}"]]',
    "!!python/name:os.system",
])
def test_yaml_that_constructs_objects_is_an_error_and_runs_nothing(project, payload, capsys):
    marker = project.root / "PWNED"
    edit(project.root / "data/records/places.yaml", "label: {en: Baku, az: Bakı}", "label: " + payload.format(marker=marker))
    assert main(["--root", str(project.root), "validate"]) == EXIT_DATA
    err = capsys.readouterr().err
    assert "data/records/places.yaml:" in err and "not valid YAML" in err
    assert not marker.exists()


def test_yaml_alias_bomb_is_refused(project, capsys):
    bomb = "".join(f"x{i}: &x{i} [" + ", ".join([f"*x{i - 1}"] * 9 if i else ["lol"] * 9) + "]\n" for i in range(9))
    (project.root / "data/records/bomb.yaml").write_text(bomb, encoding="utf-8")
    t0 = time.monotonic()
    assert main(["--root", str(project.root), "validate"]) == EXIT_DATA
    assert time.monotonic() - t0 < 30
    assert "alias" in capsys.readouterr().err


# ---------------------------------------------------------------- path traversal


@pytest.mark.parametrize("path", [
    "/dist/../secret.txt", "/dist/%2e%2e/secret.txt", "/dist/..%2fsecret.txt", "/dist/%2e%2e%2fsecret.txt",
    "/dist/%252e%252e/secret.txt", "/dist/%252e%252e%252fsecret.txt", "/dist/..%5csecret.txt", "/dist/%c0%ae%c0%ae/secret.txt",
    "/dist/html/../../secret.txt", "/dist/./../secret.txt", "/dist//../secret.txt", "/dist/%2e%2e/%2e%2e/etc/passwd",
    "/static/../../../../../../etc/passwd", "/static/%2e%2e/serve.py", "/static/..%2fserve.py", "/static/vendor/../../serve.py",
    "/doc/id/..%2f..%2fsecret.txt", "/doc/id/../../secret.txt", "/id/%2e%2e/%2e%2e/secret.txt", "//etc/passwd",
    "/dist/secret.txt%00.ttl", "/dist/%00", "/ontology/../secret.txt",
])
def test_no_path_leaves_the_served_folders(server, path):
    host, port = server.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.request("GET", path, headers={"Accept": "text/turtle"})
    r = conn.getresponse()
    body = r.read().decode(errors="replace")
    conn.close()
    assert r.status in (303, 400, 404, 405), (path, r.status)
    assert SECRET not in body and "root:" not in body and "def create_app" not in body


# ---------------------------------------------------------------- bounded work, fairness


def from_address(server: str, address: str) -> httpx.Client:
    """A client on its own loopback address: to the server, another user."""
    return httpx.Client(base_url=server, timeout=60, transport=httpx.HTTPTransport(local_address=address))


def burst(client: httpx.Client, query: str, n: int, gap: float = 0.0) -> tuple[list[threading.Thread], list[int]]:
    """Send ``query`` ``n`` times at once from ``client``; the statuses arrive as the answers do."""
    statuses: list[int] = []
    threads = [threading.Thread(target=lambda: statuses.append(client.get("/sparql", params={"query": query}).status_code))
               for _ in range(n)]
    for t in threads:
        t.start()
        time.sleep(gap)
    return threads, statuses


def test_one_clients_burst_does_not_starve_another(server):
    """Client A (127.0.0.2) sends heavy queries, more than there are workers; client B
    (127.0.0.3) is answered at once, because one client never holds every worker."""
    a, b = from_address(server, "127.0.0.2"), from_address(server, "127.0.0.3")
    threads, statuses = burst(a, SLOW, 4)
    time.sleep(0.5)
    t0 = time.monotonic()
    r = b.get("/sparql", params={"query": QUICK})
    waited = time.monotonic() - t0
    for t in threads:
        t.join(60)
    a.close()
    b.close()
    assert r.status_code == 200
    assert waited < 1.0, f"client B waited {waited:.2f}s behind client A's burst"
    assert sorted(statuses) == [503] * 4  # each heavy query stopped at the time limit, one after another


def test_a_client_with_too_many_waiting_gets_429(server, client):
    a = from_address(server, "127.0.0.4")
    threads, statuses = burst(a, SLOW, 6, gap=0.05)
    for t in threads:
        t.join(60)
    a.close()
    assert statuses.count(429) >= 1  # 1 running + 3 waiting allowed (--client-queue 3)
    assert client.get("/sparql", params={"query": QUICK}).status_code == 200


# ---------------------------------------------------------------- no leaks, no markup


BAD_REQUESTS = [
    ("GET", "/sparql?query=SELECT%20%3Fs%20WHERE%20%7B", None, None),
    ("GET", "/sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D&default-graph-uri=not%20an%20iri", None, None),
    ("POST", "/sparql", "application/sparql-query", b"\xff\xfe\x00"),
    ("POST", "/sparql", "application/json", b"{}"),
    ("PUT", "/sparql", "text/turtle", b"<a> <b> <c> ."),
    ("DELETE", "/dist/graph.ttl", None, None),
    ("GET", "/doc/id/%ff%fe", None, None),
    ("GET", "/no/such/page", None, None),
    ("GET", "/sparql?query=ASK%7B%7D&format=%3Cscript%3E", None, None),
]


@pytest.mark.parametrize("method, path, ctype, body", BAD_REQUESTS)
def test_errors_show_the_mistake_not_the_machine(client, method, path, ctype, body):
    r = client.request(method, path, content=body, headers={"Content-Type": ctype} if ctype else {})
    assert 400 <= r.status_code < 500, (path, r.status_code, r.text)
    for leak in ("Traceback", "File \"", "/work/", "site-packages", ".py", "rdflib", "pyoxigraph", "starlette", "uvicorn",
                 "pebble", "Python/"):
        assert leak not in r.text, (path, leak, r.text)
    assert "server" not in {k.lower() for k in r.headers}
    assert "<script>" not in r.text


def test_markup_in_the_graph_is_shown_as_text(client):
    pages = [client.get("/doc/id/baku.html").text, client.get("/").text,
             client.get("/search", params={"q": "Baku"}).text, client.get("/doc/id/first-congress-of-world-azerbaijanis.html").text,
             client.get("/search", params={"q": '<script>alert("q")</script>'}).text]
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(" in pages[0]  # shown, escaped
    assert "&lt;script&gt;alert(" in pages[1]  # in the timeline, too
    assert "&lt;script&gt;alert(&#34;q&#34;)&lt;/script&gt;" in pages[4]


def test_the_data_never_changes(client, hostile):
    before = count(client)
    for update in ("CLEAR ALL", "DROP DEFAULT", "LOAD <http://127.0.0.1:1/x>", "DELETE WHERE { ?s ?p ?o }"):
        assert client.post("/sparql", data={"update": update}).status_code == 403
        assert client.post("/sparql", data={"query": update}).status_code == 403
    assert count(client) == before
