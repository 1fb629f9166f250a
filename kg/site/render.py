"""Human-readable pages: one HTML page per entity, and an index, rendered from the
reasoned graph with Jinja2 (autoescaping on: every value from the graph is text,
never markup). The build writes them under dist/html/; links between pages are
relative, so the folder can be opened from disk or served as it is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.rdf.namespaces import AZD, ID, SCHEMA
from kg.site.chart import chart
from kg.site.env import ENV, query
from kg.site.proofs import literal_or_name, tree

HIDDEN = {AZD.evidence, AZD.sourceFile, AZD.issuedUnder}
DATASET_NAMES = {"http://www.wikidata.org/": "Wikidata", "http://dbpedia.org/": "DBpedia", "https://sws.geonames.org/": "GeoNames"}


@dataclass
class Value:
    text: str
    href: str | None = None
    note: str = ""  # language or datatype shown beside a literal
    sources: list[dict] = field(default_factory=list)  # what the fact rests on: quotes and citations
    rank: str = ""  # the statement's rank, where not normal
    context: bool = False  # read by the curator from the context, not stated as written
    why: str = ""  # the curator's note on the statement (a rank's or a disagreement's reason)
    when: str = ""  # the time it holds for, as its statement says (from, until, as of)
    proof: dict | None = None  # of an inferred value: why it holds (kg.site.proofs.tree)
    refs: list[int] = field(default_factory=list)  # the numbers of its entries in the page's evidence


@dataclass
class Page:
    iri: str
    label: str
    lang: str = "en"  # language of the label shown
    other_labels: list[Value] = field(default_factory=list)
    alt_labels: list[str] = field(default_factory=list)
    types: list[Value] = field(default_factory=list)
    schema_types: list[str] = field(default_factory=list)
    facts: list[tuple[str, list[Value]]] = field(default_factory=list)  # stated by a source
    inferred: list[tuple[str, list[Value]]] = field(default_factory=list)  # stated by no source: derived
    disagreements: list[tuple[str, list[Value]]] = field(default_factory=list)  # sources that disagree
    as_of: object = None  # kg.site.asof.AsOf: the entity as of a day (?as_of=), when asked
    incoming: list[tuple[str, list[Value]]] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)  # each quote or citation once, with the facts it supports
    links: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)  # the line a reader reads first: kind, dates, place, series
    figures: object = None  # kg.site.chart.Chart of a network's figures over the years, where it has any


def local(iri: URIRef) -> str | None:
    """The id of one of our entities, or None for any other IRI."""
    s = str(iri)
    return s[len(str(ID)):] if s.startswith(str(ID)) and "/" not in s[len(str(ID)):] else None


def preferred_label(graph: Graph, node, langs: tuple[str, ...] = ("en",)) -> Literal | None:
    """The node's rdfs:label in the first of ``langs`` it has, else any label, else None."""
    labels = sorted(x for x in graph.objects(node, RDFS.label) if isinstance(x, Literal))
    for lang in langs:
        for lab in labels:
            if (lab.language or "").lower().split("-")[0] == lang:
                return lab
    return labels[0] if labels else None


def display_label(graph: Graph, node, langs: tuple[str, ...] = ("en",)) -> str:
    lab = preferred_label(graph, node, langs)
    if lab is not None:
        return str(lab)
    try:
        return graph.namespace_manager.normalizeUri(node)
    except Exception:  # noqa: BLE001 - a node that cannot be shortened is shown whole
        return str(node)


def file_href(name: str) -> str:
    """Links between the pages of dist/html/ (files side by side)."""
    return f"{name}.html"


