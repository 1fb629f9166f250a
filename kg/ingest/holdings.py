"""Who held which post, and when, read from the parse.

- An apposition or a title before a name: "Fuad Muradov, chairman of the committee, said",
  "the chairman of the State Committee …, Fuad Muradov", "Heydar Aliyev, then Chairman of the
  Supreme Assembly", "President Ilham Aliyev", "the committee's first deputy chairman, R. M.".
- A verb: "Y took over X", "Y was appointed T of X", "Y was T of X", "Y replaced Z", "Z, who had chaired X since
  D", "X is headed by Y".

Each holding is dated to the time the sentence describes (its own date, else the event it
speaks of, else the article's date), as ``asOf``; a titled speaker's to the telling (the
article's date), or to the event spoken at, dated where the article dates it; an appointment or a taking over gives
``validFrom``, a replacement the predecessor's ``validUntil``. The title is read whole: a
first deputy chairman holds that post, not the chairman's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.ingest.names import fold, head_type, slug
from kg.ingest.parse import REPORTING, is_passive, is_present, objects, particle, preps, spoken_there, subject
from kg.ingest.reference import BODIES, EVENT_TYPES

if TYPE_CHECKING:
    from kg.ingest.facts import Fact, Thing
    from kg.ingest.propose import Context

TITLE = re.compile(r"(?i)(?:first\s+)?(?:deputy\s+)?(?:vice[- ])?(?:chairman|chairwoman|chairperson|chair|president|"
                   r"head|minister|director|ambassador|rector|secretary)")
_SAME = {"chair": "chairman", "head": "chairman", "chairperson": "chairman"}


def read(ctx: Context) -> None:
    for tok in ctx.doc:
        person = person_at(ctx, tok)
        if person is None:
            continue
        post = _title_of(ctx, tok)
        if post is None:
            continue
        speaking = _speaking(ctx, tok)
        signed = _signed(ctx, tok)
        if signed is not None:  # "President X signed the decree of D": as of the act's date, not the telling
            _hold(ctx, person, post, "asOf", signed.value, signed.context, "signed-act")
        elif speaking is None:
            _hold(ctx, person, post, "asOf", *ctx.time(), "apposition")
        elif speaking is True:  # "X, chairman of Y, recalled the First Congress": as of the telling, not the Congress
            _hold(ctx, person, post, "asOf", *_told(ctx), "apposition-speaker")
        else:  # "Speaking at a conference, X said": as of the conference, which a later sentence may date
            ctx.r.at_event.append((_hold(ctx, person, post, "asOf", None, None, "apposition-speaker",
                                         stamp=f"at-{speaking.id}"), speaking, ctx.s))
    _titled_speaker(ctx)
    for verb in ctx.doc:
        if verb.pos_ in ("VERB", "AUX"):
            _verb(ctx, verb)


_SAID = r"(?:said|says|told|tells|noted|added|recalled|stressed|announced)"


def _titled_speaker(ctx: Context) -> None:
    """ "Y told AzerTac … . The chairman of X said …": the speaker the sentence before named holds
    the post this one's speaker is titled by, as of the telling."""
    root, r = ctx.doc[:].root, ctx.r
    title = subject(root) if root.lemma_.lower() in REPORTING else None
    if title is None or ctx.thing(title) is not None or not TITLE.fullmatch(title.text) or ctx.s.index == 0 or \
            not any(c.lower_ == "the" for c in title.children) or any(
                (t := ctx.thing(c)) is not None and t.type == "Person" for c in title.subtree):  # read() named them
        return
    who = r.things.get(r.memory.last({"Person"}) or "")
    before = r.article.sentences[ctx.s.index - 1].text
    if who is None or not re.search(rf"{re.escape(who.label)}\s+(?:\w+\s+){{0,2}}?{_SAID}\b|\b{_SAID}\s+(?:\w+\s+){{0,3}}?"
                                    rf"{re.escape(who.label)}", before):
        return
    post = _named_post(ctx, title)
    if post is not None:
        _hold(ctx, who, post, "asOf", *_told(ctx), "titled-speaker")


def _told(ctx: Context) -> tuple[str, str | None]:
    """When a speaker told it: "… told reporters on Friday": that day, else the article's."""
    told = ctx.telling()
    return (told.value, told.context) if told else (ctx.r.article.published.isoformat(), None)


