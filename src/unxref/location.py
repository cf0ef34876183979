"""Where a store is, a folder (pyoxigraph's on-disk store) or a SPARQL 1.1 service, and
the engine that reads it.

Apart from `unxref.store`, which writes, so that the query workers, which only read,
do not load what writing needs (rdflib, the graph builder).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyoxigraph

from unxref.config import store_setting
from unxref.errors import StoreError
from unxref.remote import STATE_GRAPH, Endpoint, Engine, RemoteStore, is_url
from unxref.vocab import DCTERMS

Location = Path | Endpoint  # where a store is: a folder, or a SPARQL service


def open_read(store: Location) -> Engine:
    """A store to read: a snapshot folder opened read-only, or the service."""
    if isinstance(store, Endpoint):
        return RemoteStore(store)
    return pyoxigraph.Store.read_only(str(store))


def location(given: str | Path | None = None) -> Location:
    """The store ``--store`` names (else ``UNXREF_STORE``): a folder, or a SPARQL service's query URL."""
    named = str(given) if given is not None else store_setting()
    if not is_url(named):
        return Path(named)
    try:
        return Endpoint.configured(named)
    except ValueError as error:
        raise StoreError(str(error)) from None


def snapshots(store: Path) -> Path:
    """Where the published snapshots of a store live: ``data/store.snapshots/`` beside ``data/store``."""
    return store.with_name(store.name + ".snapshots")


def served(store: Location) -> Location:
    """What a server opens: the newest published snapshot of the store, or the store itself
    when none was published (a store written by the library, not by ``unxref ingest``).
    Of a remote store: its endpoint with the state it was last published in."""
    if isinstance(store, Endpoint):
        with RemoteStore(store) as remote:
            return replace(store, state=published_state(remote))
    latest = snapshots(store) / "LATEST"
    if latest.is_file():
        snapshot = snapshots(store) / latest.read_text("utf-8").strip()
        if (snapshot / "CURRENT").is_file():
            return snapshot
    return store


def published_state(remote: RemoteStore) -> str:
    state = remote.graphs_under + STATE_GRAPH
    solutions = remote.query(
        f"SELECT ?modified WHERE {{ GRAPH <{state}> {{ <{state}> <{DCTERMS.iri('modified')}> ?modified }} }}"
    )
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    return max((row[0].value for row in solutions), default="")
