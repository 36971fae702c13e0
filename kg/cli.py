"""The ``kg`` command: a thin click layer over the library.

Each command parses its arguments, calls one library function and turns a
:class:`~kg.errors.KGError` into a one-line error with a non-zero exit.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import KGError, one_line, path_text


#: ``kg build`` wrote its outputs, but some inputs could not be read.
EXIT_SOME_FAILED = 3
#: A graph this large, loaded into memory by kg query or kg stats, is announced on stderr (see _source).
LOAD_NOTE_FROM = 64 << 20
#: Set by :func:`run` (the console script), never when :func:`main` is called from Python: see :func:`_leave`.
_EXIT_EARLY = False


def run() -> None:
    """The ``kg`` console script (and ``python -m kg``): :func:`main`, as a process of its own."""
    global _EXIT_EARLY
    _EXIT_EARLY = True
    main()


def _leave(status: int) -> None:
    """End the process now with ``status`` if it is the console script's; otherwise return.

    A corpus build ends holding the merged graph, the analyses and the page's
    tables -- millions of objects that an ordinary exit frees one by one
    (0.5 to 0.8 s after a 10 MB rebuild) for the system to take back whole
    a moment later.  Once every output is renamed into place and the streams
    are flushed, nothing is left to do, so the process leaves by ``os._exit``.
    Called from Python (tests, a notebook) it returns and the caller goes on.
    """
    if not _EXIT_EARLY:
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe, a closed stream: nothing more can be said
            pass
    os._exit(status)


def _errors(fn):
    """Report a KGError on stderr, one line a problem, and exit 1 (a file name in it escaped as
    :func:`kg.errors.path_text` escapes it, wherever the message got it)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except KGError as exc:
            # each line of it: a build that failed lists one line per input
            raise click.ClickException("\n".join(map(one_line, str(exc).split("\n")))) from None

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="govkg")
def main() -> None:
    """govkg: knowledge graphs from Chinese government work reports.

    \b
    Example:
      kg build                      # the bundled sample into ./output
      kg query output/graph.ttl 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
    """


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", default="output", show_default=True, type=click.Path(path_type=Path),
              help="Directory to write graph.ttl, graph.html and friends into.")
@click.option("--jurisdiction", help="The issuing government (e.g. 运城市), if not the one found in the text.")
@click.option("--year", type=int, help="The report's year, if the text does not state it.")
@click.option("--strict", is_flag=True, help="Fail without writing anything if any input cannot be read.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes that read and extract reports in parallel.  [default: one per processor]")
@click.option("--no-cache", is_flag=True,
              help="Re-extract every report instead of reusing DIR/.kgcache from the last build.")
@click.option("--files-from", "files_from", metavar="LIST",
              type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path),
              help="Also build the inputs named in LIST, one per line (- reads stdin): "
              "for more than a command line holds.")
@click.option("--formats", default="ttl,trig,nt,jsonld", show_default=True, metavar="LIST",
              help="The RDF files to write, comma-separated; the others are not rendered, and old ones in DIR "
              "are deleted.  One format makes a corpus build faster and smaller.")
@_errors
def build(inputs: tuple[Path, ...], out_dir: Path, jurisdiction: str | None, year: int | None, strict: bool,
          jobs: int | None, no_cache: bool, files_from: Path | None, formats: str) -> None:
    """Build the knowledge graph of INPUTS (default: the bundled sample report).

    INPUTS may be .txt (UTF-8, GB18030, UTF-16, Big5), .html, .docx or .pdf
    files, or directories: a directory stands for every such file below it
    (hidden names and the output directory skipped).  Unreadable inputs are
    listed at the end, one line each, and the rest still build.  Exit
    status: 0 all built; 1 nothing built (every input failed, or --strict
    and one did); 3 built, but some inputs failed.

    \b
    Example:
      kg build                                  # bundled 运城 2023 sample
      kg build report.txt -o out --year 2024
      kg build a.pdf b.docx c.html --strict
      kg build reports/ -o out --jobs 2         # a corpus, two processes
      find reports -name '*2023*' | kg build --files-from - -o out
      kg build reports/ -o out --formats trig   # graph.trig only, for kg push

    A corpus build shows a progress bar on stderr when it is a terminal and
    ends with a one-line summary there; a rebuild into the same DIR
    re-extracts only the reports that changed (DIR/.kgcache).  Builds into
    one DIR run one at a time: a second one waits for the first.
    """
    import time

    from .pipeline import build as run
    from .progress import ProgressBar, summary

    started = time.perf_counter()
    named = list(inputs)
    if files_from is not None:
        listed = _listed(files_from)
        if not listed and not named:
            raise click.UsageError(f"{files_from}: names no inputs")
        named += listed
    bar = ProgressBar()
    try:
        result = run(named, out_dir, jurisdiction=jurisdiction, year=year, strict=strict,
                     jobs=jobs, cache=not no_cache, progress=bar, formats=_formats(formats),
                     waiting=lambda: click.echo(f"waiting for another build into {path_text(out_dir)}", err=True))
    except OSError as exc:  # the inputs' own errors are InputErrors: this is writing (a full disk, say)
        where = exc.filename or out_dir
        raise click.ClickException(f"{where}: cannot write the outputs ({exc.strerror or exc}); "
                                   "no output is left half-written") from None
    finally:
        bar.close()
    for path in result.outputs:
        click.echo(path_text(path))
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    for failure in result.failures:
        click.echo(f"failed: {failure}", err=True)
    click.echo(summary(result, time.perf_counter() - started), err=True)
    status = EXIT_SOME_FAILED if result.failures else 0
    _leave(status)
    if status:
        sys.exit(status)