def person_at(ctx: Context, tok: Token) -> Thing | None:
    """The person a token names: a held one, or a new name of two or three capitalised words in a
    slot only a person fills (a title's apposition, a post verb's subject or object)."""
    thing = ctx.thing(tok)
    if thing is not None:
        return thing if thing.type == "Person" else None
    if tok.pos_ != "PROPN" or tok.dep_ == "compound":
        return None
    parts = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
    name = " ".join(p.text for p in parts)
    if not 2 <= len(parts) <= 3 or not all(p.text[:1].isupper() for p in parts) or head_type(name) or TITLE.fullmatch(parts[0].text):
        return None
    slot = tok.dep_ == "appos" or any(c.dep_ == "appos" or (c.dep_ == "relcl" and c.lemma_.lower() in (
        "chair", "head", "lead")) for c in tok.children) or (  # "Nazim Ibrahimov, who chairs the committee, …"
        tok.head.pos_ in ("VERB", "AUX") and tok.head.lemma_.lower() in ("replace", "succeed", "appoint", "chair", "head", "lead")
    ) or (tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in ("head", "chair", "lead")) or (
        tok.dep_ in ("nsubj", "nsubjpass") and particle(tok.head) in ("take over", "appoint")) or (
        tok.dep_ == "nsubj" and tok.head.lemma_ == "be" and any(TITLE.fullmatch(o.text) for o in objects(tok.head)))
    if not slot:
        return None
    person = ctx.r.named(name, "Person", "person", ctx.s)
    ctx.by_token[tok.i] = person
    return person


def _signed(ctx: Context, tok: Token) -> Fact | None:
    """The date this sentence gives the act a person (``tok``, the subject) signed or issued."""
    verb = tok.head if tok.dep_ == "nsubj" else None
    if verb is None or verb.lemma_.lower() not in ("sign", "issue"):
        return None
    acts = {t.id for o in objects(verb) if (t := ctx.thing(o)) is not None}
    return next((f for f in ctx.r.facts if f.subject in acts and f.field == "legislationDate" and f.sentence == ctx.s), None)


def _speaking(ctx: Context, tok: Token) -> Thing | bool | None:
    """Whether a titled name is the speaker of a sentence whose main verb is one of saying: then the
    event it spoke at ("Speaking at a conference, …", "… said at the forum", "Speaking there" after
    one), else True (as of the
    telling, the article's date). None where it is not the speaker, or where the sentence dates the
    speaking itself (a date in what was said is the said event's, not the telling's)."""
    if any(a.lower_ == "according" for a in tok.ancestors):  # "…, according to the committee's head Y": the telling's
        return True
    root = tok.sent.root  # a quote of two sentences before "…," Y said: the parse's second root is the saying
    if root.lemma_.lower() not in REPORTING or tok.i > root.i:
        return None
    said = [t for c in root.children if c.dep_ in ("ccomp", "dobj") for t in c.subtree]
    spans = [(t.idx, t.idx + len(t.text)) for t in said] + [m.span() for m in re.finditer(r"[“\"][^”\"]*[”\"]", ctx.text)]
    told = ctx.telling()  # "said in an interview published on Friday": the telling's day dates no event
    if any(w.start not in ctx.used and w != told and not any(a <= w.start < b for a, b in spans) for w in ctx.when):
        return None
    for head in ctx.doc:  # the parse may hang "Speaking at …" anywhere: its words are enough
        if head.i == root.i or head.lemma_.lower() in ("speak", "address"):  # tokens are made anew: compare by index
            for p, obj in [*preps(head), *(("", o) for o in objects(head) if head.lemma_.lower() == "address")]:
                event = ctx.thing(obj)  # "Speaking at the forum", "Addressing the congress"
                if p in ("at", "during", "") and event is not None and event.type in EVENT_TYPES:
                    return event
    there = ctx.r.memory.last(EVENT_TYPES - {"Observance"}) if spoken_there(ctx.doc) else None
    if there is not None and (event := ctx.r.things.get(there)) is not None:
        return event  # "Speaking there, …": at the event just told
    return True


