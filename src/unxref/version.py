"""What made a document's graph: the package version and a digest of the code and data that
decide what is extracted and how it is written (``extract/``, ``un/``, ``rdf/``). Ingest skips
a file only when its graph was made by this same extractor, so an improved extractor
re-extracts on the next ingest even when the package version did not move.

>>> extractor_version().startswith(__version__ + "+")
True
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from unxref import __version__

PACKAGE = Path(__file__).resolve().parent
DECIDING = ("extract", "un", "rdf")  # the folders whose files shape a document's graph


@cache
def extractor_version() -> str:
    """``0.1.0+`` and the first 12 hex digits of the SHA-256 of those folders' files, in path order."""
    hashed = hashlib.sha256()
    for folder in DECIDING:
        for path in sorted(p for p in (PACKAGE / folder).rglob("*") if p.suffix in (".py", ".toml")):
            hashed.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return f"{__version__}+{hashed.hexdigest()[:12]}"
