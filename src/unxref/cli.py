"""The ``unxref`` command line."""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from rdflib import Graph

    from unxref.store import Store

from unxref import __version__
from unxref.model import Document
from unxref.read import InputError

app = typer.Typer(
    help="unxref: a cross-reference knowledge graph of United Nations resolutions.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
# Tables keep their width when the output is a file or a pipe (rich would fold them to 80 columns).
WIDTH = None if sys.stdout.isatty() else 1000
err = Console(stderr=True, width=None if sys.stderr.isatty() else 1000)


class Lang(StrEnum):
    auto = "auto"
    en = "en"
    fr = "fr"


class ExtractFormat(StrEnum):
    text = "text"
    json = "json"
    ttl = "ttl"
    nt = "nt"
    nq = "nq"
    jsonld = "jsonld"
    rdfxml = "rdfxml"


def fail(message: str, status: int = 2) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(status)


def print_version(value: bool) -> None:
    if value:
        print(__version__)
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=print_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """unxref: a cross-reference knowledge graph of United Nations resolutions."""


@app.command()
def extract(
    file: Path = typer.Argument(..., help="A resolution: plain text, PDF, DOCX or HTML."),
    symbol: str | None = typer.Option(None, help="The document's own symbol, when its text lacks it."),
    date: str | None = typer.Option(None, help="Its adoption date (YYYY-MM-DD), when its text lacks it."),
    lang: Lang = typer.Option(Lang.auto, help="The text's language."),
    format: ExtractFormat = typer.Option(
        ExtractFormat.text, "--format", "-f", help="text (a summary), json (the document model) or an RDF format."
    ),
) -> None:
    """Extract one resolution: its structure and every citation it makes."""
    from unxref.extract import extract_file

    try:
        document = extract_file(file, symbol=symbol, lang=lang.value, date=date)
        if format is ExtractFormat.json:
            json.dump(document.to_json(), sys.stdout, ensure_ascii=False, indent=1)
            print()
        elif format is ExtractFormat.text:
            print_summary(document)
        else:
            from unxref.graph import Iris, base, build
            from unxref.serialize import RdfFormat, serialize

            graph = build(document)  # refuses a document without a symbol
            sys.stdout.write(serialize(graph, RdfFormat(format.value), Iris(base()).graph(document.symbol or "")))
    except InputError as error:
        raise fail(str(error)) from None


@app.command()
def validate(
    files: list[Path] = typer.Argument(
        ..., help="RDF files (.ttl .nt .nq .trig .jsonld .rdf), or resolutions with --extract."
    ),
    extract: bool = typer.Option(
        False, "--extract", help="The files are resolutions: extract each and validate its graph."
    ),
    symbol: str | None = typer.Option(None, help="With --extract and one file: its symbol, when its text lacks it."),
    date: str | None = typer.Option(None, help="With --extract and one file: its adoption date."),
) -> None:
    """Check graphs against the SHACL shapes; exit 1 when one does not conform."""
    from unxref.validate import Violation, parse_rdf_file
    from unxref.validate import validate as check

    if (symbol or date) and (not extract or len(files) != 1):
        raise fail("--symbol and --date apply to one file given with --extract")
    violations: list[tuple[Path, Violation]] = []
    for file in files:
        try:
            graph = _extracted_graph(file, symbol, date) if extract else parse_rdf_file(file)
        except InputError as error:
            raise fail(str(error)) from None
        violations += [(file, v) for v in check(graph)]
    if not violations:
        Console(width=WIDTH).print(f"[green]conforms:[/green] {len(files)} file(s)", highlight=False)
        return
    table = Table("file", "focus node", "path", "message", title=f"{len(violations)} violation(s)")
    for file, v in violations:
        table.add_row(str(file), v.focus, v.path, v.message)
    Console(width=WIDTH).print(table)
    raise typer.Exit(1)


def _extracted_graph(file: Path, symbol: str | None, date: str | None) -> Graph:
    from unxref.extract import extract_file
    from unxref.graph import build

    return build(extract_file(file, symbol=symbol, date=date))


class ExportFormat(StrEnum):
    nq = "nq"
    trig = "trig"
    nt = "nt"
    ttl = "ttl"
    jsonld = "jsonld"


def store_option() -> Any:
    return typer.Option(None, "--store", help="The store folder (default: $UNXREF_STORE or ./data/store).")


def open_store(path: Path | None, read_only: bool = False) -> Store:
    from unxref.store import Store, default_path

    folder = path or default_path()
    if read_only and not (folder / "CURRENT").is_file():
        raise fail(f"{folder}: no store here; run 'unxref ingest' first")
    return Store(folder, read_only=read_only)


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders and glob patterns of resolutions."),
    store: Path | None = store_option(),
    validate: bool = typer.Option(
        True, "--validate/--no-validate", help="Check each graph against the SHACL shapes before writing it."
    ),
    workers: int = typer.Option(os.cpu_count() or 1, help="Extraction processes."),
) -> None:
    """Extract resolutions into the store: one named graph per document, each written in one transaction."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from unxref.ingest import expand
    from unxref.ingest import ingest as run_ingest

    try:
        files = expand(paths)
    except InputError as error:
        raise fail(str(error)) from None
    if not files:
        raise fail("no resolutions found in " + ", ".join(paths))
    target = open_store(store)
    columns = (
        TextColumn("ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("", total=len(files))
        outcomes = run_ingest(
            files,
            target,
            check=validate,
            workers=workers,
            progress=lambda o: progress.update(task, advance=1, description=Path(o.source).name),
        )
    done = [o for o in outcomes if o.error is None]
    failed = [o for o in outcomes if o.error is not None]
    folder = target.path
    del target  # closed, so that the citation graph is read from the store as it now is
    if done and folder is not None:
        from unxref.chains import graph_for

        with err.status("building the citation graph for chain requests…"):
            graph_for(folder)
    summary = Table("documents", "triples", "citations", "failures", title=f"Ingested into {folder}")
    summary.add_row(
        str(len(done)), f"{sum(o.triples for o in done):,}", f"{sum(o.citations for o in done):,}", str(len(failed))
    )
    Console(width=WIDTH).print(summary)
    if failed:
        reasons = Table("file", "reason", title="Failures (skipped)")
        for outcome in failed:
            reasons.add_row(outcome.source, outcome.error or "")
        Console(width=WIDTH).print(reasons)
        raise typer.Exit(1)


@app.command()
def query(
    sparql: str | None = typer.Argument(None, help="A SPARQL query (or give --named)."),
    named: str | None = typer.Option(None, "--named", "-n", help="Run a named query from queries/ instead."),
    param: list[str] = typer.Option([], "--param", "-p", help="A named query's parameter, NAME=VALUE."),
    format: str | None = typer.Option(
        None, "--format", "-f", help="json, xml, csv, tsv (results); ttl, nt, jsonld, rdfxml, nq, trig (graphs)."
    ),
    store: Path | None = store_option(),
) -> None:
    """Run a SPARQL query on the store (read-only; the default graph is the union of all graphs)."""
    from unxref import queries
    from unxref.engine import Job, run_job

    substitutions: tuple[tuple[str, str, str], ...] = ()
    try:
        if named:
            chosen = queries.get(named)
            substitutions = chosen.substitutions(dict(p.split("=", 1) for p in param if "=" in p))
            text = chosen.text
        elif sparql:
            text = sparql
        else:
            raise fail("give a query, or --named NAME")
    except queries.QueryError as error:
        raise fail(str(error)) from None
    # Without --format: TSV for SELECT, JSON for ASK, Turtle for CONSTRUCT and DESCRIBE.
    accept = "text/tab-separated-values, application/sparql-results+json;q=0.9, text/turtle;q=0.8"
    answer = run_job(
        open_store(store, read_only=True).oxigraph,
        Job(query=text, accept=accept, format_key=format, substitutions=substitutions, row_limit=10**9),
    )
    if answer.status != 200:
        raise fail(answer.body.decode().strip())
    sys.stdout.buffer.write(answer.body)


@app.command()
def export(
    format: ExportFormat = typer.Option(
        ExportFormat.nq, "--format", "-f", help="Output format (sorted N-Quads by default)."
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of standard output."),
    store: Path | None = store_option(),
) -> None:
    """Write the whole store; the same store always gives the same bytes."""
    from rdflib import Dataset, Graph

    from unxref.serialize import RdfFormat, ntriples, serialize

    nquads = open_store(store, read_only=True).nquads()
    if format is ExportFormat.nq:
        text = nquads
    else:
        dataset = Dataset()
        dataset.parse(data=nquads, format="nquads")
        if format is ExportFormat.trig:
            text = dataset.serialize(format="trig")
        else:
            union = Graph()
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                union.add((s, p, o))
            text = ntriples(union) if format is ExportFormat.nt else serialize(union, RdfFormat(format.value))
    if output:
        output.write_text(text, "utf-8")
    else:
        sys.stdout.write(text)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    store: Path | None = store_option(),
    workers: int = typer.Option(os.cpu_count() or 1, help="Query worker processes."),
    timeout: float = typer.Option(30.0, help="Default query timeout, seconds."),
    max_timeout: float = typer.Option(300.0, help="Largest timeout a request may ask for, seconds."),
    max_rows: int = typer.Option(10_000, help="Row cap of a SPARQL answer (a capped answer says so)."),
    allow_service: list[str] = typer.Option(
        [], "--allow-service", help="A SERVICE endpoint queries may call (repeatable); none by default."
    ),
) -> None:
    """Serve the store: SPARQL 1.1 endpoint, linked-data pages, named-query API, dumps."""
    import uvicorn

    from unxref.server import Settings, create_app
    from unxref.store import default_path

    folder = store or default_path()
    settings = Settings(folder, workers, timeout, max_timeout, max_rows, tuple(allow_service))
    try:
        application = create_app(settings)
    except FileNotFoundError as error:
        raise fail(str(error)) from None
    Console(width=WIDTH).print(
        f"unxref serving {folder} at [bold]http://{host}:{port}/[/bold]  (SPARQL: /sparql, pages: /id/..., API docs: /docs)",
        highlight=False,
        soft_wrap=True,
    )
    uvicorn.run(application, host=host, port=port, loop="uvloop", http="httptools", log_level="warning")


class ChainFormat(StrEnum):
    text = "text"
    json = "json"
    graphml = "graphml"
    gexf = "gexf"
    dot = "dot"
    svg = "svg"


class ChainDirection(StrEnum):
    back = "back"
    forward = "forward"
    both = "both"


@app.command()
def chain(
    symbol: str = typer.Argument(..., help="A resolution's symbol, e.g. 'S/RES/598 (1987)'."),
    to: str | None = typer.Option(None, "--to", help="Show the chains of citations from SYMBOL back to this one."),
    depth: int = typer.Option(3, min=0, max=50, help="How many citation steps to follow (0 to 50)."),
    direction: ChainDirection = typer.Option(
        ChainDirection.back, help="back: what it cites; forward: what cites it; both."
    ),
    format: ChainFormat = typer.Option(ChainFormat.text, "--format", "-f", help="Output format."),
    store: Path | None = store_option(),
) -> None:
    """Citation chains: what a resolution cites, back to a depth, or how it descends from another."""
    from unxref import chains

    folder = open_store(store, read_only=True).path
    assert folder is not None
    if format is not ChainFormat.text:
        job = chains.ChainJob(start=symbol, target=to, depth=depth, direction=direction.value, format=format.value)
        status, _, body = chains.answer(folder, job)
        if status != 200:
            raise fail(body.decode().strip())
        sys.stdout.buffer.write(body)
        return
    graph = chains.graph_for(folder)
    try:
        start = chains.find_node(graph, symbol)
        if to:
            _, every = chains.chains_between(graph, start, chains.find_node(graph, to))
            if not every:
                raise fail(f"no chain of citations leads from {symbol} back to {to}", status=1)
            for path in every:
                print(" → ".join(f"{graph.nodes[n]['symbol']} ({graph.nodes[n]['date'] or 'no date'})" for n in path))
            return
        sub = chains.neighbourhood(graph, start, depth, direction.value)
    except chains.ChainError as error:
        raise fail(str(error)) from None
    sys.stdout.write(chains.text_tree(sub, start, direction.value, depth))


@app.command()
def lineage(
    symbol: str = typer.Argument(..., help="A resolution of a series, e.g. A/RES/62/176."),
    store: Path | None = store_option(),
) -> None:
    """The series a resolution belongs to: the resolutions under the same title that recall each other."""
    from unxref import chains

    folder = open_store(store, read_only=True).path
    assert folder is not None
    graph = chains.graph_for(folder)
    try:
        series = chains.lineage(graph, chains.find_node(graph, symbol))
    except chains.ChainError as error:
        raise fail(str(error)) from None
    for node in series:
        data = graph.nodes[node]
        print(f"{data['symbol']}\t{data['date'] or 'no date'}\t{data['title']}")


@app.command()
def stats(
    top: int = typer.Option(10, help="How many of each to list."),
    store: Path | None = store_option(),
) -> None:
    """Most cited and most citing resolutions, and citations that cannot be right (data errors)."""
    from unxref import chains

    folder = open_store(store, read_only=True).path
    assert folder is not None
    graph = chains.graph_for(folder)
    resolutions = graph.subgraph(n for n, d in graph.nodes(data=True) if d["kind"] == "resolution")
    console = Console(width=WIDTH)
    for title, ranking in (
        ("Most cited", chains.most_cited(graph, top)),
        ("Most citing", chains.most_citing(resolutions, top)),
    ):
        table = Table("resolution, document or treaty", "date", "citations", title=title)
        for node, count in ranking:
            table.add_row(graph.nodes[node]["symbol"], graph.nodes[node]["date"], str(count))
        console.print(table)
    errors = chains.data_errors(graph)
    table = Table("citing", "cited", "problem", title=f"Data errors ({len(errors)})")
    for error in errors:
        table.add_row(graph.nodes[error.citing]["symbol"], graph.nodes[error.cited]["symbol"], error.problem)
    console.print(table)


@app.command()
def read(file: Path = typer.Argument(..., help="A resolution: plain text, PDF, DOCX or HTML.")) -> None:
    """Print the reading text that extraction spans index."""
    from unxref.clean import clean
    from unxref.read import read_file

    try:
        raw, source_format = read_file(file)
    except InputError as error:
        raise fail(str(error)) from None
    sys.stdout.write(clean(raw, source_format).text + "\n")


def print_summary(document: Document) -> None:
    console = Console(width=WIDTH)
    console.print(f"[bold]{document.symbol or '(no symbol)'}[/bold]  {document.title or ''}", highlight=False)
    console.print(
        f"{document.body or 'unknown body'} · {document.date or 'no date'} · language {document.language}"
        + (f" · meeting {document.meeting}" if document.meeting else ""),
        highlight=False,
    )
    kinds = [p.kind for p in document.paragraphs]
    console.print(
        f"{kinds.count('preambular')} preambular, {kinds.count('operative')} operative, {kinds.count('annex')} annex paragraphs; "
        f"{len(document.sections)} sections; {len(document.footnotes)} footnotes",
        highlight=False,
    )
    table = Table("paragraph", "function", "kind", "cites", "note", "quote", title="Citations")
    for c in document.citations:
        table.add_row(c.paragraph, c.function or "", c.kind, c.target, str(c.footnote or ""), c.quote)
    console.print(table)
    distinct = {(c.kind, c.target) for c in document.citations}
    console.print(
        " · ".join(
            f"{sum(1 for k, _ in distinct if k == kind)} {kind.replace('y', 'ie')}s"
            for kind in ("resolution", "document", "treaty")
        )
        + f" cited; {len(document.mentions)} mentions of bodies and sessions",
        highlight=False,
    )


if __name__ == "__main__":
    app()
