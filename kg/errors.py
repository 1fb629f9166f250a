"""The one error family: every error a user can fix, with its CLI exit code and its HTTP status.

Every error a user can fix (bad input data, a failing shape, a bad query, a missing build, a
refused request) is a :class:`KGError`. Each class states its exit code and its HTTP status; the
CLI (:mod:`kg.cli`) and the server (:mod:`kg.serve.app`) read them from the class and from nothing
else. Anything else that escapes is a bug and is reported as one (exit code 1, HTTP 500).

An error may carry the :class:`~kg.problems.Problem` values that caused it (every problem of the
curated data, every SHACL violation), printed one per line under its message.
"""

from __future__ import annotations

from collections.abc import Iterable

# Documented exit codes (README "Exit codes"; a test holds the table against these classes).
EXIT_OK = 0
EXIT_BUG = 1
EXIT_USAGE = 2
EXIT_DATA = 3
EXIT_VALIDATION = 4
EXIT_INCONSISTENT = 5
EXIT_QUERY = 6
EXIT_OUTPUT = 7
EXIT_REMOTE = 8
EXIT_NOT_BUILT = 9
EXIT_UNAVAILABLE = 10
EXIT_DOES_NOT_HOLD = 11


class KGError(Exception):
    """Base of every error caused by the user's input or request. Not raised itself: each subclass
    states ``exit_code`` and ``http_status`` (checked when the class is defined)."""

    exit_code: int
    http_status: int
    headers: dict[str, str] = {}  # HTTP headers its answer carries (Retry-After, Connection: close)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        missing = [name for name in ("exit_code", "http_status") if not hasattr(cls, name)]
        if missing:
            raise TypeError(f"{cls.__name__} must state its {' and '.join(missing)}")

    def __init__(self, message: str, problems: Iterable | None = None):
        self.problems = list(problems or [])  # Problem values (or text, for messages of other programs)
        super().__init__(message)

    def __str__(self) -> str:
        head = super().__str__()
        lines = [f"  - {p}" for p in self.problems if str(p) != head]  # a lone problem may be the message itself
        return "\n".join([head, *lines])


# ---------------------------------------------------------------- the command line and the inputs


class UsageError(KGError):
    """The command line asks for something that does not exist or does not go together."""

    exit_code, http_status = EXIT_USAGE, 400


class DataError(KGError):
    """A curated data file is malformed, inconsistent with the schema or misquotes its source."""

    exit_code, http_status = EXIT_DATA, 422


class ValidationError(KGError):
    """The built graph violates a SHACL shape or a quality check, or a warning was made fatal."""

    exit_code, http_status = EXIT_VALIDATION, 422


class InconsistencyError(KGError):
    """OWL 2 RL reasoning found the graph logically inconsistent."""

    exit_code, http_status = EXIT_INCONSISTENT, 422


class QueryError(KGError):
    """A SPARQL query is unknown, malformed or given a bad parameter."""

    exit_code, http_status = EXIT_QUERY, 400


class OutputError(KGError):
    """An output file or folder cannot be written."""

    exit_code, http_status = EXIT_OUTPUT, 500


class RemoteError(KGError):
    """An external SPARQL endpoint or graph store is down, too slow, refuses us or answers nonsense."""

    exit_code, http_status = EXIT_REMOTE, 502


class NotBuilt(KGError):
    """The built graph (dist/) is missing or unreadable: `kg build` has to run first."""

    exit_code, http_status = EXIT_NOT_BUILT, 503


# ---------------------------------------------------------------- requests to the endpoint


class BadRequest(KGError):
    """The request does not follow the SPARQL protocol, or asks what this server does not take."""

    exit_code, http_status = EXIT_QUERY, 400


class UpdateRefused(KGError):
    """SPARQL Update sent to the read-only endpoint."""

    exit_code, http_status = EXIT_QUERY, 403


class FederationRefused(KGError):
    """A query with SERVICE sent to an endpoint that does not federate (or not with that endpoint)."""

    exit_code, http_status = EXIT_QUERY, 403


class NotAcceptable(KGError):
    """None of the formats on offer is acceptable to the client."""

    exit_code, http_status = EXIT_QUERY, 406

    def __init__(self, offered: tuple):
        self.offered = offered  # the formats on offer (kg.rdf.formats.Format)
        super().__init__("none of the formats this resource has is acceptable: " + ", ".join(f.media_type for f in offered))

    def __reduce__(self):  # it crosses processes (raised in a query's worker)
        return (type(self), (self.offered,))


class NotRepresentable(KGError):
    """The answer holds what the format asked for cannot carry (a control character in XML 1.0)."""

    exit_code, http_status = EXIT_QUERY, 406


class RequestTimeout(KGError):
    """The request did not arrive whole in time."""

    exit_code, http_status = EXIT_QUERY, 408
    headers = {"Connection": "close"}


class TooLarge(KGError):
    """The request body or the query is larger than this server accepts."""

    exit_code, http_status = EXIT_QUERY, 413


class UnsupportedMediaType(KGError):
    """A POST body of a type the protocol does not define."""

    exit_code, http_status = EXIT_QUERY, 415


class TooManyRequests(KGError):
    """One client has more requests waiting than it may."""

    exit_code, http_status = EXIT_UNAVAILABLE, 429
    headers = {"Retry-After": "5"}


class DoesNotHold(KGError):
    """`kg explain`: the triple is neither asserted nor inferred, so there is nothing to explain."""

    exit_code, http_status = EXIT_DOES_NOT_HOLD, 404


class Unavailable(KGError):
    """The endpoint cannot answer now; the same request may be answered later."""

    exit_code, http_status = EXIT_UNAVAILABLE, 503
    headers = {"Retry-After": "5"}


class Busy(Unavailable):
    """Every worker is busy and the queue is full."""


class QueryTimeout(Unavailable):
    """The query ran past the time limit and was stopped (trying again gives the same answer)."""

    headers = {}


class WorkerLost(Unavailable):
    """The worker process evaluating the query died (out of memory, most likely)."""
