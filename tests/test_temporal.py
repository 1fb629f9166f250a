"""Time-aware rules: a holding holds for the time its sources say; an act's issuer is derived only
where a holding certainly covers the act's date; one post has one holder at any instant."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, XSD

from kg.build.pipeline import build
from kg.build.temporal import derive, problems, span
from kg.cli import main
from kg.errors import EXIT_VALIDATION, ValidationError
from kg.rdf.namespaces import AZD, ID
from kg.site.render import Renderer

QUOTE = ("The idea to establish this day was first proposed on December 6, 1991, during a meeting of the Supreme "
         "Assembly of Azerbaijan’s Nakhchivan Autonomous Republic, chaired by Heydar Aliyev.")


def _holding(rid, holder, **dates) -> str:
    lines = [f"- id: {rid}", "  type: PostHolding", f"  label: {rid}", "  post: president-of-azerbaijan",
             f"  holder: {holder}"]
    lines += [f"  {k}: {v!r}" for k, v in dates.items()]
    lines += ["  evidence:", "    - source: article-2025-12-31-day-of-solidarity", f"      quote: {QUOTE!r}"]
    return "\n".join(lines) + "\n"


def _add(project, text: str) -> None:
    (project.records / "zz-holdings.yaml").write_text(text, encoding="utf-8")


def test_a_date_spans_what_its_precision_allows():
    assert span(Literal("1993", datatype=XSD.gYear)) == (dt.date(1993, 1, 1), dt.date(1993, 12, 31))
    assert span(Literal("2018-04", datatype=XSD.gYearMonth)) == (dt.date(2018, 4, 1), dt.date(2018, 4, 30))
    assert span(Literal("2024-02", datatype=XSD.gYearMonth))[1] == dt.date(2024, 2, 29)
    assert span(Literal("2002-07-05", datatype=XSD.date)) == (dt.date(2002, 7, 5),) * 2
    assert span(Literal("soon")) is None


def test_a_holding_that_covers_the_act_date_makes_its_holder_the_issuer(project):
    # the 1993 decree (gYear 1993) and the 2002 decree (2002-07-05) are passed by the post of President
    _add(project, _holding("holding-president-heydar-aliyev", "heydar-aliyev", validFrom="1993-06", validUntil="2003-10-31"))
    g = build(project).inferred
    ACTS = {ID["presidential-decree-1993"], ID["presidential-decree-2002-07-05"]}  # (the others have holdings of their own)
    issued = sorted(x for x in g.subject_objects(AZD.issuedBy) if x[0] in ACTS)
    assert issued == [(ID["presidential-decree-2002-07-05"], ID["heydar-aliyev"])]  # 1993 is not certainly covered
    assert (ID["presidential-decree-2002-07-05"], AZD.issuedUnder, ID["holding-president-heydar-aliyev"]) in g


def test_a_holding_from_the_start_of_the_year_covers_a_year_only_date(project):
    _add(project, _holding("holding-president-heydar-aliyev", "heydar-aliyev", validFrom="1993-01-01", validUntil="2003-10-31"))
    g = build(project).inferred
    acts = {a for a, _ in g.subject_objects(AZD.issuedBy)}
    assert acts & {ID["presidential-decree-1993"], ID["presidential-decree-2002-07-05"]} == {
        ID["presidential-decree-1993"], ID["presidential-decree-2002-07-05"]}
    assert ID["presidential-decree-2008-11-19"] not in acts and ID["presidential-decree-2018-07-06"] not in acts


def test_an_attestation_covers_its_own_day_only():
    g = Graph()
    act, post, h, person = ID.act, ID.post, ID.h, ID.person
    g.add((act, AZD.passedBy, post))
    g.add((act, AZD.legislationDate, Literal("2025-12-24", datatype=XSD.date)))
    for t in ((h, RDF.type, AZD.PostHolding), (h, AZD.post, post), (h, AZD.holder, person),
              (h, AZD.asOf, Literal("2025-12-24", datatype=XSD.date))):
        g.add(t)
    assert (act, AZD.issuedBy, person) in derive(g)
    g.set((act, AZD.legislationDate, Literal("2025-12-25", datatype=XSD.date)))
    assert len(derive(g)) == 0


def test_two_holders_of_one_post_at_one_time_fail_the_build(project, capsys):
    _add(project, _holding("holding-president-someone-else", "heydar-aliyev", validFrom="2025-01", validUntil="2025-12-31"))
    with pytest.raises(ValidationError) as raised:
        build(project)
    found = raised.value.problems  # it overlaps both attestations of Ilham Aliyev's holding (24 and 31 December 2025)
    assert len(found) == 2
    for p in found:
        assert (p.record, p.check, p.field, p.file) == ("holding-president-someone-else", "time", "holder",
                                                        "data/records/zz-holdings.yaml")
        assert "heydar-aliyev and ilham-aliyev both hold president-of-azerbaijan" in p.message
    assert main(["--root", str(project.root), "validate"]) == EXIT_VALIDATION
    assert "cannot hold at one time" in capsys.readouterr().err


def test_holdings_that_only_touch_do_not_clash():
    g = Graph()
    for h, person, start, end in ((ID.a, ID.p1, "1993-06-15", "2003-10-31"), (ID.b, ID.p2, "2003-11", "2025-12-31")):
        for t in ((h, RDF.type, AZD.PostHolding), (h, AZD.post, ID.post), (h, AZD.holder, person),
                  (h, AZD.validFrom, Literal(start, datatype=XSD.date if len(start) == 10 else XSD.gYearMonth)),
                  (h, AZD.validUntil, Literal(end, datatype=XSD.date))):
            g.add(t)
    assert problems(g) == []
    g.set((ID.b, AZD.validFrom, Literal("2003", datatype=XSD.gYear)))  # may have begun in 2003: not certain
    assert problems(g) == []
    g.set((ID.b, AZD.validFrom, Literal("2003-10-01", datatype=XSD.date)))  # certainly overlaps in October 2003
    assert len(problems(g)) == 1


def _event(project, start: str, body: str) -> None:
    (project.records / "zz-event.yaml").write_text("\n".join([
        "- id: zz-meeting", "  type: Meeting", "  label: A meeting", f"  startDate: {start!r}", f"  heldBy: {body}",
        "  evidence:", "    - source: article-2025-12-31-day-of-solidarity", f"      quote: {QUOTE!r}"]) + "\n", encoding="utf-8")


def test_an_event_falls_within_the_life_of_the_body_that_held_it(project):
    old = "state-committee-for-work-with-azerbaijanis-living-abroad"  # founded 5 July 2002; no source ends it
    _event(project, "2005-03-01", old)
    build(project)  # within its life
    _event(project, "2010-05-01", old)  # after the reorganisation of 2008, which no source says ended it
    build(project)
    orgs = project.records / "organisations.yaml"
    text = orgs.read_text(encoding="utf-8")
    orgs.write_text(text.replace(f"- id: {old}\n", f"- id: {old}\n  dissolutionDate: 2008-11-19\n", 1), encoding="utf-8")
    with pytest.raises(ValidationError) as raised:  # a source's end date (made up here) does end it
        build(project)
    (p,) = raised.value.problems
    assert (p.record, p.check, p.field) == ("zz-meeting", "time", "heldBy")
    assert f"falls outside the life of {old}" in p.message
    _event(project, "2001", old)  # certainly before its founding
    with pytest.raises(ValidationError):
        build(project)
    _event(project, "2002", old)  # the year it was founded in: it may have existed then
    build(project)


def test_a_things_official_names_do_not_overlap_in_time(project, built):
    # the Day's two names: the law's of 25 December 1991 until 1993, the decree's from 1993
    page_names = {v.text: v.when for n, vs in Renderer(built.inferred)
                  .page(ID["day-of-solidarity-of-world-azerbaijanis"]).facts if n == "official name" for v in vs}
    assert page_names == {"International Solidarity Day of Azerbaijanis": "from 1991-12-25 until 1993",
                          "Day of Solidarity of World Azerbaijanis": "from 1993"}
    events = project.records / "events.yaml"
    text = events.read_text(encoding="utf-8")
    assert "      validUntil: 1993\n" in text
    events.write_text(text.replace("      validUntil: 1993\n", "", 1), encoding="utf-8")  # the old name never ends
    with pytest.raises(ValidationError) as raised:
        build(project)
    (p,) = raised.value.problems
    assert (p.record, p.field, p.check) == ("day-of-solidarity-of-world-azerbaijanis", "officialName", "time")
    assert "both hold at one time" in p.message
