"""One problem type, printed for people and as JSON for tools; warnings that are kept in the report
and made fatal on demand; the curator's typed decisions behind them."""

from __future__ import annotations

import datetime as dt
import json

import yaml

from kg.cli import main
from kg.errors import EXIT_DATA, EXIT_OK, EXIT_VALIDATION
from kg.link.review import Decision, Proposal, read_review, write_review
from kg.problems import Problem, Severity

R = "data/records/"


def _run(project, capsys, *args):
    rc = main(["--root", str(project.root), *args])
    out, err = capsys.readouterr()
    return rc, out, err


# an edition without its number: a SHACL violation (the forum's evidence names no fields, so the
# data's own checks let it through to the shapes)
FORUM_NUMBER, FORUM_UNNUMBERED = "  editionNumber: 1\n  startDate: 2007-03-09\n", "  startDate: 2007-03-09\n"


def _break(project, path, old, new):
    f = project.root / path
    text = f.read_text(encoding="utf-8")
    assert old in text
    f.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_human_text_of_a_problem_is_the_message_it_always_was():
    p = Problem("missing field 'id'", file="data/records/x.yaml", line=12, record="baku", field="id",
                fix="give the record a unique id such as first-congress")
    assert str(p) == "data/records/x.yaml:12: record 'baku': missing field 'id'; give the record a unique id such as first-congress"
    assert str(Problem("no such thing", file="f.yaml", line=3, column=7, subject="dataset")) == "f.yaml:3:7: dataset: no such thing"


def test_validate_json_gives_every_data_problem_with_its_place(project, capsys):
    _break(project, R + "places.yaml", "  type: City\n", "  type: Town\n")
    _break(project, R + "events.yaml", "startDate: 2001-11-09", "startDate: 2001-02-30")
    rc, out, err = _run(project, capsys, "validate", "--format", "json")
    report = json.loads(out)
    assert rc == EXIT_DATA == report["exit_code"] and report["valid"] is False and "Traceback" not in err
    by_field = {p["field"]: p for p in report["problems"]}
    town, date = by_field["type"], by_field["startDate"]
    assert (town["file"], town["record"], town["severity"], town["check"]) == (R + "places.yaml", "baku", "error", "data")
    assert isinstance(town["line"], int) and town["line"] > 0 and "unknown type 'Town'" in town["message"]
    assert date["record"] == "first-congress-of-world-azerbaijanis" and "not a day of the calendar" in date["message"]
    # the same problems, printed for people, as they always were
    rc2, _, err2 = _run(project, capsys, "validate")
    assert rc2 == EXIT_DATA and town["text"] in err2 and date["text"] in err2


def test_validate_json_places_a_shacl_violation_at_its_record(project, capsys):
    _break(project, R + "events.yaml", FORUM_NUMBER, FORUM_UNNUMBERED)
    rc, out, _ = _run(project, capsys, "validate", "-f", "json")
    report = json.loads(out)
    assert rc == EXIT_VALIDATION and report["errors"] == len(report["problems"]) >= 1
    shacl = [p for p in report["problems"] if p["check"] == "shacl"]
    assert any(p["record"] == "first-forum-of-leaders-of-azerbaijani-and-turkish-diaspora-organizations"
               and p["file"] == R + "events.yaml" for p in shacl)


def test_validate_json_of_valid_data(project, capsys):
    rc, out, _ = _run(project, capsys, "validate", "--format", "json")
    assert rc == EXIT_OK and json.loads(out) == {"valid": True, "exit_code": 0, "summary": json.loads(out)["summary"],
                                                 "errors": 0, "warnings": 0, "problems": []}


def _review(project, proposals):
    path = project.root / "data" / "review" / "wikidata-links.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(proposals, sort_keys=False), encoding="utf-8")


PENDING = {"entity": "baku", "candidate": "http://www.wikidata.org/entity/Q9248", "label": "Baku", "decision": "pending"}
UNSIGNED = {"entity": "azerbaijan", "candidate": "http://www.wikidata.org/entity/Q1", "decision": "reject"}


