"""Relations read from the parse: a verb with its subject, object and prepositions; appositions;
figures as the objects of their verb.

- Events: "X held / organised / hosted / convened E", "E was held / organised / hosted by X",
  "E took place / opened / met / convened in P on D", "P hosted E", "E was chaired by Y". A date
  under the act that convened an event ("under a presidential decree of D") is the act's, never
  the event's.
- Acts: a decree or law, its issuer, its date, what it established or declared, and the event it
  convened; matched to a held act by kind, issuer and date (or year and what it established or
  declared), so that another date for it is a second source's value, not a new act.
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

from kg.ingest.holdings import person_at
from kg.ingest.names import fold, slug
from kg.ingest.parse import is_passive, objects, particle, preps, subject
from kg.ingest.recognise import MONTH
from kg.ingest.reference import ACT_TYPES, BODIES, EVENT_TYPES, ORG_TYPES, PLACE_TYPES

if TYPE_CHECKING:
    from kg.ingest.facts import Thing
    from kg.ingest.propose import Context
    from kg.ingest.recognise import When

HOLD = {"hold", "organise", "organize", "host", "convene", "stage", "arrange", "mark", "celebrate", "schedule", "plan"}
HAPPEN = {"take place", "open", "meet", "convene", "gather", "begin", "start", "hold", "close", "end", "run"}
ENDS = {"end", "close", "conclude", "finish"}  # an event's verbs whose date is its last day
BY_FIELD = {"chair": "chairedBy", "head": "chairedBy", "lead": "chairedBy", "moderate": "chairedBy"}
GATHER = {"gather", "draw", "bring together", "bring", "attract", "unite", "welcome", "host", "assemble"}  # E gathered N people
ATTEND = {"attend", "join", "take part", "participate", "come", "travel"}  # N people attended E
DECLARES = r"(?:recogni[sz]e|declare|proclaim)\b"  # an act's verbs, with their particles
ESTABLISHES = r"(?:establish|set up|found|create|form)\b"
RENAMES = r"(?:rename|reorgani[sz]e|transform|restructure)\b"
EVENT_NOUNS = {"videoconference": "OnlineEvent", "forum": "Forum", "meeting": "Meeting", "conference": "Event",
               "gathering": "Event", "event": "Event", "congress": "Congress", "ceremony": "Event", "summit": "Event",
               "session": "Meeting", "seminar": "Event", "camp": "Event", "concert": "Event", "festival": "Event",
               "exhibition": "Event", "symposium": "Event", "workshop": "Event", "roundtable": "Event", "webinar": "OnlineEvent"}


def read(ctx: Context) -> None:
    _unnamed_events(ctx)
    _acts(ctx)
    for tok in ctx.doc:
        if tok.pos_ in ("VERB", "AUX"):
            _body_met(ctx, tok)
            _event_verb(ctx, tok)
            _founded(ctx, tok)
    _named_act_dates(ctx)  # last: the other rules' dates (a meeting's, an act's) come first
    if ctx.subject is None:
        events = [x[2] for x in ctx.at if x[2].type in EVENT_TYPES and x[2].type != "Observance"]
        refs = [t for t in ctx.refs.values() if t.type in EVENT_TYPES]
        ctx.subject = (events or refs or [None])[0]


# --- events -----------------------------------------------------------------------------------------

def _kind_of(tok: Token) -> str | None:
    kind = EVENT_NOUNS.get(tok.lower_)
    if tok.lower_ == "table" and any(c.lower_ == "round" for c in tok.children):
        kind = "Event"  # "a round table"
    if kind is None:
        return None
    if any(c.lower_ in ("online", "virtual") for c in tok.children) or tok.lower_ == "videoconference":
        return "OnlineEvent"
    return kind


def _unnamed_events(ctx: Context) -> None:
    """ "The committee held a videoconference with compatriots on Saturday", "a summer camp … will
    be held in July", "speaking at an online conference": an event with no name, held or spoken
    at, made a record of its own (named by its words and date)."""
    r, s = ctx.r, ctx.s
    for tok in ctx.doc:
        kind = _kind_of(tok)
        if kind is None or tok.i in ctx.by_token or tok.i in ctx.refs:
            continue
        verb = tok.head
        body = ctx.thing(subject(verb)) if verb.lemma_.lower() in HOLD else None
        if kind == "Meeting" and body is not None and body.type in BODIES and any(
                c.lower_ in ("its", "their", "a", "an") for c in tok.children):  # "the Council held its session"
            body_meeting(ctx, body, ctx.date_in(verb) or ctx.first_date(), tok, tok.lower_)
            continue
        if not any(c.lower_ in ("a", "an") for c in tok.children):
            continue
        held = tok.dep_ in ("dobj", "pobj", "nsubjpass") and (verb.lemma_.lower() in HOLD or verb.head.lemma_.lower() in HOLD)
        spoke_at = tok.dep_ == "pobj" and verb.lower_ == "at" and verb.head.pos_ == "VERB"  # "Speaking at an online conference"
        of_body = any(p == "of" and ctx.thing(o) is not None and ctx.thing(o).type in BODIES for p, o in preps(tok))
        if not (held or spoke_at) or (tok.lower_ == "meeting" and of_body):
            continue  # "a meeting of the committee": the body's meeting (``body_meeting``)
        words = [c for c in tok.lefts if c.dep_ in ("compound", "amod")] + [tok]
        for p, obj in preps(tok):
            if p == "of" and obj.i not in ctx.by_token:
                words += [p, *[t for t in obj.subtree]]
        name = " ".join(w if isinstance(w, str) else w.text for w in words)
        when = ctx.first_date()
        stamp = when.value if when else r.article.published.isoformat()
        event = r.new(f"{name[0].upper()}{name[1:]}, {stamp}", kind, "held-event", s, rid=slug(f"{name} {stamp}"))
        ctx.by_token[tok.i] = event
        ctx.at.append((tok.idx, tok.idx + len(tok.text), event))


def body_meeting(ctx: Context, body: Thing, date: When | None, at: Token, noun: str = "meeting") -> Thing:
    """The body's meeting a sentence speaks of (at the token ``at``): the graph's meeting of that
    body on that day, or the one an act the sentence names was adopted at; else a new one (named
    by ``noun``: a session, a meeting)."""
    r, s = ctx.r, ctx.s
    mine = [rec for rec in r.g.of_type("Meeting") if body.id in rec.values("heldBy")]
    on_day = [rec for rec in mine if date is not None and date.value in map(str, rec.values("startDate"))]
    named = {x[2].id for x in ctx.at if x[2].known is not None}
    adopted_at = [rec for rec in mine if any(rid in named for rid in r.g.pointing_at(rec.id, "adoptedAt"))]
    held = on_day or adopted_at
    stamp = date.value if date else r.article.published.isoformat()
    meeting = r.known(held[0].id) if held else r.new(f"{noun.capitalize()} of the {body.label}, {stamp}", "Meeting",
                                                     "meeting-of", s, rid=slug(f"{noun} of the {body.label} {stamp}"))
    ctx.by_token[at.i] = meeting
    ctx.at.append((at.idx, at.idx + len(at.text), meeting))
    r.fact(meeting, "heldBy", body, s, "meeting-of", 0.8)
    if date is not None and not ctx.planned:
        r.fact(meeting, "startDate", date.value, s, "event-date", 0.7, date.context)
        ctx.used.add(date.start)
    return meeting


def _body_met(ctx: Context, verb: Token) -> None:
    """ "Ten years ago today, the Coordination Council met in Baku and adopted the World
    Azerbaijanis Charter": the body's meeting, where it was, and what was adopted at it."""
    body = ctx.thing(subject(verb))
    if verb.lemma_.lower() not in ("meet", "convene", "sit") or objects(verb) or body is None or body.type not in BODIES:
        return
    r, s = ctx.r, ctx.s
    date = ctx.date_in(verb) or ctx.first_date()
    meeting = body_meeting(ctx, body, date, verb)
    for p, obj in preps(verb):
        where = ctx.thing(obj)
        if p in ("in", "at") and where is not None and where.type in PLACE_TYPES:
            r.fact(meeting, "location", where, s, "held-in", 0.8)
    for other in verb.conjuncts:
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
    objs = [t for t in (ctx.thing(o) for o in objects(verb)) if t is not None]
    event = agent = None
    if subj is not None and subj.type in EVENT_TYPES and (lemma in HAPPEN or base in HOLD | set(BY_FIELD) | GATHER):
        event = subj
        for p, obj in preps(verb):  # "was held by", and a participle's "organised by" too
            who = ctx.thing(obj) or (person_at(ctx, obj) if base in BY_FIELD else None)  # "chaired by Nazim Ibrahimov"
            if p == "by" and who is not None and who.type in ORG_TYPES | {"Person", "Post", "Group"}:
                agent = who
    elif objs and objs[0].type in EVENT_TYPES and base in HOLD | set(BY_FIELD):
        event = objs[0]
        if subj is not None and subj.type in PLACE_TYPES and base == "host":
            r.fact(event, "location", subj, s, "hosted", 0.7)
        elif subj is not None and subj.type in ORG_TYPES | {"Person"}:
            agent = subj
    if event is None and verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl") and ctx.subject is not None:
        # "… was held in Shusha on June 3-4, organised by …": a participle the parse hung elsewhere
        for p, obj in preps(verb):
            who = ctx.thing(obj)
            if p == "by" and who is not None and who.type in ORG_TYPES | {"Person", "Post", "Group"}:
                event, agent = ctx.subject, who
    if event is None or event.type == "Observance" or lemma in ATTEND:
        return
    ctx.subject = ctx.subject or event
    if agent is not None:
        field_ = BY_FIELD.get(base, "organizer")
        if not (field_ == "organizer" and event.type == "Meeting" and r.values(event, "heldBy")):
            r.fact(event, field_, agent, s, "chaired-by" if field_ == "chairedBy" else "organised-by", 0.8)
    if base in BY_FIELD and agent is None:
        return
    for p, obj in [*preps(verb), *[(p, o) for c in verb.children if c.dep_ == "prt" for p, o in preps(c)]]:
        where = ctx.thing(obj)
        if p == "at" and (where is None or where.type not in PLACE_TYPES):  # "at a concert hall in Baku"
            where = next((w for q, o in preps(obj) if q == "in" and (w := ctx.thing(o)) is not None
                          and w.type in PLACE_TYPES), where)
        if p in ("in", "at") and where is not None and where.type in PLACE_TYPES:
            r.fact(event, "location", where, s, "held-in", 0.8)
        elif p in ("in", "at") and where is None and obj.pos_ == "PROPN" and obj.text[:1].isupper() and base in HOLD | HAPPEN:
            name = " ".join(t.text for t in obj.lefts if t.dep_ == "compound" and t.pos_ == "PROPN") + " " + obj.text
            if not re.fullmatch(r"\s*(?:[A-Z][a-z]+\s*){1,3}", name) or re.fullmatch(MONTH, obj.text, re.IGNORECASE):
                continue
            place = r.named(name.strip(), "Place", "held-in", s)  # "opened in Shusha": a place the graph does not hold
            ctx.by_token[obj.i] = place
            r.fact(event, "location", place, s, "held-in", 0.7)
    if ctx.planned:
        r.fact(event, "eventStatus", "scheduled", s, "planned", 0.8)
    date = ctx.date_in(verb)
    if date is not None and base in ENDS:  # "… ended its work in Baku today": the last day
        r.fact(event, "endDate", date.end or date.value, s, "event-date", 0.7, date.context)
        ctx.used.add(date.start)
    elif date is not None and not re.search(r"\b(?:anniversary|birthday)\b", ctx.text[:date.start]):
        r.fact(event, "startDate", date.value, s, "event-date", 0.7, date.context)
        if date.end:
            r.fact(event, "endDate", date.end, s, "event-date", 0.7, date.context)
        ctx.used.add(date.start)


