"""The HTML pages: facts, evidence, links, escaping."""

from __future__ import annotations

from html.parser import HTMLParser

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.rdf.namespaces import AZD, ID
from kg.site.render import render_pages


class Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.links, self.scripts, self.ids = [], [], 0, set()

    def handle_starttag(self, tag, attrs):
        if dict(attrs).get("id"):
            self.ids.add(dict(attrs)["id"])
        if tag == "script":
            self.scripts += 1
        if tag == "a":
            self.links.append(dict(attrs).get("href"))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Text:
    t = Text()
    t.feed(html)
    return t


def test_entity_page_shows_facts_evidence_and_links(dist):
    page = parse((dist / "html" / "id" / "baku.html").read_text(encoding="utf-8"))
    text = " ".join(page.text)
    assert "Bakı" in text and "contained in place" in text
    assert "BAKU, Azerbaijan, December 24." in text  # evidence sentence
    assert "http://www.wikidata.org/entity/Q9248" in page.links
    assert "https://sws.geonames.org/587084/" in page.links
    assert "azerbaijan.html" in page.links and "first-congress-of-world-azerbaijanis.html" in page.links


def test_curator_notes_and_hedges_are_shown(dist):
    meeting = " ".join(parse((dist / "html" / "id" / "meeting-of-the-coordination-council-2008-12-18.html").read_text()).text)
    assert "held at the First Congress" in meeting
    stat = " ".join(parse((dist / "html" / "id" / "stat-lets-be-one-countries.html").read_text()).text)
    assert "over 86 countries" in stat and "more than" in stat


def test_every_internal_link_resolves(dist):
    root = dist / "html"
    for path in root.rglob("*.html"):
        page = parse(path.read_text(encoding="utf-8"))
        for href in page.links:
            if href and href.startswith("#"):  # a footnote: to an element of the same page
                assert href[1:] in page.ids, f"{path.name}: broken link {href}"
            elif href and not href.startswith(("http://", "https://")):
                assert (path.parent / href).resolve().is_file(), f"{path.name}: broken link {href}"


def test_values_from_the_graph_are_escaped():
    g = Graph()
    evil = ID["evil"]
    g.add((evil, RDF.type, AZD.Person))
    g.add((evil, RDFS.label, Literal('<script>alert("x")</script>', lang="en")))
    g.add((evil, AZD.title, Literal("<img src=x onerror=alert(1)>")))
    pages = render_pages(g, "<b>title</b>")
    html = pages["html/id/evil.html"]
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "<b>title</b>" not in html
    assert parse(html).scripts == 0
    assert parse(pages["html/index.html"]).scripts == 0


def test_a_graph_iri_is_not_turned_into_a_local_page():
    g = Graph()
    g.add((ID["a"], RDF.type, AZD.Person))
    g.add((ID["a"], AZD.about, URIRef("javascript:alert(1)")))
    html = render_pages(g, "t")["html/id/a.html"]
    assert 'href="javascript:' not in html


def test_index_groups_entities_by_their_most_specific_kind(dist):
    index = (dist / "html" / "index.html").read_text(encoding="utf-8")

    def heading_before(text: str) -> str:
        start = index.rfind("<h2>", 0, index.index(text))
        return index[start + 4: index.index("</h2>", start)]

    assert heading_before("Presidential decree establishing") == "presidential decree"
    assert heading_before(">State Committee for Work with Diaspora<") == "state committee"
    assert heading_before(">Baku<") == "city"
