"""Commands on the citation graph: chains from a resolution, the lineage of a series, statistics."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from unxref.cli.app import app, fail, one_of, open_store, out, store_option
from unxref.formats import CHAINS, keys

if TYPE_CHECKING:
    from unxref.location import Location


def _located(store: str | None) -> Location:
    """The store to read chains from; of a remote store, at the state it was last published in
    (the citation graph is cached per state)."""
    from unxref.location import served
    from unxref.remote import Endpoint

    where = open_store(store, read_only=True).location
    assert where is not None
    return served(where) if isinstance(where, Endpoint) else where


@app.command()
def chain(
    symbol: str = typer.Argument(..., help="A resolution's symbol, e.g. 'S/RES/598 (1987)'."),
    to: str | None = typer.Option(None, "--to", help="Show the chains of citations from SYMBOL back to this one."),
    depth: int = typer.Option(3, min=0, max=50, help="How many citation steps to follow (0 to 50)."),
    direction: str = one_of(
        ["back", "forward", "both"], "back", "What to follow (back: what it cites; forward: what cites it)"
    ),
    format: str = one_of(["text", *keys(CHAINS)], "text", "Output format", "--format", "-f"),
    store: str | None = store_option(),
) -> None:
    """Citation chains: what a resolution cites, back to a depth, or how it descends from another."""
    from unxref.chains.analysis import chains_between, neighbourhood
    from unxref.chains.exports import text_tree
    from unxref.chains.graph import ChainError, find_node, graph_for
    from unxref.chains.jobs import ChainJob
    from unxref.chains.requests import answer

    folder = _located(store)
    if format != "text":
        job = ChainJob(start=symbol, target=to, depth=depth, direction=direction, format=format)  # type: ignore[arg-type]
        status, _, body = answer(folder, job)
        if status != 200:
            raise fail(body.decode().strip())
        sys.stdout.buffer.write(body)
        return
    graph = graph_for(folder)
    try:
        start = find_node(graph, symbol)
        if to:
            _, every = chains_between(graph, start, find_node(graph, to))
            if not every:
                raise fail(f"no chain of citations leads from {symbol} back to {to}", status=1)
            for path in every:
                print(" → ".join(f"{graph.nodes[n]['symbol']} ({graph.nodes[n]['date'] or 'no date'})" for n in path))
            return
        sub = neighbourhood(graph, start, depth, direction)  # type: ignore[arg-type]
    except ChainError as error:
        raise fail(str(error)) from None
    sys.stdout.write(text_tree(sub, start, direction, depth))  # type: ignore[arg-type]


@app.command()
def lineage(
    symbol: str = typer.Argument(..., help="A resolution of a series, e.g. A/RES/62/176."),
    store: str | None = store_option(),
) -> None:
    """The series a resolution belongs to: the resolutions under the same title that recall each other."""
    from unxref.chains.analysis import lineage as series_of
    from unxref.chains.graph import ChainError, find_node, graph_for

    graph = graph_for(_located(store))
    try:
        series = series_of(graph, find_node(graph, symbol))
    except ChainError as error:
        raise fail(str(error)) from None
    for node in series:
        data = graph.nodes[node]
        print(f"{data['symbol']}\t{data['date'] or 'no date'}\t{data['title']}")


@app.command()
def stats(
    top: int = typer.Option(10, min=1, help="How many of each to list."),
    store: str | None = store_option(),
) -> None:
    """Most cited and most citing resolutions, and citations that cannot be right (data errors)."""
    from unxref.chains.analysis import data_errors, most_cited, most_citing
    from unxref.chains.graph import graph_for

    graph = graph_for(_located(store))
    console = out()
    rankings = (
        ("Most cited", "resolution, document or treaty", "cited by", most_cited(graph, top)),
        ("Most citing", "resolution", "what it cites", most_citing(graph, top)),
    )
    for title, kind, counted, ranking in rankings:
        table = Table(kind, "date", counted, title=title)
        for node, count in ranking:
            table.add_row(graph.nodes[node]["symbol"], graph.nodes[node]["date"], str(count))
        console.print(table)
    errors = data_errors(graph)
    table = Table("citing", "cited", "problem", title=f"Data errors ({len(errors)})")
    for error in errors:
        table.add_row(graph.nodes[error.citing]["symbol"], graph.nodes[error.cited]["symbol"], error.problem)
    console.print(table)
