"""The ``uprgraph`` command: a thin shell over the pipeline, the validator and the query runner.

Exit status: 0 success, 1 failure (unreadable input, a graph that does not conform, a query
error), 2 wrong use of a command. A build of several documents in which some cannot be read (a
damaged file, a document type not read yet) builds the others, writes their graph, prints one
"skipped: ..." line per document left out, and exits 1; when none can be read, nothing is written.
Errors are one line on stderr, never a traceback. rdflib and pySHACL are imported inside commands so
that ``uprgraph --help`` stays fast.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import click

from uprgraph.errors import UprgraphError, UsageError, one_line

if TYPE_CHECKING:
    from pathlib import Path

    from rdflib import Graph

STDOUT = "-"  # as a path argument: standard output
# Kept here, not imported from the export module, so that --help does not import rdflib.
FORMAT_NAMES = ["turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml"]
NETWORK_FORMATS = ["graphml", "gexf", "cytoscape-json"]
NETWORK_VIEWS = ["full", "recommendation-instrument", "institution-comention", "theme-treaty"]


class PathArg(click.Path):
    """click.Path giving a pathlib.Path, with pathlib imported only when a command gets one: importing it
    (and the urllib it pulls in) is a tenth of `uprgraph --help`'s own time."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from pathlib import Path

        return Path(super().convert(value, param, ctx))


def write_atomically(target: Path, data: bytes) -> None:
    """uprgraph.output.write_atomically, imported when a command writes (tempfile costs --help time)."""
    from uprgraph.output import write_atomically as write

    write(target, data)


class Failure(click.ClickException):
    exit_code = 1


class UsageFailure(click.ClickException):
    exit_code = 2


