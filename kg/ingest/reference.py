"""Reference and identity: what a pronoun or a short name points back to, and which held record a
name variant is.

- ``Memory`` keeps the things an article spoke of, last first. "It" goes to the last event (or,
  failing one, the last thing) spoken of; "he" to the last person; "the congress", "the event",
  "the meeting", "the committee", "the forum" to the last thing of the fitting kind. No
  coreference model installs here, so this is written over the parse: it looks only backwards,
  and a pronoun with nothing fitting before it stays unresolved rather than guessed.
- ``Identity`` decides whether a name the gazetteer did not match exactly is a held record: by its
  words (on/for/with, "Affairs", "Matters", "the Diaspora Committee" are the same committee when all the
  name's own words are in one held name of its kind), by series and edition number (ordinals as
  digits, words or Roman numerals, with or without "of World Azerbaijanis"), and otherwise not:
  a name that shares most but not all of its words with a held one is proposed as new, "possibly
  the same as" it, for the curator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.ingest.names import Gazetteer, Known, fold, slug
from kg.ingest.parse import preps, subject
from kg.ingest.recognise import NUMBER_WORDS, ORDINALS, When, ordinal_word
from kg.ingest.verbs import OTHER_EVENTS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.ingest.article import Sentence
    from kg.ingest.facts import Thing
    from kg.ingest.propose import Context, Reader

ORG_TYPES = {"Organization", "Legislature", "StateCommittee", "Council", "OrganizationNetwork", "NewsAgency"}
EVENT_TYPES = {"Event", "Meeting", "Congress", "Forum", "OnlineEvent", "Observance"}
ACT_TYPES = {"LegalAct", "Law", "PresidentialDecree", "PresidentialOrder", "Decision", "Charter"}
PLACE_TYPES = {"Place", "City", "Country", "AutonomousRepublic", "VirtualLocation"}
BODIES = ORG_TYPES | {"Legislature"}  # what passes acts, holds meetings, has posts

# Words that do not tell two names of one body apart.
_FILLER = {"the", "of", "for", "on", "with", "and", "in", "s", "affairs", "work", "issues", "matters", "republic", "azerbaijan",
           "azerbaijani", "state"}
ROMAN = re.compile(r"^(?=[IVXL])(L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}

# What a short name or a pronoun refers to: the kinds of thing it fits.
NOUN_KINDS = {
    "congress": {"Congress"}, "forum": {"Forum"}, "meeting": {"Meeting", "OnlineEvent"}, "session": {"Meeting", "OnlineEvent"}, "webinar": {"OnlineEvent"},
    "videoconference": {"OnlineEvent", "Meeting"}, "conference": {"Event", "OnlineEvent", "Meeting"},
    "event": EVENT_TYPES - {"Observance"}, "gathering": EVENT_TYPES - {"Observance"},
    "committee": {"StateCommittee"}, "council": {"Council"}, "assembly": {"Legislature"}, "parliament": {"Legislature"},
    "decree": {"PresidentialDecree", "PresidentialOrder"}, "order": {"PresidentialOrder", "PresidentialDecree"}, "law": {"Law"}, "day": {"CommemorativeDay"}, "opening": EVENT_TYPES - {"Observance"},
    "qurultay": {"Congress"}, "charter": {"Charter"},
    **{w: {"Event"} for w in ("camp", "school", "concert", "exhibition", "festival", "seminar", "summit", "ceremony",
                              "symposium", "workshop", *OTHER_EVENTS)},
}
PRONOUNS = {"it": EVENT_TYPES - {"Observance"}, "its": EVENT_TYPES - {"Observance"}, "he": {"Person"}, "him": {"Person"},
            "his": {"Person"}, "she": {"Person"}, "her": {"Person"}, "they": ORG_TYPES, "them": EVENT_TYPES}


def roman(text: str) -> int | None:
    """ "IV" → 4; None for what is not a Roman numeral."""
    if not text or not ROMAN.match(text):
        return None
    total = 0
    for a, b in zip(text, text[1:] + " ", strict=True):
        va, vb = _ROMAN_VALUES[a], _ROMAN_VALUES.get(b, 0)
        total += -va if va < vb else va
    return total


# Words that name one thing in another language or era: the Azerbaijani "Qurultay" is the Congress,
# the "Supreme Soviet" of 1991 the Supreme Council.
SYNONYMS = {"qurultay": "congress", "kurultay": "congress", "soviet": "council"}


def canonical(name: str) -> str:
    """A name folded, with each synonym in the one word the graph's names use."""
    return re.sub(r"[a-z]+", lambda m: SYNONYMS.get(m.group(), m.group()), fold(name))


