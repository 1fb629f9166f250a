"""`kg check`: a text in, each fact it states judged against the graph, with the sources.

The way through: the text is checked to be readable prose (``kg.ingest.article``) and read by the
same reader as `kg ingest` (``kg.ingest.propose``), against the graph's names; each fact it finds
is judged (``verdicts``) against the checked records of the build (``graphview``: the values the
build states, with their ranks and sources); ``output`` prints the verdicts for people, as JSON,
or as schema.org ClaimReviews in JSON-LD. Nothing is written: the check changes no file.

A ``Checker`` is made once (it reads the data and loads the reader's pipeline: about 1.5 s) and
checks any number of texts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

from kg.build.check import check as check_records
from kg.build.load import load_ontology, read_data
from kg.check.graphview import GraphView
from kg.check.verdicts import NOT_CLAIMS, VERDICTS, Claim, Judge
from kg.errors import DataError
from kg.ingest.article import Article, Sentence, check_prose
from kg.ingest.names import Gazetteer
from kg.ingest.propose import read
from kg.layout import Layout

__all__ = ["Checked", "Checker", "Claim", "VERDICTS", "MAX_TEXT_CHARS"]

MAX_TEXT_CHARS = 200_000  # about 30,000 words: a text to check is a paragraph or an article, not a book
MAX_SENTENCES = 1_000  # an article has a few hundred; more is a list or an attack, refused before parsing
TEXT_ID = "text-checked"
SENTENCE_END = re.compile(r"[.!?…][\"”’)]*(?:\s|$)")


@dataclass(frozen=True)
class Checked:
    """The verdicts on one text: ``claims`` in reading order; ``text`` as read (its spans point into it)."""

    text: str
    published: dt.date
    claims: tuple[Claim, ...]

    def count(self, verdict: str) -> int:
        return sum(1 for c in self.claims if c.verdict == verdict)


class Checker:
    """What a check needs, read once: the graph's checked records and names, and the reader."""

    def __init__(self, layout: Layout):
        raw = read_data(layout)
        self.graph = GraphView(check_records(raw, load_ontology(layout), layout))
        self.gazetteer = Gazetteer.from_fields([r.fields for r in raw.records])

    @classmethod
    def of_project(cls, root: Path) -> Checker:
        """The checker of the project at ``root`` (its data/ and ontology/)."""
        return cls(Layout(root))

    def check(self, text: str, published: dt.date | None = None, shown: str = "the text") -> Checked:
        """Judge each fact ``text`` states. ``published``: the day the text speaks from (its "today",
        "last year"); today when not given. A text that is not readable prose is a DataError."""
        if len(text) > MAX_TEXT_CHARS:
            raise DataError(f"{shown}: {len(text)} characters; a text to check is at most {MAX_TEXT_CHARS} "
                            "(check it in parts)")
        text = check_prose(text, shown)
        ends = len(SENTENCE_END.findall(text))  # a cheap count first: splitting thousands of sentences takes seconds
        if ends > 2 * MAX_SENTENCES:
            raise DataError(f"{shown}: some {ends} sentences; a text to check has at most {MAX_SENTENCES} (check it in parts)")
        day = published or dt.date.today()
        header = f" date {day.isoformat()}\n"
        article = Article(TEXT_ID, header + text, day)
        if len(article.sentences) > MAX_SENTENCES:
            raise DataError(f"{shown}: {len(article.sentences)} sentences; a text to check has at most {MAX_SENTENCES} "
                            "(check it in parts)")
        reader = read(article, self.gazetteer)
        judge = Judge(self.graph)
        claims: list[Claim] = []
        labels = {rid: t.label for rid, t in reader.things.items()}
        grouped: dict[str, list] = {}
        for f in reader.facts:
            thing = reader.things[f.subject]
            if thing.known is None or thing.type == "StatisticalObservation":
                # a new thing's facts are one claim (a figure, a holding, or a thing not held); so is a figure's
                grouped.setdefault(thing.id, []).append(f)
            elif f.field not in NOT_CLAIMS:
                claims.append(judge.fact(thing, f, labels))
        for rid, facts in grouped.items():
            thing = reader.things[rid]
            if thing.type == "StatisticalObservation":
                claims.append(judge.figure(thing, facts))
            elif thing.type == "PostHolding":
                claims.extend(judge.holding(thing, facts))
            else:
                claims.append(Claim(facts[0].sentence, thing.id, thing.label, "is", thing.type, thing.type, "not-in-graph",
                                    f"the graph does not hold this {thing.type}: {thing.label}", subject_held=False))
        claims.sort(key=lambda c: (c.sentence.start, c.subject, c.field))
        offset = len(header)
        moved = tuple(_moved(c, offset) for c in claims)
        return Checked(text, day, moved)


def _moved(claim: Claim, offset: int) -> Claim:
    """The claim with its sentence's place in the text as given (without the date header)."""
    s = claim.sentence
    return replace(claim, sentence=Sentence(s.text, s.start - offset, s.index))