class _Group(click.Group):
    """Turns the errors uprgraph raises on purpose, and OS errors, into one line and an exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as error:
            raise UsageFailure(one_line(error)) from error
        except UprgraphError as error:
            raise Failure(one_line(error)) from error
        except OSError as error:
            if error.errno == errno.EPIPE:  # click quietly handles a closed pipe (`| head`)
                raise
            where = f": {error.filename}" if error.filename else ""
            raise Failure(f"{error.strerror or error}{where}") from error


def _terminal_width() -> int:
    """What shutil.get_terminal_size() gives, without importing shutil (and the compression modules it
    pulls in), which click does for every help page unless told the width."""
    try:
        columns = int(os.environ["COLUMNS"])
        if columns > 0:
            return columns
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(1).columns
    except OSError:
        return 80


@click.group(cls=_Group, context_settings={"terminal_width": _terminal_width()})
@click.version_option(package_name="uprgraph")
def main() -> None:
    """Turn UN Universal Periodic Review reports into an RDF knowledge graph and query it."""


@main.command()
@click.argument("reports", nargs=-1, type=PathArg(exists=True))
@click.option(
    "-o", "--output", type=PathArg(dir_okay=False),
    help="Turtle file to write, '-' for stdout  [default: the report's stem + .ttl, or uprgraph.ttl "
         "for several reports, in this folder]",
)
@click.option("--base-iri", metavar="IRI", help="Namespace for the IRIs of the reports' entities.")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL validation.")
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="turtle", show_default=True,
              help="RDF format; trig and nquads keep each document in a named graph.")
@click.option("--endpoint", metavar="URL", help="SPARQL endpoint to name in the dataset description.")
@click.option("--timestamp", is_flag=True, help="Record the build time (the output then differs between runs).")
@click.option("--store", "store_spec", metavar="memory|oxigraph:PATH", default="memory", show_default=True,
              help="oxigraph:PATH: build document by document (bounded memory, a progress bar on a terminal) into "
                   "an on-disk Oxigraph store, one named graph per document, replacing what those graphs held; "
                   "no RDF file is written then unless -o is given. A document unchanged since the store was "
                   "built is not built again.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="With --store oxigraph:PATH: documents built in N worker processes  [default: the cores "
                   "this process may use]")
@click.option("--force", is_flag=True, help="With --store oxigraph:PATH: rebuild every document, changed or not.")
@click.option("--keep-missing", is_flag=True,
              help="With --store oxigraph:PATH: keep the documents built before that are not among REPORTS now "
                   "(by default they are removed from the store).")
def build(reports: tuple[Path, ...], output: Path | None, base_iri: str | None, no_validate: bool,
          fmt: str, endpoint: str | None, timestamp: bool, store_spec: str, jobs: int | None = None,
          force: bool = False, keep_missing: bool = False) -> None:
    """Build one knowledge graph of REPORTS: national reports and Working Group reports, as text or
    PDF, or folders of them (default: the embedded pair, Kazakhstan's Working Group report
    A/HRC/14/10 and its national report A/HRC/WG.6/20/KAZ/1).

    The summary goes to stdout, or to stderr when the graph itself goes to stdout. When the graph
    does not conform to the shapes, it is still written, the validation report is printed, and the
    exit status is 1.
    """
    from uprgraph import gc_tuning, pipeline, resources
    from uprgraph.store import parse_spec

    spec = parse_spec(store_spec)
    gc_tuning.for_long_lived_objects()
    if spec.kind == "oxigraph":
        _build_into_store(spec, reports, output, base_iri, no_validate, fmt, endpoint, timestamp, jobs, force,
                          keep_missing)
        return
    if jobs is not None or force or keep_missing:
        raise click.UsageError("--jobs, --force and --keep-missing are for a build into --store oxigraph:PATH")
    inputs = [(p.name, p.read_bytes()) for p in _expand(reports)] if reports else resources.default_reports()
    from uprgraph.export.rdf import rdf_format, serialize

    options = {"base_iri": base_iri} if base_iri else {}
    result = pipeline.build_many(inputs, validate=not no_validate, endpoint=endpoint,
                                 timestamp=_now() if timestamp else None, **options)
    name = inputs[0][0] if len(inputs) == 1 else "uprgraph"
    rdf = rdf_format(fmt)
    turtle = serialize(result.named_triples(), rdf)

    from pathlib import Path

    target = output or Path(Path(name).stem + rdf.suffix)
    to_stdout = str(target) == STDOUT
    if to_stdout:
        click.echo(turtle, nl=False)  # bytes go to the binary stdout
    else:
        write_atomically(target, turtle)
    messages_to_stderr = to_stdout
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(_aligned(result.summary), nl=False, err=messages_to_stderr)
    where = "stdout" if to_stdout else str(target)
    if result.report is not None and not result.report.conforms:
        click.echo(result.report.text(), err=messages_to_stderr)
        _report_skipped(result.skipped, len(inputs))
        raise Failure(f"the graph written to {where} does not conform to the shapes")
    if result.skipped:
        _report_skipped(result.skipped, len(inputs))
        raise Failure(f"{len(result.skipped)} of {len(inputs)} documents could not be read and were left out; "
                      f"the graph of the others was written to {where}")


def _report_skipped(skipped: list[str], total: int) -> None:
    """One line per document left out of a build of several (the others were built: see pipeline._or_skip)."""
    for line in skipped:
        click.echo(f"skipped: {line}", err=True)


def _build_into_store(spec, reports: tuple[Path, ...], output: Path | None, base_iri: str | None,  # type: ignore[no-untyped-def]
                      no_validate: bool, fmt: str, endpoint: str | None, timestamp: bool, jobs: int | None,
                      force: bool, keep_missing: bool) -> None:
    from uprgraph import resources
    from uprgraph.corpus import build_into_store
    from uprgraph.interrupts import Terminated, terminate_as_interrupt
    from uprgraph.parallel import available_cores
    from uprgraph.pipeline import DEFAULT_BASE_IRI
    from uprgraph.store import open_store

    if spec.path is None:
        raise UsageFailure("an in-memory store ends with the build; give a folder: --store oxigraph:PATH")
    if reports:
        paths = _expand(reports)
    else:
        folder = resources.data_dir("reports")
        from pathlib import Path

        paths = [Path(str(folder / name)) for name in resources.DEFAULT_REPORTS]
    terminate_as_interrupt()
    try:
        with open_store(spec) as handle:
            result = build_into_store(paths, handle, base_iri or DEFAULT_BASE_IRI, validate=not no_validate,
                                      endpoint=endpoint, timestamp=_now() if timestamp else None,
                                      jobs=jobs or available_cores(), force=force, keep_missing=keep_missing)
            if output is not None:
                if str(output) == STDOUT:
                    handle.dump(fmt, click.get_binary_stream("stdout"))
                else:
                    write_atomically(output, lambda file: handle.dump(fmt, file))
    except (KeyboardInterrupt, Terminated) as stop:
        # each document is in the store whole or not at all, and its record with it: the same command goes on
        # where this one stopped. No -o file was written (or its temporary file was removed).
        interrupted = Failure(f"interrupted: the documents built so far are in the store {spec.path}; "
                              "run the same command to build the rest")
        interrupted.exit_code = 143 if isinstance(stop, Terminated) else 130
        raise interrupted from None
    to_stderr = str(output) == STDOUT
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(_aligned(result.summary), nl=False, err=to_stderr)
    _report_skipped(result.skipped, len(paths))
    if result.report is not None and not result.report.conforms:
        click.echo(result.report.text(), err=to_stderr)
        raise Failure(f"the graph written to the store {spec.path} does not conform to the shapes")
    if result.skipped:
        raise Failure(f"{len(result.skipped)} of {len(paths)} documents could not be read and were left out; "
                      f"the others were written to the store {spec.path}")


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).replace(microsecond=0).isoformat()


@main.command()
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES + NETWORK_FORMATS), required=True,
              help="RDF format (trig and nquads keep each document in a named graph; from a triples-only "
                   "--graph file they write the default graph), or a network format for Gephi and Cytoscape.")
@click.option("--view", type=click.Choice(NETWORK_VIEWS), default="full", show_default=True,
              help="With a network format: the whole typed graph or a focused projection.")
@click.option("--graph", "graph_file", type=PathArg(exists=True, dir_okay=False),
              help="A built graph in any RDF format  [default: the embedded default dataset]")
@click.option("-o", "--output", type=PathArg(dir_okay=False), default=STDOUT,
              help="File to write  [default: stdout]")
def export(fmt: str, view: str, graph_file: Path | None, output: Path) -> None:
    """Write a graph in another RDF format, sorted and deterministic, or as a network (GraphML, GEXF,
    Cytoscape JSON).

    Without --graph, the embedded default documents are built, with one named graph per document
    and one for the dataset description.
    """
    from uprgraph import pipeline, resources
    from uprgraph.export.rdf import rdf_format, serialize

    if fmt in NETWORK_FORMATS:
        from uprgraph import network

        data = network.write_network(network.network(_query_graph(graph_file), view), fmt)
    else:
        if graph_file is None:
            graphs = pipeline.build_many(resources.default_reports(), validate=False).named_graphs()
        else:
            from uprgraph.rdffile import read_named_graphs

            graphs = read_named_graphs(graph_file)
        data = serialize(graphs, rdf_format(fmt))
    if str(output) == STDOUT:
        click.echo(data, nl=False)
    else:
        write_atomically(output, data)


def _expand(paths: tuple[Path, ...]) -> list[Path]:
    """Files as given; a folder gives its .txt, .pdf and .docx (thematic lists) files, in name order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in (".txt", ".pdf", ".docx") and p.is_file())
            if not found:
                raise UsageFailure(f"{path}: no .txt or .pdf report in this folder")
            files.extend(found)
        else:
            files.append(path)
    return files


