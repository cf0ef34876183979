"""Shared fixtures: the seed document and graph, a real on-disk store, a real server on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph

from tests.support import CORPUS, EXAMPLE, serving
from unxref.extract import extract_file
from unxref.ingest import ingest
from unxref.model import Document
from unxref.rdf.build import build
from unxref.store import Store


@pytest.fixture(scope="session", autouse=True)
def chain_graph_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The citation graphs of the suite's throw-away stores are cached with them, not in the
    user's ``~/.cache`` (the servers the tests start inherit the setting)."""
    environment = pytest.MonkeyPatch()
    environment.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    yield
    environment.undo()


@pytest.fixture(scope="session")
def seed_document() -> Document:
    """The bundled example with the symbol and date its text lacks."""
    return extract_file(EXAMPLE, symbol="A/RES/62/176", date="2007-12-18")


@pytest.fixture(scope="session")
def seed_graph(seed_document: Document) -> Graph:
    return build(seed_document)


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real on-disk store: the seed, the Security Council corpus when it is here, and the
    graphs the W3C protocol tests name, under those names."""
    from tests.service.w3c_manifests import protocol_graph_data

    path = tmp_path_factory.mktemp("store") / "store"
    store = Store(path)
    sources = [EXAMPLE] + (sorted((CORPUS / "unsc-en").glob("*.txt")) if CORPUS.is_dir() else [])
    outcomes = ingest(sources, store, workers=2)
    failed = [o for o in outcomes if o.error]
    # One text has no symbol in its heading; ../shared's S_RES_0542_1983 holds the text of 538 (1983) again.
    expected = ("has no symbol", "gives S/RES/538 (1983), as")
    assert len(failed) <= 2 and all(any(e in (o.error or "") for e in expected) for o in failed), failed
    for graph, file in protocol_graph_data().items():
        store.oxigraph.load(path=str(file), format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=pyoxigraph.NamedNode(graph))
    store.oxigraph.flush()
    del store
    return path


@pytest.fixture(scope="session")
def server_url(store_path: Path) -> Iterator[str]:
    """The session's server over the session's store (answers capped at 1,000 rows)."""
    with serving(store_path, store_path.parent / "server.log", "--workers", "2", "--max-rows", "1000") as url:
        yield url


@pytest.fixture(scope="session")
def w3c_protocol_dataset(store_path: Path) -> None:
    """The W3C protocol tests' graphs are loaded by `store_path`."""
