"""The ``kg`` command: parses arguments, calls the library, maps errors to exit codes.

Each command is declared once, with its arguments and its function together (:func:`command`).
Errors are caught here only: a :class:`~kg.errors.KGError` exits with the code its class states
(README "Errors"); anything else is a bug, shown as one (exit code 1, with the trace).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg import __version__
from kg.errors import EXIT_BUG, EXIT_OK, KGError, NotBuilt, OutputError, UsageError, ValidationError
from kg.layout import Layout
from kg.problems import Problem, Severity
from kg.query.results import FORMATS as QUERY_FORMATS
from kg.query.results import format_result
from kg.rdf.formats import EXPORTS
from kg.rdf.namespaces import bind_prefixes

# ---------------------------------------------------------------- declaring commands


@dataclass(frozen=True)
class Arg:
    """One argument of a command, as argparse's add_argument takes it."""

    flags: tuple[str, ...]
    options: dict

    def add_to(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(*self.flags, **self.options)


def arg(*flags: str, **options) -> Arg:
    return Arg(flags, options)


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    arguments: tuple[Arg, ...]
    run: Callable[[argparse.Namespace, Layout], int]


COMMANDS: dict[str, Command] = {}


def command(name: str, help: str, *arguments: Arg):
    """Declare a command: its name, its help, its arguments and (decorated) its function."""

    def declare(run: Callable[[argparse.Namespace, Layout], int]):
        COMMANDS[name] = Command(name, help, tuple(arguments), run)
        return run

    return declare


#: Arguments several commands share, declared once.
REMOTE_AUTH = (
    arg("--user", help="with --endpoint: user name for HTTP authentication (password from the KG_STORE_PASSWORD "
                       "variable; never on the command line)"),
    arg("--auth", choices=["basic", "digest"], default="basic",
        help="HTTP authentication scheme the store asks for (default: basic; Virtuoso: digest)"),
)
BUILT = (
    arg("--dist", type=Path, help="the built graph to serve (default: ROOT/dist)"),
    arg("--store", type=Path, help="folder of the embedded Oxigraph store (default: ROOT/.cache/store)"),
)
POLITE_CLIENT = (
    arg("--endpoint", help="SPARQL endpoint (default: data/linker.yaml, the Wikidata Query Service)"),
    arg("--cache", type=Path, help="response cache folder (default: ROOT/.cache/sparql)"),
    arg("--timeout", type=float, default=30.0, help="seconds per request (default: 30)"),
    arg("--retries", type=int, default=4, help="retries on HTTP 429/503 (default: 4)"),
    arg("--max-requests", type=int, default=200, help="request cap per run (default: 200)"),
)


# ---------------------------------------------------------------- build and check


@command("build", "load, check, reason, validate and write dist/",
         arg("--out", type=Path, help="output folder (default: ROOT/dist)"))
def _build(args, layout: Layout) -> int:
    from kg.build.pipeline import build_and_write

    out = args.out or layout.dist
    warnings: list[Problem] = []
    # the reviews are read before anything is written: a malformed one stops the build with the output untouched
    result = build_and_write(layout, out, before_writing=lambda built: warnings.extend(_review_warnings(layout, built.data)))
    _print_warnings(warnings)
    total = sum(result.timings.values())
    print(f"built {out}: {len(result.asserted)} asserted triples, {len(result.inferred)} with inferences; "
          f"{len(result.data.records)} records, {len(result.data.links)} links; SHACL conforms; "
          f"{len(result.checks)} quality checks pass")
    print("timings: " + ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items()) + f"; total {total:.2f}s")
    return EXIT_OK


@command("validate", "run every check of the build without writing anything",
         arg("--format", "-f", choices=["text", "json"], default="text",
             help="text for people (default), or json: every problem with its file, line, record, field, severity, "
                  "message and fix, for tools and editors"),
         arg("--fail-on", choices=["error", "warning"], default="error",
             help="error (default): warnings are printed and kept in the report; warning: they fail too (exit 4)"))
