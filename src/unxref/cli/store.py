"""Commands on the store: ingest documents into it, query it, export it, serve it."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from unxref.cli.app import app, err, fail, one_of, open_store, out, print_error, store_option
from unxref.config import INGEST_TIME_BUDGET
from unxref.errors import StoreError
from unxref.formats import GRAPHS, RESULTS, keys

if TYPE_CHECKING:
    import networkx as nx

    from unxref.config import ServiceSettings
    from unxref.ingest import Outcome as IngestOutcome
    from unxref.location import Location
    from unxref.service.workers import QueryPool
    from unxref.store import Store

EXPORT_FORMATS = ["nq", "trig", "nt", "ttl", "jsonld"]
# The web process keeps a core busy itself: one query worker for each of the others (on 2 cores,
# bench/RESULTS.md: one worker answers 2 connections as fast as two, with 45 MB less PSS).
QUERY_WORKERS = max(1, (os.cpu_count() or 1) - 1)


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders and glob patterns of resolutions."),
    store: str | None = store_option(),
    validate: bool = typer.Option(
        True, "--validate/--no-validate", help="Check each graph against the SHACL shapes before writing it."
    ),
    workers: int = typer.Option(os.cpu_count() or 1, min=1, help="Extraction processes."),
    prune: bool = typer.Option(
        False, "--prune", help="Remove from the store every document that no file of this ingest gives."
    ),
    time_budget: float = typer.Option(
        INGEST_TIME_BUDGET,
        "--time-budget",
        min=0,
        help="Seconds a document may take to extract and validate (0: no limit).",
    ),
) -> None:
    """Extract resolutions into the store: one named graph per document, each whole or absent.

    A file the store already holds, unchanged and from this version of unxref, is skipped.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from unxref.extract.read import expand
    from unxref.ingest import Outcome
    from unxref.ingest import ingest as run_ingest

    files, problems = expand(paths)
    if not files and not problems:
        raise fail("no resolutions found in " + ", ".join(paths))
    if not files:  # nothing to ingest: the store is not opened (nor created)
        for problem in problems[:-1]:
            print_error(str(problem))
        raise fail(str(problems[-1]))
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
            budget=time_budget,
            compact=False,
        )
    outcomes = [Outcome(problem.path, error=problem.problem) for problem in problems] + outcomes
    if len(outcomes) == 1 and outcomes[0].error is not None:
        with contextlib.suppress(StoreError):  # the file's own error is the one to tell
            target.compact()
        raise fail(f"{outcomes[0].source}: {outcomes[0].error}")  # one file given alone: one line, nothing written
    removed = _prune(target, outcomes) if prune else []
    folder = target.location
    changed = bool(removed) or any(o.error is None and not o.unchanged for o in outcomes)
    try:
        graph = _compact(target, changed)
    except StoreError as error:  # compacting only makes reads faster: the store is published all the same
        print_error(f"{error}; the store is left uncompacted until the next ingest")
        graph = None
    try:
        _publish(target, fresh=changed, graph=graph)
        unpublished = None
    except StoreError as error:
        unpublished = f"{error}; a running server keeps serving the snapshot it has"
    _print_outcomes(outcomes, folder, removed, unpublished)


def _compact(target: Store, changed: bool) -> nx.DiGraph | None:
    """Compact the store; a changed embedded one's citation graph is built meanwhile, from the
    store being compacted (`Store.compact`)."""
    from unxref.chains.graph import citation_graph

    building = changed and target.path is not None
    with err.status("compacting the store and building the citation graph…" if building else "compacting the store…"):
        return target.compact(alongside=citation_graph if building else None)


def _publish(target: Store, fresh: bool, graph: nx.DiGraph | None = None) -> None:
    """Publish the store for servers (a running one switches to it), and keep the citation
    graph of what they will serve (``graph``, built from the store, or built now from the
    snapshot); an unchanged store keeps its snapshot."""
    from unxref.chains.graph import graph_for, keep
    from unxref.location import served

    assert target.location is not None
    published = served(target.location)
    snapshot = target.publish() if fresh or published == target.location else published
    if graph is not None:  # built from the store that was changed, so a new snapshot was just published
        keep(snapshot, graph)
        return
    with err.status("building the citation graph for chain requests…"):
        graph_for(snapshot)


