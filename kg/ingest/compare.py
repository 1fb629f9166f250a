"""The candidates an article's facts make, compared with the graph.

The facts about one thing become one candidate record in the data/records format. A thing the
graph does not hold is a new record; for a held one, each value is proposed in its long form with
its own evidence. A value the graph already holds confirms it. Another value of a one-valued field
of the same thing (a date, a number) is a disagreement between sources: it is proposed as a
second source's value, to be held side by side with the graph's at normal rank, as the 6 and 16
December 1991 dates are; it never replaces the graph's value. Nothing else is a conflict: two
values of a many-valued field, or values of different things, are not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kg.ingest.article import Article, Sentence
from kg.ingest.facts import Fact, Thing
from kg.ingest.names import Gazetteer
from kg.ingest.reference import EVENT_TYPES

# Fields that hold one value at a time: another value from another source is a disagreement.
SINGLE = {"startDate", "endDate", "legislationDate", "foundingDate", "editionNumber", "anniversaryNumber", "dayOfYear",
          "statedValue", "hedge", "changeDate", "eventStatus"}
DATES = {"startDate", "endDate", "legislationDate", "foundingDate", "changeDate"}


def finer(value, held) -> list[str]:
    """The held dates that a coarser ``value`` contains: "2001-11" contains "2001-11-09"."""
    return [str(h) for h in held if str(h).startswith(f"{value}-")]


@dataclass(frozen=True)
class Conflict:
    field: str
    proposed: Any
    graph: tuple[Any, ...]  # the values the graph holds
    sources: tuple[str, ...]  # the sources of the record's evidence

    def to_yaml(self) -> dict:
        return {"field": self.field, "proposed": self.proposed, "graph": list(self.graph), "sources": list(self.sources)}


@dataclass
class Candidate:
    """One candidate record, in the data/records format, with what ingest knows about it."""

    record: dict[str, Any]
    status: str  # new | adds (values for a record the graph holds) | confirms (nothing new)
    confidence: float
    rules: tuple[str, ...]
    conflicts: tuple[Conflict, ...] = ()
    confirms: tuple[str, ...] = ()  # fields whose proposed values the graph already holds
    possibly: tuple[str, ...] = ()  # a new record: held records it may be the same as (a near miss of their names)

    @property
    def id(self) -> str:
        return self.record["id"]

    @property
    def key(self) -> str:
        """What identifies the proposal across runs: its id and the values it proposes."""
        fields = sorted(f"{k}={_plain(v)}" for k, v in self.record.items() if k not in ("id", "label", "evidence"))
        return self.id + "|" + "|".join(fields)


def _plain(v: Any) -> str:
    if isinstance(v, dict):
        return str(v.get("value"))
    if isinstance(v, list):
        return ",".join(_plain(x) for x in v)
    return str(v)


def _value(fact: Fact) -> Any:
    if fact.context:
        return {"value": fact.value, "obtained": "context", "note": f"Read from context: {fact.context}."}
    return fact.value


def _quote(article: Article, s: Sentence) -> dict:
    return {"source": article.id, "quote": s.text}


def _around(place: str, g: Gazetteer, facts: list[Fact]) -> set[str]:
    """A place and the places it lies in, as the graph or the article says."""
    out, todo = set(), [place]
    while todo:
        p = todo.pop()
        if p not in out:
            out.add(p)
            todo += [str(v) for v in g.records[p].values("containedInPlace")] if p in g.records else []
            todo += [str(f.value) for f in facts if f.subject == p and f.field == "containedInPlace"]
    return out


def candidates(article: Article, things: dict[str, Thing], facts: list[Fact], evidence: dict[str, list[Sentence]],
               g: Gazetteer) -> list[Candidate]:
    """The candidate records of an article's facts, in reading order, compared with the graph. An
    event is in one place: another place for it is a disagreement, unless one lies in the other
    ("in Azerbaijan" does not contradict Baku)."""
    def elsewhere(field_: str, thing: Thing, value: Any, held: list[str]) -> bool:
        return field_ == "location" and thing.type in EVENT_TYPES and all(
            h not in _around(str(value), g, facts) and str(value) not in _around(h, g, facts) for h in held)

    by_subject: dict[str, list[Fact]] = {}
    for f in facts:
        by_subject.setdefault(f.subject, [])
        if not any(g.field == f.field and g.value == f.value for g in by_subject[f.subject]):
            by_subject[f.subject].append(f)
    order = list(dict.fromkeys([*evidence, *by_subject]))
    out = []
    for rid in order:
        thing = things[rid]
        mine = by_subject.get(rid, [])
        if thing.known is None:
            out.append(_new(article, thing, mine, evidence.get(rid, [])))
        elif mine and (candidate := _addition(article, thing, mine, elsewhere)) is not None:
            out.append(candidate)
    return out


def _fields(facts: list[Fact]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for f in facts:
        v = _value(f)
        if f.field in fields:
            prev = fields[f.field]
            fields[f.field] = [*(prev if isinstance(prev, list) else [prev]), v]
        else:
            fields[f.field] = v
    return fields


def _new(article: Article, thing: Thing, facts: list[Fact], sentences: list[Sentence]) -> Candidate:
    used = list(dict.fromkeys([*sentences, *(f.sentence for f in facts)]))
    record = {"id": thing.id, "type": thing.type, "label": thing.label, **_fields(facts),
              "evidence": [_quote(article, s) for s in sorted(used, key=lambda s: s.index)]}
    confidence = min([0.9, *(f.confidence for f in facts)])
    rules = sorted(thing.rules | {f.rule for f in facts})
    return Candidate(record, "new", round(confidence, 2), tuple(rules), possibly=thing.possibly)


def _addition(article: Article, thing: Thing, facts: list[Fact],
              elsewhere: Callable[[str, Thing, Any, list[str]], bool]) -> Candidate | None:
    """Values for a record the graph holds: each in its long form with its own evidence; a value
    the graph already holds only confirms it, and another value of a one-valued field conflicts."""
    known = thing.known
    record: dict[str, Any] = {"id": thing.id, "type": thing.type, "label": thing.label}
    conflicts = []
    confirms = []
    new_values = 0
    for f in facts:
        held = [str(v) for v in known.values(f.field)]
        if str(f.value) in held and article.id in known.sources_of(f.field, f.value):
            continue  # already this article's fact (it was applied before)
        item = {"value": f.value, "evidence": [_quote(article, f.sentence)]}
        if f.context:
            item |= {"obtained": "context", "note": f"Read from context: {f.context}."}
        within = finer(f.value, held) if f.field in DATES else []  # "in November 2001"
        if str(f.value) in held or within:
            confirms.append(f.field)  # a coarser date the held one falls in confirms it at its precision
            if within:
                item["note"] = " ".join(filter(None, [item.get("note"), f"The article gives {f.value} only; the graph's "
                                                      f"{', '.join(within)} falls in it, so applying this adds nothing."]))
        else:
            new_values += 1
            if f.field in SINGLE and held or held and elsewhere(f.field, thing, f.value, held):
                conflicts.append(Conflict(f.field, f.value, tuple(held), tuple(sorted(known.sources_of(f.field)))))
        record.setdefault(f.field, []).append(item)
    if len(record) == 3:
        return None
    status = "adds" if new_values else "confirms"
    confidence = min(f.confidence for f in facts)
    return Candidate(record, status, round(confidence, 2), tuple(sorted({f.rule for f in facts})), tuple(conflicts),
                     tuple(dict.fromkeys(confirms)))