def _validate(args, layout: Layout) -> int:
    from kg.build.pipeline import build

    try:
        result = build(layout)
    except KGError as exc:
        if args.format == "json":
            _emit(_json_report(exc.exit_code, str(exc.args[0]), _as_problems(exc)))
        raise
    warnings = _review_warnings(layout, result.data)
    fatal = args.fail_on == "warning" and warnings
    summary = (f"valid: {len(result.data.records)} records, {len(result.data.links)} links, "
               f"{len(result.inferred)} triples after reasoning; SHACL conforms; {len(result.checks)} quality checks pass")
    if fatal:
        summary = f"{len(warnings)} warning(s), fatal with --fail-on warning"
    if args.format == "json":
        _emit(_json_report(ValidationError.exit_code if fatal else EXIT_OK, summary, warnings))
        return ValidationError.exit_code if fatal else EXIT_OK
    if fatal:
        raise ValidationError(summary, warnings)
    _print_warnings(warnings)
    print(summary)
    return EXIT_OK


def _review_warnings(layout: Layout, data) -> list[Problem]:
    from kg.ingest.review import review_problems as ingest_review_problems
    from kg.link.review import review_problems

    return review_problems(layout, data) + ingest_review_problems(layout)


def _print_warnings(warnings: list[Problem]) -> None:
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)


def _as_problems(exc: KGError) -> list[Problem]:
    """The problems an error carries; an error without any is one problem, its message."""
    if exc.problems:
        return [p if isinstance(p, Problem) else Problem(str(p)) for p in exc.problems]
    return [Problem(str(exc), severity=Severity.ERROR, check=type(exc).__name__)]


def _json_report(exit_code: int, summary: str, problems: list[Problem]) -> str:
    errors = sum(p.severity is Severity.ERROR for p in problems)
    return json.dumps({"valid": exit_code == EXIT_OK, "exit_code": exit_code, "summary": summary, "errors": errors,
                       "warnings": len(problems) - errors, "problems": [p.to_json() for p in problems]},
                      indent=2, ensure_ascii=False) + "\n"


@command("stats", "count triples, entities by class, facts by source, links by dataset")
def _stats(args, layout: Layout) -> int:
    from kg.build.pipeline import build
    from kg.build.stats import stats

    for line in stats(build(layout, validate=False)):
        print(line)
    return EXIT_OK


@command("export", "write the graph in one RDF format",
         arg("--format", "-f", choices=list(EXPORTS), default="turtle"),
         arg("--inferred", action="store_true", help="include the OWL 2 RL inferences"),
         arg("--with-external", action="store_true", help="add the Wikidata facts fetched by `kg enrich`"),
         arg("--output", "-o", type=Path, help="file to write (default: standard output)"))
def _export(args, layout: Layout) -> int:
    from kg.build.export import serialize
    from kg.build.graph import external_graph
    from kg.build.pipeline import build
    from kg.rdf.files import write_text_atomic

    if args.format == "trig" and args.inferred:
        raise UsageError("--inferred is not available for TriG: the named graphs hold what each source states")
    # the TriG holds the inferred triples too, in their own graph (graph:inferred)
    result = build(layout, infer=args.inferred or args.format == "trig", validate=False)
    if args.format == "trig":
        text = serialize(result.dataset, "trig", result.derivation_triples)
    else:
        graph = result.inferred if args.inferred else result.asserted
        if args.with_external:
            graph = graph + external_graph(result.dataset)
        text = serialize(graph, args.format)
    if args.output:
        write_text_atomic(args.output, text)
    else:
        _emit(text)
    return EXIT_OK


@command("reason", "write the cleaned OWL 2 RL closure of any RDF files (ontology and data together)",
         arg("inputs", nargs="+", type=Path, metavar="INPUT", help="RDF files (.ttl, .nt, .nq, .trig, .rdf, .jsonld)"),
         arg("--output", "-o", type=Path, help="file to write, format from its name (default: N-Triples to standard output)"),
         arg("--engine", choices=["fast", "owlrl"], default="fast", help="fast (default) or owlrl, the reference"))