def _title_of(ctx: Context, tok: Token) -> Thing | None:
    """The post a person is given by a title in the sentence: "Y, (then) Chairman of X", "the
    chairman of X, Y", "President Y", "the committee's first deputy chairman, Y"."""
    cands = [(c, None) for c in tok.children if c.dep_ == "appos"]
    cands += [(c, None) for c in tok.lefts if c.dep_ in ("compound", "nmod") and (TITLE.fullmatch(c.text) or ctx.thing(c))]
    if tok.dep_ == "appos":
        head = tok.head
        cands.append((head, None))
        body = ctx.thing(head)
        if body is not None and body.type in BODIES:  # "the chairman of the State Committee …, Fuad Muradov"
            if head.dep_ == "pobj" and head.head.lower_ == "of":
                cands.append((head.head.head, body))
            elif head.dep_ == "prep" and TITLE.fullmatch(head.head.text):  # the parse hung the name on the title
                cands.append((head.head, body))
    for c, body in cands:
        held = ctx.thing(c)
        if held is not None and held.type == "Post":
            return held
        if TITLE.fullmatch(c.text):
            return _post(ctx, c, body or _body(ctx, c))
    return None


def _body(ctx: Context, title: Token) -> Thing | None:
    for p, obj in preps(title):
        body = ctx.thing(obj)
        if p == "of" and body is not None and body.type in BODIES:
            return body
    for c in title.children:
        body = ctx.thing(c)
        if c.dep_ in ("poss", "compound") and body is not None and body.type in BODIES:
            return body
    for c in title.children:  # "chairman of the State Committee … Living Abroad": a parse that hung the name elsewhere
        if c.dep_ == "prep" and c.lower_ == "of" and not list(c.children):
            after = ctx.text[c.idx + 2:]
            skip = len(after) - len(re.sub(r"^\s+(?:the\s+)?", "", after))
            body = next((x[2] for x in ctx.at if x[0] == c.idx + 2 + skip), None)
            if body is not None and body.type in BODIES:
                return body
    return None


def _named_post(ctx: Context, tok: Token) -> Thing | None:
    """The post a token names: a held post, or a title ("chairman of X") made the post of its body."""
    held = ctx.thing(tok)
    if held is not None and held.type == "Post":
        return held
    return _post(ctx, tok, _body(ctx, tok)) if TITLE.fullmatch(tok.text) else None


def _post(ctx: Context, title: Token, body: Thing | None) -> Thing | None:
    words = [c.text for c in title.lefts if c.dep_ in ("amod", "compound") and
             re.fullmatch(r"(?i)first|deputy|vice|executive|general", c.text)]  # "executive secretary" is its own post
    name = " ".join([*words, title.text]).lower()
    name = _SAME.get(name, name)
    return post_for(ctx, name, body)


def post_for(ctx: Context, name: str, body: Thing | None) -> Thing | None:
    """The post of that title in that body: the graph's, where it holds one; else a new one."""
    r = ctx.r
    fitting = [p for p in r.g.of_type("Post") if fold(p.label).startswith(fold(name) + " ")
               and (body is None or body.id in map(str, p.values("postIn")))]
    if len(fitting) == 1:
        return r.known(fitting[0].id)
    if body is None and fitting:  # "the Committee Chairman": of the body last spoken of that has such a post
        of_body = {str(b): p for p in fitting for b in p.values("postIn")}
        spoken = next((rid for rid in reversed(r.memory.order) if rid in of_body), None)
        return r.known(of_body[spoken].id) if spoken else None
    if body is None:
        return None
    label = f"{' '.join(w.capitalize() for w in name.split())} of the {body.label}"
    post = r.new(label, "Post", "post-title", ctx.s, rid=slug(label))
    r.fact(post, "postIn", body, ctx.s, "post-title", 0.6)
    return post


def _hold(ctx: Context, person: Thing, post: Thing, field_: str, when: str | None, how: str | None, rule: str,
          stamp: str | None = None) -> Thing:
    r, s = ctx.r, ctx.s
    key = (post.id, person.id)
    holding = r.holdings.get(key)
    if holding is None:
        stamp = stamp or when or r.article.published.isoformat()
        holding = r.new(f"{person.label}, {post.label} ({field_} {stamp})", "PostHolding", rule, s,
                        rid=f"holding-{slug(post.label)[:40].strip('-')}-{person.id}-{stamp}")
        r.holdings[key] = holding
    r.fact(holding, "post", post, s, rule, 0.8)
    r.fact(holding, "holder", person, s, rule, 0.8)
    bounds = {str(f.value) for f in r.facts if f.subject == holding.id and f.field in ("validFrom", "validUntil")}
    if when and not (field_ == "asOf" and when in bounds):  # "appointed Y, relieving Z, who had led it": Z's end says more
        r.fact(holding, field_, when, s, rule, 0.7, how)
    if when and field_ != "asOf":
        for f in [f for f in r.facts if f.subject == holding.id and f.field == "asOf" and f.value == when]:
            r.unsay(f)
    return holding


