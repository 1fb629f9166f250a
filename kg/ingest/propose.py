"""From an article to candidate records: the reader.

Each sentence is read in four steps:

1. **Names.** The graph's own names (``names``), editions of a series ("the IV Congress", "the
   2nd Congress", "the fourth congress") and capitalised names whose head word says what they are
   are found in the text, and each is identified with a held record where one fits
   (``reference.Identity``); only then is a new record made, with any near miss beside it.
2. **Time.** The sentence's dates, written or relative, and whether it announces a plan
   (``timing``).
3. **Parse.** The sentence is parsed (``parse``), and each name becomes one token of the tree, so
   that a verb's subject or object is the whole name. Pronouns and short names ("it", "the
   congress", "the committee") are resolved backwards (``reference.Memory``).
4. **Relations.** The rules of ``relations`` (and ``acts``) read the verbs with their arguments, the
   appositions and the figures; the older phrase cues of ``cues`` (days of the year,
   anniversaries, "on the occasion of", requests, decisions at a meeting) add theirs.

Each fact carries its sentence, its rule and a confidence; ``compare`` makes the candidates.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Token
from spacy.util import filter_spans

from kg.ingest import counts, cues, holdings, relations, timing
from kg.ingest.article import Article, Sentence
from kg.ingest.compare import Candidate, candidates, finer
from kg.ingest.facts import Fact, Thing
from kg.ingest.names import Gazetteer, fold, head_type, is_venue, slug
from kg.ingest.parse import is_present, parse
from kg.ingest.recognise import CAPITALISED, EDITION, LOWER_EDITION, ORDINALS, When, narrative_year, ordinal
from kg.ingest.reference import (
    ACT_TYPES,
    DESCRIBED,
    EVENT_TYPES,
    NOUN_KINDS,
    ORG_TYPES,
    PLACE_TYPES,
    Identity,
    Memory,
    ahead,
    article_series,
    described_body,
    edition_thing,
    not_itself,
    nth_time,
    roman,
    words,
)
from kg.ingest.timing import is_planned, sentence_dates


def _ordinal(text: str) -> int | None:
    """ "2nd", "second" or "II" → 2."""
    return ordinal(text) if text[0].isdigit() or text.lower() in ORDINALS else roman(text)


ONE_DATE = {"startDate", "endDate", "legislationDate", "foundingDate", "changeDate"}  # one value a thing, an article


class Reader:
    def __init__(self, article: Article, gazetteer: Gazetteer):
        self.article = article
        self.g = gazetteer
        self.identity = Identity(gazetteer)
        self.memory = Memory()
        self.things: dict[str, Thing] = {}
        self.facts: list[Fact] = []
        self._said: set[tuple[str, str, Any]] = set()  # (subject, field, value) of the facts, to keep each once
        self.evidence: dict[str, list[Sentence]] = {}  # thing -> sentences naming it as new
        self.year: int | None = None  # the narrative's last year
        self.last_date: str | None = None  # the last full date the article gave
        self.figure_ids: set[str] = set()
        self.holdings: dict[tuple[str, str], Thing] = {}  # (post, person) -> the holding this article speaks of
        self.telling: When | None = None  # the day a speaker told what the sentences after it go on with
        self.opened_in: Thing | None = None  # "opened a House in Riga": where its opening ceremony, told next, was
        self.span: tuple[str, str] | None = None  # "grown from 3 in 2009 to 24 in 2021": the years, for "the same years"
        self.period: str | None = None  # "summed up its work in 2023. Over the year: - …": the year a list's lines are of
        self.asked: str | None = None  # what the last sentence, a question, asked the count of ("How many X …?")
        self.at_event: list[tuple[Thing, Thing, Sentence]] = []  # a speaker's holding, as of the event spoken at
        self.undated: list[tuple[Thing, tuple[str, str | None], Callable]] = []  # figures of an event not yet dated
        self.virtual = bool(re.search(r"\b(virtual|videoconference|online)\b", article.text, re.IGNORECASE))

    # --- things ---

    def known(self, rid: str) -> Thing:
        rec = self.g.records[rid]
        return self.things.setdefault(rid, Thing(rid, rec.type, rec.label, rec))

    def new(self, label: str, kind: str, rule: str, sentence: Sentence, rid: str | None = None,
            possibly: tuple[str, ...] = ()) -> Thing:
        """A thing the graph does not hold, unless its id or its name is one the graph knows."""
        rid = rid or slug(label)
        if rid in self.g.records and (self.g.records[rid].type == kind or {kind, self.g.records[rid].type} <= ORG_TYPES):
            return self.known(rid)
        if rid in self.g.records:  # the graph uses the id for something of another kind
            rid = f"{rid}-{slug(kind)}"
        thing = self.things.setdefault(rid, Thing(rid, kind, label, possibly=possibly))
        thing.rules.add(rule)
        sentences = self.evidence.setdefault(rid, [])
        if sentence not in sentences:
            sentences.append(sentence)
        return thing

    def named(self, name: str, kind: str, rule: str, s: Sentence) -> Thing:
        """A name the gazetteer did not match: the held record it is, else a new one."""
        held, possibly = self.identity.same(name, kind)
        if held:
            return self.known(held)
        mine = words(name)
        same_here = [t for t in self.things.values() if t.known is None and (t.type == kind or {t.type, kind} <= ORG_TYPES)
                     and (slug(t.label) == slug(name) or (len(mine) >= 2 and mine <= words(t.label)))]
        return same_here[0] if same_here else self.new(name, kind, rule, s, possibly=possibly)

    def fact(self, subject: Thing, field_: str, value: Any, s: Sentence, rule: str, confidence: float,
             context: str | None = None) -> None:
        if isinstance(value, Thing):
            value = value.id
        if value is None or value == subject.id or (subject.id, field_, value) in self._said:
            return
        if field_ in ONE_DATE and isinstance(value, str):  # "next month" and "on April 22" of one event: the finer
            mine = [f for f in self.facts if f.subject == subject.id and f.field == field_ and isinstance(f.value, str)]
            if any(f.value.startswith(f"{value}-") for f in mine):
                return
            for f in mine:
                if value.startswith(f"{f.value}-"):
                    self.unsay(f)
        self._said.add((subject.id, field_, value))
        self.facts.append(Fact(subject.id, field_, value, s, rule, confidence, context))

    def unsay(self, f: Fact) -> None:
        """Take back a fact a later, finer one says more than."""
        self.facts.remove(f)
        self._said.discard((f.subject, f.field, f.value))

    def values(self, thing: Thing, field_: str) -> list:
        """What this article said, or the graph holds, of a thing's field."""
        said = [f.value for f in self.facts if f.subject == thing.id and f.field == field_]
        return said or (thing.known.values(field_) if thing.known else [])

    def date_of(self, thing: Thing, field_: str = "startDate") -> tuple[str, str | None] | None:
        """When an event was: (its start, or ``field_``, and how it was read, if from context)."""
        held = [str(v) for v in thing.known.values(field_)] if thing.known else []
        for f in self.facts:
            if f.subject == thing.id and f.field == field_:
                day = finer(f.value, held)  # "in November 2001": the held day is finer
                return (day[0], None) if day else (str(f.value), f.context)
        return (str(held[0]), None) if held else None

    def last(self, kinds: set[str]) -> Thing | None:
        rid = self.memory.last(kinds)
        return self.things.get(rid) if rid else None

    # --- the article ---

    def read(self) -> None:
        sentences = self.article.sentences
        for s, doc in zip(sentences, parse(s.text for s in sentences), strict=True):
            self.sentence(s, doc)
            self.year = narrative_year(s.text) or self.year
        for event, fallback, record in self.undated:  # an event's figures: as of its first day, once given
            got = self.date_of(event)
            record((got[0], got[1] or f"the date of the {event.label}, which the figure is about") if got else fallback)
        for holding, event, s in self.at_event:  # the event's date, which a later sentence may have given
            got = self.date_of(event)
            when, how = got if got else (self.article.published.isoformat(), None)
            self.fact(holding, "asOf", when, s, "apposition-speaker", 0.7,
                      (how or f"the date of the {event.label}, at which the holder spoke") if got else None)

    def sentence(self, s: Sentence, doc: Doc) -> None:
        if not (self.period and re.match(r"[-–—•*]\s", s.text)):  # a list's line keeps the year its lead gave
            over = re.match(r"(?:Over|During|Throughout|In) (?:the (?:past |last )?|that )year\b", s.text)
            self.period = str(self.year) if over and self.year else None
        ctx = Context(self, s, doc)
        ctx.find_names()
        cues.days_of_year(ctx)
        ctx.merge()
        relations.read(ctx)
        holdings.read(ctx)
        counts.read(ctx)
        cues.read(ctx)
        for t in ctx.spoken():
            self.memory.spoke_of(t.id, t.type)
        full = [w for w in ctx.when if len(w.value) == 10 and w.context is None]
        if full:
            self.last_date = full[-1].value
        self.telling = ctx.telling() or self.telling


