"""Each fact a text states, judged against what the graph holds.

The four verdicts:

- ``supported``: the graph holds the same value (a date of the same day at the precision the claim
  gives; a place or a place within it; a number whose hedge overlaps the graph's);
- ``contradicted``: the graph holds another value of a field that has one value at a time (a date,
  a place, a number outside the hedges' bounds, another holder of a post on the claim's day);
- ``disputed``: the graph's own sources disagree on that field (they hold two values, and the
  claim's is one of them);
- ``not-in-graph``: nothing held speaks to it. Silence is never a contradiction: a value of a
  many-valued field the graph does not hold, a figure of a time the graph has no figure for, a
  post on a day no holding covers, and a thing the graph does not hold at all are not in the graph.

Holdings and figures are judged as of the time the claim describes: a post holding covers the days
from its start (else its first attestation) to its end (else its last); a figure of a growing
network is compared with the graph's figure of the same time only.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from kg.check.graphview import GraphView, Held
from kg.ingest.article import Sentence
from kg.ingest.compare import SINGLE
from kg.ingest.facts import Fact, Thing
from kg.ingest.reference import EVENT_TYPES as READ_EVENTS

VERDICTS = ("supported", "contradicted", "disputed", "not-in-graph")
# one value at a time: another value is a contradiction (or, where the sources disagree, a dispute)
ONE_VALUED = SINGLE | {"location", "passedBy", "chairedBy", "editionOf", "observationAbout"}
NOT_CLAIMS = {"label", "altLabel", "statedAs", "note", "possiblySameAs", "evidence", "type"}
EXPECTED = re.compile(r"^expected\s+")


@dataclass(frozen=True)
class Claim:
    """One fact the text states, and the graph's verdict on it."""

    sentence: Sentence
    subject: str
    subject_label: str
    field: str
    value: str
    value_label: str
    verdict: str
    reason: str
    held: tuple[Held, ...] = ()
    read_from_context: str | None = None  # how the claim's own value was read from the text's context
    subject_held: bool = True  # False: the text speaks of a thing the graph does not hold


