"""The ``unxref`` command line: one module a group of commands, on one Typer app."""

from __future__ import annotations

from unxref.cli import chains, extract, store
from unxref.cli.app import app, err
from unxref.config import ResourceMissing

__all__ = ["app", "chains", "extract", "run", "store"]


def run() -> None:
    """The console script: the app, with an installation problem told in one line."""
    try:
        app()
    except ResourceMissing as error:
        err.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
        raise SystemExit(2) from None
