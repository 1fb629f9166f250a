"""Protections below the application: how many connections, how long a request head may take,
how long a slow reader may hold an answer, which framing is refused, and how much is logged.

Why by hand: uvicorn (the HTTP server) has a keep-alive timeout but no timeout for a request
head that never completes, and its ``limit_concurrency`` answers 503 while keeping the
connection, so idle sockets still use up the process's file descriptors; once those are gone
nothing can be accepted and no worker process can be started. These are small subclasses and
wrappers of uvicorn's and Starlette's own types, not a server of our own.

- :func:`protocol` makes uvicorn's HTTP/1.1 protocol class (on httptools) refuse connections past a cap (503
  and close, before the cap reaches the descriptor limit) and close a connection whose request
  head is not complete within ``head_timeout`` seconds (408), on its first request and on every
  kept-alive one.
  A client that does not read its answer within ``send_timeout`` seconds is cut off.
- :class:`Guard` (ASGI middleware) refuses a request that carries both Content-Length and
  Transfer-Encoding (400, as RFC 9112 section 6.3 advises).
- :class:`RateLimit` (a logging filter) lets through a few lines of each kind per interval and
  then one line saying how many were dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import resource
import socket
import time

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from kg.errors import UsageError

log = logging.getLogger("kg.serve")

def _plain(status: str, text: str, *extra: str) -> bytes:
    """A whole HTTP/1.1 answer that closes the connection, for the protocol level (no app behind it)."""
    body = (text + "\n").encode()
    head = [f"HTTP/1.1 {status}", "Content-Type: text/plain; charset=utf-8", "Connection: close", *extra,
            f"Content-Length: {len(body)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


FULL = _plain("503 Service Unavailable", "the server has too many open connections; try again shortly", "Retry-After: 5")
SLOW_HEAD = _plain("408 Request Timeout", "the request head did not arrive in time; the connection is closed")


BACKLOG = 128  # connections asyncio accepts in one go before any of them is looked at


def descriptor_budget(wanted: int, workers: int) -> int:
    """The connection cap to use: ``wanted``, but always below the open-file limit, with room left
    for the worker processes' pipes, the log, and one burst of accepted connections not yet
    refused (the soft limit is first raised to the hard one)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            soft = hard
        except (ValueError, OSError):
            pass
    reserve = 64 + 16 * workers + BACKLOG
    return max(1, min(wanted, soft - reserve)) if soft != resource.RLIM_INFINITY else wanted