@main.command()
@click.argument("file", type=PathArg(exists=True, dir_okay=False))
def validate(file: Path) -> None:
    """Check the RDF graph in FILE against the shapes; exit status 1 when it does not conform."""
    from uprgraph.rdffile import read_graph

    graph = read_graph(file)
    from uprgraph.validate import validate as validate_graph  # pySHACL is slow to import; only now

    report = validate_graph(graph)
    click.echo(report.text())
    if not report.conforms:
        raise click.exceptions.Exit(1)


def _remote_options(command: Any) -> Any:
    """--endpoint and how to reach it: the options `query` and `load` share."""
    options = [
        click.option("--timeout", type=click.FloatRange(0.1, 86400), default=30.0, show_default=True,
                     help="With --endpoint: seconds to wait to connect and for each answer."),
        click.option("--user", metavar="NAME", help="With --endpoint: user name for the store."),
        click.option("--password", metavar="SECRET", envvar="UPRGRAPH_PASSWORD", show_envvar=True,
                     help="With --endpoint: password for the store (better from the environment)."),
        click.option("--auth", type=click.Choice(["basic", "digest"]), default="basic", show_default=True,
                     help="With --user: HTTP authentication scheme (Virtuoso's */sparql-auth wants digest)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _connection(url: str, timeout: float, user: str | None, password: str | None, auth: str):  # type: ignore[no-untyped-def]
    from uprgraph.remote.http import Connection

    source = click.get_current_context().get_parameter_source("password")
    if user is None and source == click.core.ParameterSource.ENVIRONMENT:
        password = None  # UPRGRAPH_PASSWORD is for the stores that want a user; a public endpoint does not
    return Connection(url, timeout=timeout, user=user, password=password, auth=auth)


@main.command()
@click.option("--endpoint", metavar="URL", required=True,
              help="The store's Graph Store Protocol URL, e.g. http://localhost:8890/sparql-graph-crud-auth "
                   "(Virtuoso), http://localhost:3030/ds/data (Fuseki), http://localhost:7878/store (Oxigraph).")
@click.option("--update", "update_url", metavar="URL",
              help="The store's SPARQL Update URL, for the swap  [default: found beside --endpoint for Virtuoso, "
                   "Fuseki, GraphDB and Oxigraph]")
@click.option("--graph", "into", metavar="IRI",
              help="Put everything into this one named graph  [default: each document into its own named graph, "
                   "as in TriG]")
@click.option("--file", "data_file", type=PathArg(exists=True, dir_okay=False),
              help="A built dataset (TriG or N-Quads keep their named graphs; other formats need --graph)  "
                   "[default: the embedded default dataset]")
@_remote_options
def load(endpoint: str, update_url: str | None, into: str | None, data_file: Path | None, timeout: float,
         user: str | None, password: str | None, auth: str) -> None:
    """Put a built dataset into a triple store, replacing its named graphs.

    Each graph is uploaded into a temporary graph first (SPARQL 1.1 Graph Store Protocol) and then
    moved over its target with one SPARQL Update request, so a failed upload leaves the store as it was.

    Example: uprgraph load --endpoint http://localhost:8890/sparql-graph-crud-auth --user dba --auth digest
    """
    from uprgraph.remote.load import load as load_graphs
    from uprgraph.remote.load import update_url_beside

    update_url = update_url or update_url_beside(endpoint)
    if update_url is None:
        raise click.UsageError("give --update URL: the store's SPARQL Update endpoint")
    target = None
    if into is not None:
        from uprgraph.query.params import is_absolute_iri

        if not is_absolute_iri(into):
            raise click.BadParameter(f"expected an absolute IRI such as https://example.org/graph, got {into!r}",
                                     param_hint="--graph")
        from rdflib import URIRef

        target = URIRef(into)
    store = _connection(endpoint, timeout, user, password, auth)
    updates = _connection(update_url, timeout, user, password, auth)
    if data_file is None:
        from uprgraph import pipeline, resources

        graphs = pipeline.build_many(resources.default_reports(), validate=False).named_graphs()
    else:
        from rdflib.util import guess_format

        from uprgraph.rdffile import QUAD_FORMATS, read_named_graphs

        if target is None and guess_format(str(data_file)) not in QUAD_FORMATS:
            raise click.UsageError(f"{data_file} holds no named graphs: give --graph IRI, or a TriG or N-Quads file")
        graphs = read_named_graphs(data_file)
        if target is None and None in graphs:
            raise click.UsageError(f"{data_file} holds triples outside any named graph: give --graph IRI")
    for loaded in load_graphs(graphs, store, updates, target):
        click.echo(f"{loaded.triples} triples into <{loaded.graph}>")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "markdown"]), default="table", show_default=True)
