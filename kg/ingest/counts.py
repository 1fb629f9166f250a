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

from kg.ingest.countries import (
    ATTEND_PEOPLE,
    GATHER_PEOPLE,
    PEOPLE_OF,
    aims_elsewhere,
    attending,
    event_object,
    network_token,
    of_countries,
    one_of,
)
from kg.ingest.cues import day_count_time
from kg.ingest.names import head_type, slug
from kg.ingest.parse import objects, preps, subject
from kg.ingest.recognise import HEDGE_WORDS, NUMBER_WORDS, VALUE, Figure, figures, hedge_name
from kg.ingest.reference import ACT_TYPES, EVENT_TYPES
from kg.ingest.timing import tenure
from kg.ingest.verbs import CONFER, HOLD, PARTICIPANTS

if TYPE_CHECKING:
    from kg.ingest.facts import Thing
    from kg.ingest.propose import Context

GROWN = {"reach", "grow", "rise", "increase", "stand", "be", "total", "exceed", "pass", "surpass", "top"}  # "… reached N"
BEYOND = {"exceed", "pass", "surpass", "top"}  # "the number of X has passed 460": more than 460


def _token_at(ctx: Context, char: int) -> Token | None:
    return next((t for t in ctx.doc if t.idx <= char < t.idx + len(t.text)), None)


ASKED = re.compile(r"\bhow many\s+(?P<counted>[\w’' -]+?)(?:\s+(?:are|were|is|was|do|does|did|have|has|will)\b|\s*\?)",
                   re.IGNORECASE)  # "How many X are there?", "And how many Azerbaijani Houses?"
_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
ANSWER = re.compile(rf"^\W*(?:(?P<hedge>{HEDGE_WORDS})\s+)?(?P<number>\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORDS})\s*[,.!”\"]",
                    re.IGNORECASE)  # "About 470," he replied; "- Seventeen."


def _answered(ctx: Context) -> None:
    """ "How many diaspora organisations are there today?" "About 470," he replied: the answer is
    the count the question asked for, when the question named a network the graph holds."""
    asked, ctx.r.asked = ctx.r.asked, None
    m = ASKED.search(ctx.text)
    if m is not None and ctx.text.rstrip(" ”\"").endswith("?"):
        many = next((t for t in ctx.doc if t.lower_ == "many" and t.idx >= m.start()), None)
        noun = many.head if many is not None and many.head.pos_ in ("NOUN", "PROPN") else None  # "How many X of
        ctx.r.asked = ctx.doc[many.i + 1:noun.i + 1].text if noun and noun.i > many.i else m.group("counted")  # Y …?"
        return
    answer = ANSWER.match(ctx.text) if asked else None
    network = ctx.r.identity.network(asked) if answer else None
    if network is not None:
        number = answer.group("number").lower()
        value = NUMBER_WORDS[number] if number in NUMBER_WORDS else int(number.replace(",", ""))
        stated = answer.group().strip(" \"“”,.!-–—")  # "- Seventeen." as "Seventeen"
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
        _record(ctx, f.stated_as, f.value, f.hedge, about, measured,
                tenure(ctx, f.start) if about.type == "OrganizationNetwork" else None)
        _earlier(ctx, f, about, measured)
    _elliptic(ctx, about_of)
    _number_of(ctx)
    _from_to(ctx)


def _elliptic(ctx: Context, about_of: dict[int, tuple[Thing, str]]) -> None:
    """ "… there were 18 Azerbaijani Houses abroad. Today there are 20": a bare number after "there
    is" counts what the sentence's last figure of the same shape counted, at its own clause's time."""
    for tok in ctx.doc:
        verb = tok.head
        there = next((c for c in verb.children if c.dep_ == "expl"), None) or (  # "by the time he left there were":
            ctx.doc[verb.i - 1] if verb.i > 0 and ctx.doc[verb.i - 1].lower_ == "there" else None)  # the parse's "left there"
        if tok.dep_ != "attr" or verb.lemma_.lower() != "be" or there is None or \
                not re.fullmatch(r"\d{1,3}(?:,\d{3})*", tok.text):
            continue
        before = [i for i in about_of if i < tok.i and ctx.doc[i].head.lemma_.lower() in ("be", "know")]
        hedged = VALUE.match(ctx.text[min([tok.idx, *(c.idx for c in tok.lefts if c.dep_ in ("amod", "quantmod"))]):])
        if before and hedged is not None:  # "… 200 organisations were known …; … there were more than 450"
            about, counts = about_of[before[-1]]
            w = ctx.date_in(verb)
            _record(ctx, ctx.text[there.idx:tok.idx + len(tok.text)], int(tok.text.replace(",", "")),
                    hedge_name(hedged.group("hedge")), about, f"number of {counts}",
                    (w.value, w.context) if w else tenure(ctx, tok.idx))


