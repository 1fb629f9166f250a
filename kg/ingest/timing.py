"""When a sentence's facts hold: its written dates, the relative ones resolved, and plans.

A date written in full is the sentence's own (``recognise.dates``). A date without its year takes
a year written earlier in the same sentence ("2001: the First Congress … on 9-10 November"), else
the narrative's last year, else the article's (or the year before or after it, where the
article's would put the day half a year or more on the wrong side of the article: "on 31
December" in a report of 3 January); it says which. A relative date ("yesterday", "on
Saturday", "last month", "in July", "next year", "two years ago", "twenty years ago today", "the following day") is resolved against
the article's date (or the last date the article gave) and always flagged as read from context,
with how, unless a written date says the same again ("Five years later, in December 2008"). A
sentence in the future or the conditional ("will be held", "is expected to", "is scheduled",
"plans to", "is to open") announces a plan: what it dates is scheduled, not done.

``as_of`` says what time a sentence's holding or figure is as of: its own date, else the date of
the event it speaks of (or, for "With it, …" and "thus", the event just told), else the article's;
``telling`` finds the day of a telling ("X told reporters on Friday that …").

No library is used for the relative forms: dateparser reads "2 years ago" only against today's
clock, not against the article's date, and does not know "the following day" at all.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from kg.ingest.parse import REPORTING, spoken_there, subject
from kg.ingest.recognise import MONTH, NUMBER_WORDS, YEAR, When, dates, month_number
from kg.ingest.reference import EVENT_TYPES
from kg.ingest.verbs import EVENT_NOUNS

if TYPE_CHECKING:
    from kg.ingest.propose import Context

PLANNED = re.compile(r"\b(?:will|would|shall|is expected|are expected|is scheduled|are scheduled|is planned|are planned|"
                     r"plans? to|planning to|planned to|intends? to|intended to|to be held|is being (?:organi[sz]ed|prepared|held)|is to be|are to be|"
                     r"upcoming|forthcoming|(?<!as )expects?|(?:is|are) slated|(?:is|are) (?:set |due )?to (?:open|begin|start|take place|run|meet|gather|convene))\b",
                     re.IGNORECASE)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_COUNT = {w: i for w, i in NUMBER_WORDS.items() if " " not in w and i < 100} | {"a": 1, "an": 1}
_COUNTED = r"\d{1,2}|" + "|".join(sorted(_COUNT, key=len, reverse=True))  # "10", "ten", "a"
_EVENT_WORDS = "(?:" + "|".join(sorted(EVENT_NOUNS, key=len, reverse=True)) + ")"
RELATIVE = re.compile(
    r"\b(?P<day>yesterday|today|tomorrow)\b(?!['’]s\s+(?!(?:[a-z-]+\s+)?" + _EVENT_WORDS + r"\b))"  # "today's
    # diaspora committee" is no time; "today's meeting" is
    r"|\b(?:on|last|this|next|past|until|till)\s+(?P<weekday>" + "|".join(WEEKDAYS) + r")\b"
    r"|\b(?P<which>last|this|next|the following|the previous|the next)\s+(?P<unit>year|month|week)\b"
    r"|\b(?P<which2>the following|the previous|the next)\s+(?P<unit2>day)\b"  # "this day" names a day, not a date
    r"|\b(?P<n>" + _COUNTED + r")\s+(?P<units>years?|months?|days?|weeks?)\s+(?P<dir>ago|later|earlier)\b(?:,?\s+(?P<today>today|this day)\b)?"
    r"|(?P<it>\bit\s+is\s+|\bit['’]s\s+|\bit\s+ha[sd]\s+been\s+)?\b(?P<n2>" + _COUNTED + r")\s+years\s+"
    r"(?P<passed>(?:have|had)\s+(?:passed|gone\s+by|elapsed)\s+)?(?P<since>since)\b"
    r"(?![^.;]*\b(?:1[89]|20)\d\d\b)"  # "It is ten years since X opened": X's year, where the clause gives none
    r"|\b(?P<n3>" + _COUNTED + r")\s+years\s+after\b"
    r"(?=[^,;.]*,[^.;]*?\b(?:remains?|is|are|stands?|continues?)\b)"  # "Ten years after it was adopted, the Charter
    # remains …": told of the present, so that many years before the article
    r"|\b(?:a|one)\s+(?P<after>day|year)\s+(?:later|after)\b"
    r"|\b(?:in|for|this|last|next)\s+(?=(?-i:[A-Z]))(?P<month>" + MONTH + r")\b(?!\s+\d)",  # "in July": a month named without its year
    re.IGNORECASE)


def _count(word: str) -> int:
    """A count in digits or words: "10", "ten", "a"."""
    return int(word) if word.isdigit() else _COUNT[word]


def is_planned(text: str) -> bool:
    return PLANNED.search(text) is not None


def _month(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def _same_day(month: dt.date, day: int) -> dt.date:
    """That day of the month, or the month's last day where it has none (29 February)."""
    for d in range(day, 27, -1):
        try:
            return month.replace(day=d)
        except ValueError:
            continue
    return month.replace(day=day)