def _clause_date(ctx: Context, tok: Token) -> When | None:
    """The sentence's first free date outside the clauses that say something of another thing: in
    "The first Qurultay, held in Baku in November 2001, was convened by a decree", November 2001 is
    the Qurultay's, not the decree's."""
    clauses = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text)) for t in ctx.doc
               if t.dep_ in ("acl", "relcl") and t.head.i != tok.i and t not in tok.subtree]
    return next((w for w in ctx.when if w.start not in ctx.used and not any(a <= w.start < b for a, b in clauses)), None)


def _founded(ctx: Context, verb: Token) -> None:
    """ "The committee had been established in 2008", "… was set up on November 19, 2008": the
    body's founding date (an act that did it is read by ``_acts``)."""
    if not re.match(ESTABLISHES, particle(verb)) or not is_passive(verb):
        return
    body = ctx.thing(subject(verb))
    if body is None or body.type not in BODIES or any(ctx.thing(o) is not None and ctx.thing(o).type in
                                                      {"PresidentialDecree", "Law"} for _p, o in preps(verb)):
        return
    date = ctx.date_in(verb)
    if date is not None:
        ctx.r.fact(body, "foundingDate", date.value, ctx.s, "founded", 0.7, date.context)
        ctx.used.add(date.start)


# --- acts -------------------------------------------------------------------------------------------

