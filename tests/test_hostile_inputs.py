"""Hostile inputs (issue 13): each of the inputs `tests.hostile` makes gets one line naming
the file and the problem and exit status 2 alone, a failure row in a batch whose other
files go in, and no traceback; a store that cannot be written says so in one line and
keeps every document whole or absent."""

from __future__ import annotations

import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import hostile
from tests.support import EXAMPLE
from unxref.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, str]:
    return hostile.make(tmp_path_factory.mktemp("hostile") / "inputs")


def test_there_are_at_least_forty_hostile_inputs(inputs: dict[Path, str]) -> None:
    assert len(inputs) >= 40


@pytest.mark.parametrize("name", [*hostile.FILES, *(f"sidecar-{n}.txt" for n in hostile.SIDECARS)])
def test_a_hostile_file_gets_one_line_naming_it_and_exit_2(inputs: dict[Path, str], name: str) -> None:
    path = next(p for p in inputs if p.name == name)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines() == [f"error: {hostile.named(path)}: {result.stderr.split(': ', 2)[2].strip()}"]
    assert inputs[path] in result.stderr


@pytest.mark.parametrize("name", ["fifo.txt", "loop-a.txt", "dangling.txt", "zero.txt", "larger-than-the-cap.txt"])
def test_a_path_that_is_no_readable_file_gets_one_line_and_exit_2(inputs: dict[Path, str], name: str) -> None:
    path = next(p for p in inputs if p.name == name)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}: ") and inputs[path] in result.stderr
    assert len(result.stderr.splitlines()) == 1


def _unxref(*arguments: str, **options: object) -> subprocess.CompletedProcess[str]:
    """The real console script, in its own process."""
    command = [sys.executable, "-m", "unxref.cli", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, check=False, **options)  # type: ignore[call-overload, no-any-return]


def _quads(store: Path) -> int:
    return len(_unxref("export", "--store", str(store)).stdout.splitlines())


def test_a_batch_of_hostile_inputs_ingests_the_good_file_and_changes_nothing_else(
    inputs: dict[Path, str], tmp_path: Path
) -> None:
    store = tmp_path / "store"
    assert _unxref("ingest", str(EXAMPLE), "--store", str(store)).returncode == 0
    before = _quads(store)
    folder = next(iter(inputs)).parent
    batch = _unxref("ingest", str(folder), str(EXAMPLE), "--store", str(store), "--workers", "2")
    assert batch.returncode == 1
    assert "Traceback" not in batch.stdout + batch.stderr
    for path in inputs:
        assert str(hostile.named(path)) in batch.stdout or str(path) in batch.stdout, path
    assert "│ 0       │ 1         │" in batch.stdout  # written 0, unchanged 1 (the example)
    assert _quads(store) == before


