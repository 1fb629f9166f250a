"""What ingest recognises in a sentence, before it knows what the sentence says: dates at their
precision, reported figures with their hedge and what they count, ordinal editions and
anniversaries, and capitalised names the graph does not hold yet.

Dates: a regular expression finds the expressions news English (and Azerbaijani) writes ("June
3-4", "on November 9-10, 2001", "in April 2018", "in 2023", "6 dekabr 1991"), already split into
day, month and year, so its precision (day, month or year) is the groups it filled. A month's name
is looked up in a table of the two languages' names and ``datetime.date`` checks the day (30
February is no date). dateparser did this once; it took 0.6 s of a 5,000-word article's 3 s,
almost all of it compiling its locales' patterns, to read what the groups already say. A date without its
year takes the year of the text before it (the narrative's year: "Later that year, on December
27"), else the article's year, or the one before or after it where the article's would put the day
half a year or more on the wrong side of the article (a report of 3 January telling of "31
December"); either way it is marked as read from context. "05.07.2002" is day first.

Figures are found by hand: no library keeps a hedge ("about 500", "more than 450", "nearly 100",
"hundreds of", "several") with the number, and dropping a hedge is the error ingest exists to
prevent.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MAX_DIGITS = 12  # more is no figure a report gives (a trillion)

_EN_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
              "Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sep\\.?|Sept\\.?|Oct\\.?|Nov\\.?|Dec\\.?")
_AZ_MONTHS = "yanvar|fevral|mart|aprel|may|iyun|iyul|avqust|sentyabr|oktyabr|noyabr|dekabr"
MONTH = f"(?:{_EN_MONTHS}|{_AZ_MONTHS})"
# The months' full names in both languages, with their numbers; an abbreviation ("Sept.") is the
# start of one (the two languages agree where their names begin alike: mar/mart, may).
_MONTH_NUMBER = {name.lower(): i for names in (_EN_MONTHS.split("|")[:12], _AZ_MONTHS.split("|"))
                 for i, name in enumerate(names, 1)}


def month_number(name: str) -> int:
    """The number of a month that MONTH matched ("June", "Sept.", "dekabr")."""
    name = name.lower().rstrip(".")
    return next(n for full, n in _MONTH_NUMBER.items() if full.startswith(name))
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])"
_YEAR = r"(?:1[89][0-9]{2}|20[0-9]{2})"
_DASH = r"\s*[-–—]\s*"
# The second day of a range: "9-10", "from July 20 to July 30", "from July 15 to 25"; "to 25" followed by a
# word is a count ("to 25 countries"), not a day.
_UNTIL = (r"(?:\s*[-–—]\s*|\s+(?:to|until|till|through)\s+(?=(?:\w+\s+)?\d{1,2}\b(?!\s+(?!in\b|at\b|on\b|and\b|with\b|"
          r"next\b|this\b|last\b)(?-i:[a-z]))))")

# Longest forms first: "November 9-10, 2001" before "November 9".
DATE = re.compile(
    rf"\b(?P<m1>{MONTH})\s+(?P<d1>{_DAY})(?:st|nd|rd|th)?(?:{_UNTIL}(?:(?P<m1b>{MONTH})\s+)?(?P<d1b>{_DAY})(?:st|nd|rd|th)?"
    rf"\b)?(?:,?\s+(?P<y1>{_YEAR}))?\b"
    rf"|\b(?P<d2>{_DAY})(?:(?:{_UNTIL}|(?P<and2>\s+and\s+))(?P<d2b>{_DAY}))?\s+(?P<m2>{MONTH})(?:,?\s+(?P<y2>{_YEAR}))?\b"
    rf"|\b(?P<m3>{MONTH})\s+(?P<y3>{_YEAR})\b"
    rf"|\b[Ff]rom\s+(?P<y6>{_YEAR})\s+(?:to|until|till)\s+(?P<y6b>{_YEAR})\b"  # "led it from 2002 to 2018": a range
    rf"|\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Oo]f|[Ff]rom)\s+(?P<y4>{_YEAR})\b"
    rf"|\b(?P<d5>{_DAY})\.(?P<m5>1[0-2]|0?[1-9])\.(?P<y5>{_YEAR})\b",  # "dated 05.07.2002": day first, as the region writes it
    re.IGNORECASE)
YEAR = re.compile(rf"\b{_YEAR}\b")


@dataclass(frozen=True)
class When:
    """A date as the article gives it: ``value`` in the records' form (YYYY-MM-DD, YYYY-MM, YYYY),
    ``end`` for a range, ``context`` when the year was not in the expression."""

    start: int
    end_offset: int
    text: str
    value: str
    end: str | None = None
    context: str | None = None  # how the year was read, when it was not written


def _day(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), month_number(month), int(day))
    except ValueError:
        return None  # "February 30"


def dates(sentence: str, offset: int, narrative_year: int | None, published: dt.date, how: str | None = None,
          planned: bool = False) -> list[When]:
    """The dates of a sentence (``offset``: where it stands in the article; ``how``: where the
    narrative's year was read, when not from the text before; ``planned``: the sentence announces)."""
    out = []
    for m in DATE.finditer(sentence):
        g = m.groupdict()
        if g["d5"]:
            try:
                day = dt.date(int(g["y5"]), int(g["m5"]), int(g["d5"]))
            except ValueError:
                continue
            out.append(When(offset + m.start(), offset + m.end(), m.group(), day.isoformat()))
            continue
        if g["y6"]:
            out.append(When(offset + m.start("y6"), offset + m.end(), m.group()[m.start("y6") - m.start():], g["y6"], g["y6b"]))
            continue
        if g["y4"]:
            out.append(When(offset + m.start("y4"), offset + m.end(), g["y4"], g["y4"]))
            continue
        if g["m3"]:
            month = month_number(g["m3"])
            out.append(When(offset + m.start(), offset + m.end(), m.group(), f"{int(g['y3']):04d}-{month:02d}"))
            continue
        month, day, day2, year = ((g["m1"], g["d1"], g["d1b"], g["y1"]) if g["m1"] else (g["m2"], g["d2"], g["d2b"], g["y2"]))
        context = None
        if not year:
            year = str(narrative_year or published.year)
            context = (how or f"the year {year} is read from the text before it" if narrative_year
                       else f"the year {year} is the article's ({published.isoformat()})")
        first = _day(day, month, year)
        if first is None:
            continue
        if not g["y1"] and not g["y2"] and not narrative_year:
            # The article's year, unless the day would then lie half a year or more on the wrong
            # side of the article: "on 31 December" in a report of 3 January is the year before,
            # "on 10 January" in a plan announced on 20 December the year after.
            shift = (-1 if not planned and (first - published).days > 183
                     else 1 if planned and (published - first).days > 183 else 0)
            if shift and (moved := _day(day, month, str(int(year) + shift))) is not None:
                year, first = str(int(year) + shift), moved
                context = (f"the year {year} is the one {'before' if shift < 0 else 'after'} the article's "
                           f"({published.isoformat()}): the day would otherwise lie "
                           f"{'months after' if shift < 0 else 'months before'} it")
        last = _day(day2, g.get("m1b") or month, year) if day2 else None
        if g.get("and2") and last is not None and last != first + dt.timedelta(days=1):
            last = None  # "on 3 and 4 June" is a two-day range; "on 3 and 10 June", two days apart, is not
        out.append(When(offset + m.start(), offset + m.end(), m.group(), first.isoformat(),
                        last.isoformat() if last else None, context))
    return out


# --- figures ---------------------------------------------------------------------------------

HEDGES = (
    (r"about|around|approximately|some|roughly|an estimated", "approximately"),
    (r"nearly|almost|close to|just under", "nearly"),
    (r"more than|over|upwards of|at least|in excess of", "more-than"),
    (r"less than|fewer than|under|up to", "less-than"),
)
NUMBER_WORDS = {w: i for i, w in enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
               "hundred": 100, "a hundred": 100, "one hundred": 100, "a thousand": 1000, "one thousand": 1000})
