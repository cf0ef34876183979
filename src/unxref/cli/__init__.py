"""The ``unxref`` command line: one module a group of commands, on one Typer app."""

from __future__ import annotations

from unxref.cli import chains, extract, store
from unxref.cli.app import DEBUG, app, print_error
from unxref.config import ResourceMissing
from unxref.errors import InputError, StoreError
from unxref.remote import RemoteError

__all__ = ["app", "chains", "extract", "run", "store"]


def run() -> None:
    """The console script: the app, with every error told in one line (``--debug`` shows
    the traceback of an unexpected one)."""
    try:
        app()
    except (ResourceMissing, InputError, StoreError, RemoteError) as error:
        _one_line(str(error), 2)
    except Exception as error:
        if DEBUG["traceback"]:
            raise
        _one_line(f"internal error: {type(error).__name__}: {error} (run with --debug for the traceback)", 3)


def _one_line(message: str, status: int) -> None:
    print_error(" ".join(message.split()))
    raise SystemExit(status) from None
