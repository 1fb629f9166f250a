"""Reported figures, attached through the parse to what they count and dated to the time they
describe.

``recognise.figures`` finds each figure with its hedge and the words it counts; the parse says
whose it is:
- the object of a gathering verb ("It gathered some 500 delegates and more than 100 guests")
  belongs to the verb's subject, the event;
- the subject of an attending verb ("Over 200 people … took part in it") to its object;
- "from N countries" under another figure counts where that figure's people came from; "in N
  countries" where they are;
- a count of a network ("31 Azerbaijani Houses", "nearly 470 diaspora organisations"), and
  "the number of X reached N", to the network;
- what a network did ("diaspora organisations held more than 150 events") to the network.
A figure about an event is dated to the event; else to the sentence's time. In a sentence that
announces a plan, a figure is an expected number.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.ingest.cues import day_count_time
from kg.ingest.names import head_type, slug
from kg.ingest.parse import is_passive, objects, particle, preps, subject
from kg.ingest.recognise import HEDGE_WORDS, NUMBER_WORDS, VALUE, Figure, figures, hedge_name
from kg.ingest.reference import ACT_TYPES, EVENT_TYPES
from kg.ingest.verbs import ATTEND, CONFER, GATHER, PARTICIPANTS

if TYPE_CHECKING:
    from kg.ingest.facts import Thing
    from kg.ingest.propose import Context

# The event verbs, and the verbs a figure of people takes only as counts: "the forum had 300 guests",
# "300 guests took part" (the bare lemma "take"), "300 delegates gathered in Baku".
GATHER_PEOPLE = GATHER | {"have", "include", "involve", "see"}
ATTEND_PEOPLE = ATTEND | {"take", "gather", "elect"}  # "N delegates were elected to the Congress"
PEOPLE_OF = {"representative", "member", "leader", "head", "delegate", "delegation", "activist"}  # people of N bodies
CELEBRATIONS = {"celebration", "observance", "festivity", "commemoration"}  # a day's, in N countries
GROWN = {"reach", "grow", "rise", "increase", "stand", "be", "total", "exceed", "pass", "surpass", "top"}  # "… reached N"
BEYOND = {"exceed", "pass", "surpass", "top"}  # "the number of X has passed 460": more than 460


def _token_at(ctx: Context, char: int) -> Token | None:
    return next((t for t in ctx.doc if t.idx <= char < t.idx + len(t.text)), None)


ASKED = re.compile(r"\bhow many\s+(?P<counted>[\w’' -]+?)\s+(?:are|were|is|was|do|does|did|have|has|will)\b", re.IGNORECASE)
ANSWER = re.compile(rf"^\W*(?:(?P<hedge>{HEDGE_WORDS})\s+)?(?P<number>\d{{1,3}}(?:,\d{{3}})+|\d+)\s*[,.!”\"]", re.IGNORECASE)


def _answered(ctx: Context) -> None:
    """ "How many diaspora organisations are there today?" "About 470," he replied: the answer is
    the count the question asked for, when the question named a network the graph holds."""
    asked, ctx.r.asked = ctx.r.asked, None
    m = ASKED.search(ctx.text)
    if m is not None and ctx.text.rstrip(" ”\"").endswith("?"):
        ctx.r.asked = m.group("counted")
        return
    answer = ANSWER.match(ctx.text) if asked else None
    network = ctx.r.identity.network(asked) if answer else None
    if network is not None:
        value = int(answer.group("number").replace(",", ""))
        stated = answer.group().strip(" \"“”,.!")
        _record(ctx, stated, value, hedge_name(answer.group("hedge")), ctx.r.known(network.id), f"number of {asked}")


def read(ctx: Context) -> None:
    _answered(ctx)
    if ctx.r.asked is not None:
        return  # a question states no figure ("How many … are there?" is no count of "many")
    for m in re.finditer(r"\b(?:up|down) from\b[^.;]{0,40}?\b(?:earlier|before|ago)\b", ctx.text, re.IGNORECASE):
        ctx.used |= {w.start for w in ctx.when if m.start() <= w.start < m.end()}  # the earlier count's time, not the now's
    taken = [(w.start, w.end_offset) for w in ctx.when]
    taken += [(x[0], x[1]) for x in ctx.at if x[2].type in EVENT_TYPES | {"EventSeries"}]
    about_of: dict[int, tuple[Thing, str]] = {}  # a figure's noun token -> (what it is about, what it counts)
    for f in figures(ctx.text, 0, taken):
        noun = _token_at(ctx, f.start + len(f.stated_as) - 1)
        if noun is None:
            continue
        got = _about(ctx, f, noun, about_of)
        if got is None:
            continue
        about, measured = got
        about_of[noun.i] = (about, f.counts)
        if about.type == "OrganizationNetwork":  # spoken of, for "such schools" after "60 weekend schools"
            ctx.r.memory.spoke_of(about.id, about.type)
        _record(ctx, f.stated_as, f.value, f.hedge, about, measured)
        _earlier(ctx, f, about, measured)
    _number_of(ctx)


_UNITS = {"year": 1, "years": 1, "decade": 10, "decades": 10}
EARLIER = re.compile(rf"^[^.;]{{0,20}}?\b(?:up|down) from (?:(?P<hedge>{HEDGE_WORDS})\s+)?(?P<number>\d{{1,3}}(?:,\d{{3}})+|\d+)\s+"
                     r"(?:in (?P<year>(?:19|20)\d{2})|(?P<n>a|\w+|\d{1,2})\s+(?P<unit>years?|decades?)\s+"
                     r"(?:earlier|before|ago))\b", re.IGNORECASE)


def _earlier(ctx: Context, f: Figure, about: Thing, measured: str) -> None:
    """ "about 430 diaspora organizations, up from 200 a decade earlier": the same count at the
    earlier time, that year (read from context)."""
    m = EARLIER.match(ctx.text[f.end:])
    if m is None:
        return
    if m.group("year"):
        when, how = m.group("year"), None
    else:
        word = m.group("n").lower()
        n = 1 if word == "a" else NUMBER_WORDS.get(word) or (int(word) if word.isdigit() else None)
        if not n:
            return
        base = int(ctx.time()[0][:4])
        when = str(base - n * _UNITS[m.group("unit").lower()])
        how = f"“{m.group('n')} {m.group('unit')} earlier” than {base}"
    stated = ctx.text[f.end + m.start("number"):f.end + m.end()]
    _record(ctx, f"{f.counts} {stated}", int(m.group("number").replace(",", "")), hedge_name(m.group("hedge")), about,
            measured, (when, how))


def _number_of(ctx: Context) -> None:
    """ "The number of Azerbaijani Houses (abroad) has reached 15": a figure about the network the
    subject names, read from the parse; the value is what the verb reaches."""
    for tok in ctx.doc:
        verb = tok.head
        if tok.lower_ != "number" or tok.dep_ not in ("nsubj", "nsubjpass") or verb.lemma_.lower() not in GROWN:
            continue
        of = next((o for p, o in preps(tok) if p == "of"), None)
        if of is None:
            continue
        thing = ctx.thing(of)
        words = " ".join(t.text for t in of.lefts if t.dep_ in ("compound", "amod")) + " " + of.text
        known = ctx.r.identity.network(words.strip()) if thing is None else None
        network = ctx.r.known(known.id) if known is not None else thing
        after = ctx.text[verb.idx + len(verb.text):]
        m = VALUE.match(after)
        if network is None or network.type != "OrganizationNetwork" or m is None:
            continue
        stated = ctx.text[tok.idx:verb.idx + len(verb.text) + m.end()]
        hedge = hedge_name(m.group("hedge"))
        hedge = "more-than" if hedge == "exact" and verb.lemma_.lower() in BEYOND else hedge
        _record(ctx, stated[0].lower() + stated[1:], int(m.group("number").replace(",", "")), hedge, network,
                f"number of {words.strip()}")


def _about(ctx: Context, f: Figure, noun: Token, about_of) -> tuple[Thing, str] | None:
    r = ctx.r
    counts = f.counts.lower()
    head = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "total":
        head = noun.head.head  # "A total of 1,272 delegates came to …": the count stands where "total" does
    while head.dep_ == "conj" and head.head.i != head.i:
        if head.head.i in about_of:
            return about_of[head.head.i][0], f"number of {f.counts}"
        head = head.head
    if head.dep_ == "pobj" and counts.split()[-1].startswith("countr"):  # "from 20 (European) countries"
        parent = head.head.head  # "delegates from 50 countries": from → delegates
        who = _people(parent)
        if parent.i in about_of:
            about, theirs = about_of[parent.i]
            if head.head.lower_ == "from":
                return about, f"number of countries the {theirs} came from"
            return about, f"number of countries ({head.head.lower_} which the {theirs})"
        among = parent.head if parent.dep_ == "pobj" and parent.head.lower_ in ("among", "including") else None
        if among is not None and head.head.lower_ == "from" and _one_of(among.head, ATTEND_PEOPLE):
            counted = subject(among.head)  # "About 2,000 guests, among them activists from 30 countries, attended E"
            event = about_of[counted.i][0] if counted is not None and counted.i in about_of else _event_object(ctx, among.head)
            if event is not None and event.type in EVENT_TYPES:
                return event, f"number of countries the {who} came from"
        people = parent
        while people.dep_ == "pobj" and people.head.lower_ == "of" and people.head.head.lemma_.lower() in PEOPLE_OF:
            people = people.head.head  # "Heads of councils from 20 countries are expected to attend": the heads
        if head.head.lower_ in ("from", "of") and people.pos_ in ("NOUN", "PROPN") and people.dep_ in ("nsubj", "nsubjpass"):
            verb = _attending(people.head)  # "Participants from 40 countries attended the forum"
            if _one_of(verb, ATTEND_PEOPLE):
                target = _event_object(ctx, verb) or ctx.subject or (r.last(EVENT_TYPES - {"Observance"}) if ctx.planned
                                                                     else None)  # "… are expected to join"
                if target is not None and target.type in EVENT_TYPES:
                    return target, f"number of countries the {_people(people)} came from"
        if head.head.lower_ in ("from", "of") and parent.dep_ == "pobj" and parent.head.dep_ == "agent" and \
                _one_of(parent.head.head, ATTEND_PEOPLE):  # "The meeting was attended by representatives of 12 countries"
            event = ctx.thing(subject(parent.head.head))
            if event is not None and event.type in EVENT_TYPES:
                return event, f"number of countries the {who} came from"
        if head.head.lower_ == "from":  # "The Congress brought together (diaspora) representatives from 65 countries"
            gathering = parent.head if parent.pos_ in ("NOUN", "PROPN") and parent.dep_ == "dobj" else parent
            people = parent if gathering is not parent else next((c for c in gathering.children if c.dep_ == "dobj"), None)
            if people is not None and _one_of(gathering, GATHER_PEOPLE):
                event = ctx.thing(subject(gathering))
                if event is not None and event.type in EVENT_TYPES:
                    return event, f"number of countries the {people.lower_} came from"
        verb = parent if parent.pos_ in ("VERB", "AUX") or any(c.dep_ == "nsubj" for c in parent.children) else None  # "… work" tagged a noun
        if verb is not None and head.head.lower_ == "from" and _one_of(verb, ATTEND_PEOPLE):
            people = subject(verb)  # "Its delegates came from 36 countries": the event whose delegates they are
            owner = next((ctx.thing(c) for c in people.children if c.dep_ == "poss"), None) if people is not None else None
            owner = owner or next((ctx.thing(o) for p, o in preps(people) if p == "of"), None) if people is not None else owner
            owner = owner or next((t for p, o in preps(verb) if p in ("to", "for") and (t := ctx.thing(o)) is not None
                                   and t.type in EVENT_TYPES), None)  # "Delegates came to the Congress from 36 countries"
            if owner is not None and owner.type in EVENT_TYPES:
                return owner, f"number of countries the {_people(people)} came from"
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
        doer = (ctx.thing(subject(verb)) or _network_token(ctx, subject(verb))) if verb is not None else None
        if doer is not None and doer.type == "OrganizationNetwork" and head.head.lower_ == "in":
            return doer, f"number of countries in which the {doer.label} {verb.lemma_.lower()}"  # "Houses work in 25 countries"
        if verb is not None:
            for tok in [*verb.children, *(g for c in verb.children if c.dep_ == "agent" for g in c.children)]:
                if tok.i in about_of:
                    about, theirs = about_of[tok.i]
                    return about, f"number of countries ({head.head.lower_} which the {theirs})"
        return None
    if head.dep_ == "nsubj" and counts.split()[-1].startswith("countr") and head.head.lemma_.lower() == "send":
        event = next((t for p, o in preps(head.head) if p in ("to", "for") and (t := ctx.thing(o)) is not None
                      and t.type in EVENT_TYPES), None)  # "Some 65 countries sent delegates to the Congress"
        if event is not None:
            return event, f"number of countries the {next((o.lower_ for o in objects(head.head)), 'people')} came from"
    if head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.lemma_.lower() in CONFER:
        verb = head.head.head  # "presented the medal to 25 compatriots at a ceremony": the ceremony's recipients
        event = next((t for p, o in preps(verb) if p == "at" and (t := ctx.thing(o)) is not None and t.type in EVENT_TYPES),
                     None)
        if event is not None:
            return event, f"number of {f.counts} it was {verb.text.lower()} to"
    if head.dep_ == "pobj" and head.head.lower_ == "by" and head.head.dep_ == "agent":
        verb = head.head.head  # "It was attended by some 1,200 delegates", "… was joined by 120 participants"
        if _one_of(verb, ATTEND_PEOPLE):
            event = ctx.thing(subject(verb))
            if event is not None and event.type in EVENT_TYPES:
                return event, f"number of {f.counts}"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.dep_ == "dobj":
        holder = head.head.head  # "brought together representatives of 14 coordination councils"
        verb = holder.head
        event = ctx.thing(subject(verb)) if _one_of(verb, GATHER_PEOPLE) else None
        if event is not None and event.type in EVENT_TYPES:
            return event, f"number of {f.counts} whose {holder.lower_} it gathered"
    if head.dep_ in ("nsubjpass", "dobj") and head.head.lemma_.lower() == "expect" and ctx.planned and \
            not any(c.dep_ == "xcomp" and not any(a.dep_ == "auxpass" for a in c.children) for c in
                    head.head.children):  # "Organisers expect about 1,000 visitors"; "… are expected at the event,
        # to be held at …" (the event is held; "are expected to attend" is another rule's)
        target = ctx.subject or r.last(EVENT_TYPES - {"Observance"})  # "More than 500 delegates … are expected."
        if target is not None and target.type in EVENT_TYPES and r.identity.network(f.counts) is None:
            return target, f"number of {f.counts}"
    if head.dep_ == "nsubj" and head.head.dep_ == "pcomp" and head.head.head.lower_ == "with" and \
            _one_of(head.head, ATTEND_PEOPLE | {"involve"}):  # "events took place in 64 countries, with more than 700
        main = head.head.head.head  # organisations involved": whom the main clause's account is of, the Day's or an event's
        clauses = [main, *(c for c in main.children if c.dep_ == "ccomp")]  # the parse may hang "with" on "said"
        for tok in (t for m in clauses for t in m.children if t.dep_ == "prep" and t.i != head.head.head.i):
            for o in (c for c in tok.children if c.dep_ == "pobj" and c.i in about_of):
                return about_of[o.i][0], f"number of {f.counts} taking part"
        event = ctx.thing(subject(main))
        if event is not None and event.type in EVENT_TYPES:
            return event, f"number of {f.counts} taking part"
    if head.dep_ == "pobj" and head.head.lower_ == "with":  # "convened …, with some 1,200 delegates"
        event = ctx.thing(subject(head.head.head)) if head.head.head.pos_ in ("VERB", "AUX") else None
        if event is not None and event.type in EVENT_TYPES:
            return event, f"number of {f.counts}"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in PEOPLE_OF:
        people = head.head.head  # "Representatives of 17 coordination councils attended": the event's
        verb = _attending(people.head)
        if people.dep_ in ("nsubj", "nsubjpass") and (_one_of(verb, ATTEND_PEOPLE)):
            target = _event_object(ctx, verb) or ctx.subject or r.last(EVENT_TYPES - {"Observance"})
            if target is not None and target.type in EVENT_TYPES:
                return target, f"number of {f.counts} whose {people.lower_} attended"
        signer = people.head.head if people.dep_ == "pobj" and people.head.dep_ == "agent" else None
        act = ctx.thing(subject(signer)) if signer is not None and signer.lemma_.lower() in ("sign", "endorse") else None
        if act is not None and act.type in ACT_TYPES:  # "the Charter was signed by representatives of over 100 organisations"
            return act, f"number of {f.counts} whose {people.lower_} {signer.text.lower()} it"
        return None  # "met representatives of 20 Azerbaijani organizations": those met, not the network's count
    verb = _attending(head.head) if head.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") else None
    network = r.identity.network(f.counts)
    if verb is not None:
        if head.dep_ == "dobj" and _one_of(verb, GATHER_PEOPLE):
            about = ctx.thing(subject(verb))
            if about is not None and about.type in EVENT_TYPES:
                return about, f"number of {f.counts}"
        if head.dep_ == "dobj" and verb.lemma_.lower() in ("hold", "organise", "organize", "stage"):
            doer = ctx.thing(subject(verb)) or _network_token(ctx, subject(verb))
            if doer is not None and doer.type == "OrganizationNetwork":
                return doer, f"number of {f.counts} held by the {doer.label}"
        there = verb.lemma_.lower() == "be" and any(c.lower_ == "there" for c in verb.children)  # "N delegates were there"
        if head.dep_ in ("nsubj", "nsubjpass") and (_one_of(verb, ATTEND_PEOPLE) or there) and network is None:
            target = _event_object(ctx, verb) or ctx.subject
            if target is None and not any(c.dep_ in ("dobj", "prep") and c.lower_ != "part" for c in verb.children):
                target = r.last(EVENT_TYPES - {"Observance"})  # "… are expected to attend": the event announced
            if target is not None and target.type in EVENT_TYPES:
                return target, f"number of {f.counts}"
    if head.dep_ == "nsubj" and head.lemma_.lower() in PARTICIPANTS and network is None and head.head.pos_ == "VERB":
        target = ctx.subject or r.last(EVENT_TYPES - {"Observance"})  # "Over the two days, some 500 delegates discussed …"
        if target is not None and target.type in EVENT_TYPES:
            return target, f"number of {f.counts}"
    if network is not None:
        return r.known(network.id), f"number of {f.counts}"
    if head_type(f.counts) == "OrganizationNetwork":  # "over 90 weekend schools" the graph does not hold yet
        about = r.named(f.counts[0].upper() + f.counts[1:], "OrganizationNetwork", "figure", ctx.s)
        founder = re.search(r"\bhas (?:established|set up|opened|founded)\b", ctx.text[:f.start])
        country = next((x[2] for x in ctx.at if x[2].type == "Country" and founder and x[1] <= founder.start()), None)
        if country is not None:
            r.fact(about, "establishedIn", country, ctx.s, "established", 0.6)
        return about, f"number of {f.counts}"
    return None


def _one_of(verb: Token, verbs: set[str]) -> bool:
    """Whether the verb, with its particle ("take part") or bare ("take"), is one of ``verbs``."""
    return particle(verb) in verbs or verb.lemma_.lower() in verbs


def _attending(verb: Token) -> Token:
    """The verb a plan's figure hangs on: "are expected to attend" is "attend"."""
    if verb.lemma_.lower() in ("expect", "plan", "schedule"):
        return next((c for c in verb.children if c.dep_ == "xcomp"), verb)
    return verb