NUMBER_WORDS.update({f"{w} {unit}": n * size for w, n in list(NUMBER_WORDS.items()) if 2 <= n <= 9  # "two hundred"
                     for unit, size in (("hundred", 100), ("thousand", 1000))})
NUMBER_WORDS.update({f"{tens}-{unit}": NUMBER_WORDS[tens] + n for tens in ("twenty", "thirty", "forty", "fifty", "sixty",  # "thirty-five"
                     "seventy", "eighty", "ninety") for unit, n in list(NUMBER_WORDS.items()) if 1 <= n <= 9})
NUMBER_WORDS.update({"a dozen": 12, "one dozen": 12})
_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+|" + "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True))
HEDGE_WORDS = "|".join(h for h, _ in HEDGES)
_NOUN_WORD = r"(?:[“\"]?[A-Za-z][\w’'-]*[”\"]?)"
_STOP = {"in", "from", "across", "of", "and", "to", "were", "was", "are", "is", "have", "has", "had", "joined", "took",
         "attended", "at", "on", "for", "with", "by", "that", "which", "who", "the", "a", "an", "this", "their"}
FIGURE = re.compile(
    rf"(?<![\w.,-])(?:(?P<hedge>{HEDGE_WORDS})\s+)?(?P<number>{_NUMBER})(?![\w%.,-]?\d)(?!\s*(?:st|nd|rd|th)\b)"
    rf"(?=\s+(?P<noun>{_NOUN_WORD}(?:\s+{_NOUN_WORD}){{0,3}}))"
    rf"|(?P<vague>\b(?:hundreds|thousands|dozens|tens) of|\b[Ss]everal|\b[Mm]any|\b[Nn]umerous)(?=\s+(?P<vnoun>{_NOUN_WORD}(?:\s+{_NOUN_WORD}){{0,3}}))",
    re.IGNORECASE)