def _reason(args, layout: Layout) -> int:
    from kg.build.reason import reason_files

    result = reason_files(args.inputs, args.output, args.engine, out=None if args.output else sys.stdout.buffer)
    if args.output:
        print(f"wrote {args.output}: {result.closure} triples ({result.asserted} read, {result.closure - result.asserted} "
              f"inferred, {result.removed_junk} junk dropped); " + ", ".join(f"{k} {v:.2f}s" for k, v in result.seconds.items()))
    return EXIT_OK


@command("synth", "write a synthetic corpus shaped like the data, of any size (for benchmarks; bench/synth.py)",
         arg("--triples", type=int, required=True, help="data triples to write"),
         arg("--seed", type=int, default=1, help="the same seed gives the same corpus (default: 1)"),
         arg("--dist", type=Path, help="the build whose data is the template (default: ROOT/dist)"),
         arg("--output", "-o", type=Path, required=True, help="N-Triples file to write"))
def _synth(args, layout: Layout) -> int:
    from kg.rdf.files import write_bytes_atomic

    generate = _bench_tool("synth").generate
    written: list[int] = []
    write_bytes_atomic(args.output, lambda f: written.append(generate(args.dist or layout.dist, args.triples, args.seed, f)))
    print(f"wrote {written[0]} triples to {args.output}")
    return EXIT_OK


