"""Query results for people and tools: a table, CSV, TSV, SPARQL JSON or XML; a graph as Turtle."""

from __future__ import annotations

import io

from rdflib import Graph, Literal, URIRef
from rdflib.query import Result

from kg.errors import QueryError

FORMATS = ("table", "csv", "tsv", "json", "xml")


def _tsv_term(term) -> str:
    # SPARQL 1.1 TSV results write terms in their Turtle/N-Triples form
    # (rdflib ships no TSV results serializer).
    return "" if term is None else term.n3()


def format_result(result: Result, fmt: str, graph: Graph | None = None) -> str:
    """SELECT/ASK results as a table, CSV, TSV, SPARQL JSON or SPARQL XML; CONSTRUCT as Turtle."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        g = result.graph
        if graph is not None:
            g.namespace_manager = graph.namespace_manager
        return g.serialize(format="turtle")
    if result.type == "ASK":
        if fmt in ("json", "xml"):
            return result.serialize(format=fmt).decode("utf-8")
        return "true\n" if result.askAnswer else "false\n"
    if fmt in ("json", "xml", "csv"):
        return result.serialize(format=fmt).decode("utf-8")
    variables = [str(v) for v in result.vars]
    rows = list(result)
    if fmt == "tsv":
        buf = io.StringIO()
        buf.write("\t".join("?" + v for v in variables) + "\n")
        for row in rows:
            buf.write("\t".join(_tsv_term(t) for t in row) + "\n")
        return buf.getvalue()
    return _table(variables, rows, graph)


def _cell(term, graph: Graph | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        if graph is not None:
            try:
                return graph.namespace_manager.normalizeUri(term)
            except Exception:  # noqa: BLE001 - fall back to the full IRI
                return str(term)
        return str(term)
    text = str(term)
    if isinstance(term, Literal) and term.language and term.language != "en":
        text += f" @{term.language}"
    return text


def _table(variables: list[str], rows: list, graph: Graph | None) -> str:
    cells = [[_cell(t, graph) for t in row] for row in rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(variables)]
    widths = [min(w, 80) for w in widths]

    def line(values):
        return " | ".join((v if len(v) <= w else v[: w - 1] + "…").ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(variables), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"

