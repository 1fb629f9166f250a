"""The curated data keeps what the sources say: evidence, hedges, years, no invented facts."""

from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, SKOS, XSD

from kg.rdf.namespaces import AZD, ID, SCHEMA

ROOT = Path(__file__).resolve().parent.parent


def test_every_record_has_verbatim_evidence(built):
    """Each item is a sentence that stands verbatim in a held article, or a citation (no quote) of a
    report the project does not hold; no sentence of a cited report is pasted into the project."""
    for rec in built.data.records.values():
        items = [*rec.evidence, *(e for q in rec.qualified.values() for e in q.evidence)]
        assert items, rec.id
        for ev in items:
            if ev.cited:
                assert ev.source in built.data.reports and ev.source not in built.data.articles, (rec.id, ev.source)
            else:
                assert ev.quote in built.data.articles[ev.source]


def test_each_article_is_its_own_source_record(built):
    articles = {rid: r for rid, r in built.data.records.items() if r.type == AZD.NewsArticle}
    assert set(articles) == {"article-2025-12-24-lets-be-one", "article-2025-12-31-day-of-solidarity"}
    g = built.asserted
    assert g.value(ID["article-2025-12-24-lets-be-one"], AZD.datePublished) == Literal("2025-12-24", datatype=XSD.date)
    assert g.value(ID["article-2025-12-24-lets-be-one"], AZD.datelinePlace) == ID.baku


def test_the_articles_ship_with_the_project():
    sources = sorted((ROOT / "data" / "sources").glob("*.txt"))
    assert [p.name for p in sources] == ["2025-12-24-lets-be-one-virtual-gathering.txt",
                                         "2025-12-31-day-of-solidarity-of-world-azerbaijanis.txt"]
    # Pinned, so a changed copy is noticed (the articles are the evidence).
    digests = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in sources}
    assert digests == {
        "2025-12-24-lets-be-one-virtual-gathering.txt": DIGESTS[0],
        "2025-12-31-day-of-solidarity-of-world-azerbaijanis.txt": DIGESTS[1],
    }


def test_year_only_dates_stay_years(built):
    g = built.asserted
    assert g.value(ID["presidential-decree-1993"], AZD.legislationDate) == Literal("1993", datatype=XSD.gYear)
    assert g.value(ID["karabakh-victory-5th-anniversary"], AZD.startDate) == Literal("2025", datatype=XSD.gYear)
    invented = [(s, o) for s, p, o in g if isinstance(o, Literal) and o.datatype == XSD.date and str(o).endswith("-01-01")]
    assert invented == []


def test_undated_things_stay_undated(built):
    g = built.asserted
    assert g.value(ID["lets-be-one-gathering"], AZD.startDate) is None  # the article does not date it
    assert g.value(ID["karabakh-victory"], AZD.startDate) is None
    assert g.value(ID["request-of-the-supreme-assembly-1991"], AZD.legislationDate) is None
    assert g.value(ID["law-on-state-policy-regarding-azerbaijanis-living-abroad"], AZD.passedBy) is None
    assert g.value(ID["ilham-aliyev"], SCHEMA.birthDate) is None


def test_hedged_figures_stay_hedged(built):
    g = built.asserted
    expected = {
        "stat-diaspora-events-2025": (100, "nearly"), "stat-lets-be-one-participants": (1000, "approximately"),
        "stat-lets-be-one-countries": (86, "more-than"), "stat-weekend-schools": (90, "more-than"),
        "stat-diaspora-organizations": (None, "hundreds"), "stat-medal-recipients": (None, "several"),
        "stat-azerbaijani-houses": (31, "exact"), "stat-azerbaijani-houses-countries": (20, "exact"),
    }
    for rid, (value, hedge) in expected.items():
        v = g.value(ID[rid], AZD.statedValue)
        assert (v.toPython() if v is not None else None, g.value(ID[rid], AZD.hedge)) == (value, AZD[hedge]), rid


def test_no_owl_sameas_to_external_iris(built):
    assert not [(s, o) for s, o in built.inferred.subject_objects(OWL.sameAs) if not str(o).startswith("https://w3id.org/azdiaspora/")]


def test_links_are_marked_as_links(built):
    g = built.asserted
    assert (ID["heydar-aliyev"], SKOS.exactMatch, URIRef("http://www.wikidata.org/entity/Q157451")) in g
    assert (ID["heydar-aliyev"], SCHEMA.sameAs, URIRef("http://www.wikidata.org/entity/Q157451")) in g
    assert (ID["first-vice-president-of-azerbaijan"], SCHEMA.sameAs, None) not in g  # a close match is not the same thing
    links = list(g.subjects(RDF.type, AZD.ExternalLink))
    assert len(links) == len(built.data.links) == 15


DIGESTS = ("2bbb473e78935bdb", "9d1424b0b00d1121")  # sha256 prefixes of the articles as received
