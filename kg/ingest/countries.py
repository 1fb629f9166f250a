"""Where a figure of countries belongs, read from the parse: "delegates from 50 countries" to the
event the delegates came to, "the Day is marked in 70 countries" to the day, "weekend schools in 22
countries" to the network, "Azerbaijanis now live in more than 70 countries" to the diaspora.
``counts`` reads the figures; this decides, for one whose noun is "countries", what it is about
and what it measures. Split out of ``counts`` to keep each module of the reader at most 400 lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.ingest.parse import is_passive, objects, particle, preps, subject
from kg.ingest.reference import EVENT_TYPES
from kg.ingest.verbs import ATTEND, GATHER

if TYPE_CHECKING:
    from kg.ingest.facts import Thing
    from kg.ingest.propose import Context

# The event verbs, and the verbs a figure of people takes only as counts: "the forum had 300 guests",
# "300 guests took part" (the bare lemma "take"), "300 delegates gathered in Baku".
GATHER_PEOPLE = GATHER | {"have", "include", "involve", "see"}
ATTEND_PEOPLE = ATTEND | {"take", "gather", "elect", "invite"}  # "N delegates were elected (invited) to the Congress"
PEOPLE_OF = {"representative", "member", "leader", "head", "delegate", "delegation", "activist"}  # people of N bodies
CELEBRATIONS = {"celebration", "observance", "festivity", "commemoration"}  # a day's, in N countries


def of_countries(ctx: Context, head: Token, about_of: dict[int, tuple[Thing, str]]) -> tuple[Thing, str] | None:
    """(what a figure of countries is about, what it measures), or None; ``head`` is the
    preposition's object ("from 20 countries"), ``about_of`` the sentence's figures read so far."""
    r = ctx.r
    parent = head.head.head  # "delegates from 50 countries": from → delegates
    who = people_word(parent)
    if parent.i in about_of:
        about, theirs = about_of[parent.i]
        if head.head.lower_ == "from":
            return about, f"number of countries the {theirs} came from"
        return about, f"number of countries ({head.head.lower_} which the {theirs})"
    among = parent.head if parent.dep_ == "pobj" and parent.head.lower_ in ("among", "including") else None
    if among is not None and head.head.lower_ == "from" and one_of(among.head, ATTEND_PEOPLE):
        counted = subject(among.head)  # "About 2,000 guests, among them activists from 30 countries, attended E"
        event = about_of[counted.i][0] if counted is not None and counted.i in about_of else event_object(ctx, among.head)
        if event is not None and event.type in EVENT_TYPES:
            return event, f"number of countries the {who} came from"
    people = parent
    while people.dep_ == "pobj" and people.head.lower_ == "of" and people.head.head.lemma_.lower() in PEOPLE_OF:
        people = people.head.head  # "Heads of councils from 20 countries are expected to attend": the heads
    acl = parent.head if parent.dep_ == "dobj" else parent  # the parse hangs the countries on either
    representing = acl.dep_ == "acl" and acl.lemma_.lower() == "represent" and head.head.lower_ in ("in", "from")
    if representing:  # "500 delegates representing diaspora organisations in 49 countries took part": the delegates'
        people = acl.head
    if (head.head.lower_ in ("from", "of") or representing) and people.pos_ in ("NOUN", "PROPN") and \
            people.dep_ in ("nsubj", "nsubjpass"):
        verb = attending(people.head)  # "Participants from 40 countries attended the forum"
        if one_of(verb, ATTEND_PEOPLE):
            bare = ctx.planned or not aims_elsewhere(verb)  # "… are expected to join"; "… took part"
            target = event_object(ctx, verb) or ctx.subject or (r.last(EVENT_TYPES - {"Observance"}) if bare else None)
            if target is not None and target.type in EVENT_TYPES:
                return target, f"number of countries the {people_word(people)} came from"
    if head.head.lower_ in ("from", "of") and parent.dep_ == "pobj" and parent.head.dep_ == "agent" and \
            one_of(parent.head.head, ATTEND_PEOPLE):  # "The meeting was attended by representatives of 12 countries"
        event = ctx.thing(subject(parent.head.head))
        if event is not None and event.type in EVENT_TYPES:
            return event, f"number of countries the {who} came from"
    if head.head.lower_ == "from":  # "The Congress brought together (diaspora) representatives from 65 countries"
        gathering = parent.head if parent.pos_ in ("NOUN", "PROPN") and parent.dep_ == "dobj" else parent
        people = parent if gathering is not parent else next((c for c in gathering.children if c.dep_ == "dobj"), None)
        if people is not None and one_of(gathering, GATHER_PEOPLE):
            event = ctx.thing(subject(gathering))
            if event is not None and event.type in EVENT_TYPES:
                return event, f"number of countries the {people.lower_} came from"
    verb = parent if parent.pos_ in ("VERB", "AUX") or any(c.dep_ == "nsubj" for c in parent.children) else None  # "… work" tagged a noun
    if verb is not None and head.head.lower_ == "from" and one_of(verb, ATTEND_PEOPLE):
        people = subject(verb)  # "Its delegates came from 36 countries": the event whose delegates they are
        owner = next((ctx.thing(c) for c in people.children if c.dep_ == "poss"), None) if people is not None else None
        owner = owner or next((ctx.thing(o) for p, o in preps(people) if p == "of"), None) if people is not None else owner
        owner = owner or next((t for p, o in preps(verb) if p in ("to", "for") and (t := ctx.thing(o)) is not None
                               and t.type in EVENT_TYPES), None)  # "Delegates came to the Congress from 36 countries"
        if owner is not None and owner.type in EVENT_TYPES:
            return owner, f"number of countries the {people_word(people)} came from"
    day = ctx.thing(subject(verb)) if verb is not None and verb.lemma_.lower() in ("mark", "celebrate", "observe") else None
    if day is not None and day.type == "CommemorativeDay" and head.head.lower_ == "in":
        return day, f"number of countries in which it is {verb.text.lower()}"  # "the day is marked in 70 countries"
    if head.head.lower_ == "in" and parent.lemma_.lower() in CELEBRATIONS:  # "reported celebrations in 70 countries"
        day = r.last({"CommemorativeDay"})
        if day is not None:
            return day, "number of countries in which it is celebrated"
    if head.head.lower_ == "in" and verb is not None and particle(verb) in ("hold", "organise", "organize", "stage",
                                                                            "take place"):
        unsaid = is_passive(verb) and not any(p == "by" for p, _ in preps(verb)) or particle(verb) == "take place"
        # "events were held in 40 countries", "events took place in 64 countries": by whom, unsaid
        events = [o for o in [*objects(verb), *([subject(verb)] if unsaid else [])]
                  if o is not None and o.lemma_.lower() in ("event", *CELEBRATIONS)]
        day = next((t for p, o in preps(verb) if p in ("for", "on") and (t := ctx.thing(o)) is not None
                    and t.type == "CommemorativeDay"), None) if events else None  # "held events for the day in …"
        if events and unsaid:  # "Events marking the Day were held …", "This year events were held …": the Day spoken of
            day = day or next((t for o in events for x in o.subtree if (t := ctx.thing(x)) is not None
                               and t.type == "CommemorativeDay"), None) or r.last({"CommemorativeDay"})
        if day is not None:
            return day, "number of countries in which it is marked"
    marking = parent.head if parent.dep_ == "nsubj" and head.head.lower_ == "in" else None
    if marking is not None and marking.lemma_.lower() in ("mark", "celebrate", "observe"):
        day = next((t for o in objects(marking) if (t := ctx.thing(o)) is not None and t.type == "CommemorativeDay"),
                   None)  # "Azerbaijanis in more than 70 countries marked the Day"
        if day is not None:
            return day, f"number of countries in which it is {marking.text.lower()}"
    if head.head.lower_ == "in" and parent.pos_ in ("NOUN", "PROPN"):  # "… and weekend schools in 22 countries"
        words = " ".join(t.text for t in [*(c for c in parent.lefts if c.dep_ in ("compound", "amod")), parent])
        network = r.identity.network(words)
        held = ctx.thing(parent) or (r.known(network.id) if network is not None else None)
        if held is not None and held.type == "OrganizationNetwork":
            return held, f"number of countries with {held.label}"
    living = verb is not None and verb.lemma_.lower() in ("live", "reside") and subject(verb) is not None
    group = (ctx.thing(subject(verb)) or next((r.known(i) for m in r.g.find("compatriots") for i in m.ids), None)
             if living and subject(verb).lower_ in ("azerbaijanis", "compatriots") else None)
    if group is not None and group.type == "Group" and head.head.lower_ == "in":  # "Azerbaijanis now live in 70 countries"
        return group, "number of countries in which Azerbaijanis live"
    doer = (ctx.thing(subject(verb)) or network_token(ctx, subject(verb))) if verb is not None else None
    if doer is not None and doer.type == "OrganizationNetwork" and head.head.lower_ == "in":
        return doer, f"number of countries in which the {doer.label} {verb.lemma_.lower()}"  # "Houses work in 25 countries"
    if verb is not None:
        for tok in [*verb.children, *(g for c in verb.children if c.dep_ == "agent" for g in c.children)]:
            if tok.i in about_of:
                about, theirs = about_of[tok.i]
                return about, f"number of countries ({head.head.lower_} which the {theirs})"
    return None


def one_of(verb: Token, verbs: set[str]) -> bool:
    """Whether the verb, with its particle ("take part") or bare ("take"), is one of ``verbs``."""
    return particle(verb) in verbs or verb.lemma_.lower() in verbs


def attending(verb: Token) -> Token:
    """The verb a plan's figure hangs on: "are expected to attend" is "attend", "are to be invited"
    "invite"."""
    if verb.lemma_.lower() in ("expect", "plan", "schedule") or verb.lemma_.lower() == "be" and any(
            c.dep_ == "aux" and c.lower_ == "to" for x in verb.children if x.dep_ == "xcomp" for c in x.children):
        return next((c for c in verb.children if c.dep_ == "xcomp"), verb)
    return verb


def people_word(tok: Token) -> str:
    """The word for the people a figure's clause speaks of: "delegates", and for "a total of 1,272
    delegates", "delegates" too."""
    return next((o.lower_ for p, o in preps(tok) if p == "of"), "people") if tok.lower_ == "total" else tok.lower_