def relative(text: str, published: dt.date, last: str | None, planned: bool, year: int | None = None) -> list[When]:
    """The relative dates of a sentence, resolved; ``last`` is the last full date the article gave,
    ``year`` the year the text before gave ("2001: … in November")."""
    out = []
    base = dt.date.fromisoformat(last) if last and len(last) == 10 else published
    for m in RELATIVE.finditer(text):
        g = {k: (v.lower() if v else v) for k, v in m.groupdict().items()}
        if g["unit2"]:
            g["which"], g["unit"] = g["which2"], g["unit2"]
        how = f"“{m.group()}” is read against the article's date ({published.isoformat()})"
        value: str | None = None
        if g["day"]:
            value = (published + dt.timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[g["day"]])).isoformat()
        elif g["weekday"]:
            want = WEEKDAYS.index(g["weekday"])
            told = re.search(r"\b(?:said|told|announced|reported|stated|noted|added)\b[^.,;]{0,40}$", text[:m.start()])
            if (planned and not told) or m.group().lower().startswith("next"):  # "will …, Y told reporters on Friday":
                # the telling's Friday is past
                ahead = (want - published.weekday()) % 7 or 7
                value = (published + dt.timedelta(days=ahead)).isoformat()
            else:  # "on Saturday" in a report: the last one before the article, or its own day ("last Friday": a week before)
                back = (published.weekday() - want) % 7 or (7 if m.group().lower().startswith(("last", "past")) else 0)
                value = (published - dt.timedelta(days=back)).isoformat()
        elif g["unit"]:
            step = {"last": -1, "the previous": -1, "this": 0, "next": 1, "the next": 1, "the following": 1}[g["which"]]
            anchor = base if g["which"].startswith("the ") else published
            if g["which"].startswith("the "):
                how = f"“{m.group()}” is read against the last date the article gave ({anchor.isoformat()})"
            if g["unit"] == "year":
                value = f"{anchor.year + step:04d}"
            elif g["unit"] == "month":
                value = _month(anchor, step).isoformat()[:7]
            elif g["unit"] == "day":
                value = (anchor + dt.timedelta(days=step)).isoformat()
            # a week names no day of its own: not given as a date
        elif g["units"]:
            n = _count(g["n"])
            sign = -1 if g["dir"] in ("ago", "earlier") else 1
            anchor = published if g["dir"] == "ago" else base
            unit = g["units"].rstrip("s")
            if g["today"] and g["dir"] == "ago" and unit in ("year", "month"):
                # "Twenty years ago today": the same day of the month, that many years or months back
                month = _month(anchor, -n * (12 if unit == "year" else 1))
                value = _same_day(month, anchor.day).isoformat()
            elif unit == "year":
                if g["dir"] != "ago" and year is not None:  # "In 2008 … Five years later": from the narrative's year
                    anchor = dt.date(year, 1, 1)
                value = f"{anchor.year + sign * n:04d}"
            elif unit == "month":
                value = _month(anchor, sign * n).isoformat()[:7]
            elif unit == "day":
                value = (anchor + dt.timedelta(days=sign * n)).isoformat()
            if g["dir"] != "ago":
                against = (f"the year the text before gave ({year})" if unit == "year" and year is not None
                           else f"the last date the article gave ({anchor.isoformat()})")
                how = f"“{m.group()}” is read against {against}"
        elif g["month"]:  # the next such month in a plan ("will be held in July"), else the last
            want, here = month_number(g["month"]), published.year * 12 + published.month - 1
            word = m.group().split()[0].lower()
            if year is not None and word == "in":
                total = year * 12 + want - 1
                how = f"the year {year} is read from the text before it"
            elif planned or word == "next":
                total = here + ((want - published.month) % 12 or (12 if word == "next" else 0))
            else:
                total = here - ((published.month - want) % 12 or (12 if word == "last" else 0))
            value = f"{total // 12:04d}-{total % 12 + 1:02d}"
        elif g["since"]:  # the date is the clause's after "since", whose parse holds that word
            if not (g["it"] or g["passed"]):
                continue  # "It has met every two years since then"
            n = _count(g["n2"])
            out.append(When(m.start("since"), m.end(), m.group(), f"{published.year - n:04d}", None, how))
            continue
        elif g["n3"]:
            value = f"{published.year - _count(g['n3']):04d}"
        elif g["after"]:
            value = (base + dt.timedelta(days=1)).isoformat() if g["after"] == "day" else f"{base.year + 1:04d}"
            how = f"“{m.group()}” is read against the last date the article gave ({base.isoformat()})"
        if value:
            out.append(When(m.start(), m.end(), m.group(), value, None, how))
    return out


