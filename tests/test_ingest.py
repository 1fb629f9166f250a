"""`kg ingest`: an article in, candidate records with their quoted sentences out, reviewed, applied.

The articles under tests/fixtures/ingest/ are written for these tests, in the style of the held
sources; none is copied from anywhere.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kg.build.check import whole_sentences
from kg.build.load import read_data
from kg.decisions import Decision
from kg.errors import DataError, UsageError
from kg.ingest import ingest
from kg.ingest.apply import apply
from kg.ingest.article import read_article
from kg.ingest.propose import propose
from kg.ingest.recognise import dates, figures
from kg.ingest.review import read_review, review_problems
from kg.layout import Layout

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
SIXTH = "article-2026-06-05-sixth-congress"


@pytest.fixture
def project(frozen_project) -> Layout:
    """The workflow is tested on articles whose new records (Shusha, the sixth Congress) are new in
    the frozen graph (conftest), not in the live one."""
    return frozen_project


def _candidates(gazetteer, name: str, article_id: str = "test-article"):
    article = read_article(FIXTURES / name, article_id)
    return article, {c.id: c for c in propose(article, gazetteer)}


def _value(v):
    return v["value"] if isinstance(v, dict) else v


# --- what it recognises ---------------------------------------------------------------------------

def test_names_with_and_without_diacritics_and_on_for_variants(gazetteer):
    found = gazetteer.find("The Azərbaycan Respublikasının Diasporla İş üzrə Dövlət Komitəsi, the State Committee on "
                           "Work with Diaspora, Heydər Əliyev and Heydar Aliyev; a trend of the year.")
    assert [(m.text, m.ids) for m in found] == [
        ("Azərbaycan Respublikasının Diasporla İş üzrə Dövlət Komitəsi", ("state-committee-for-work-with-diaspora",)),
        ("State Committee on Work with Diaspora", ("state-committee-for-work-with-diaspora",)),
        ("Heydər Əliyev", ("heydar-aliyev",)),
        ("Heydar Aliyev", ("heydar-aliyev",)),
    ]  # "a trend" is not the news agency Trend


@pytest.mark.parametrize("text, expected", [
    ("held on June 3-4", [("2026-06-03", "2026-06-04", True)]),
    ("in April 2018", [("2018-04", None, False)]),
    ("in 2023", [("2023", None, False)]),
    ("on November 9-10, 2001", [("2001-11-09", "2001-11-10", False)]),
    ("6 dekabr 1991", [("1991-12-06", None, False)]),
])
def test_dates_at_their_precision_anchored_to_the_article(text, expected):
    found = dates(text, 0, None, dt.date(2026, 6, 5))
    assert [(w.value, w.end, w.context is not None) for w in found] == expected


def test_a_date_without_its_year_takes_the_narratives_year_and_says_so():
    [w] = dates("Later that year, on December 27, the law was passed.", 0, 2002, dt.date(2025, 12, 31))
    assert (w.value, w.context) == ("2002-12-27", "the year 2002 is read from the text before it")


@pytest.mark.parametrize("text, value, hedge, counts", [
    ("about 500 delegates came", 500, "approximately", "delegates"),
    ("more than 450 guests", 450, "more-than", "guests"),
    ("over 90 weekend schools across 24 countries", 90, "more-than", "weekend schools"),
    ("nearly 100 events", 100, "nearly", "events"),
    ("hundreds of diaspora organizations operate", None, "hundreds", "diaspora organizations"),
    ("Several diaspora members were awarded", None, "several", "diaspora members"),
    ("in twenty countries", 20, "exact", "countries"),
    ("Around 1,000 compatriots", 1000, "approximately", "compatriots"),
])
def test_figures_keep_their_hedge_and_what_they_count(text, value, hedge, counts):
    f = figures(text, 0, [])[0]
    assert (f.value, f.hedge, f.counts) == (value, hedge, counts)


def test_years_ordinals_and_dates_are_not_figures():
    assert figures("the 5th anniversary in 2025 of the 2nd Congress", 0, []) == []


def test_editions_relations_and_figures_of_an_article(gazetteer):
    _, c = _candidates(gazetteer, "sixth-congress.txt")
    sixth = c["sixth-congress-of-world-azerbaijanis"].record
    assert sixth["type"] == "Congress"
    assert (sixth["editionOf"], sixth["editionNumber"]) == ("congress-of-world-azerbaijanis", 6)
    assert (_value(sixth["startDate"]), _value(sixth["endDate"])) == ("2026-06-03", "2026-06-04")
    assert sixth["startDate"]["obtained"] == "context"  # "June 3-4": the year is the article's
    assert sixth["location"] == "shusha" and c["shusha"].record["type"] == "Place"
    assert sixth["organizer"] == "state-committee-for-work-with-diaspora"  # "organised by … on Work with Diaspora"
    assert sixth["chairedBy"] == "fuad-muradov"
    # on the occasion of the Day: its observance of the article's year is not in the graph, so the Day itself
    assert sixth["onOccasionOf"] == "day-of-solidarity-of-world-azerbaijanis"
    delegates = next(x.record for x in c.values() if x.record.get("statedAs") == "About 500 delegates")
    assert (delegates["statedValue"], delegates["hedge"], delegates["observationAbout"]) == (
        500, "approximately", "sixth-congress-of-world-azerbaijanis")
    countries = next(x.record for x in c.values() if x.record.get("statedAs") == "more than 60 countries")
    assert (countries["statedValue"], countries["hedge"]) == (60, "more-than")  # participants from N countries
    holding = next(x.record for x in c.values() if x.record["type"] == "PostHolding")
    assert (holding["post"], holding["holder"], holding["validFrom"]) == (
        "chairman-of-the-state-committee-for-work-with-diaspora", "fuad-muradov", "2018-04")  # appointed, in April 2018


def test_legal_acts_meetings_and_what_they_adopted(gazetteer):
    _, c = _candidates(gazetteer, "acts.txt")
    law = next(x.record for x in c.values() if x.record["type"] == "Law")
    assert law["passedBy"] == "milli-majlis" and c["milli-majlis"].record["type"] == "Legislature"
    assert law["legislationDate"] == {"value": "2026-03-02", "obtained": "context",
                                      "note": "Read from context: the year 2026 is the article's (2026-03-10)."}
    assert law["declares"] == "day-of-remembrance-of-azerbaijani-heritage"
    assert law["declaredName"] == "Day of Remembrance of Azerbaijani Heritage"
    decree = c["presidential-decree-2023-05-12"].record
    assert (decree["passedBy"], decree["establishes"]) == ("president-of-azerbaijan", "state-agency-for-diaspora-youth")
    assert c["state-agency-for-diaspora-youth"].record["foundingDate"] == "2023-05-12"
    charter = c["youth-diaspora-charter"].record
    assert (charter["type"], charter["adoptedAt"]) == ("Charter", "meeting-of-the-coordination-council-2024-01-20")
    meeting = c["meeting-of-the-coordination-council-2024-01-20"].record
    assert (meeting["heldBy"], meeting["location"]) == ("coordination-council", "baku")
    later = c["meeting-of-the-coordination-council-2011-10-14"].record  # "Later that year": the narrative's year
    assert later["startDate"]["obtained"] == "context"
    assert c["third-congress-of-world-azerbaijanis"].record["editionNumber"] == 3  # "3rd Congress"
    # "the forum" names no forum the article spoke of: its figures are about nothing, so not proposed
    assert not any(x.record.get("statedAs") == "Nearly 100 young activists" for x in c.values())


def test_hosted_held_by_occasion_posts_participants_decisions_requests_and_plans(gazetteer):
    _, c = _candidates(gazetteer, "forum.txt")
    forum = c["second-forum-of-leaders-of-azerbaijani-and-turkish-diaspora-organizations"].record
    assert (forum["editionNumber"], forum["location"]) == (2, "baku")  # "Baku hosted the Second Forum …"
    assert forum["organizer"] == "state-committee-for-work-with-diaspora"  # "The forum was held by …"
    assert forum["onOccasionOf"] == "day-of-solidarity-2025"  # the Day's observance of the article's year
    countries = next(x.record for x in c.values() if x.record.get("statedAs") == "40 countries")
    assert (countries["observationAbout"], countries["variableMeasured"]) == (
        "second-forum-of-leaders-of-azerbaijani-and-turkish-diaspora-organizations",
        "number of countries the participants came from")
    holdings = {(x.record["post"], x.record["holder"], _value(x.record["asOf"])) for x in c.values()
                if x.record["type"] == "PostHolding"}
    # "the forum, which President Ilham Aliyev greeted": as of the forum the sentence speaks of (read from context);
    # "The Committee Chairman Fuad Muradov opened the session" names no event, but its past goes on with the
    # forum's account: as of the forum too, read from context (not the article's date, 2025-12-29)
    assert holdings == {("president-of-azerbaijan", "ilham-aliyev", "2025-12-27"),
                        ("chairman-of-the-state-committee-for-work-with-diaspora", "fuad-muradov", "2025-12-27")}
    opened = next(x.record for x in c.values() if x.record["type"] == "PostHolding" and x.record["holder"] == "fuad-muradov")
    assert opened["asOf"]["obtained"] == "context"
    decision = next(x.record for x in c.values() if x.record["type"] == "Decision")
    assert (decision["adoptedAt"], decision["decidesToCreate"]) == (
        "meeting-of-the-coordination-council-2025-12-28", "day-of-diaspora-youth")
    assert decision["passedBy"]["obtained"] == "context"  # the body whose meeting it was
    request = next(x.record for x in c.values() if x.record["type"] == "Request")
    assert (request["sender"], request["recipient"]) == ("coordination-council", "state-committee-for-work-with-diaspora")
    fourth = c["fourth-congress-of-world-azerbaijanis"].record  # "is expected to be held in Baku in 2026": a plan
    assert (fourth["editionNumber"], fourth["eventStatus"], fourth["location"], _value(fourth["startDate"])) == (
        4, "scheduled", "baku", "2026")  # proposed as scheduled, with its announced date and place


def test_a_conflict_with_the_graph_names_the_value_and_its_source(gazetteer):
    _, c = _candidates(gazetteer, "sixth-congress.txt")
    first = c["first-congress-of-world-azerbaijanis"]
    assert first.status == "adds"
    [conflict] = first.conflicts
    assert (conflict.field, conflict.proposed, conflict.graph, conflict.sources) == (
        "startDate", "2001-11-10", ("2001-11-09",), ("article-2025-12-31-day-of-solidarity",))
    assert set(first.confirms) == {"location"}  # the edition and its number identified it: they confirm nothing


def test_every_quote_is_a_whole_sentence_of_the_article(gazetteer):
    for name in ("sixth-congress.txt", "acts.txt"):
        article, c = _candidates(gazetteer, name)
        quotes = [e["quote"] for x in c.values() for e in x.record.get("evidence", [])]
        quotes += [e["quote"] for x in c.values() for v in x.record.values() if isinstance(v, list)
                   for i in v if isinstance(i, dict) for e in i.get("evidence", [])]
        assert quotes and all(whole_sentences(q, article.text) for q in quotes)


def test_proposing_is_deterministic(gazetteer):
    a, first = _candidates(gazetteer, "acts.txt")
    _, again = _candidates(gazetteer, "acts.txt")
    assert [x.record for x in first.values()] == [x.record for x in again.values()]


# --- bad input: a clear error and nothing written ----------------------------------------------------

@pytest.mark.parametrize("content, message", [
    (b"", "holds no text"),
    (b" date 2026-01-01 \n\n  ", "holds no text"),
    (b"%PDF-1.7 binary", "a PDF document"),
    (b"PK\x03\x04 docx", "a ZIP container"),
    (b"<!DOCTYPE html><html><body>text</body></html>", "HTML or XML markup"),
    (b"\xff\xfe\x00t\x00e\x00x\x00t", "not UTF-8"),
    (b"text with a \x00 in it. date", "control characters"),
    ("The Congress met in Baku.\u202e Reversed.".encode(), "bidirectional control"),  # issue 23: a review the build refused
    (b")" * 20_000, "without a space"),  # issue 23: 82 s in the tokenizer; refused at once
    (b'The Congress met. ' + b'"' * 10_000, "without a space"),
    (b"The Congress met " + b"(" * 60 + b" in Baku.", "punctuation marks"),
])
def test_what_is_not_an_article_is_refused_and_nothing_written(project, tmp_path, content, message):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    with pytest.raises(DataError, match=message):
        ingest(project, path, "article-x", dt.date(2026, 1, 1))
    assert not project.review_folder.exists() or not list(project.review_folder.glob("article-x*"))


def test_an_article_without_a_date_or_with_a_bad_id_is_a_usage_error(project, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("The 7th Congress of World Azerbaijanis was held in Baku.", encoding="utf-8")
    with pytest.raises(UsageError, match="date is unknown"):
        ingest(project, path, "article-x")
    with pytest.raises(UsageError, match="an article id is"):
        ingest(project, path, "Article X", dt.date(2026, 1, 1))
    assert not project.review_folder.exists() or not list(project.review_folder.glob("article-x*"))


# --- the review: repeated runs, a changed article, --apply --------------------------------------------

def _decide(layout: Layout, article: str, decisions: dict[str, str]) -> None:
    """Set decisions in the review file as a curator would, by editing the text."""
    path = layout.review_folder / f"{article}.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for cand in doc["candidates"]:
        if cand["id"] in decisions:
            cand.update(decision=decisions[cand["id"]], decidedBy="Aygun Mammadova", decidedOn="2026-11-24")
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def test_a_repeated_run_keeps_decisions_and_never_reproposes_a_rejection(project):
    records, sources = _tree(project.records), _tree(project.sources)
    first = ingest(project, FIXTURES / "sixth-congress.txt", SIXTH)
    assert first.pending == len(first.review.entries) == first.new > 0
    assert (_tree(project.records), _tree(project.sources)) == (records, sources)  # review only
    assert sorted(p.name for p in project.review_folder.iterdir()) == [f"{SIXTH}.txt", f"{SIXTH}.yaml"]
    _decide(project, SIXTH, {"shusha": "reject", "sixth-congress-of-world-azerbaijanis": "accept"})
    decided = yaml.safe_load((project.review_folder / f"{SIXTH}.yaml").read_text(encoding="utf-8"))
    again = ingest(project, FIXTURES / "sixth-congress.txt", SIXTH)
    assert again.new == 0 and not again.reopened
    decisions = {e.id: e.judgement.decision for e in again.review.entries}
    assert decisions["shusha"] is Decision.REJECT  # kept, not proposed again as pending
    assert decisions["sixth-congress-of-world-azerbaijanis"] is Decision.ACCEPT
    assert yaml.safe_load((project.review_folder / f"{SIXTH}.yaml").read_text(encoding="utf-8")) == decided


def test_a_changed_article_reopens_its_review(project, tmp_path):
    ingest(project, FIXTURES / "sixth-congress.txt", SIXTH)
    _decide(project, SIXTH, {"shusha": "reject"})
    changed = tmp_path / "changed.txt"
    changed.write_text((FIXTURES / "sixth-congress.txt").read_text(encoding="utf-8").replace("About 500", "About 600"),
                       encoding="utf-8")
    result = ingest(project, changed, SIXTH)
    assert result.reopened and result.pending == len(result.review.entries)
    shusha = next(e for e in result.review.entries if e.id == "shusha")
    assert shusha.previous.startswith("reject by Aygun Mammadova on 2026-11-24")
    assert any(e.record.get("statedValue") == 600 for e in result.review.entries)


def test_validate_warns_while_candidates_are_pending(project):
    ingest(project, FIXTURES / "sixth-congress.txt", SIXTH)
    problems = review_problems(project)
    assert problems and all(p.severity.value == "warning" and p.check == "review" for p in problems)
    assert any(p.record == "shusha" and "not reviewed yet" in p.message for p in problems)
    (project.review_folder / f"{SIXTH}.txt").write_text("changed", encoding="utf-8")
    assert any("changed since its candidates were proposed" in p.message for p in review_problems(project))


def _tree(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


def test_apply_moves_accepted_candidates_and_the_article_whole(project):
    ingest(project, FIXTURES / "sixth-congress.txt", SIXTH, publisher="Example News")
    _decide(project, SIXTH, {"sixth-congress-of-world-azerbaijanis": "accept", "shusha": "accept",
                             "first-congress-of-world-azerbaijanis": "accept",
                             "stat-sixth-congress-of-world-azerbaijanis-delegates-2026-06-03": "reject"})
    done = apply(project, SIXTH)
    assert set(done.added) == {"sixth-congress-of-world-azerbaijanis", "shusha"}
    assert done.extended == ("first-congress-of-world-azerbaijanis",)
    assert (project.sources / f"{SIXTH}.txt").read_text(encoding="utf-8") == \
        (FIXTURES / "sixth-congress.txt").read_text(encoding="utf-8")
    records = {r.fields["id"]: r.fields for r in read_data(project).records}
    assert records["sixth-congress-of-world-azerbaijanis"]["location"] == "shusha"
    assert records[SIXTH]["publisherName"] == "Example News"
    starts = records["first-congress-of-world-azerbaijanis"]["startDate"]  # both dates, each with its source
    assert [_value(v) for v in starts] == ["2001-11-09", "2001-11-10"]
    assert starts[1]["evidence"][0]["source"] == SIXTH
    review = read_review(project, SIXTH)
    assert {e.id for e in review.entries if e.judgement.decision is Decision.REJECT} == {
        "stat-sixth-congress-of-world-azerbaijanis-delegates-2026-06-03"}
    assert not any(e.judgement.decision is Decision.ACCEPT for e in review.entries)  # applied, so gone
    from kg.build.pipeline import build

    result = build(project)  # the applied data builds, and the new facts carry the new article's evidence
    assert SIXTH in result.data.records["sixth-congress-of-world-azerbaijanis"].sources
    again = ingest(project, project.sources / f"{SIXTH}.txt", SIXTH)  # what was applied is not proposed again
    assert not {"sixth-congress-of-world-azerbaijanis", "shusha", "first-congress-of-world-azerbaijanis"} & {
        e.id for e in again.review.entries}
    assert any(e.judgement.decision is Decision.REJECT for e in again.review.entries)


def test_apply_that_would_break_the_build_changes_nothing(project):
    ingest(project, FIXTURES / "sixth-congress.txt", SIXTH)
    path = project.review_folder / f"{SIXTH}.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for cand in doc["candidates"]:
        cand.update(decision="accept", decidedBy="Aygun Mammadova", decidedOn="2026-11-24")
        if cand["id"] == "shusha":
            cand["evidence"][0]["quote"] = "Shusha is a city."  # not in the article
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    before = _tree(project.data)
    with pytest.raises(DataError, match="nothing was changed") as caught:
        apply(project, SIXTH)
    assert any("misquote" in str(p) for p in caught.value.problems)
    assert _tree(project.data) == before
    assert not list(project.root.glob(".ingest-apply-*"))


def test_apply_refuses_a_review_whose_article_changed(project):
    ingest(project, FIXTURES / "sixth-congress.txt", SIXTH)
    _decide(project, SIXTH, {"shusha": "accept"})
    (project.review_folder / f"{SIXTH}.txt").write_text(" date 2026-06-05 Another text.", encoding="utf-8")
    with pytest.raises(DataError, match="changed since its candidates were proposed"):
        apply(project, SIXTH)


def test_the_cli_ingests_validates_with_warnings_and_applies(project):
    def kg(*args):
        return subprocess.run([sys.executable, "-m", "kg", "--root", str(project.root), *args], capture_output=True,
                              text=True, timeout=120)

    out = kg("ingest", str(FIXTURES / "acts.txt"), "--id", "article-2026-03-10-acts")
    assert out.returncode == 0, out.stderr
    assert "candidate(s) for review in data/review/article-2026-03-10-acts.yaml" in out.stdout
    check = kg("validate", "--fail-on", "warning")
    assert check.returncode == 4 and "not reviewed yet" in check.stderr
    assert kg("ingest", "--apply", "article-2026-03-10-acts").returncode == 2  # nothing accepted yet
    _decide(project, "article-2026-03-10-acts", {"third-congress-of-world-azerbaijanis": "accept"})
    applied = kg("ingest", "--apply", "article-2026-03-10-acts")
    assert applied.returncode == 0, applied.stderr
    assert "1 new record(s)" in applied.stdout
    empty = kg("ingest", str(project.root / "missing.txt"), "--id", "article-x", "--published", "2026-01-01")
    assert empty.returncode == 3 and "Traceback" not in empty.stderr


# --- the benchmark's own figures -----------------------------------------------------------------------

def test_the_benchmark_meets_its_goal_on_the_held_articles(layout):
    sys.path.insert(0, str(layout.root / "bench"))
    try:
        import bench_ingest
    finally:
        sys.path.pop(0)
    results = [bench_ingest.score(f"sources/{p.name}", a, layout) for p, a in (
        (layout.sources / "2025-12-24-lets-be-one-virtual-gathering.txt", "article-2025-12-24-lets-be-one"),
        (layout.sources / "2025-12-31-day-of-solidarity-of-world-azerbaijanis.txt", "article-2025-12-31-day-of-solidarity"))]
    gold = sum(r["scored"]["gold"] for r in results)
    proposed = sum(r["scored"]["proposed"] for r in results)
    correct = sum(r["scored"]["correct"] for r in results)
    # 0.87 / 0.98 with the old regular expressions, which were written on these two articles; the
    # parse-based reader (issue 20) gives 0.75 / 0.95 here (126 of 168: the gathering's count of compatriots is
    # now cited from two more reports, so it is held when the article is hidden) and is judged on the held-out set instead
    assert correct / gold >= 0.75 and correct / proposed >= 0.9
    assert all(r["verbatim"] == r["quotes"] > 0 for r in results)


def test_the_benchmarks_hiding_removes_what_the_article_says(layout):
    sys.path.insert(0, str(layout.root / "bench"))
    try:
        import bench_ingest
    finally:
        sys.path.pop(0)
    records = [r.fields for r in read_data(layout).records]
    kept, gold, _ = bench_ingest.split(records, "article-2025-12-24-lets-be-one")
    ids = {r["id"] for r in kept}
    assert "lets-be-one-gathering" not in ids and "article-2025-12-24-lets-be-one" not in ids
    assert ("lets-be-one-gathering", "organizer", "state-committee-for-work-with-diaspora") in gold
    assert "baku" in ids  # the other article speaks of it too


def test_apply_to_values_already_in_the_long_form_writes_them_back_clean(project, tmp_path):
    """The meeting's date is held in the long form (two sources disagree): confirming it adds the
    new sentence to that value's evidence and writes the rest back as it was read, not the
    loader's line markers."""
    article = tmp_path / "meeting.txt"
    article.write_text(" date 2026-01-10 BAKU, Azerbaijan, January 10. A meeting of the Supreme Assembly of the "
                       "Nakhchivan Autonomous Republic was held on December 6, 1991, chaired by Heydar Aliyev.\n",
                       encoding="utf-8")
    meeting = "meeting-of-the-supreme-assembly-on-the-solidarity-day"
    ingest(project, article, "article-2026-01-10-meeting")
    _decide(project, "article-2026-01-10-meeting", {meeting: "accept"})
    assert apply(project, "article-2026-01-10-meeting").extended == (meeting,)
    text = (project.records / "events.yaml").read_text(encoding="utf-8")
    assert "__line__" not in text
    held = {r.fields["id"]: r.fields for r in read_data(project).records}[meeting]
    sixth = next(v for v in held["startDate"] if v["value"] == "1991-12-06")
    assert [e["source"] for e in sixth["evidence"]] == [
        "article-2025-12-31-day-of-solidarity", "azernews-2023-12-31-solidarity-day", "article-2026-01-10-meeting"]


