"""The chart of the network's figures over the years: each figure a point at its "as of" date,
with its hedge kept (a hollow mark and "more than", "about" or "nearly" beside the number), one line
per network and measure. Drawn as SVG on the server from the rows of kg/site/queries/figures.rq;
no script. A figure with no number ("hundreds of") is listed under the chart, not drawn."""

from __future__ import annotations

from dataclasses import dataclass

from kg.site.timeline import when

HEDGE_WORDS = {"exact": "", "approximately": "about ", "nearly": "nearly ", "more-than": "more than ",
               "less-than": "less than ", "hundreds": "hundreds", "several": "several"}
COLOURS = ("#1f5f8b", "#8a3b12", "#2e7d32", "#6a1b9a", "#00838f", "#ad1457")


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    date: str
    value: int
    hedge: str
    label: str  # "more than 90": the number as the source hedged it
    href: str


@dataclass(frozen=True)
class Series:
    name: str  # "Azerbaijani Houses: number of Azerbaijani Houses"
    about: str
    colour: str
    points: list[Point]


@dataclass(frozen=True)
class Chart:
    series: list[Series]
    unplotted: list[tuple[str, str, str]]  # (network, date, words): figures without a number
    years: list[tuple[int, float]]
    ticks: list[tuple[int, float]]  # the value axis
    width: int
    height: int
    left: int
    bottom: int


def chart(rows: list[dict], about: str | None = None, href=lambda iri: iri, width: int = 760, height: int = 300) -> Chart | None:
    """The chart of the figures in ``rows`` (SPARQL JSON bindings of figures.rq), of ``about`` only
    when given; None when there is no figure with a number to draw."""
    def v(r, k):
        return r.get(k, {}).get("value", "")

    rows = [r for r in rows if about is None or v(r, "about") == about]
    numbered = [r for r in rows if v(r, "value")]
    if not numbered:
        return None
    left, right, top, bottom = 48, 110, 16, 36  # room on the right for the last labels ("more than 90")
    first = int(min(when(v(r, "date"))[0] for r in numbered))
    last = int(max(when(v(r, "date"))[0] for r in numbered)) + 1
    top_value = max(int(v(r, "value")) for r in numbered)
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000) if top_value / s <= 6)
    y_max = step * (top_value // step + 1)

    def x_of(t):
        return round(left + (t - first) / max(last - first, 1) * (width - left - right), 1)

    def y_of(n):
        return round(height - bottom - n / y_max * (height - top - bottom), 1)

    groups: dict[tuple[str, str], list[dict]] = {}
    for r in numbered:
        groups.setdefault((v(r, "aboutName"), v(r, "measure")), []).append(r)
    series = []
    for i, ((name, measure), items) in enumerate(sorted(groups.items())):
        points = [Point(x_of(when(v(r, "date"))[0]), y_of(int(v(r, "value"))), v(r, "date"), int(v(r, "value")), v(r, "hedge"),
                        f"{HEDGE_WORDS.get(v(r, 'hedge'), '')}{v(r, 'value')}", href(v(r, "obs")))
                  for r in sorted(items, key=lambda r: when(v(r, "date"))[0])]
        series.append(Series(f"{name}: {measure}", v(items[0], "about"), COLOURS[i % len(COLOURS)], points))
    unplotted = sorted((v(r, "aboutName"), v(r, "date"), v(r, "statedAs") or HEDGE_WORDS.get(v(r, "hedge"), ""))
                       for r in rows if not v(r, "value"))
    years = [(y, x_of(y)) for y in range(first, last + 1)]
    ticks = [(n, y_of(n)) for n in range(0, y_max + 1, step)]
    return Chart(series, unplotted, years, ticks, width, height, left, bottom)
