"""The ``kg`` command: a thin click layer over the library.

Each command parses its arguments, calls one library function and turns a
:class:`~kg.errors.KGError` into a one-line error with a non-zero exit.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from . import __version__
from .errors import KGError


#: ``kg build`` wrote its outputs, but some inputs could not be read.
EXIT_SOME_FAILED = 3


def _errors(fn):
    """Report a KGError as one line on stderr and exit 1."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except KGError as exc:
            raise click.ClickException(str(exc)) from None

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
@_errors
def build(inputs: tuple[Path, ...], out_dir: Path, jurisdiction: str | None, year: int | None, strict: bool,
          jobs: int | None, no_cache: bool) -> None:
    """Build the knowledge graph of INPUTS (default: the bundled sample report).

    INPUTS may be .txt (UTF-8, GB18030, UTF-16, Big5), .html, .docx or .pdf.
    Unreadable inputs are listed at the end, one line each, and the rest
    still build.  Exit status: 0 all built; 1 nothing built (every input
    failed, or --strict and one did); 3 built, but some inputs failed.

    \b
    Example:
      kg build                                  # bundled 运城 2023 sample
      kg build report.txt -o out --year 2024
      kg build a.pdf b.docx c.html --strict
      kg build reports/*.txt -o out --jobs 2    # a corpus, two processes

    A corpus build shows a progress bar on stderr when it is a terminal and
    ends with a one-line summary there; a rebuild into the same DIR
    re-extracts only the reports that changed (DIR/.kgcache).
    """
    import time

    from .pipeline import build as run
    from .progress import ProgressBar, summary

    started = time.perf_counter()
    bar = ProgressBar()
    try:
        result = run(list(inputs), out_dir, jurisdiction=jurisdiction, year=year, strict=strict,
                     jobs=jobs, cache=not no_cache, progress=bar)
    finally:
        bar.close()
    for path in result.outputs:
        click.echo(str(path))
    click.echo(summary(result, time.perf_counter() - started), err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    for failure in result.failures:
        click.echo(f"failed: {failure}", err=True)
    if result.failures:
        sys.exit(EXIT_SOME_FAILED)


@main.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("sparql", required=False)
@click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a .rq file.")
@click.option("--name", "query_name", help="Run a named query of ontology/queries (e.g. projects-in-place).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE as an RDF term (repeatable); never pasted into the query text.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "tsv"]), default="table",
              show_default=True)
@_errors
def query(graph: Path, sparql: str | None, query_file: Path | None, query_name: str | None,
          params: tuple[str, ...], fmt: str) -> None:
    """Run a SPARQL query over GRAPH (a .ttl/.nt/.trig/.jsonld file).

    The default graph is the union of all reports; GRAPH ?report selects one
    report's named graph in a .trig file.

    \b
    Example:
      kg query output/graph.ttl --name projects-in-place --param place=垣曲县
      kg query output/graph.ttl 'PREFIX gk: <https://w3id.org/govkg/ontology#>
        SELECT ?p ?c WHERE { ?p gk:located_in ?c }' --format csv
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
    click.echo(format_result(run_query(graph, q.text, bound, q.params), fmt), nl=False)


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
@_errors
def stats(graph: Path) -> None:
    """Count the entities by type and the relations by predicate in GRAPH.

    \b
    Example:
      kg stats output/graph.ttl
    """
    from .evaluate import graph_stats

    for kind, name, count in graph_stats(graph):
        click.echo(f"{kind:<9} {name:<20} {count:>6}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
