"""Content negotiation: which serialisation answers a request.

The ``Accept`` header is parsed by Werkzeug (q-values, wildcards, several types
in one header); a ``format`` parameter (a short name or a media type) wins over
the header, as the SPARQL protocol's implementations customarily allow.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from werkzeug.datastructures import LanguageAccept, MIMEAccept
from werkzeug.http import parse_accept_header


@dataclass(frozen=True)
class Format:
    name: str  # short name for ?format=
    media_type: str  # what the response says it is
    aliases: tuple[str, ...] = ()  # other media types a client may ask for

    def offers(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


#: SELECT and ASK results (SPARQL 1.1 Query Results formats); the first is the default.
RESULTS = (
    Format("json", "application/sparql-results+json", ("application/json",)),
    Format("xml", "application/sparql-results+xml", ("application/xml",)),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values"),
)
#: CONSTRUCT and DESCRIBE results, and entity descriptions; the first is the default.
GRAPHS = (
    Format("turtle", "text/turtle", ("application/x-turtle",)),
    Format("jsonld", "application/ld+json", ("application/json",)),
    Format("nt", "application/n-triples", ("text/plain",)),
)
HTML = Format("html", "text/html", ("application/xhtml+xml",))

RESULTS_OX = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
              "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
GRAPHS_OX = {"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES}
EXTENSIONS = {"html": HTML, "ttl": GRAPHS[0], "jsonld": GRAPHS[1], "nt": GRAPHS[2]}


class NotAcceptable(Exception):
    """None of the formats on offer is acceptable to the client."""

    def __init__(self, offered: tuple[Format, ...]):
        super().__init__(offered)  # the only argument, so the exception pickles (it crosses processes)
        self.offered = offered

    def __str__(self) -> str:
        return "none of the formats this resource has is acceptable: " + ", ".join(f.media_type for f in self.offered)


def choose(accept: str | None, offered: tuple[Format, ...], format_param: str | None = None) -> Format:
    """The format to answer in. ``format_param`` (name or media type) overrides ``accept``.

    No Accept header means anything goes: the first format on offer.
    Raises NotAcceptable when nothing offered matches.
    """
    if format_param:
        wanted = format_param.strip().lower()
        for f in offered:
            if wanted == f.name or wanted in f.offers():
                return f
        raise NotAcceptable(offered)
    if not accept or not accept.strip():
        return offered[0]
    parsed = parse_accept_header(accept, MIMEAccept)
    best, best_q = None, 0.0
    for f in offered:  # the client's preference decides; our order breaks ties
        q = max(parsed.quality(m) for m in f.offers())
        if q > best_q:
            best, best_q = f, q
    if best is None:
        raise NotAcceptable(offered)
    return best


def languages(accept_language: str | None, lang_param: str | None = None) -> list[str]:
    """The reader's languages, most wanted first (``lang`` parameter, then Accept-Language), then English."""
    wanted: list[str] = []
    if lang_param:
        wanted.append(lang_param.strip().lower())
    if accept_language:
        parsed = parse_accept_header(accept_language, LanguageAccept)
        wanted += [value.lower() for value, q in parsed if q > 0 and value != "*"]
    wanted.append("en")
    return list(dict.fromkeys(w.split("-")[0] for w in wanted if w))
