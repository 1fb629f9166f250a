"""Quality checks as data: every queries/checks/*.rq finds nothing in the built graph,
and finds the planted fault in its own fixture (so each check can fail)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal

from kg.build.validate import run_check, run_checks
from kg.query.named import header_field
from kg.rdf.namespaces import ID

ROOT = Path(__file__).resolve().parent.parent
CHECKS = sorted((ROOT / "queries" / "checks").glob("*.rq"))
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "checks"


def test_there_are_checks():
    assert len(CHECKS) >= 10


def test_every_check_passes_on_the_built_graph(built, layout):
    for result in run_checks(built.inferred, layout.checks):
        assert result.rows == [], f"{result.name} reports: {result.rows[:5]}"


@pytest.mark.parametrize("check", CHECKS, ids=lambda p: p.stem)
def test_check_gives_the_same_rows_on_rdflib(check):
    """Oxigraph runs the checks; on every fixture rdflib's engine finds the same rows."""
    fixture = next(FIXTURES.glob(check.stem + ".*"))
    g = Graph().parse(fixture, format="n3" if fixture.suffix == ".n3" else "turtle")
    result = run_check(check, g)
    text = check.read_text(encoding="utf-8")
    if header_field(text, "engine") == "rdflib":
        # the check runs on rdflib itself: its rows are held against the graph's own triples
        assert check.stem == "literal-subject"
        expected = [str((s, p, o)) for s, p, o in g if isinstance(s, Literal)]
        assert expected, "the fixture has no literal subject"
    else:
        expected = [str(tuple(r)) for r in g.query(text)]
    assert sorted(map(str, result.rows)) == sorted(expected)


@pytest.mark.parametrize("check", CHECKS, ids=lambda p: p.stem)
def test_check_catches_its_fixture(check):
    fixtures = [p for p in FIXTURES.glob(check.stem + ".*")]
    assert fixtures, f"{check.name} has no failing fixture in tests/fixtures/checks/"
    fixture = fixtures[0]
    g = Graph().parse(fixture, format="n3" if fixture.suffix == ".n3" else "turtle")
    result = run_check(check, g)  # on the engine the build uses for it
    rows = result.rows
    entities = {str(r[0]) for r in rows}
    assert any(e == str(ID.bad) or e == "junk" for e in entities), f"{check.name} missed the fault: {rows}"
    assert str(ID.good) not in entities, f"{check.name} flags a good entity"
    assert all(len(r) == 3 for r in rows), "a check returns ?entity ?property ?value"


def test_build_runs_every_check(built):
    assert {c.name for c in built.checks} == {p.stem for p in CHECKS}


def test_run_checks_reports_rows(tmp_path):
    (tmp_path / "bad.rq").write_text(
        "SELECT ?entity ?property ?value WHERE { ?entity ?property ?value }", encoding="utf-8")
    g = Graph()
    g.add((ID.a, ID.p, ID.b))
    [result] = run_checks(g, tmp_path)
    assert result.rows == [(ID.a, ID.p, ID.b)]


def test_run_checks_gives_the_rdflib_checks_what_the_store_leaves_out(layout):
    """The build runs the `engine: rdflib` checks on the triples no RDF store can hold (those are
    what they look for): a literal subject among ordinary triples is still found."""
    from rdflib import URIRef

    g = Graph()
    g.add((ID.a, ID.p, ID.b))
    g.add((Literal("junk"), URIRef("http://www.w3.org/2002/07/owl#sameAs"), Literal("junk")))
    results = {r.name: r.rows for r in run_checks(g, layout.checks)}
    assert [str(r[0]) for r in results["literal-subject"]] == ["junk"]
    assert all(rows == [] for name, rows in results.items() if name not in ("literal-subject", "missing-english-label"))