def words(name: str) -> frozenset[str]:
    """A name's own words: folded, without filler, organisation spelt one way, synonyms as one."""
    return frozenset(t for t in re.findall(r"[a-z0-9]+", canonical(name).replace("organis", "organiz"))
                     if t not in _FILLER)


SMALL_CLAUSE = {"make", "declare", "call", "name", "proclaim"}  # "X made it law": "it" is what X made so, never X


def not_itself(pronoun: Token) -> Token | None:
    """What a pronoun cannot point to: the subject of its own clause ("X endorsed it", "X then made
    it law": not X)."""
    if pronoun.dep_ in ("dobj", "pobj"):
        return subject(pronoun.head)
    verb = pronoun.head
    if pronoun.dep_ == "nsubj" and verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_.lower() in SMALL_CLAUSE:
        return subject(verb.head)
    return None


def ahead(pronoun: Token) -> Token | None:
    """The subject of the main clause a pronoun in a clause fronted before it points forward to:
    "Ten years after it was adopted, the Charter remains …": the Charter."""
    clause = pronoun.head
    if pronoun.lower_ not in ("it", "its") or clause.dep_ != "advcl" or clause.i > clause.head.i or pronoun.i > clause.i:
        return None
    return subject(clause.head)


@dataclass
class Memory:
    """The things an article spoke of, in the order last spoken of (ids, with their types)."""

    order: dict[str, str]  # id: type, the last spoken of last

    def __init__(self) -> None:
        self.order = {}

    def copy(self) -> Memory:
        other = Memory()
        other.order = dict(self.order)
        return other

    def spoke_of(self, rid: str, kind: str) -> None:
        self.order.pop(rid, None)
        self.order[rid] = kind

    def last(self, kinds: set[str], before: set[str] = frozenset()) -> str | None:
        for rid, kind in reversed(self.order.items()):
            if kind in kinds and rid not in before:
                return rid
        return None

    def pronoun(self, word: str, before: frozenset[str] = frozenset()) -> str | None:
        """What a pronoun points back to (never one of ``before``: the subject of its own clause)."""
        kinds = PRONOUNS.get(word.lower())
        if kinds is None:
            return None
        if word.lower() in ("it", "its"):  # the last event, else the last day, act or body
            return self.last(kinds, before) or self.last(ORG_TYPES | ACT_TYPES | {"CommemorativeDay"}, before)
        return self.last(kinds, before)

    def noun(self, word: str) -> str | None:
        kinds = NOUN_KINDS.get(fold(word).rstrip("s") if word.lower() != "congress" else "congress")
        if kinds == {"Forum"} and self.last({"Forum"}) is None:  # "the two-day forum": the Congress just told, where
            last = self.last(EVENT_TYPES - {"Observance"})  # it is the last event spoken of (no other forum)
            return last if last is not None and self.order[last] == "Congress" else None
        return self.last(kinds) if kinds else None


class Identity:
    """Which held record a name is, when the gazetteer's exact names did not say."""

    def __init__(self, gazetteer: Gazetteer):
        self.g = gazetteer
        self._words = {r.id: [words(n) for n in r.names] for r in gazetteer.records.values()}

    def _fits(self, rec: Known, kind: str) -> bool:
        return rec.type == kind or (kind in ORG_TYPES and rec.type in ORG_TYPES) or (
            kind in EVENT_TYPES and rec.type in EVENT_TYPES)

    def same(self, name: str, kind: str) -> tuple[str | None, tuple[str, ...]]:
        """(the held record the name is, or None; held records it possibly is)."""
        mine = words(name)
        if not mine:
            return None, ()
        whole, near = [], []
        for rec in self.g.records.values():
            if not self._fits(rec, kind) or rec.type == "EventSeries":
                continue
            for theirs in self._words[rec.id]:
                if mine <= theirs and (len(mine) >= 2 or mine == theirs):
                    whole.append((len(theirs - mine), rec.id))
                elif len(mine & theirs) * 2 >= max(len(mine), len(theirs)) and mine & theirs:
                    near.append(rec.id)
        if whole:
            whole.sort()
            best = [rid for extra, rid in whole if extra == whole[0][0]]
            if len(set(best)) == 1:
                return best[0], ()
            return None, tuple(sorted(set(best)))
        return None, tuple(sorted(set(near)))

    def series(self, name: str) -> Known | None:
        """The held series a name of an edition belongs to: "Congress" and "Congress of World
        Azerbaijanis" alike, when one held series is named by that head word."""
        mine, head = words(name), _head(name)
        fitting = []
        for rec in self.g.of_type("EventSeries"):
            if head != _head(rec.label):
                continue
            for theirs in self._words[rec.id]:
                if mine <= theirs:
                    fitting.append(rec)
                    break
        return fitting[0] if len(fitting) == 1 else None

    def edition(self, series: Known, number: int) -> Known | None:
        for rec in self.g.records.values():
            if series.id in map(str, rec.values("editionOf")) and str(number) in map(str, rec.values("editionNumber")):
                return rec
        return None

    def network(self, counted: str) -> Known | None:
        """The held network a figure counts ("diaspora organisations", "Azerbaijani Houses";
        "coordination councils of Azerbaijanis" as the held "Coordination Councils")."""
        mine = words(re.sub(r"(?i)\s+of\s+(?:world\s+)?azerbaijanis$", "", counted.strip()))
        if not mine:
            return None
        best = []
        for rec in self.g.of_type("OrganizationNetwork"):
            for theirs in self._words[rec.id]:
                if mine <= theirs:
                    best.append((len(theirs - mine), rec.id))
        best.sort()
        if best and (len(best) == 1 or best[0][0] < best[1][0]):
            return self.g.records[best[0][1]]
        return None


