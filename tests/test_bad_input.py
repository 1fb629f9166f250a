"""Bad input: a clear message naming file and record, a documented exit code,
no traceback, and the last good dist/ left intact."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main
from kg.errors import EXIT_DATA, EXIT_INCONSISTENT, EXIT_OUTPUT, EXIT_VALIDATION

ROOT = Path(__file__).resolve().parent.parent


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path.name}: {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def good_dist(project, dist):
    """The project's last good build (a copy of the session's build of the same inputs)."""
    shutil.copytree(dist, project.dist)
    return snapshot(project.dist)


def build_fails(project, capsys, good_dist, code: int) -> str:
    rc = main(["--root", str(project.root), "build"])
    err = capsys.readouterr().err
    assert rc == code, err
    assert "Traceback" not in err
    assert err.startswith("error: ")
    assert snapshot(project.dist) == good_dist, "a failed build changed dist/"
    assert not [p for p in project.root.iterdir() if p.name.startswith(".dist.")], "a temporary folder was left behind"
    return err


R = "data/records/"


CASES = {
    "malformed-yaml": (R + "people.yaml", "- id: fuad-muradov\n", "- id: fuad-muradov\n  label: [unclosed\n", EXIT_DATA,
                       ["data/records/people.yaml:", "not valid YAML"]),
    "unknown-reference": (R + "events.yaml", "  editionNumber: 1\n  startDate: 2001-11-09\n  endDate: 2001-11-10\n  location: baku",
                          "  editionNumber: 1\n  startDate: 2001-11-09\n  endDate: 2001-11-10\n  location: bakuu", EXIT_DATA,
                          ["data/records/events.yaml:", "'first-congress-of-world-azerbaijanis'", "unknown reference 'bakuu'", "'baku'"]),
    "duplicate-id": (R + "places.yaml", "- id: baku\n", "- id: baku\n  type: City\n  label: Baku\n- id: baku\n", EXIT_DATA,
                     ["data/records/places.yaml:", "duplicate id", "'baku'"]),
    "missing-label": (R + "people.yaml", "  type: Person\n  label: {en: Fuad Muradov, az: Fuad Muradov}\n", "  type: Person\n", EXIT_DATA,
                      ["data/records/people.yaml:", "'fuad-muradov'", "missing field 'label'"]),
    "impossible-date": (R + "events.yaml", "startDate: 2001-11-09", "startDate: 2001-02-30", EXIT_DATA,
                        ["data/records/events.yaml:", "'first-congress-of-world-azerbaijanis'", "'2001-02-30' is not a day of the calendar"]),
    "wrong-kind": (R + "events.yaml", "  editionNumber: 2\n", "  editionNumber: second\n", EXIT_DATA,
                   ["'second-congress-of-world-azerbaijanis'", "editionNumber: expected a whole number"]),
    "misquote": (R + "legal-acts.yaml", "In 1993, December 31 was officially recognized", "In 1993, December 31 was officially recognised", EXIT_DATA,
                 ["data/records/legal-acts.yaml:", "'presidential-decree-1993'", "misquote", "Closest sentence in the article", "recognized"]),
    "unknown-field": (R + "people.yaml", "  label: {en: Fuad Muradov, az: Fuad Muradov}\n", "  label: Fuad Muradov\n  birthDate: 1900-01-01\n", EXIT_DATA,
                      ["'fuad-muradov'", "unknown field 'birthDate'"]),
    "control-character": (R + "people.yaml", "  label: {en: Fuad Muradov, az: Fuad Muradov}\n", '  label: "Fuad\\fMuradov"\n', EXIT_DATA,
                          ["'fuad-muradov'", "control character U+000C"]),
    "supports-unknown-field": (R + "events.yaml", "supports: [dayOfYear, schedule]", "supports: [dayOfYear, schedules]", EXIT_DATA,
                               ["'day-of-solidarity-of-world-azerbaijanis'", "supports must list fields of this record"]),
    "field-without-evidence": (R + "events.yaml", "supports: [firstProposedAt]", "supports: [dayOfYear]", EXIT_DATA,
                               ["'day-of-solidarity-of-world-azerbaijanis'", "no evidence supports firstProposedAt"]),
    "unknown-type": (R + "places.yaml", "  type: City\n", "  type: Town\n", EXIT_DATA,
                     ["'baku'", "unknown type 'Town'"]),
    "unknown-source": (R + "awards.yaml", "- source: article-2025-12-24-lets-be-one", "- source: article-2025-12-25", EXIT_DATA,
                       ["'medal-for-service-in-diaspora-activities'", "evidence source 'article-2025-12-25' is not a NewsArticle"]),
    "bad-link-target": ("data/links/links.yaml", '"http://www.wikidata.org/entity/Q9248"', '"https://www.wikidata.org/wiki/Q9248"', EXIT_DATA,
                        ["data/links/links.yaml:", "'baku'", "is not a Wikidata"]),
    "owl-sameas-link": ("data/links/links.yaml", "match: exactMatch, confidence: verified,\n   confirmedBy: \"countries-states",
                        "match: sameAs, confidence: verified,\n   confirmedBy: \"countries-states", EXIT_DATA,
                        ["must be exactMatch or closeMatch (never owl:sameAs)"]),
    "unsafe-yaml": (R + "people.yaml", "  label: {en: Fuad Muradov, az: Fuad Muradov}\n", "  label: !!python/object/apply:os.system [\"touch PWNED\"]\n", EXIT_DATA,
                    ["data/records/people.yaml:", "not valid YAML", "python/object/apply"]),
    "ontology-syntax": ("ontology/azdiaspora.ttl", "azd:Meeting a owl:Class ;", "azd:Meeting a owl:Class ;;; [", EXIT_DATA,
                        ["ontology/azdiaspora.ttl: not valid Turtle"]),
    "shacl-violation": (R + "events.yaml", "  editionNumber: 1\n  startDate: 2007-03-09\n", "  startDate: 2007-03-09\n",
                        EXIT_VALIDATION, ["data/records/events.yaml:",
                                          "'first-forum-of-leaders-of-azerbaijani-and-turkish-diaspora-organizations'",
                                          "edition number"]),
    "owl-inconsistency": (R + "posts.yaml", "  holder: fuad-muradov\n", "  holder: baku\n", EXIT_INCONSISTENT,
                          ["logically inconsistent", "baku"]),
    # finding 13: values that used to build silently wrong
    "duplicate-key": (R + "statistics.yaml", "  statedValue: 100\n  hedge: nearly\n", "  statedValue: 100\n  hedge: nearly\n  statedValue: 5\n",
                      EXIT_DATA, ["data/records/statistics.yaml:", "'statedValue' is given twice", "'stat-diaspora-events-2025'"]),
    **{f"yaml11-{name}": (R + "statistics.yaml", "  statedValue: 100\n", f"  statedValue: {written}\n", EXIT_DATA,
                          ["data/records/statistics.yaml:", f"'{written}' is not a plain whole number", *extra])
       for name, written, extra in (("octal", "0100", ["64"]), ("sexagesimal", "1:40", []), ("hex", "0x64", []),
                                    ("underscore", "1_00", []))},
    "non-ascii-digits": (R + "events.yaml", "startDate: 2001-11-09", 'startDate: "٢٠٠١"', EXIT_DATA,
                         ["data/records/events.yaml:", "'first-congress-of-world-azerbaijanis'", "expected a date"]),
    "one-letter-quote": (R + "statistics.yaml", "      quote: \"Members of the Azerbaijani diaspora organized nearly 100 events in 81",
                         "      quote: \"M\"\n      # \"Members of the Azerbaijani diaspora organized nearly 100 events in 81", EXIT_DATA,
                         ["data/records/statistics.yaml:", "'stat-diaspora-events-2025'", "part of a sentence"]),
    "fragment-quote": (R + "statistics.yaml", "      quote: \"Members of the Azerbaijani diaspora organized nearly 100 events in 81",
                       "      quote: \"organized nearly 100 events\"\n      # \"Members of the Azerbaijani diaspora organized nearly 100 events in 81",
                       EXIT_DATA, ["'stat-diaspora-events-2025'", "part of a sentence", "The sentence it stands in: 'Members of the Azerbaijani diaspora organized"]),
    "invisible-label": (R + "people.yaml", "  label: {en: Fuad Muradov, az: Fuad Muradov}\n", '  label: "\\u200b\\u2060 "\n', EXIT_DATA,
                        ["data/records/people.yaml:", "no visible character"]),
    "bidi-override": (R + "people.yaml", "  label: {en: Fuad Muradov, az: Fuad Muradov}\n", '  label: "Fuad \\u202eMuradov"\n', EXIT_DATA,
                      ["data/records/people.yaml:", "U+202E"]),
    # finding 14: inputs that used to end in a traceback
    "deep-nesting": (R + "people.yaml", "  label: {en: Fuad Muradov, az: Fuad Muradov}\n",
                     "  label: {en: Fuad Muradov, az: Fuad Muradov}\n  note: " + "[" * 5000 + "]" * 5000 + "\n", EXIT_DATA,
                     ["data/records/people.yaml:", "nested more than"]),
    "non-string-key": (R + "people.yaml", "  label: {en: Fuad Muradov, az: Fuad Muradov}\n",
                       "  label: {en: Fuad Muradov, az: Fuad Muradov}\n  1: c\n", EXIT_DATA,
                       ["data/records/people.yaml:", "a field name must be text", "'fuad-muradov'"]),
    "huge-integer": (R + "statistics.yaml", "  statedValue: 100\n", "  statedValue: " + "9" * 5000 + "\n", EXIT_DATA,
                     ["data/records/statistics.yaml:", "is not a plain whole number"]),
    "lone-surrogate": (R + "people.yaml", "  label: {en: Fuad Muradov, az: Fuad Muradov}\n", '  label: "Fuad \\ud800"\n', EXIT_DATA,
                       ["data/records/people.yaml:", "surrogate"]),
    "quality-check": (R + "events.yaml", "  endDate: 2001-11-10\n", "  endDate: 2001-11-08\n", EXIT_VALIDATION,
                      ["'first-congress-of-world-azerbaijanis'", "end-before-start"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input(case, project, capsys, good_dist):
    path, old, new, code, expected = CASES[case]
    edit(project.root / path, old, new)
    err = build_fails(project, capsys, good_dist, code)
    for text in expected:
        assert text in err, f"{text!r} not in message:\n{err}"
    assert not (project.root / "PWNED").exists()


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "folder"])
def test_a_records_file_that_is_not_a_file(kind, project, capsys, good_dist):
    import os

    target = project.root / R / "zz-bad.yaml"
    if kind == "dev-zero":
        target.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.mkdir()
    err = build_fails(project, capsys, good_dist, EXIT_DATA)
    assert "zz-bad.yaml" in err and "not a regular file" in err


@pytest.mark.parametrize("content", [b"\x00\x01\xff\xfe binary", "SELECT * WHERE { ?s ?p ?o }".encode("utf-16")],
                         ids=["binary", "utf-16"])
def test_a_query_file_that_is_not_utf8(content, project, dist, capsys, tmp_path):
    from kg.errors import EXIT_QUERY

    q = tmp_path / "bad.rq"
    q.write_bytes(content)
    rc = main(["--root", str(project.root), "query", str(q), "--graph", str(dist / "graph-inferred.ttl")])
    err = capsys.readouterr().err
    assert rc == EXIT_QUERY and "not UTF-8" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_output_to_a_full_disk_is_exit_7(project, dist):
    for args in (["export", "-f", "nt"], ["query", "statistics", "--graph", str(dist / "graph-inferred.ttl")], ["stats"]):
        with open("/dev/full", "w") as full:
            proc = subprocess.run([sys.executable, "-m", "kg", "--root", str(project.root), *args], stdout=full,
                                  stderr=subprocess.PIPE, text=True)
        assert proc.returncode == EXIT_OUTPUT, (args, proc.stderr)
        assert "Traceback" not in proc.stderr and "No space left on device" in proc.stderr


def test_all_problems_are_reported_at_once(project, capsys, good_dist):
    edit(project.root / R / "people.yaml", "  label: {en: Fuad Muradov, az: Fuad Muradov}\n", "")
    edit(project.root / R / "places.yaml", "  type: City\n", "  type: Town\n")
    err = build_fails(project, capsys, good_dist, EXIT_DATA)
    assert "2 problems" in err and "fuad-muradov" in err and "Town" in err


def test_unwritable_output_is_exit_7(project, capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    rc = main(["--root", str(project.root), "build", "--out", str(blocker / "dist")])
    err = capsys.readouterr().err
    assert rc == EXIT_OUTPUT and "Traceback" not in err


def test_console_script_shows_no_traceback(project):
    edit(project.root / R / "events.yaml", "startDate: 2001-11-09", "startDate: 2001-02-30")
    proc = subprocess.run([sys.executable, "-m", "kg", "--root", str(project.root), "validate"], capture_output=True, text=True)
    assert proc.returncode == EXIT_DATA
    assert "Traceback" not in proc.stderr and "2001-02-30" in proc.stderr


def test_a_bug_is_not_dressed_up_as_bad_input(project, capsys, monkeypatch):
    import kg.build.pipeline

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(kg.build.pipeline, "build_dataset", broken)
    rc = main(["--root", str(project.root), "validate"])
    err = capsys.readouterr().err
    assert rc == 1 and "this is a bug" in err and "ZeroDivisionError" in err
