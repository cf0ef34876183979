"""The ``unxref`` command: the Typer application, and what its commands share."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.markup import escape

from unxref import __version__

if TYPE_CHECKING:
    from unxref.store import Store

app = typer.Typer(
    help="unxref: a cross-reference knowledge graph of United Nations resolutions.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",  # a docstring's wrapped lines read as one paragraph
)
# Tables keep their width when the output is a file or a pipe (rich would fold them to 80 columns).
WIDTH = None if sys.stdout.isatty() else 1000
err = Console(stderr=True, width=None if sys.stderr.isatty() else 1000)
DEBUG = {"traceback": False}  # set by --debug: an unexpected error shows its traceback


def one_of(values: list[str], default: str, what: str, *flags: str) -> Any:
    """An option whose value is one of ``values`` (from the format registry), checked and listed in its help."""

    def check(value: str) -> str:
        if value not in values:
            raise typer.BadParameter(f"{value!r} is not one of: {', '.join(values)}")
        return value

    return typer.Option(default, *flags, callback=check, help=f"{what}: {', '.join(values)}.")


def fail(message: str, status: int = 2) -> typer.Exit:
    print_error(message)
    return typer.Exit(status)


def print_error(message: str) -> None:
    """One line on standard error; the message is printed as it is (a file may be named "[bold].txt")."""
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)


def out() -> Console:
    return Console(width=WIDTH)


def print_version(value: bool) -> None:
    if value:
        print(__version__)
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=print_version, is_eager=True, help="Print the version and exit."
    ),
    debug: bool = typer.Option(False, "--debug", help="Show the traceback of an unexpected error."),
) -> None:
    """unxref: a cross-reference knowledge graph of United Nations resolutions."""
    DEBUG["traceback"] = debug


def store_option() -> Any:
    return typer.Option(
        None,
        "--store",
        help="The store: a folder, or a SPARQL 1.1 service's query URL (default: $UNXREF_STORE or ./data/store).",
    )


def open_store(given: str | None, read_only: bool = False, existing: bool = False) -> Store:
    """The store named; one to read (or ``existing``) must be there already, never created."""
    from unxref.location import location
    from unxref.store import Store

    where = location(given)
    if (read_only or existing) and isinstance(where, Path) and not (where / "CURRENT").is_file():
        raise fail(f"{where}: no store here; run 'unxref ingest' first")
    return Store(where, read_only=read_only)