def queries(fmt: str) -> None:
    """List the canned queries: name, parameters ([optional]), title."""
    from uprgraph import tables
    from uprgraph.query.catalog import load_catalog

    catalog = load_catalog()
    header = ["query", "parameters", "title"]
    rows = [
        [query.name, " ".join(p.name if p.required else f"[{p.name}]" for p in query.params), query.title]
        for query in catalog.values()
    ]
    text = tables.markdown(header, rows) if fmt == "markdown" else tables.render(header, rows, _table_width())
    click.echo(text, nl=False)


@main.command()
@click.argument("name", required=False)
@click.option(
    "-p", "--param", "param_pairs", multiple=True, metavar="NAME=VALUE", help="A query parameter (repeatable)."
)
@click.option(
    "--graph", "graph_file", type=PathArg(exists=True, dir_okay=False),
    help="RDF file to query  [default: the graph of the embedded report]",
)
@click.option("--format", "output_format", type=click.Choice(["table", "markdown", "csv", "json"]), default="table",
              show_default=True, help="table: aligned, long cells wrapped to the terminal's width (or $COLUMNS); "
                                      "markdown: a Markdown table for notes and papers.")
@click.option("--limit", type=click.IntRange(0), metavar="N", help="Show only the first N rows.")
@click.option("--unordered", is_flag=True,
              help="Leave out the query's ORDER BY, so that each row is written as the store finds it (csv, json or "
                   "markdown): the first rows of a whole-corpus listing come before the last is found.")