def _acts(ctx: Context) -> None:
    r, s = ctx.r, ctx.s
    for tok in ctx.doc:
        low = tok.lemma_.lower()
        title = re.match(r"\s+[“\"](?P<title>[^”\"]{3,150})[”\"]", ctx.text[tok.idx + len(tok.text):])
        if low not in ("decree", "law", "order") or tok.i in ctx.by_token or (
                tok.i in ctx.refs and title is None and ctx.date_in(tok) is None):
            continue  # named, or "the law" referring to one spoken of (not "the law “On …”")
        if low == "order" and not any(c.lower_ == "presidential" for c in tok.children):
            continue
        presidential = any(c.lower_ == "presidential" for c in tok.children) or re.search(r"\bPresident\b", ctx.text)
        kind = "Law" if low == "law" else "PresidentialDecree"
        verb = tok.head if tok.dep_ in ("dobj", "nsubj", "nsubjpass") else tok.head.head if tok.dep_ == "pobj" else None
        issuer = None
        if kind == "PresidentialDecree" and presidential:
            posts = [p for p in r.g.of_type("Post") if p.label.lower().startswith("president of")]
            issuer = r.known(posts[0].id) if len(posts) == 1 else None
        elif verb is not None and tok.dep_ == "dobj":
            issuer = ctx.thing(subject(verb))
            issuer = issuer if issuer is not None and issuer.type in BODIES else None
        date = ctx.date_in(tok) or (_clause_date(ctx, tok) if tok.dep_ in ("dobj", "nsubj", "nsubjpass") or
                                    (tok.dep_ == "pobj" and tok.head.lower_ in ("through", "by")) else None)
        established, declared, renamed = [], None, []
        if verb is not None:
            vlemma = particle(verb)
            targets = []
            if tok.dep_ == "nsubj":
                targets = [ctx.thing(o) for o in objects(verb)]
            elif tok.dep_ == "pobj" and tok.head.lower_ in ("by", "under", "through"):
                targets = [ctx.thing(subject(verb))]
            if re.match(DECLARES, vlemma):
                declared = next((t for t in targets if t is not None and t.type == "CommemorativeDay"), None)
            if re.match(ESTABLISHES, vlemma):
                established = [t for t in targets if t is not None and t.type in BODIES]
            if re.match(RENAMES, vlemma):  # "a decree of November 18 renamed it the State Committee for …"
                targets += [ctx.thing(c) for c in verb.children if c.dep_ == "oprd"]
                renamed = [t for t in targets if t is not None and t.type in BODIES]
            convened = [t for t in targets if t is not None and t.type in EVENT_TYPES]
            for clause in (c for c in verb.children if c.dep_ in ("advcl", "acl") and declared is None):
                if re.match(DECLARES, particle(clause)):  # "passed a law on D, declaring December 31 the Day …"
                    declared = next((x[2] for x in ctx.at if x[0] > clause.idx and x[2].type == "CommemorativeDay"), None)
        else:
            convened = []
        for child in tok.children:  # "a law declaring December 31 as …", "a decree setting up X": named after it
            if child.dep_ != "acl":
                continue
            after = [x[2] for x in ctx.at if x[0] > child.idx]
            if re.match(DECLARES, particle(child)):
                declared = next((t for t in after if t.type == "CommemorativeDay"), None)
            elif re.match(ESTABLISHES, particle(child)):
                established += [t for t in after[:1] if t.type in BODIES]
        about = _about(ctx, tok)  # "the law on the Day of Solidarity": what it is about, to tell which act it is
        if title and kind == "Law":
            act = r.new(f"Law “{title.group('title')}”", kind, "legal-act", s, rid=slug(f"law {title.group('title')}"))
            r.fact(act, "title", title.group("title"), s, "legal-act", 0.9)
        else:
            act = _titled_act(ctx, kind, tok) or _identify_act(
                ctx, kind, issuer, date.value if date else None,
                [*established, *([declared] if declared else []), *([about] if about else [])], convened, renamed)
        ctx.by_token[tok.i] = act
        ctx.at.append((tok.idx, tok.idx + len(tok.text), act))
        if issuer is not None:
            r.fact(act, "passedBy", issuer, s, "passed", 0.7)
        if date is not None:
            r.fact(act, "legislationDate", date.value, s, "legal-act-date", 0.7, date.context)
            ctx.used.add(date.start)
        for body in established:
            r.fact(act, "establishes", body, s, "established", 0.7)
            if date is not None:
                r.fact(body, "foundingDate", date.value, s, "established", 0.6, date.context)
        for event in convened:
            r.fact(event, "convenedBy", act, s, "convened", 0.7)
        if declared is not None:
            recognised = verb is not None and re.match(r"recogni", verb.lemma_.lower()) and tok.dep_ == "pobj"
            r.fact(act, "recognises" if recognised else "declares", declared, s, "declared", 0.7)
            named = re.search(r"\bas\s+(?:the\s+)?(?P<name>[A-Z][^,.;]+?)(?=\s+(?:through|by|in|on)\b|[,.;]|$)|"
                              r"\b(?:[A-Z][a-z]+ \d{1,2})\s+(?:the\s+)?(?P<name2>[A-Z][^,.;]+?)(?=\s+(?:through|by|in|on)\b|[,.;]|$)",
                              ctx.text[tok.idx:])
            if named:
                r.fact(act, "declaredName", named.group("name") or named.group("name2"), s, "declared-name", 0.8)