def _verb(ctx: Context, verb: Token) -> None:
    lemma = particle(verb)
    base = verb.lemma_.lower()
    who = person_at(ctx, subject(verb)) if subject(verb) is not None else None
    objs = objects(verb)
    date = ctx.first_date()
    when, how = (date.value, date.context) if date else ctx.time()
    mine = subject(verb) is not None and subject(verb).lower_ == "i"  # '"When I took up this post in 2018," Y said'
    if mine and (lemma in ("take up", "take over", "assume") or base == "appoint" and is_passive(verb)):
        _own_post(ctx, verb)
    elif lemma == "take over" and who is not None:
        body = next((ctx.thing(o) for o in objs if ctx.thing(o) is not None and ctx.thing(o).type in BODIES), None)
        post = post_for(ctx, "chairman", body) if body else None
        if post is not None:
            _hold(ctx, who, post, "validFrom", when, how, "took-over")
    elif base in ("appoint", "elect", "name") and who is not None and is_passive(verb):  # "was elected Chairman of X"
        for p, obj in [*preps(verb), *[("as", o) for o in objs], *[("as", c) for c in verb.children if c.dep_ in
                                                                     ("oprd", "attr", "xcomp")]]:
            post = _named_post(ctx, obj) if p == "as" else None
            if post is not None:
                _hold(ctx, who, post, "validFrom", when, how, "appointed")
    elif base in ("appoint", "elect", "name") and not is_passive(verb):  # "The Congress elected Ilham Aliyev chairman of X"
        names = [*objs, *[c for o in objs for c in o.children if c.dep_ in ("compound", "appos")]]
        person = next((p for o in names if (p := person_at(ctx, o)) is not None), None)
        titles = [*objs, *[c for c in verb.children if c.dep_ in ("oprd", "attr", "xcomp")],
                  *[c for o in objs for c in o.children if c.dep_ in ("oprd", "attr")]]
        post = next((p for t in titles if (p := _named_post(ctx, t)) is not None), None)
        if person is not None and post is not None:
            _hold(ctx, person, post, "validFrom", when, how, "appointed")
    elif base == "become" and who is not None:  # "In 2016, Ilham Aliyev became Chairman of the Council": from then
        for o in [*objs, *[c for c in verb.children if c.dep_ in ("attr", "oprd")]]:
            post = _named_post(ctx, o)
            if post is not None:
                _hold(ctx, who, post, "validFrom", when, how, "became")
    elif base == "be" and who is not None:  # "Nazim Ibrahimov was chairman of the committee"
        for o in objs:
            post = _named_post(ctx, o)
            if post is not None:
                _hold(ctx, who, post, "asOf", *_time(ctx, verb), "is-title")
    elif base in ("relieve", "replace", "succeed") and verb.dep_ == "advcl" and verb.head.lemma_.lower() in (
            "appoint", "name", "elect"):  # "appointed Y chairman of X, relieving Z": Z's holding of the post ends then
        made = [k for k, h in ctx.r.holdings.items() if any(
            f.subject == h.id and f.field == "validFrom" and f.sentence is ctx.s for f in ctx.r.facts)]
        for other in (p for o in objs if (p := person_at(ctx, o)) is not None and made and p.id != made[-1][1]):
            _hold(ctx, other, ctx.r.things[made[-1][0]], "validUntil", when, how, "relieved")
    elif base in ("replace", "succeed") and who is not None:
        mine = [k for k in ctx.r.holdings if k[1] == who.id]
        for o in objs:
            other = person_at(ctx, o)
            if other is None or not mine:
                continue
            post = ctx.r.things[mine[-1][0]]
            ends = ctx.r.values(ctx.r.holdings[mine[-1]], "validFrom")
            _hold(ctx, other, post, "validUntil", str(ends[0]) if ends else when, None if ends else how, "replaced")
    elif base in ("chair", "head", "lead") and not is_passive(verb) and who is not None:
        body = next((ctx.thing(o) for o in objs if ctx.thing(o) is not None and ctx.thing(o).type in BODIES), None)
        body = body or next((b for o in objs if ctx.thing(o) is None for b in [_held_body(ctx, who, o)] if b), None)
        since = next((o for p, o in preps(verb) if p == "since"), None)
        since = since or next((o for p, o in preps(verb) if p == "from"), None)  # "who led X from 2002 to 2018"
        until = next((w for p, o in preps(verb) if p in ("until", "till") and (w := ctx.date_in(o.head))), None)
        post = post_for(ctx, "chairman", body) if body else None
        ranged = ctx.date_in(since) if since is not None and since.head.lower_ == "from" else None
        if post is not None and ranged is not None and ranged.end:  # "who led X from 2002 to 2018": both ends
            _hold(ctx, who, post, "validFrom", ranged.value, ranged.context, "chaired-from-to")
            _hold(ctx, who, post, "validUntil", ranged.end, ranged.context, "chaired-from-to")
            ctx.used.add(ranged.start)
        elif post is not None and until is not None:  # "Y, who chaired the committee until 2018": when it ended
            _hold(ctx, who, post, "validUntil", until.value, until.context, "chaired-until")
            ctx.used.add(until.start)
        elif post is not None and since is not None:
            w = ctx.date_in(since)
            if w is not None:
                _hold(ctx, who, post, "validFrom", w.value, w.context, "chaired-since")
                ctx.used.add(w.start)
        elif post is not None:
            _hold(ctx, who, post, "asOf", *_time(ctx, verb), "headed")
    elif base in ("head", "chair", "lead") and is_passive(verb):
        body = ctx.thing(subject(verb))
        if body is None or body.type not in BODIES:
            return
        since = next((ctx.date_in(o.head) for p, o in preps(verb) if p in ("since", "from")), None)  # "… from 2001"
        for p, obj in preps(verb):
            person = person_at(ctx, obj)
            post = post_for(ctx, "chairman", body) if p == "by" and person is not None else None
            if post is None:
                continue
            if since is not None:  # "Since 2018 it has been led by Y"
                _hold(ctx, person, post, "validFrom", since.value, since.context, "headed-by")
                ctx.used.add(since.start)
            if since is None or is_present(verb):
                _hold(ctx, person, post, "asOf", *_time(ctx, verb), "headed-by")