def _source(graph: Path, store_dir: Path | None):
    """``graph`` itself, or with ``--store DIR`` the on-disk store of it kept there (loaded first if stale).

    A graph of :data:`LOAD_NOTE_FROM` bytes or more, loaded into memory for one command, gets a line on
    stderr first: the load takes a while (about 20 s for the 10 MB bench corpus's 620 MB ``graph.nt``),
    and ``--store`` pays it once.
    """
    if store_dir is None:
        size = graph.stat().st_size
        if size >= LOAD_NOTE_FROM:
            click.echo(f"loading {path_text(graph)} ({size / 2**20:,.0f} MB) into memory; --store DIR keeps it "
                       "loaded between commands", err=True)
        return graph
    from .store import open_store

    return open_store(graph, store_dir, log=lambda line: click.echo(line, err=True))


def _formats(listed: str) -> list[str]:
    """``--formats ttl, nt`` as ``["ttl", "nt"]`` (the build says which names it does not know)."""
    return [name.strip() for name in listed.split(",") if name.strip()]


def _listed(path: Path) -> list[Path]:
    """The paths named in the file ``path`` (``-``: stdin), one per line; blank lines skipped.

    A line is a file name's bytes, as ``find`` prints them: decoded as the system decodes names
    (:func:`os.fsdecode`), so a name that is not UTF-8 still names its file.
    """
    try:
        with click.open_file(str(path), "rb") as fh:
            lines = fh.read().splitlines()
    except OSError as exc:
        raise click.ClickException(f"{path_text(path)}: cannot be read ({exc.strerror or exc})") from None
    return [Path(os.fsdecode(line)) for line in lines if line.strip()]


@main.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("sparql", required=False)
@click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a .rq file.")
@click.option("--name", "query_name", help="Run a named query of ontology/queries (e.g. projects-in-place).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE as an RDF term (repeatable); the value is escaped as one term, never pasted raw into the query.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "tsv"]), default="table",
              show_default=True)
@click.option("--store", "store_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
              help="Keep GRAPH in an on-disk store in DIR, loaded once (and again when GRAPH changes): "
              "for big graphs, queried more than once.")
@_errors
def query(graph: Path, sparql: str | None, query_file: Path | None, query_name: str | None,
          params: tuple[str, ...], fmt: str, store_dir: Path | None) -> None:
    """Run a SPARQL query over GRAPH (a .ttl/.nt/.trig/.jsonld file).

    The default graph is the union of all reports; GRAPH ?report selects one
    report's named graph in a .trig file.  GRAPH is loaded into memory for
    each query, unless --store keeps it on disk between queries.

    \b
    Example:
      kg query output/graph.ttl --name projects-in-place --param place=垣曲县
      kg query output/graph.ttl 'PREFIX gk: <https://w3id.org/govkg/ontology#>
        SELECT ?p ?c WHERE { ?p gk:located_in ?c }' --format csv
      kg query output/graph.nt --store output/graph.oxigraph --name count-by-type
    """
    from .query import format_result, named_query, parse_header, run_query

    if sum(x is not None for x in (sparql, query_file, query_name)) != 1:
        raise click.UsageError("give exactly one of a SPARQL string, --file or --name")
    bound = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.UsageError(f"--param {item!r}: expected NAME=VALUE")
        bound[key] = value
    if query_name is not None:
        q = named_query(query_name)
    elif query_file is not None:
        q = parse_header(query_file.stem, query_file, query_file.read_text(encoding="utf-8"))
    else:
        q = parse_header("query", Path("<argument>"), sparql)
    click.echo(format_result(run_query(_source(graph, store_dir), q.text, bound, q.params), fmt), nl=False)


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("graph", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_errors
def eval_(gold: Path, graph: Path | None) -> None:
    """Score GRAPH (default: output/graph.ttl) against a GOLD.json file.

    Prints precision, recall and F1 per entity type, for all entities, with
    types ignored, and per relation, by the scoring rules of the spec.

    \b
    Example:
      kg eval tests/data/yuncheng-2023-summary.json output/graph.ttl
    """
    from .evaluate import evaluate, format_scores

    click.echo(format_scores(evaluate(gold, graph or Path("output/graph.ttl"))), nl=False)


@main.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--store", "store_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
              help="Count from the on-disk store in DIR, loaded once (as kg query --store).")
@_errors
def stats(graph: Path, store_dir: Path | None) -> None:
    """Count the entities by type and the relations between them by predicate in GRAPH.

    \b
    Example:
      kg stats output/graph.ttl
    """
    from .evaluate import graph_stats

    for kind, name, count in graph_stats(_source(graph, store_dir)):
        click.echo(f"{kind:<9} {name:<20} {count:>6}")