@dataclass
class Judge:
    graph: GraphView

    # ------------------------------------------------------------ one fact of a held record

    def fact(self, thing: Thing, f: Fact, labels: dict[str, str]) -> Claim:
        g = self.graph
        held = g.values(thing.id, f.field)
        value = str(f.value)
        label = g.label(value) if value in g.records else labels.get(value, value)
        make = lambda verdict, reason, shown=held: Claim(  # noqa: E731
            f.sentence, thing.id, g.label(thing.id), f.field, value, label, verdict, reason, tuple(shown), f.context)
        if not held:
            return make("not-in-graph", f"the graph holds no {f.field} for {g.label(thing.id)}")
        live = [h for h in held if h.rank != "deprecated"]
        matching = [h for h in live if self._same(f.field, value, h.value)]
        distinct = {h.value for h in live}
        if matching:
            if f.field in ONE_VALUED and len(distinct) > 1 and not _one_range(distinct):
                return make("disputed", f"the graph's sources disagree on the {f.field}: " + ", ".join(sorted(distinct)))
            return make("supported", "the graph holds the same value", matching)
        if f.field in ONE_VALUED:
            return make("contradicted", f"the graph holds another {f.field}: " + ", ".join(sorted(h.label for h in live)))
        return make("not-in-graph", f"the graph holds other values of {f.field}, not this one")

    def _same(self, field_: str, claimed: str, held: str) -> bool:
        if claimed == held:
            return True
        if _is_date(claimed) and _is_date(held):  # the same day at the claim's precision, or the graph's
            return held.startswith(claimed) or claimed.startswith(held)
        if field_ == "location":  # "in Azerbaijan" of a congress held in Baku
            return claimed in self.graph.where(held)
        return False

    # ------------------------------------------------------------ a figure

    def figure(self, thing: Thing, facts: list[Fact]) -> Claim:
        g = self.graph
        one = {f.field: f for f in facts}
        about, value = one.get("observationAbout"), one.get("statedValue")
        sentence = facts[0].sentence
        if thing.known is not None:  # the text names a figure the graph holds: what it is about is the graph's
            held_about = g.plain_values(thing.id, "observationAbout")
            about = about or (Fact(thing.id, "observationAbout", held_about[0], sentence, "held", 1.0) if held_about else None)
            if "variableMeasured" not in one and g.plain_values(thing.id, "variableMeasured"):
                one["variableMeasured"] = Fact(thing.id, "variableMeasured", g.plain_values(thing.id, "variableMeasured")[0],
                                               sentence, "held", 1.0)
        measured = str(one["variableMeasured"].value) if "variableMeasured" in one else "a figure"
        hedge = str(one["hedge"].value) if "hedge" in one else "exact"
        shown = str(one["statedAs"].value) if "statedAs" in one else str(value.value if value else "")
        when = str(one["observationDate"].value) if "observationDate" in one else None
        context = one["observationDate"].context if "observationDate" in one else None
        if about is None or value is None:
            return Claim(sentence, thing.id, thing.label, measured, shown, shown, "not-in-graph",
                         "a figure the reader could not tie to a thing and a number", (), context)
        subject = str(about.value)
        make = lambda verdict, reason, held=(): Claim(  # noqa: E731
            sentence, subject, g.label(subject), measured, shown, shown, verdict, reason, tuple(held), context)
        if subject not in g.records:
            return make("not-in-graph", f"the graph does not hold {g.label(subject)}")
        mine = _interval(int(value.value), hedge)
        held = [(s, h, d) for s, h, d in self._figures(subject) if _counted(s, measured, g)]
        if not held:
            return make("not-in-graph", f"the graph holds no figure of this kind about {g.label(subject)}")
        if g.type_of(subject) not in EVENT_TYPES and when:  # a network grows: only the figure of the same time counts
            same_time = [(s, h, d) for s, h, d in held if d and d[:4] == when[:4]]  # of the same year
            if not same_time:
                dates = sorted(d for _, _, d in held if d)
                return make("not-in-graph", f"the graph holds no figure of this kind for {when[:4]}"
                            + (f"; it holds figures of {dates[0]} to {dates[-1]}" if dates else ""))
            held = same_time
        overlaps = [(s, h) for s, h, _ in held if _overlap(mine, _interval(*_held_number(h)))]
        fits = [(s, h) for s, h in overlaps if _implies(_held_number(h), mine)]  # the graph's figure says as much
        if not overlaps and g.type_of(subject) not in EVENT_TYPES and when and not any(d and d[:7] == when[:7] for _, _, d in held):
            # a network's figure of another month of that year: it may have changed in between
            return make("not-in-graph", "the graph's figure of that year is of another month: "
                        + ", ".join(f"{_show(_held_number(h))} as of {d}" for _, h, d in held),
                        [x for _, h, _ in held for x in h])
        sides = {(_held_number(h)) for _, h, _ in held}
        spread = len({_interval(*n) for n in sides}) > 1 and not all(
            _overlap(_interval(*a), _interval(*b)) for a in sides for b in sides)
        every = [x for _, h, _ in held for x in h]
        if fits and spread:
            return make("disputed", "the graph's sources give figures that disagree: "
                        + ", ".join(sorted(_show(n) for n in sides)), every)
        if fits:
            return make("supported", "the graph's figure, with its hedge, allows this one", [x for _, h in fits for x in h])
        if overlaps:  # "more than 300" against the graph's "more than 90": not ruled out, not established either
            return make("not-in-graph", "the graph's figure neither establishes nor rules out this one: "
                        + ", ".join(sorted(_show(_held_number(h)) for _, h in overlaps)), [x for _, h in overlaps for x in h])
        return make("contradicted", "the graph's figure is outside this one's bounds: " + ", ".join(sorted(_show(n) for n in sides)),
                    every)

    def _figures(self, about: str) -> list[tuple[str, list[Held], str | None]]:
        """The graph's figures about a thing: (the observation, its value and hedge, its date)."""
        g = self.graph
        out = []
        for rid in g.of_type("StatisticalObservation"):
            if about not in g.plain_values(rid, "observationAbout"):
                continue
            value, hedge = g.values(rid, "statedValue"), g.values(rid, "hedge")
            if not hedge:
                continue
            dates = g.plain_values(rid, "observationDate")
            out.append((rid, [*value, *hedge], dates[0] if dates else None))
        return out

    # ------------------------------------------------------------ a post holding

    def holding(self, thing: Thing, facts: list[Fact]) -> list[Claim]:
        """A holding the text states: one claim for each day it gives (two sentences may state one
        holding on two days), or one claim with no day."""
        one = {f.field: f for f in facts}
        post, holder = one.get("post"), one.get("holder")
        if post is None or holder is None:
            return [Claim(facts[0].sentence, thing.id, thing.label, "holder", thing.label, thing.label, "not-in-graph",
                          "a post the reader could not tie to a post and a person")]
        days = [f for f in facts if f.field in ("asOf", "validFrom", "validUntil")]
        return [self._holding(str(post.value), str(holder.value), d or holder) for d in (days or [None])]

    def _holding(self, subject: str, who: str, fact: Fact) -> Claim:
        g = self.graph
        day = str(fact.value) if fact.field in ("asOf", "validFrom", "validUntil") else None
        make = lambda verdict, reason, held=(): Claim(  # noqa: E731
            fact.sentence, subject, g.label(subject), "holder" + (f" (as of {day})" if day else ""), who, g.label(who),
            verdict, reason, tuple(held), fact.context if day else None)
        if subject not in g.records:
            return make("not-in-graph", f"the graph does not hold the post {g.label(subject)}")
        holdings = [h for h in g.of_type("PostHolding") if subject in g.plain_values(h, "post")]
        if day is None:
            mine = [h for h in holdings if who in g.plain_values(h, "holder")]
            if mine:
                return make("supported", f"the graph holds {g.label(who)} in this post",
                            [x for h in mine for x in g.values(h, "holder")])
            return make("not-in-graph", f"the graph holds no holding of this post by {g.label(who)}")
        if fact.field == "validFrom":  # "became chairman in 2016": a holding of theirs that began then
            began = [h for h in holdings if who in g.plain_values(h, "holder") and any(
                start[:len(day)] == day[:len(start)] for start in g.plain_values(h, "validFrom"))]
            if began:
                return make("supported", f"a holding the graph holds begins in {day}",
                            [x for h in began for x in [*g.values(h, "holder"), *self._span(h)]])
        covering = [h for h in holdings if _covers(g, h, day)]
        theirs = [h for h in covering if who in g.plain_values(h, "holder")]
        if theirs:
            return make("supported", f"a holding the graph holds covers {day}",
                        [x for h in theirs for x in [*g.values(h, "holder"), *self._span(h)]])
        if covering:
            others = sorted({g.label(p) for h in covering for p in g.plain_values(h, "holder")})
            return make("contradicted", f"on {day} the graph has {', '.join(others)} in this post",
                        [x for h in covering for x in [*g.values(h, "holder"), *self._span(h)]])
        return make("not-in-graph", f"no holding the graph holds covers {day}")

    def _span(self, holding: str) -> list[Held]:
        g = self.graph
        return [*g.values(holding, "validFrom"), *g.values(holding, "validUntil"), *g.values(holding, "asOf")]


