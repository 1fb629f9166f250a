"""The embedded store that serves the graph: an Oxigraph (RocksDB) database on disk.

rdflib builds and reasons; Oxigraph answers queries. :func:`fill_store` loads
the built ``dist/`` into a store folder once: the reasoned graph goes into the
default graph, each article's statements into its own named graph (as in the
TriG export). A stamp of the loaded files is kept beside the data, so starting
the server again on an unchanged ``dist/`` re-uses the store instead of
re-loading it; a changed ``dist/`` is loaded into a fresh folder that is
swapped in whole, so a failed load never leaves a half-filled store behind.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import NotBuilt, OutputError
from kg.rdf.files import swap_in, through_link
from kg.rdf.formats import TRIG, TURTLE

#: What the served store holds: file in dist/ -> how it is loaded.
STORE_FILES = (
    ("graph-inferred.ttl", TURTLE),  # the default graph: facts plus OWL 2 RL inferences
    ("graph.trig", TRIG),  # one named graph per article, the ontology, the links
)
STAMP = "kg-store.json"


@dataclass(frozen=True)
class StoreInfo:
    location: Path
    reused: bool
    quads: int
    graphs: int


def dist_stamp(dist: Path) -> dict[str, str]:
    """A digest of each file the store is loaded from."""
    stamp = {}
    for name, _fmt in STORE_FILES:
        path = dist / name
        if not path.is_file():
            raise NotBuilt(f"{path}: not found; run `kg build` (or `make build`) before serving or loading")
        digest = hashlib.sha256()
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        stamp[name] = digest.hexdigest()
    return stamp


def read_stamp(location: Path) -> dict | None:
    try:
        return json.loads((location / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def count(location: Path) -> tuple[int, int]:
    store = ox.Store.read_only(str(location))
    return len(store), sum(1 for _ in store.named_graphs())


@contextmanager
def _filling(location: Path):
    """Hold the store's lock (one fill at a time) and remove what an interrupted fill left beside
    it: a ``kill -9`` during a load leaves its ``.NAME.new-*`` folder, and nothing else would
    ever remove it."""
    parent = location.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        lock = (parent / f".{location.name}.lock").open("a")
    except OSError as exc:
        raise OutputError(f"{location}: cannot create the store folder: {exc.strerror}") from None
    with lock, _serving_lock(location).open("a") as served:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:  # a running server holds this one shared for its life: never swap the store from under it
            fcntl.flock(served, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(f"{location}: a running `kg serve` is serving this store; stop it before loading a new "
                              "dist/ into it, or load into another --store") from None
        for stale in [*parent.glob(f".{location.name}.new-*"), *parent.glob(f".{location.name}.old-*")]:
            shutil.rmtree(stale, ignore_errors=True)
        yield


@contextmanager
def serving(location: Path):
    """Held by a running server for its life (a shared lock beside the store): `kg load`, which
    takes it whole, then refuses to swap the store from under the server's workers."""
    with _serving_lock(through_link(location)).open("a") as served:
        fcntl.flock(served, fcntl.LOCK_SH)
        yield


def _serving_lock(location: Path) -> Path:
    return location.parent / f".{location.name}.serving"


def fill_store(dist: Path, location: Path, force: bool = False) -> StoreInfo:
    """Make ``location`` hold exactly the graphs of ``dist``; re-use it when it already does.
    (A symbolic link stays, and the folder it points to is what is replaced.)"""
    location = through_link(location)
    stamp = dist_stamp(dist)
    if not force and read_stamp(location) == stamp:
        return StoreInfo(location, True, *count(location))
    with _filling(location):
        return _fill(dist, location, stamp)


def _fill(dist: Path, location: Path, stamp: dict) -> StoreInfo:
    parent = location.parent
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{location.name}.new-", dir=parent))
    except OSError as exc:
        raise OutputError(f"{location}: cannot create the store folder: {exc.strerror}") from None
    try:
        store = ox.Store(str(tmp))
        for name, fmt in STORE_FILES:
            store.bulk_load(path=str(dist / name), format=fmt.oxigraph)
        store.optimize()
        store.flush()
        del store
        (tmp / STAMP).write_text(json.dumps(stamp, indent=2, sort_keys=True), encoding="utf-8")
        if location.exists() and read_stamp(location) is None and any(location.iterdir()):
            raise OutputError(f"{location}: exists and is not a store made by `kg`; choose another --store folder")
        swap_in(tmp, location)
    except SyntaxError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise NotBuilt(f"{dist}: a built file does not parse ({exc}); run `kg build` again") from None
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(f"{location}: cannot write the store: {exc}") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return StoreInfo(location, False, *count(location))