VALUE = re.compile(rf"\s*(?:to\s+|at\s+)?(?:(?P<hedge>{HEDGE_WORDS})\s+)?(?P<number>\d{{1,3}}(?:,\d{{3}})+|\d+)(?![\w.,]?\d)")


def hedge_name(words: str | None) -> str:
    """The hedge a figure's words give: "more than" is more-than; none is exact."""
    if not words:
        return "exact"
    return next(name for pattern, name in HEDGES if re.fullmatch(pattern, words.lower()))


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    stated_as: str  # the article's words: "over 90 weekend schools"
    value: int | None  # None for "hundreds of", "several"
    hedge: str  # exact, approximately, nearly, more-than, less-than, hundreds, thousands, dozens, several, many
    counts: str  # what it counts: "weekend schools"
    preposition: str | None  # the word before it: "in 81 countries", "from over 86 countries"


def _noun(words: str) -> str:
    """What a figure counts: the words after it, up to a preposition, a verb or the end of a plural
    ("hundreds of diaspora organizations operate" counts diaspora organizations)."""
    kept = []
    for w in words.split():
        if w.lower().strip("“”\"") in _STOP:
            break
        kept.append(w)
        if w.endswith(("”", '"')) and len(kept) > 1:
            break
        if re.fullmatch(r"[a-z][\w-]*[^s]s|[A-Z][\w-]*[^s]s|people|children|men|women", w):
            break
    return " ".join(kept)


INCREMENTS = {"more", "further", "additional", "extra"}


def figures(sentence: str, offset: int, taken: list[tuple[int, int]]) -> list[Figure]:
    """The reported figures of a sentence; ``taken`` are the spans of its dates (no figure there)."""
    out = []
    for m in FIGURE.finditer(sentence):
        a, b = offset + m.start(), offset + m.end()
        if any(a < e and s < b for s, e in taken):
            continue
        before = sentence[:m.start()].split()
        prep = before[-1].lower() if before else None
        if m.group("vague"):
            counts = _noun(m.group("vnoun"))
            if not counts:
                continue
            vague = m.group("vague").lower().split()[0]
            stated = sentence[m.start():m.start("vnoun")] + counts
            out.append(Figure(a, offset + m.start() + len(stated), stated, None, vague, counts, prep))
            continue
        counts = _noun(m.group("noun"))
        raw = m.group("number").lower()
        if not counts or YEAR.fullmatch(raw) or (raw[0].isdigit() and len(raw.replace(",", "")) > MAX_DIGITS):
            continue  # a year; or a number of more digits than any count of people or places (the data holds 18)
        if counts.split()[0].lower() in INCREMENTS:
            continue  # "five more Houses would open": how many are added, not how many there are
        value = int(raw.replace(",", "")) if raw[0].isdigit() else NUMBER_WORDS[raw]
        hedge = hedge_name(m.group("hedge"))
        stated = sentence[m.start():m.start("noun")] + counts
        out.append(Figure(a, a + len(stated), stated, value, hedge, counts, prep))
    return out


