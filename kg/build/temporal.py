"""Time-aware rules after reasoning: who held a post when, and what follows from it only then.

OWL 2 RL has no time. A property chain from a post to its holders (``org:heldBy``) would hold for
all time, and a query would make the president of 2025 the issuer of a decree of 1993. Here a
post's holdings are intervals, to the precision the sources give, and a rule fires only when it
is certain:

- a date is a span: ``1993`` is 1993-01-01 to 1993-12-31, ``2018-04`` is April 2018;
- a holding covers from its start (``azd:validFrom``, else its first ``azd:asOf``) to its end
  (``azd:validUntil``, else its last ``azd:asOf``): what a source says, nothing beyond it;
- a holding *certainly covers* a date when it has certainly begun by the date's first day and
  not ended before its last day.

:func:`derive` adds ``azd:issuedBy`` (and the premise, ``azd:issuedUnder``) for an act passed by a
post whose holding certainly covers the act's date. :func:`problems` are the time-aware checks:
two holders of one post whose holdings certainly overlap; an event held by a body on a day the
body certainly did not exist; two official names of one thing holding at one time.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.problems import Problem
from kg.rdf.namespaces import AZD, ORG


def span(value: Literal) -> tuple[dt.date, dt.date] | None:
    """The first and last day a date of the given precision may mean; None for anything else."""
    text = str(value)
    try:
        if value.datatype == XSD.date:
            day = dt.date.fromisoformat(text)
            return day, day
        if value.datatype == XSD.gYearMonth:
            year, month = int(text[:4]), int(text[5:7])
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        if value.datatype == XSD.gYear:
            year = int(text)
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None
    return None


@dataclass(frozen=True)
class Holding:
    """A post holding as an interval: it began between ``start`` spans and ended between ``end`` spans."""

    iri: URIRef
    post: URIRef
    holder: URIRef
    start: tuple[dt.date, dt.date]  # the earliest and latest day it may have begun
    end: tuple[dt.date, dt.date]  # the earliest and latest day it may have ended

    def covers(self, when: tuple[dt.date, dt.date]) -> bool:
        """Whether it certainly held over the whole of ``when``."""
        return self.start[1] <= when[0] and when[1] <= self.end[0]

    def overlaps(self, other: Holding) -> bool:
        """Whether the two certainly held at one instant at least."""
        return max(self.start[1], other.start[1]) <= min(self.end[0], other.end[0])


def holdings(graph: Graph) -> list[Holding]:
    """Every post holding with a post, a holder and at least one date, as an interval."""
    out = []
    for h in sorted(graph.subjects(RDF.type, AZD.PostHolding)):
        post, holder = graph.value(h, AZD.post), graph.value(h, AZD.holder)
        seen = sorted(s for s in (span(x) for x in graph.objects(h, AZD.asOf) if isinstance(x, Literal)) if s)
        start = _one(graph, h, AZD.validFrom) or (seen[0] if seen else None)
        end = _one(graph, h, AZD.validUntil) or (seen[-1] if seen else start)
        if isinstance(post, URIRef) and isinstance(holder, URIRef) and start and end:
            out.append(Holding(h, post, holder, start, end))
    return out


def holdings_by_post(graph: Graph) -> dict[URIRef, list[Holding]]:
    """:func:`holdings`, grouped by their post."""
    by_post: dict[URIRef, list[Holding]] = {}
    for h in holdings(graph):
        by_post.setdefault(h.post, []).append(h)
    return by_post


def _one(graph: Graph, node, prop) -> tuple[dt.date, dt.date] | None:
    value = graph.value(node, prop)
    return span(value) if isinstance(value, Literal) else None


ISSUER_RULE = "azd-issuer-in-office"  # our own rule, beside OWL 2 RL's: the holder of the post on the act's date


def derive(graph: Graph, why: dict | None = None) -> Graph:
    """What the time-aware rules add to the reasoned ``graph``: ``act azd:issuedBy person`` (and its
    super-properties, schema:creator) and ``act azd:issuedUnder holding``, where a holding of the post that passed the act certainly
    covers the act's date. Into ``why``: each added triple's rule and premises (the act's post and
    date, the holding's post, holder and dates)."""
    added = Graph()
    by_post = holdings_by_post(graph)
    # what the reasoner would have added from issuedBy, had it been there to reason on (prp-spo1):
    # its super-properties in the ontology (schema:creator), so a schema.org reader sees the issuer too
    supers = sorted(q for q in graph.objects(AZD.issuedBy, RDFS.subPropertyOf) if q != AZD.issuedBy)
    for act, post in sorted(graph.subject_objects(AZD.passedBy)):
        date = graph.value(act, AZD.legislationDate)
        when = span(date) if isinstance(date, Literal) else None
        if when is None:
            continue
        for h in by_post.get(post, []):
            if h.covers(when):
                added.add((act, AZD.issuedBy, h.holder))
                added.add((act, AZD.issuedUnder, h.iri))
                for q in supers:
                    added.add((act, q, h.holder))
                    if why is not None and (act, q, h.holder) not in graph:
                        why.setdefault((act, q, h.holder), []).append(
                            ("prp-spo1", ((act, AZD.issuedBy, h.holder), (AZD.issuedBy, RDFS.subPropertyOf, q))))
                if why is not None:
                    dates = tuple((h.iri, prop, x) for prop in (AZD.validFrom, AZD.validUntil, AZD.asOf)
                                  for x in sorted(graph.objects(h.iri, prop)))
                    premises = ((act, AZD.passedBy, post), (act, AZD.legislationDate, date), (h.iri, AZD.post, post),
                                (h.iri, AZD.holder, h.holder), *dates)
                    for t in ((act, AZD.issuedBy, h.holder), (act, AZD.issuedUnder, h.iri)):
                        if t not in graph:
                            why.setdefault(t, []).append((ISSUER_RULE, premises))
    return added


def problems(graph: Graph, locate: Callable[[URIRef], Problem] | None = None) -> list[Problem]:
    """The time-aware checks: a post has one holder at any instant (two holdings of one post by
    different people that certainly overlap are an error), and an event falls within the life of
    the body that held or organised it."""
    return holder_problems(graph, locate) + lifetime_problems(graph, locate) + name_problems(graph, locate)


def holder_problems(graph: Graph, locate: Callable[[URIRef], Problem] | None = None) -> list[Problem]:
    """Two holders of one post at one time, named by the later holding's record."""
    found = []
    by_post = holdings_by_post(graph)
    for post, hs in sorted(by_post.items()):
        for i, a in enumerate(hs):
            for b in hs[i + 1:]:
                if a.holder != b.holder and a.overlaps(b):
                    where = locate(b.iri) if locate else Problem("", subject=str(b.iri))
                    found.append(replace(where, message=f"{_local(b.holder)} and {_local(a.holder)} both hold "
                                                        f"{_local(post)} at one time ({_local(a.iri)} overlaps it)",
                                         field="holder", check="time",
                                         fix="correct the dates of one holding, or its post"))
    return found


def lifetimes(graph: Graph) -> dict[URIRef, tuple[tuple[dt.date, dt.date] | None, tuple[dt.date, dt.date] | None]]:
    """Each organisation's known beginning (its founding date, or the change that made it) and end
    (its dissolution date), as spans; None where no source says. A body that was the original
    organisation of a change is not ended by it: ORG's originalOrganization "may or may not" go on
    existing, and only a source's dissolution date says it did not."""
    out: dict[URIRef, list] = {}
    for org in graph.subjects(RDF.type, AZD.Organization):
        out.setdefault(org, [_one(graph, org, AZD.foundingDate), _one(graph, org, AZD.dissolutionDate)])
    for change in graph.subjects(RDF.type, ORG.ChangeEvent):
        when = _one(graph, change, AZD.changeDate)
        for org in graph.objects(change, AZD.resultingOrganization):
            if out.setdefault(org, [None, None])[0] is None:
                out[org][0] = when
    return {org: (begin, end) for org, (begin, end) in out.items()}


def lifetime_problems(graph: Graph, locate: Callable[[URIRef], Problem] | None = None) -> list[Problem]:
    """An event held or organised by a body on a day the body certainly did not exist: before it
    began, or after a source says it was dissolved."""
    found = []
    lives = lifetimes(graph)
    for prop in (AZD.heldBy, AZD.organizer):
        for event, body in sorted(graph.subject_objects(prop)):
            begin, end = lives.get(body, (None, None))
            for date in graph.objects(event, AZD.startDate):
                when = span(date) if isinstance(date, Literal) else None
                if when is None:
                    continue
                if (begin and when[1] < begin[0]) or (end and when[0] > end[1]):
                    where = locate(event) if locate else Problem("", subject=str(event))
                    found.append(replace(where, message=f"{_local(event)} ({date}) falls outside the life of {_local(body)}",
                                         field=_local(prop), check="time",
                                         fix="check the date, or the body that held the event"))
    return found


def name_problems(graph: Graph, locate: Callable[[URIRef], Problem] | None = None) -> list[Problem]:
    """A thing's official names do not overlap in time: two names whose statements' validity
    (azd:validFrom to azd:validUntil, open where no end is given) certainly overlaps."""
    found = []
    names: dict[URIRef, list] = {}
    for st in graph.subjects(RDF.predicate, AZD.officialName):
        start, end = _one(graph, st, AZD.validFrom), _one(graph, st, AZD.validUntil)
        if start is not None:
            names.setdefault(graph.value(st, RDF.subject), []).append((str(graph.value(st, RDF.object)), start,
                                                                        end or (dt.date.max, dt.date.max)))
    for thing, spans in sorted(names.items()):
        spans.sort()
        for i, (a, a_start, a_end) in enumerate(spans):
            for b, b_start, b_end in spans[i + 1:]:
                if max(a_start[1], b_start[1]) <= min(a_end[0], b_end[0]):
                    where = locate(thing) if locate else Problem("", subject=str(thing))
                    found.append(replace(where, message=f"the names {a!r} and {b!r} both hold at one time", field="officialName",
                                         check="time", fix="give the earlier name its validUntil"))
    return found


def _local(iri: URIRef) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