def network_token(ctx: Context, tok: Token | None) -> Thing | None:
    if tok is None:
        return None
    words = " ".join(t.text for t in tok.subtree)  # "coordination councils of Azerbaijanis": the network, whoever's
    held = ctx.r.identity.network(words) or ctx.r.identity.network(
        " ".join(t.text for t in [*(c for c in tok.lefts if c.dep_ in ("compound", "amod")), tok]))
    return ctx.r.known(held.id) if held else None


# Words an attending verb may have that name no other event it was at: "took part", "attended lectures",
# "Over ten days, …", "…, according to Y"
_NOT_ELSEWHERE = {"part", "according", "over", "during", "lecture", "lectures", "class", "classes", "course", "courses",
                  "workshop", "workshops"}


def aims_elsewhere(verb: Token) -> bool:
    """Whether an attending verb has an object or a preposition of its own ("attended the forum",
    "came to Baku"): without one, the people attended the event just told."""
    return any(c.dep_ in ("dobj", "prep") and c.lower_ not in _NOT_ELSEWHERE for c in verb.children)


def event_object(ctx: Context, verb: Token) -> Thing | None:
    for tok in verb.subtree:
        thing = ctx.thing(tok)
        if thing is not None and thing.type in EVENT_TYPES and tok.i != verb.i and tok.dep_ in ("dobj", "pobj"):
            return thing
    return None