_UNITS = {"year": 1, "years": 1, "decade": 10, "decades": 10}
_N = r"\d{1,3}(?:,\d{3})+|\d+"  # a number written in digits
EARLIER = re.compile(rf"^[^.;]{{0,20}}?\b(?:up|down) from (?:(?P<hedge>{HEDGE_WORDS})\s+)?(?P<number>{_N})\s+"
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
        brought = tok.dep_ == "dobj" and verb.lemma_.lower() in ("bring", "raise", "increase")  # "…, bringing the
        if tok.lower_ != "number" or not brought and (tok.dep_ not in ("nsubj", "nsubjpass") or  # number of such
                                                      verb.lemma_.lower() not in GROWN):  # houses abroad to 28"
            continue
        of = next((o for p, o in preps(tok) if p == "of"), None)
        if of is None:
            continue
        network, words = _network_of(ctx, of)
        to = next((o for p, o in preps(verb) if p == "to"), None) if brought else None
        start = to.idx if to is not None else len(ctx.text) if brought else verb.idx + len(verb.text)
        m = VALUE.match(ctx.text[start:])
        if network is None or m is None:
            continue
        stated = ctx.text[tok.idx:start + m.end()]
        hedge = hedge_name(m.group("hedge"))
        hedge = "more-than" if hedge == "exact" and verb.lemma_.lower() in BEYOND else hedge
        _record(ctx, stated[0].lower() + stated[1:], int(m.group("number").replace(",", "")), hedge, network,
                f"number of {words}")


def _network_of(ctx: Context, of: Token) -> tuple[Thing | None, str]:
    """The network a noun names ("(such) Azerbaijani Houses", "coordination councils"), the article's
    or the graph's, or None; and the noun's words."""
    words = " ".join(t.text for t in [*(t for t in of.lefts if t.dep_ in ("compound", "amod") and t.lower_ != "such"),
                                      of])
    known = ctx.r.identity.network(words) if ctx.thing(of) is None else None
    network = ctx.r.known(known.id) if known is not None else ctx.thing(of)
    return (network if network is not None and network.type == "OrganizationNetwork" else None), words


FROM_TO = re.compile(rf"\s+(?P<from>from (?:(?P<h1>{HEDGE_WORDS})\s+)?(?P<a>{_N})(?: in (?P<y1>(?:19|20)\d\d))?) "
                     rf"(?P<to>to (?:(?P<h2>{HEDGE_WORDS})\s+)?(?P<b>{_N})(?: in (?P<y2>(?:19|20)\d\d))?)\b")
RISEN = {"grow", "rise", "increase", "climb", "go", "fall", "drop"}
SAME_YEARS = re.compile(r"\b(?:over|in|during) (?:the same|those) (?:years|period|time)\b", re.IGNORECASE)


def _from_to(ctx: Context) -> None:
    """ "The network of Azerbaijani Houses has grown from 3 in 2009 to 24 in 2021": two counts of
    the network, each at its year; "Over the same years the number of councils rose from 5 to 15":
    at the years the sentence before gave (read from context)."""
    for verb in ctx.doc:
        m = FROM_TO.match(ctx.text[verb.idx + len(verb.text):]) if verb.lemma_.lower() in RISEN else None
        subj = subject(verb) if m else None
        of = next((o for p, o in preps(subj) if p == "of"), None) if subj is not None and subj.lower_ in (
            "number", "network", "count") else subj
        network, words = _network_of(ctx, of) if m is not None and of is not None else (None, "")
        if network is None:
            continue
        years, how = (m.group("y1"), m.group("y2")), None
        if not all(years) and ctx.r.span and SAME_YEARS.search(ctx.text):
            years, how = ctx.r.span, f"the years the sentence before gave ({ctx.r.span[0]} and {ctx.r.span[1]})"
        elif all(years):
            ctx.r.span = years
        for part, value, hedge, year in (("from", "a", "h1", years[0]), ("to", "b", "h2", years[1])):
            if year:
                _record(ctx, m.group(part), int(m.group(value).replace(",", "")), hedge_name(m.group(hedge)), network,
                        f"number of {words}", (year, how))


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
        return of_countries(ctx, head, about_of)
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
    if head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.lower_ == "open" and head.head.head.dep_ == "acomp":
        event = ctx.thing(subject(head.head.head.head))  # "The camp … is open to about 80 participants"
        if event is not None and event.type in EVENT_TYPES:
            return event, f"number of {f.counts} it is open to"
    if head.dep_ == "pobj" and head.head.lower_ == "by" and head.head.dep_ == "agent":
        verb = head.head.head  # "It was attended by some 1,200 delegates", "… was joined by 120 participants"
        if one_of(verb, ATTEND_PEOPLE):
            event = ctx.thing(subject(verb))
            if event is not None and event.type in EVENT_TYPES:
                return event, f"number of {f.counts}"
            if event is not None and event.type == "OrganizationNetwork":  # "Karabakh weekend schools were attended
                return event, f"number of {f.counts} attending"  # by some 900 children"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.dep_ == "dobj":
        holder = head.head.head  # "brought together representatives of 14 coordination councils"
        verb = holder.head
        event = ctx.thing(subject(verb)) if one_of(verb, GATHER_PEOPLE) else None
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
            one_of(head.head, ATTEND_PEOPLE | {"involve"}):  # "events took place in 64 countries, with more than 700
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
        verb = attending(people.head)
        if people.dep_ in ("nsubj", "nsubjpass") and (one_of(verb, ATTEND_PEOPLE)):
            target = event_object(ctx, verb) or ctx.subject or r.last(EVENT_TYPES - {"Observance"})
            if target is not None and target.type in EVENT_TYPES:
                return target, f"number of {f.counts} whose {people.lower_} attended"
        signer = people.head.head if people.dep_ == "pobj" and people.head.dep_ == "agent" else None
        act = ctx.thing(subject(signer)) if signer is not None and signer.lemma_.lower() in ("sign", "endorse") else None
        if act is not None and act.type in ACT_TYPES:  # "the Charter was signed by representatives of over 100 organisations"
            return act, f"number of {f.counts} whose {people.lower_} {signer.text.lower()} it"
        held = people.head.head if people.dep_ == "pobj" and people.head.lower_ == "for" else None
        event = event_object(ctx, held) if held is not None and held.lemma_.lower() in HOLD else None
        if event is not None:  # "held a seminar … for the heads of 30 diaspora organisations": those it was for
            return event, f"number of {f.counts} whose {people.lower_} it was held for"
        return None  # "met representatives of 20 Azerbaijani organizations": those met, not the network's count
    verb = attending(head.head) if head.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") else None
    network = r.identity.network(f.counts)
    if verb is not None:
        if head.dep_ == "dobj" and one_of(verb, GATHER_PEOPLE):
            about = ctx.thing(subject(verb))
            if about is not None and about.type in EVENT_TYPES:
                return about, f"number of {f.counts}"
        if head.dep_ == "dobj" and verb.lemma_.lower() in ("hold", "organise", "organize", "stage"):
            doer = ctx.thing(subject(verb)) or network_token(ctx, subject(verb))
            if doer is not None and doer.type == "OrganizationNetwork":
                return doer, f"number of {f.counts} held by the {doer.label}"
        there = verb.lemma_.lower() == "be" and any(c.lower_ == "there" for c in verb.children)  # "N delegates were there"
        if (head.dep_ in ("nsubj", "nsubjpass") and (one_of(verb, ATTEND_PEOPLE) or there)
                or head.dep_ == "attr" and there) and network is None:  # "There were 211 guests at the Congress"
            target = event_object(ctx, verb) or ctx.subject
            if target is None and not aims_elsewhere(verb):  # "Over ten days, 45 students attended lectures"
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


def _record(ctx: Context, stated: str, value: int | None, hedge: str, about: Thing, measured: str,
            at: tuple[str, str | None] | None = None) -> None:
    r, s = ctx.r, ctx.s
    if at is not None:
        when, how = at
    elif about.type in EVENT_TYPES | ACT_TYPES:  # an act's signatories: as of its date
        got = r.date_of(about, "startDate" if about.type in EVENT_TYPES else "legislationDate")
        if not got and about.type in EVENT_TYPES:  # "35 took part in a camp … The camp began on 5 September": as of
            r.undated.append((about, ctx.time(), lambda at: _record(ctx, stated, value, hedge, about, measured, at)))
            return  # its first day, which a later sentence may give (``Reader.read``)
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
