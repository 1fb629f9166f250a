"""Real servers on loopback for tests: an Oxigraph SPARQL server, and a misbehaving HTTP server."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(found).exists():
        raise RuntimeError("the oxigraph server is not installed; `pip install -e '.[test]'` installs it")
    return found


@contextmanager
def oxigraph_server(*files: Path) -> Iterator[str]:
    """Load ``files`` into a fresh store, serve it read-only on 127.0.0.1; yield the query endpoint."""
    binary = oxigraph_binary()
    with tempfile.TemporaryDirectory() as store:
        for f in files:
            subprocess.run([binary, "load", "--location", store, "--file", str(f)], check=True, capture_output=True)
        port = free_port()
        proc = subprocess.Popen([binary, "serve-read-only", "--location", store, "--bind", f"127.0.0.1:{port}"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        endpoint = f"http://127.0.0.1:{port}/query"
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
                    break
                except OSError as exc:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError("oxigraph did not start") from exc
                    time.sleep(0.1)
            yield endpoint
        finally:
            proc.terminate()
            proc.wait(timeout=10)


class _Background:
    """An http.server on loopback, served from a thread while the `with` block runs."""

    def _serve(self, server: ThreadingHTTPServer) -> str:
        self.server = server
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


EMPTY_RESULTS = json.dumps({"head": {"vars": []}, "results": {"bindings": []}}).encode()


CANNED = {
    "malformed": ("application/sparql-results+json", b"<html>Service temporarily unavailable</html>"),
    "html": ("text/html; charset=UTF-8", b"<html><body><form>SPARQL query</form></body></html>"),  # Virtuoso's query form
}


class Misbehaving(_Background):
    """An HTTP server on loopback that fails in one chosen way; counts the requests it gets."""

    def __init__(self, mode: str, fail_times: int = 10**9, retry_after: str | None = "0", hang: float = 5.0):
        self.mode, self.fail_times, self.retry_after, self.hang = mode, fail_times, retry_after, hang
        self.requests: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                outer.requests.append({"user-agent": self.headers.get("User-Agent"), "path": self.path,
                                       "method": self.command})
                n = len(outer.requests)
                if outer.mode in ("429", "503") and n <= outer.fail_times:
                    self.send_response(int(outer.mode))
                    if outer.retry_after is not None:
                        self.send_header("Retry-After", outer.retry_after)
                    self.end_headers()
                    return
                if outer.mode in CANNED:  # a 200 whose body is not what was asked for
                    media, body = CANNED[outer.mode]
                    self.send_response(200)
                    self.send_header("Content-Type", media)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                if outer.mode == "hang":
                    time.sleep(outer.hang)
                if outer.mode == "500":
                    self.send_response(500)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(EMPTY_RESULTS)))
                self.end_headers()
                self.wfile.write(EMPTY_RESULTS)

            do_GET = do_PUT = do_POST

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address):  # a client that hung up early is expected here
                pass

        self.endpoint = self._serve(Server(("127.0.0.1", 0), Handler)) + "/sparql"


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError as exc:
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited with code {proc.returncode}") from exc
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer within {seconds} s") from exc
            time.sleep(0.1)


@contextmanager
def kg_server(dist: Path, store: Path, *options: str, nofile: int | None = None,
              log_path: Path | None = None) -> Iterator[str]:
    """`kg serve` as a real process on 127.0.0.1; yields its base URL (no trailing slash).
    ``nofile``: the process's open-file limit (soft and hard, as a service manager sets it);
    ``log_path``: where its output goes (else a temporary file)."""
    import resource

    def limit():
        if nofile:
            resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))

    port = free_port()
    with (log_path.open("w+b") if log_path else tempfile.TemporaryFile()) as log:
        proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--dist", str(dist), "--store", str(store),
                                 "--port", str(port), *options], stdout=log, stderr=subprocess.STDOUT,
                                preexec_fn=limit if nofile else None)
        base = f"http://127.0.0.1:{port}"
        try:
            try:
                wait_for(base + "/health", proc)
            except RuntimeError:
                log.seek(0)
                raise RuntimeError("kg serve did not start:\n" + log.read().decode(errors="replace")) from None
            yield base
        finally:
            stop(proc, 15)


def stop(proc: subprocess.Popen, seconds: float) -> None:
    """Ask a server process to stop; kill it if it has not within ``seconds``."""
    proc.terminate()
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@contextmanager
def oxigraph_writable() -> Iterator[str]:
    """An empty, writable Oxigraph server on 127.0.0.1; yields its base URL (/query, /store)."""
    binary = oxigraph_binary()
    with tempfile.TemporaryDirectory() as store:
        port = free_port()
        proc = subprocess.Popen([binary, "serve", "--location", store, "--bind", f"127.0.0.1:{port}"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(base + "/", proc, 20)
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=10)


class AuthProxy(_Background):
    """A reverse proxy on loopback that asks for HTTP basic authentication, as a password-protected
    Fuseki or a store behind a web server does, and passes what it lets through to ``upstream``
    (a real Oxigraph server). Answers 401 with a challenge otherwise; records what it saw."""

    def __init__(self, upstream: str, user: str, password: str):
        import base64

        self.expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self.seen: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _forward(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.seen.append({"method": self.command, "path": self.path,
                                   "authorized": self.headers.get("Authorization") == outer.expected})
                if self.headers.get("Authorization") != outer.expected:
                    message = b"401 Unauthorized: give the right user and password\n"
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="store"')
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(message)))
                    self.end_headers()
                    self.wfile.write(message)
                    return
                request = urllib.request.Request(upstream + self.path, data=body or None, method=self.command,
                                                 headers={k: v for k, v in self.headers.items()
                                                          if k.lower() in ("content-type", "accept")})
                try:
                    with urllib.request.urlopen(request, timeout=60) as answer:
                        status, headers, data = answer.status, answer.headers, answer.read()
                except urllib.error.HTTPError as exc:
                    status, headers, data = exc.code, exc.headers, exc.read()
                self.send_response(status)
                self.send_header("Content-Type", headers.get("Content-Type") or "text/plain")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = _forward

        self.base = self._serve(ThreadingHTTPServer(("127.0.0.1", 0), Handler))


VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DirsAllowed = {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
[SPARQL]
ResultSetMaxRows = 100000
"""