def protocol(max_connections: int, head_timeout: float, send_timeout: float) -> type[HttpToolsProtocol]:
    """uvicorn's HTTP/1.1 protocol on httptools (llhttp, Node.js's C parser: the front's CPU per
    request is a fifth to a third below that on h11's pure-Python parser, README "Measurements"),
    with a connection cap, a request-head timeout and a send timeout (a client that stops
    reading: its socket buffer full, the transport paused, and not
    resumed within ``send_timeout``, is cut off and its buffered answer freed)."""

    class GuardedProtocol(HttpToolsProtocol):
        _head_timer: asyncio.TimerHandle | None = None
        _head_cycle = None
        _send_timer: asyncio.TimerHandle | None = None
        open_connections: set = set()  # uvicorn's own set of connections, once the first one is made

        @classmethod
        def buffered(cls) -> int:
            """Bytes of answers written by the application and not yet taken by clients' sockets,
            all connections together (slow readers leave them in this process)."""
            total = 0
            for connection in list(cls.open_connections):
                transport = getattr(connection, "transport", None)
                if transport is not None and not transport.is_closing():
                    total += transport.get_write_buffer_size()
            return total

        def pause_writing(self) -> None:
            super().pause_writing()
            if self._send_timer is None:
                self._send_timer = self.loop.call_later(send_timeout, self._send_timed_out)

        def resume_writing(self) -> None:
            if self._send_timer is not None:
                self._send_timer.cancel()
                self._send_timer = None
            super().resume_writing()

        def _send_timed_out(self) -> None:
            self._send_timer = None
            client = self.client[0] if self.client else "?"
            log.warning("dropped %s: it did not read its answer within %g s", client, send_timeout)
            self.transport.abort()

        def connection_made(self, transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            no_delay(transport)  # whatever socket uvicorn was given (see listening_socket)
            GuardedProtocol.open_connections = self.connections
            if len(self.connections) > max_connections:
                # said and closed at once: a close that waits for the buffer to drain would hold the
                # descriptor through the flood
                with contextlib.suppress(OSError):
                    os.write(transport.get_extra_info("socket").fileno(), FULL)  # a few bytes: fits the buffer
                transport.abort()
                return
            self._arm_head_timer()

        def connection_lost(self, exc) -> None:
            self._disarm_head_timer()
            if self._send_timer is not None:
                self._send_timer.cancel()
                self._send_timer = None
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            waiting_for_head = self.cycle is None or self.cycle.response_complete
            if waiting_for_head and (self._head_timer is None or self._head_cycle is not self.cycle):
                self._arm_head_timer()  # the head of a kept-alive connection's next request has begun
            super().data_received(data)

        def _arm_head_timer(self) -> None:
            self._disarm_head_timer()
            self._head_cycle = self.cycle
            self._head_timer = self.loop.call_later(head_timeout, self._head_timed_out)

        def _disarm_head_timer(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _head_timed_out(self) -> None:
            self._head_timer = None
            if self.cycle is not self._head_cycle:
                return  # a request head arrived in time
            if self.transport.is_closing():
                return
            if self.cycle is None or self.cycle.response_complete:  # no request under way: its head is late
                self.transport.write(SLOW_HEAD)
                self.transport.close()

    return GuardedProtocol


class Guard:
    """ASGI middleware: refuse a request that carries both Content-Length and Transfer-Encoding
    (400 and close: two framings of one body are how requests are smuggled past proxies)."""

    REFUSAL = b"a request may not carry both Content-Length and Transfer-Encoding (RFC 9112, section 6.3)\n"

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            chunked = length = False
            for name, _value in scope["headers"]:  # uvicorn gives them lower-cased
                if name == b"transfer-encoding":
                    chunked = True
                elif name == b"content-length":
                    length = True
            if chunked and length:
                await send({"type": "http.response.start", "status": 400,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close"),
                                        (b"content-length", str(len(self.REFUSAL)).encode())]})
                await send({"type": "http.response.body", "body": self.REFUSAL})
                return
        await self.app(scope, receive, send)


class RateLimit(logging.Filter):
    """At most ``burst`` lines of one kind (logger, level, message template) per ``interval``
    seconds; then a single line saying how many were dropped, when the next interval starts."""

    def __init__(self, burst: int = 10, interval: float = 10.0, clock=time.monotonic):
        super().__init__()
        self.burst, self.interval, self.clock = burst, interval, clock
        self.windows: dict[tuple, list] = {}  # kind -> [window start, lines passed, lines dropped]

    def filter(self, record: logging.LogRecord) -> bool:
        kind = (record.name, record.levelno, str(record.msg)[:200])
        now = self.clock()
        window = self.windows.get(kind)
        if window is None or now - window[0] >= self.interval:
            dropped = window[2] if window else 0
            if len(self.windows) > 1000:
                self.windows.clear()
            self.windows[kind] = [now, 1, 0]
            if dropped:
                record.msg = f"{record.msg} [and {dropped} more like this were not logged]"
            return True
        if window[1] < self.burst:
            window[1] += 1
            return True
        window[2] += 1
        return False


def limit_logging(burst: int = 10, interval: float = 10.0) -> RateLimit:
    """Put one rate limit on the handlers that write the server's log: the root logger's (asyncio's
    and our own lines reach it) and uvicorn's (which do not propagate). On handlers only, so that
    each line is counted once, however many loggers it passes on its way."""
    limiter = RateLimit(burst, interval)
    handlers = {h for name in ("", "uvicorn", "uvicorn.access") for h in logging.getLogger(name).handlers}
    for handler in handlers:
        handler.addFilter(limiter)
    return limiter


def no_delay(transport) -> None:
    """Turn Nagle's algorithm off on a connection's TCP socket (see :func:`listening_socket`)."""
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def listening_socket(host: str, port: int) -> socket.socket:
    """The server's socket, bound and listening before the server says it serves: a port in use
    is a UsageError then, not a message after "serving"."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on sockets whose
    # proto says TCP, and an accepted socket takes the listener's. With proto 0, a kept-alive
    # connection waited about 40 ms for each answer's second write (Nagle against the client's
    # delayed ACK): 44 ms a request against 2 ms with a new connection each time (bench_serve.py).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(BACKLOG)
    except OSError as exc:
        sock.close()
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}; choose another --port or --host") from None
    sock.set_inheritable(True)
    return sock
