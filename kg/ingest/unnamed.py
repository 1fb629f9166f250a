"""Events with no name of their own, and where an event was.

- "The committee held a videoconference with compatriots on Saturday", "a summer camp … will be
  held in July", "speaking at an online conference", "the opening ceremony on Sunday was attended
  by …": an event no name identifies, made a record of its own, named by its words and date.
- "the two-day congress", "the camp would last ten days": its last day, from its first.
- "An Azerbaijani House opened in Tashkent on Friday": the opening, an event of its own.
- "X met heads of coordination councils in Berlin on Saturday": a meeting named by its verb.
- ``body_meeting``: the meeting of a body a sentence speaks of, the graph's where it holds it.
- ``located``: "in Baku", "at X", "hosted from Baku": an event's place, held or new.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.ingest.names import fold, slug
from kg.ingest.parse import objects, particle, preps, subject
from kg.ingest.recognise import MONTH, NUMBER_WORDS
from kg.ingest.reference import BODIES, EVENT_TYPES, FOR_NTH_TIME, ORG_TYPES, PLACE_TYPES, edition_thing, times_held
from kg.ingest.verbs import ATTEND, CONFER, ENDS, EVENT_NOUNS, GATHER, HAPPEN, HOLD, ONLINE, OPEN

if TYPE_CHECKING:
    from kg.ingest.facts import Thing
    from kg.ingest.propose import Context
    from kg.ingest.recognise import When


def lasting(ctx: Context) -> None:
    """ "the two-day congress", "the camp would last ten days": its last day, counted from its first
    (read from context)."""
    for tok in ctx.doc:
        lasts = tok.lemma_.lower() == "day" and tok.head.lemma_.lower() in ("last", "run", "continue")  # "would last ten days"
        hyphened = re.fullmatch(r"(\w+)-day", tok.lower_)  # "the two-day congress" (or "two - day", split)
        counted = next((c.lower_ for c in tok.children if c.dep_ == "nummod"), "") if lasts or tok.lemma_.lower() == "day" \
            else ""
        word = hyphened.group(1) if hyphened and not lasts else counted
        days = NUMBER_WORDS.get(word) or (int(word) if word.isdigit() else None)
        after_end = tok.head.lower_ == "after" and particle(tok.head.head) in ENDS  # "ended after two days"
        if tok.lemma_.lower() == "day" and re.match(r"(?:Over|During) (?:the )?\w+ days?\b", ctx.text) and tok.i <= 3:
            event = ctx.r.last(EVENT_TYPES - {"Observance"}) if days else None  # "Over ten days, 45 students …": the
            after_end = event is not None and not ctx.r.date_of(event)  # event just told; its first day counted back
        else:
            event = (ctx.thing(subject(tok.head.head if after_end else tok.head)) if lasts or after_end
                     else ctx.thing(tok.head)) if days else None
        if event is None or event.type not in EVENT_TYPES or not days or days > 31 or not after_end and any(
                f.subject == event.id and f.field == "endDate" for f in ctx.r.facts):
            continue  # the article's own end wins (a held end is compared with this one, not skipped)
        # The article's own first day. A first day only the graph gives is used only to compare with the end the
        # graph holds ("lasted three days"): an end counted from it for a held event with none is no source's.
        got = next(((str(f.value), f.context) for f in ctx.r.facts if f.subject == event.id and f.field == "startDate"),
                   None)
        if got is None and event.known is not None and list(event.known.values("endDate")):
            got = ctx.r.date_of(event)
        if after_end:  # "ended … after two days of debates": its first day, counted back from its last
            ended = ctx.r.date_of(event, "endDate")
            if ended and not got and re.fullmatch(r"\d{4}-\d{2}-\d{2}", ended[0]):
                start = (dt.date.fromisoformat(ended[0]) - dt.timedelta(days=days - 1)).isoformat()
                ctx.r.fact(event, "startDate", start, ctx.s, "n-day", 0.6,
                           f"the first day of a {days}-day event that ended on {ended[0]}")
            continue
        if got and re.fullmatch(r"\d{4}-\d{2}-\d{2}", got[0]):
            end = (dt.date.fromisoformat(got[0]) + dt.timedelta(days=days - 1)).isoformat()
            ctx.r.fact(event, "endDate", end, ctx.s, "n-day", 0.6, f"the last day of a {days}-day event that began on {got[0]}")


FACILITIES = {"house", "school", "centre", "center", "office", "library", "museum"}


def opening(ctx: Context) -> None:
    """ "An Azerbaijani House opened in Tashkent on Friday": the opening, an event of its own (its
    day and place, named by its date); what opened is no event."""
    r, s = ctx.r, ctx.s
    for tok in ctx.doc:
        verb = tok.head
        if tok.lemma_.lower() in FACILITIES and tok.dep_ == "dobj" and particle(verb) == "open":  # "The committee has
            for o in (o for p, o in [*preps(verb), *preps(tok)] if p == "in"):  # opened a House in Riga": the place an
                r.opened_in = ctx.thing(o) if ctx.thing(o) is not None and ctx.thing(o).type in PLACE_TYPES \
                    else new_place(ctx, o)  # opening ceremony told next is at
        if tok.lemma_.lower() not in FACILITIES or tok.dep_ not in ("nsubj", "nsubjpass") or particle(verb) != "open" \
                or list(objects(verb)) or verb.i in ctx.by_token:
            continue
        when = ctx.date_in(verb)
        if when is None:
            continue
        event = r.new(f"Opening, {when.value}", "Event", "opened", s, rid=slug(f"opening {when.value}"))
        ctx.names(verb, event)
        r.fact(event, "startDate", when.value, s, "event-date", 0.7, when.context)
        ctx.used.add(when.start)
        for p, o in preps(verb):
            located(ctx, event, p, o, True)
        ctx.subject = ctx.subject or event


def _kind_of(tok: Token) -> str | None:
    kind = EVENT_NOUNS.get(tok.lower_)
    if tok.lower_ == "table" and any(c.lower_ == "round" for c in tok.children):
        kind = "Event"  # "a round table"
    if kind is None or tok.lower_ == "evening" and not any(c.dep_ in ("compound", "amod") for c in tok.children) \
            and not (tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("hold", "organise", "organize", "host", "stage")):
        return None  # "a gala evening", "held an evening" are events; "that evening" is a time
    online = [*tok.children, *(tok.head.children if tok.dep_ == "dobj" else ())]  # "held its meeting online"
    if any(c.lower_ in ONLINE for c in online) or tok.lower_ == "videoconference":
        return "OnlineEvent"
    return kind


def read(ctx: Context) -> None:
    """ "The committee held a videoconference with compatriots on Saturday", "a summer camp … will
    be held in July", "speaking at an online conference": an event with no name, held or spoken
    at, made a record of its own (named by its words and date)."""
    r, s = ctx.r, ctx.s
    for tok in ctx.doc:
        kind = _kind_of(tok)
        if kind is None or tok.i in ctx.by_token or tok.i in ctx.refs:
            continue
        verb = tok.head
        if tok.dep_ == "nsubj" and verb.lemma_.lower() in ("be", "set", "due"):  # "an exhibition is (set) to open"
            verb = next((c for c in verb.children if c.dep_ == "xcomp" and particle(c) in HAPPEN), verb)
        body = ctx.thing(subject(verb)) if verb.lemma_.lower() in HOLD else None
        if kind == "Meeting" and body is not None and body.type in BODIES and any(
                c.lower_ in ("its", "their") or (c.lower_ in ("a", "an") and tok.lower_ == "session")
                for c in tok.children):  # "the Council held its session"; "held a meeting with …" is organised
            body_meeting(ctx, body, ctx.clause_date(tok), tok, tok.lower_)  # not a date of the body's own clause
            continue
        dated = any(c.lower_ == "the" for c in tok.children) and (ctx.date_in(tok) or ctx.date_in(verb)) is not None
        own = body is not None and body.type in BODIES and any(c.lower_ in ("its", "their") for c in tok.children)
        yearly = any(c.dep_ == "poss" and c.lower_ in ("year", "month", "week") for c in tok.children)  # "this year's"
        if not any(c.lower_ in ("a", "an") for c in tok.children) and not dated and not own and not yearly:
            continue  # "the opening ceremony on Sunday": a definite event spoken of nowhere before, but dated;
            # "the committee is holding its summer camp": the body's own
        held = tok.dep_ in ("dobj", "pobj", "nsubjpass") and (verb.lemma_.lower() in HOLD or verb.head.lemma_.lower() in HOLD)
        held = held or (tok.dep_ == "dobj" and verb.lemma_.lower() in OPEN)  # "opened a photo exhibition"
        held = held or (tok.dep_ == "nsubj" and particle(verb) in HAPPEN - {"hold", "meet"})  # "a photo exhibition opened"
        held = held or (tok.dep_ == "nsubj" and particle(verb) in GATHER)  # "the videoconference brought together …"
        held = held or (tok.dep_ == "pobj" and particle(verb.head) in ATTEND)  # "took part in a solidarity forum"
        attended = tok.dep_ == "nsubjpass" and verb.lemma_.lower() in ("attend", "join")  # "… was attended by 150 guests"
        held = held or attended
        spoke_at = tok.dep_ == "pobj" and verb.lower_ == "at" and verb.head.pos_ == "VERB"  # "Speaking at an online conference"
        of_body = any(p == "of" and meeting_body(ctx, o) is not None for p, o in preps(tok))
        if not (held or spoke_at) or (tok.lower_ == "meeting" and of_body):
            continue  # "a meeting of the committee": the body's meeting (``body_meeting``)
        words, where = [c for c in tok.lefts if c.dep_ in ("compound", "amod") and not _length(c)] + [tok], []
        for p, obj in preps(tok):
            if ctx.date_in(obj) is not None:
                continue  # "a ceremony … on 28 December": its date, not its name
            if p in ("of", "on") and obj.i not in ctx.by_token or (p == "on" and ctx.thing(obj) is not None
                                                                    and ctx.thing(obj).type in PLACE_TYPES):
                phrase = _phrase(obj)  # "a round table of …", "a photo exhibition on Karabakh"
                places = [t for t in phrase if t.lower_ == "in" and any(c.dep_ == "pobj" and c.pos_ == "PROPN"
                                                                      for c in t.children)]
                if len(places) > 1:  # "a meeting of councils of Azerbaijanis in Europe in Prague": the later the event's
                    phrase = phrase[:phrase.index(places[1])]
                    where += [c for c in places[1].children if c.dep_ == "pobj"]
                words += [p, *phrase]
        first = _first_edition(ctx, tok, verb.head if tok.dep_ == "pobj" else verb)
        if first is not None:  # "leaders first met at a forum": the held series' first edition
            ctx.names(tok, first)
            continue
        name = " ".join(w if isinstance(w, str) else w.text for w in words)
        when = ctx.first_date()
        stamp = when.value if when else r.article.published.isoformat()
        again = times_held(re.search(FOR_NTH_TIME, ctx.text))
        if again > 1:  # "holding its summer camp … for the fourth time"
            for_whom = [[p, *(c.text for c in o.lefts if c.dep_ in ("compound", "amod")), o.text]
                        for p, o in preps(tok) if p == "for" and ctx.thing(o) is None]  # "summer camp for diaspora youth"
            series = " ".join([name, *(for_whom[0] if for_whom else [])])
            series_thing = r.new(f"{series[0].upper()}{series[1:]}", "EventSeries", "nth-time", s)
            event = edition_thing(r, s, series_thing, again, kind)
            for p, o in (x for t in tok.subtree for x in preps(t) if x[0] == "in"):  # "… for diaspora youth in Guba"
                located(ctx, event, p, o, True)
        else:
            event = r.new(f"{name[0].upper()}{name[1:]}, {stamp}", kind, "held-event", s, rid=slug(f"{name} {stamp}"))
        ctx.names(tok, event)
        for obj in where:
            located(ctx, event, "in", obj, True)
        if r.opened_in is not None and any(getattr(w, "lower_", w) == "opening" for w in words) and not r.values(
                event, "location"):  # "… opened a House in Riga. The opening ceremony on Friday …": there
            r.fact(event, "location", r.opened_in, s, "opened-in", 0.6,
                   f"the place the article said the facility was opened in ({r.opened_in.label})")
        for body in (t for p, o in preps(tok) if p == "of" and (t := ctx.thing(o)) is not None and t.type in ORG_TYPES):
            r.fact(event, "organizer", body, s, "organised-by", 0.6)  # "the videoconference of the State Committee"
        if spoke_at or attended:
            _at_event(ctx, event, tok, verb.head if spoke_at else verb)


PEOPLE = {"head", "leader", "representative", "member", "delegate", "activist", "compatriot", "student", "youth",
          "chairman", "chair", "teacher", "journalist"}


def people_met(ctx: Context) -> None:
    """ "Fuad Muradov met heads of coordination councils in Berlin on Saturday": a meeting the
    sentence names by its verb only, with its place and day (a body that meets is ``body_meeting``'s)."""
    r, s = ctx.r, ctx.s
    for verb in ctx.doc:
        who = ctx.thing(subject(verb)) if verb.lemma_.lower() == "meet" and subject(verb) is not None else None
        people = [o for o in objects(verb) if o.lemma_.lower() in PEOPLE]
        if who is None or who.type != "Person" or not people:
            continue
        date = ctx.date_in(verb)
        if date is None:
            continue  # undated, it is a meeting no curator could tell from another
        meeting = r.new(f"Meeting, {date.value}", "Meeting", "met-with", s, rid=slug(f"meeting {date.value}"))
        ctx.at.append((verb.idx, verb.idx + len(verb.text), meeting))
        ctx.at.sort(key=lambda x: x[0])
        if not ctx.planned:
            r.fact(meeting, "startDate", date.value, s, "event-date", 0.7, date.context)
        own = [(p, o) for p, o in preps(verb) if p == "in"]
        for p, obj in own or [(p, o) for t in people for x in t.subtree for p, o in preps(x) if p == "in"]:
            located(ctx, meeting, p, obj, True)  # "heads of councils in Berlin": the parse may hang the place on them
        ctx.subject = ctx.subject or meeting


VENUE = {"venue", "host", "site", "scene", "location"}


def venue(ctx: Context) -> None:
    """ "Shusha was the venue of the 5th Congress": the event's place, held or (one proper noun)
    a place the graph does not hold."""
    for tok in ctx.doc:
        if tok.lemma_.lower() not in VENUE or tok.dep_ != "attr" or tok.head.lemma_.lower() != "be":
            continue
        event = next((t for p, o in preps(tok) if p == "of" and (t := ctx.thing(o)) is not None and t.type in EVENT_TYPES),
                     None)
        where = subject(tok.head)
        if event is None or where is None:
            continue
        place = ctx.thing(where) or one_word_place(ctx, where, "venue")
        if place is not None and place.type in PLACE_TYPES:
            ctx.r.fact(event, "location", place, ctx.s, "venue", 0.7)


def one_word_place(ctx: Context, tok: Token, rule: str) -> Thing | None:
    """A place the graph does not hold, where a sentence's shape says a place stands ("Ganja hosted
    E", "Ganja was the venue of E"): one capitalised proper noun that is no month (an organisation's
    name is longer)."""
    if tok.pos_ != "PROPN" or list(tok.children) or not re.fullmatch(r"[A-Z][a-z]+", tok.text) or \
            re.fullmatch(MONTH, tok.text, re.IGNORECASE):
        return None
    place = ctx.r.named(tok.text, "Place", rule, ctx.s)
    ctx.by_token[tok.i] = place
    return place


def _at_event(ctx: Context, event: Thing, tok: Token, verb: Token) -> None:
    """ "The committee presented the medal … at a ceremony in Baku on 28 December": the event's own
    place and date, and, where the verb confers something, its host."""
    r, s = ctx.r, ctx.s
    for p, obj in preps(tok):
        where = ctx.thing(obj)
        if p == "in" and where is not None and where.type in PLACE_TYPES:
            r.fact(event, "location", where, s, "held-in", 0.7)
    date = ctx.date_in(tok)
    if date is not None and not ctx.planned:
        r.fact(event, "startDate", date.value, s, "event-date", 0.7, date.context)
        ctx.used.add(date.start)
    host = ctx.thing(subject(verb)) if subject(verb) is not None else None
    if verb.lemma_.lower() in CONFER and host is not None and host.type in ORG_TYPES:
        r.fact(event, "organizer", host, s, "organised-by", 0.6)


def _length(tok: Token) -> bool:
    """ "three-day" in "a three-day forum": how long it lasts (``lasting``), not part of its name."""
    return tok.lower_ in ("day", "week", "month") and any(c.pos_ == "NUM" for c in tok.children)


def _phrase(tok: Token) -> list[Token]:
    """A token's words up to the first punctuation: "of diaspora youth organisations", without the
    apposition a parse may hang after its comma."""
    out = []
    for t in tok.subtree:
        if t.is_punct and t.i > tok.i:
            break
        out.append(t)
    return out


def _first_edition(ctx: Context, tok: Token, verb: Token) -> Thing | None:
    """The first edition of the one held series an unnamed event's noun names, when the verb says
    it was the first time ("first met at a forum", "met for the first time at a congress")."""
    first = any(c.lower_ == "first" and c.dep_ == "advmod" for c in verb.children) or re.search(
        r"\bfor the first time\b", ctx.text)
    series = ctx.r.identity.series(tok.lower_) if first else None
    held = ctx.r.identity.edition(series, 1) if series is not None else None
    return ctx.r.known(held.id) if held is not None else None


def meeting_body(ctx: Context, tok: Token) -> Thing | None:
    """The body whose meeting "a meeting of ``tok``" is: the body named, or the one whose board it
    is ("a meeting of the committee's board": the committee's)."""
    thing = ctx.thing(tok)
    if thing is None and tok.lemma_.lower() in ("board", "collegium", "presidium", "leadership"):
        thing = next((ctx.thing(c) for c in tok.children if c.dep_ == "poss"), None)
    return thing if thing is not None and thing.type in BODIES else None


def body_meeting(ctx: Context, body: Thing, date: When | None, at: Token, noun: str = "meeting",
                 kind: str = "Meeting") -> Thing:
    """The body's meeting a sentence speaks of (at the token ``at``): the graph's meeting of that
    body on that day, or the one an act the sentence names was adopted at, unless the sentence
    dates it years away ("met online on Wednesday to mark the fifteenth anniversary of the Charter":
    a report that dates the adopting meeting a day or a month otherwise is a second date for it); else
    a new one (named by ``noun``: a session, a meeting; of ``kind``: one that "met online" is an
    OnlineEvent)."""
    r, s = ctx.r, ctx.s
    mine = [rec for rec in r.g.of_type("Meeting") if body.id in rec.values("heldBy")]
    on_day = [rec for rec in mine if date is not None and date.value in map(str, rec.values("startDate"))]
    named = {x[2].id for x in ctx.at if x[2].known is not None} | {t.id for t in ctx.refs.values() if t.known is not None}
    adopted_at = [rec for rec in mine if any(rid in named for rid in r.g.pointing_at(rec.id, "adoptedAt"))
                  and (date is None or all(abs(int(str(d)[:4]) - int(date.value[:4])) <= 1 for d in rec.values("startDate")))]
    held = on_day or adopted_at
    stamp = date.value if date else r.article.published.isoformat()
    meeting = r.known(held[0].id) if held else r.new(f"{noun.capitalize()} of the {body.label}, {stamp}", kind,
                                                     "meeting-of", s, rid=slug(f"{noun} of the {body.label} {stamp}"))
    ctx.names(at, meeting)
    r.fact(meeting, "heldBy", body, s, "meeting-of", 0.8)
    if date is not None and not ctx.planned:
        r.fact(meeting, "startDate", date.value, s, "event-date", 0.7, date.context)
        ctx.used.add(date.start)
    return meeting


def located(ctx: Context, event: Thing, p: str, obj: Token, new: bool, hosted: bool = False) -> None:
    """ "in Baku", "at X", "in the capital" of an article datelined BAKU: the event's place, held
    or, where ``new``, one the graph does not hold ("opened in Shusha", "met in Berlin"), named by a
    capitalised proper noun that is no month."""
    r, s = ctx.r, ctx.s
    baku = _capital(ctx, obj) if obj.lemma_.lower() == "capital" and ctx.thing(obj) is None else None
    if obj.lemma_.lower() in ("city", "town", "capital", "village") and ctx.thing(obj) is None:
        obj = next((o for q, o in preps(obj) if q == "of"), obj)  # "in the city of Shusha"
    where = baku or ctx.thing(obj)  # "in the Azerbaijani capital", "in the capital of Azerbaijan": Baku
    if (p in ("in", "at") or p == "from" and hosted) and where is not None and where.type in PLACE_TYPES:
        r.fact(event, "location", where, s, "held-in", 0.8)  # "hosted from Baku": where an online event was run from
    elif p == "in" and new and where is None and (place := new_place(ctx, obj)) is not None:
        r.fact(event, "location", place, s, "held-in", 0.7)


def _capital(ctx: Context, obj: Token) -> Thing | None:
    """Baku, where "the capital" is it: "the Azerbaijani capital", "the capital of Azerbaijan"; a bare
    "the capital" datelined BAKU or just after Baku ("… held in Baku. … The second Congress follows,
    again in the capital"); else None."""
    r = ctx.r
    bakus = [i for m in r.g.find("Baku") for i in m.ids]
    bare = not list(preps(obj)) and not any(c.dep_ in ("amod", "compound", "poss") for c in obj.children)
    last = r.last(PLACE_TYPES)
    named = any(fold(t.text) in ("azerbaijani", "azerbaijan", "azerbaijan's") for t in obj.subtree)
    if bakus and (named or bare and (re.search(r"\bBAKU\b", r.article.text[:80]) or last is not None and last.id in bakus)):
        return r.known(bakus[0])
    return None


DATELINE = re.compile(r"\s*(?:date \S+\s+)?([A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+)*),")  # "ISTANBUL, June 10."


def here(ctx: Context, event: Thing, verb: Token) -> None:
    """ "ISTANBUL, June 10. A summit … is to open here on 28 June": the city the article is
    datelined from (read from context) is where "here" is."""
    m = DATELINE.match(ctx.r.article.text)
    if m is None or not any(c.lower_ == "here" and c.dep_ == "advmod" for c in verb.children):
        return
    place = ctx.r.named(m.group(1).title(), "Place", "dateline", ctx.r.article.sentences[0])
    if place.type in PLACE_TYPES:
        ctx.r.fact(event, "location", place, ctx.s, "held-here", 0.6, f'"here": {place.label}, where the article is '
                   "datelined from")


def new_place(ctx: Context, obj: Token) -> Thing | None:
    """ "in Riga": a place the graph does not hold, named by a capitalised proper noun that is no month."""
    name = " ".join(t.text for t in obj.lefts if t.dep_ == "compound" and t.pos_ == "PROPN") + " " + obj.text
    if obj.pos_ != "PROPN" or not re.fullmatch(r"\s*(?:[A-Z][a-z]+\s*){1,3}", name) or re.fullmatch(MONTH, obj.text, re.I):
        return None
    place = ctx.r.named(name.strip(), "Place", "held-in", ctx.s)
    ctx.by_token[obj.i] = place
    return place