class Context:
    """One sentence as the rules read it: its text, parse, names, dates and what it refers to."""

    def __init__(self, reader: Reader, s: Sentence, doc: Doc):
        self.r, self.s, self.doc, self.text = reader, s, doc, s.text
        self.at: list[tuple[int, int, Thing]] = []  # names in the text: (start, end, thing), by position
        self.when: list[When] = sentence_dates(s.text, reader.year, reader.article.published, reader.last_date)
        self.used: set[int] = set()  # dates (by start) that are not the time of what the sentence reports
        self.planned = is_planned(s.text)
        self.by_token: dict[int, Thing] = {}
        self.refs: dict[int, Thing] = {}  # pronouns and short names, resolved
        self.subject: Thing | None = None  # the event the sentence is about, once known

    # --- names ---

    def names(self, tok: Token, thing: Thing) -> None:
        """A token found to name a thing (an act, an event with no name, an edition): later rules and
        references read it as that thing."""
        self.by_token[tok.i] = thing
        self.at.append((tok.idx, tok.idx + len(tok.text), thing))

    def place(self, a: int, b: int, thing: Thing) -> None:
        self.at[:] = [x for x in self.at if not (x[0] < b and a < x[1])]
        self.at.append((a, b, thing))
        self.at.sort(key=lambda x: x[0])

    def find_names(self) -> None:
        r, s, text = self.r, self.s, self.text
        for m in r.g.find(text):
            best = sorted((r.g.records[i] for i in m.ids), key=lambda rec: (rec.type in ACT_TYPES, rec.id))[0]
            self.place(m.start, m.end, r.known(best.id))
        editions = [(m.start(), m.end()) for m in EDITION.finditer(text)]
        for m in CAPITALISED.finditer(text):
            if any(a <= m.start() and m.end() <= b for a, b in editions):
                continue  # "the 5th Summer Camp of Diaspora Youth": an edition, below
            name = re.sub(r"^(?:(?:The|A|An|This|That|On|In)\s+)?(?:[A-Z]\w+-based\s+)?", "", m.group())  # "Baku-based"
            kind = head_type(name)
            inside = [x for x in self.at if m.start() <= x[0] and x[1] <= m.end()]
            across = [x for x in self.at if x[0] < m.end() and m.start() < x[1] and x not in inside]
            if kind is None or len(name.split()) < 2 or across or any(x[1] - x[0] >= len(name) for x in inside):
                continue  # a known name is never cut in two by a new one
            if EDITION.match(name) or re.match(r"(?:[IVX]+|\d+\w*)\s", name) or is_venue(text, m.end() - len(name), m.end(), kind):
                continue  # an edition: below; "at the Heydar Aliyev Centre in Baku": a venue, no body
            short = r.last({kind}) if len(name.split()) <= 3 and not inside else None
            if short is not None and set(fold(name).split()) <= set(fold(short.label).split()):
                self.place(m.end() - len(name), m.end(), short)  # "the State Committee": the one spoken of
                continue
            thing = (kind in EVENT_TYPES and nth_time(r, s, name, kind, text[m.end():])) or r.named(name, kind, "name-head", s)
            if kind == "Post" and thing.known is None:  # "First Vice-President of the Republic of Azerbaijan"
                body = next((x[2] for x in reversed(inside) if x[2].type in ORG_TYPES | {"Legislature", "Country"}), None)
                if body is None and re.search(r"\bof (?:the )?Republic of Azerbaijan$", name) and "azerbaijan" in r.g.records:
                    body = r.known("azerbaijan")
                if body is None:
                    continue
                r.fact(thing, "postIn", body, s, "post-title", 0.6)
            self.place(m.end() - len(name), m.end(), thing)
        for m in DESCRIBED.finditer(text):  # "Azerbaijan's diaspora agency": the held committee
            aside = re.search(r"\b(?:forerunner|predecessor) of (?:\w+['’]s )?$", text[:m.start()])  # a reference point
            overlaps = any(x[0] < m.end() and m.start() < x[1] and x[2].type not in PLACE_TYPES for x in self.at)
            if not aside and not overlaps and (body := described_body(r)) is not None:  # "Azerbaijan" in it: no place
                self.place(m.start(), m.end(), body)
        for m in [*EDITION.finditer(text), *LOWER_EDITION.finditer(text)]:
            self.edition(m)
        for person in [t for t in r.things.values() if t.type == "Person" and " " in t.label]:
            surname = person.label.split()[-1]
            for m in re.finditer(rf"(?<![\w’'-]){re.escape(surname)}(?![\w’'-])", text):
                if not any(x[0] <= m.start() < x[1] for x in self.at):
                    self.place(m.start(), m.end(), person)  # "Muradov noted …": the Fuad Muradov named before

    def edition(self, m: re.Match) -> None:
        r, s = self.r, self.s
        number = _ordinal(m.group("ordinal"))
        name = m.group("series")
        kind = head_type(name)
        if number is None or kind not in EVENT_TYPES:
            return
        here = article_series(r, name) if " " not in name else None  # "the first forum": the series named above
        series = None if here else r.identity.series(name)
        if series is None and here is None and " " not in name:
            return  # "the 2nd congress" of no series the graph holds: not enough to make one
        if name.islower():  # "summer camp of diaspora youth": the series' name as a name is written
            name = " ".join(w if w in ("of", "for", "the") else w.capitalize() for w in name.split())
        series_thing = here or (r.known(series.id) if series else r.new(name, "EventSeries", "ordinal-edition", s))
        self.place(m.start(), m.end(), edition_thing(r, s, series_thing, number, kind))

    def merge(self) -> None:
        """Each name one token of the parse; pronouns and short names resolved."""
        spans, things = [], {}
        for a, b, thing in self.at:
            span = self.doc.char_span(a, b, alignment_mode="expand")
            if span is not None:
                spans.append(span)
                things[(span.start, span.end)] = thing
        spans = filter_spans(spans)
        with self.doc.retokenize() as retok:
            for span in spans:
                if len(span) > 1:
                    retok.merge(span)
        # after merging, find each name's token by its character offset
        starts = [tok.idx for tok in self.doc]
        for a, _b, thing in self.at:
            i = bisect_right(starts, a) - 1
            if i >= 0 and a < starts[i] + len(self.doc[i].text):
                self.by_token[i] = thing
        memory = self.r.memory.copy()  # what was spoken of before, and this sentence's names before the word
        names = iter(self.at)
        pending = next(names, None)
        for tok in self.doc:
            while pending is not None and pending[0] < tok.idx:
                thing = pending[2]
                memory.spoke_of(thing.id, thing.type)
                for body in self.r.values(thing, "postIn") if thing.type == "Post" else ():
                    if body not in self.r.things and body in self.r.g.records:
                        self.r.known(body)
                    if body in self.r.things:  # "Chairman of the State Committee …": the committee was named too
                        memory.spoke_of(body, self.r.things[body].type)
                pending = next(names, None)
            if tok.i in self.by_token:
                continue
            rid = None
            low = tok.lower_
            if (tok.pos_ == "PRON" or low in ("its", "his", "her")) and (later := self.thing(ahead(tok))) is not None:
                rid = later.id  # "Ten years after it was adopted, the Charter …"
            elif tok.pos_ == "PRON" or low in ("its", "his", "her"):
                own = self.thing(not_itself(tok))  # "X endorsed it": not X
                led = tok.dep_ == "nsubjpass" and tok.head.lemma_.lower() in ("lead", "head", "chair") and not (
                    tok.head.lemma_.lower() == "chair" and tok.head.tag_ == "VBN" and not is_present(tok.head)
                    and memory.last(EVENT_TYPES - {"Observance"}) is not None)  # a body is led; "it was chaired": the event
                rid = (memory.last(ORG_TYPES) if led else None) or memory.pronoun(
                    low, frozenset({own.id}) if own else frozenset())
            elif (low in NOUN_KINDS or fold(low).rstrip("s") in NOUN_KINDS) and (
                    any(c.lower_ in ("the", "this", "that", "its", "their") for c in tok.children) or tok.dep_ == "poss"
                    or (tok.i > 0 and self.doc[tok.i - 1].lower_ in ("the", "this", "that"))):  # a parse that lost the det
                rid = memory.noun(low)
            elif any(c.lower_ == "such" for c in tok.children):  # "such schools": the network of them spoken of
                rid = next((i for i, kind in reversed(memory.order.items()) if kind == "OrganizationNetwork" and i in
                            self.r.things and tok.lemma_.lower() in fold(self.r.things[i].label)), None)
            if rid and rid in self.r.things:
                self.refs[tok.i] = self.r.things[rid]

    def thing(self, tok: Token | None) -> Thing | None:
        if tok is None:
            return None
        return self.by_token.get(tok.i) or self.refs.get(tok.i)

    def thing_or_appos(self, tok: Token | None) -> Thing | None:
        """What a token names, or what its apposition names: "the committee's predecessor, the State
        Committee for Work with Azerbaijanis Living Abroad, was set up in 2002"."""
        if tok is None:
            return None
        return self.thing(tok) or next((t for c in tok.children if c.dep_ == "appos" and (t := self.thing(c)) is not None),
                                       None)

    def spoken(self) -> list[Thing]:
        placed = [(x[0], x[2]) for x in self.at] + [(self.doc[i].idx, t) for i, t in self.refs.items()]
        placed += [(self.doc[i].idx, t) for i, t in self.by_token.items() if t.type == "Person" and t.known is None]  # a
        # new name only a person's slot told (``holdings.person_at``), for "he" in the next sentence
        out = [t for _, t in sorted(placed, key=lambda x: x[0])]  # in the text's order: the last named is the last
        return out + ([self.subject] if self.subject else [])

    # --- dates ---

    def date_in(self, tok: Token, outside: list[tuple[int, int]] | None = None) -> When | None:
        """The unused date written inside a token's subtree (and outside the spans ``outside``)."""
        a, b = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
        return next((w for w in self.when if a <= w.start < b and w.start not in self.used
                     and not any(x <= w.start < y for x, y in outside or ())), None)

    def first_date(self) -> When | None:
        return next((w for w in self.when if w.start not in self.used), None)

    def clause_date(self, tok: Token) -> When | None:
        """The sentence's first free date outside the clauses that say something of another thing: in
        "The first Qurultay, held in Baku in November 2001, was convened by a decree", November 2001 is
        the Qurultay's, not the decree's."""
        clauses = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text)) for t in self.doc
                   if t.dep_ in ("acl", "relcl") and t.head.i != tok.i and t not in tok.subtree]
        return next((w for w in self.when if w.start not in self.used and not any(a <= w.start < b for a, b in clauses)),
                    None)

    def telling(self) -> When | None:
        """The day of the telling, written on the verb of saying (``timing.telling``)."""
        return timing.telling(self)

    def time(self) -> tuple[str, str | None]:
        """The time the sentence's holding or figure is as of (``timing.as_of``)."""
        return timing.as_of(self)


def read(article: Article, gazetteer: Gazetteer) -> Reader:
    reader = Reader(article, gazetteer)
    reader.read()
    return reader


def propose(article: Article, gazetteer: Gazetteer) -> list[Candidate]:
    """The candidate records an article gives, in reading order, compared with the graph."""
    reader = read(article, gazetteer)
    return candidates(article, reader.things, reader.facts, reader.evidence, gazetteer)
