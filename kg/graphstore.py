"""Push the built graphs to another triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

For when one machine is not enough: Oxigraph server (``/store``), Apache Jena Fuseki
(``/DATASET/data``), Virtuoso (``/sparql-graph-crud-auth``), Amazon Neptune
(``/sparql/gsp/``) all take the same requests. Each named graph of the TriG export
is replaced (``PUT ?graph=IRI``), and the reasoned graph becomes the default graph
(``PUT ?default``), as in the embedded store. Bodies are streamed from files, so a
large graph is never held in memory twice.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox

from . import __version__
from .errors import QueryError, RemoteError

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
        for quad in ox.parse(path=str(trig), format=ox.RdfFormat.TRIG):
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
        raise QueryError(f"{trig}: does not parse ({exc}); run `kg build` again") from None
    finally:
        for h in handles.values():
            h.close()
    return files


def _put(client: httpx.Client, url: str, params: dict | None, path: Path, media_type: str) -> int:
    if params is None:  # the default graph: a bare "?default", as the protocol writes it
        url, params = url + ("&" if "?" in url else "?") + "default", {}
    try:
        with path.open("rb") as body:
            response = client.put(url, params=params, content=body, headers={"Content-Type": media_type})
    except httpx.TimeoutException:
        raise RemoteError(f"{url}: no answer within the timeout while uploading {path.name}") from None
    except httpx.HTTPError as exc:
        raise RemoteError(f"{url}: cannot reach the graph store ({exc})") from None
    if response.status_code not in (200, 201, 204):
        detail = response.text.strip().splitlines()[0][:300] if response.text.strip() else ""
        raise RemoteError(f"{url}: the graph store answered HTTP {response.status_code} to PUT {params or 'default'} ({path.name}): {detail}")
    return response.status_code


def push(dist: Path, endpoint: str, auth: tuple[str, str] | None = None, timeout: float = 120.0) -> list[Pushed]:
    """Replace the default graph and each named graph at a Graph Store Protocol endpoint."""
    trig, inferred = dist / "graph.trig", dist / "graph-inferred.ttl"
    for f in (trig, inferred):
        if not f.is_file():
            raise QueryError(f"{f}: not found; run `kg build` first")
    done: list[Pushed] = []
    with tempfile.TemporaryDirectory() as tmp, httpx.Client(auth=auth, timeout=timeout,
                                                             headers={"User-Agent": USER_AGENT}) as client:
        status = _put(client, endpoint, None, inferred, "text/turtle")
        done.append(Pushed("default", sum(1 for _ in ox.parse(path=str(inferred), format=ox.RdfFormat.TURTLE)), status))
        for name, (path, n) in sorted(split_graphs(trig, Path(tmp)).items()):
            done.append(Pushed(name, n, _put(client, endpoint, {"graph": name}, path, "application/n-triples")))
    return done
