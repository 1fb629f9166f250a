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
    assert "1991-12-06 xsd:date read from context" in decision
    assert "Inferred by reasoning" in decision and "stated by no source" in decision
