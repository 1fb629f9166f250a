"""The text to check, read from a file or from standard input: UTF-8 prose of a bounded size, or a
DataError that says what it is instead (the checks of ``kg.ingest.article`` follow when it is read)."""

from __future__ import annotations

import sys
from pathlib import Path

from kg.check import MAX_TEXT_CHARS
from kg.errors import DataError
from kg.ingest.article import refuse_formats
from kg.rdf.files import read_text_file

MAX_TEXT_BYTES = MAX_TEXT_CHARS * 4  # UTF-8 takes at most four bytes a character


def read_text(where: str) -> str:
    """The text of the file ``where``, or of standard input for ``-``."""
    if where != "-":
        path = Path(where)
        text = read_text_file(path, where, limit=MAX_TEXT_BYTES)
        refuse_formats(text[:16].encode("utf-8", "surrogatepass"), where)
        return text
    data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise DataError(f"the text on standard input is larger than {MAX_TEXT_BYTES} bytes; check it in parts")
    return decode(data, "the text on standard input")


def decode(data: bytes, shown: str) -> str:
    """Bytes as UTF-8 text, or a DataError naming ``shown`` (a document of another kind, or bytes
    that are not UTF-8)."""
    refuse_formats(data[:16], shown)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{shown}: not UTF-8 text ({exc.reason} at byte {exc.start}); give UTF-8 text") from None