def _held_body(ctx: Context, who: Thing, noun: Token) -> Thing | None:
    """ "Muradov, who has headed the committee since 2018", where no committee was named before: the
    one body of that noun in whose post the graph holds the person."""
    if who.known is None or noun.lemma_.lower() not in ("committee", "council") or not any(
            c.lower_ == "the" for c in noun.children):
        return None
    g = ctx.r.g
    bodies = {str(b) for h in g.pointing_at(who.id, "holder") for p in g.records[h].values("post") if p in g.records
              for b in g.records[p].values("postIn") if b in g.records and noun.lemma_.lower() in fold(g.records[b].label)}
    return ctx.r.known(bodies.pop()) if len(bodies) == 1 else None


def _time(ctx: Context, verb: Token) -> tuple[str, str | None]:
    """A holding's time: the article's where the verb speaks of the present ("is now headed by",
    "who chairs"), else the sentence's."""
    if is_present(verb):
        main = verb.head.head if verb.dep_ == "relcl" else None  # "X, who chairs Y, opened it": as of the event he opened
        if main is None or main.tag_ != "VBD" or not any(t.type in EVENT_TYPES for t in ctx.spoken()):
            return ctx.r.article.published.isoformat(), None
    return ctx.time()


def _own_post(ctx: Context, verb: Token) -> None:
    """ '"When I took up this post in 2018, …," Y, chairman of X, said': the speaker's holding of the
    post the sentence titles him with, from the date the quote gives."""
    w = ctx.date_in(verb)
    for root in (t for t in ctx.doc if t.dep_ == "ROOT" and t.lemma_.lower() in REPORTING and t.i > verb.i):
        speaker = subject(root)
        person = person_at(ctx, speaker) if speaker is not None else None
        post = _title_of(ctx, speaker) if person is not None else None
        if post is not None and w is not None:
            _hold(ctx, person, post, "validFrom", w.value, w.context, "own-post")
