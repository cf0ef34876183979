"""What tests share that is not a fixture: where things are, and a server in its own process.

Tests that need ../shared (the corpus, the W3C tests) skip, saying so, when it is absent.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "A_RES_62_176_fr.txt"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"needs the shared corpus at {CORPUS} (not in this clone)"
)


def example_as(folder: Path, symbol: str) -> Path:
    """The example again, as another resolution (its sidecar gives the symbol)."""
    folder.mkdir(exist_ok=True)
    text = folder / "copy.txt"
    shutil.copy(EXAMPLE, text)
    (folder / "copy.meta.toml").write_text(f'symbol = "{symbol}"\ndate = "2007-12-18"\n', "utf-8")
    return text


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(store: Path | str, log: Path, *options: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """`unxref serve` on a free port, in its own process, over a store (a folder, or a SPARQL
    service's URL with ``env`` saying the rest); yields its URL."""
    port = free_port()
    command = [sys.executable, "-m", "unxref.cli", "serve", "--store", str(store), "--port", str(port), *options]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
        )
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
