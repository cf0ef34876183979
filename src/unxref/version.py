"""What made a document's graph: the package version and a digest of the code and data that
decide what is extracted and how it is written (``extract/``, ``un/``, ``rdf/``, the model, the
vocabularies and the ontology with its authority records). Ingest skips a file only when its
graph was made by this same extractor, so an improved extractor re-extracts on the next ingest
even when the package version did not move.

>>> extractor_version().startswith(__version__ + "+")
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from unxref import __version__
from unxref.config import resource

PACKAGE = Path(__file__).resolve().parent
DECIDING = ("extract", "un", "rdf")  # the folders whose files shape a document's graph
MODULES = ("model.py", "vocab.py", "ontology.py")


def _inputs() -> Iterator[tuple[str, Path]]:
    """Each input by a name that is the same in a checkout and in an installed wheel."""
    for folder in DECIDING:
        for path in sorted(p for p in (PACKAGE / folder).rglob("*") if p.suffix in (".py", ".toml")):
            yield path.relative_to(PACKAGE).as_posix(), path
    for name in MODULES:
        yield name, PACKAGE / name
    ontology = resource("ontology")
    for path in sorted(p for p in ontology.rglob("*") if p.is_file()):
        yield "ontology/" + path.relative_to(ontology).as_posix(), path


@cache
def extractor_version() -> str:
    """``0.1.0+`` and the first 12 hex digits of the SHA-256 of those inputs, named and in order."""
    hashed = hashlib.sha256()
    for name, path in _inputs():
        hashed.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return f"{__version__}+{hashed.hexdigest()[:12]}"
