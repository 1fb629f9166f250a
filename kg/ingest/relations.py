"""Relations read from the parse: a verb with its subject, object and prepositions; appositions;
figures as the objects of their verb.

- Events: "X held / organised / hosted / convened E", "E was held / organised / hosted by X",
  "E took place / opened / met / convened in P on D", "P hosted E", "E was chaired by Y". A date
  under the act that convened an event ("under a presidential decree of D") is the act's, never
  the event's.
- Acts (``acts``): a decree or law, its issuer, its date, what it established, declared or
  renamed, and the event it convened.
- Holdings: "Y, (then) Chairman of X", "the chairman of X, Y", "President Y", "Y took over X",
  "Y was appointed T", "Y replaced Z, who had chaired X since D", "X is headed by Y": the holding
  is dated to the sentence's time (``Context.time``); "first deputy chairman" is its own post.
- Figures: "gathered 300 delegates and 40 guests from 25 countries" is three figures about the
  event the verb's subject is; "N people attended / joined / took part in E" are E's; "the number
  of X reached N" is X's; a network's count is the network's. Each is dated to the event it is
  about, else the sentence's time; a planned event's figures are expected numbers.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.ingest import acts, unnamed
from kg.ingest.acts import ESTABLISHES
from kg.ingest.holdings import person_at
from kg.ingest.parse import is_passive, objects, particle, preps, subject
from kg.ingest.recognise import MONTH
from kg.ingest.reference import ACT_TYPES, BODIES, EVENT_TYPES, ORG_TYPES, PLACE_TYPES, elliptic_editions, later_editions
from kg.ingest.timing import is_planned
from kg.ingest.unnamed import body_meeting, here, located, one_word_place
from kg.ingest.verbs import ATTEND, BY_FIELD, ENDS, GATHER, HAPPEN, HOLD, ONLINE, OPEN, PARTICIPANTS

if TYPE_CHECKING:
    from kg.ingest.facts import Thing
    from kg.ingest.propose import Context
    from kg.ingest.recognise import When


def read(ctx: Context) -> None:
    elliptic_editions(ctx)
    later_editions(ctx)
    unnamed.read(ctx)
    unnamed.opening(ctx)
    unnamed.people_met(ctx)
    unnamed.venue(ctx)
    acts.read(ctx)
    for tok in ctx.doc:
        if tok.pos_ in ("VERB", "AUX"):
            _body_met(ctx, tok)
            _event_verb(ctx, tok)
            _founded(ctx, tok)
            _whose(ctx, tok)
    acts.became(ctx)
    acts.instituted(ctx)
    acts.named_act_dates(ctx)  # last: the other rules' dates (a meeting's, an act's) come first
    unnamed.lasting(ctx)
    if ctx.subject is None:
        events = [x[2] for x in ctx.at if x[2].type in EVENT_TYPES and x[2].type != "Observance"]
        refs = [t for t in ctx.refs.values() if t.type in EVENT_TYPES]
        ctx.subject = (events or refs or [None])[0]


# --- events -----------------------------------------------------------------------------------------

def _body_met(ctx: Context, verb: Token) -> None:
    """ "Ten years ago today, the Coordination Council met in Baku and adopted the World
    Azerbaijanis Charter": the body's meeting, where it was, and what was adopted at it. So too
    "the Coordination Council meeting in Baku adopted the Charter", the meeting named by its body."""
    subj = subject(verb)
    body = ctx.thing(subj)
    if verb.lemma_.lower() == "adopt" and subj is not None and subj.lemma_.lower() in ("meeting", "session") \
            and subj.i not in ctx.by_token:
        body = next((t for c in subj.lefts if c.dep_ == "compound" and (t := ctx.thing(c)) is not None
                     and t.type in BODIES), None)
        at, adopting = subj, [verb]
    elif verb.lemma_.lower() in ("meet", "convene", "sit") and not objects(verb):
        at, adopting = verb, verb.conjuncts
    else:
        return
    if body is None or body.type not in BODIES:
        return
    r, s = ctx.r, ctx.s
    date = ctx.date_in(verb) or ctx.first_date()
    online = any(c.lower_ in ONLINE for c in at.children)  # "met online on Wednesday"
    meeting = body_meeting(ctx, body, date, at, kind="OnlineEvent" if online else "Meeting")
    for p, obj in preps(at):
        located(ctx, meeting, p, obj, True)
    for other in adopting:
        acts = [ctx.thing(o) for o in objects(other) if ctx.thing(o) is not None and ctx.thing(o).type in ACT_TYPES]
        for act in acts if other.lemma_.lower() == "adopt" else ():
            r.fact(act, "adoptedAt", meeting, s, "adopted-at", 0.7)
            if date is not None:
                r.fact(act, "legislationDate", date.value, s, "adopted-at", 0.6, date.context or
                       "the date of the meeting it was adopted at")
    ctx.subject = ctx.subject or meeting


def _event_verb(ctx: Context, verb: Token) -> None:
    r, s = ctx.r, ctx.s
    lemma = particle(verb)
    base = verb.lemma_.lower()
    subj = ctx.thing(subject(verb))
    if subj is None and subject(verb) is not None:  # "The committee's chairman, Fuad Muradov, chaired the meeting"
        subj = next((t for c in subject(verb).children if c.dep_ == "appos" and (t := ctx.thing(c)) is not None
                     and t.type == "Person"), None)
    if subj is None and verb.dep_ == "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("that", "which")
                                                     for c in verb.children):
        subj = _clause_event(ctx, verb.head)  # "a summer camp for diaspora youth that closed in Gabala": the parse
        # hangs the clause on the nearest noun
    objs = [t for t in (ctx.thing(o) for o in objects(verb)) if t is not None]
    event = agent = event_tok = None
    if subj is None and subject(verb) is not None and subject(verb).lemma_.lower() in PARTICIPANTS and lemma in HAPPEN:
        subj = next((t for p, o in [*preps(subject(verb)), *[x for x in preps(verb) if x[0] == "for"]]
                     if p in ("of", "for") and (t := ctx.thing(o)) is not None and t.type in EVENT_TYPES),
                    None)  # "Delegates of the Fifth Congress gathered in Baku", "delegates gathered in Baku for the Congress"
    followed = base == "follow" and not objects(verb) and not is_passive(verb)  # "the second congress followed in 2006"
    if subj is not None and subj.type in EVENT_TYPES and (lemma in HAPPEN or base in HOLD | set(BY_FIELD) | GATHER or followed):
        event = subj
        participles = [c for c in subject(verb).subtree if c.dep_ == "acl" and c.lemma_.lower() in HOLD | set(BY_FIELD)]
        again = [x for p, o in preps(verb) if p == "for" and o.lower_ == "time" for x in preps(o)]  # "organised for
        for by, p, obj in [(base, *x) for x in [*preps(verb), *again]] + [(c.lemma_.lower(), *x) for c in participles
                                                                           for x in preps(c)]:  # the fifth time by X"
            who = ctx.thing(obj) or (_person_by(ctx, obj) if by in BY_FIELD else None)  # "chaired by Nazim Ibrahimov"
            if p == "by" and who is not None and who.type in ORG_TYPES | {"Person", "Post", "Group"} and by not in OPEN:
                agent, base = who, by  # "was held by"; "A camp organised by X opened": the participle's; "was opened
                # by President Y": who opens it need not organise it
    elif objs and objs[0].type in EVENT_TYPES and base in HOLD | set(BY_FIELD) | OPEN:
        event = objs[0]
        event_tok = next(o for o in objects(verb) if ctx.thing(o) is event)
        if subj is None and base == "host" and subject(verb) is not None:  # "Ganja hosted the 5th Congress": a place
            where = subject(verb)  # the graph does not hold, named by one proper noun (an organisation's name is longer)
            finer = any(p == "in" and o.pos_ == "PROPN" and not re.fullmatch(MONTH, o.text, re.IGNORECASE)
                        for p, o in [*preps(verb), *(x for o in objects(verb) for x in preps(o))])  # "Turkey will
            # host it in Istanbul": Istanbul is where, whether the parse hangs it on the verb or on the event
            subj = None if finer else one_word_place(ctx, where, "hosted")
        if subj is not None and subj.type in PLACE_TYPES and base == "host":
            r.fact(event, "location", subj, s, "hosted", 0.7)
        elif subj is not None and subj.type in ORG_TYPES | {"Person"} and base not in OPEN:
            agent = subj  # who holds it organises it; who opens it need not
    elif base in ("mark", "celebrate", "observe") and (event_tok := next(
            (o for p, o in preps(verb) if p == "with" and ctx.thing(o) is not None and ctx.thing(o).type in EVENT_TYPES),
            None)) is not None:  # "The committee marked the Day with a videoconference on Thursday"
        event = ctx.thing(event_tok)
        agent = subj if subj is not None and subj.type in ORG_TYPES | {"Person"} else None
        for day in (t for t in objs if t.type in ("CommemorativeDay", "Observance")):
            r.fact(event, "onOccasionOf", day, s, "marked-with", 0.7)
    if event is None and verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl") and ctx.subject is not None:
        # "… was held in Shusha on June 3-4, organised by …": a participle the parse hung elsewhere
        for p, obj in preps(verb):
            who = ctx.thing(obj)
            if p == "by" and who is not None and who.type in ORG_TYPES | {"Person", "Post", "Group"}:
                event, agent = ctx.subject, who
    attended = False
    if event is None and lemma in ATTEND:  # "600 leaders took part in the third forum, again in Baku": its place, day
        event_tok = next((o for p, o in preps(verb) if p == "in" and (t := ctx.thing(o)) is not None and t.type in
                          EVENT_TYPES), None) or next((o for o in objects(verb) if (t := ctx.thing(o)) is not None and
                                                       t.type in EVENT_TYPES), None)
        event, attended = (ctx.thing(event_tok), True) if event_tok is not None else (None, False)
    if event is None or event.type == "Observance" or (lemma in ATTEND and not attended):
        return
    ctx.subject = ctx.subject or event
    if agent is not None:
        field_ = BY_FIELD.get(base, "organizer")
        if not (field_ == "organizer" and event.type == "Meeting" and r.values(event, "heldBy")):
            r.fact(event, field_, agent, s, "chaired-by" if field_ == "chairedBy" else "organised-by", 0.8)
    if base in BY_FIELD and agent is None:
        return
    # the verb's places, and the object's: "will hold the fourth Summer School … in Shamakhi"
    own = list(preps(event_tok)) if event_tok is not None else []
    places = [*preps(verb), *[(p, o) for c in verb.children if c.dep_ == "prt" for p, o in preps(c)], *own,
              *[(q, x) for p, o in own if p == "for" for q, x in preps(o) if q == "in"],  # "a reception for diaspora
              # leaders in Baku": the parse hangs the place on those it is for
              *[(p, o) for c in objects(verb) if c.lower_ == "work" for p, o in preps(c)],  # "began its work in Baku"
              *[(q, x) for p, o in preps(verb) if p in ("on", "about") and ctx.thing(o) is None and ctx.date_in(o) is None
                for q, x in preps(o) if q == "in"]]  # "held a round table on diaspora media in Prague": the parse
    # hangs the place on the topic
    for t in event_tok.subtree if event_tok is not None else ():  # "a forum of young Azerbaijanis living abroad in
        if t.dep_ == "acl" and any(p in ("on", "from") and ctx.date_in(o.head) is not None for p, o in preps(t)):
            places += preps(t)  # Baku on April 20-21": the parse hangs the event's place and day on the participle
            places += [(q, x) for p, o in preps(t) if p == "by" for q, x in preps(o) if q == "in"]  # or on its agent
    if event is subj and subject(verb) is not None:  # "the summer camp in Gabala would welcome 200 children"
        places += [(p, o) for p, o in preps(subject(verb)) if p == "in"]
    venues = [(p, obj) for p, obj in places if p == "at" and (ctx.thing(obj) is None or ctx.thing(obj).type not in
                                                               PLACE_TYPES) and any(q == "in" for q, _ in preps(obj))]
    places = [x for x in places if x not in venues] + [(q, o) for _, obj in venues for q, o in preps(obj) if q == "in"]
    for p, obj in places:  # the venue's city too: "at a concert hall in Baku", "at the Azerbaijani House in London"
        located(ctx, event, p, obj, base in HOLD | HAPPEN | GATHER or lemma in HAPPEN, base == "host")
    here(ctx, event, verb)
    until = next((w for p, o in preps(verb) if p in ("until", "till", "through") and (w := ctx.date_in(o.head))), None)
    if until is not None:  # "… will run until Saturday": its last day
        r.fact(event, "endDate", until.value, s, "event-date", 0.7, until.context)
        ctx.used.add(until.start)
    if ctx.planned and not _under_way(ctx, event):
        r.fact(event, "eventStatus", "scheduled", s, "planned", 0.8)
    date = _own_date(ctx, verb) or next((w for w in ctx.when if w.start == 0 and w.start not in ctx.used and
                                      re.fullmatch(r"\d{4}", w.text)), None)  # "2008: the second forum was held in …"
    if date is not None and (base in ENDS or lemma in ENDS):  # "… ended its work in Baku today", "wrapped up": the last day
        r.fact(event, "endDate", date.end or date.value, s, "event-date", 0.7, date.context)
        ctx.used.add(date.start)
    elif date is not None and not re.search(r"\b(?:anniversary|birthday)\b", ctx.text[:date.start]):
        r.fact(event, "startDate", date.value, s, "event-date", 0.7, date.context)
        if date.end:
            r.fact(event, "endDate", date.end, s, "event-date", 0.7, date.context)
        ctx.used.add(date.start)


def _own_date(ctx: Context, verb: Token) -> When | None:
    """The unused date in a verb's subtree outside the clauses in it that tell an event's day of
    their own: in "took part in a camp that closed on Monday" and "The School, organised by X,
    ended yesterday" (which the parse hangs on "organised"), the day is the ending's."""
    return ctx.date_in(verb, [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text)) for t in verb.subtree
                              if t.i != verb.i and t.dep_ in ("relcl", "advcl", "conj") and particle(t) in HAPPEN | ENDS])