@main.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--shapes", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="SHACL shapes to check against.  [default: ontology/shapes.ttl]")
@_errors
def validate(graph: Path, shapes: Path | None) -> None:
    """Check GRAPH against the SHACL shapes; exit 1 with a readable report on violation.

    \b
    Example:
      kg validate output/graph.ttl
    """
    from .errors import ValidationError
    from .validate import format_report
    from .validate import validate as run

    report = run(graph) if shapes is None else run(graph, shapes)
    click.echo(format_report(report), nl=False)
    if not report.conforms:
        raise ValidationError(f"{path_text(graph)}: does not conform ({len(report.violations)} violations)")


@main.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--endpoint", required=True, envvar="KG_PUSH_ENDPOINT", show_envvar=True,
              help="The store's SPARQL 1.1 Graph Store URL (Oxigraph …/store, Virtuoso …/sparql-graph-crud-auth).")
@click.option("--graph", "graph_iri", metavar="IRI",
              help="Put everything into this one named graph instead of one graph per report.")
@click.option("--user", envvar="KG_PUSH_USER", show_envvar=True, help="User name for basic or digest auth.")
@click.option("--password", envvar="KG_PUSH_PASSWORD", show_envvar=True,
              help="Password (prefer the environment variable: options show in the process list).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="Seconds to wait for the server on each request.")
@click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True,
              help="Further attempts after a failed connection, a timeout or a 5xx answer.")
@click.option("--prune/--no-prune", default=True, show_default=True,
              help="Delete the graphs of reports an earlier push left on the server that this build no longer has "
                   "(changed or removed reports).")
@click.option("--resend", is_flag=True,
              help="Send every graph, even those the server holds unchanged since the last push "
                   "(needed only when something other than kg push changed them there).")
@click.option("--replace-corpus", is_flag=True,
              help="Prune even when this build shares no report with the one on the server, which is then "
                   "taken for another corpus and, without this, left alone with nothing sent.")
@_errors
def push(graph: Path, endpoint: str, graph_iri: str | None, user: str | None, password: str | None,
         timeout: float, retries: int, prune: bool, resend: bool, replace_corpus: bool) -> None:
    """Load GRAPH (graph.trig: one named graph per report) into a SPARQL store.

    Uses the SPARQL 1.1 Graph Store HTTP Protocol: each named graph is
    replaced (HTTP PUT), so pushing again does not duplicate anything; the
    graphs of reports that changed or left the corpus since the last push
    are then deleted (HTTP DELETE), unless --no-prune.  A graph the server
    holds as GRAPH has it (by the digests the last push left there, in the
    graph …/id/graph/pushed) is not sent again, unless --resend.

    \b
    Example:
      kg push output/graph.trig --endpoint http://127.0.0.1:7878/store
      KG_PUSH_USER=dba KG_PUSH_PASSWORD=… kg push output/graph.trig \\
          --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth
    """
    from .progress import ProgressBar
    from .push import push as run

    bar = ProgressBar(unit="graphs", kept="unchanged")
    try:
        result = run(graph, endpoint, graph=graph_iri, user=user, password=password, timeout=timeout,
                     attempts=retries + 1, progress=bar, prune=prune, resend=resend, replace_corpus=replace_corpus)
    finally:
        bar.close()
    retried = f" ({result.retries} retried)" if result.retries else ""
    n = len(result.pruned)
    whose = "reports" if n != 1 else "a report"
    pruned = f"; deleted {n} graph{'s' * (n != 1)} of {whose} no longer in the build" if n else ""
    k = len(result.unchanged)
    unchanged = f"; {k} graph{'s' * (k != 1)} unchanged since the last push, not sent again" if k else ""
    click.echo(f"pushed {len(result.graphs)} graphs, {result.triples} triples to {result.endpoint} "
               f"in {result.seconds:.1f} s{retried}{unchanged}{pruned}")


@main.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(min=0, max=65535), default=7879, show_default=True,
              help="TCP port (0 picks a free one).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; anything but loopback exposes the graph to the network.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds a query may run before it is stopped (HTTP 503).")
@click.option("--store", "store_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
              help="Serve GRAPH from an on-disk store in DIR (as kg query --store) instead of memory.")
@_errors
def serve(graph: Path, port: int, host: str, timeout: float, store_dir: Path | None) -> None:
    """Serve GRAPH as a read-only SPARQL 1.1 endpoint until interrupted.

    Queries: GET or POST /sparql (any SPARQL client, e.g. YASGUI); updates
    are refused.  Prints the endpoint URL once it is listening.

    \b
    Example:
      kg serve output/graph.trig --port 7879
      curl http://127.0.0.1:7879/sparql --data-urlencode \\
          'query=SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
    """
    from .serve import make_server

    server = make_server(graph, host=host, port=port, timeout=timeout, log=lambda line: click.echo(line, err=True),
                         store_dir=store_dir)
    click.echo(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
