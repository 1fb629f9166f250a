"""SPARQL SELECT results written row by row in each results format (JSON, XML, CSV, TSV), so that
an answer is serialised once, in the format it is sent in, and its size is counted in the bytes
sent as the rows are written (a cap then stops the evaluation, not a finished body).

Written by hand: Oxigraph (and rdflib) serialise a whole result object only, so a row cannot be
written, measured and stopped at on its way out; the formats are small and fixed by their W3C
recommendations (SPARQL 1.1 Query Results JSON, XML, CSV and TSV).
"""

from __future__ import annotations

import json
import re

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
# characters XML 1.0 cannot carry, even as character references
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BARE = {XSD + "integer": re.compile(r"[+-]?[0-9]+"), XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
         XSD + "double": re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+"),
         XSD + "boolean": re.compile(r"true|false")}


class NotXml(ValueError):
    """A value holds a character that XML 1.0 cannot carry."""


def json_term(term) -> dict:
    """SPARQL 1.1 Query Results JSON, section 3.2.2 (with RDF 1.2 triple terms)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {"subject": json_term(term.subject), "predicate": json_term(term.predicate),
                                        "object": json_term(term.object)}}


def _xml_text(text: str, attribute: bool = False) -> str:
    bad = _NOT_XML.search(text)
    if bad:
        raise NotXml(f"U+{ord(bad.group()):04X}")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if attribute else text


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f'<literal xml:lang="{_xml_text(term.language, True)}">{_xml_text(term.value)}</literal>'
        if term.datatype.value != XSD_STRING:
            return f'<literal datatype="{_xml_text(term.datatype.value, True)}">{_xml_text(term.value)}</literal>'
        return f"<literal>{_xml_text(term.value)}</literal>"
    return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}</predicate>"
            f"<object>{_xml_term(term.object)}</object></triple>")


def _turtle_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") \
        .replace("\t", "\\t") + '"'


def _tsv_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        bare = _BARE.get(term.datatype.value)
        if bare is not None and bare.fullmatch(term.value):
            return term.value
        if term.language:
            return f"{_turtle_string(term.value)}@{term.language}"
        if term.datatype.value != XSD_STRING:
            return f"{_turtle_string(term.value)}^^<{term.datatype.value}>"
        return _turtle_string(term.value)
    return f"<< {_tsv_term(term.subject)} {_tsv_term(term.predicate)} {_tsv_term(term.object)} >>"


def _csv_field(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\r\n') else text


def _csv_term(term) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return _csv_field(term.value)
    return _csv_field(_tsv_term(term))


class RowWriter:
    """The parts of one SELECT answer in one format: ``head``, one ``row`` per solution, ``tail``."""

    def __init__(self, fmt: str, variables: list[str]):
        self.fmt, self.variables, self.rows = fmt, variables, 0

    def head(self) -> bytes:
        v = self.variables
        if self.fmt == "json":
            return ('{"head": {"vars": ' + json.dumps(v, ensure_ascii=False) + '}, "results": {"bindings": [').encode()
        if self.fmt == "xml":
            names = "".join(f'<variable name="{_xml_text(n, True)}"/>' for n in v)
            return (f'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>{names}</head>'
                    "<results>").encode()
        if self.fmt == "csv":
            return (",".join(_csv_field(n) for n in v) + "\r\n").encode()
        return ("\t".join(f"?{n}" for n in v) + "\n").encode()

    def row(self, solution) -> bytes:
        """One solution's line; a value XML cannot carry raises NotXml."""
        bound = [(n, solution[n]) for n in self.variables]
        self.rows += 1
        if self.fmt == "json":
            text = json.dumps({n: json_term(t) for n, t in bound if t is not None}, ensure_ascii=False)
            return ((", " if self.rows > 1 else "") + text).encode()
        if self.fmt == "xml":
            cells = "".join(f'<binding name="{_xml_text(n, True)}">{_xml_term(t)}</binding>' for n, t in bound if t is not None)
            return f"<result>{cells}</result>".encode()
        if self.fmt == "csv":
            return (",".join("" if t is None else _csv_term(t) for _, t in bound) + "\r\n").encode()
        return ("\t".join("" if t is None else _tsv_term(t) for _, t in bound) + "\n").encode()

    def tail(self) -> bytes:
        if self.fmt == "json":
            return b"]}}"
        if self.fmt == "xml":
            return b"</results></sparql>"
        return b""