@click.option("--file", "query_file", type=PathArg(exists=True, dir_okay=False),
              help="Run your own .rq file (with an optional '#+' header) instead of a canned query.")
@click.option(
    "-o", "--output", type=PathArg(dir_okay=False), help="File to write  [default: stdout]"
)
@click.option("--endpoint", metavar="URL", help="Run on this remote SPARQL endpoint instead of a local graph.")
@_remote_options
@click.option("--store", "store_spec", metavar="memory|oxigraph[:PATH]", default="oxigraph", show_default=True,
              help="Engine: rdflib in memory, Oxigraph in memory (same rows, faster), or an Oxigraph store on disk "
                   "made by 'uprgraph build --store oxigraph:PATH', read without parsing anything.")
def query(
    name: str | None,
    param_pairs: tuple[str, ...],
    graph_file: Path | None,
    output_format: str,
    limit: int | None,
    query_file: Path | None,
    output: Path | None,
    store_spec: str,
    endpoint: str | None = None,
    timeout: float = 30.0,
    user: str | None = None,
    password: str | None = None,
    auth: str = "basic",
    unordered: bool = False,
) -> None:
    """Run the canned query NAME (see 'uprgraph queries'), or your own with --file.

    Example: uprgraph query --file my.rq --graph kaz.ttl --param rec=95.43 --format csv
    """
    if name is not None and query_file is not None:
        raise click.UsageError("give a query NAME or --file, not both")
    if name is None and query_file is None:
        raise click.UsageError("give a query NAME (see 'uprgraph queries') or --file my.rq")
    params = _parse_params(param_pairs)

    from uprgraph.query import catalog, runner

    chosen = catalog.load_query_file(query_file) if query_file else catalog.get_query(name or "")
    if unordered:
        if output_format not in runner.STREAMED:
            raise click.UsageError("--unordered writes csv, json or markdown: a table's columns need every row first")
        if endpoint is not None:
            raise click.UsageError("--unordered reads a local graph or store, not an --endpoint")
        import dataclasses

        from uprgraph.query.lexical import without_order

        chosen = dataclasses.replace(chosen, text=without_order(chosen.text))
    # Bind first: a wrong parameter is reported before the (slow) default graph is built.
    bound = runner.prepare(chosen, params)
    if endpoint is None and output_format in runner.STREAMED:
        # rows written as Oxigraph hands them over: at once for a query without ORDER BY, after the sort for one with
        from uprgraph.query.lexical import has_order

        _write_rows_as_found(_open_query_store(store_spec, graph_file), bound, output_format, limit, output,
                             count_all=has_order(chosen.text))
        return
    if endpoint is not None:
        if graph_file is not None:
            raise click.UsageError("give --graph or --endpoint, not both")
        from uprgraph.remote.runner import on_endpoint

        result = on_endpoint(_connection(endpoint, timeout, user, password, auth))(bound)
    else:
        result = _open_query_store(store_spec, graph_file).backend()(bound)
    if limit is not None and len(result.rows) > limit:
        click.echo(f"uprgraph: showing the first {limit} of {len(result.rows)} rows", err=True)
        result = runner.first_rows(result, limit)
    to_stdout = output is None or str(output) == STDOUT
    if output_format == "table":
        text = runner.format_table(result, _table_width(to_stdout))
    else:
        text = runner.FORMATTERS[output_format](result)
    if to_stdout:
        click.echo(text, nl=False)
    else:
        write_atomically(output, text.encode("utf-8"))