def _clause_event(ctx: Context, noun: Token) -> Thing | None:
    """The event a relative clause hung on a noun of its phrase is about: in "a camp for diaspora
    youth that closed …", the camp; in "the Fourth Congress was a two-day meeting that closed …", the
    Congress the meeting is said to be."""
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        t = ctx.thing(subject(noun.head))
        return t if t is not None and t.type in EVENT_TYPES - {"Observance"} else None
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head.head
        if (t := ctx.thing(noun)) is not None and t.type in EVENT_TYPES - {"Observance"}:
            return t
    return None


def _person_by(ctx: Context, tok: Token) -> Thing | None:
    """The person an agent names, or its apposition names: "Chaired by the committee head, Nazim
    Ibrahimov, the session heard …"."""
    return next((w for c in [tok, *(c for c in tok.children if c.dep_ == "appos")]
                 if (w := person_at(ctx, c)) is not None), None)


def _whose(ctx: Context, verb: Token) -> None:
    """ "The exhibition … is the committee's first in Georgia": the body whose event it is organises it."""
    event = ctx.thing(subject(verb)) if verb.lemma_.lower() == "be" else None
    if event is None or event.type not in EVENT_TYPES - {"Observance"}:
        return
    for attr in (c for c in verb.children if c.dep_ == "attr"):  # the parse hangs "'s" on the owner, or the owner on
        owners = [attr] if any(c.dep_ == "case" for c in attr.children) else [c for c in attr.children if c.dep_ == "poss"]
        for body in (t for c in owners if (t := ctx.thing(c)) is not None and t.type in BODIES):  # the thing owned
            ctx.r.fact(event, "organizer", body, ctx.s, "organised-by", 0.7)