# A year heading a line of a retrospective ("2001: the First Congress …"): the year of what the
# line reports, when the line gives no other date.
HEADING_YEAR = re.compile(r"\s*(?P<year>1[89][0-9]{2}|20[0-9]{2})\s*[:–—]\s")


# "Five years later, in December 2008, …": the written date says again, exactly, when that was.
RESTATED = re.compile(r",?\s*(?:in|on)?\s*", re.IGNORECASE)
QUOTE = re.compile(r"[“\"][^”\"]{1,400}[”\"]")  # a quotation within a sentence
_RELATIVE_YEAR = re.compile(r"\b(?:the\s+)?(next|following|last|previous|this)\s+year\b", re.IGNORECASE)


def sentence_dates(text: str, narrative_year: int | None, published: dt.date, last: str | None) -> list[When]:
    """All the dates of a sentence, in the order written: the written ones, then the relative."""
    first_date = next((w for w in dates(text, 0, None, published) if w.context), None)  # the first without its year
    own = None
    before = text[:first_date.start] if first_date else text
    years = YEAR.findall(before)
    if years:
        own = int(years[-1])  # "2001: … on 9-10 November", "In 2006, on March 16"
    how = None
    if not years and first_date is not None and (rel_year := _RELATIVE_YEAR.search(text)):  # "on June 10-11 next year"
        own = published.year + {"next": 1, "following": 1, "last": -1, "previous": -1}.get(rel_year.group(1).lower(), 0)
        how = f"the year {own} is “{rel_year.group()}” read against the article's date ({published.isoformat()})"
    planned = is_planned(text)
    written = dates(text, 0, own or narrative_year, published, how, planned)
    taken = [(w.start, w.end_offset) for w in written]
    full = [w.value for w in written if len(w.value) == 10]  # "opened on 9 November 2001 … and closed the next day"
    # a relative date a written one restates is not read, nor a year a written day falls in ("held this
    # year's meeting … on 12 December": the day says when; the year only which year that was)
    rel = [w for w in relative(text, published, full[-1] if full else last, planned, own or narrative_year)
           if not any(a < w.end_offset and w.start < b for a, b in taken)
           and not any(x.context is None and x.start >= w.end_offset and RESTATED.fullmatch(text[w.end_offset:x.start])
                       for x in written)
           and not (len(w.value) == 4 and any(len(x.value) > 4 and x.value.startswith(w.value) for x in written))]
    quoted = [m.span() for m in QUOTE.finditer(text)]
    if quoted and any(not any(a <= w.start < b for a, b in quoted) for w in written):
        # '"Today we have 30 Houses," he told a press conference on 14 March': the speaker's today
        # is the day of the telling the sentence gives, not the article's
        rel = [w for w in rel if not any(a <= w.start < b for a, b in quoted)]
    heading = HEADING_YEAR.match(text)
    if heading and not written and not rel:  # "1993: a presidential decree gave the day its present name"
        written = [When(heading.start("year"), heading.end("year"), heading.group("year"), heading.group("year"))]
    return sorted(written + rel, key=lambda w: w.start)