def test_ingest_writes_only_what_the_loader_reads_back(project, tmp_path):
    """Issue 23: a figure of 23 digits made a review that `kg build` refused for the whole project.
    No such number is a figure; and a review the loader would refuse is never written."""
    from dataclasses import replace

    from kg.ingest.review import write_review

    path = tmp_path / "huge.txt"
    path.write_text(" date 2026-01-01 The 5th Congress of World Azerbaijanis gathered 99999999999999999999999 delegates.\n"
                    "\nThe 5th Congress of World Azerbaijanis gathered 400 delegates.\n", encoding="utf-8")
    done = ingest(project, path, "article-huge")
    values = [e.record.get("statedValue") for e in done.review.entries]
    assert 400 in values and not any(isinstance(v, int) and v > 10**12 for v in values)
    read_data(project)  # the project still reads
    assert read_review(project, "article-huge") is not None
    before = done.path.read_bytes()
    bad = replace(done.review, entries=[replace(done.review.entries[0], record={**done.review.entries[0].record,
                                                                               "statedValue": 10**30})])
    with pytest.raises(DataError, match="not a plain whole number"):
        write_review(project, bad)
    assert done.path.read_bytes() == before  # nothing written


def test_a_malformed_review_stops_the_build_before_anything_is_written(project, tmp_path, capsys):
    """Issue 23: `kg build --out DIR` wrote DIR in full, then exited 3 on the review it read after."""
    from kg.cli import main

    project.review_folder.mkdir(parents=True, exist_ok=True)
    (project.review_folder / "article-x.yaml").write_text("article: article-x\ntextSha256: x\ncandidates: 5\n",
                                                          encoding="utf-8")
    out = tmp_path / "out"
    assert main(["--root", str(project.root), "build", "--out", str(out)]) == DataError.exit_code
    assert "candidates must be a list" in capsys.readouterr().err
    assert not out.exists()


