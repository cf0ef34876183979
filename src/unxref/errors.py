"""The errors users see: one line naming the file and the problem."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """A file that cannot be read as a resolution; the message says why."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


class StoreError(Exception):
    """The store cannot be opened or written (permissions, a full disk, another writer)."""


class OverBudget(Exception):
    """A document took longer than its time budget in ingest."""
