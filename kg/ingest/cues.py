"""Phrase cues: what a fixed phrase says, whatever the parse makes of the rest of its sentence.

A few of the data's relations are carried by set phrases rather than by a verb and its
arguments: a commemorative day's date ("December 31 is celebrated as the Day of …"), an
anniversary ("the 5th anniversary of the Karabakh Victory"), an event's title ("an event titled
“…”"), "on the occasion of", "a meeting of the Coordination Council", "the adoption of “…” at
this meeting", a request "sent to" a body, and "the decision was made to create …" at a meeting.
They are read here, over the text, with the names the sentence holds.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.ingest.names import head_type, slug
from kg.ingest.parse import is_passive, objects, preps, subject
from kg.ingest.recognise import ANNIVERSARY, ordinal
from kg.ingest.reference import ACT_TYPES, BODIES, EVENT_TYPES, PLACE_TYPES
from kg.ingest.unnamed import body_meeting, meeting_body

if TYPE_CHECKING:
    from kg.ingest.facts import Thing
    from kg.ingest.propose import Context


def observance(ctx: Context, target: Thing, year: int | None = None) -> Thing:
    """A commemorative day's observance of a year (the article's by default): the graph's, where
    it holds one; else the day itself."""
    if target.type != "CommemorativeDay":
        return target
    r = ctx.r
    year_ = str(year or r.article.published.year)
    for rec in r.g.of_type("Observance"):
        if target.id in rec.values("editionOf") and any(str(v).startswith(year_) for v in rec.values("startDate")):
            return r.known(rec.id)
    return target


def day_count_time(ctx: Context, day: Thing) -> tuple[str, str | None]:
    """When a count of the countries that marked a commemorative day is as of: the sentence's time,
    made the day of that year's observance where the article spoke of one ("This year events were
    held in 40 countries"); in a past-tense sentence with no date, the Day's last observance before
    the article ("Events marking the Day were held in 55 countries last week"), which the events
    were part of: that observance is spoken of too."""
    r = ctx.r
    when, how = ctx.time()
    seen = [got for t in r.things.values() if t.type == "Observance" and day.id in map(str, r.values(t, "editionOf"))
            and (got := r.date_of(t)) and got[0][:4] == when[:4]]
    if seen:
        return seen[0][0], seen[0][1] or "the date of that year's observance, which the article speaks of"
    yearly = [str(v) for v in r.values(day, "dayOfYear") if re.fullmatch(r"--\d\d-\d\d", str(v))]
    past = any(t.tag_ == "VBD" for t in ctx.doc) and not any(t.tag_ in ("VBZ", "VBP") for t in ctx.doc)
    told = ctx.telling()  # "…, the committee said on Monday": the day of the telling dates no event
    dated = any(w.start not in ctx.used and w != told for w in ctx.when)
    if not yearly or dated or ctx.planned or not past:
        return when, how
    published = r.article.published
    this_year = f"{published.year}{yearly[0][1:]}"
    last = this_year if this_year <= published.isoformat() else f"{published.year - 1}{yearly[0][1:]}"
    how = f"the Day's last observance before the article ({published.isoformat()}), which the events marked"
    _observed(ctx, day, last, how)  # the observance the events were its part of
    return last, how


def days_of_year(ctx: Context) -> None:
    """ "December 31 is celebrated as the Day of …", "on the occasion of December 31—… Day": the day
    of the year of a commemorative day, not a date something happened on."""
    r, s = ctx.r, ctx.s
    published = r.article.published
    for w in ctx.when:
        if w.context is None or w.end is not None or len(w.value) != 10 or "read against" in (w.context or ""):
            continue
        after = s.text[w.end_offset:]
        days = [x for x in ctx.at if x[2].type == "CommemorativeDay" and x[0] >= w.end_offset and x[0] - w.end_offset < 60]
        if days and re.match(r"\s*(?:[-—–]|is celebrated as|as|the\b|is\s+(?:the\b|a\b)|"
                             r"was (?:officially )?(?:recogni[sz]ed|declared) as)", after):  # "December 31 is the Day of …"
            day = days[0][2]
            r.fact(day, "dayOfYear", "--" + w.value[5:], s, "day-of-year", 0.8)
            ctx.used.add(w.start)
            if re.match(r"\s*is (?:celebrated|marked|observed)", after) and w.value[5:] == published.isoformat()[5:]:
                _observed(ctx, day, published.isoformat(), "the day is celebrated on the article's own date")
        elif re.search(r"\bdeclaring\s*$", s.text[:w.start]):
            ctx.used.add(w.start)  # "a law declaring 31 December a day of solidarity": the day spoken of, that day
            day = r.last({"CommemorativeDay"}) if re.match(r"\s*(?:as\s+)?an?\s+(?:\w+\s+){0,2}?day\b", after) else None
            if day is not None:
                r.fact(day, "dayOfYear", "--" + w.value[5:], s, "day-of-year", 0.7)
        elif re.search(r"\b(?:(?:is|are|has been|have been)\s+(?:celebrated|marked|observed)|falls?)\s+"
                       r"(?:(?:every year|each year|annually)\s+)?"
                       r"on\s*$", s.text[:w.start]):  # "The Day of … is celebrated on December 31", "… falls on 31 December"
            before = [x for x in ctx.at if x[2].type == "CommemorativeDay" and x[1] <= w.start]
            if before:
                r.fact(before[-1][2], "dayOfYear", "--" + w.value[5:], s, "day-of-year", 0.8)
                ctx.used.add(w.start)


def _observed(ctx: Context, day: Thing, date: str, how: str | None) -> Thing:
    r, s = ctx.r, ctx.s
    year = int(date[:4])
    obs = observance(ctx, day, year)
    if obs is day:  # the graph holds no observance of this year: a new one
        obs = r.new(f"{day.label}, {year}", "Observance", "celebrated", s, rid=f"{day.id}-{year}")
    r.fact(obs, "editionOf", day, s, "celebrated", 0.7)
    r.fact(obs, "startDate", date, s, "celebrated", 0.7, how)
    ctx.subject = ctx.subject or obs  # what the next sentence's account goes on with
    return obs


def read(ctx: Context) -> None:
    _celebrated(ctx)
    for m in ANNIVERSARY.finditer(ctx.text):
        _anniversary(ctx, m)
    _titled(ctx)
    _meeting_of(ctx)
    _occasion(ctx)
    _adopted(ctx)
    _decision(ctx)
    _decided(ctx)
    _request(ctx)


def _celebrated(ctx: Context) -> None:
    """ "Azerbaijanis celebrate the Day of … today": the day's observance on that date."""
    m = re.search(r"\b(?:celebrat|mark|observ)\w*\b", ctx.text)
    day = next((x[2] for x in ctx.at if x[2].type == "CommemorativeDay"), None)
    if m is None or day is None:
        return
    w = next((w for w in ctx.when if len(w.value) == 10 and w.start not in ctx.used), None)
    of_year = {str(v)[2:] for v in ctx.r.values(day, "dayOfYear")}
    if w is not None and (w.text.lower() in ("today", "tomorrow", "yesterday") or w.value[5:] in of_year):
        obs = _observed(ctx, day, w.value, w.context)  # "will mark the Day … tomorrow", "marked the Day on Tuesday"
        if ctx.planned:
            ctx.r.fact(obs, "eventStatus", "scheduled", ctx.s, "planned", 0.8)
        ctx.used.add(w.start)
        return
    year = next((w for w in ctx.when if len(w.value) == 4 and w.start not in ctx.used), None)
    if year is not None and re.search(r"\bfirst\s+(?:\w+\s+)?(?:celebrat|mark|observ)", ctx.text, re.IGNORECASE):
        _observed(ctx, day, year.value, year.context)  # "The Day was first celebrated at state level in 1992"
        ctx.used.add(year.start)