def test_a_long_id_and_an_impossible_date_line_are_clear_errors(project, tmp_path):
    """Issue 23: an --id of 300 characters was an OSError, a date line of 30 February a ValueError."""
    path = tmp_path / "article.txt"
    path.write_text(" date 2001-02-30 The Congress met in Baku.\n", encoding="utf-8")
    with pytest.raises(DataError, match="which is no day"):
        ingest(project, path, "article-x")
    path.write_text("The Congress met in Baku.\n", encoding="utf-8")
    with pytest.raises(UsageError, match="100 at most"):
        ingest(project, path, "a" * 300, dt.date(2026, 1, 1))
    assert not project.review_folder.exists() or not list(project.review_folder.iterdir())


def test_a_byte_order_mark_neither_hides_the_date_line_nor_stays_in_the_held_text(project, tmp_path):
    """Issue 23: with a UTF-8 BOM first, the date line was not seen, and with --published the text kept the mark."""
    path = tmp_path / "article.txt"
    path.write_bytes("\ufeff date 2026-01-01 The Congress of World Azerbaijanis met in Baku.\n".encode())
    assert read_article(path, "article-bom").published == dt.date(2026, 1, 1)
    held = read_article(path, "article-bom", dt.date(2026, 1, 1)).text
    assert not held.startswith("\ufeff") and held.startswith(" date 2026-01-01")


