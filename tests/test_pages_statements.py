"""Entity pages say who says so: each fact with the quote or citation it rests on, a box where sources
disagree, inferred facts apart and marked, and a value read from the context said as such."""

from __future__ import annotations

import re

from kg.rdf.namespaces import ID
from kg.site.render import Renderer


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_fact_shows_the_sentences_and_citations_it_rests_on(built):
    page = Renderer(built.inferred).page(ID["meeting-of-the-supreme-assembly-on-the-solidarity-day"])
    (name, values), = [(n, vs) for n, vs in page.facts if n == "start date"]
    by_value = {v.text: v for v in values}
    assert set(by_value) == {"1991-12-06", "1991-12-16"}
    six, sixteen = by_value["1991-12-06"], by_value["1991-12-16"]
    assert [s["cited"] for s in six.sources] == [True, False]  # AzerNews (cited), then the held article (quoted)
    assert six.sources[1]["quote"].startswith("The idea to establish this day was first proposed on December 6, 1991")
    assert {s["source"].text.split(":")[0] for s in sixteen.sources} == {"National Library of Azerbaijan", "Report.az"}
    assert all(s["cited"] and not s["quote"] for s in sixteen.sources)
    assert "sources disagree" in sixteen.why
    assert [n for n, _ in page.disagreements] == ["start date"]


def test_inferred_facts_are_apart_and_a_context_value_is_said_so(built):
    decision = Renderer(built.inferred).page(ID["decision-of-the-supreme-assembly-on-the-solidarity-day"])
    stated = {n for n, _ in decision.facts}
    inferred = {n for n, _ in decision.inferred}
    assert "date of the act" in stated and not (stated & inferred)
    assert inferred  # e.g. what OWL 2 RL adds from the ontology
    (values,) = [vs for n, vs in decision.facts if n == "date of the act"]
    assert {v.text: v.context for v in values} == {"1991-12-06": True, "1991-12-16": False}


def test_the_page_in_dist_carries_the_boxes(dist):
    html = (dist / "html" / "id" / "meeting-of-the-supreme-assembly-on-the-solidarity-day.html").read_text(encoding="utf-8")
    text = _text(html)
    assert "Sources disagree" in text and "cited, text not held: Report.az" in text
    decision = _text((dist / "html" / "id" / "decision-of-the-supreme-assembly-on-the-solidarity-day.html").read_text(encoding="utf-8"))
    assert "1991-12-06 read from context" in decision and "xsd:date" not in decision  # datatypes stay in the data views
    assert "Inferred by reasoning" in decision and "stated by no source" in decision


def test_a_page_opens_with_its_summary_and_gives_each_source_once_with_what_it_supports(built):
    page = Renderer(built.inferred).page(ID["fifth-congress-of-world-azerbaijanis"])
    assert page.summary == ["congress", "2022-04-22 to 2022-04-23", "Shusha", "edition 5 of Congress of World Azerbaijanis"]
    first = Renderer(built.inferred).page(ID["first-congress-of-world-azerbaijanis"])
    quotes = [e["quote"] for e in first.evidence if e["quote"]]
    assert len(quotes) == len(set(quotes)) == 1  # the article's sentence once, not once per fact
    (article,) = [e for e in first.evidence if e["quote"]]
    assert "start date: 2001-11-09" in article["supports"] and "location: Baku" in article["supports"]
    assert not any(s.startswith("convened by") for s in article["supports"])  # the decree is the reports'
    refs = {n: [v.refs for v in vs] for n, vs in first.facts}
    assert refs["convened by"] == [[e["n"] for e in first.evidence if any(s.startswith("convened by") for s in e["supports"])]]


def test_relations_read_backwards_are_named_in_words(built):
    page = Renderer(built.inferred).page(ID["first-congress-of-world-azerbaijanis"])
    names = [n for n, _ in page.incoming]
    assert "claims and items about it" in names and "figures about it" in names
    assert not any(n.endswith(" of") for n in names)


def test_the_pages_of_people_and_holdings_show_no_datatype(dist):
    for name in ("fuad-muradov", "nazim-ibrahimov", "holding-committee-chairman-nazim-ibrahimov-2012"):
        text = _text((dist / "html" / "id" / f"{name}.html").read_text(encoding="utf-8"))
        assert "xsd:" not in text, name
    assert "2018-04" in text  # the holding's end, to the month its sources give, without a datatype


def test_a_networks_page_charts_its_figures_with_their_hedges(dist):
    html = (dist / "html" / "id" / "weekend-schools.html").read_text(encoding="utf-8")
    chart = html.split('<svg class="figures"', 1)[1].split("</svg>", 1)[0]
    labels = re.findall(r"<text x=\"[0-9.]+\" y=\"[0-9.]+\">([^<]+)</text>", chart)
    assert {"more than 90", "about 100"} <= set(labels)  # hedged as the sources hedge them
    assert chart.count('class="hedged"') == 2 and 'href="stat-weekend-schools-2024.html"' in chart
