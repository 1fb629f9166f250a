"""`kg link`: propose links to Wikidata for entities that have none, for a curator to review.

For each record of a kind listed in data/linker.yaml that has no curated
Wikidata link, the linker asks the endpoint for items whose label or alias is
one of the record's names (English, Azerbaijani, other names), and scores each
candidate:

- label: +2 English label (+1 more if the Azerbaijani label matches too),
  +1.5 Azerbaijani label alone, +1 an alias;
- type: +2 an instance of one of the expected classes, -3 when it is not;
- country: +1 when the candidate's country (P17/P27) is a country of ours that
  has a curated Wikidata link (the graph is about Azerbaijan);
- dates: a person born (P569) less than 16 years before the graph shows them
  acting (chairing, speaking, holding a post) -3; an organisation whose
  inception (P571) equals our founding date +2, differs by over a year -2.

Proposals go to data/review/wikidata-links.yaml (:mod:`kg.link.review`: the
curator's decisions, typed). Decisions are never overwritten and a rejected
candidate is never proposed again. Nothing in data/ changes unless the whole run
succeeds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from kg.build.load import LINE_KEY, read_yaml
from kg.build.model import CheckedData, Record
from kg.errors import DataError
from kg.layout import Layout
from kg.link.client import SparqlClient
from kg.link.review import Decision, Proposal, read_review
from kg.rdf.namespaces import AZD, WD

ACTING = (AZD.chairedBy, AZD.performer, AZD.holder, AZD.initiatedBy)


@dataclass(frozen=True)
class LinkerSettings:
    endpoint: str
    types: dict[str, list[str]]
    accept: float
    margin: float

    @classmethod
    def read(cls, layout: Layout) -> LinkerSettings:
        path = layout.linker_settings
        rel = layout.relative(path)
        doc = read_yaml(path, layout)
        if not isinstance(doc, dict):
            raise DataError(f"{rel}: expected endpoint, types, accept and margin")
        try:
            types = {str(k): [str(q) for q in v] for k, v in doc["types"].items() if k != LINE_KEY}
            return cls(str(doc["endpoint"]), types, float(doc["accept"]), float(doc["margin"]))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DataError(f"{rel}: malformed settings ({exc}); see the comments in the file") from None


@dataclass
class Candidate:
    item: URIRef
    label: str = ""
    description: str = ""
    matched: set[str] = field(default_factory=set)  # "en", "az", "alias"
    classes: set[URIRef] = field(default_factory=set)
    countries: set[URIRef] = field(default_factory=set)
    birth: Literal | None = None
    inception: Literal | None = None
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)

    def add(self, points: float, reason: str) -> None:
        self.score += points
        self.reasons.append(reason)


def _names(rec: Record) -> list[Literal]:
    names = [o for p, o in rec.statements if p in (RDFS.label, SKOS.altLabel) and isinstance(o, Literal)]
    return list(dict.fromkeys(names))


def candidate_query(names: list[Literal], classes: list[str]) -> str:
    """The SELECT sent to the endpoint. Values are written as RDF terms (``Literal.n3()``
    escapes them), never pasted as raw text: a remote endpoint takes query text, and has no initBindings."""
    values = " ".join(n.n3() for n in names)
    class_values = " ".join(URIRef(WD + q).n3() for q in classes)
    return f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
SELECT ?item ?name ?how ?label ?description ?class ?country ?birth ?inception WHERE {{
  VALUES ?name {{ {values} }}
  {{ ?item rdfs:label ?name . BIND("label" AS ?how) }} UNION {{ ?item skos:altLabel ?name . BIND("alias" AS ?how) }}
  OPTIONAL {{ ?item rdfs:label ?label . FILTER(LANG(?label) = "en") }}
  OPTIONAL {{ ?item schema:description ?description . FILTER(LANG(?description) = "en") }}
  OPTIONAL {{ VALUES ?class {{ {class_values} }} ?item wdt:P31/wdt:P279* ?class . }}
  OPTIONAL {{ {{ ?item wdt:P17 ?country }} UNION {{ ?item wdt:P27 ?country }} }}
  OPTIONAL {{ ?item wdt:P569 ?birth }}
  OPTIONAL {{ ?item wdt:P571 ?inception }}
}}
LIMIT 500"""


def _year(lit: Literal | None) -> int | None:
    if lit is None:
        return None
    try:
        return int(str(lit).lstrip("+")[:4])
    except ValueError:
        return None


def _acting_years(rec: Record, data: CheckedData) -> list[int]:
    """Years in which the graph shows this person acting (chairing, speaking, holding a post, initiating)."""
    years = []
    for other in data.records.values():
        if any(p in ACTING and o == rec.iri for p, o in other.statements):
            for p, o in other.statements:
                if p in (AZD.startDate, AZD.asOf, AZD.legislationDate) and isinstance(o, Literal):
                    years.append(int(str(o)[:4]))
    return years