def _anniversary(ctx: Context, m: re.Match) -> None:
    r, s = ctx.r, ctx.s
    of_name = m.group("of")
    known = [x[2] for x in ctx.at if m.start("of") <= x[0] < m.end("of") + 1]
    target = known[0] if known else r.new(of_name, head_type(of_name) or "Event", "anniversary", s)
    label = f"{m.group('ordinal')} anniversary of the {target.label}"
    obs = r.new(label, "Observance", "anniversary", s, rid=slug(f"{target.id}-{m.group('ordinal')}-anniversary"))
    ctx.place(m.start(), m.end(), obs)
    r.fact(obs, "commemorates", target, s, "anniversary", 0.9)
    r.fact(obs, "anniversaryNumber", ordinal(m.group("ordinal")), s, "anniversary", 0.9)
    if target.known is None or not target.known.values("startDate"):
        r.fact(obs, "startDate", str(r.article.published.year), s, "anniversary", 0.5,
               context=f"the year of the article ({r.article.published.isoformat()}), in which it was marked")


def _titled(ctx: Context) -> None:
    for m in re.finditer(r"\b(?:event|gathering|conference|videoconference|meeting|forum|festival),?\s+"
                         r"(?:titled|entitled|called|named)\s+[“\"](?P<name>[^”\"]{3,120})[”\"]", ctx.text):
        kind = "OnlineEvent" if ctx.r.virtual else "Event"
        thing = ctx.r.new(f"“{m.group('name')}”", kind, "titled-event", ctx.s, rid=slug(m.group("name")))
        ctx.place(m.start("name") - 1, m.end("name") + 1, thing)
        ctx.subject = ctx.subject or thing


