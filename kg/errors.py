"""User-facing errors and the CLI exit codes they map to.

Every error a user can fix (bad input data, a failing shape, a bad query)
is a :class:`KGError`. Its message names the file, the record and what to do.
Anything else that escapes is a bug and is reported as one (exit code 1).
"""

from __future__ import annotations

# Documented exit codes (README "Exit codes").
EXIT_OK = 0
EXIT_BUG = 1
EXIT_USAGE = 2
EXIT_DATA = 3
EXIT_VALIDATION = 4
EXIT_INCONSISTENT = 5
EXIT_QUERY = 6
EXIT_OUTPUT = 7
EXIT_REMOTE = 8


class KGError(Exception):
    """Base of every error caused by the user's input; carries an exit code."""

    exit_code = EXIT_DATA

    def __init__(self, message: str, problems: list[str] | None = None):
        self.problems = list(problems or [])
        super().__init__(message)

    def __str__(self) -> str:
        head = super().__str__()
        if not self.problems:
            return head
        return head + "\n" + "\n".join(f"  - {p}" for p in self.problems)


class UsageError(KGError):
    """The command line asks for something that does not go together."""

    exit_code = EXIT_USAGE


class DataError(KGError):
    """A curated data file is malformed, inconsistent with the schema or misquotes its source."""

    exit_code = EXIT_DATA


class ValidationError(KGError):
    """The built graph violates a SHACL shape or a quality check."""

    exit_code = EXIT_VALIDATION


class InconsistencyError(KGError):
    """OWL 2 RL reasoning found the graph logically inconsistent."""

    exit_code = EXIT_INCONSISTENT


class QueryError(KGError):
    """A SPARQL query is unknown, malformed or given a bad parameter."""

    exit_code = EXIT_QUERY


class OutputError(KGError):
    """An output file or folder cannot be written."""

    exit_code = EXIT_OUTPUT


class RemoteError(KGError):
    """An external SPARQL endpoint is down, too slow, refuses us or answers nonsense."""

    exit_code = EXIT_REMOTE