def test_unreviewed_decisions_are_warnings_kept_in_the_report(project, capsys):
    _review(project, [PENDING, UNSIGNED])
    rc, out, err = _run(project, capsys, "validate")
    assert rc == EXIT_OK and out.startswith("valid:")
    warnings = [line for line in err.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 2 and "Q9248 (Baku) is not reviewed yet" in warnings[0] and "who decided it" in warnings[1]
    rc, out, _ = _run(project, capsys, "validate", "--format", "json")
    report = json.loads(out)
    assert rc == EXIT_OK and report["valid"] and report["warnings"] == 2 and report["errors"] == 0
    assert {(p["record"], p["severity"], p["check"]) for p in report["problems"]} == {
        ("baku", "warning", "review"), ("azerbaijan", "warning", "review")}


def test_fail_on_warning_makes_them_fatal(project, capsys):
    _review(project, [PENDING])
    rc, _, err = _run(project, capsys, "validate", "--fail-on", "warning")
    assert rc == EXIT_VALIDATION and "1 warning(s), fatal with --fail-on warning" in err and "not reviewed yet" in err
    rc, out, _ = _run(project, capsys, "validate", "--fail-on", "warning", "--format", "json")
    assert rc == EXIT_VALIDATION and json.loads(out)["valid"] is False


def test_a_signed_decision_is_typed_and_its_curator_is_credited(project, capsys):
    signed = {"entity": "supreme-council-of-azerbaijan", "candidate": "http://www.wikidata.org/entity/Q1234567",
              "label": "Supreme Council", "decision": "accept", "decidedBy": "Aygun Mammadova", "decidedOn": "2026-11-20"}
    _review(project, [signed])
    (p,) = read_review(project)
    assert (p.decision, p.decided_by, p.decided_on) == (Decision.ACCEPT, "Aygun Mammadova", dt.date(2026, 11, 20))
    rc, _, err = _run(project, capsys, "validate")
    assert rc == EXIT_OK and "is not applied yet" in err and "who decided" not in err
    assert _run(project, capsys, "link", "--apply")[0] == EXIT_OK
    links = (project.root / "data" / "links" / "links.yaml").read_text(encoding="utf-8")
    assert "accepted by Aygun Mammadova on 2026-11-20" in links
    rc, _, err = _run(project, capsys, "validate")
    assert rc == EXIT_OK and "warning" not in err


def test_a_bad_decision_date_is_a_data_error(project, capsys):
    _review(project, [{**PENDING, "decision": "accept", "decidedBy": "A. M.", "decidedOn": "yesterday"}])
    rc, _, err = _run(project, capsys, "validate")
    assert rc == EXIT_DATA and "decidedOn must be a date YYYY-MM-DD, found 'yesterday'" in err


def test_decisions_survive_a_write_and_read(project):
    proposals = [Proposal("baku", PENDING["candidate"], "Baku", "capital", 4.5, ("English label matches",), "accept",
                          Decision.REJECT, "A. M.", dt.date(2026, 1, 2))]
    write_review(project, proposals)
    (again,) = read_review(project)
    assert (again.entity, again.decision, again.decided_by, again.decided_on, again.reasons, again.score) == (
        "baku", Decision.REJECT, "A. M.", dt.date(2026, 1, 2), ("English label matches",), 4.5)
    assert again.line is not None


def test_export_and_stats_serialise_without_validating(project, capsys):
    _break(project, R + "events.yaml", FORUM_NUMBER, FORUM_UNNUMBERED)  # a SHACL violation
    assert _run(project, capsys, "validate")[0] == EXIT_VALIDATION
    rc, out, _ = _run(project, capsys, "export", "--format", "nt")
    assert rc == EXIT_OK and "<https://w3id.org/azdiaspora/id/first-forum-of-leaders-of-azerbaijani-and-turkish-diaspora-organizations>" in out
    rc, out, _ = _run(project, capsys, "stats")
    assert rc == EXIT_OK and out.startswith("triples: ")


def test_severity_is_a_closed_set():
    assert {s.value for s in Severity} == {"error", "warning"}
