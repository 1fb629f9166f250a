"""The graph's entities as ingest knows them, and where an article names them.

Every name a record carries (its English and Azerbaijani labels, alternative labels, official and
declared names, titles) is put into a spaCy ``PhraseMatcher`` on a blank English pipeline: no model,
nothing downloaded, the same answer on every run. Names are matched on a folded copy of the text
(lower case, Azerbaijani and other diacritics taken off, typographic quotes and dashes made plain),
one character for one, so that a match's offsets are the offsets in the article itself; "Heydər
Əliyev" and "Heydar Aliyev", "State Committee on Work with Diaspora" and "… for Work with …" find
the same record.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Span
from spacy.util import filter_spans

# Records whose label describes rather than names them: their labels are never looked for in an
# article (a legal act's title and declared names still are).
DESCRIBED = {"Claim", "StatisticalObservation", "PostHolding", "ProgrammeItem", "NewsArticle", "WebReport", "Schedule",
             "Founding", "Reorganisation", "Request", "Decision", "Law", "PresidentialDecree", "Observance"}
NAME_FIELDS = ("officialName", "title")  # a declaredName names what an act declares, not the act

# Letters folding does not take apart (NFKD leaves them whole) or folds into two characters.
_SPECIAL = {"ə": "e", "Ə": "e", "ı": "i", "İ": "i", "ß": "s", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
            "‘": "'", "’": "'", "ʼ": "'", "“": '"', "”": '"', "«": '"', "»": '"', "—": "-", "–": "-", "‐": "-",
            "‑": "-", "\u00a0": " "}


@lru_cache(maxsize=4096)  # an article has a few hundred distinct characters, read a hundred thousand times
def fold_char(ch: str) -> str:
    """One character for one: lower case, without diacritics, plain quotes and dashes."""
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    base = unicodedata.normalize("NFKD", ch)[:1] or ch
    low = base.lower()
    return low if len(low) == 1 else base


def fold(text: str) -> str:
    return "".join(fold_char(ch) for ch in text)


def variants(name: str) -> set[str]:
    """The ways an article may write a name: as it is, without its quote marks, without a leading
    "the", with "on" for "for" and the other way round, a noun in "-ation" as its participle in
    "-ating" and back, without " of the Republic of Azerbaijan", with " of (World) Azerbaijanis"
    after a name that does not name the country, "with the Diaspora" for "with Diaspora"."""
    base = re.sub(r"\s+", " ", fold(name)).strip().strip('"')
    out = {base, re.sub(r'\s+', " ", base.replace('"', "")).strip()}  # “Karabakh” weekend schools, unquoted
    for v in list(out):
        out.add(re.sub(r"^the ", "", v))
    for v in list(out):
        out.add(re.sub(r" of the republic of azerbaijan$", "", v))
    for v in list(out):  # "the Coordination Council of World Azerbaijanis" is the held "Coordination Council"
        if "azerbaijan" not in v:
            out |= {v + " of world azerbaijanis", v + " of azerbaijanis"}
    for v in list(out):  # "the State Committee for Work with the Diaspora"
        out.add(re.sub(r"\b(with|for|on) diaspora\b", r"\1 the diaspora", v))
    for v in list(out):
        out.add(re.sub(r"\bfor\b", "on", v))
        out.add(re.sub(r"\bon\b", "for", v))
    for v in list(out):  # "the Coordinating Council" is the held "Coordination Council", and back
        out.add(re.sub(r"(\w{3,})ation\b", r"\1ating", v))
        out.add(re.sub(r"(\w{3,})ating\b", r"\1ation", v))
    return {v for v in out if len(v) >= 3}


def _texts(value) -> Iterable[str]:
    """The texts of a name field in any of its forms: text, {en, az}, a list, long-form values."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        if "value" in value:
            yield from _texts(value["value"])
        else:
            for v in value.values():
                if isinstance(v, str) and not v.startswith("__"):
                    yield v
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v)


@dataclass
class Known:
    """One record of the graph as ingest sees it."""

    id: str
    type: str
    label: str  # its English label
    fields: dict = field(default_factory=dict)  # the record's fields as read (short or long form)
    names: tuple[str, ...] = ()

    def sources_of(self, name: str, value=None) -> frozenset[str]:
        """The sources of the record's evidence for one field (for one of its values, if given)."""
        raw = self.fields.get(name)
        found: set = set()
        for item in raw if isinstance(raw, list) else [raw]:
            plain = item.get("value") if isinstance(item, dict) and "value" in item else item
            if value is not None and str(plain) != str(value):
                continue
            if isinstance(item, dict) and item.get("evidence"):
                found |= {e.get("source") for e in item["evidence"] if isinstance(e, dict)}
            else:
                found |= {e.get("source") for e in self.fields.get("evidence") or [] if isinstance(e, dict)
                          and (e.get("supports") is None or name in e["supports"])}
        return frozenset(x for x in found if isinstance(x, str))

    def values(self, name: str) -> list:
        """The plain values of a field (long-form values unwrapped)."""
        raw = self.fields.get(name)
        items = raw if isinstance(raw, list) else [] if raw is None else [raw]
        return [i.get("value") if isinstance(i, dict) and "value" in i else i for i in items]


def english(label) -> str:
    if isinstance(label, dict):
        return str(label.get("en") or next(iter(label.values()), ""))
    return str(label or "")