EVENT_TYPES = READ_EVENTS | {"AwardConferral", "ProgrammeItem"}  # what a figure of a single occasion can be about


def _is_date(text: str) -> bool:
    return re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", text) is not None


def _one_range(values: set[str]) -> bool:
    """Values that are one date at several precisions ("2022", "2022-04-22") are not a dispute."""
    ordered = sorted(values, key=len)
    return all(_is_date(v) for v in values) and all(ordered[-1].startswith(v) for v in ordered)


def _covers(g: GraphView, holding: str, day: str) -> bool:
    starts = g.plain_values(holding, "validFrom") or sorted(g.plain_values(holding, "asOf"))[:1]
    ends = g.plain_values(holding, "validUntil") or sorted(g.plain_values(holding, "asOf"))[-1:]
    if starts and not ends:  # a holding known only to begin is held on the day it began, at the coarser precision
        return min(starts)[:len(day)] == day[:len(min(starts))]  # ("in 2022" of one from 23 April 2022), no later
    if not starts or not ends:
        return False
    # compared at the coarser precision of the two: 2010 lies within 2008 … 2018-04
    start, end = min(starts), max(ends)
    return start[:len(day)] <= day[:len(start)] and day[:len(end)] <= end[:len(day)]


def _counted(rid: str, measured: str, g: GraphView) -> str | None:
    """What a figure counts ("delegates", "countries"), if the graph's figure counts the same."""
    theirs = g.plain_values(rid, "variableMeasured")
    if not theirs or _expected(theirs[0]) != _expected(measured):
        return None
    mine, other = _nouns(measured), _nouns(theirs[0])
    return mine[0] if mine and other and mine[0] == other[0] else None


