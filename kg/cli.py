"""The ``kg`` command: parses arguments, calls the library, maps errors to exit codes.

Exit codes: 0 success; 1 internal error (a bug: please report it);
2 command-line usage; 3 input data error; 4 SHACL or quality-check failure;
5 OWL inconsistency; 6 query error; 7 output cannot be written.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from rdflib import Graph

from . import __version__
from .errors import EXIT_BUG, EXIT_OK, KGError, OutputError, QueryError
from .export import FORMATS as EXPORT_FORMATS
from .export import serialize
from .layout import Layout
from .namespaces import bind_prefixes
from .query import FORMATS as QUERY_FORMATS
from .query import format_result, list_queries, resolve_query, run_query


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description="Build, validate, query and export the Azerbaijani diaspora policy knowledge graph.")
    p.add_argument("--version", action="version", version=f"kg {__version__}")
    p.add_argument("--root", type=Path, default=Path("."), help="project folder holding data/, ontology/, queries/ (default: current folder)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="load, check, reason, validate and write dist/")
    b.add_argument("--out", type=Path, help="output folder (default: ROOT/dist)")

    sub.add_parser("validate", help="run every check of the build without writing anything")

    q = sub.add_parser("query", help="run a named query (queries/NAME.rq), a .rq file, or - for stdin")
    q.add_argument("query", nargs="?", help="query name, file, or -")
    q.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    q.add_argument("--graph", type=Path, help="RDF file to query (default: ROOT/dist/graph-inferred.ttl)")
    q.add_argument("--format", "-f", choices=QUERY_FORMATS, default="table", help="result format (default: table)")
    q.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE", help="bind a query parameter (repeatable)")

    e = sub.add_parser("export", help="write the graph in one RDF format")
    e.add_argument("--format", "-f", choices=list(EXPORT_FORMATS), default="turtle")
    e.add_argument("--inferred", action="store_true", help="include the OWL 2 RL inferences")
    e.add_argument("--output", "-o", type=Path, help="file to write (default: standard output)")

    sub.add_parser("stats", help="count triples, entities by class, facts by source, links by dataset")
    return p


def _cmd_build(args, layout: Layout) -> int:
    from .pipeline import build_and_write

    out = args.out or layout.dist
    result = build_and_write(layout, out)
    total = sum(result.timings.values())
    print(f"built {out}: {len(result.asserted)} asserted triples, {len(result.inferred)} with inferences; "
          f"{len(result.data.records)} records, {len(result.data.links)} links; SHACL conforms; "
          f"{len(result.checks)} quality checks pass")
    print("timings: " + ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items()) + f"; total {total:.2f}s")
    return EXIT_OK


def _cmd_validate(args, layout: Layout) -> int:
    from .pipeline import build

    result = build(layout)
    print(f"valid: {len(result.data.records)} records, {len(result.data.links)} links, "
          f"{len(result.inferred)} triples after reasoning; SHACL conforms; {len(result.checks)} quality checks pass")
    return EXIT_OK


def _load_graph(path: Path) -> Graph:
    if not path.is_file():
        raise QueryError(f"{path}: no such graph file; run `kg build` first or pass --graph FILE")
    try:
        return bind_prefixes(Graph()).parse(path)
    except Exception as exc:  # rdflib parser errors
        raise QueryError(f"{path}: cannot read the graph: {exc}") from None


def _cmd_query(args, layout: Layout) -> int:
    if args.list:
        for q in list_queries(layout.queries):
            params = " ".join(f"--param {p.name}=<{p.kind}>" for p in q.params)
            print(f"{q.name}: {q.title}" + (f"  [{params}]" if params else ""))
        return EXIT_OK
    if not args.query:
        raise QueryError("name a query (see `kg query --list`), give a .rq file, or - to read standard input")
    params = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise QueryError(f"--param {item!r}: write NAME=VALUE, e.g. --param place=baku")
        params[name.lstrip("?")] = value
    query = resolve_query(args.query, layout.queries)
    graph = _load_graph(args.graph or layout.dist / "graph-inferred.ttl")
    result = run_query(graph, query, params)
    sys.stdout.write(format_result(result, args.format, graph))
    return EXIT_OK


def _cmd_export(args, layout: Layout) -> int:
    from .pipeline import build

    result = build(layout)
    if args.format == "trig":
        if args.inferred:
            raise QueryError("--inferred is not available for TriG: the named graphs hold what each source states")
        text = serialize(result.dataset, "trig")
    else:
        text = serialize(result.inferred if args.inferred else result.asserted, args.format)
    if args.output:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise OutputError(f"{args.output}: cannot write: {exc.strerror}") from None
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _cmd_stats(args, layout: Layout) -> int:
    from .pipeline import build
    from .stats import stats

    for line in stats(build(layout)):
        print(line)
    return EXIT_OK


COMMANDS = {"build": _cmd_build, "validate": _cmd_validate, "query": _cmd_query, "export": _cmd_export, "stats": _cmd_stats}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    layout = Layout(args.root)
    try:
        return COMMANDS[args.command](args, layout)
    except KGError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception:  # noqa: BLE001 - anything else is a bug, shown as one
        traceback.print_exc()
        print("internal error: this is a bug in kg, not in your input; please report it with the trace above", file=sys.stderr)
        return EXIT_BUG


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
