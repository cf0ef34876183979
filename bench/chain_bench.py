"""Chain latency on a 50,000-resolution synthetic corpus, and the chain page's time to first render.

Run: `make bench-chains` (or `.venv/bin/python bench/chain_bench.py [--resolutions 50000]`).

Writes the corpus (bench/synthetic.py), ingests it, starts `unxref serve`, then:
- times the first chain request (which builds the citation graph in a query worker),
- times /api/chains/{symbol}?depth=10 for resolutions across the corpus after warm-up
  (each of the two workers has built its graph), reporting p50 and p99;
- opens /chains/{symbol} in Chromium (Playwright) for a chain of about 2,000 nodes and
  reports the time from navigation to the graph being laid out and drawn.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
UNXREF = str(ROOT / ".venv" / "bin" / "unxref")
PER_SESSION = 300
PORT = 8933


def symbol(index: int) -> str:
    return f"A/RES/{40 + index // PER_SESSION}/{1 + index % PER_SESSION}"


def prepare(work: Path, count: int) -> Path:
    store = work / f"store-{count}"
    if not (store / "CURRENT").is_file():
        texts = work / f"texts-{count}"
        if not texts.is_dir():
            subprocess.run([sys.executable, str(BENCH / "synthetic.py"), str(texts), str(count)], check=True)
        started = time.time()
        subprocess.run(
            [UNXREF, "ingest", str(texts), "--store", str(store), "--no-validate"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"ingested {count:,} resolutions in {time.time() - started:.0f} s")
    return store


def chain_url(index: int, depth: int) -> str:
    return f"http://127.0.0.1:{PORT}/api/chains/{symbol(index)}?depth={depth}"


def nodes_in(index: int, depth: int) -> int:
    return len(httpx.get(chain_url(index, depth), timeout=600).json()["elements"]["nodes"])


def page_render(index: int, depth: int) -> tuple[int, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        started = time.perf_counter()
        page.goto(f"http://127.0.0.1:{PORT}/chains/{symbol(index)}?depth={depth}")
        page.wait_for_selector("#view[data-ready='true']", timeout=600_000)
        elapsed = time.perf_counter() - started
        nodes = int(page.get_attribute("#view", "data-nodes") or 0)
        browser.close()
    return nodes, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--resolutions", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--work", type=Path, default=ROOT / "data" / "bench")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    store = prepare(args.work, args.resolutions)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    server = subprocess.Popen(
        [UNXREF, "serve", "--store", str(store), "--port", str(PORT), "--workers", "2"], stdout=subprocess.DEVNULL
    )
    try:
        for _ in range(600):
            try:
                httpx.get(f"http://127.0.0.1:{PORT}/health", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.5)
        last = args.resolutions - 1
        for worker in range(2):  # the first request to each worker builds its graph
            started = time.perf_counter()
            httpx.get(chain_url(last - worker, 10), timeout=900).raise_for_status()
            print(
                f"cold chain request (worker {worker + 1} builds the citation graph): {time.perf_counter() - started:.1f} s"
            )
        rng = random.Random(7)
        latencies, sizes = [], []
        with httpx.Client(timeout=60) as client:
            for _ in range(args.requests):
                index = rng.randrange(args.resolutions // 2, args.resolutions)
                started = time.perf_counter()
                response = client.get(chain_url(index, 10))
                latencies.append((time.perf_counter() - started) * 1000)
                sizes.append(len(response.json()["elements"]["nodes"]))
        q = statistics.quantiles(latencies, n=100)
        print(
            f"depth 10, {args.requests} chains of {min(sizes)}-{max(sizes)} nodes (median {statistics.median(sizes):.0f}): p50 {statistics.median(latencies):.1f} ms, p99 {q[98]:.1f} ms"
        )
        depth = next((d for d in range(1, 30) if nodes_in(last, d) >= 2000), 10)
        started = time.perf_counter()
        httpx.get(chain_url(last, depth) + "&view=true", timeout=600).raise_for_status()
        api = time.perf_counter() - started
        nodes, seconds = page_render(last, depth)
        print(
            f"chain page of {symbol(last)} at depth {depth}: {nodes} nodes, first render in {seconds:.2f} s"
            f" (of which the API's answer with its tree: {api:.2f} s)"
        )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