# --- ordinals, anniversaries, new names --------------------------------------------------------

ORDINALS = {w: i for i, w in enumerate(["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"])}
_ORDINAL = r"(?P<ordinal>(?i:\d{1,3}(?:st|nd|rd|th)|" + "|".join(ORDINALS) + "))"
_MONTH_NAMES = "(?:" + "|".join(_EN_MONTHS.split("|")[:12]) + r")\b"
_WEEKDAY_NAMES = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_CAP = rf"(?!{_MONTH_NAMES}|{_WEEKDAY_NAMES})[A-ZƏİÖÜÇŞĞ][\w’'-]*"  # a month or weekday is no part of a name
_CONNECT = r"(?:(?:of|for|on|with) the|of|for|on|with|and)"  # "… on Work with the Diaspora"
NAME = rf"{_CAP}(?:\s+(?:{_CONNECT}\s+)?{_CAP})*"
CAPITALISED = re.compile(rf"(?<![\w’'-]){NAME}")
ANNIVERSARY = re.compile(rf"(?<![\w-]){_ORDINAL}\s+anniversary\s+of\s+(?:the\s+)?(?P<of>{NAME})")
QUOTED = re.compile(r"[“\"](?P<name>[^”\"]{3,120})[”\"]")

_ROMAN_WORD = r"(?:X{0,3})(?:IX|IV|V?I{1,3}|V)"
_ORD = r"(?:\d{1,3}(?:st|nd|rd|th)|" + "|".join(ORDINALS) + ")"
# "the IV Congress of World Azerbaijanis", "the 2nd Congress", "the fourth congress", "Third Forum of …", "the 5th
# Summer Camp of Diaspora Youth", "the first Qurultay": an ordinal, up to three capitalised words, an event's head word
_EVENT_HEAD = (r"(?:[Cc]ongress|[Qq]urultay|[Ff]orum|[Mm]eeting|[Ss]ummit|[Cc]onference|Camp|School|Festival|Games|"
               r"Olympiad|Session|Seminar|Symposium|Exhibition|Concert)")
EDITION = re.compile(rf"(?<![\w-])(?P<ordinal>(?i:{_ORD})|{_ROMAN_WORD})\s+(?P<series>(?:[A-Z][\w’'-]*\s+){{0,3}}?"
                     rf"{_EVENT_HEAD}(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:(?:of|and|for)\s+)?"
                     rf"[A-Z][\w’'-]*)*)?)(?![\w’'-])")
# "the ninth summer camp of diaspora youth", "the third youth forum": in lower case, an edition only
# with a word before the head, and only of the heads a series of gatherings has (not "meeting", "session")
_LOWER_HEAD = r"(?:camp|school|festival|games|olympiad|forum|congress|qurultay|conference|summit)"
_FREE_WORD = r"(?!(?:in|at|on|and|or|of|for|to|from|with|by|the|this|that|which|who|was|were|will|is|are|be)\b)[a-z][\w-]*"
LOWER_EDITION = re.compile(rf"(?<![\w-])(?P<ordinal>{'|'.join(ORDINALS)}|\d{{1,3}}(?:st|nd|rd|th))\s+(?P<series>"
                           rf"(?:{_FREE_WORD}\s+){{1,3}}?{_LOWER_HEAD}(?:\s+(?:of|for)\s+(?:the\s+)?{_FREE_WORD}"
                           rf"(?:\s+{_FREE_WORD}){{0,2}})?)(?![\w’'-])")


def ordinal(text: str) -> int:
    t = text.lower()
    return int(re.sub(r"\D", "", t)) if t[0].isdigit() else ORDINALS[t]


ORDINAL_WORDS = {i: w for w, i in ORDINALS.items()}


def ordinal_word(n: int) -> str:
    return ORDINAL_WORDS.get(n, f"{n}th")


def narrative_year(sentence: str) -> int | None:
    """The last year a sentence writes, as the year later undated days fall in."""
    years = YEAR.findall(sentence)
    return int(years[-1]) if years else None