class Renderer:
    """Builds the view of one entity. ``href`` turns an entity id into a link; ``langs``
    are the reader's languages, most wanted first."""

    def __init__(self, graph: Graph, href=file_href, langs: tuple[str, ...] = ("en",), derivations: dict | None = None,
                 proof_graph: Graph | None = None, figures: list[dict] | None = None):
        self.g = graph
        self.figures = figures or []  # rows of kg/site/queries/figures.rq: the network's charts
        self.href = href
        self.langs = tuple(langs) if "en" in langs else (*langs, "en")
        self.derivations = derivations or {}  # inferred triple -> [(rule, premises)]
        self.proof_graph = proof_graph if proof_graph is not None else graph  # statements and evidence of premises

    def label(self, node) -> str:
        return display_label(self.g, node, self.langs)

    def value(self, term) -> Value:
        if isinstance(term, Literal):
            # a language is shown; a datatype (xsd:date) is for the data views, not for a reader
            note = term.language if term.language and term.language != "en" else ""
            return Value(str(term), None, note)
        name = local(term) if isinstance(term, URIRef) else None
        if name is not None:
            return Value(self.label(term), self.href(name))
        if isinstance(term, URIRef) and str(term).startswith(("http://", "https://")):
            return Value(self.label(term), str(term))
        return Value(self.label(term))

    def _statements(self, iri: URIRef) -> dict[tuple, list]:
        """The statement nodes of the entity's facts: (property, value) -> statements."""
        out: dict[tuple, list] = defaultdict(list)
        for st in self.g.subjects(RDF.subject, iri):
            if (st, RDF.type, AZD.Statement) in self.g:  # not a derivation's triple
                out[(self.g.value(st, RDF.predicate), self.g.value(st, RDF.object))].append(st)
        return out

    def stated(self, term, statements: list) -> Value:
        """A value with what it rests on: each quote (with its article) or citation, its rank where
        not normal, and whether the curator read it from the context."""
        g, v = self.g, self.value(term)
        for st in sorted(statements):
            rank = g.value(st, AZD.rank)
            if rank is not None and rank != AZD.NormalRank:
                v.rank = self.label(rank)
            v.context = v.context or (st, AZD.obtained, AZD.ReadFromContext) in g
            v.why = v.why or str(g.value(st, SKOS.editorialNote) or "")
            parts = [f"{word} {g.value(st, prop)}" for word, prop in (("from", AZD.validFrom), ("until", AZD.validUntil),
                                                                        ("as of", AZD.asOf)) if g.value(st, prop) is not None]
            v.when = v.when or " ".join(parts)
            for ev in sorted(g.objects(st, AZD.supportedBy)):
                entry = self.source_entry(ev)
                if entry not in v.sources:
                    v.sources.append(entry)
        v.sources.sort(key=lambda e: (e["date"], e["quote"]))
        return v

    def source_entry(self, ev) -> dict:
        """One piece of evidence as a page shows it: the quote (empty for a citation), whether it is a
        citation, its article or report, and that source's date."""
        g = self.g
        source = g.value(ev, AZD.quotedFrom) or g.value(ev, AZD.cites)
        return {"quote": str(g.value(ev, PROV.value) or ""), "cited": (ev, AZD.cites, None) in g,
                "source": self.value(source) if source is not None else Value(""),
                "date": str(g.value(source, AZD.datePublished) or "") if source is not None else ""}

    def why(self, s, p, o) -> Value:
        """An inferred value with its proof, where the derivations say how it was derived."""
        v = self.value(o)
        if (s, p, o) in self.derivations:
            v.proof = tree((s, p, o), self.derivations, self.proof_graph, self._show)
        return v

    @cached_property
    def _show(self):
        """How a proof names a term: by its label in the proof's graph, else as a value of the page."""
        g = self.proof_graph
        return literal_or_name(g, lambda x: display_label(g, x, self.langs) if (x, RDFS.label, None) in g else self.label(x))

    def backwards(self, pred: URIRef) -> str:
        """A relation named as read from its object: the ontology's azd:inverseLabel, else "… of"."""
        named = [lab for lab in self.g.objects(pred, AZD.inverseLabel) if isinstance(lab, Literal)]
        for lang in self.langs:
            for lab in sorted(named):
                if (lab.language or "en") == lang:
                    return str(lab)
        return f"{self.label(pred)} of"

    def summary(self, iri: URIRef, specific: list) -> list[str]:
        """The first line of a page: its kind, its dates, its place, and its series with the edition."""
        g = self.g
        parts = [self.label(specific[0])] if specific else []
        for start_p, end_p in SUMMARY_DATES:
            starts = sorted(str(x) for x in g.objects(iri, start_p))
            if not starts:
                continue
            ends = sorted(str(x) for x in g.objects(iri, end_p)) if end_p is not None else []
            when = " or ".join(starts) + (f" to {' or '.join(ends)}" if ends else "")
            parts.append(when + (" (sources disagree)" if len(starts) > 1 else ""))
            break
        places = sorted(self.label(x) for x in g.objects(iri, AZD.location))
        if places:
            parts.append(", ".join(places))
        for series in sorted(g.objects(iri, AZD.editionOf)):
            number = g.value(iri, AZD.editionNumber)
            parts.append((f"edition {number} of " if number is not None else "edition of ") + self.label(series))
        for post in sorted(g.objects(iri, AZD.postIn)):
            parts.append(f"a post in {self.label(post)}")
        return parts

    def _evidence(self, p: Page, iri: URIRef, statements: dict, keys: dict) -> None:
        """Each quote or citation the page rests on, once, with the facts it supports beneath it; each
        fact's value gets the numbers of its entries (``refs``)."""
        g = self.g
        nodes = set(g.objects(iri, AZD.evidence))
        for sts in statements.values():
            for st in sts:
                nodes.update(g.objects(st, AZD.supportedBy))
        entries = {ev: {**self.source_entry(ev), "supports": []} for ev in nodes}
        ordered = sorted(entries, key=lambda ev: (entries[ev]["date"], entries[ev]["quote"], str(ev)))
        number = {ev: i for i, ev in enumerate(ordered, 1)}
        for name, values in p.facts:
            for v in values:
                for st in statements.get(keys.get((name, v.text)), []):
                    for ev in g.objects(st, AZD.supportedBy):
                        if number[ev] not in v.refs:
                            v.refs.append(number[ev])
                            entries[ev]["supports"].append(f"{name}: {v.text}")
                v.refs.sort()
        p.evidence = [{"n": number[ev], **entries[ev]} for ev in ordered]

    def page(self, iri: URIRef) -> Page:
        g = self.g
        main = preferred_label(g, iri, self.langs)
        p = Page(str(iri), self.label(iri), lang=(main.language or "") if main is not None else "")
        p.other_labels = [Value(str(x), None, x.language or "") for x in sorted(g.objects(iri, RDFS.label))
                          if isinstance(x, Literal) and x != main]
        p.alt_labels = sorted(str(x) for x in g.objects(iri, SKOS.altLabel))
        ours = [t for t in g.objects(iri, RDF.type) if str(t).startswith(str(AZD))]
        # most specific first: a type none of the entity's other types is a subclass of
        specific = sorted(ours, key=lambda t: (any((o, RDFS.subClassOf, t) in g for o in ours if o != t), str(t)))
        p.types = [Value(self.label(t), str(t)) for t in specific]
        p.schema_types = sorted(str(t)[len(str(SCHEMA)):] for t in g.objects(iri, RDF.type) if str(t).startswith(str(SCHEMA)))
        statements = self._statements(iri)
        facts: dict[URIRef, list] = defaultdict(list)
        inferred: dict[URIRef, list] = defaultdict(list)
        for pred, obj in g.predicate_objects(iri):
            if str(pred).startswith(str(AZD)) and pred not in HIDDEN:
                (facts if (pred, obj) in statements else inferred)[pred].append(obj)
        # a deprecated value is a statement only, never a direct triple: shown with its rank
        for pred, obj in statements:
            if str(pred).startswith(str(AZD)) and pred not in HIDDEN and obj not in facts[pred]:
                facts[pred].append(obj)
        p.facts = [(self.label(pred), [self.stated(o, statements[(pred, o)]) for o in sorted(objs)])
                   for pred, objs in sorted(facts.items(), key=lambda kv: self.label(kv[0]))]
        keys = {(self.label(pred), self.value(o).text): (pred, o) for pred, objs in facts.items() for o in objs}
        p.inferred = [(self.label(pred), [self.why(iri, pred, o) for o in sorted(objs)])
                      for pred, objs in sorted(inferred.items(), key=lambda kv: self.label(kv[0]))]
        for pred, objs in sorted(facts.items(), key=lambda kv: self.label(kv[0])):
            by_source = {o: {s for st in statements[(pred, o)] for s in g.objects(st, AZD.statedIn)} for o in objs}
            if len(objs) > 1 and any(not (by_source[a] & by_source[b]) for a in objs for b in objs if a != b) \
                    and all(by_source.values()):
                p.disagreements.append((self.label(pred), [self.stated(o, statements[(pred, o)]) for o in sorted(objs)]))
        incoming: dict[URIRef, list] = defaultdict(list)
        for subj, pred in g.subject_predicates(iri):
            if str(pred).startswith(str(AZD)) and local(subj) is not None and pred not in HIDDEN:
                incoming[pred].append(subj)
        p.incoming = [(self.backwards(pred), [self.value(s) for s in sorted(subjs)])
                      for pred, subjs in sorted(incoming.items(), key=lambda kv: self.backwards(kv[0]))]
        self._evidence(p, iri, statements, keys)
        p.summary = self.summary(iri, specific)
        p.figures = chart(self.figures, about=str(iri), href=lambda obs: self.href(local(URIRef(obs)) or ""))
        for link in g.subjects(AZD.linkSubject, iri):
            target = g.value(link, AZD.linkTarget)
            match = g.value(link, AZD.matchKind)
            dataset = next((name for prefix, name in DATASET_NAMES.items() if str(target).startswith(prefix)), "external")
            p.links.append({"dataset": dataset, "target": str(target),
                            "match": "same thing" if match == SKOS.exactMatch else "close match",
                            "confidence": str(g.value(link, AZD.confidence) or ""),
                            "confirmed_by": str(g.value(link, AZD.confirmedBy) or "")})
        p.links.sort(key=lambda x: (x["dataset"], x["target"]))
        p.notes = sorted(str(n) for n in g.objects(iri, SKOS.editorialNote))
        return p


