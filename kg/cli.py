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
@_errors
def build(inputs: tuple[Path, ...], out_dir: Path, jurisdiction: str | None, year: int | None) -> None:
    """Build the knowledge graph of INPUTS (default: the bundled sample report).

    \b
    Example:
      kg build                                  # bundled 运城 2023 sample
      kg build report.txt -o out --year 2024
    """
    from .pipeline import build as run

    result = run(list(inputs), out_dir, jurisdiction=jurisdiction, year=year)
    for path in result.outputs:
        click.echo(str(path))


@main.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("sparql", required=False)
@click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a .rq file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "tsv"]), default="table",
              show_default=True)
@_errors
def query(graph: Path, sparql: str | None, query_file: Path | None, fmt: str) -> None:
    """Run a SPARQL query over GRAPH (a .ttl/.nt/.trig/.jsonld file).

    \b
    Example:
      kg query output/graph.ttl 'PREFIX gk: <https://w3id.org/govkg/ontology#>
        SELECT ?p ?c WHERE { ?p gk:located_in ?c }' --format csv
    """
    from .query import format_result, run_query

    if (sparql is None) == (query_file is None):
        raise click.UsageError("give either a SPARQL string or --file, not both")
    text = sparql if sparql is not None else query_file.read_text(encoding="utf-8")
    click.echo(format_result(run_query(graph, text), fmt), nl=False)


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