def test_two_applies_at_once_both_land_and_a_killed_ones_folder_goes(project, tmp_path):
    """Issue 23: two `kg ingest --apply` at once both said "applied", and one article was lost; a
    killed one left its working folder in the project for good."""
    texts = {"article-2026-06-05-sixth-congress": FIXTURES / "sixth-congress.txt",
             "article-2026-06-06-forum": FIXTURES / "forum.txt"}
    accept = {"article-2026-06-05-sixth-congress": ["sixth-congress-of-world-azerbaijanis", "shusha"],
              "article-2026-06-06-forum": ["second-forum-of-leaders-of-azerbaijani-and-turkish-diaspora-organizations"]}
    for aid, path in texts.items():
        ingest(project, path, aid)
        _decide(project, aid, dict.fromkeys(accept[aid], "accept"))
    (project.root / ".ingest-apply-killed").mkdir()  # what a killed apply leaves
    runs = [subprocess.Popen([sys.executable, "-m", "kg", "--root", str(project.root), "ingest", "--apply", aid],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for aid in texts]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err.decode()
    ids = {r.fields["id"] for r in read_data(project).records}
    for aid in texts:  # both articles, their source records and what was accepted of each are in data/
        assert (project.sources / f"{aid}.txt").is_file()
        assert aid in ids and set(accept[aid]) <= ids
    assert not list(project.root.glob(".ingest-apply-*"))


def test_apply_writes_nothing_outside_data(project, tmp_path):
    """Issue 23: a hand-edited source.sourceFile of /tmp/x.txt was written before the build refused it."""
    ingest(project, FIXTURES / "sixth-congress.txt", SIXTH)
    path = project.review_folder / f"{SIXTH}.yaml"
    outside = tmp_path / "x.txt"
    for where in (str(outside), "../outside.txt", "records/sources.yaml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        doc["source"]["sourceFile"] = where
        doc["candidates"][0].update(decision="accept", decidedBy="A Curator", decidedOn="2026-11-24")
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
        records = _tree(project.records)
        with pytest.raises(DataError, match="sources/NAME.txt inside data/"):
            apply(project, SIXTH)
        assert not outside.exists() and not (project.root / "outside.txt").exists()
        assert _tree(project.records) == records


def test_a_killed_apply_leaves_data_whole_and_the_next_removes_its_folder(project):
    """Issue 23: `kill -9` during --apply: data/ is as it was (the new data/ is swapped in whole, at
    the end), and the folder it worked in is removed by the next apply."""
    import signal
    import time

    ingest(project, FIXTURES / "sixth-congress.txt", SIXTH)
    _decide(project, SIXTH, {"sixth-congress-of-world-azerbaijanis": "accept", "shusha": "accept"})
    before = _tree(project.data / "records"), _tree(project.sources)
    run = subprocess.Popen([sys.executable, "-m", "kg", "--root", str(project.root), "ingest", "--apply", SIXTH],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(project.root.glob(".ingest-apply-*/data")) and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.02)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    assert (_tree(project.data / "records"), _tree(project.sources)) == before  # killed before its swap: nothing changed
    assert list(project.root.glob(".ingest-apply-*"))  # what it left
    done = apply(project, SIXTH)
    assert "sixth-congress-of-world-azerbaijanis" in done.added
    assert not list(project.root.glob(".ingest-apply-*"))
