"""Publishing benchmark (issue 12): the 10,000-row SELECT and every named query, unxref beside
Oxigraph's own server (PyPI ``oxigraph``, ``serve-read-only --union-default-graph``, the
same version as pyoxigraph) on the same store: the seed and the 646 English Security Council
texts, ingested by `unxref ingest`.

Run: `make bench` (or `.venv/bin/python bench/publishing.py`). Each request is made 15 times
after 3 warm-up runs, one client; the median and the slowest are reported, in milliseconds.
Both servers have the machine to themselves in turn, and the order alternates per request.
"""

from __future__ import annotations

import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pyoxigraph

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "unsc-en"
sys.path.insert(0, str(ROOT))

from tests.support import free_port  # noqa: E402

from unxref.service import queries  # noqa: E402

SEED = "https://w3id.org/unxref/id/A/RES/62/176"
BIG_SELECT = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10000"
RUNS, WARM_UP = 15, 3


def store(work: Path) -> Path:
    path = work / "store-646"
    if not (path / "CURRENT").is_file():
        command = [
            sys.executable,
            "-m",
            "unxref.cli",
            "ingest",
            str(ROOT / "examples"),
            str(CORPUS),
            "--store",
            str(path),
        ]
        subprocess.run(command, capture_output=True)  # exit 1: a text or two without a symbol are left out
    return path


def start(command: list[str], url: str, probe: str) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            if httpx.get(url + probe, timeout=1).status_code < 500:
                return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{command[0]} did not start")


def timed(client: httpx.Client, url: str, params: dict[str, str], accept: str) -> tuple[float, float, int]:
    durations, size = [], 0
    for run in range(WARM_UP + RUNS):
        began = time.perf_counter()
        response = client.get(url, params=params, headers={"accept": accept})
        elapsed = (time.perf_counter() - began) * 1000
        response.raise_for_status()
        size = len(response.content)
        if run >= WARM_UP:
            durations.append(elapsed)
    return statistics.median(durations), max(durations), size


def requests() -> list[tuple[str, str, dict[str, str]]]:
    """(what, query text, named-query parameters) for each request measured."""
    found = [("10,000-row SELECT", BIG_SELECT, {})]
    for named in queries.load_all().values():
        found.append((f"{named.name}, unbound", named.text, {}))
        parameter = named.parameters[0].name
        value = "A/RES/61/183" if parameter == "cited" else "A/RES/62/176"
        found.append((f"{named.name}, {parameter}={value}", named.bound({parameter: value}), {parameter: value}))
    return found


def main() -> None:
    work = BENCH / ".work"
    work.mkdir(exist_ok=True)
    path = store(work)
    oxigraph_cli = shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if oxigraph_cli is None:
        sys.exit("needs Oxigraph's server: .venv/bin/pip install oxigraph==" + pyoxigraph.__version__)
    ours, theirs = free_port(), free_port()
    unxref = start(
        [sys.executable, "-m", "unxref.cli", "serve", "--store", str(path), "--port", str(ours)],
        f"http://127.0.0.1:{ours}",
        "/health",
    )
    native = start(
        [
            oxigraph_cli,
            "serve-read-only",
            "--location",
            str(path),
            "--bind",
            f"127.0.0.1:{theirs}",
            "--union-default-graph",
        ],
        f"http://127.0.0.1:{theirs}",
        "/",
    )
    accept = "application/sparql-results+json"
    print(
        f"date {time.strftime('%Y-%m-%d')}, {platform.machine()}, Python {platform.python_version()}, pyoxigraph {pyoxigraph.__version__}"
    )
    print("| request | unxref p50 / max ms | Oxigraph server p50 / max ms | ratio (p50) | bytes |")
    print("|---|---|---|---|---|")
    try:
        with httpx.Client(timeout=120) as client:
            for index, (what, text, params) in enumerate(requests()):
                name = what.split(",")[0]
                named = name in queries.load_all()
                targets = [
                    (
                        "unxref",
                        f"http://127.0.0.1:{ours}" + (f"/api/queries/{name}" if named else "/sparql"),
                        params if named else {"query": text},
                    ),
                    ("native", f"http://127.0.0.1:{theirs}/query", {"query": text}),
                ]
                order = targets if index % 2 == 0 else targets[::-1]
                measured = {label: timed(client, url, query, accept) for label, url, query in order}
                (up50, umax, size), (np50, nmax, _) = measured["unxref"], measured["native"]
                print(f"| {what} | {up50:.1f} / {umax:.1f} | {np50:.1f} / {nmax:.1f} | {np50 / up50:.2f} | {size:,} |")
    finally:
        for process in (unxref, native):
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    main()