def telling(ctx: Context) -> When | None:
    """ "X told reporters on Friday that …": the day of the telling, written on the verb of saying."""
    roots = [t for t in ctx.doc if t.dep_ == "ROOT"]  # '"… . Today there are 20," X said': a quote's roots come first
    root = next((t for t in roots if t.lemma_.lower() in REPORTING), roots[0] if roots else None)
    if root is None or root.lemma_.lower() not in REPORTING | {"meet", "address"}:  # "X met them on Saturday. He told them"
        return None
    for c in root.children:
        if c.dep_ in ("prep", "npadvmod"):
            a, b = c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)
            got = next((w for w in ctx.when if a <= w.start < b), None)
            if got is not None:
                return got
    return None


def as_of(ctx: Context) -> tuple[str, str | None]:
    """The time a sentence's holding or figure is as of: its own date, else the date of the event
    it speaks of, else the article's."""
    w = ctx.first_date()
    if w is not None:
        return w.value, w.context
    if ctx.r.period is not None:  # "… its work in 2023. Over the year: - the number of Houses rose to 27"
        return ctx.r.period, f"the year {ctx.r.period}, which \"the year\" the lines are of refers to"
    # "the closing session": the event's last day, where the article or the graph gives it
    closing = any(t.lower_ in ("closing", "final") and t.head.lower_ in ("session", "ceremony", "day") for t in ctx.doc)
    events = [t for t in ctx.spoken() if t.type in EVENT_TYPES]
    for event in events:
        got = (closing and ctx.r.date_of(event, "endDate")) or ctx.r.date_of(event)
        if got:
            return got[0], got[1] or f"the date of the {event.label}, which the sentence speaks of"
    root = next((t for t in ctx.doc if t.dep_ == "ROOT"), None)
    past = root is not None and root.tag_ == "VBD"
    if root is not None and root.pos_ == "NOUN":  # "The committee's chairman, Y, handed over …": a parse rooted in its subject
        root = next((c for c in root.children if c.dep_ == "acl" and c.pos_ == "VERB" and c.tag_ in ("VBD", "VBN")), None)
        past = root is not None
    told = ctx.r.telling
    if root is not None and root.lemma_.lower() in REPORTING and told is not None and subject(root) is not None \
            and subject(root).pos_ == "PRON":  # "He also said …": on the day he told the rest
        return told.value, f"the day of the telling this sentence goes on with ({told.text}: {told.value})"
    after = re.match(r"With (?:it|this|that)\b", ctx.text) or re.search(r"\bthus\b", ctx.text) or spoken_there(ctx.doc)
    last = ctx.r.last(EVENT_TYPES) if after or past and root.lemma_.lower() not in REPORTING else None
    # "With it, the number … has reached 25", "… had thus reached 16", "Speaking there, X noted that …":
    # as of the event just told
    got = ((closing and ctx.r.date_of(last, "endDate")) or ctx.r.date_of(last)) if last is not None else None
    if got:  # "Ilham Aliyev … attended the opening session": the past of the event the account is of
        return got[0], got[1] or f"the date of the {last.label}, whose account the sentence goes on with"
    return ctx.r.article.published.isoformat(), None


TENURE = re.compile(r"\b(?:when|after)\s+(?P<first>he|she)\s+(?:took office|took up (?:the|this|his|her) post|was appointed|"
                    r"took over)\b|\b(?:by the time|when|before)\s+(?P<last>he|she)\s+(?:left|stepped down|retired)\b",
                    re.IGNORECASE)


def tenure(ctx: Context, at: int) -> tuple[str, str] | None:
    """ "When he took office, … fewer than 200 organisations …; by the time he left there were more
    than 450": a figure after such a clause (in the same part of the sentence) is as of the start
    (or end) the article gives the holding of the person the pronoun refers to (read from context)."""
    begin = ctx.text.rfind(";", 0, at) + 1
    m = next((m for m in reversed(list(TENURE.finditer(ctx.text))) if begin <= m.start() < at), None)
    field_ = "validFrom" if m is not None and m.group("first") else "validUntil"
    pronoun = next((t for t in ctx.doc if m is not None and t.idx == m.start("first" if field_ == "validFrom" else "last")),
                   None)
    person = ctx.refs.get(pronoun.i) if pronoun is not None else None
    held = [v for k, h in ctx.r.holdings.items() if person is not None and k[1] == person.id
            for v in ctx.r.values(h, field_)]
    if not held:
        return None
    return str(held[-1]), f"the {'start' if field_ == 'validFrom' else 'end'} of {person.label}'s post, “{m.group()}”"
