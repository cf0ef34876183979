"""The wheel installs anywhere: built from the checkout, installed into a fresh virtual
environment outside it, and run from an empty folder, it does what the checkout does."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support import EXAMPLE, ROOT, free_port

pytestmark = pytest.mark.skipif(not (ROOT / "node_modules").is_dir(), reason="needs node_modules (make install)")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` folder of a fresh virtual environment with the wheel installed."""
    root = tmp_path_factory.mktemp("install")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(root)], check=True)
    subprocess.run([sys.executable, "-m", "venv", str(root / "venv")], check=True)
    wheel = next(root.glob("unxref-*.whl"))
    subprocess.run([str(root / "venv" / "bin" / "pip"), "install", "-q", str(wheel)], check=True)
    return root / "venv" / "bin"


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    folder = tmp_path / "empty"
    folder.mkdir()
    return folder


def unxref(bin_dir: Path, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bin_dir / "unxref"), *args], cwd=folder, capture_output=True, text=True, check=False)


def test_extract_gives_what_the_checkout_gives(installed: Path, empty: Path) -> None:
    from_wheel = unxref(installed, empty, "extract", str(EXAMPLE), "-f", "json")
    from_checkout = subprocess.run(
        [sys.executable, "-m", "unxref.cli", "extract", str(EXAMPLE), "-f", "json"], capture_output=True, text=True
    )
    assert from_wheel.returncode == 0, from_wheel.stderr
    assert from_wheel.stdout == from_checkout.stdout


@pytest.fixture
def serving_installed(installed: Path, empty: Path) -> Iterator[str]:
    assert unxref(installed, empty, "ingest", str(EXAMPLE), "--store", "store").returncode == 0
    port = free_port()
    server = subprocess.Popen(
        [str(installed / "unxref"), "serve", "--store", "store", "--port", str(port), "--workers", "1"], cwd=empty
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(url + "/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_installed_server_answers_sparql_pages_and_the_chain_page(serving_installed: str) -> None:
    ask = httpx.get(serving_installed + "/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert ask.status_code == 200 and ask.json()["boolean"] is True
    page = httpx.get(serving_installed + "/id/A/RES/62/176")
    assert page.status_code == 200 and "A/RES/55/2" in page.text
    chain, editor = (httpx.get(serving_installed + path) for path in ("/chains/A/RES/62/176", "/"))
    scripts = re.findall(r'<script src="([^"]+)"', chain.text + editor.text)
    assert chain.status_code == editor.status_code == 200 and "/static/unxref/chain.js" in scripts
    assert any(script.startswith("/static/yasgui/") for script in scripts)  # npm's, packed into the wheel
    for script in scripts:
        assert httpx.get(serving_installed + script).status_code == 200, script


def test_a_missing_resource_is_a_clear_error(installed: Path, empty: Path, tmp_path: Path) -> None:
    authorities = next(installed.parent.glob("lib/python3*/site-packages/unxref/resources/ontology/authorities"))
    shutil.move(authorities, tmp_path / "authorities")
    try:
        result = unxref(installed, empty, "extract", str(EXAMPLE))
    finally:
        shutil.move(tmp_path / "authorities", authorities)
    assert result.returncode == 2
    assert "resource ontology/authorities is missing" in result.stderr and "Traceback" not in result.stderr