@dataclass(frozen=True)
class Mention:
    """Where the article names a record the graph holds."""

    start: int
    end: int
    text: str  # as written in the article
    ids: tuple[str, ...]  # the records the name belongs to (more than one: ambiguous)


class Gazetteer:
    """The graph's records and the names they go by."""

    def __init__(self, records: Iterable[Known]):
        self.records: dict[str, Known] = {r.id: r for r in records}
        self.by_name: dict[str, set[str]] = {}
        self._capitalised: dict[str, bool] = {}
        for r in self.records.values():
            for name in r.names:
                for v in variants(name):
                    self.by_name.setdefault(v, set()).add(r.id)
                    self._capitalised[v] = self._capitalised.get(v, True) and name[:1].isupper()

    @classmethod
    def from_fields(cls, records: Iterable[dict]) -> Gazetteer:
        """From records as read from data/records/*.yaml (dicts with id, type, label, …)."""
        known = []
        for f in records:
            if not isinstance(f.get("id"), str) or not isinstance(f.get("type"), str):
                continue
            names = [] if f["type"] in DESCRIBED else [*_texts(f.get("label")), *_texts(f.get("altLabel"))]
            for key in NAME_FIELDS:
                names += _texts(f.get(key))
            known.append(Known(f["id"], f["type"], english(f.get("label")), f, tuple(dict.fromkeys(names))))
        return cls(known)

    @cached_property
    def _nlp(self):
        return spacy.blank("en")

    @cached_property
    def _matcher(self) -> PhraseMatcher:
        matcher = PhraseMatcher(self._nlp.vocab, attr="ORTH")
        for name in sorted(self.by_name):
            matcher.add(name, [self._nlp.make_doc(name)])
        return matcher

    def find(self, text: str) -> list[Mention]:
        """The names of known records in ``text``, longest first where they overlap, in order."""
        doc = self._nlp.make_doc(fold(text))
        spans = []
        for match_id, start, end in self._matcher(doc):
            span = Span(doc, start, end, label=match_id)  # labelled with the name it matched
            if self._capitalised.get(span.label_) and not text[span.start_char:span.start_char + 1].isupper():
                continue  # "Trend" the agency, not "a trend"
            spans.append(span)
        out = []
        for span in sorted(filter_spans(spans), key=lambda s: s.start_char):
            ids = tuple(sorted(self.by_name[span.label_]))
            out.append(Mention(span.start_char, span.end_char, text[span.start_char:span.end_char], ids))
        return out

    def of_type(self, *types: str) -> list[Known]:
        return [r for r in self.records.values() if r.type in types]

    def pointing_at(self, target: str, field_: str) -> list[str]:
        """The records whose ``field_`` names ``target``: the acts adopted at a meeting, say."""
        return [r.id for r in self.records.values() if target in map(str, r.values(field_))]


# The head word of a name says what kind of thing it names.
HEADS = (
    (r"congress|qurultay", "Congress"), (r"forum", "Forum"),
    (r"summit|conference|gathering|festival|camp|concert|exhibition|seminar|symposium|olympiad|games|fair|"
     r"competition|contest|tournament", "Event"),
    (r"meeting|session", "Meeting"), (r"committee|komit\w*", "StateCommittee"), (r"ministry|agency|foundation|society|union|"
                                                                         r"association|centre|center", "Organization"),
    (r"council|assembly|parliament|majlis|soviet", "Council"), (r"charter", "Charter"), (r"day|gunu", "CommemorativeDay"),
    (r"houses|schools|councils|organizations|organisations|communities|centres|centers", "OrganizationNetwork"),
    (r"president|vice-president|chairman|chairwoman|chairperson|minister|ambassador|director|rector|secretary", "Post"),
)
_LEGISLATURE = re.compile(r"\b(supreme|national|parliament|majlis)\b", re.IGNORECASE)
_HEAD_STOP = re.compile(r"\s+(?:of|for|on|with|and|in)\s+", re.IGNORECASE)

def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:90].strip("-")


def is_venue(text: str, start: int, end: int, kind: str | None) -> bool:
    """ "at the Heydar Aliyev Centre in Baku", "to be held at the Baku Congress Centre": a building an
    event was at (in the city that is its place, or named as a building); not a body the article
    speaks of."""
    building = re.search(r"\b(?:Centre|Center|Palace|Hall)$", text[start:end]) is not None
    return kind == "Organization" and (building or re.match(r"\s+in\s+[A-Z]", text[end:]) is not None) and re.search(
        r"\bat(?: the)?\s+$", text[:start]) is not None


def head_type(name: str) -> str | None:
    first_part = _HEAD_STOP.split(name, maxsplit=1)[0]
    words = first_part.split()
    if len(words) >= 2 and re.fullmatch(r"(?:summer|winter|spring|autumn) schools?", fold(" ".join(words[-2:]))):
        return "Event"  # "the Summer School for Young Diaspora Leaders"; a school is otherwise no event
    for pattern, kind in HEADS:
        if words and re.fullmatch(pattern, fold(words[-1]), re.IGNORECASE):
            if kind == "Council" and _LEGISLATURE.search(first_part):
                return "Legislature"
            if kind == "StateCommittee" and not re.match(r"state\b", fold(first_part)) and "diaspora" not in fold(name):
                return "Organization"
            return kind
    return None