def _nouns(measured: str) -> list[str]:
    """What a figure counts: the head noun of the phrase after "number of", made singular, the
    phrase ending where a clause or a preposition begins ("foreign countries the delegates came
    from" counts countries, "Azerbaijani diaspora organisations" and "diaspora organisations" both
    organisations)."""
    text = re.sub(r"\([^)]*\)", " ", measured.lower()).replace("organiz", "organis")
    words = re.sub(r"^(?:expected\s+)?number of\s+", "", text).split()
    phrase = []
    for w in words:
        if w in PHRASE_ENDS and phrase:
            break
        if w not in QUALIFYING:
            phrase.append(w)
    head = phrase[-1] if phrase else ""
    return [head[:-3] + "y" if head.endswith("ies") else head[:-1] if head.endswith("s") else head] if head else []


QUALIFYING = {"foreign", "other", "new", "registered", "the", "all"}  # words before what a figure counts
PHRASE_ENDS = {"and", "the", "of", "from", "in", "at", "on", "to", "with", "who", "whose", "which", "that", "it", "they", "he",
               "she", "abroad", "awarded", "established", "working", "opened", "held", "organised", "organized"}


def _expected(measured: str) -> bool:
    return EXPECTED.match(measured.lower()) is not None


def _held_number(held: list[Held]) -> tuple[int | None, str]:
    value = next((h.value for h in held if h.field == "statedValue"), None)
    hedge = next((h.value.rsplit("#", 1)[-1] for h in held if h.field == "hedge"), "exact")
    return (int(value) if value is not None else None), hedge


def _interval(value: int | None, hedge: str) -> tuple[float, float]:
    """The numbers a figure with its hedge allows. "Over 86" allows 86 too: hedges are loose."""
    if hedge == "hundreds":
        return (100.0, 999.0)
    if hedge == "several":
        return (2.0, 9.0)
    if value is None:
        return (0.0, math.inf)
    v = float(value)
    return {"exact": (v, v), "approximately": (v * 0.9, v * 1.1), "nearly": (v * 0.85, v), "more-than": (v, math.inf),
            "less-than": (0.0, v)}.get(hedge, (v * 0.9, v * 1.1))


def _implies(held: tuple[int | None, str], mine: tuple[float, float]) -> bool:
    """Whether what the graph states satisfies the claim: its number lies within the claim's
    bounds ("over 86" by 86, "about 400" by "nearly 400"), or all it allows does ("hundreds" by
    "hundreds"). "More than 90" does not make "more than 300" true, though the two overlap."""
    value, hedge = held
    low, high = _interval(value, hedge)
    return (value is not None and mine[0] <= value <= mine[1]) or (mine[0] <= low and high <= mine[1])


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _show(number: tuple[int | None, str]) -> str:
    value, hedge = number
    return f"{hedge} {value}" if hedge != "exact" else str(value)
