"""The ``unxref`` command line: one module a group of commands, on one Typer app."""

from __future__ import annotations

import importlib.util
import sys

from unxref.cli import chains, extract, store
from unxref.cli.app import DEBUG, app, print_error
from unxref.config import ResourceMissing
from unxref.errors import InputError, StoreError
from unxref.remote import RemoteError

__all__ = ["app", "chains", "extract", "run", "store"]


def run() -> None:
    """The console script: the app, with every error told in one line (``--debug`` shows
    the traceback of an unexpected one)."""
    _main_as_module()
    try:
        app()
    except (ResourceMissing, InputError, StoreError, RemoteError) as error:
        _one_line(str(error), 2)
    except Exception as error:
        if DEBUG["traceback"]:
            raise
        _one_line(f"internal error: {type(error).__name__}: {error} (run with --debug for the traceback)", 3)


def _main_as_module() -> None:
    """Name the console script's main module as ``python -m unxref.cli`` names it.

    A process started by multiprocessing's spawn (ingest's and the server's workers)
    first imports its parent's main module, which for the console script is the whole
    command line (typer, rich: 0.7 s and 15 MB a process), unless that module is named as
    a ``__main__`` module; their work is in `unxref` modules, which they import themselves.
    """
    main = sys.modules["__main__"]
    if getattr(main, "__spec__", None) is None:
        main.__spec__ = importlib.util.find_spec("unxref.cli.__main__")


def _one_line(message: str, status: int) -> None:
    print_error(" ".join(message.split()))
    raise SystemExit(status) from None