def test_a_batch_of_new_files_with_hostile_ones_writes_the_new_ones(inputs: dict[Path, str], tmp_path: Path) -> None:
    folder = next(iter(inputs)).parent
    store = tmp_path / "store"
    batch = _unxref("ingest", str(folder), str(EXAMPLE), "--store", str(store))
    assert batch.returncode == 1
    assert "│ 1       │ 0         │ 0       │" in batch.stdout
    assert "A/RES/62/176" in _unxref("query", "SELECT ?g WHERE { GRAPH ?g {} }", "--store", str(store)).stdout


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """``folder`` and what is in it cannot be written: by permissions, or, for root (whom
    permissions do not stop), by a read-only bind mount; skipped, saying why, where neither works."""
    if os.geteuid() != 0:
        modes = {path: path.stat().st_mode for path in [folder, *folder.iterdir()]}
        for path in modes:
            path.chmod(0o555 if path.is_dir() else 0o444)
        yield
        for path, mode in modes.items():
            path.chmod(mode)
        return
    mounted = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"running as root, and cannot bind-mount {folder} read-only: {mounted.stderr.decode().strip()}")
    try:
        remounted = subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], capture_output=True, check=False)
        if remounted.returncode != 0:
            pytest.skip(f"running as root, and cannot remount {folder} read-only")
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_ingest_into_a_read_only_store_is_one_line(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert _unxref("ingest", str(EXAMPLE), "--store", str(store)).returncode == 0
    with read_only(store):
        result = _unxref("ingest", str(EXAMPLE), "--store", str(store))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {store}: cannot open the store (")
    assert len(result.stderr.splitlines()) == 1


def test_ingest_under_a_read_only_parent_is_one_line(tmp_path: Path) -> None:
    parent = tmp_path / "locked"
    parent.mkdir()
    (parent / "README").write_text("nothing to write here\n")
    with read_only(parent):
        result = _unxref("ingest", str(EXAMPLE), "--store", str(parent / "store"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {parent / 'store'}: cannot open the store (")
    assert len(result.stderr.splitlines()) == 1


def _copies(folder: Path, count: int) -> Path:
    """``count`` copies of the example, each its own resolution by its sidecar."""
    folder.mkdir()
    for number in range(1, count + 1):
        shutil.copy(EXAMPLE, folder / f"copy{number:04}.txt")
        (folder / f"copy{number:04}.meta.toml").write_text(f'symbol = "A/RES/62/{number}"\n', "utf-8")
    return folder


def _small_disk() -> None:
    """A process whose files cannot grow past 5 MB: a full disk, without a disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (5_000_000, 5_000_000))


def test_a_full_disk_stops_the_ingest_with_a_summary_of_what_got_in(tmp_path: Path) -> None:
    source = _copies(tmp_path / "copies", 60)
    store = tmp_path / "store"
    result = _unxref("ingest", str(source), "--store", str(store), "--workers", "1", preexec_fn=_small_disk)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "the store cannot be written (IO error" in result.stdout and "File too large" in result.stdout
    assert "not written: the store failed before it" in result.stdout
    written = int(re.search(r"│ (\d+) +│ 0 +│ 0 +│", result.stdout).group(1))  # type: ignore[union-attr]
    assert 0 < written < 60
    graphs = _unxref("query", "SELECT ?g WHERE { GRAPH ?g {} }", "--store", str(store), "-f", "csv").stdout
    documents = [g for g in graphs.splitlines() if "/graph/A/RES/62/" in g]
    provenances = [g for g in graphs.splitlines() if "/provenance/A/RES/62/" in g]
    assert len(documents) == len(provenances) == written  # each whole or absent


def _documents_and_provenances(store: Path) -> tuple[set[str], set[str]]:
    graphs = _unxref("query", "SELECT ?g WHERE { GRAPH ?g {} }", "--store", str(store), "-f", "csv").stdout.split()
    documents = {g.rsplit("/graph/", 1)[1] for g in graphs if "/graph/A/RES/62/" in g}
    provenances = {g.rsplit("/provenance/", 1)[1] for g in graphs if "/provenance/A/RES/62/" in g}
    return documents, provenances


KILLS = int(os.environ.get("UNXREF_KILLS", "5"))  # `make fuzz`: 20 kills over 500 documents
KILLED_DOCUMENTS = int(os.environ.get("UNXREF_KILLED_DOCUMENTS", "120"))  # more than a batch: the bulk path too


def test_an_ingest_killed_at_random_leaves_each_document_whole_or_absent(tmp_path: Path) -> None:
    """Killed (SIGKILL) at random moments, then run to its end: after each kill the documents
    in the store are those with their provenance, and the end is a clean ingest's."""
    source = _copies(tmp_path / "copies", KILLED_DOCUMENTS)
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    store = tmp_path / "store"
    latest = 30 + KILLED_DOCUMENTS // 2  # tenths of a second: Python's start, then about 50 ms a document
    moments = [x / 10 for x in random.Random(9).choices(range(25, latest), k=KILLS)]
    for moment in moments:
        command = [sys.executable, "-m", "unxref.cli", "ingest", str(source), "--store", str(store), "--workers", "1"]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
        try:
            process.wait(timeout=moment)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        documents, provenances = _documents_and_provenances(store)
        assert documents == provenances
    assert _unxref("ingest", str(source), "--store", str(store), env=environment).returncode == 0
    clean = tmp_path / "clean"
    assert _unxref("ingest", str(source), "--store", str(clean), env=environment).returncode == 0
    assert _unxref("export", "--store", str(store)).stdout == _unxref("export", "--store", str(clean)).stdout
