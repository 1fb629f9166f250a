"""SHACL shapes: a conforming fixture passes; each planted fault fails with its own message."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.build.validate import shacl
from kg.rdf.namespaces import AZD, ID

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "shacl" / "valid.ttl"
EV = URIRef("https://w3id.org/azdiaspora/evidence/q")


@pytest.fixture(scope="module")
def shapes(layout) -> Graph:
    return Graph().parse(layout.shapes)


def valid() -> Graph:
    return Graph().parse(FIXTURE)


def test_the_built_graph_conforms(built):
    assert built.shacl.conforms and built.shacl.problems == []


def test_valid_fixture_conforms(shapes):
    result = shacl(valid(), shapes)
    assert result.conforms, result.problems


def _remove(g, s, p):
    g.remove((s, p, None))
    return g


FAULTS = {
    "no label": (lambda g: _remove(g, ID.baku, RDFS.label), "English rdfs:label"),
    "only an Azerbaijani label": (lambda g: g.remove((ID.baku, RDFS.label, Literal("Baku", lang="en"))), "English rdfs:label"),
    "no evidence": (lambda g: _remove(g, ID.first, AZD.evidence), "needs evidence"),
    "untyped date": (lambda g: (_remove(g, ID.first, AZD.startDate), g.add((ID.first, AZD.startDate, Literal("9 November 2001"))))[-1],
                     "startDate must be"),
    "date as string": (lambda g: (_remove(g, ID.first, AZD.startDate), g.add((ID.first, AZD.startDate, Literal("2001-11-09"))))[-1],
                       "startDate must be"),
    "location not a place": (lambda g: (_remove(g, ID.first, AZD.location), g.add((ID.first, AZD.location, ID.series)))[-1],
                             "location must be a place"),
    "congress without edition number": (lambda g: _remove(g, ID.first, AZD.editionNumber), "edition number"),
    "city outside any country": (lambda g: _remove(g, ID.baku, AZD.containedInPlace), "country it is in"),
    "evidence from a non-article": (lambda g: (_remove(g, EV, AZD.quotedFrom), g.add((EV, AZD.quotedFrom, ID.baku)))[-1], None),
    "external owl:sameAs": (lambda g: g.add((ID.baku, URIRef("http://www.w3.org/2002/07/owl#sameAs"),
                                             URIRef("http://www.wikidata.org/entity/Q9248"))), "skos:exactMatch"),
    "figure without hedge": (lambda g: [g.add(t) for t in [
        (ID.s, RDF.type, AZD.StatisticalObservation), (ID.s, RDFS.label, Literal("s", lang="en")), (ID.s, AZD.evidence, EV),
        (ID.s, AZD.observationAbout, ID.first), (ID.s, AZD.variableMeasured, Literal("n", lang="en")),
        (ID.s, AZD.statedAs, Literal("31", lang="en")), (ID.s, AZD.observationDate, Literal("2025-12-24", datatype=XSD.date))]],
        "exactly one hedge"),
    "appeal adopted nowhere": (lambda g: [g.add(t) for t in [
        (ID.a, RDF.type, AZD.Appeal), (ID.a, RDFS.label, Literal("a", lang="en")), (ID.a, AZD.evidence, EV)]],
        "needs the meeting that adopted it"),
    "appeal to a place": (lambda g: [g.add(t) for t in [
        (ID.a, RDF.type, AZD.Appeal), (ID.a, RDFS.label, Literal("a", lang="en")), (ID.a, AZD.evidence, EV),
        (ID.a, AZD.adoptedAt, ID.first), (ID.a, AZD.recipient, ID.baku)]],
        "addressed to an organisation, a post or a person"),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_fault_is_caught(shapes, fault):
    mutate, message = FAULTS[fault]
    g = valid()
    mutate(g)
    result = shacl(g, shapes)
    assert not result.conforms and result.problems and all(p.check == "shacl" for p in result.problems)
    if message:
        assert any(message in str(p) for p in result.problems), result.problems
