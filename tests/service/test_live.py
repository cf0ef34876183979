"""A running server follows its store (issue 9): ingest publishes a snapshot, and the
server answers new requests from it without a restart."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
from typer.testing import CliRunner

from tests.support import EXAMPLE, example_as, serving
from unxref.cli import app
from unxref.location import served, snapshots

runner = CliRunner()


def _ingest(store: Path, *paths: Path) -> None:
    result = runner.invoke(app, ["ingest", *map(str, paths), "--store", str(store)])
    assert result.exit_code == 0, result.output


def test_ingest_publishes_a_snapshot_that_servers_open(tmp_path: Path) -> None:
    store = tmp_path / "store"
    _ingest(store, EXAMPLE)
    snapshot = served(store)
    assert snapshot.parent == snapshots(store) and (snapshot / "CURRENT").is_file()
    assert (snapshots(store) / "LATEST").read_text().strip() == snapshot.name


def test_an_unchanged_ingest_keeps_the_snapshot(tmp_path: Path) -> None:
    store = tmp_path / "store"
    _ingest(store, EXAMPLE)
    first = served(store)
    _ingest(store, EXAMPLE)
    assert served(store) == first


def test_a_running_server_answers_from_a_later_ingest(tmp_path: Path) -> None:
    store = tmp_path / "store"
    _ingest(store, EXAMPLE)
    with serving(store, tmp_path / "server.log", "--workers", "1") as url:
        first = httpx.get(url + "/health").json()
        before, started = first["snapshot"], first["since"]
        assert httpx.get(url + "/id/A/RES/62/1").status_code == 404
        tag = httpx.get(url + "/id/A/RES/62/176").headers["etag"]
        _ingest(store, example_as(tmp_path / "more", "A/RES/62/1"))
        for _ in range(150):  # the server looks every 2 s
            if httpx.get(url + "/health").json()["snapshot"] != before:
                break
            time.sleep(0.2)
        health = httpx.get(url + "/health").json()
        assert health["snapshot"] == str(served(store)) and health["since"] > started
        assert httpx.get(url + "/id/A/RES/62/1").status_code == 200
        again = httpx.get(url + "/id/A/RES/62/176", headers={"if-none-match": tag})
        assert again.status_code == 200 and again.headers["etag"] != tag  # an answer of the new snapshot
        ask = "ASK { GRAPH <https://w3id.org/unxref/id/graph/A/RES/62/1> { ?s ?p ?o } }"
        assert httpx.get(url + "/sparql", params={"query": ask}, headers={"accept": "application/json"}).json()[
            "boolean"
        ]