def _prune(target: Store, outcomes: list[IngestOutcome]) -> list[str]:
    """Remove the documents no file of this ingest gave (failed files keep theirs)."""
    given = {o.symbol for o in outcomes if o.symbol}
    if any(o.error and not o.symbol for o in outcomes):
        return []  # a file that failed before its symbol was known may be one of them: remove nothing
    gone = [symbol for symbol in target.documents() if symbol not in given]
    for symbol in gone:
        target.remove(symbol)
    return gone


def _print_outcomes(
    outcomes: list[IngestOutcome], folder: Location | None, removed: list[str], unpublished: str | None = None
) -> None:
    """The summary of an ingest, a row for each failure, and why the store could not be
    published if it could not; exit 1 when something failed."""
    written = [o for o in outcomes if o.error is None and not o.unchanged]
    unchanged = [o for o in outcomes if o.unchanged]
    failed = [o for o in outcomes if o.error is not None]
    summary = Table(
        "written", "unchanged", "removed", "triples", "citations", "failures", title=f"Ingested into {folder}"
    )
    summary.add_row(
        str(len(written)),
        str(len(unchanged)),
        str(len(removed)),
        f"{sum(o.triples for o in written):,}",
        f"{sum(o.citations for o in written):,}",
        str(len(failed)),
    )
    out().print(summary)
    if failed:
        reasons = Table("file", "reason", title="Failures (skipped)")
        for outcome in failed:
            reasons.add_row(escape(outcome.source), escape(outcome.error or ""))
        out().print(reasons)
    if unpublished:
        print_error(unpublished)
    if failed or unpublished:
        raise typer.Exit(1)


@app.command()
def remove(
    symbols: list[str] = typer.Argument(..., help="Symbols of the documents to remove (A/RES/62/176)."),
    store: str | None = store_option(),
) -> None:
    """Remove documents from the store: each one's graph and provenance, in one transaction."""
    from unxref.un.symbols import SymbolError, normalize

    target = open_store(store, existing=True)
    missing = []
    for given in symbols:
        try:
            symbol = normalize(given)
        except SymbolError as error:
            raise fail(f"{given!r} is not a UN symbol: {error}") from None
        if target.remove(symbol):
            out().print(f"removed {symbol}")
        else:
            missing.append(symbol)
    target.compact()
    _publish(target, fresh=len(missing) < len(symbols))
    if missing:
        raise fail(f"not in the store: {', '.join(missing)}")


@app.command()
def query(
    sparql: str | None = typer.Argument(None, help="A SPARQL query (or give --named)."),
    named: str | None = typer.Option(None, "--named", "-n", help="Run a named query from queries/ instead."),
    param: list[str] = typer.Option([], "--param", "-p", help="A named query's parameter, NAME=VALUE."),
    format: str | None = typer.Option(
        None,
        "--format",
        "-f",
        help=f"{', '.join(keys(RESULTS))} (results); {', '.join(keys(GRAPHS))} (graphs).",
    ),
    store: str | None = store_option(),
) -> None:
    """Run a SPARQL query on the store (read-only; the default graph is the union of all graphs)."""
    from unxref.service import queries
    from unxref.service.checks import is_update, query_form
    from unxref.service.workers import Job, run_job

    unbound = [p for p in param if "=" not in p]
    if unbound:
        raise fail(f"--param {unbound[0]!r}: give NAME=VALUE")
    try:
        if named:
            chosen = queries.get(named)
            text = chosen.bound(dict(p.split("=", 1) for p in param))
        elif sparql:
            text = sparql
        else:
            raise fail("give a query, or --named NAME")
    except queries.QueryError as error:
        raise fail(str(error)) from None
    if is_update(text):
        raise fail("unxref query is read-only: SPARQL Update is refused (the store changes through ingest and remove)")
    _check_format(format, query_form(text))
    # Without --format: TSV for SELECT and ASK ("true"), Turtle for CONSTRUCT and DESCRIBE.
    accept = "text/tab-separated-values, application/sparql-results+json;q=0.9, text/turtle;q=0.8"
    answer = run_job(
        open_store(store, read_only=True).oxigraph,
        Job(
            query=text,
            accept=accept,
            format_keys=(format,) if format else (),
            row_limit=10**9,
        ),
    )
    if answer.status != 200:
        raise fail(answer.body.decode().strip())
    ends = not answer.body or answer.body.endswith(b"\n")
    sys.stdout.buffer.write(answer.body if ends else answer.body + b"\n")  # ASK: "true"


