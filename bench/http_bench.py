"""HTTP benchmark: the same data served by unxref, by rdflib-endpoint, and queried
with pyoxigraph in process (the floor, no HTTP).

Run: `make bench-http` (or `.venv/bin/python bench/http_bench.py --triples 1000000 5000000`).

For each size it writes a synthetic corpus (bench/synthetic.py), ingests it into
an on-disk store, starts `unxref serve` on loopback, and drives three queries
with `wrk` for a fixed time (a bounded loop), four connections, after a 2 s
warm-up: a point lookup, the citations of a resolution, and a CONSTRUCT, each
request about one of 200 resolutions drawn at random (so that no server answers
from a cache of one query). rdflib-endpoint gets the same triples, loaded from
the store's N-Quads export into an rdflib Dataset, up to --rdflib-max-triples
(7M by default: rdflib took 434 s and about 10 GB to load 6M quads here).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pyoxigraph

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
TRIPLES_PER_RESOLUTION = 252  # measured on the synthetic corpus
ACCEPT = {"select": "application/sparql-results+json", "construct": "application/n-triples"}


def queries(iris: list[str]) -> dict[str, list[str]]:
    """Each kind of query, once per subject."""
    return {
        "point lookup": [f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}" for iri in iris],
        "citations of": [
            f"SELECT ?citing WHERE {{ ?citing <http://purl.org/spar/cito/cites> <{iri}> }}" for iri in iris
        ],
        "construct": [f"CONSTRUCT {{ <{iri}> ?p ?o }} WHERE {{ <{iri}> ?p ?o }}" for iri in iris],
    }


def subjects(count: int, how_many: int = 200) -> list[str]:
    """Resolutions spread over the corpus."""
    step = max(1, count // how_many)
    return [f"https://w3id.org/unxref/id/A/RES/{40 + i // 300}/{1 + i % 300}" for i in range(0, count, step)][:how_many]


def prepare(work: Path, triples: int) -> tuple[Path, int]:
    """A store holding about ``triples`` triples; built once and reused."""
    count = max(1, triples // TRIPLES_PER_RESOLUTION)
    store = work / f"store-{count}"
    if not (store / "CURRENT").is_file():
        texts = work / f"texts-{count}"
        if not texts.is_dir():
            run([sys.executable, str(BENCH / "synthetic.py"), str(texts), str(count)])
        run([str(ROOT / ".venv" / "bin" / "unxref"), "ingest", str(texts), "--store", str(store), "--no-validate"])
    size = sum(1 for _ in pyoxigraph.Store.read_only(str(store)).quads_for_pattern(None, None, None, None))
    return store, size


def run(command: list[str]) -> None:
    print("$", " ".join(command), flush=True)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def wait(url: str, process: subprocess.Popen[bytes], seconds: float = 900) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.TransportError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up")


def wrk(
    paths: list[str], root: str, accept: str, seconds: int, connections: int, script: Path
) -> tuple[float, float, float]:
    """Requests per second, p50 and p99 latency in ms, each request a path drawn at random
    from ``paths`` (so that no server can answer from a cache of one query)."""
    listed = ",\n".join(f"  [[{path}]]" for path in paths)
    script.write_text(
        f"local paths = {{\n{listed}\n}}\nmath.randomseed(7)\n"
        'request = function() return wrk.format("GET", paths[math.random(#paths)]) end\n'
    )
    output = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-s",
            str(script),
            "-H",
            f"Accept: {accept}",
            root,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        raise RuntimeError(f"{root}: {non_2xx.group(1)} failed responses\n{output}")

    def percentile(p: str) -> float:
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", output).groups()  # type: ignore[union-attr]
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return rate, percentile("50"), percentile("99")


def floor(store_path: Path, texts: dict[str, list[str]], seconds: float) -> dict[str, tuple[float, float, float]]:
    """pyoxigraph in this process, one core, results fully read."""
    store = pyoxigraph.Store.read_only(str(store_path))
    out = {}
    for name, variants in texts.items():
        latencies = []
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            text = variants[len(latencies) % len(variants)]
            start = time.perf_counter()
            list(store.query(text, use_default_graph_as_union=True))  # type: ignore[call-overload]
            latencies.append((time.perf_counter() - start) * 1000)
        q = statistics.quantiles(latencies, n=100)
        out[name] = (len(latencies) / seconds, statistics.median(latencies), q[98])
    return out


def serve_rdflib(nquads: Path, port: int) -> None:
    """Run rdflib-endpoint over the N-Quads (this function runs in its own process)."""
    import uvicorn
    from rdflib import Dataset
    from rdflib_endpoint import SparqlEndpoint

    dataset = Dataset(default_union=True)
    dataset.parse(nquads, format="nquads")
    uvicorn.run(SparqlEndpoint(graph=dataset, path="/sparql"), host="127.0.0.1", port=port, log_level="warning")


def measure(
    label: str, root: str, texts: dict[str, list[str]], seconds: int, connections: int, script: Path
) -> dict[str, tuple[float, float, float]]:
    out = {}
    for name, variants in texts.items():
        accept = ACCEPT["construct" if name == "construct" else "select"]
        paths = [f"/sparql?query={quote(text)}" for text in variants]
        wrk(paths, root, accept, 2, connections, script)  # warm-up, not counted
        out[name] = wrk(paths, root, accept, seconds, connections, script)
        print(
            f"  {label:16} {name:14} {out[name][0]:9.1f} req/s  p50 {out[name][1]:7.2f} ms  p99 {out[name][2]:8.2f} ms",
            flush=True,
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", type=int, nargs="+", default=[1_000_000, 5_000_000])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--rdflib-max-triples", type=int, default=7_000_000)
    parser.add_argument("--work", type=Path, default=ROOT / "data" / "bench")
    parser.add_argument("--serve-rdflib", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_rdflib:
        serve_rdflib(Path(args.serve_rdflib[0]), int(args.serve_rdflib[1]))
        return
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: run 'make bench-http', which installs it")
    args.work.mkdir(parents=True, exist_ok=True)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, pyoxigraph {pyoxigraph.__version__}"
    )
    rows = []
    for triples in args.triples:
        store, size = prepare(args.work, triples)
        count = max(1, triples // TRIPLES_PER_RESOLUTION)
        texts = queries(subjects(count))
        script = args.work / "requests.lua"
        print(f"\n{size:,} quads ({count:,} resolutions); 200 subjects spread over the corpus")
        results = {"pyoxigraph (floor)": floor(store, texts, args.seconds)}
        for name, (rate, p50, p99) in results["pyoxigraph (floor)"].items():
            print(f"  {'pyoxigraph':16} {name:14} {rate:9.1f} q/s    p50 {p50:7.2f} ms  p99 {p99:8.2f} ms", flush=True)
        server = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "unxref"),
                "serve",
                "--store",
                str(store),
                "--port",
                "8931",
                "--workers",
                "2",
            ],
            stdout=subprocess.DEVNULL,
        )
        try:
            wait("http://127.0.0.1:8931/health", server)
            results["unxref"] = measure(
                "unxref", "http://127.0.0.1:8931", texts, args.seconds, args.connections, script
            )
        finally:
            server.terminate()
            server.wait()
        if size <= args.rdflib_max_triples:
            dump = args.work / f"dump-{count}.nq"
            if not dump.is_file():
                dump.write_text(pyoxigraph_dump(store), "utf-8")
            started = time.time()
            peer = subprocess.Popen(
                [sys.executable, __file__, "--serve-rdflib", str(dump), "8932"], stdout=subprocess.DEVNULL
            )
            try:
                wait("http://127.0.0.1:8932/sparql?query=ASK%7B%7D", peer)
                print(f"  rdflib-endpoint loaded in {time.time() - started:.0f} s")
                results["rdflib-endpoint"] = measure(
                    "rdflib-endpoint", "http://127.0.0.1:8932", texts, args.seconds, args.connections, script
                )
            finally:
                peer.terminate()
                peer.wait()
        rows.append((size, results))
    print("\n| quads | server | query | requests/s | p50 ms | p99 ms |\n|---|---|---|---|---|---|")
    for size, results in rows:
        for server_name, measured in results.items():
            for query_name, (rate, p50, p99) in measured.items():
                print(f"| {size:,} | {server_name} | {query_name} | {rate:,.0f} | {p50:.2f} | {p99:.2f} |")


def pyoxigraph_dump(store: Path) -> str:
    return "".join(f"{q} .\n" for q in pyoxigraph.Store.read_only(str(store)).quads_for_pattern(None, None, None, None))


if __name__ == "__main__":
    main()