class Virtuoso:
    """Debian's Virtuoso (virtuoso-t, installed by `make test`) with a fresh database on 127.0.0.1:
    ``base`` is its URL (/sparql, and /sparql-graph-crud-auth with digest auth as dba:dba).

    Run in the foreground, Virtuoso writes its log to standard output; it is kept in a file, so
    that when the server dies its last words (a GPF's place in Virtuoso's code) are in the
    failure. Debian's 7.2.5 has been seen to die, rarely, on a query it
    answers on every other run (once in a CI run of the suite, once in about 75 runs of
    tests/test_virtuoso.py's queries with both cores busy): ``restart`` brings up a fresh database
    on the same ports, so a test can tell the two apart (tests/test_virtuoso.py)."""

    def __init__(self) -> None:
        binary = shutil.which("virtuoso-t")
        if binary is None:
            raise RuntimeError("Virtuoso is not installed: `make test` installs Debian's virtuoso-opensource-7-bin "
                               "(tools/install-debian.sh)")
        self.binary = binary
        self.http_port, self.sql_port = free_port(), free_port()
        self.base = f"http://127.0.0.1:{self.http_port}"
        self.folder: tempfile.TemporaryDirectory | None = None
        self.proc: subprocess.Popen | None = None
        self.crashes: list[str] = []  # the log's tail at each death seen

    def start(self) -> None:
        self.folder = tempfile.TemporaryDirectory()
        folder = Path(self.folder.name)
        ini = folder / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=self.sql_port, http_port=self.http_port),
                       encoding="utf-8")
        with open(folder / "stdout.log", "wb") as log:
            self.proc = subprocess.Popen([self.binary, "-f", "-c", str(ini)], cwd=folder, stdout=log,
                                         stderr=subprocess.STDOUT)
        wait_for(self.base + "/sparql?query=ASK%7B%7D", self.proc, 60)

    @property
    def dead(self) -> bool:
        """Whether the server has exited (it is given a moment to, after a dropped connection)."""
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            return False
        return True

    def log_tail(self, lines: int = 30) -> str:
        text = (Path(self.folder.name) / "stdout.log").read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.proc is not None:
            stop(self.proc, 30)
        if self.folder is not None:
            self.folder.cleanup()

    def restart(self) -> None:
        """Note the dead server's last words, then start a fresh database on the same ports."""
        self.crashes.append(f"exit code {self.proc.returncode}:\n{self.log_tail()}")
        self.stop()
        self.start()


@contextmanager
def virtuoso_server() -> Iterator[Virtuoso]:
    """A started `Virtuoso`, stopped and removed afterwards."""
    server = Virtuoso()
    try:
        server.start()
        yield server
    finally:
        server.stop()