def _people(tok: Token) -> str:
    """The word for the people a figure's clause speaks of: "delegates", and for "a total of 1,272
    delegates", "delegates" too."""
    return next((o.lower_ for p, o in preps(tok) if p == "of"), "people") if tok.lower_ == "total" else tok.lower_


def _network_token(ctx: Context, tok: Token | None) -> Thing | None:
    if tok is None:
        return None
    words = " ".join(t.text for t in tok.subtree)  # "coordination councils of Azerbaijanis": the network, whoever's
    held = ctx.r.identity.network(words) or ctx.r.identity.network(
        " ".join(t.text for t in [*(c for c in tok.lefts if c.dep_ in ("compound", "amod")), tok]))
    return ctx.r.known(held.id) if held else None


def _event_object(ctx: Context, verb: Token) -> Thing | None:
    for tok in verb.subtree:
        thing = ctx.thing(tok)
        if thing is not None and thing.type in EVENT_TYPES and tok.i != verb.i and tok.dep_ in ("dobj", "pobj"):
            return thing
    return None


def _record(ctx: Context, stated: str, value: int | None, hedge: str, about: Thing, measured: str,
            at: tuple[str, str | None] | None = None) -> None:
    r, s = ctx.r, ctx.s
    if at is not None:
        when, how = at
    elif about.type in EVENT_TYPES | ACT_TYPES:  # an act's signatories: as of its date
        got = r.date_of(about, "startDate" if about.type in EVENT_TYPES else "legislationDate")
        when, how = got if got else ctx.time()
        if got and not how:
            how = f"the date of the {about.label}, which the figure is about"
    elif about.type == "CommemorativeDay":
        when, how = day_count_time(ctx, about)
    else:
        when, how = ctx.time()
    if ctx.planned:
        measured = "expected " + measured
    counted = "" if slug(measured.replace("number of ", "")) in about.id else slug(measured.replace("number of ", ""))
    base = "-".join(x for x in (slug(f"stat {about.id}")[:50].strip("-"), counted[:30].strip("-"), when) if x)
    rid, n = base, 1
    while rid in r.figure_ids:  # two figures never merge into one record
        n += 1
        rid = f"{base}-{n}"
    r.figure_ids.add(rid)
    stat = r.new(f"{stated[0].upper()}{stated[1:]} ({about.label}, {when})", "StatisticalObservation", "figure", s, rid=rid)
    r.fact(stat, "observationAbout", about, s, "figure", 0.7)
    r.fact(stat, "variableMeasured", measured, s, "figure", 0.6)
    if value is not None:
        r.fact(stat, "statedValue", value, s, "figure", 0.9)
    r.fact(stat, "hedge", hedge, s, "figure", 0.9)
    r.fact(stat, "statedAs", stated, s, "figure", 0.9)
    r.fact(stat, "observationDate", when, s, "figure", 0.8, how)
