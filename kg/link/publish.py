"""Push the built graphs to another triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

For when one machine is not enough. Tested against Oxigraph server (``/store``) and Virtuoso
(``/sparql-graph-crud-auth``, digest authentication, ``default_graph`` set); other stores that
speak the protocol (Fuseki's ``/DATASET/data``) take the same requests, untested here. Each named
graph of the TriG export is replaced (``PUT ?graph=IRI``), and the reasoned graph becomes the
default graph (``PUT ?default``) or the named graph ``default_graph``; nothing else in the store is
touched. Bodies are streamed from files, so a large graph is never held in memory twice.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox

from kg import __version__
from kg.errors import NotBuilt, RemoteError, UsageError
from kg.link.client import Credentials, http_client, redact, server_says
from kg.rdf.formats import NTRIPLES, TRIG, TURTLE

USER_AGENT = f"azdiaspora-kg/{__version__} (graph store upload)"


@dataclass(frozen=True)
class Pushed:
    graph: str  # IRI, or "default"
    triples: int
    status: int


def split_graphs(trig: Path, folder: Path) -> dict[str, tuple[Path, int]]:
    """Write each named graph of a TriG file to its own N-Triples file (streamed, one quad at a time)."""
    files: dict[str, tuple[Path, int]] = {}
    handles = {}
    try:
        for quad in ox.parse(path=str(trig), format=TRIG.oxigraph):
            if isinstance(quad.graph_name, ox.DefaultGraph):
                continue  # the TriG default graph holds metadata about the named graphs; pushed with them below
            name = quad.graph_name.value
            if name not in handles:
                path = folder / f"graph-{len(handles)}.nt"
                handles[name] = path.open("wb")
                files[name] = (path, 0)
            handles[name].write(f"{quad.triple} .\n".encode())  # a pyoxigraph term prints as N-Triples
            files[name] = (files[name][0], files[name][1] + 1)
    except SyntaxError as exc:
        raise NotBuilt(f"{trig}: does not parse ({exc}); run `kg build` again") from None
    finally:
        for h in handles.values():
            h.close()
    return files


def graph_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of one graph: ``?default`` or ``?graph=IRI`` added to what the
    endpoint's URL already asks (QLever's ``?access-token=…`` stays). Built here rather than with
    httpx's ``params=``, which replaces the URL's own query string: a bare ``PUT /store`` is a
    replace of the whole dataset, everyone's graphs included."""
    parts = urlsplit(endpoint)
    extra = "default" if graph is None else "graph=" + quote(graph, safe="")
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def _put(client: httpx.Client, endpoint: str, graph: str | None, path: Path, media_type: str) -> int:
    url = graph_url(endpoint, graph)
    shown, what = redact(endpoint), graph or "default"
    try:
        with path.open("rb") as body:
            response = client.put(url, content=body, headers={"Content-Type": media_type})
    except httpx.TimeoutException:
        raise RemoteError(f"{shown}: no answer within the timeout while uploading {path.name}") from None
    except httpx.HTTPError as exc:
        raise RemoteError(f"{shown}: cannot reach the graph store ({redact(str(exc))})") from None
    if response.status_code not in (200, 201, 204):
        raise RemoteError(f"{shown}: the graph store answered HTTP {response.status_code} to PUT {what} ({path.name})"
                          + server_says(response.text))
    ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype in ("text/html", "application/xhtml+xml") and response.content.strip():
        # Virtuoso answers a PUT without ?graph= or ?default with its query form and 200: nothing was
        # stored (its real answers to a PUT are empty, even where they say text/html)
        raise RemoteError(f"{shown}: answered PUT {what} with an HTML page, not as a Graph Store Protocol endpoint; "
                          "nothing was stored there (give the store's Graph Store Protocol URL)")
    return response.status_code


PROBE = "urn:azdiaspora:kg:auth-probe"  # a graph of nobody's, only asked for, never written


def _digest_handshake(client: httpx.Client, endpoint: str) -> None:
    """Fetch the digest challenge with a GET of a graph nobody has, so that the uploads, whose
    bodies stream from files and cannot be sent twice, carry their Authorization from the start."""
    try:
        response = client.get(graph_url(endpoint, PROBE))
    except httpx.HTTPError as exc:
        raise RemoteError(f"{redact(endpoint)}: cannot reach the graph store ({redact(str(exc))})") from None
    if response.status_code in (401, 403):
        raise RemoteError(f"{redact(endpoint)}: the graph store refused the user and password "
                          f"(HTTP {response.status_code}){server_says(response.text)}")


def push(dist: Path, endpoint: str, credentials: Credentials | None = None, timeout: float = 120.0,
         default_graph: str | None = None) -> list[Pushed]:
    """Replace our graphs at a Graph Store Protocol endpoint, and nothing else there.

    Each named graph of the TriG export is replaced, and the reasoned graph goes to the store's
    default graph, or, with ``default_graph``, to that named graph (for a store shared with others,
    whose default graph is not ours to replace). Graphs of other users are never touched."""
    trig, inferred = dist / "graph.trig", dist / "graph-inferred.ttl"
    for f in (trig, inferred):
        if not f.is_file():
            raise NotBuilt(f"{f}: not found; run `kg build` first")
    if default_graph is not None and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]+$", default_graph):
        raise UsageError(f"--default-graph {default_graph!r}: not an absolute IRI")
    endpoint, credentials = Credentials.from_url(endpoint, credentials)
    done: list[Pushed] = []
    with tempfile.TemporaryDirectory() as tmp, http_client(credentials, timeout, USER_AGENT) as client:
        if credentials is not None and credentials.scheme == "digest":
            _digest_handshake(client, endpoint)
        graphs = split_graphs(trig, Path(tmp))
        if default_graph in graphs:
            raise UsageError(f"--default-graph {default_graph}: one of the graphs the build writes; choose another IRI")
        status = _put(client, endpoint, default_graph, inferred, TURTLE.media_type)
        done.append(Pushed(default_graph or "default",
                           sum(1 for _ in ox.parse(path=str(inferred), format=TURTLE.oxigraph)), status))
        for name, (path, n) in sorted(graphs.items()):
            done.append(Pushed(name, n, _put(client, endpoint, name, path, NTRIPLES.media_type)))
    return done