def _bench_tool(name: str):
    """A benchmark tool of the source checkout (bench/NAME.py, beside the package): `kg synth` is a
    thin wrapper over bench/synth.py, which only a checkout has."""
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "bench" / f"{name}.py"
    if not path.is_file():
        raise UsageError(f"`kg {name}` is a benchmark tool of the source checkout (bench/{name}.py); run it from a checkout")
    spec = importlib.util.spec_from_file_location(f"kg_bench_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # a dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- query


@command("query", "run a named query (queries/NAME.rq), a .rq file, or - for stdin",
         arg("query", nargs="?", help="query name, file, or -"),
         arg("--list", action="store_true", help="list the named queries and their parameters"),
         arg("--graph", type=Path, help="RDF file to query (default: ROOT/dist/graph-inferred.ttl)"),
         arg("--format", "-f", choices=QUERY_FORMATS, default="table", help="result format (default: table)"),
         arg("--param", "-p", action="append", default=[], metavar="NAME=VALUE", help="bind a query parameter (repeatable)"),
         arg("--endpoint", help="run the query at this SPARQL endpoint (e.g. one filled by `kg load --endpoint`) "
                                "instead of on the local graph file"),
         arg("--default-graph", metavar="IRI", help="with --endpoint: the graph to query as the default graph "
                                                    "(sent as default-graph-uri; see `kg load --default-graph`)"),
         *REMOTE_AUTH)
def _query(args, layout: Layout) -> int:
    from kg.query.named import list_queries, resolve_query, run_query  # rdflib's SPARQL: only where a query runs

    if args.list:
        for q in list_queries(layout.queries):
            usage = " ".join(f"--param {p.name}=<{p.kind}>" for p in q.params)
            print(f"{q.name}: {q.title}" + (f"  [{usage}]" if usage else ""))
        return EXIT_OK
    if not args.query:
        raise UsageError("name a query (see `kg query --list`), give a .rq file, or - to read standard input")
    params: dict[str, str] = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--param {item!r}: write NAME=VALUE, e.g. --param place=baku")
        params[name.lstrip("?")] = value
    _remote_only(args)
    query = resolve_query(args.query, layout.queries)
    if args.endpoint:
        from kg.link.client import RemoteConfig, SparqlClient
        from kg.query.named import run_remote

        config = RemoteConfig(endpoint=args.endpoint, max_requests=10, credentials=_credentials(args),
                              default_graphs=(args.default_graph,) if args.default_graph else ())
        result = run_remote(SparqlClient(config), query, params)
        _emit(format_result(result, args.format, bind_prefixes(Graph())))
        return EXIT_OK
    graph = _load_graph(args.graph, layout)
    result = run_query(graph, query, params)
    _emit(format_result(result, args.format, graph))
    return EXIT_OK


def _load_graph(given: Path | None, layout: Layout) -> Graph:
    """The graph to query: the file given with --graph, else the built one."""
    from kg.rdf.rdffile import read_graph

    if given is None and not (layout.dist / "graph-inferred.ttl").is_file():
        raise NotBuilt(f"{layout.dist / 'graph-inferred.ttl'}: no built graph; run `kg build` first or pass --graph FILE")
    return read_graph(given or layout.dist / "graph-inferred.ttl")


def _remote_only(args) -> None:
    """--user and --default-graph speak of a remote store: without --endpoint they would be ignored."""
    for option, value in (("--user", args.user), ("--default-graph", args.default_graph)):
        if value and not args.endpoint:
            raise UsageError(f"{option} is for a remote store: give --endpoint URL too")


def _credentials(args):
    """--user with the password from KG_STORE_PASSWORD (a password on the command line would show in `ps`)."""
    from kg.link.client import Credentials

    return Credentials(args.user, os.environ.get("KG_STORE_PASSWORD", ""), args.auth) if args.user else None


# ---------------------------------------------------------------- store and serve


@command("load", "load dist/ into the embedded store, or push it to a triple store (Graph Store Protocol)",
         arg("--endpoint", help="Graph Store Protocol URL of another store (e.g. http://host:7878/store, "
                                "http://host:3030/ds/data); without it, the embedded store is filled"),
         arg("--default-graph", metavar="IRI", help="with --endpoint: put the reasoned graph into this named graph "
                                                    "instead of the store's default graph"),
         arg("--force", action="store_true", help="re-load the embedded store even if dist/ is unchanged"),
         *REMOTE_AUTH, *BUILT)
def _load(args, layout: Layout) -> int:
    dist, store = args.dist or layout.dist, args.store or layout.store
    _remote_only(args)
    if args.endpoint:
        from kg.link.client import redact
        from kg.link.publish import push

        pushed = push(dist, args.endpoint, _credentials(args), default_graph=args.default_graph)
        for p in pushed:
            print(f"PUT {p.graph}: {p.triples} triples (HTTP {p.status})")
        print(f"loaded {len(pushed)} graphs into {redact(args.endpoint)}")
        return EXIT_OK
    from kg.serve.store import fill_store

    info = fill_store(dist, store, force=args.force)
    print(f"{'unchanged' if info.reused else 'loaded'}: {store} holds {info.quads} quads in the default graph and "
          f"{info.graphs} named graphs")
    return EXIT_OK


@command("serve", "serve the SPARQL endpoint, the Linked Data pages and the web view",
         arg("--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1, this machine only)"),
         arg("--port", type=int, default=8000, help="port (default: 8000)"),
         arg("--timeout", type=float, default=10.0, help="seconds a query may run before it is stopped (default: 10)"),
         arg("--max-results", type=int, default=10_000, help="rows or triples per answer at most (default: 10000)"),
         arg("--workers", type=int, default=max(2, os.cpu_count() or 2), help="queries evaluated at once (default: CPUs)"),
         arg("--queue", type=int, default=64, help="requests waiting for a worker before 503 Busy (default: 64)"),
         arg("--max-body", type=int, default=1_000_000, help="largest request body in bytes (default: 1000000)"),
         arg("--per-client", type=int, default=0, help="queries one client may run at once (default: all workers but one)"),
         arg("--client-queue", type=int, default=16, help="queries one client may have waiting before 429 (default: 16)"),
         arg("--forwarded-allow-ips", default="127.0.0.1",
             help="proxies whose X-Forwarded-For names the client (default: 127.0.0.1; '' for none)"),
         arg("--federate", action="append", default=[], metavar="ENDPOINT",
             help="allow SERVICE calls to this endpoint (repeatable; by default federation is off)"),
         arg("--max-bytes", type=int, default=16_000_000, help="bytes of one answer at most (default: 16000000)"),
         arg("--max-sending", type=int, default=256_000_000,
             help="bytes of answers being sent to clients at once; past it new queries get 503 (default: 256000000)"),
         arg("--worker-memory", type=int, default=2048, help="MB one query's worker may allocate (default: 2048; 0: no limit)"),
         arg("--in-memory", type=int, default=256,
             help="MB: a store at most this large on disk is copied into each worker's memory, where queries run "
                  "several times as fast (default: 256; 0: always read from disk)"),
         arg("--max-connections", type=int, default=1000,
             help="open connections at most, kept below the open-file limit (default: 1000)"),
         arg("--header-timeout", type=float, default=10.0, help="seconds a request head may take (default: 10)"),
         arg("--body-timeout", type=float, default=10.0, help="seconds a request body may take (default: 10)"),
         arg("--send-timeout", type=float, default=30.0, help="seconds a client may take to read an answer (default: 30)"),
         arg("--public-url", help="the address clients reach this server at, as the service description names it "
                                  "(default: http://HOST:PORT)"),
         *BUILT)
def _serve(args, layout: Layout) -> int:
    import logging

    import uvicorn

    from kg.serve.app import Settings, create_app
    from kg.serve.connections import BACKLOG, descriptor_budget, limit_logging, listening_socket, protocol
    from kg.serve.engine import Limits
    from kg.serve.store import fill_store, serving

    dist, store = args.dist or layout.dist, args.store or layout.store
    info = fill_store(dist, store)
    connections = descriptor_budget(args.max_connections, args.workers)
    http = protocol(connections, args.header_timeout, args.send_timeout)
    limits = Limits(timeout=args.timeout, max_results=args.max_results, workers=args.workers, queue=args.queue,
                    per_client=args.per_client, client_queue=args.client_queue, max_bytes=args.max_bytes,
                    worker_memory=args.worker_memory, in_memory=args.in_memory, federate=tuple(args.federate))
    settings = Settings(dist=dist, store=store, queries=layout.queries, limits=limits, max_body_bytes=args.max_body,
                        body_timeout=args.body_timeout, max_sending=args.max_sending, sending=http.buffered,
                        public_url=args.public_url or f"http://{args.host}:{args.port}", project=layout.root)
    sock = listening_socket(args.host, args.port)  # a port in use is a clear error before "serving" is said
    print(f"store {store}: {info.quads} quads ({'re-used' if info.reused else 'loaded from ' + str(dist)})", flush=True)
    print(f"serving http://{args.host}:{args.port}/  (SPARQL: /sparql; at most {connections} connections; "
          "stop with Ctrl-C)", flush=True)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    config = uvicorn.Config(create_app(settings), host=args.host, port=args.port, log_level="warning", server_header=False,
                            date_header=True, timeout_graceful_shutdown=5, proxy_headers=bool(args.forwarded_allow_ips),
                            forwarded_allow_ips=args.forwarded_allow_ips or None,
                            http=http, backlog=BACKLOG)
    limit_logging()  # after uvicorn has set up its loggers
    with serving(store):  # `kg load` will not swap this store while the server runs
        uvicorn.Server(config).run(sockets=[sock])
    return EXIT_OK


# ---------------------------------------------------------------- link


@command("link", "propose Wikidata links for unlinked entities (data/review/wikidata-links.yaml)",
         arg("--apply", action="store_true", help="turn accepted proposals into link records (no network)"),
         *POLITE_CLIENT)
def _link(args, layout: Layout) -> int:
    from kg.link.candidates import propose
    from kg.link.review import Decision, apply_accepted, write_review

    data = _checked(layout)
    settings, endpoint, client = _client(args, layout)
    if args.apply:
        applied = apply_accepted(data, layout, endpoint)
        print(f"applied {len(applied)} accepted proposal(s) to {layout.relative(layout.link_records)}")
        return EXIT_OK
    report = propose(data, layout, settings, client)
    path = write_review(layout, report.proposals)
    pending = [p for p in report.proposals if p.decision is Decision.PENDING]
    suggested = [p for p in pending if p.suggestion == "accept"]
    print(f"looked up {len(report.looked_up)} unlinked entities ({len(report.skipped_linked)} already linked); "
          f"{len(pending)} proposals, {len(suggested)} suggested for acceptance; "
          f"{report.requests} requests, {report.cache_hits} from cache; review: {layout.relative(path)}")
    return EXIT_OK


@command("explain", "why a triple holds: the rules and premises down to asserted facts, and their sentences",
         arg("subject", help="an entity id (fuad-muradov), a prefixed name (azd:Person) or an IRI"),
         arg("predicate", help="a prefixed name (azd:issuedBy, rdf:type, or a) or an IRI"),
         arg("object", help="an entity id, a prefixed name, an IRI, or a literal's text"),
         arg("--format", "-f", choices=["text", "json"], default="text"))
def _explain_command(args, layout: Layout) -> int:
    from kg.build.explain import explain, lines, parse_term
    from kg.build.pipeline import build
    from kg.errors import DoesNotHold

    result = build(layout, validate=False)
    g = result.inferred
    triple = (parse_term(args.subject, g, "subject"), parse_term(args.predicate, g, "predicate"),
              parse_term(args.object, g, "object"))
    proof = explain(result, *triple)
    if proof.status == "absent":
        raise DoesNotHold(f"{args.subject} {args.predicate} {args.object}: the graph "
                          "neither states nor infers this triple, so there is nothing to explain")
    if args.format == "json":
        _emit(json.dumps(proof.to_json(), indent=2, ensure_ascii=False) + "\n")
    else:
        print("\n".join(lines(proof, g)))
    return EXIT_OK


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


@command("ingest", "read a news article into candidate records for review (data/review/ARTICLE_ID.yaml); "
                   "--apply moves the accepted ones into data/records/",
         arg("article", nargs="?", help="the article as UTF-8 text (may start with a line ' date YYYY-MM-DD'); "
                                        "with --apply: the article's id"),
         arg("--id", dest="article_id", help="the article's record id, such as article-2026-06-04-fifth-congress"),
         arg("--published", type=_day, help="the article's date, YYYY-MM-DD (else its leading date line)"),
         arg("--publisher", help="who published it"),
         arg("--url", help="where it was published"),
         arg("--title", help="its headline"),
         arg("--apply", action="store_true",
             help="apply the accepted candidates of the review of ARTICLE (an id): into data/records/, the article "
                  "into data/sources/; all or nothing"))
def _ingest(args, layout: Layout) -> int:
    if args.apply:
        from kg.ingest.apply import apply  # the build and its checks: only for --apply

        article_id = args.article_id or args.article
        if not article_id:
            raise UsageError("kg ingest --apply ARTICLE_ID: say which article's review to apply")
        done = apply(layout, article_id)
        print(f"applied the review of {article_id}: {len(done.added)} new record(s), {len(done.extended)} record(s) "
              f"extended; the article is {done.source_file}")
        return EXIT_OK
    if not args.article or not args.article_id:
        raise UsageError("kg ingest ARTICLE.txt --id ARTICLE_ID: give the article's file and the id of its record")
    from kg.ingest import ingest  # the English pipeline's libraries: only where an article is read

    result = ingest(layout, Path(args.article), args.article_id, args.published, publisher=args.publisher,
                    url=args.url, title=args.title)
    review = result.review
    print(f"{len(review.entries)} candidate(s) for review in {layout.relative(result.path)}: {result.count('new')} new, "
          f"{result.count('adds')} adding to records the graph holds, {result.count('confirms')} confirming, "
          f"{result.conflicts} in conflict with the graph; {result.pending} pending, {result.new} new this run"
          + ("; the article's text changed, so the review is reopened" if result.reopened else ""))
    return EXIT_OK


@command("check", "judge each fact a text states against the graph: supported, contradicted, disputed or not in "
                  "the graph, with the sources (exit 0 whatever the verdicts; 3 for a text that cannot be read)",
         arg("text", help="the text as UTF-8 (a paragraph or an article), or - for standard input"),
         arg("--date", dest="published", type=_day,
             help="the day the text speaks from, YYYY-MM-DD, for its 'today' and 'last year' (default: today)"),
         arg("--format", "-f", choices=["text", "json", "jsonld"], default="text",
             help="text for people (default), json for tools, jsonld for schema.org ClaimReviews"))
def _check(args, layout: Layout) -> int:
    from kg.check import Checker  # the English pipeline's libraries: only where a text is read
    from kg.check.output import dumps, to_json, to_jsonld, to_text
    from kg.check.text import read_text

    text = read_text(args.text)
    result = Checker(layout).check(text, args.published, "the text" if args.text == "-" else args.text)
    if args.format == "json":
        _emit(dumps(to_json(result)))
    elif args.format == "jsonld":
        _emit(dumps(to_jsonld(result)))
    else:
        _emit(to_text(result))
    return EXIT_OK


@command("enrich", "fetch named Wikidata facts about linked entities (data/external/wikidata.ttl)", *POLITE_CLIENT)
def _enrich(args, layout: Layout) -> int:
    from kg.link.enrich import enrich, write_external

    data = _checked(layout)
    _settings, endpoint, client = _client(args, layout)
    graph = enrich(data, client, endpoint)
    path = write_external(layout, graph)
    print(f"wrote {len(graph)} triples to {layout.relative(path)} ({client.requests} requests, {client.cache_hits} from cache)")
    return EXIT_OK


def _client(args, layout: Layout):
    from kg.link.candidates import LinkerSettings
    from kg.link.client import RemoteConfig, SparqlClient

    settings = LinkerSettings.read(layout)
    endpoint = args.endpoint or settings.endpoint
    config = RemoteConfig(endpoint=endpoint, timeout=args.timeout, retries=args.retries,
                          max_requests=args.max_requests, cache_dir=args.cache or layout.sparql_cache)
    return settings, endpoint, SparqlClient(config)


def _checked(layout: Layout):
    from kg.build.check import check
    from kg.build.load import load_ontology, read_data

    return check(read_data(layout), load_ontology(layout), layout)


# ---------------------------------------------------------------- the edge


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description="Build, validate, query and export the Azerbaijani diaspora policy knowledge graph.")
    p.add_argument("--version", action="version", version=f"kg {__version__}")
    p.add_argument("--root", type=Path, default=Path("."), help="project folder holding data/, ontology/, queries/ (default: current folder)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for cmd in COMMANDS.values():
        sp = sub.add_parser(cmd.name, help=cmd.help)
        for a in cmd.arguments:
            a.add_to(sp)
    return p


class _StdoutFailed(Exception):
    """Standard output cannot be written (a full disk, a closed file): the output's fault, not ours."""


class _Stdout:
    """Standard output whose write failures (``> /dev/full``) are :class:`_StdoutFailed`, wherever
    in a command they happen (print() fails when its buffer fills, not when it is called)."""

    def __init__(self, stream):
        self.stream = stream

    def _guard(self, fn, *args):
        try:
            return fn(*args)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _StdoutFailed(exc.strerror or str(exc)) from None

    def write(self, text: str) -> int:
        return self._guard(self.stream.write, text)

    def flush(self) -> None:
        self._guard(self.stream.flush)

    def __getattr__(self, name):
        return getattr(self.stream, name)


def _emit(text: str) -> None:
    """Write to standard output, whole."""
    sys.stdout.write(text)
    sys.stdout.flush()


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    layout = Layout(args.root)
    real = sys.stdout
    sys.stdout = _Stdout(real)
    try:
        code = COMMANDS[args.command].run(args, layout)
        sys.stdout.flush()  # what print() left in the buffer, while errors can still be said
        return code
    except _StdoutFailed as exc:
        _quiet_stdout()
        print(f"error: standard output: cannot write: {exc}", file=sys.stderr)
        return OutputError.exit_code
    except KGError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `kg query … | head`): not an error of ours or theirs
        _quiet_stdout()
        return EXIT_OK
    except Exception:  # noqa: BLE001 - anything else is a bug, shown as one
        traceback.print_exc()
        print("internal error: this is a bug in kg, not in your input; please report it with the trace above", file=sys.stderr)
        return EXIT_BUG
    finally:
        sys.stdout = real


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