def _write_rows_as_found(handle, bound, output_format: str, limit: int | None, output: Path | None,  # type: ignore[no-untyped-def]
                         count_all: bool) -> None:
    """csv, json or markdown: each row written (and flushed, on stdout) as the store hands it over, the same
    bytes as the whole answer formatted at once; a file is written whole or not at all. Past ``--limit`` the
    rest is counted for the note on stderr when ``count_all`` (an ordered answer, found whole before its first
    row); an unordered one stops there, as its first rows were asked for."""
    import itertools
    import sys

    from uprgraph.query import runner

    columns, rows = handle.stream(bound)
    if limit is not None:
        rows = iter(rows)
        shown = itertools.islice(rows, limit)
    else:
        shown = rows

    def write(out) -> None:  # type: ignore[no-untyped-def]
        runner.write_rows(columns, shown, output_format, out)

    if output is None or str(output) == STDOUT:
        write(sys.stdout.buffer)
    else:
        write_atomically(output, write)
    if limit is not None:
        if count_all:
            rest = sum(1 for _ in rows)
            if rest:
                click.echo(f"uprgraph: showing the first {limit} of {limit + rest} rows", err=True)
        elif next(rows, None) is not None:
            click.echo(f"uprgraph: showing the first {limit} rows; there are more (not counted: they were written as "
                       "found)", err=True)


def _table_width(to_stdout: bool = True) -> int | None:
    """The width a table fits: $COLUMNS, else the terminal's when printing to one, else none (no wrapping)."""
    import sys

    from uprgraph.tables import output_width

    return output_width(sys.stdout if to_stdout else None)


def _open_query_store(spec_text: str, graph_file: Path | None):  # type: ignore[no-untyped-def]
    """The store a query reads: ``graph_file`` (or the embedded default dataset) loaded into the engine
    the spec names, or an on-disk Oxigraph store opened read-only."""
    from uprgraph.store import open_store, parse_spec

    spec = parse_spec(spec_text)
    if spec.path is not None:
        if graph_file is not None:
            raise UsageFailure("--graph and --store oxigraph:PATH both name the data; load a file into a store "
                               "with 'uprgraph build --store oxigraph:PATH'")
        return open_store(spec, read_only=True)
    if graph_file is not None:
        return open_store(spec, graph_file=graph_file)
    from uprgraph import pipeline, resources

    handle = open_store(spec)
    if spec.kind == "memory":
        handle.graph = pipeline.default_graph()
    else:
        handle.replace_graphs(pipeline.build_many(resources.default_reports(), validate=False).named_graphs())
    return handle


def _query_graph(graph_file: Path | None) -> Graph:
    if graph_file is not None:
        from uprgraph.rdffile import read_graph

        return read_graph(graph_file)
    from uprgraph import pipeline

    return pipeline.default_graph()


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected NAME=VALUE, got {pair!r}", param_hint="--param")
        if key in params:
            raise click.BadParameter(f"parameter {key!r} is given twice", param_hint="--param")
        params[key] = value
    return params


def _aligned(summary: Mapping[str, object]) -> str:
    width = max((len(key) for key in summary), default=0) + 1
    return "".join(f"{key + ':':<{width}} {_show(value)}\n" for key, value in summary.items())