def _meeting_of(ctx: Context) -> None:
    """ "A meeting of the Coordination Council (held on …)", "a meeting of the committee held in
    Baku on Friday": the body's meeting. It is a held meeting where the graph holds one of that body
    on that day, or the one at which an act the sentence names was adopted; else a new one
    (``relations.body_meeting``)."""
    r, s = ctx.r, ctx.s
    tok = next((t for t in ctx.doc if t.lower_ == "meeting" and ctx.thing(t) is None
                and any(c.lower_ in ("a", "an") for c in t.children)), None)
    of = next((c for c in tok.children if c.lower_ == "of" and c.dep_ == "prep"), None) if tok is not None else None
    body = next((meeting_body(ctx, o) for o in of.children if o.dep_ == "pobj"), None) if of is not None else None
    if body is None:
        return
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head  # "told reporters on Friday that the Charter had been adopted on Thursday at a meeting of …":
    clause = verb if verb.dep_ in ("ccomp", "advcl") else None  # the meeting's day is its own clause's, not the telling's
    meeting = body_meeting(ctx, body, ctx.date_in(tok) or (ctx.date_in(clause) if clause is not None else None)
                           or ctx.first_date(), tok)
    where = next((x[2] for x in ctx.at if x[2].type in PLACE_TYPES and re.search(r"\bin\s+$", ctx.text[:x[0]])), None)
    if where is not None:  # "… held on January 20, 2024, in Baku"
        r.fact(meeting, "location", where, s, "held-in", 0.7)
    chaired = re.search(r"\bchaired by\s+", ctx.text[tok.idx:])
    if chaired:
        who = next((x[2] for x in ctx.at if x[0] == tok.idx + chaired.end() and x[2].type == "Person"), None)
        if who is not None:
            r.fact(meeting, "chairedBy", who, s, "chaired-by", 0.8)
    ctx.subject = meeting


def _occasion(ctx: Context) -> None:
    occasion = re.search(r"(?i)\b(?:on the occasion of|on the eve of|to mark|dedicated to)\b", ctx.text)
    subject = ctx.subject
    if not occasion or subject is None:
        return
    target = next((x[2] for x in ctx.at if x[0] >= occasion.end() and x[2].type in EVENT_TYPES | {"CommemorativeDay"}),
                  None)
    if target is not None:
        ctx.r.fact(subject, "onOccasionOf", observance(ctx, target), ctx.s, "on-the-occasion-of", 0.7)


def _adopted(ctx: Context) -> None:
    r, s = ctx.r, ctx.s
    for verb in ctx.doc:  # "The World Azerbaijanis Charter was adopted in Baku on December 19 at a meeting of …"
        act = ctx.thing(subject(verb)) if verb.lemma_.lower() == "adopt" and is_passive(verb) else None
        if verb.lemma_.lower() == "adopt" and verb.dep_ == "acl" and verb.tag_ == "VBN":
            act = ctx.thing(verb.head)  # "The Charter, adopted at a meeting of … in November 2008, …"
        at = next((ctx.thing(o) for p, o in preps(verb) if p == "at" and ctx.thing(o) is not None), None)
        if act is None or act.type not in ACT_TYPES or at is None or at.type not in EVENT_TYPES:
            continue
        r.fact(act, "adoptedAt", at, s, "adopted-at", 0.7)
        a, b = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text)
        day = next((w for w in ctx.when if a <= w.start < b), None)  # the meeting's date, written for the adoption too
        if day is not None:
            r.fact(act, "legislationDate", day.value, s, "adopted-at", 0.7, day.context)
    adopted = re.search(r"\badoption of (?:the\s+)?[“\"](?P<name>[^”\"]+)[”\"]\s+at\s+(?:this|the)\s+meeting|"
                        r"[“\"](?P<name2>[^”\"]+)[”\"]\s+was\s+adopted\s+at\b", ctx.text)
    if not adopted or ctx.subject is None:
        return
    name = adopted.group("name") or adopted.group("name2")
    kind = head_type(name) or "LegalAct"
    doc = r.new(name, kind if kind in ACT_TYPES else "Charter", "adopted-at", s)
    r.fact(doc, "title", name, s, "adopted-at", 0.8)
    r.fact(doc, "adoptedAt", ctx.subject, s, "adopted-at", 0.7)
    for day in r.values(ctx.subject, "startDate"):
        r.fact(doc, "legislationDate", day, s, "adopted-at", 0.6, "the date of the meeting it was adopted at")