def _check_format(format: str | None, form: str | None) -> None:
    """A format the query's answer can be written in: results for SELECT and ASK, graphs for
    CONSTRUCT and DESCRIBE (a query the engine cannot read is left for it to say why)."""
    if format is None or form is None:
        return
    wanted = keys(GRAPHS) if form in ("CONSTRUCT", "DESCRIBE") else keys(RESULTS)
    if format not in wanted:
        article = "an" if form == "ASK" else "a"
        raise fail(f"{article} {form} query's answer is written as {', '.join(wanted)}, not {format!r}")


@app.command()
def export(
    format: str = one_of(EXPORT_FORMATS, "nq", "Output format (sorted N-Quads by default)", "--format", "-f"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of standard output."),
    store: str | None = store_option(),
) -> None:
    """Write the whole store; the same store always gives the same bytes."""
    from rdflib import Dataset, Graph

    from unxref.rdf.serialize import ntriples, serialize

    nquads = open_store(store, read_only=True).nquads()
    if format == "nq":
        text = nquads
    else:
        dataset = Dataset()
        dataset.parse(data=nquads, format="nquads")
        if format == "trig":
            text = dataset.serialize(format="trig")
        else:
            union = Graph()
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                union.add((s, p, o))
            text = ntriples(union) if format == "nt" else serialize(union, format)
    if output:
        try:
            output.write_text(text, "utf-8")
        except OSError as error:
            raise fail(f"{output}: cannot write it: {error.strerror}") from None
    else:
        sys.stdout.write(text)


def _check_can_listen(host: str, port: int) -> None:
    """One line, before anything starts, when the address is taken or not this machine's."""
    import socket

    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.create_server((host, port), family=family):
            pass
    except OSError as error:
        reason = (error.strerror or str(error)).split(" (while attempting")[0]  # create_server's addition
        raise fail(f"cannot listen on {host}:{port}: {reason}") from None


def _workers_started(settings: ServiceSettings) -> QueryPool:
    """The query workers over what the server will serve, started before the web stack is
    imported (0.6 s of FastAPI alone), so that the two starts overlap."""
    from unxref.location import served
    from unxref.remote import Endpoint
    from unxref.service.workers import QueryPool

    snapshot = served(settings.store)
    pool = QueryPool(snapshot, settings.workers)
    if isinstance(snapshot, Endpoint) or (snapshot / "CURRENT").is_file():  # else the app says what is missing
        pool.start()
    return pool


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, min=0, max=65535, help="Port to listen on."),
    store: str | None = store_option(),
    workers: int = typer.Option(
        QUERY_WORKERS,
        min=1,
        help="Query worker processes (default: one a core but the web process's; pages, named queries"
        " and chains have one more of their own).",
    ),
    timeout: float = typer.Option(30.0, min=0.001, help="Default query timeout, seconds."),
    max_timeout: float = typer.Option(300.0, min=0.001, help="Largest timeout a request may ask for, seconds."),
    max_rows: int = typer.Option(10_000, min=1, help="Row cap of a SPARQL answer (a capped answer says so)."),
    allow_service: list[str] = typer.Option(
        [], "--allow-service", help="A SERVICE endpoint queries may call (repeatable); none by default."
    ),
    max_body: int = typer.Option(1_000_000, min=1, help="Largest request body, bytes (413 past it)."),
    max_headers: int = typer.Option(16_384, min=1, help="Largest request line and headers, bytes (431 past it)."),
    cache_mb: int = typer.Option(128, min=0, help="Megabytes of answers kept for the snapshot served (0: none)."),
    header_timeout: float = typer.Option(
        10.0, min=0.001, help="Seconds a request's headers may take to arrive (408 past it)."
    ),
) -> None:
    """Serve the store: SPARQL 1.1 endpoint, linked-data pages, named-query API, dumps."""
    from unxref.config import ServiceSettings
    from unxref.location import location

    _check_can_listen(host, port)
    folder = location(store)
    settings = ServiceSettings(
        folder, workers, timeout, max_timeout, max_rows, tuple(allow_service), max_body, max_headers, cache_mb
    )
    pool = _workers_started(settings)

    import uvicorn

    from unxref.service.app import create_app
    from unxref.service.protocol import with_header_timeout

    try:
        application = create_app(settings, pool)
    except FileNotFoundError as error:
        raise fail(str(error)) from None
    out().print(
        f"unxref serving {folder} at [bold]http://{host}:{port}/[/bold]  (SPARQL: /sparql, pages: /id/..., API docs: /docs)",
        highlight=False,
        soft_wrap=True,
    )
    protocol = with_header_timeout(header_timeout)
    uvicorn.run(application, host=host, port=port, loop="uvloop", http=protocol, log_level="warning")