def _show(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


@main.command()
@click.option("--gold", type=PathArg(exists=True, dir_okay=False), multiple=True,
              help="Annotation (JSON) to score against; repeat it with --report for several documents  "
                   "[default: the embedded report's annotation]")
@click.option("--report", type=PathArg(exists=True, dir_okay=False), multiple=True,
              help="Report the annotation is of, one per --gold, in the same order  [default: the embedded report]")
@click.option("--format", "fmt", type=click.Choice(["table", "markdown", "json"]), default="table", show_default=True)
def evaluate(gold: tuple[Path, ...], report: tuple[Path, ...], fmt: str) -> None:
    """Score the extraction against a hand-made annotation: precision, recall and F1 per entity type,
    attribute accuracy on matched mentions (the printed name among them), and every miss and false
    alarm with its paragraph and quote. With several documents, each is scored alone and a last table
    gives one row per document.

    Example: uprgraph evaluate --gold a.json --report a.pdf --gold b.json --report b.txt
    """
    import json

    from uprgraph import resources
    from uprgraph.evaluate import evaluate as score
    from uprgraph.evaluate import load_gold, summary, summary_markdown
    from uprgraph.pipeline import read

    if not gold and not report:
        pairs = [(resources.default_gold(), resources.default_report())]
    elif len(gold) != len(report):
        if not gold:
            raise UsageFailure("--report needs --gold: the embedded annotation is of the embedded report")
        raise UsageFailure(f"{len(gold)} --gold and {len(report)} --report: give one report per annotation")
    else:
        pairs = [((g.name, g.read_text(encoding="utf-8")), (r.name, r.read_bytes())) for g, r in zip(gold, report, strict=True)]
    results = []
    for (gold_name, gold_text), (name, data) in pairs:
        annotation = load_gold(gold_text, gold_name)
        document, extraction = read(data, name)
        results.append((name, score(document, extraction, annotation)))
    if fmt == "json":
        payload = results[0][1].to_json() if len(results) == 1 else {
            "documents": [{"report": name, **result.to_json()} for name, result in results]}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        if len(results) == 1:
            click.echo(results[0][1].markdown(), nl=False)
        else:
            for name, result in results:
                click.echo(f"## {name}\n\n{result.markdown()}")
            click.echo(summary_markdown(results), nl=False)
    elif len(results) == 1:
        click.echo(results[0][1].table(_table_width()), nl=False)
    else:
        for name, result in results:
            click.echo(f"== {name}\n{result.table(_table_width())}")
        click.echo(summary(results, _table_width()), nl=False)


@main.command()
@click.option("-o", "--output", type=PathArg(file_okay=False), default="site",
              show_default=True, help="Folder to write the pages into.")
def docs(output: Path) -> None:
    """Write HTML documentation: the ontology (pyLODE) and an overview with the canned queries."""
    from uprgraph.docs import write_docs

    for page in write_docs(output):
        click.echo(str(page))


@main.command()
@click.option("-o", "--output", type=PathArg(dir_okay=False), default="explorer.html",
              show_default=True, help="HTML file to write.")
@click.option("--graph", "graph_file", type=PathArg(exists=True, dir_okay=False),
              help="A built graph in any RDF format  [default: the embedded default dataset]")
def viz(output: Path, graph_file: Path | None) -> None:
    """Write an interactive explorer of the graph: one self-contained HTML file that works offline."""
    from uprgraph.explorer import explorer_html

    write_atomically(output, explorer_html(_query_graph(graph_file)).encode("utf-8"))
    click.echo(str(output))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "markdown", "json"]), default="table", show_default=True)
@click.option("--top", type=click.IntRange(1, 1000), default=10, show_default=True, help="How many nodes per type in the rankings.")
@click.option("--graph", "graph_file", type=PathArg(exists=True, dir_okay=False),
              help="A built graph in any RDF format  [default: the embedded default dataset]")
def analyze(fmt: str, top: int, graph_file: Path | None) -> None:
    """Network metrics: centrality per node type, components, communities, and coverage: which
    recommendations of each theme have a legal instrument, treaty action or institution behind them, and the share
    of accepted and of noted recommendations something was reported under by the next review, per review."""
    from uprgraph.analyze import analyze as run_analysis
    from uprgraph.analyze import format_analysis

    click.echo(format_analysis(run_analysis(_query_graph(graph_file), top), fmt, _table_width()), nl=False)


@main.command()
@click.option("-o", "--output", type=PathArg(file_okay=False), required=True, help="Folder for the charts.")
@click.option("--graph", "graph_file", type=PathArg(exists=True, dir_okay=False),
              help="A built graph in any RDF format  [default: the embedded default dataset]")