def _decision(ctx: Context) -> None:
    """ "It was at this meeting that the decision was made to create …": a decision of the body
    whose meeting it was, dated by the meeting (read from context)."""
    r, s, text = ctx.r, ctx.s, ctx.text
    meeting = r.last({"Meeting"}) if re.search(r"\b(?:this|that|the) meeting\b", text) else None
    created = re.search(r"\bto (?:create|establish|declare|institute)\s+(?:the\s+)?(?P<name>[A-Z][^,.;]+)", text)
    if meeting is None or created is None or not re.search(r"\bdecision\b", text):
        return
    target = next((x[2] for x in ctx.at if x[0] >= created.start("name") - 1 and x[2].type == "CommemorativeDay"), None)
    decision = r.new(f"Decision adopted at the {meeting.label}", "Decision", "decision-at-meeting", s,
                     rid=slug(f"decision of {meeting.id}"))
    r.fact(decision, "adoptedAt", meeting, s, "decision-at-meeting", 0.7)
    for body in r.values(meeting, "heldBy"):
        r.fact(decision, "passedBy", body, s, "decision-at-meeting", 0.6, "the body whose meeting it was")
    for day in r.values(meeting, "startDate"):
        r.fact(decision, "legislationDate", day, s, "decision-at-meeting", 0.6, "the date of the meeting")
    if target is not None:
        r.fact(decision, "decidesToCreate", target, s, "decision-at-meeting", 0.7)
        r.fact(decision, "declaredName", created.group("name").strip(), s, "decision-at-meeting", 0.6)


def _decided(ctx: Context) -> None:
    """ "The Nakhchivan Supreme Assembly decided on 16 December 1991 to mark 31 December as …" (or
    "declared the Day … on 16 December 1991"): the one decision the graph holds of that body, with
    this date (none is guessed where it holds none or several)."""
    r, s = ctx.r, ctx.s
    for verb in ctx.doc:
        took = verb.lemma_.lower() in ("take", "make", "adopt") and any(o.lemma_.lower() == "decision" for o in objects(verb))
        # "took its decision on D"
        declared = verb.lemma_.lower() in ("declare", "proclaim") and any(
            (t := ctx.thing(o)) is not None and t.type == "CommemorativeDay" for o in objects(verb))  # "declared the Day on D"
        body = ctx.thing(subject(verb)) if verb.lemma_.lower() == "decide" or took or declared else None
        if body is None or body.type not in BODIES:
            continue
        held = [rec for rec in r.g.of_type("Decision") if body.id in map(str, rec.values("passedBy"))]
        date = ctx.date_in(verb)
        if len(held) == 1 and date is not None and date.start not in ctx.used:
            r.fact(r.known(held[0].id), "legislationDate", date.value, s, "decided", 0.6, date.context)
            ctx.used.add(date.start)


def _request(ctx: Context) -> None:
    r, s = ctx.r, ctx.s
    m = re.search(r"\b(?:sent|addressed|submitted)\s+(?:a\s+)?(?:request|appeal|petition)\s+to\b", ctx.text)
    if m is None:
        return
    sender = next((x[2] for x in reversed(ctx.at) if x[1] <= m.start() and x[2].type in BODIES), None)
    recipient = next((x[2] for x in ctx.at if x[0] >= m.end() and x[2].type in BODIES), None)
    if sender is None or recipient is None:
        return
    request = r.new(f"Request of the {sender.label} to the {recipient.label}", "Request", "request", s,
                    rid=slug(f"request of {sender.id} to {recipient.id}"))
    r.fact(request, "sender", sender, s, "request", 0.7)
    r.fact(request, "recipient", recipient, s, "request", 0.7)
