"""Shared paths. Tests that need ../shared (the corpus) skip, saying so, when it is absent."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pyoxigraph
import pytest
from rdflib import Graph

from unxref.extract import extract_file
from unxref.graph import build
from unxref.ingest import ingest
from unxref.model import Document
from unxref.store import Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "A_RES_62_176_fr.txt"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"needs the shared corpus at {CORPUS} (not in this clone)"
)


@pytest.fixture(scope="session")
def seed_document() -> Document:
    """The bundled example with the symbol and date its text lacks."""
    return extract_file(EXAMPLE, symbol="A/RES/62/176", date="2007-12-18")


@pytest.fixture(scope="session")
def seed_graph(seed_document: Document) -> Graph:
    return build(seed_document)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real on-disk store: the seed, the Security Council corpus when it is here, and the
    graphs the W3C protocol tests name, under those names."""
    from .test_w3c_protocol import protocol_graph_data

    path = tmp_path_factory.mktemp("store") / "store"
    store = Store(path)
    sources = [EXAMPLE] + (sorted((CORPUS / "unsc-en").glob("*.txt")) if CORPUS.is_dir() else [])
    outcomes = ingest(sources, store, workers=2)
    failed = [o for o in outcomes if o.error]
    assert len(failed) <= 1 and all("has no symbol" in (o.error or "") for o in failed), failed
    for graph, file in protocol_graph_data().items():
        store.oxigraph.load(path=str(file), format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=pyoxigraph.NamedNode(graph))
    store.oxigraph.flush()
    del store
    return path


@contextmanager
def serving(store: Path, log: Path, *options: str) -> Iterator[str]:
    """`unxref serve` on a free port, in its own process, over an on-disk store; yields its URL."""
    port = free_port()
    command = [sys.executable, "-m", "unxref.cli", "serve", "--store", str(store), "--port", str(port), *options]
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(url + "/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
            if process.poll() is not None:
                raise RuntimeError(f"the server exited: {log.read_text()}")
        else:
            raise RuntimeError(f"the server did not start within 30 s: {log.read_text()}")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def server_url(store_path: Path) -> Iterator[str]:
    """The session's server over the session's store (answers capped at 1,000 rows)."""
    with serving(store_path, store_path.parent / "server.log", "--workers", "2", "--max-rows", "1000") as url:
        yield url


@pytest.fixture(scope="session")
def w3c_protocol_dataset(store_path: Path) -> None:
    """The W3C protocol tests' graphs are loaded by `store_path`."""