ADOPTS = {"adopt", "pass", "sign", "issue", "approve"}


def _named_act_dates(ctx: Context) -> None:
    """A held act or document named, adopted on a day: "The World Azerbaijanis Charter was adopted
    on December 18, 2008", "the council adopted the Charter on …": the act's date."""
    for tok in ctx.doc:
        act = ctx.thing(tok)
        if act is None or act.type not in ACT_TYPES or tok.dep_ not in ("nsubjpass", "dobj") or \
                tok.head.lemma_.lower() not in ADOPTS:
            continue
        if any(p == "at" for p, _ in preps(tok.head)):
            continue  # "adopted … at a meeting of the council": the meeting's date (``_body_met``, ``cues``)
        date = ctx.date_in(tok.head)
        dated = any(f.subject == act.id and f.field in ("legislationDate", "adoptedAt") and f.sentence == ctx.s for f in ctx.r.facts)
        if date is not None and date.start not in ctx.used and not dated:
            ctx.r.fact(act, "legislationDate", date.value, ctx.s, "adopted-on", 0.7, date.context)
            ctx.used.add(date.start)


def _about(ctx: Context, act: Token) -> Thing | None:
    """The day or body written right after an act with "on" or "about": "the law on the Day of
    Solidarity". The parser may hang the preposition on the verb; the words still say it. Only
    the act's identity is read from it: "a law on X" does not say the law declared X."""
    nxt = act.nbor(1) if act.i + 1 < len(act.doc) else None
    if nxt is None or nxt.lower_ not in ("on", "about"):
        return None
    thing = next((ctx.thing(c) for c in nxt.children if c.dep_ == "pobj"), None)
    return thing if thing is not None and (thing.type == "CommemorativeDay" or thing.type in BODIES) else None


