"""The one error family: each class states its exit code and HTTP status, the README's table says
the same, the CLI and the server take them from the class, and nothing outside the family is
dressed up as the user's mistake."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

import kg.errors as errors
from kg.errors import KGError

ROOT = Path(__file__).resolve().parent.parent

#: What each class must say: (exit code, HTTP status). Written out, so that a change is deliberate.
EXPECTED = {
    "UsageError": (2, 400), "DataError": (3, 422), "ValidationError": (4, 422), "InconsistencyError": (5, 422),
    "QueryError": (6, 400), "BadRequest": (6, 400), "UpdateRefused": (6, 403), "FederationRefused": (6, 403),
    "NotAcceptable": (6, 406), "NotRepresentable": (6, 406), "RequestTimeout": (6, 408), "TooLarge": (6, 413), "UnsupportedMediaType": (6, 415),
    "OutputError": (7, 500), "RemoteError": (8, 502), "NotBuilt": (9, 503), "TooManyRequests": (10, 429),
    "Busy": (10, 503), "QueryTimeout": (10, 503), "WorkerLost": (10, 503), "DoesNotHold": (11, 404),
}


def _classes() -> dict[str, type[KGError]]:
    return {name: cls for name, cls in vars(errors).items()
            if isinstance(cls, type) and issubclass(cls, KGError) and cls is not KGError and name != "Unavailable"}


def test_every_class_states_its_exit_code_and_http_status():
    assert {name: (cls.exit_code, cls.http_status) for name, cls in _classes().items()} == EXPECTED


def test_a_class_that_states_neither_is_refused():
    with pytest.raises(TypeError, match="must state its exit_code and http_status"):
        type("Vague", (KGError,), {})


def test_the_readme_table_matches_the_classes():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| `(\w+)` \| (\d{3}) \|", text, re.M)
    assert {name: (int(code), int(status)) for code, name, status in rows} == EXPECTED


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_server_answers_with_the_status_and_headers_the_class_states(name):
    from kg.rdf.formats import GRAPHS
    from kg.serve.app import kg_error

    cls = _classes()[name]
    exc = cls(GRAPHS) if name == "NotAcceptable" else cls("what went wrong")
    response = asyncio.run(kg_error(None, exc))
    assert response.status_code == EXPECTED[name][1]
    assert response.body.decode().strip() == str(exc)
    for header, value in cls.headers.items():
        assert response.headers[header] == value


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_cli_exits_with_the_code_the_class_states(name, monkeypatch, capsys):
    import kg.cli
    from kg.rdf.formats import GRAPHS

    cls = _classes()[name]

    def fail(args, layout):
        raise cls(GRAPHS) if name == "NotAcceptable" else cls("what went wrong")

    monkeypatch.setitem(kg.cli.COMMANDS, "stats", kg.cli.Command("stats", "", kg.cli.COMMANDS["stats"].arguments, fail))
    assert kg.cli.main(["stats"]) == EXPECTED[name][0]
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err


def test_a_bug_is_not_dressed_up_as_the_users_mistake(monkeypatch, capsys):
    import kg.cli

    def bug(args, layout):
        raise KeyError("a bug of ours")

    monkeypatch.setitem(kg.cli.COMMANDS, "stats", kg.cli.Command("stats", "", kg.cli.COMMANDS["stats"].arguments, bug))
    assert kg.cli.main(["stats"]) == errors.EXIT_BUG
    err = capsys.readouterr().err
    assert "Traceback" in err and "this is a bug in kg" in err


def test_not_acceptable_crosses_processes_whole():
    import pickle

    from kg.rdf.formats import RESULTS

    again = pickle.loads(pickle.dumps(errors.NotAcceptable(RESULTS)))
    assert type(again) is errors.NotAcceptable and again.offered == RESULTS and str(again).endswith("text/tab-separated-values")