def _head(name: str) -> list[str]:
    """A name's head word: "forum" of "Forum of Azerbaijani Youth of Europe" and of "forum"."""
    return re.split(r"\s+(?:of|for|on)\s+", canonical(name).strip(), maxsplit=1)[0].split()[-1:]


def article_series(r: Reader, name: str) -> Thing | None:
    """ "The Forum of Azerbaijani Youth of Europe … The first forum met in Berlin": the series of a
    bare ordinal ("the first forum") is the one the article itself named before with that head word
    and no number of its own (which makes that one a series), else the series of the last edition it
    spoke of with that head word, before any series the graph holds."""
    for rid in reversed(r.memory.order):  # the last spoken of first
        t = r.things.get(rid)
        if t is None or t.known is not None or t.type not in EVENT_TYPES | {"EventSeries"} or " " not in t.label \
                or _head(t.label) != _head(name) \
                or any(f.subject == t.id and f.field in ("editionNumber", "editionOf") for f in r.facts):
            continue
        t.type = "EventSeries"
        return t
    last = last_edition(r, name)  # "The Second Forum of X will … The first forum was held …": X's first
    return series_of(r, last) if last is not None else None


def last_edition(r: Reader, name: str | None = None) -> Thing | None:
    """The last edition of a series the article spoke of (with the head word of ``name``, if given)."""
    return next((t for rid in reversed(r.memory.order) if (t := r.things.get(rid)) is not None and t.type in EVENT_TYPES
                 and r.values(t, "editionOf") and (name is None or _head(t.label) == _head(name))), None)


def edition_thing(r: Reader, s: Sentence, series_thing: Thing, number: int, kind: str) -> Thing:
    """Edition ``number`` of a series: the graph's, where it holds it (a held edition found by
    these is said nothing new of), else a new one with its series and number."""
    held = r.identity.edition(series_thing.known, number) if series_thing.known else None
    if held is not None:
        return r.known(held.id)
    label = f"{ordinal_word(number).capitalize()} {series_thing.label}"
    edition = r.new(label, kind, "ordinal-edition", s, rid=slug(f"{ordinal_word(number)} {series_thing.label}"))
    r.fact(edition, "editionOf", series_thing, s, "ordinal-edition", 0.9)
    r.fact(edition, "editionNumber", number, s, "ordinal-edition", 0.9)
    return edition


FOR_NTH_TIME = r"\bfor the (?P<nth>\w+) time\b"


def times_held(m: re.Match | None) -> int:
    """The N of a match of ``FOR_NTH_TIME`` ("for the fifth time": 5), 0 where it names no ordinal."""
    return ORDINALS.get(m.group("nth").lower(), 0) if m else 0


def nth_time(r: Reader, s: Sentence, name: str, kind: str, after: str) -> Thing | None:
    """ "The Summer School for Young Diaspora Leaders, organised for the fifth time by …": the
    name is its series', the event that edition of it (the graph's, where it holds it)."""
    number = times_held(re.match(r",?\s+(?:\w+\s+){0,2}" + FOR_NTH_TIME, after))
    if number < 2:
        return None
    return edition_thing(r, s, r.named(name, "EventSeries", "nth-time", s), number, kind)


