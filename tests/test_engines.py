"""The store on two real SPARQL engines (issue 10): Oxigraph's server in read-write mode
(PyPI ``oxigraph``) and Virtuoso (Debian's ``virtuoso-opensource``), each started here on
loopback with throw-away data and its own ports.

The seed and the first 100 English Security Council texts (the seed alone without
``../shared``) are ingested into each engine and into the embedded store; a server over each
answers every named query, page and chain request as the server over the embedded store does.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.engines import ENGINES, Engine, virtuoso
from tests.support import CORPUS, EXAMPLE, ROOT, example_as, free_port, serving
from unxref.service import queries

SECURITY_COUNCIL_TEXTS = 100
# Provenance times differ from one ingest to the next.
EXTRACTION_TIME = re.compile(rb'"[^"]*"\^\^<http://www.w3.org/2001/XMLSchema#dateTime>')


def unxref(*arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command line, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "unxref.cli", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
        timeout=900,
    )


def ingested(store: str, files: list[Path], env: dict[str, str] | None = None) -> str:
    result = unxref("ingest", *map(str, files), "--store", store, "--workers", "2", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def corpus() -> list[Path]:
    texts = sorted((CORPUS / "unsc-en").glob("*.txt"))[:SECURITY_COUNCIL_TEXTS] if CORPUS.is_dir() else []
    return [EXAMPLE, *texts]


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory, corpus: list[Path]) -> Iterator[tuple[str, str]]:
    """(the store, the URL of a server over it): the embedded store."""
    folder = tmp_path_factory.mktemp("embedded")
    ingested(str(folder / "store"), corpus)
    with serving(folder / "store", folder / "server.log", "--workers", "1") as url:
        yield str(folder / "store"), url


@dataclass(frozen=True)
class Served:
    engine: Engine
    url: str  # unxref's server over the engine
    ingest_output: str


@pytest.fixture(scope="module", params=sorted(ENGINES))
def remote(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, corpus: list[Path]
) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp(request.param)
    with ENGINES[request.param](folder) as engine:
        output = ingested(engine.query_url, corpus, engine.env)
        with serving(engine.query_url, folder / "server.log", "--workers", "1", env=engine.env) as url:
            yield Served(engine, url, output)


def _exported(store: str, env: dict[str, str] | None = None) -> list[bytes]:
    result = subprocess.run(
        [sys.executable, "-m", "unxref.cli", "export", "--store", store],
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return [EXTRACTION_TIME.sub(b"TIME", line) for line in result.stdout.splitlines()]


def _rows(body: bytes) -> list[str]:
    """SPARQL JSON results as a sorted list of rows: engines may give rows in any order."""
    results = json.loads(body)
    return sorted(json.dumps(row, sort_keys=True) for row in results["results"]["bindings"])


def _get(url: str) -> httpx.Response:
    response = httpx.get(url, timeout=120)
    assert response.status_code == 200, f"{url}: {response.status_code} {response.text[:300]}"
    return response


def test_ingest_writes_the_same_quads_as_into_the_embedded_store(
    remote: Served, embedded: tuple[str, str], corpus: list[Path]
) -> None:
    here = _exported(remote.engine.query_url, remote.engine.env)
    assert here == _exported(embedded[0])
    assert len(here) > 1_000 * len(corpus) ** 0.5


def test_every_named_query_answers_as_on_the_embedded_store(remote: Served, embedded: tuple[str, str]) -> None:
    for name, query in queries.load_all().items():
        for parameter in [None, *query.parameters]:
            value = {"cited": "A/RES/61/183"}.get(parameter.name, "A/RES/62/176") if parameter else None
            path = f"/api/queries/{name}" + (f"?{parameter.name}={value}" if parameter else "")
            there, here = _get(embedded[1] + path).content, _get(remote.url + path).content
            assert _rows(here) == _rows(there), path
            assert _rows(here), f"{path} answers no rows"


def test_every_document_page_is_the_same(remote: Served, embedded: tuple[str, str]) -> None:
    symbols = _documents(embedded[1])
    assert len(symbols) >= 1
    for symbol in symbols:
        path = f"/id/{symbol}"
        assert _get(remote.url + path).text == _get(embedded[1] + path).text, path


def test_pages_of_cited_things_are_the_same(remote: Served, embedded: tuple[str, str]) -> None:
    for path in ["/id/A/RES/61/183", "/id/treaty/un-charter", "/id/graph/A/RES/62/176", "/id/body/GA"]:
        assert _get(remote.url + path).text == _get(embedded[1] + path).text, path


def test_chain_requests_answer_as_on_the_embedded_store(remote: Served, embedded: tuple[str, str]) -> None:
    for symbol in _documents(embedded[1])[:25]:
        for direction in ("back", "forward"):
            path = f"/api/chains/{symbol}?depth=3&direction={direction}&view=true"
            assert _get(remote.url + path).json() == _get(embedded[1] + path).json(), path


def test_sparql_answers_over_the_union_of_the_graphs(remote: Served, embedded: tuple[str, str]) -> None:
    query = "PREFIX cito: <http://purl.org/spar/cito/> SELECT ?citing ?cited WHERE { ?c cito:hasCitingEntity ?citing ; cito:hasCitedEntity ?cited }"
    answers = [
        httpx.post(url + "/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"})
        for url in (remote.url, embedded[1])
    ]
    assert all(a.status_code == 200 for a in answers)
    assert _rows(answers[0].content) == _rows(answers[1].content)
    assert len(_rows(answers[0].content)) >= 39


def test_health_names_the_published_state(remote: Served) -> None:
    health = _get(remote.url + "/health").json()
    assert health["store"] == remote.engine.query_url
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:.]+(Z|\+00:00)", health["snapshot"])


def test_ingesting_again_changes_nothing(remote: Served, corpus: list[Path]) -> None:
    before = _exported(remote.engine.query_url, remote.engine.env)
    state = _get(remote.url + "/health").json()["snapshot"]
    output = ingested(remote.engine.query_url, corpus, remote.engine.env)
    assert re.search(rf"│ 0 +│ {len(corpus)} +│", output), output
    assert _exported(remote.engine.query_url, remote.engine.env) == before
    assert _get(remote.url + "/health").json()["snapshot"] == state


def _documents(url: str) -> list[str]:
    query = "SELECT ?s WHERE { ?d <https://w3id.org/unxref/ontology#inCorpus> true ; <http://purl.org/dc/terms/identifier> ?s } ORDER BY ?s"
    answer = httpx.post(url + "/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"})
    return [row["s"]["value"] for row in json.loads(answer.content)["results"]["bindings"]]


@pytest.mark.parametrize("name", sorted(ENGINES))
def test_a_running_server_sees_a_later_ingest_and_a_removal(name: str, tmp_path: Path) -> None:
    with ENGINES[name](tmp_path) as engine:
        ingested(engine.query_url, [EXAMPLE], engine.env)
        with serving(engine.query_url, tmp_path / "server.log", "--workers", "1", env=engine.env) as url:
            before = _get(url + "/health").json()["snapshot"]
            assert httpx.get(url + "/id/A/RES/62/1").status_code == 404
            ingested(engine.query_url, [example_as(tmp_path / "more", "A/RES/62/1")], engine.env)
            assert _eventually(lambda: httpx.get(url + "/id/A/RES/62/1").status_code == 200)
            assert _eventually(lambda: _get(url + "/health").json()["snapshot"] != before)
            assert "A/RES/62/1" in _get(url + "/api/chains/A/RES/62/1?depth=1").text
            removed = unxref("remove", "A/RES/62/1", "--store", engine.query_url, env=engine.env)
            assert removed.returncode == 0, removed.stderr
            assert _eventually(lambda: httpx.get(url + "/id/A/RES/62/1").status_code == 404)


def test_wrong_credentials_are_one_line_that_does_not_show_them(tmp_path: Path) -> None:
    with virtuoso(tmp_path) as engine:
        wrong = {**engine.env, "UNXREF_STORE_PASSWORD": "not-the-password-4f1c"}
        result = unxref("ingest", str(EXAMPLE), "--store", engine.query_url, env=wrong)
    assert result.returncode != 0
    lines = [line for line in (result.stdout + result.stderr).splitlines() if "error" in line.lower()]
    assert len(lines) == 1 and "401" in lines[0] and engine.env["UNXREF_STORE_UPDATE"] in lines[0], lines
    assert "not-the-password-4f1c" not in result.stdout + result.stderr


def test_a_service_that_is_not_there_is_one_line(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    result = unxref("ingest", str(EXAMPLE), "--store", url)
    assert result.returncode == 2, result.stdout + result.stderr
    update = url.removesuffix("/query") + "/update"
    assert result.stderr.strip().splitlines() == [
        f"error: {url}: the store cannot be written ({update}: ConnectError: [Errno 111] Connection refused)"
    ]


def test_reading_a_service_that_is_not_there_is_one_line() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    result = unxref("export", "--store", url)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.strip().splitlines() == [f"error: {url}: ConnectError: [Errno 111] Connection refused"]


def test_a_store_url_with_credentials_is_refused_without_echoing_them() -> None:
    result = unxref("ingest", str(EXAMPLE), "--store", "http://dba:s3cret-9d2@127.0.0.1:1/sparql")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: a store URL holds credentials: give them as UNXREF_STORE_USER and UNXREF_STORE_PASSWORD"
    ]
    assert "s3cret-9d2" not in result.stdout + result.stderr


def _eventually(check: Any, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.3)
    return False