def _under_way(ctx: Context, event: Thing) -> bool:
    """ "The congress began its work on Friday … It will run until Saturday": an event this article
    says began, on or before its date, is under way, not scheduled, whatever tense the rest is in."""
    today = ctx.r.article.published.isoformat()
    return any(f.subject == event.id and f.field == "startDate" and str(f.value) <= today
               and not is_planned(f.sentence.text) for f in ctx.r.facts)


def _founded(ctx: Context, verb: Token) -> None:
    """ "The committee had been established in 2008", "… was set up on November 19, 2008", "the
    Fund has existed since 2018": the body's founding date (an act that did it is read by ``_acts``)."""
    exists = verb.lemma_.lower() == "exist" and any(p == "since" for p, _ in preps(verb))
    if not exists and (not re.match(ESTABLISHES, particle(verb)) or not is_passive(verb)):
        return
    body = ctx.thing_or_appos(subject(verb))
    if body is None or body.type not in BODIES or any(ctx.thing(o) is not None and ctx.thing(o).type in
                                                      {"PresidentialDecree", "Law"} for _p, o in preps(verb)):
        return
    date = ctx.date_in(verb)
    if date is not None:
        ctx.r.fact(body, "foundingDate", date.value, ctx.s, "founded", 0.7, date.context)
        ctx.used.add(date.start)
