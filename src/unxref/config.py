"""Every setting unxref reads from its environment, and where it finds its resources.

Environment variables:

    UNXREF_STORE    the store: a folder (default ``./data/store``), or the query URL of a
                    SPARQL 1.1 service (`unxref.remote` names the variables it also reads)
    UNXREF_BASE     the base every IRI is minted under (default ``https://w3id.org/unxref/id/``)
    XDG_CACHE_HOME  where the citation graph of a store is cached (default ``~/.cache``)

Resources (the ontology and authority records, SHACL shapes, named queries, the
front-end libraries) are package data in an installed wheel, under
``unxref/resources/``; in a checkout they are the top-level folders ``ontology/``,
``shapes/``, ``queries/`` and ``node_modules/``. Package data is looked for first.
A resource found in neither place is an error that says so, never a quietly
poorer graph.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from unxref.remote import Endpoint

DEFAULT_BASE = "https://w3id.org/unxref/id/"
INGEST_TIME_BUDGET = 120.0  # seconds a document may take to extract, build and validate (--time-budget)
PACKAGE = Path(__file__).resolve().parent
PACKAGED_RESOURCES = PACKAGE / "resources"
# A checkout keeps the package in src/, and its resources at the top.
CHECKOUT = PACKAGE.parents[1] if PACKAGE.parent.name == "src" else None
# Front-end libraries the service serves, by the name they are served under: where each
# lives in node_modules (installed from package-lock.json), and under resources/vendor/ in a wheel.
VENDOR = {
    "yasgui": "@zazuko/yasgui/build",
    "swagger-ui": "swagger-ui-dist",
}


class ResourceMissing(RuntimeError):
    """A file or folder unxref needs is not where an installation puts it."""


def base() -> str:
    """The base every IRI is minted under (``UNXREF_BASE``)."""
    return os.environ.get("UNXREF_BASE", DEFAULT_BASE)


def store_setting() -> str:
    """The store named by ``UNXREF_STORE``: a folder, or a SPARQL service's query URL."""
    return os.environ.get("UNXREF_STORE", "data/store")


def cache_dir() -> Path:
    """unxref's cache folder (``$XDG_CACHE_HOME/unxref``)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "unxref"


def resource(*parts: str) -> Path:
    """A resource file or folder, such as ``resource("ontology", "unxref.ttl")``."""
    candidates = [PACKAGED_RESOURCES.joinpath(*parts)] + ([CHECKOUT.joinpath(*parts)] if CHECKOUT else [])
    found = next((path for path in candidates if path.exists()), None)
    if found is None:
        where = " or ".join(str(path) for path in candidates)
        raise ResourceMissing(f"unxref's resource {'/'.join(parts)} is missing (looked in {where}); reinstall unxref")
    return found


def resource_files(folder: str, pattern: str) -> list[Path]:
    """The files of a resource folder matching a glob, sorted; an empty folder is missing too."""
    files = sorted(resource(folder).glob(pattern))
    if not files:
        raise ResourceMissing(f"unxref's resource folder {resource(folder)} holds no {pattern} files; reinstall unxref")
    return files


def vendor(name: str) -> Path:
    """The folder of a front-end library (`VENDOR`), packaged or from node_modules."""
    candidates = [PACKAGED_RESOURCES / "vendor" / name] + (
        [CHECKOUT / "node_modules" / VENDOR[name]] if CHECKOUT else []
    )
    found = next((path for path in candidates if path.is_dir()), None)
    if found is None:
        where = " or ".join(str(path) for path in candidates)
        raise ResourceMissing(
            f"the front-end library {name} is missing (looked in {where}); run 'make install' (npm ci)"
        )
    return found


@dataclass(frozen=True)
class ServiceSettings:
    """What `unxref serve` is told (each has a flag of the same name)."""

    store: Path | Endpoint
    workers: int = 2
    timeout: float = 30.0
    max_timeout: float = 300.0
    max_rows: int = 10_000
    allowed_services: tuple[str, ...] = ()
    max_body: int = 1_000_000  # bytes of a request body (413 past it)
    max_headers: int = 16_384  # bytes of the request line and headers (431 past it)
    cache_mb: int = 128  # megabytes of answers kept for the snapshot served (0: none)
