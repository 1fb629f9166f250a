"""From an article to candidate records: the rules that read what a sentence says.

Each sentence is read on its own, with what the article said before it (the year of the narrative,
the event or meeting "this" refers to). The rules are the relations the curated data uses: held
in, held by, organised by, chaired by, on the occasion of, passed, established, declared,
recognised, adopted at, appointed; editions of a series and anniversaries; dates; reported figures.
Each fact a rule finds carries the sentence it comes from, the rule's name and a confidence; the
facts about one thing become one candidate record, compared with what the graph already holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kg.ingest.article import Article, Sentence
from kg.ingest.names import Gazetteer, Known, fold
from kg.ingest.recognise import (
    ANNIVERSARY,
    CAPITALISED,
    EDITION,
    When,
    dates,
    figures,
    narrative_year,
    ordinal,
    ordinal_word,
)

EVENT_TYPES = {"Event", "Meeting", "Congress", "Forum", "OnlineEvent", "Observance"}
ACT_TYPES = {"LegalAct", "Law", "PresidentialDecree", "Decision", "Charter"}
ORG_TYPES = {"Organization", "Legislature", "StateCommittee", "Council", "OrganizationNetwork", "NewsAgency"}
PLACE_TYPES = {"Place", "City", "Country", "AutonomousRepublic", "VirtualLocation"}
AGENT_TYPES = ORG_TYPES | {"Person", "Post", "Group"}
# Fields that hold one value at a time: another value from another source is a disagreement.
SINGLE = {"startDate", "endDate", "legislationDate", "foundingDate", "editionNumber", "anniversaryNumber", "dayOfYear",
          "statedValue", "hedge", "changeDate"}

# The head word of a name says what kind of thing it names.
HEADS = (
    (r"congress|qurultay", "Congress"), (r"forum", "Forum"), (r"summit|conference|gathering|festival", "Event"),
    (r"meeting", "Meeting"), (r"committee|komit\w*", "StateCommittee"), (r"ministry|agency|foundation|society|union|"
                                                                         r"association|centre|center", "Organization"),
    (r"council|assembly|parliament|majlis|soviet", "Council"), (r"charter", "Charter"), (r"day|gunu", "CommemorativeDay"),
    (r"houses|schools|councils|organizations|organisations|communities|centres|centers", "OrganizationNetwork"),
    (r"president|vice-president|chairman|chairwoman|chairperson|minister|ambassador|director|rector", "Post"),
)
PLANNED = re.compile(r"\b(?:will|would|is expected|are expected|is scheduled|are scheduled|is planned|are planned|"
                     r"plans? to|to be held)\b", re.IGNORECASE)
_LEGISLATURE = re.compile(r"\b(supreme|national|parliament|majlis)\b", re.IGNORECASE)
_HEAD_STOP = re.compile(r"\s+(?:of|for|on|with|and|in)\s+", re.IGNORECASE)
_NAME_STOP = {"the", "of", "for", "on", "'s", "s", "azerbaijan", "republic", "and", "with", "in"}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:90].strip("-")


def head_type(name: str) -> str | None:
    first_part = _HEAD_STOP.split(name, maxsplit=1)[0]
    words = first_part.split()
    for pattern, kind in HEADS:
        if words and re.fullmatch(pattern, fold(words[-1]), re.IGNORECASE):
            if kind == "Council" and _LEGISLATURE.search(first_part):
                return "Legislature"
            if kind == "StateCommittee" and not re.match(r"state\b", fold(first_part)):
                return "Organization"
            return kind
    return None


def _tokens(name: str) -> frozenset[str]:
    return frozenset(t for t in re.findall(r"[a-z0-9]+", fold(name).replace("organis", "organiz")) if t not in _NAME_STOP)


@dataclass
class Thing:
    """Something the article speaks of: a record of the graph (``known``) or a new one."""

    id: str
    type: str
    label: str
    known: Known | None = None
    rules: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Fact:
    subject: str  # a Thing's id
    field: str
    value: Any
    sentence: Sentence
    rule: str
    confidence: float
    context: str | None = None  # how the value was read from context, when it was


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


class _Reader:
    def __init__(self, article: Article, gazetteer: Gazetteer):
        self.article = article
        self.g = gazetteer
        self.things: dict[str, Thing] = {}
        self.facts: list[Fact] = []
        self.evidence: dict[str, list[Sentence]] = {}  # thing -> sentences naming it as new
        self.recent: list[str] = []  # things in the order last spoken of
        self.year: int | None = None
        self.figure_ids: set[str] = set()
        self.virtual = bool(re.search(r"\b(virtual|videoconference|online)\b", article.text, re.IGNORECASE))

    # --- things ---

    def known(self, rid: str) -> Thing:
        rec = self.g.records[rid]
        return self.things.setdefault(rid, Thing(rid, rec.type, rec.label, rec))

    def new(self, label: str, kind: str, rule: str, sentence: Sentence, rid: str | None = None) -> Thing:
        """A thing the graph does not hold, unless its name (or id) is one the graph knows."""
        tokens = _tokens(label)
        for rec in self.g.records.values():
            same_kind = rec.type == kind or (kind in ORG_TYPES and rec.type in ORG_TYPES)
            if same_kind and (rec.id == (rid or slug(label)) or (tokens and any(_tokens(n) == tokens for n in rec.names))):
                return self.known(rec.id)
        if kind in ORG_TYPES and len(tokens) >= 2:
            # "the Supreme Assembly": the one body, held by the graph or named before, whose name holds it
            wider = {rec.id for rec in self.g.records.values() if rec.type in ORG_TYPES
                     and any(tokens < _tokens(n) for n in rec.names)}
            wider |= {t.id for t in self.things.values() if t.known is None and t.type in ORG_TYPES
                      and tokens <= _tokens(t.label) and t.id != (rid or slug(label))}
            if len(wider) == 1:
                rid_ = wider.pop()
                return self.known(rid_) if rid_ in self.g.records else self.things[rid_]
        rid = rid or slug(label)
        if rid in self.g.records:  # the graph uses the id for something of another kind
            rid = f"{rid}-{slug(kind)}"
        thing = self.things.setdefault(rid, Thing(rid, kind, label))
        thing.rules.add(rule)
        sentences = self.evidence.setdefault(rid, [])
        if sentence not in sentences:
            sentences.append(sentence)
        return thing

    def fact(self, subject: Thing, field_: str, value: Any, s: Sentence, rule: str, confidence: float,
             context: str | None = None) -> None:
        if isinstance(value, Thing):
            value = value.id
        if value is None or value == subject.id:
            return
        self.facts.append(Fact(subject.id, field_, value, s, rule, confidence, context))

    def spoke_of(self, thing: Thing) -> None:
        if thing.id in self.recent:
            self.recent.remove(thing.id)
        self.recent.append(thing.id)

    def last(self, types: set[str]) -> Thing | None:
        for rid in reversed(self.recent):
            if self.things[rid].type in types:
                return self.things[rid]
        return None

    # --- a sentence ---

    def read(self) -> None:
        for s in self.article.sentences:
            self.sentence(s)
            self.year = narrative_year(s.text) or self.year

    def sentence(self, s: Sentence) -> None:
        text = s.text
        at: list[tuple[int, int, Thing]] = []  # (start, end, thing) in the sentence, by position

        def place(a: int, b: int, thing: Thing) -> None:
            at[:] = [x for x in at if not (x[0] < b and a < x[1])]
            at.append((a, b, thing))
            at.sort(key=lambda x: x[0])

        for m in self.g.find(text):
            records = [self.g.records[i] for i in m.ids]
            best = sorted(records, key=lambda r: (r.type in ACT_TYPES, r.id))[0]
            place(m.start, m.end, self.known(best.id))
        when = all_dates = dates(text, 0, self.year, self.article.published)
        day_of_year = self._days_of_year(s, when, at)
        when = [w for w in when if w not in day_of_year]
        # names the graph does not hold: capitalised phrases whose head says what they are
        for m in CAPITALISED.finditer(text):
            name = re.sub(r"^(?:The|A|An|This|That|On|In)\s+", "", m.group())
            kind = head_type(name)
            inside = [x for x in at if m.start() <= x[0] and x[1] <= m.end()]
            across = [x for x in at if x[0] < m.end() and m.start() < x[1] and x not in inside]
            if kind is None or len(name.split()) < 2 or across or any(x[1] - x[0] >= len(name) for x in inside):
                continue  # a known name is never cut in two by a new one
            start = m.end() - len(name)
            place(start, m.end(), self.new(name, kind, "name-head", s))
        for m in EDITION.finditer(text):
            self._edition(s, m, place)
        for m in ANNIVERSARY.finditer(text):
            self._anniversary(s, m, place, at)
        self._titled(s, place)
        self._people(s, place, at, all_dates)
        things = [x[2] for x in at]
        subject = self._subject(s, at)
        act = self._acts(s, at, when)
        if act is not None:
            place(*act)
            things = [x[2] for x in at]
        self._request(s, at)
        subject = self._events(s, at, subject, when)
        self._figures(s, at, subject, all_dates)
        for t in things:
            self.spoke_of(t)
        if subject is not None:
            self.spoke_of(subject)

    def _days_of_year(self, s: Sentence, when: list[When], at) -> list[When]:
        """ "December 31 is celebrated as the Day of …", "on the occasion of December 31—… Day": the
        day of the year of a commemorative day, not a date something happened on."""
        used = []
        for w in when:
            if w.context is None or w.end is not None:
                continue
            after = s.text[w.end_offset:]
            days = [x for x in at if x[2].type == "CommemorativeDay" and x[0] >= w.end_offset and x[0] - w.end_offset < 60]
            if days and re.match(r"\s*(?:[-—–]|is celebrated as|as|was (?:officially )?(?:recogni[sz]ed|declared) as)",
                                 after):
                day = days[0][2]
                self.fact(day, "dayOfYear", "--" + w.value[5:], s, "day-of-year", 0.8)
                used.append(w)
                published = self.article.published
                if re.match(r"\s*is (?:celebrated|marked|observed)", after) and w.value[5:] == published.isoformat()[5:]:
                    year = published.year
                    obs = self._observance(day)
                    if obs is day:  # the graph holds no observance of this year: a new one
                        obs = self.new(f"{day.label}, {year}", "Observance", "celebrated-today", s,
                                       rid=slug(f"{day.id} {year}"))
                    self.fact(obs, "editionOf", day, s, "celebrated-today", 0.7)
                    self.fact(obs, "startDate", published.isoformat(), s, "celebrated-today", 0.7,
                              "the day is celebrated on the article's own date")
            elif re.search(r"\bdeclaring\s*$", s.text[:w.start]):
                used.append(w)
        return used

    def _edition(self, s: Sentence, m: re.Match, place) -> None:
        number = ordinal(m.group("ordinal"))
        series_name = m.group("series")
        kind = head_type(series_name)
        if kind not in EVENT_TYPES:
            return
        series = self.new(series_name, "EventSeries", "ordinal-edition", s)
        label = f"{m.group('ordinal')} {series_name}"
        label = label[0].upper() + label[1:]
        rid = slug(f"{ordinal_word(number)} {series_name}")
        edition = self.new(label, kind, "ordinal-edition", s, rid=rid)
        place(m.start(), m.end(), edition)
        self.fact(edition, "editionOf", series, s, "ordinal-edition", 0.9)
        self.fact(edition, "editionNumber", number, s, "ordinal-edition", 0.9)

    def _anniversary(self, s: Sentence, m: re.Match, place, at) -> None:
        of_name = m.group("of")
        known = [x[2] for x in at if m.start("of") <= x[0] < m.end("of") + 1]
        target = known[0] if known else self.new(of_name, head_type(of_name) or "Event", "anniversary", s)
        number = ordinal(m.group("ordinal"))
        label = f"{m.group('ordinal')} anniversary of the {target.label}"
        obs = self.new(label, "Observance", "anniversary", s, rid=slug(f"{target.id}-{m.group('ordinal')}-anniversary"))
        place(m.start(), m.end(), obs)
        self.fact(obs, "commemorates", target, s, "anniversary", 0.9)
        self.fact(obs, "anniversaryNumber", number, s, "anniversary", 0.9)
        if target.known is None or not target.known.values("startDate"):
            self.fact(obs, "startDate", str(self.article.published.year), s, "anniversary", 0.5,
                      context=f"the year of the article ({self.article.published.isoformat()}), in which it was marked")

    def _titled(self, s: Sentence, place) -> None:
        for m in re.finditer(r"\b(?:event|gathering|conference|videoconference|meeting|forum|festival),?\s+"
                             r"(?:titled|entitled|called|named)\s+[“\"](?P<name>[^”\"]{3,120})[”\"]", s.text):
            kind = "OnlineEvent" if self.virtual else "Event"
            thing = self.new(f"“{m.group('name')}”", kind, "titled-event", s, rid=slug(m.group("name")))
            place(m.start("name") - 1, m.end("name") + 1, thing)

    def _people(self, s: Sentence, place, at, when: list[When]) -> None:
        """Names after a title or "chaired by" that the graph does not hold are people; a post's
        title right before a person ("President Ilham Aliyev", "the Committee Chairman Fuad
        Muradov") says the person holds the post on the article's date."""
        text = s.text
        for m in re.finditer(r"(?:chaired by|headed by|led by|President|Chairman|Chairwoman|Minister|Ambassador|"
                             r"Vice-President|Director|Head)\s+(?P<name>[A-Z][a-zəüöğışç’'-]+(?:\s+[A-Z][a-zəüöğışç’'-]+){1,2})",
                             text):
            if any(x[0] <= m.start("name") < x[1] for x in at):
                continue
            if head_type(m.group("name")) is None:
                place(m.start("name"), m.end("name"), self.new(m.group("name"), "Person", "person-title", s))
        for _a, b, post in list(at):
            name = re.match(r",\s+(?P<name>[A-Z][a-zəüöğışç’'-]+(?:\s+[A-Z][a-zəüöğışç’'-]+){1,2})", text[b:])
            if post.type == "Post" and name and not any(x[0] == b + name.start("name") for x in at):
                place(b + name.start("name"), b + name.end("name"), self.new(name.group("name"), "Person", "post-name", s))
        posts = self.g.of_type("Post")
        for a, b, person in list(at):
            if person.type != "Person":
                continue
            before = text[max(0, a - 80):a]
            post = None
            for x in at:
                if x[2].type == "Post" and x[1] <= a and a - x[1] <= 3:
                    post = x[2]  # "the First Vice-President of the Republic of Azerbaijan, Mehriban Aliyeva"
            if post is None:
                title = re.search(r"(?:\b(?P<org>Committee|Council|Assembly)\s+)?\b(?P<title>President|Chairman|Chairwoman|"
                                  r"Vice-President|First Vice-President|Minister|Director|Head)\s+$", before)
                if title:
                    fitting = [p for p in posts if fold(p.label).startswith(fold(title.group("title")) + " ")
                               and (not title.group("org") or title.group("org").lower() in p.label.lower())]
                    if len(fitting) == 1:
                        post = self.known(fitting[0].id)
                    elif title.group("org"):  # "the Committee Chairman": the chair of the committee last named
                        body = self.last(ORG_TYPES)
                        if body is not None and title.group("org").lower() in body.label.lower():
                            post = self.new(f"{title.group('title')} of the {body.label}", "Post", "post-title", s)
                            self.fact(post, "postIn", body, s, "post-title", 0.6)
            if post is None:
                continue
            appointed = re.search(r"\bappointed\b", text[b:b + 40])
            holding_id = f"holding-{slug(post.label)[:40].strip('-')}-{person.id}-{self.article.published.isoformat()}"
            holding = self.new(f"{person.label}, {post.label} (as of {self.article.published.isoformat()})",
                               "PostHolding", "post-title", s, rid=holding_id)
            self.fact(holding, "post", post, s, "post-title", 0.8)
            self.fact(holding, "holder", person, s, "post-title", 0.8)
            self.fact(holding, "asOf", self.article.published.isoformat(), s, "post-title", 0.8)
            if appointed:
                self.fact(holding, "validFrom", self.article.published.isoformat(), s, "appointed", 0.5)
        for m in re.finditer(r"(?P<who>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+)\s+(?:was|has been|had been)\s+appointed\s+(?:as\s+)?"
                             r"(?:the\s+)?(?P<post>[A-Z][^,.;]+?)(?=\s+(?:in|on)\b|[,.;]|$)", text):
            self._appointed(s, m, at, when)

    def _appointed(self, s: Sentence, m: re.Match, at, when: list[When]) -> None:
        person = next((x[2] for x in at if x[0] <= m.start("who") < x[1] and x[2].type == "Person"), None)
        person = person or self.new(m.group("who"), "Person", "appointed", s)
        found = self.g.find(m.group("post"))
        post = next((self.known(self.g.records[i].id) for f in found for i in f.ids if self.g.records[i].type == "Post"),
                    None)
        post = post or self.new(m.group("post"), "Post", "appointed", s)
        start = when[0] if when else None
        holding = self.new(f"{person.label}, {post.label}", "PostHolding", "appointed", s,
                           rid=f"holding-{slug(post.label)[:40].strip('-')}-{person.id}-{start.value if start else 'appointed'}")
        self.fact(holding, "post", post, s, "appointed", 0.8)
        self.fact(holding, "holder", person, s, "appointed", 0.8)
        if start:
            self.fact(holding, "validFrom", start.value, s, "appointed", 0.8, start.context)

    def _subject(self, s: Sentence, at) -> Thing | None:
        """The event the sentence is about: the first it names, else the one "the event", "this
        meeting" or "the conference" points back to."""
        events = [x[2] for x in at if x[2].type in EVENT_TYPES]
        for thing in events:
            if thing.type != "Observance" or len(events) == 1:
                return thing
        back = re.search(r"\b(?:the|this|that)\s+(?P<what>event|gathering|conference|videoconference|meeting|congress|forum)\b",
                         s.text, re.IGNORECASE)
        if back:  # "the congress" is the last congress spoken of; "the event", the last event of any kind
            kind = {"meeting": {"Meeting"}, "congress": {"Congress"}, "forum": {"Forum"}}.get(back.group("what").lower(),
                                                                                              EVENT_TYPES)
            return self.last(kind)
        return None

    def _acts(self, s: Sentence, at, when: list[When]) -> tuple[int, int, Thing] | None:
        """A law or decree the sentence reports: who passed it, when, what it established, declared
        or recognised."""
        text = s.text
        m = re.search(r"\b(?:(?P<pres>presidential)\s+decree\b|(?P<decree>decree)\b|(?P<decision>decision)\b|"
                      r"(?P<law>law)(?:\s+[“\"](?P<title>[^”\"]+)[”\"]|\b))", text, re.IGNORECASE)
        if m is None:
            return None
        if m.group("decision"):
            return self._decision(s, m, at)
        title = m.group("title")
        kind = "Law" if m.group("law") else "PresidentialDecree"
        issuer = None
        verb = re.search(r"\b(passed|issued|signed|adopted|enacted)\b", text)
        if m.group("pres") or re.search(r"\bPresident\b", text[:m.start()]):
            issuer = next((x[2] for x in at if x[2].type == "Post" and x[0] < m.start()), None)
            if issuer is None:
                post = [p for p in self.g.of_type("Post") if fold(p.label).startswith("president of")]
                issuer = self.known(post[0].id) if len(post) == 1 else None
        elif verb and verb.start() < m.start():
            issuer = next((x[2] for x in reversed(at) if x[2].type in ORG_TYPES | {"Legislature"} and x[1] <= verb.start()),
                          None)
        date = next((w for w in when if w.end is None), None)
        if title:
            label, rid = f"Law “{title}”", slug(f"law {title}")
        else:
            what = "Presidential decree" if kind == "PresidentialDecree" else "Law"
            stamp = date.value if date else self.article.published.isoformat()
            label = f"{what} ({stamp})"
            rid = slug(f"{what} {issuer.label if issuer and kind == 'Law' else ''} {stamp}")
        act = self.new(label, kind, "legal-act", s, rid=rid)
        if title:
            self.fact(act, "title", title, s, "legal-act", 0.9)
        if issuer is not None:
            self.fact(act, "passedBy", issuer, s, "passed", 0.7)
        if date is not None:
            self.fact(act, "legislationDate", date.value, s, "legal-act-date", 0.7, date.context)
        after = text[m.end():]
        for verb_, field_ in (("establish", "establishes"), ("declar", "declares"), ("creat", "establishes")):
            hit = re.search(rf"\b{verb_}\w*\b", after)
            if hit:
                target = next((x[2] for x in at if x[0] >= m.end() + hit.end() and x[2].type in ORG_TYPES |
                               {"CommemorativeDay", "Legislature"}), None)
                if target is not None:
                    self.fact(act, field_, target, s, field_, 0.7)
                    if field_ == "establishes" and date is not None and date.context is None:
                        self.fact(target, "foundingDate", date.value, s, "established", 0.6)
        named = re.search(r"\b(?:declaring|declared|recogni[sz]ed)\b.*?\bas\s+(?:the\s+)?(?P<name>[A-Z][^,.;]+?)"
                          r"(?=\s+(?:through|by|in|on)\b|[,.;]|$)", text)
        if named:
            day = next((x[2] for x in at if x[2].type == "CommemorativeDay" and x[0] >= named.start("name") - 1), None)
            if day is not None:
                self.fact(act, "declaredName", named.group("name"), s, "declared-name", 0.8)
                if re.search(r"recogni[sz]ed", named.group()):
                    self.fact(act, "recognises", day, s, "recognised", 0.7)
                elif not any(f.subject == act.id and f.field == "declares" for f in self.facts):
                    self.fact(act, "declares", day, s, "declared", 0.7)
        return (m.start(), m.end(), act)

    def _decision(self, s: Sentence, m: re.Match, at) -> tuple[int, int, Thing] | None:
        """ "It was at this meeting that the decision was made to create …": a decision of the body
        whose meeting it was, dated by the meeting (read from context)."""
        text = s.text
        meeting = self.last({"Meeting"}) if re.search(r"\b(?:this|that|the) meeting\b", text) else None
        created = re.search(r"\bto (?:create|establish|declare|institute)\s+(?:the\s+)?(?P<name>[A-Z][^,.;]+)", text)
        if meeting is None or created is None:
            return None
        target = next((x[2] for x in at if x[0] >= created.start("name") - 1 and x[2].type == "CommemorativeDay"), None)
        decision = self.new(f"Decision adopted at the {meeting.label}", "Decision", "decision-at-meeting", s,
                            rid=slug(f"decision of {meeting.id}"))
        self.fact(decision, "adoptedAt", meeting, s, "decision-at-meeting", 0.7)
        for body in self._values(meeting, "heldBy"):
            self.fact(decision, "passedBy", body, s, "decision-at-meeting", 0.6, "the body whose meeting it was")
        for day in self._values(meeting, "startDate"):
            self.fact(decision, "legislationDate", day, s, "decision-at-meeting", 0.6, "the date of the meeting")
        if target is not None:
            self.fact(decision, "decidesToCreate", target, s, "decision-at-meeting", 0.7)
            self.fact(decision, "declaredName", created.group("name").strip(), s, "decision-at-meeting", 0.6)
        return (m.start(), m.end(), decision)

    def _values(self, thing: Thing, field_: str) -> list:
        """What the graph holds, or this article said, of a thing's field."""
        said = [f.value for f in self.facts if f.subject == thing.id and f.field == field_]
        return said or (thing.known.values(field_) if thing.known else [])

    def _request(self, s: Sentence, at) -> None:
        m = re.search(r"\b(?:sent|addressed|submitted)\s+(?:a\s+)?(?:request|appeal|petition)\s+to\b", s.text)
        if m is None:
            return
        sender = next((x[2] for x in reversed(at) if x[1] <= m.start() and x[2].type in ORG_TYPES | {"Legislature"}), None)
        recipient = next((x[2] for x in at if x[0] >= m.end() and x[2].type in ORG_TYPES | {"Legislature"}), None)
        if sender is None or recipient is None:
            return
        request = self.new(f"Request of the {sender.label} to the {recipient.label}", "Request", "request", s,
                           rid=slug(f"request of {sender.id} to {recipient.id}"))
        self.fact(request, "sender", sender, s, "request", 0.7)
        self.fact(request, "recipient", recipient, s, "request", 0.7)

    def _events(self, s: Sentence, at, subject: Thing | None, when: list[When]) -> Thing | None:
        text = s.text
        meeting = re.search(r"\b[Aa]\s+meeting\s+of\s+(?:the\s+)?", text)
        if meeting:
            body = next((x[2] for x in at if x[0] == meeting.end() and x[2].type in ORG_TYPES | {"Legislature"}), None)
            if body is not None:
                date = next((w for w in when), None)
                stamp = date.value if date else self.article.published.isoformat()
                held = [r for r in self.g.of_type("Meeting") if body.id in r.values("heldBy")
                        and date is not None and date.value in map(str, r.values("startDate"))]
                subject = self.known(held[0].id) if held else self.new(f"Meeting of the {body.label}, {stamp}", "Meeting", "meeting-of", s,
                                   rid=slug(f"meeting of the {body.label} {stamp}"))
                at.append((meeting.start(), meeting.end(), subject))
                self.fact(subject, "heldBy", body, s, "meeting-of", 0.8)
        if subject is None:
            return None
        if PLANNED.search(text):
            return subject  # a plan ("is expected to be held in Baku in 2026") is not what happened
        date = next((w for w in when), None)
        named = any(x[2] is subject for x in at)
        if (date is not None and not re.search(r"\b(?:anniversary|birthday)\b", text[:date.start])
                and (named or re.search(r"\b(?:held|took place|convened|opened)\b", text))):
            self.fact(subject, "startDate", date.value, s, "event-date", 0.7, date.context)
            if date.end:
                self.fact(subject, "endDate", date.end, s, "event-date", 0.7, date.context)
        for m in re.finditer(r"\b(?:held|took place|convened|hosted)\s+in\s+", text):
            where = next((x[2] for x in at if x[0] == m.end()), None)
            if where is None:
                name = re.match(r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?", text[m.end():])
                where = self.new(name.group(), "Place", "held-in", s) if name else None
            if where is not None and where.type in PLACE_TYPES:
                self.fact(subject, "location", where, s, "held-in", 0.8)
        if subject.type != "Observance":
            for _a, b, thing in at:
                if thing.type in PLACE_TYPES and re.match(r"\s+hosted\b", text[b:]):
                    self.fact(subject, "location", thing, s, "hosted", 0.7)
            places = [x[2] for x in at if x[2].type in ("City", "Place") and re.search(r"\bin\s+$", text[:x[0]])]
            if len(places) == 1 and not any(f.subject == subject.id and f.field == "location" for f in self.facts):
                self.fact(subject, "location", places[0], s, "in-place", 0.6)
        for pattern, field_, rule in ((r"(?:held|organi[sz]ed|hosted|convened)\s+by\s+(?:the\s+)?", "organizer", "organised-by"),
                                      (r"chaired\s+by\s+", "chairedBy", "chaired-by")):
            for m in re.finditer(pattern, text):
                who = next((x[2] for x in at if x[0] == m.end() and x[2].type in AGENT_TYPES), None)
                if who is not None and not (field_ == "organizer" and subject.type == "Meeting" and who.type in ORG_TYPES
                                            and any(f.field == "heldBy" and f.subject == subject.id for f in self.facts)):
                    self.fact(subject, field_, who, s, rule, 0.8)
        occasion = re.search(r"\bon the occasion of\b", text)
        if occasion:
            target = next((x[2] for x in at if x[0] >= occasion.end() and x[2].type in EVENT_TYPES | {"CommemorativeDay"}),
                          None)
            if target is not None:
                self.fact(subject, "onOccasionOf", self._observance(target), s, "on-the-occasion-of", 0.7)
        adopted = re.search(r"\badoption of (?:the\s+)?[“\"](?P<name>[^”\"]+)[”\"]\s+at\s+(?:this|the)\s+meeting|"
                            r"[“\"](?P<name2>[^”\"]+)[”\"]\s+was\s+adopted\s+at\b", text)
        if adopted:
            name = adopted.group("name") or adopted.group("name2")
            kind = head_type(name) or "LegalAct"
            doc = self.new(name, kind if kind in ACT_TYPES else "Charter", "adopted-at", s)
            self.fact(doc, "title", name, s, "adopted-at", 0.8)
            self.fact(doc, "adoptedAt", subject, s, "adopted-at", 0.7)
            date = next((w for w in when), None)
            if date is not None:
                self.fact(doc, "legislationDate", date.value, s, "adopted-at", 0.6, date.context)
        return subject

    def _observance(self, target: Thing) -> Thing:
        """On the occasion of a commemorative day: its observance of the article's year, where the
        graph holds one."""
        if target.type != "CommemorativeDay":
            return target
        year = str(self.article.published.year)
        for rec in self.g.of_type("Observance"):
            if target.id in rec.values("editionOf") and any(str(v).startswith(year) for v in rec.values("startDate")):
                return self.known(rec.id)
        return target

    def _figures(self, s: Sentence, at, subject: Thing | None, when: list[When]) -> None:
        taken = [(w.start, w.end_offset) for w in when]
        taken += [(x[0], x[1]) for x in at if x[2].type in ("Observance", "Congress", "Forum")]
        previous = None
        for f in figures(s.text, 0, taken):
            inside = [x[2] for x in at if f.start <= x[0] < f.end]
            joined = re.search(r"\b(joined|attended|took part|participated|gathered)\b", s.text)
            came = re.search(r"\b(participants|delegates|guests|compatriots|representatives)\s+from\s+(?:\w+\s+)?$",
                             s.text[:f.start], re.IGNORECASE)
            if f.counts.lower().startswith("countr") and came and (subject or self.last(EVENT_TYPES)):
                about = subject or self.last(EVENT_TYPES)
                measured = f"number of countries the {came.group(1).lower()} came from"
            elif f.counts.lower().startswith("countr") and previous is not None:
                about = previous[0]
                measured = f"number of countries ({f.preposition or 'of'} which the {previous[1]})"
            else:
                if joined and re.match(r"(participants|compatriots|guests|delegates|people|representatives)", f.counts,
                                       re.IGNORECASE):
                    about = subject or self.last(EVENT_TYPES)
                elif inside:
                    about = inside[0]
                elif head_type(f.counts) == "OrganizationNetwork":  # "over 90 weekend schools"
                    about = self.new(f.counts[0].upper() + f.counts[1:], "OrganizationNetwork", "figure", s)
                    founder = re.search(r"\bhas (?:established|set up|opened|founded)\b", s.text[:f.start])
                    country = next((x[2] for x in at if x[2].type == "Country" and x[1] <= (founder.start() if founder else 0)),
                                   None)
                    if founder and country is not None:
                        self.fact(about, "establishedIn", country, s, "established", 0.6)
                else:
                    about = next((x[2] for x in at if x[0] < f.start), None) or subject
                measured = f"number of {f.counts}"
            if about is None:
                continue
            counted = "" if slug(f.counts) in about.id else f.counts
            base = "-".join(x for x in (slug(f"stat {about.id}")[:50].strip("-"), slug(counted)[:30].strip("-"),
                                          self.article.published.isoformat()) if x)
            rid, n = base, 1
            while rid in self.figure_ids:  # two figures never merge into one record
                n += 1
                rid = f"{base}-{n}"
            self.figure_ids.add(rid)
            stat = self.new(f"{f.stated_as[0].upper()}{f.stated_as[1:]} ({about.label}, {self.article.published.isoformat()})",
                            "StatisticalObservation", "figure", s, rid=rid)
            self.fact(stat, "observationAbout", about, s, "figure", 0.7)
            self.fact(stat, "variableMeasured", measured, s, "figure", 0.6)
            if f.value is not None:
                self.fact(stat, "statedValue", f.value, s, "figure", 0.9)
            self.fact(stat, "hedge", f.hedge, s, "figure", 0.9)
            self.fact(stat, "statedAs", f.stated_as, s, "figure", 0.9)
            self.fact(stat, "observationDate", self.article.published.isoformat(), s, "figure", 0.8)
            previous = (about, f.counts)


def read(article: Article, gazetteer: Gazetteer) -> tuple[dict[str, Thing], list[Fact], dict[str, list[Sentence]]]:
    reader = _Reader(article, gazetteer)
    reader.read()
    return reader.things, reader.facts, reader.evidence


def _value(fact: Fact) -> Any:
    if fact.context:
        return {"value": fact.value, "obtained": "context", "note": f"Read from context: {fact.context}."}
    return fact.value


def _quote(article: Article, s: Sentence) -> dict:
    return {"source": article.id, "quote": s.text}


def propose(article: Article, gazetteer: Gazetteer) -> list[Candidate]:
    """The candidate records an article gives, in reading order, compared with the graph."""
    things, facts, evidence = read(article, gazetteer)
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
        elif mine and (candidate := _addition(article, thing, mine)) is not None:
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
    return Candidate(record, "new", round(confidence, 2), tuple(rules))


def _addition(article: Article, thing: Thing, facts: list[Fact]) -> Candidate | None:
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
        if str(f.value) in held:
            confirms.append(f.field)
        else:
            new_values += 1
            if f.field in SINGLE and held:
                conflicts.append(Conflict(f.field, f.value, tuple(held), tuple(sorted(known.sources_of(f.field)))))
        record.setdefault(f.field, []).append(item)
    if len(record) == 3:
        return None
    status = "adds" if new_values else "confirms"
    confidence = min(f.confidence for f in facts)
    return Candidate(record, status, round(confidence, 2), tuple(sorted({f.rule for f in facts})), tuple(conflicts),
                     tuple(dict.fromkeys(confirms)))

