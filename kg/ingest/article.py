"""An article as ingest reads it: its text (checked to be readable prose), its date, its hash, and
its sentences with their places in the text.

A sentence here is what the build accepts as a quote (``kg.build.check.whole_sentences``): pysbd
finds the boundaries (it knows abbreviations, quotations and decimal points), and a boundary the
build would not accept is merged with the next sentence, so that every quote ingest proposes
passes the build's verbatim check by construction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pysbd

from kg.build.check import whole_sentences
from kg.build.load import ARTICLE_HEADER
from kg.errors import DataError, UsageError
from kg.rdf.files import read_text_file

ARTICLE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ARTICLE_BYTES = 2_000_000  # about 300,000 words: no news article is larger
MAX_ID = 100  # characters: an id names files, whose names have a length limit

# What a file that is not plain text starts with: refused with a name, not read as prose.
_FORMATS = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP container (a Word or OpenDocument file)"),
    (b"{\\rtf", "an RTF document"),
    (b"\xd0\xcf\x11\xe0", "an old Word or Excel document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)
_MARKUP = re.compile(r"\s*(?:<!doctype html|<html|<\?xml|<rss|<feed)", re.IGNORECASE)
# Bidirectional controls (embeddings, overrides, isolates): they make a text show other than it reads
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# What no prose holds, and what costs the pipeline's tokenizer time in the square of its length (it
# strips one affix at a time from a run of punctuation): refused, so reading stays linear in the text
MAX_WORD, MAX_SYMBOLS = 1_000, 50
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD + 1},}}")
_SYMBOL_RUN = re.compile(rf"[^\w\s]{{{MAX_SYMBOLS + 1},}}")


def refuse_formats(head: bytes, shown: str) -> None:
    """A DataError naming the format if ``head`` (a file's first bytes) is a document of another kind."""
    for magic, what in _FORMATS:
        if head.startswith(magic):
            raise DataError(f"{shown}: this is {what}, not plain text; save the article as UTF-8 text (.txt) and ingest that")


def check_prose(text: str, shown: str) -> str:
    """``text`` if it is readable prose, with its line ends made plain; a DataError naming ``shown``
    otherwise (control characters, bidirectional controls, markup, nothing but blanks). A UTF-8
    byte-order mark, which some editors write first, is no part of the text: it goes."""
    text = text.removeprefix("\ufeff")
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in text):
        raise DataError(f"{shown}: holds control characters, so it is not plain text; save the article as UTF-8 text")
    bidi = _BIDI.search(text)
    if bidi:
        raise DataError(f"{shown}: holds a bidirectional control character (U+{ord(bidi.group()):04X}) at character "
                        f"{bidi.start()}, which makes text show other than it reads; remove it")
    if _MARKUP.match(text):
        raise DataError(f"{shown}: this is HTML or XML markup, not the article's text; save the page as plain text")
    run = _LONG_WORD.search(text) or _SYMBOL_RUN.search(text)
    if run:
        what = f"{len(run.group())} characters without a space" if len(run.group()) > MAX_WORD else \
            f"a run of {len(run.group())} punctuation marks or symbols"
        raise DataError(f"{shown}: holds {what} at character {run.start()}, which is not prose (at most {MAX_WORD} "
                        f"characters to a word, {MAX_SYMBOLS} marks in a row)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    header = ARTICLE_HEADER.match(text)
    if not text[header.end() if header else 0:].strip():
        raise DataError(f"{shown}: the file holds no text; give the article's text")
    return text


def text_hash(data: bytes) -> str:
    """What a review is keyed by: the hash of the article's text as held."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the article's text
    index: int  # 0, 1, … in reading order

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Article:
    """A news article to ingest: ``text`` exactly as it will be held in data/sources/."""

    id: str
    text: str
    published: dt.date
    publisher: str | None = None
    url: str | None = None
    title: str | None = None

    @property
    def sha256(self) -> str:
        return text_hash(self.text.encode("utf-8"))

    @cached_property
    def body_start(self) -> int:
        """Where the text after the leading date header begins."""
        header = ARTICLE_HEADER.match(self.text)
        return header.end() if header else 0

    @cached_property
    def sentences(self) -> list[Sentence]:
        return split_sentences(self.text, self.body_start)


_SEGMENTER = None


def _segmenter() -> pysbd.Segmenter:
    global _SEGMENTER
    if _SEGMENTER is None:
        _SEGMENTER = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return _SEGMENTER


def split_sentences(text: str, start: int = 0) -> list[Sentence]:
    """The sentences of ``text[start:]``, line by line (a line end ends a sentence, as in the build)."""
    out: list[Sentence] = []
    offset = start
    for line in text[start:].split("\n"):
        begin = None  # where the sentence being gathered begins in the line
        for piece in _segmenter().segment(line) if line.strip() else ():
            begin = piece.start if begin is None else begin
            chunk = line[begin:piece.end]
            if chunk.strip() and whole_sentences(chunk.strip(), text):
                lead = len(chunk) - len(chunk.lstrip())
                out.append(Sentence(chunk.strip(), offset + begin + lead, len(out)))
                begin = None
            # else: the build would not end a sentence here, so the next piece joins this one
        offset += len(line) + 1
    return out


def read_article(path: Path, article_id: str, published: dt.date | None = None, *, publisher: str | None = None,
                 url: str | None = None, title: str | None = None) -> Article:
    """Read a plain-text article; anything that is not readable prose is a DataError naming the
    file, and a missing date a UsageError (the date anchors every date the article gives without
    its year)."""
    shown = str(path)
    if not ARTICLE_ID.fullmatch(article_id or "") or len(article_id) > MAX_ID:
        raise UsageError(f"--id {article_id[:120]!r}: an article id is lower-case letters, digits and hyphens, "
                         f"{MAX_ID} at most, such as article-2026-06-04-fifth-congress")
    head = b""
    if path.is_file():  # a pipe or a device is refused by read_text_file below, never opened here
        try:
            with path.open("rb") as f:
                head = f.read(16)
        except OSError as exc:
            raise DataError(f"{shown}: cannot read the file: {exc.strerror}") from None
    refuse_formats(head, shown)
    text = check_prose(read_text_file(path, shown, limit=MAX_ARTICLE_BYTES), shown)
    header = ARTICLE_HEADER.match(text)
    try:
        stated = dt.date.fromisoformat(header.group(1)) if header else None
    except ValueError:
        raise DataError(f"{shown}: its date line gives {header.group(1)}, which is no day; correct it, or give "
                        "--published YYYY-MM-DD") from None
    if published and stated and published != stated:
        raise UsageError(f"--published {published} disagrees with the article's own date line ({stated}); give one date")
    day = published or stated
    if day is None:
        raise UsageError(f"{shown}: the article's date is unknown; give --published YYYY-MM-DD (or start the text "
                         "with a line ' date YYYY-MM-DD', as the files of data/sources/ do)")
    if not header:
        text = f" date {day.isoformat()} {text}" if not text.startswith("\n") else f" date {day.isoformat()}{text}"
    return Article(article_id, text, day, publisher, url, title)
