"""The errors users see: one line naming the file and the problem."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """A file that cannot be read as a resolution; the message says why."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem
