"""The ontology: header, labels and comments, alignment targets, shapes for every class."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from kg.rdf.namespaces import AZD, ONTOLOGY_IRI, SH

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def onto(layout) -> Graph:
    return Graph().parse(layout.ontology)


@pytest.fixture(scope="module")
def shapes(layout) -> Graph:
    return Graph().parse(layout.shapes)


def ours(graph: Graph, rdf_type) -> list[URIRef]:
    return sorted(s for s in graph.subjects(RDF.type, rdf_type) if isinstance(s, URIRef) and str(s).startswith(str(AZD)))


def test_header(onto):
    o = URIRef(ONTOLOGY_IRI)
    assert (o, RDF.type, OWL.Ontology) in onto
    assert str(onto.value(o, OWL.versionIRI)).startswith(ONTOLOGY_IRI + "/")
    assert onto.value(o, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert onto.value(o, DCTERMS.title) == Literal("Azerbaijani Diaspora Policy Ontology", lang="en")


@pytest.mark.parametrize("kind", [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty])
def test_every_term_has_english_label_and_comment(onto, kind):
    terms = ours(onto, kind)
    assert terms, f"no {kind} in the ontology"
    for term in terms:
        labels = [l for l in onto.objects(term, RDFS.label) if l.language == "en"]
        comments = [c for c in onto.objects(term, RDFS.comment) if c.language == "en"]
        assert labels, f"{term} has no English rdfs:label"
        assert comments, f"{term} has no English rdfs:comment"


def test_every_class_is_aligned_to_a_standard_vocabulary(onto):
    standard = ("https://schema.org/", "http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#",
                "http://data.europa.eu/eli/ontology#", "http://xmlns.com/foaf/0.1/")
    for cls in ours(onto, OWL.Class):
        supers = set(onto.transitive_objects(cls, RDFS.subClassOf)) - {cls}
        assert any(str(s).startswith(standard) for s in supers), f"{cls} is not aligned to schema.org/ORG/PROV/ELI/FOAF"


def test_every_class_has_a_shape(onto, shapes):
    """Every class is validated: by a SHACL shape, or (statements, as many as the facts) by a quality
    check that says `# validates: CLASS`."""
    targeted = set(shapes.objects(None, SH.targetClass))
    checked = {AZD[m.group(1)] for p in (ROOT / "queries" / "checks").glob("*.rq")
               for m in [re.search(r"^# validates: azd:(\w+)$", p.read_text(encoding="utf-8"), re.M)] if m}
    assert checked == {AZD.Statement}
    missing = [c for c in ours(onto, OWL.Class) if c not in targeted | checked]
    assert not missing, f"classes without a SHACL shape: {missing}"


def test_main_classes_are_pairwise_disjoint(onto):
    groups = [list(onto.items(onto.value(n, OWL.members))) for n in onto.subjects(RDF.type, OWL.AllDisjointClasses)]
    top = max(groups, key=len)
    for cls in (AZD.Event, AZD.LegalAct, AZD.Organization, AZD.Person, AZD.Place):
        assert cls in top


def test_namespace_is_declared_once(onto):
    """kg.namespaces is the one place the IRIs are set; the ontology file must agree with it."""
    from kg.rdf.namespaces import VANN

    assert str(onto.value(URIRef(ONTOLOGY_IRI), VANN.preferredNamespaceUri)) == str(AZD)
    assert dict(onto.namespaces())["azd"] == URIRef(str(AZD))


def test_every_term_is_defined_by_the_ontology(onto):
    o = URIRef(ONTOLOGY_IRI)
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
        for term in ours(onto, kind):
            assert (term, RDFS.isDefinedBy, o) in onto, term
