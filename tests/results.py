"""Comparing SPARQL JSON results from two engines."""

from __future__ import annotations

import json


def comparable_rows(doc: dict) -> list[tuple]:
    """The rows of SPARQL JSON results as sorted tuples of values, compared string for string
    (a GROUP_CONCAT whose parts come in an engine's own order is a query to fix, not to hide here)."""
    names = doc["head"]["vars"]
    return sorted(tuple((b.get(v) or {}).get("value", "") for v in names) for b in doc["results"]["bindings"])


#: Values to try for every parameter of every named query (a test checks that every declared
#: parameter is here, that some value gives rows, and that the values give different answers).
PARAM_VALUES = {
    ("adopted-documents", "event"): ["fifth-congress-of-world-azerbaijanis", "meeting-of-the-coordination-council-2008-12-18"],
    ("as-of", "date"): ["1992-06-30", "2005-06-30", "2019-06-30"],
    ("claims", "about"): ["ilham-aliyev", "second-congress-of-world-azerbaijanis", "baku"],
    ("events-by-year", "year"): ["2002", "1991", "2025", "1990"],
    ("events-in-place", "place"): ["baku", "azerbaijan"],  # every event is in Baku
    ("evidence", "entity"): ["lets-be-one-gathering", "state-committee-for-work-with-diaspora"],
    ("gathering-programme", "event"): ["lets-be-one-gathering", "first-congress-of-world-azerbaijanis"],
    ("who-did-what", "agent"): ["supreme-assembly-of-nakhchivan", "president-of-azerbaijan", "heydar-aliyev"],
}


def local_rows(graph, layout, name: str, params: dict | None = None) -> list[tuple]:
    """A named query's rows on the local graph (rdflib), comparable."""
    from kg.query.named import list_queries, run_query

    q = next(q for q in list_queries(layout.queries) if q.name == name)
    return comparable_rows(json.loads(run_query(graph, q, params or {}).serialize(format="json")))


def remote_rows(layout, endpoint: str, name: str, params: dict, capsys, *extra: str) -> list[tuple]:
    """A named query's rows through `kg query --endpoint` (the CLI, as a user runs it), comparable."""
    from kg.cli import main

    args = ["--root", str(layout.root), "query", name, "--endpoint", endpoint, "-f", "json", *extra]
    for k, v in params.items():
        args += ["-p", f"{k}={v}"]
    code = main(args)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return comparable_rows(json.loads(captured.out))