def _stands_for_noun(tok: Token) -> bool:
    """ "the second one", "The third gathered …": an ordinal word with no noun of its own."""
    if tok.lower_ not in ORDINALS or tok.lower_ == "first" and tok.dep_ == "advmod":
        return False
    one = tok.head.lower_ == "one" and tok.dep_ == "amod" and tok.head.i == tok.i + 1
    return one or (tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and not any(c.dep_ == "prep" for c in tok.children))


def series_of(r: Reader, edition: Thing) -> Thing | None:
    """The series an edition belongs to, as the article or the graph says: the article's own thing
    for it, else the graph's."""
    series_id = next(iter(map(str, r.values(edition, "editionOf"))), None)
    if series_id is None:
        return None
    return r.things.get(series_id) or (r.known(series_id) if series_id in r.g.records else None)


def elliptic_editions(ctx: Context) -> None:
    """ "The first forum met in Berlin. A year later … the second one … The third gathered in
    Vienna": an ordinal standing for a noun is that edition of the series of the last edition the
    article spoke of."""
    r = ctx.r
    last = last_edition(r)
    if last is None:
        return
    series_thing = series_of(r, last)
    for tok in ctx.doc:
        if series_thing is None or tok.i in ctx.by_token or not _stands_for_noun(tok):
            continue
        at = tok.head if tok.head.lower_ == "one" and tok.dep_ == "amod" else tok
        edition = edition_thing(r, ctx.s, series_thing, ORDINALS[tok.lower_], last.type)
        ctx.names(at, edition)


def later_editions(ctx: Context) -> None:
    """ "Since then the congress has met three more times, in 2006, 2011 and 2016, each time in
    Baku": the editions after the one the subject names, one a year in the order written (as many
    as the count says), each with its year and the place "each time" names; the years are not the
    subject's own."""
    r = ctx.r
    for verb in ctx.doc:
        times = next((c for c in verb.children if c.lower_ == "times" and any(m.lower_ == "more" for m in c.subtree)), None)
        before = ctx.thing(subject(verb)) if times is not None and subject(verb) is not None else None
        number = next(iter(r.values(before, "editionNumber")), None) if before is not None else None
        series = series_of(r, before) if before is not None else None
        if number is None or series is None:
            continue
        years = [y for p, o in preps(verb) if p == "in" for y in (o, *o.conjuncts) if re.fullmatch(r"(?:19|20)\d\d", y.text)]
        count = next((c for c in times.children if c.dep_ == "nummod"), None)
        if count is not None and NUMBER_WORDS.get(count.lower_, int(count.text) if count.text.isdigit() else -1) != len(years):
            continue
        place = next((t for c in verb.children if c.lower_ == "time" and any(d.lower_ == "each" for d in c.children)
                      for p, o in preps(c) if p == "in" and (t := ctx.thing(o) or (r.named(o.text, "Place", "later-editions",
                      ctx.s) if o.pos_ == "PROPN" and o.text.istitle() else None)) is not None and t.type in PLACE_TYPES), None)
        when = {w.start: w for w in ctx.when}  # "in 2006" is a date; "2011" and "2016" after it are its fellows
        for number_, year in enumerate(years, start=int(number) + 1):
            w = when.get(year.idx) or When(year.idx, year.idx + len(year.text), year.text, year.text)
            edition = edition_thing(r, ctx.s, series, number_, before.type)
            ctx.names(year, edition)
            r.fact(edition, "startDate", w.value, ctx.s, "later-editions", 0.7)
            ctx.used.add(w.start)
            if place is not None:
                r.fact(edition, "location", place, ctx.s, "later-editions", 0.7)


DESCRIBED = re.compile(r"(?<![\w-])(?:(?:[Aa]zerbaijan(?:'s|’s)|[Tt]he|[Ii]ts)\s+)?diaspora\s+(?:agency|body|committee|authority)\b")


def described_body(r: Reader) -> Thing | None:
    """ "Azerbaijan's diaspora agency", "the diaspora body": the held state committee for diaspora
    work, under the name it bore on the article's day (before the reorganisation that gave it that
    name, the body it was made from)."""
    held, _ = r.identity.same("Diaspora Committee", "StateCommittee")
    if held is None:
        return None
    day = r.article.published.isoformat()
    for change in r.g.of_type("Reorganisation"):
        if held in map(str, change.values("resultingOrganization")) and any(day < str(d) for d in change.values("changeDate")):
            held = str(next(iter(change.values("originalOrganization")), held))
    return r.known(held) if held in r.g.records else None
