"""Record what unxref does, to compare before and after a change that should change nothing.

Ingests the bundled example and the English Security Council corpus into a fresh store,
writes its sorted N-Quads export (provenance times masked), starts `unxref serve` on it and
records every answer to a fixed list of requests. Run it before and after, then diff:

    .venv/bin/python scripts/behaviour_snapshot.py /tmp/before
    .venv/bin/python scripts/behaviour_snapshot.py /tmp/after
    diff -r /tmp/before /tmp/after
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "unsc-en"
STORE = Path("/tmp/unxref-snapshot-store")
TIME = re.compile(r'"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z?"\^\^<http://www.w3.org/2001/XMLSchema#dateTime>')
Q = "https://w3id.org/unxref/id/"
SELECT = f"SELECT ?s WHERE {{ <{Q}A/RES/62/176> <http://purl.org/spar/cito/cites> ?s }} ORDER BY ?s"
CONSTRUCT = f"CONSTRUCT {{ <{Q}S/RES/242_(1967)> ?p ?o }} WHERE {{ <{Q}S/RES/242_(1967)> ?p ?o }}"
REQUESTS: list[tuple[str, str, dict[str, str], dict[str, str] | str | None]] = [
    ("GET", "/health", {}, None),
    ("GET", "/", {}, None),
    ("GET", "/sparql", {}, None),
    ("GET", "/sparql", {"accept": "application/n-triples"}, None),
    *[("GET", f"/sparql?format={f}", {}, {"query": SELECT}) for f in ("json", "xml", "csv", "tsv")],
    ("GET", "/sparql", {"accept": "application/sparql-results+xml"}, {"query": SELECT}),
    ("GET", "/sparql", {}, {"query": "ASK { ?s ?p ?o }"}),
    *[("GET", f"/sparql?format={f}", {}, {"query": CONSTRUCT}) for f in ("ttl", "nt", "jsonld", "rdfxml")],
    ("POST", "/sparql", {"content-type": "application/x-www-form-urlencoded"}, f"query={SELECT}"),
    ("POST", "/sparql", {"content-type": "application/sparql-query"}, SELECT),
    ("GET", "/sparql", {}, {"query": "INSERT DATA { <a:b> <a:c> <a:d> }"}),
    ("GET", "/sparql", {}, {"query": "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}),
    ("GET", "/sparql", {}, {"query": "SELECT * {"}),
    ("GET", "/id/A/RES/62/176", {}, None),
    ("GET", "/id/A/RES/62/176.ttl", {}, None),
    ("GET", "/id/A/RES/62/176.jsonld", {}, None),
    ("GET", "/id/A/RES/62/176.nt", {}, None),
    ("GET", "/id/A/RES/62/176", {"accept": "text/turtle"}, None),
    ("GET", "/id/S/RES/242_(1967)", {}, None),
    ("GET", "/id/S/RES/598_(1987)", {}, None),
    ("GET", "/id/A/RES/1514_(XV)", {}, None),
    ("GET", "/id/A/RES/1514_(XV).ttl", {}, None),
    ("GET", "/id/treaty/un-charter", {}, None),
    ("GET", "/id/body/SC", {}, None),
    ("GET", "/id/body/SC.ttl", {}, None),
    ("GET", "/id/nothing/here", {}, None),
    ("GET", "/go?symbol=s/res/242(1967)", {}, None),
    ("GET", "/go?symbol=nonsense", {}, None),
    ("GET", "/api/queries", {}, None),
    ("GET", "/api/queries/cites-by-paragraph?resolution=A/RES/62/176", {}, None),
    ("GET", "/api/queries/cites-by-paragraph?resolution=A/RES/62/176&format=csv", {}, None),
    ("GET", "/api/queries/cited-by?resolution=S/RES/242 (1967)", {}, None),
    ("GET", "/api/queries/treaties-urged", {}, None),
    ("GET", "/api/queries/bodies-requested", {}, None),
    ("GET", "/api/queries/nope", {}, None),
    ("GET", "/api/queries/cites-by-paragraph", {}, None),
    *[
        ("GET", f"/api/chains/S/RES/598_(1987)?depth=3&format={f}", {}, None)
        for f in ("json", "graphml", "gexf", "dot")
    ],
    ("GET", "/api/chains/S/RES/242_(1967)?depth=2&direction=both", {}, None),
    ("GET", "/api/chains/S/RES/615_(1988)/to/S/RES/473_(1980)", {}, None),
    ("GET", "/api/chains/S/RES/99999_(1999)", {}, None),
    ("GET", "/chains/S/RES/598_(1987)", {}, None),
    ("GET", "/void", {}, None),
    ("GET", "/void?format=nt", {}, None),
    ("GET", "/dump", {}, None),
    ("GET", "/ontology", {}, None),
    ("GET", "/ontology/context.jsonld", {}, None),
    ("GET", "/docs", {}, None),
    ("GET", "/openapi.json", {}, None),
]


# A fixed port and hash seed, so that two runs differ only where the code does.
PORT = 8765
ENV = {**os.environ, "PYTHONHASHSEED": "0"}
UNXREF = [sys.executable, "-m", "unxref.cli"]


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*UNXREF, *args], capture_output=True, check=False, env=ENV)


def main(out: Path) -> None:
    shutil.rmtree(STORE, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    ingest = run("ingest", str(ROOT / "examples"), str(CORPUS), "--store", str(STORE))
    (out / "ingest.txt").write_bytes(ingest.stdout)
    export = run("export", "--store", str(STORE))
    (out / "export.nq").write_text(TIME.sub('"TIME"', export.stdout.decode()))
    extract = run("extract", str(ROOT / "examples" / "A_RES_62_176_fr.txt"), "-f", "json")
    (out / "extract.json").write_bytes(extract.stdout)
    server = subprocess.Popen(
        [*UNXREF, "serve", "--store", str(STORE), "--port", str(PORT)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENV,
    )
    url = f"http://127.0.0.1:{PORT}"
    try:
        for _ in range(100):
            try:
                httpx.get(url + "/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        with httpx.Client(base_url=url, timeout=120) as client:
            for index, (method, path, headers, data) in enumerate(REQUESTS):
                if method == "GET":
                    response = client.get(path, headers=headers, params=data if isinstance(data, dict) else None)
                else:
                    response = client.post(path, headers=headers, content=data if isinstance(data, str) else None)
                body = TIME.sub('"TIME"', response.text).encode() if path == "/dump" else response.content
                name = f"{index:02d}-{re.sub(r'[^A-Za-z0-9]+', '_', path)[:60]}"
                head = (
                    f"{method} {path} {headers} {data}\n{response.status_code} {response.headers.get('content-type')}\n"
                )
                if len(body) > 2_000_000:
                    body = f"sha256 {hashlib.sha256(body).hexdigest()} length {len(body)}\n".encode()
                (out / f"{name}.txt").write_bytes(head.encode() + body)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
