"""A lexical view of SPARQL text: tokens, nesting depth, SERVICE clauses, the query form, and
where the outermost WHERE group opens.

Why by hand: the server must answer these questions for every request, fast, from many threads,
on text an attacker wrote. rdflib's parser is slow (seconds for 80 kB), not thread-safe
(pyparsing) and recursive (it fails on 25 nested parentheses); Oxigraph's parser, the one that
runs the query, exposes no syntax tree. A tokenizer needs no recursion and no lock, runs in
linear time, and these questions need no more than tokens.

The one ambiguity of SPARQL's tokens is ``<``: an IRI opener or the less-than operator. An IRI
written without spaces reads the same both ways, except when it holds an apostrophe, which
starts a string if ``<`` is the operator; such text is refused as :class:`Ambiguous`, so the
tokens read here are the tokens Oxigraph reads. Codepoint escapes (``\\u0053ERVICE``) are looked
at both decoded, as the SPARQL grammar says, and as written, and a finding in either counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Order matters: long strings before short ones, IRIs before the '<' operator, prefixed names before words.
_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<bnode>_:[\w.\-\u00b7]*)
  | (?P<pname>(?:[^\W\d_][\w.\-]*)?:(?:[\w:.\-%]|\\[_~.\-!$&'()*+,;=/?\#@%])*)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<word>[^\W\d][\w]*)
  | (?P<punct>.)
""", re.VERBOSE | re.DOTALL)

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
OPENERS, CLOSERS = "({[", ")}]"
UPDATE_WORDS = {"insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"}
QUERY_WORDS = {"select", "construct", "describe", "ask"}


class Ambiguous(ValueError):
    """Text whose tokens two SPARQL parsers could read differently."""


@dataclass(frozen=True)
class Token:
    kind: str  # ws, comment, string, iri, var, bnode, pname, lang, number, word, punct
    text: str
    start: int


def decode_escapes(text: str) -> str:
    """Codepoint escapes (\\uXXXX, \\UXXXXXXXX) decoded, as SPARQL does before parsing."""
    def one(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group(0)

    return _ESCAPE.sub(one, text)


def tokens(text: str) -> Iterator[Token]:
    """The tokens of ``text``, whitespace and comments included; :class:`Ambiguous` on ``<…'…>``."""
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "iri" and "'" in m.group():
            raise Ambiguous(f"'{m.group()[:40]}' at character {m.start()} reads as an IRI or as '<' and a string; "
                            "write %27 for an apostrophe in an IRI, or put spaces around '<' when it compares")
        yield Token(kind, m.group(), m.start())


def code(text: str) -> list[Token]:
    """The significant tokens (no whitespace, no comments)."""
    return [t for t in tokens(text) if t.kind not in ("ws", "comment")]


def _views(text: str) -> tuple[str, ...]:
    decoded = decode_escapes(text)
    return (text,) if decoded == text else (decoded, text)


def depth(text: str) -> int:
    """The deepest nesting of brackets, braces and parentheses, counted in IRIs too (so that
    nothing read as an IRI here can hide nesting that another reading would see)."""
    deepest = 0
    for view in _views(text):
        level = 0
        for t in tokens(view):
            if t.kind in ("string", "comment"):
                continue
            for ch in t.text:
                if ch in OPENERS:
                    level += 1
                    deepest = max(deepest, level)
                elif ch in CLOSERS:
                    level = max(0, level - 1)
    return deepest


def services(text: str) -> tuple[str | None, ...]:
    """The endpoints the SERVICE clauses of a query call: an IRI, or None where the endpoint is a
    variable, a prefixed name or anything else not known before running; () when there is none."""
    found: list[str | None] = []
    for view in _views(text):
        toks = code(view)
        for i, t in enumerate(toks):
            if t.kind == "word" and t.text.lower() == "service":
                j = i + 1
                if j < len(toks) and toks[j].kind == "word" and toks[j].text.lower() == "silent":
                    j += 1
                target = toks[j] if j < len(toks) else None
                iri = target.text[1:-1] if target is not None and target.kind == "iri" else None
                found.append(iri if iri and re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", iri) else None)
    return tuple(dict.fromkeys(found))


def form(text: str) -> str | None:
    """The first keyword after the prologue, lower-cased: select, construct, describe, ask, or an
    update's first word (insert, delete, load, …); None when there is none."""
    skip = 0
    for t in tokens(decode_escapes(text)):  # read lazily: only the prologue and one keyword
        if t.kind in ("ws", "comment"):
            continue
        if skip:
            skip -= 1
        elif t.kind == "word" and t.text.lower() == "base":
            skip = 1
        elif t.kind == "word" and t.text.lower() == "prefix":
            skip = 2
        elif t.kind == "word":
            return t.text.lower()
        else:
            return None
    return None


def is_update(text: str) -> bool:
    """Whether the text is written as a SPARQL Update (its first keyword is an update's)."""
    try:
        return form(text) in UPDATE_WORDS
    except Ambiguous:
        return False


def where_group(text: str) -> int:
    """The offset just after the '{' that opens the query's outermost WHERE group.

    That is the first '{' after the keyword WHERE at the top level, or, for a query written
    without WHERE (``SELECT * { … }``, ``ASK { … }``), the first top-level '{' of a query that
    is not a CONSTRUCT (whose first brace opens its template). ValueError if there is none."""
    level, seen_where, kind = 0, False, None
    for t in code(text):
        if t.kind == "word" and kind is None and t.text.lower() in QUERY_WORDS:
            kind = t.text.lower()
        if level == 0 and t.kind == "word" and t.text.lower() == "where":
            seen_where = True
        if t.kind == "punct" and t.text in "({":
            if t.text == "{" and level == 0 and (seen_where or kind in ("select", "ask", "describe")):
                return t.start + 1
            level += 1
        elif t.kind == "punct" and t.text in ")}":
            level = max(0, level - 1)
    raise ValueError("the query has no WHERE group")
