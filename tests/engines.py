"""Real SPARQL engines for the tests and benchmarks of remote stores (issue 10), each started
on loopback with throw-away data and its own ports: Oxigraph's server in read-write mode
(PyPI ``oxigraph``, in the dev extras) and Virtuoso (Debian's ``virtuoso-opensource``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.support import free_port


@dataclass(frozen=True)
class Engine:
    name: str
    query_url: str
    env: dict[str, str]  # what unxref is told beside the URL: update URL, credentials


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    for _ in range(600):
        if process.poll() is not None:
            raise RuntimeError(f"the engine exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the engine did not start within 60 s: {log.read_text(errors='replace')[-2000:]}")


@contextmanager
def oxigraph(folder: Path) -> Iterator[Engine]:
    """Oxigraph's server, read-write, the default graph the union of all graphs."""
    binary = Path(sys.executable).with_name("oxigraph")
    if not binary.is_file():
        pytest.fail("Oxigraph's server is not installed: run 'make install' (PyPI oxigraph, in the dev extras)")
    port = free_port()
    log = folder / "oxigraph.log"
    command = [str(binary), "serve", "--location", str(folder / "data"), "--bind", f"127.0.0.1:{port}"]
    with log.open("wb") as output:
        process = subprocess.Popen([*command, "--union-default-graph"], stdout=output, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/query"
        _wait_for(url, process, log)
        yield Engine("oxigraph", url, {})
    finally:
        process.terminate()
        process.wait(timeout=10)


VIRTUOSO_INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 300
MaxQueryCostEstimationTime = 400
"""


@contextmanager
def virtuoso(folder: Path) -> Iterator[Engine]:
    """Virtuoso with a fresh database: updates through ``/sparql-auth`` with digest
    authentication as the database's administrator (its default password, on loopback)."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.fail("Virtuoso is not installed: run 'make install' (it installs Debian's virtuoso-opensource)")
    db = folder / "virtuoso"
    db.mkdir()
    http = free_port()
    (db / "virtuoso.ini").write_text(VIRTUOSO_INI.format(db=db, sql=free_port(), http=http), "utf-8")
    log = db / "stdout.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [binary, "-c", str(db / "virtuoso.ini"), "+foreground"], cwd=db, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        url = f"http://127.0.0.1:{http}/sparql"
        _wait_for(url, process, log)
        credentials = {"UNXREF_STORE_USER": "dba", "UNXREF_STORE_PASSWORD": "dba", "UNXREF_STORE_AUTH": "digest"}
        yield Engine("virtuoso", url, {"UNXREF_STORE_UPDATE": url + "-auth", **credentials})
    finally:
        process.terminate()
        process.wait(timeout=30)


ENGINES = {"oxigraph": oxigraph, "virtuoso": virtuoso}