SUMMARY_DATES = ((AZD.startDate, AZD.endDate), (AZD.legislationDate, None), (AZD.foundingDate, AZD.dissolutionDate),
                 (AZD.observationDate, None), (AZD.changeDate, None), (AZD.validFrom, AZD.validUntil))


def entities(graph: Graph) -> list[URIRef]:
    """Our entities: typed subjects in the id/ namespace."""
    return sorted({s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef) and local(s) is not None})


def figure_rows(graph: Graph) -> list[dict]:
    """The rows of kg/site/queries/figures.rq on ``graph``, in the SPARQL JSON form the server's
    store answers with, so that the build's pages and the served ones chart the same figures."""
    out = []
    for row in graph.query(query("figures")):
        out.append({str(k): {"value": str(v)} for k, v in row.asdict().items()})
    return out


def render_pages(graph: Graph, title: str, derivations: dict | None = None) -> dict[str, str]:
    """All pages, keyed by path under dist/: html/index.html and html/id/<id>.html; with
    ``derivations``, each inferred value has its "why"."""
    r = Renderer(graph, derivations=derivations, figures=figure_rows(graph))
    entity_tpl = ENV.get_template("entity.html")
    pages: dict[str, str] = {}
    groups: dict[str, list[Value]] = defaultdict(list)
    for iri in entities(graph):
        page = r.page(iri)
        pages[f"html/id/{local(iri)}.html"] = entity_tpl.render(page=page, title=title, home_href="../index.html")
        kind = page.types[0].text if page.types else "other"
        groups[kind].append(Value(page.label, f"id/{local(iri)}.html"))
    index = [(kind, sorted(items, key=lambda v: v.text.casefold())) for kind, items in sorted(groups.items())]
    pages["html/index.html"] = ENV.get_template("index.html").render(groups=index, title=title)
    return pages