def plot(output: Path, graph_file: Path | None) -> None:
    """PNG and SVG charts: instruments by year and kind, coverage by theme, recommendations by response, follow-up
    status per State and review."""
    from uprgraph.plot import plot as draw

    for path in draw(_query_graph(graph_file), output):
        click.echo(str(path))


@main.command()
@click.option("--graph", "graph_file", type=PathArg(exists=True, dir_okay=False),
              help="RDF file to serve, any format  [default: the embedded default dataset]")
@click.option("--store", "store_spec", metavar="SPEC",
              help="oxigraph (each worker holds the data in memory, the default) or oxigraph:PATH (an on-disk store "
                   "made by 'uprgraph build --store', opened read-only)")
@click.option("--in-memory", is_flag=True,
              help="With --store oxigraph:PATH: each worker copies the store's default graph into memory at start "
                   "(queries that join many rows run several times faster; about 1.6 GB of memory and 2.5 minutes per "
                   "1,000 reports per worker). Queries that name graphs are answered from the disk.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free port).")
@click.option("--timeout", type=click.FloatRange(0.05, 3600), default=30.0, show_default=True,
              help="Seconds a query may run before it is cancelled (503).")
@click.option("--max-rows", type=click.IntRange(1, 10_000_000), default=10_000, show_default=True,
              help="Rows (or triples) per answer; longer answers are cut and carry an X-SPARQL-MaxRows header.")
@click.option("--stream-after", type=click.FloatRange(0, 3600), default=0.25, show_default=True,
              help="Seconds after which a SELECT (JSON, CSV, TSV) still running is streamed, its rows sent as they "
                   "come; a quicker answer is sent whole.")
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Query worker processes (queries run in parallel up to this number).")
@click.option("--max-memory", "memory_mb", type=click.IntRange(0, 1_000_000), default=2048, show_default=True,
              help="Megabytes of address space per worker (0: no cap); a query past it is cancelled (503).")
@click.option("--max-request", "max_body", type=click.IntRange(1024, 1 << 30), default=1_000_000, show_default=True,
              help="Bytes of a request's query or body; larger requests get 413.")
@click.option("--allow-service", is_flag=True, help="Allow SERVICE (federated queries to other endpoints).")
@click.option("--base-iri", metavar="IRI", default="https://w3id.org/uprgraph/id/", show_default=True,
              help="The IRIs that /id/<path> stands for: <base IRI><path>.")
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN",
              help="Origin (scheme://host[:port]) whose web pages may call the endpoint (CORS); repeatable or "
                   "comma-separated; 'none' turns CORS off  [default: * (any origin; the endpoint is read-only)]")
def serve(graph_file: Path | None, store_spec: str | None, in_memory: bool, host: str, port: int, timeout: float,
          max_rows: int, workers: int, memory_mb: int, max_body: int, allow_service: bool, base_iri: str,
          cors_origins: tuple[str, ...], stream_after: float) -> None:
    """A read-only SPARQL 1.1 endpoint (/sparql), a query page with the canned queries (/) and a page per
    resource (/id/...), until Ctrl-C.

    Example: uprgraph serve --graph kaz.ttl --port 8080 --timeout 10
    """
    from uprgraph.serve import ServeOptions, run_serve
    from uprgraph.serve.cors import parse_origins

    origins = parse_origins(cors_origins)  # a malformed origin fails before anything is loaded

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: other machines can reach this endpoint (it is read-only, "
                   "but has no authentication)", err=True)
    from uprgraph.interrupts import Terminated

    try:
        run_serve(ServeOptions(graph_file=graph_file, store=store_spec, in_memory=in_memory, host=host, port=port,
                               timeout=timeout, max_rows=max_rows, workers=workers, allow_service=allow_service,
                               base_iri=base_iri, max_body=max_body, memory_mb=memory_mb, cors_origins=origins,
                               stream_after=stream_after))
    except (KeyboardInterrupt, Terminated) as stop:
        # Ctrl-C or SIGTERM is how a server is meant to end: its workers and temporary files are gone by now
        click.echo(f"uprgraph: stopped ({'SIGTERM' if isinstance(stop, Terminated) else 'Ctrl-C'})", err=True)
