"""Content negotiation: which serialisation answers a request.

The ``Accept`` header is parsed by Werkzeug (q-values, wildcards, several types
in one header); a ``format`` parameter (a short name or a media type) wins over
the header, as the SPARQL protocol's implementations customarily allow.
"""

from __future__ import annotations

from werkzeug.datastructures import LanguageAccept, MIMEAccept
from werkzeug.http import parse_accept_header

from kg.errors import NotAcceptable
from kg.rdf.formats import GRAPHS, HTML, RESULTS, Format

__all__ = ["GRAPHS", "HTML", "PAGES", "RESULTS", "EXTENSIONS", "Format", "NotAcceptable", "choose", "languages"]


#: What an entity's address answers: its page, or its description in an RDF format.
PAGES = (HTML, *GRAPHS)
#: ``/doc/…`` with an extension: the format it names.
EXTENSIONS = {f.extension: f for f in PAGES}


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