def _titled_act(ctx: Context, kind: str, act: Token) -> Thing | None:
    """The held act whose title the words after it give, in any case: "the law on state policy
    regarding Azerbaijanis living abroad" is the Law "On State Policy Regarding …"."""
    after = fold(ctx.text[act.idx + len(act.text):]).strip(" “\"")
    for rec in ctx.r.g.of_type(kind):
        if any(len(fold(str(title)).split()) >= 3 and after.startswith(fold(str(title)).strip(" “\"")) for title in rec.values("title")):
            return ctx.r.known(rec.id)
    return None


def _identify_act(ctx: Context, kind: str, issuer: Thing | None, date: str | None, targets: list[Thing],
                  convened: list[Thing] = (), renamed: list[Thing] = ()) -> Thing:
    """The held act this is: same kind and issuer, and the same date, or the same year and the same
    thing established, declared or spoken of. Else a new act, named by its date, else by the event
    it convened (never by the article's date, which is not the act's)."""
    r = ctx.r
    target_ids = {t.id for t in targets}
    for rec in r.g.of_type(kind):
        if issuer is not None and rec.values("passedBy") and issuer.id not in map(str, rec.values("passedBy")):
            continue
        dates = [str(v) for v in rec.values("legislationDate")]
        what = set(map(str, rec.values("establishes") + rec.values("declares") + rec.values("recognises")))
        if date and date in dates:
            return r.known(rec.id)
        if target_ids & set(map(str, rec.values("establishes"))):
            return r.known(rec.id)  # a body is established once: the act that established it, whatever date is given
        if date and target_ids & what and any(d[:4] == date[:4] for d in dates):
            return r.known(rec.id)
        if date is None and target_ids & what:
            return r.known(rec.id)
        changed = {str(v) for rid in r.g.pointing_at(rec.id, "authorisedBy") for f in ("originalOrganization",
                   "resultingOrganization") for v in r.g.records[rid].values(f)}
        if renamed and {t.id for t in renamed} & changed and (date is None or any(d[:4] == date[:4] for d in dates)):
            return r.known(rec.id)  # the act that renamed (reorganised) the body, in the year given
    what = "Presidential decree" if kind == "PresidentialDecree" else "Law"
    if date is None and convened:
        label = f"{what} convening the {convened[0].label}"
        return r.new(label, kind, "legal-act", ctx.s, rid=slug(label))
    stamp = date or r.article.published.isoformat()
    by = issuer.label if issuer is not None and kind == "Law" else ""
    return r.new(f"{what} ({stamp})", kind, "legal-act", ctx.s, rid=slug(f"{what} {by} {stamp}"))