def score(rec: Record, cands: dict[URIRef, Candidate], expected: list[str], data: CheckedData,
          our_countries: set[URIRef]) -> list[Candidate]:
    expected_iris = {URIRef(WD + q) for q in expected}
    acting = _acting_years(rec, data)
    founding = next((o for p, o in rec.statements if p == AZD.foundingDate), None)
    for c in cands.values():
        add = c.add
        if "en" in c.matched:
            add(2, "English label matches")
        elif c.matched & {"az", "alias"}:
            add(1.5 if "az" in c.matched else 1, "Azerbaijani label matches" if "az" in c.matched else "an alias matches")
        if "en" in c.matched and "az" in c.matched:
            add(1, "Azerbaijani label matches too")
        fits = c.classes & expected_iris
        if fits:
            add(2, "type fits (" + ", ".join(sorted(str(x).rsplit("/", 1)[-1] for x in fits)) + ")")
        else:
            add(-3, "type does not fit (" + ", ".join(expected) + " expected)")
        if rec.type != AZD.Country and c.countries & our_countries:
            add(1, "country matches")
        born = _year(c.birth)
        if born is not None and acting and born > min(acting) - 16:
            add(-3, f"born {born}, too late to act in {min(acting)}")
        elif born is not None and acting:
            c.reasons.append(f"born {born}, consistent with acting in {min(acting)}")
        started = _year(c.inception)
        if founding is not None and started is not None:
            if abs(started - int(str(founding)[:4])) <= 1:
                add(2, f"inception {started} matches the founding date")
            else:
                add(-2, f"inception {started} differs from the founding date {founding}")
    return sorted(cands.values(), key=lambda c: (-c.score, str(c.item)))


def _collect(rows: list[dict[str, Any]]) -> dict[URIRef, Candidate]:
    cands: dict[URIRef, Candidate] = {}
    for row in rows:
        item = row.get("item")
        if not isinstance(item, URIRef) or not str(item).startswith(str(WD)):
            continue
        c = cands.setdefault(item, Candidate(item))
        name = row.get("name")
        if row.get("how") == Literal("alias"):
            c.matched.add("alias")
        elif isinstance(name, Literal):
            c.matched.add(name.language or "alias")
        if row.get("label") is not None:
            c.label = str(row["label"])
        if row.get("description") is not None:
            c.description = str(row["description"])
        if isinstance(row.get("class"), URIRef):
            c.classes.add(row["class"])
        if isinstance(row.get("country"), URIRef):
            c.countries.add(row["country"])
        if row.get("birth") is not None:
            c.birth = row["birth"]
        if row.get("inception") is not None:
            c.inception = row["inception"]
    return cands


@dataclass
class LinkReport:
    proposals: list[Proposal]
    looked_up: list[str]
    skipped_linked: list[str]
    requests: int
    cache_hits: int


def propose(data: CheckedData, layout: Layout, settings: LinkerSettings, client: SparqlClient) -> LinkReport:
    """Query the endpoint for every unlinked entity and return the new review list (nothing written)."""
    review = read_review(layout)
    decided = [p for p in review if p.decision is not Decision.PENDING]
    decided_pairs = {(p.entity, p.candidate) for p in decided}
    accepted = {p.entity for p in decided if p.decision is Decision.ACCEPT}  # awaiting `kg link --apply`
    linked = {link.entity for link in data.links if link.dataset == "Wikidata"}
    our_countries = {link.target for link in data.links
                     if link.dataset == "Wikidata" and data.records[link.entity].type == AZD.Country}
    proposals: list[Proposal] = []
    looked_up, skipped = [], []
    for rec in sorted(data.records.values(), key=lambda r: r.id):
        kind = str(rec.type)[len(str(AZD)):]
        if kind not in settings.types:
            continue
        if rec.id in linked or rec.id in accepted:
            skipped.append(rec.id)
            continue
        names = _names(rec)
        looked_up.append(rec.id)
        rows = client.select(candidate_query(names, settings.types[kind]))
        ranked = [c for c in score(rec, _collect(rows), settings.types[kind], data, our_countries)
                  if c.score > 0 and (rec.id, str(c.item)) not in decided_pairs]
        for i, c in enumerate(ranked):
            nxt = ranked[i + 1].score if i + 1 < len(ranked) else 0.0
            suggestion = "accept" if i == 0 and c.score >= settings.accept and c.score - nxt >= settings.margin else "review"
            proposals.append(Proposal(rec.id, str(c.item), c.label, c.description, round(c.score, 2), tuple(c.reasons),
                                      suggestion))
    return LinkReport(decided + proposals, looked_up, skipped, client.requests, client.cache_hits)
