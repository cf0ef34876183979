"""The store: pyoxigraph's on-disk Store, one named graph per source document.

Graph names: each document's graph (``…/graph/A/RES/62/176``), its provenance
(``…/provenance/A/RES/62/176``), the shared graph of what documents say of things
they only cite (``…/graph/shared``), the authority records and the ontology. The
default graph of queries is the union of all of them, and states each fact once.

The store is a folder (pyoxigraph's on-disk store), or a SPARQL 1.1 service
(`unxref.remote`) written and read through the same methods.
"""

from __future__ import annotations

import gc
import os
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pyoxigraph

from unxref import ontology
from unxref.errors import StoreError
from unxref.location import Location, published_state, snapshots
from unxref.rdf.build import authority_graph
from unxref.rdf.iris import Iris, path_symbol
from unxref.rdf.serialize import ntriples
from unxref.remote import STATE_GRAPH, Endpoint, Engine, RemoteStore
from unxref.version import extractor_version
from unxref.vocab import CITO, DCTERMS, ELI, PROV, RDF, RDFS, UNX, XSD

Result = TypeVar("Result")
SNAPSHOTS_KEPT = 3  # a server may still read the one before the newest while it switches
FLUSH_EVERY = 200  # documents: RocksDB keeps everything written in its memory table until a flush
INSERT_CHUNK = 1_000  # triples an INSERT DATA operation (Virtuoso compiles each into SQL of bounded length)
BULK_FROM = 100  # documents to write from which ingest writes in bulk (`Store.replace_documents`)
# Documents a bulk write holds: at 3,000 synthetic documents, 4.2-5.4 ms of CPU a document
# (RocksDB's compactions included) in batches of 1,000, 6.2-8.8 in batches of 100, and
# 9-11 through `Store.load` one document at a time.
BATCH = 1_000

# What a document graph says of its document that a citing document's shared stub would say too.
CITED_FACTS = (RDF.type, DCTERMS.identifier, ELI.id_local, RDFS.label, RDFS.seeAlso, UNX.adoptedBy)


def _in_graph(ntriples: str, graph: str) -> str:
    r"""N-Triples lines as N-Quads lines in a graph.

    >>> _in_graph('<urn:a> <urn:b> "c" .\n<urn:a> <urn:b> <urn:d>.\n', "urn:g")
    '<urn:a> <urn:b> "c" <urn:g> .\n<urn:a> <urn:b> <urn:d> <urn:g> .\n'
    >>> _in_graph('<urn:a> <urn:b> "c . d" .\n', "urn:g")
    '<urn:a> <urn:b> "c . d" <urn:g> .\n'
    """
    suffix = f" <{graph}> .\n"
    if ntriples.endswith(" .\n") and ntriples.count("\n") == ntriples.count(" .\n"):
        return ntriples.replace(" .\n", suffix)  # as unxref writes them: one C call (no line holds a raw newline)
    return "".join(
        line[:-2] + suffix if line.endswith(" .") else line.rstrip().removesuffix(".").rstrip() + suffix
        for line in ntriples.splitlines()
        if line.strip()
    )


@dataclass(frozen=True)
class DocumentGraphs:
    """What ingest writes of one document, as N-Triples: its graph, its provenance, and what
    it says of the things it cites (for the shared graph)."""

    symbol: str
    graph: str
    provenance: str
    shared: str = ""


def _journal(store: Path) -> Path:
    """Where a bulk write lists the documents it is writing: ``data/store.writing`` beside
    ``data/store``. Present only while a batch is being written, or after one was cut short."""
    return store.with_name(store.name + ".writing")


def _shared_update(shared: str, documents: list[str], lines: list[str]) -> str:
    """The update that keeps the shared graph right after documents are written: what it said
    of them goes (their own graphs say it now), and what they say of things they cite comes
    in (`Store._shared_lines`), unless those things are in the store."""
    update = "".join(f" ;\nDELETE WHERE {{ GRAPH <{shared}> {{ <{document}> ?p ?o }} }}" for document in documents)
    if lines:
        values = "".join(f"({line.removesuffix('.').rstrip()})\n" for line in lines)
        update += (
            f" ;\nINSERT {{ GRAPH <{shared}> {{ ?s ?p ?o }} }} WHERE {{ VALUES (?s ?p ?o) {{\n{values}}}\n"
            f"FILTER NOT EXISTS {{ GRAPH ?own {{ ?s <{UNX.inCorpus}> true }} }} }}"
        )
    return update


def _insert_data(graphs: dict[str, str]) -> str:
    """INSERT DATA operations writing N-Triples into graphs, at most `INSERT_CHUNK` triples each."""
    operations = []
    for name, text in graphs.items():
        lines = [line for line in text.splitlines() if line.strip()]
        for start in range(0, len(lines), INSERT_CHUNK):
            chunk = "\n".join(lines[start : start + INSERT_CHUNK])
            operations.append(f"INSERT DATA {{ GRAPH <{name}> {{\n{chunk}\n}} }}")
    return " ;\n".join(operations)


def _write_durably(path: Path, text: str) -> None:
    """Write a file and make sure it is on disk before going on."""
    with path.open("w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())


def _reason(error: OSError) -> str:
    """pyoxigraph's message for an I/O error, shortened to its cause ("Permission denied")."""
    return error.strerror or str(error).strip().splitlines()[0][:200]


@contextmanager
def _told(what: str) -> Iterator[None]:
    """An I/O error inside (a full disk, a read-only folder) as one `StoreError`: "what (cause)"."""
    try:
        yield
    except OSError as error:
        raise StoreError(f"{what} ({_reason(error)})") from None


class Store:
    """The store: on disk (a folder), in memory (``None``), or a SPARQL 1.1 service (an `Endpoint`)."""

    def __init__(self, path: Location | None = None, read_only: bool = False) -> None:
        self.iris = Iris.configured()
        self.location = path
        self.path = path if not isinstance(path, Endpoint) else None
        self._unflushed = 0
        self.oxigraph: Engine
        with _told(f"{path}: cannot open the store"):
            if isinstance(path, Endpoint):
                self.oxigraph = RemoteStore(path)
            elif path is None:
                self.oxigraph = pyoxigraph.Store()
            elif read_only and not _journal(path).is_file():
                self.oxigraph = pyoxigraph.Store.read_only(str(path))
            elif read_only:  # a bulk write was cut short: finish it first, unless it is still running
                self.oxigraph = self._finished_then_read_only(path)
            else:
                path.mkdir(parents=True, exist_ok=True)
                self.oxigraph = pyoxigraph.Store(str(path))
        if isinstance(path, Path) and not read_only:
            self._finish_interrupted(path)

    def _finished_then_read_only(self, path: Path) -> pyoxigraph.Store:
        """A store whose journal says a bulk write was cut short, opened after its documents
        are dropped. While an ingest holds the store (the write is running) it is opened as
        it is: reading a store being written is pyoxigraph's undefined behaviour anyway
        (servers read its published snapshots)."""
        try:
            self.oxigraph = pyoxigraph.Store(str(path))
        except OSError:
            return pyoxigraph.Store.read_only(str(path))
        self._finish_interrupted(path)
        del self.oxigraph
        gc.collect()
        return pyoxigraph.Store.read_only(str(path))

    def _writing(self) -> AbstractContextManager[None]:
        return _told(f"{self.location}: the store cannot be written")

    def load_reference(self) -> None:
        """(Re)load the authority records and the ontology, each as one graph, in one transaction.
        A graph the embedded store already holds as it is is not written again: any write, however
        small, makes the final compaction rewrite the whole store (50 s at 50,000 documents, for an
        ingest that found every file unchanged)."""
        reference = {
            self.iris.authorities(): ntriples(authority_graph()),
            self.iris.ontology(): ntriples(ontology.graph()),
        }
        changed = {name: text for name, text in reference.items() if not self._holds(name, text)}
        if changed:
            with self._writing():
                self._replace(changed)

    def _holds(self, name: str, text: str) -> bool:
        """Whether the embedded store's graph ``name`` holds exactly the triples of ``text`` (N-Triples)."""
        if not isinstance(self.oxigraph, pyoxigraph.Store):
            return False
        graph = pyoxigraph.NamedNode(name)
        held = {quad.triple for quad in self.oxigraph.quads_for_pattern(None, None, None, graph)}
        given = {quad.triple for quad in pyoxigraph.parse(text, format=pyoxigraph.RdfFormat.N_TRIPLES)}
        return held == given

    def replace_document(self, symbol: str, graph: str, provenance: str, shared: str = "") -> None:
        """Write a document's graph and its provenance (N-Triples), replacing what was there,
        and what it says of things it cites into the shared graph.

        Two transactions: one update drops the document's graphs and brings the shared
        graph up to date; then `pyoxigraph.Store.load` writes both graphs in one (1.8 times
        faster than the same triples in an update). A crash between the two leaves the
        document absent, never half-written, and the next ingest writes it again (a
        document without provenance is never skipped as unchanged).

        The shared graph states each fact once: what the document's own graph now says of
        the document leaves it, and a cited thing whose text is in the store (it has
        ``unx:inCorpus``) is described by its own graph, not there."""
        document = DocumentGraphs(symbol, graph, provenance, shared)
        update = self._drop_and_share([document], self._shared_lines([document]))
        graphs = self._named(document)
        with self._writing():
            if isinstance(self.oxigraph, RemoteStore):  # one request: the service's own transaction
                self.oxigraph.update(f"{update} ;\n{_insert_data(graphs)}")
                return
            self.oxigraph.update(update)
            quads = "".join(_in_graph(text, name) for name, text in graphs.items())
            self.oxigraph.load(quads.encode(), format=pyoxigraph.RdfFormat.N_QUADS)
            self._unflushed += 1
            if self._unflushed >= FLUSH_EVERY:  # so that memory stays flat
                self.oxigraph.flush()
                self._unflushed = 0

    def replace_documents(self, documents: list[DocumentGraphs]) -> None:
        """Write several documents, each whole or absent: into a store on disk as one bulk
        write (`pyoxigraph.Store.bulk_load`, about half the CPU of `replace_document`'s transactions);
        elsewhere one by one.

        A bulk load is not a transaction, so the batch is listed in a journal first
        (``data/store.writing``): one update drops the documents' graphs and what the
        shared graph said of them, the bulk load writes their graphs, their provenance and
        what they say of cited things not in the store, and the journal goes. A batch cut short leaves the journal behind, and the next open
        of the store drops the documents it lists (`_finish_interrupted`): they are absent,
        and the next ingest writes them again."""
        if self.path is None or len(documents) < 2 or not isinstance(self.oxigraph, pyoxigraph.Store):
            for document in documents:
                self.replace_document(document.symbol, document.graph, document.provenance, document.shared)
            return
        journal = _journal(self.path)
        quads = "".join(_in_graph(text, name) for document in documents for name, text in self._named(document).items())
        with self._writing():
            _write_durably(journal, "".join(document.symbol + "\n" for document in documents))
            self.oxigraph.update(self._drop_and_share(documents, []))
            shared = self._outside_corpus(self._shared_lines(documents))
            quads += _in_graph("".join(line + "\n" for line in shared), self.iris.shared())
            self.oxigraph.bulk_load(quads.encode(), format=pyoxigraph.RdfFormat.N_QUADS)
            journal.unlink()

    def _named(self, document: DocumentGraphs) -> dict[str, str]:
        return {
            self.iris.graph(document.symbol): document.graph,
            self.iris.provenance(document.symbol): document.provenance,
        }

    def _drop_and_share(self, documents: list[DocumentGraphs], lines: list[str]) -> str:
        drops = " ;\n".join(f"DROP SILENT GRAPH <{name}>" for document in documents for name in self._named(document))
        return drops + _shared_update(self.iris.shared(), [self.iris.resource(d.symbol) for d in documents], lines)

    def _shared_lines(self, documents: list[DocumentGraphs]) -> list[str]:
        """The N-Triples lines, sorted and each once, of what documents say of things they
        cite, but for what they say of one another (their own graphs say it)."""
        written = {f"<{self.iris.resource(d.symbol)}>" for d in documents}
        lines = {line for d in documents for line in map(str.strip, d.shared.splitlines()) if line}
        return sorted(line for line in lines if line.split(" ", 1)[0] not in written)

    def _outside_corpus(self, lines: list[str]) -> list[str]:
        """The lines about things whose own text is not in the store (no ``unx:inCorpus`` in
        any graph), looked up in the store's index a subject at a time: at 50,000 documents
        a batch's 1,700 subjects in 0.05 s, against 0.3-0.5 s for the same test as a
        ``FILTER NOT EXISTS`` over the batch's 11,000 lines in an update (bench/RESULTS.md)."""
        assert isinstance(self.oxigraph, pyoxigraph.Store)
        in_corpus, true = pyoxigraph.NamedNode(str(UNX.inCorpus)), pyoxigraph.Literal(True)
        subjects = {line.split(" ", 1)[0] for line in lines}
        inside = {
            subject
            for subject in subjects
            if next(self.oxigraph.quads_for_pattern(pyoxigraph.NamedNode(subject[1:-1]), in_corpus, true, None), None)
        }
        return [line for line in lines if line.split(" ", 1)[0] not in inside]

    def _finish_interrupted(self, path: Path) -> None:
        """Drop the documents of a bulk write that was cut short (see `replace_documents`)."""
        journal = _journal(path)
        if not journal.is_file():
            return
        symbols = [line for line in journal.read_text("utf-8").splitlines() if line]
        drops = [
            f"DROP SILENT GRAPH <{name}>" for s in symbols for name in (self.iris.graph(s), self.iris.provenance(s))
        ]
        with self._writing():
            if drops:
                self.oxigraph.update(" ;\n".join(drops))
            journal.unlink()

    def _replace(self, graphs: dict[str, str]) -> None:
        """Replace whole graphs (N-Triples) in one update transaction."""
        drops = "".join(f"DROP SILENT GRAPH <{name}> ;\n" for name in graphs)
        self.oxigraph.update(drops + _insert_data(graphs))

    def query(
        self, sparql: str
    ) -> pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | pyoxigraph.QueryTriples | list[pyoxigraph.Triple]:
        return self.oxigraph.query(sparql, use_default_graph_as_union=True)

    def compact(self, alongside: Callable[[Engine], Result] | None = None) -> Result | None:
        """Flush and compact, then open the store again: a store written in many small
        transactions would otherwise make every later read-only open replay its log (52 s
        for 4,000 documents), and RocksDB deletes the spent log only when the store opens.
        A service compacts itself.

        ``alongside`` reads the embedded store while it compacts (the compaction runs in
        RocksDB's threads, without the GIL: the citation graph of 50,000 documents is built in
        the time the compaction takes anyway, bench/RESULTS.md); its result is returned. A
        remote store returns None at once, ``alongside`` not called."""
        if not isinstance(self.oxigraph, pyoxigraph.Store):
            return None
        with self._writing():
            self.oxigraph.flush()
            with ThreadPoolExecutor(max_workers=1) as pool:
                optimized = pool.submit(self.oxigraph.optimize)
                try:
                    result = alongside(self.oxigraph) if alongside else None
                finally:
                    optimized.result()  # the compaction's own error, if any, is not lost
        if self.path is not None:
            del self.oxigraph
            gc.collect()
            self.oxigraph = pyoxigraph.Store(str(self.path))
        return result

    def publish(self) -> Location:
        """A read-only snapshot of the store as it now is, for servers to open and switch to:
        a RocksDB checkpoint (`Store.backup`: hard links, so seconds and little disk), then
        the ``LATEST`` pointer replaced atomically. The store itself is never opened by a
        server while ingest writes it (pyoxigraph: undefined behaviour). Older snapshots
        beyond the last few are removed.

        A remote store is published by stating when (``dcterms:modified`` in its state
        graph): a server reading it sees the change and starts afresh (its caches, its
        citation graph)."""
        if isinstance(self.oxigraph, RemoteStore):
            return self._publish_remote(self.oxigraph)
        assert self.path is not None
        folder = snapshots(self.path)
        name = f"{time.time_ns()}"
        with _told(f"{folder}: the snapshot cannot be written"):
            folder.mkdir(exist_ok=True)
            self.oxigraph.backup(str(folder / name))
            pointer = folder / "LATEST.partial"
            pointer.write_text(name + "\n", "utf-8")
            pointer.replace(folder / "LATEST")
        for old in sorted(p for p in folder.iterdir() if p.is_dir() and p.name.isdigit())[:-SNAPSHOTS_KEPT]:
            shutil.rmtree(old, ignore_errors=True)
        return folder / name

    def _publish_remote(self, remote: RemoteStore) -> Endpoint:
        state = self.iris.base + STATE_GRAPH
        now = datetime.now(UTC).isoformat(timespec="microseconds")
        with self._writing():
            remote.update(
                f'DROP SILENT GRAPH <{state}> ;\nINSERT DATA {{ GRAPH <{state}> {{ <{state}> <{DCTERMS.modified}> "{now}"^^<{XSD.dateTime}> }} }}'
            )
        return replace(remote.endpoint, state=published_state(remote))  # in the engine's own writing

    def sources(self) -> dict[str, str]:
        """The source file digests (SHA-256) of the documents this extractor wrote, and their symbols."""
        agent = self.iris.agent(extractor_version())
        # In the union default graph: Virtuoso took minutes over the same join inside GRAPH ?p.
        solutions = self.query(
            f"""SELECT ?graph ?source WHERE {{ ?activity <{PROV.wasAssociatedWith}> <{agent}> .
              ?graph <{PROV.wasGeneratedBy}> ?activity ; <{PROV.wasDerivedFrom}> ?source }}"""
        )
        assert isinstance(solutions, pyoxigraph.QuerySolutions)
        prefix = self.iris.graph("")
        return {
            row[1].value.removeprefix("urn:sha256:"): path_symbol(row[0].value.removeprefix(prefix))
            for row in solutions
        }

    def documents(self) -> list[str]:
        """The symbols of the documents in the store."""
        prefix = self.iris.graph("")
        special = {self.iris.shared(), self.iris.authorities(), self.iris.ontology()}
        special.add(self.iris.base + STATE_GRAPH)
        return sorted(
            path_symbol(g.value.removeprefix(prefix))
            for g in self.oxigraph.named_graphs()
            if g.value.startswith(prefix) and g.value not in special
        )

    def remove(self, symbol: str) -> bool:
        """Drop a document's graph and provenance, in one transaction; what other documents
        cite of it (its type, symbol, label) moves to the shared graph. False if it was not there."""
        graph = self.iris.graph(symbol)
        if not self.oxigraph.contains_named_graph(pyoxigraph.NamedNode(str(graph))):
            return False
        document = self.iris.resource(symbol)
        kept = " ".join(f"<{p}>" for p in CITED_FACTS)
        update = f"""INSERT {{ GRAPH <{self.iris.shared()}> {{ <{document}> ?p ?o }} }}
            WHERE {{ GRAPH <{graph}> {{ <{document}> ?p ?o VALUES ?p {{ {kept} }} }}
              FILTER EXISTS {{ GRAPH ?other {{ ?citing <{CITO.cites}> <{document}> }} FILTER (?other != <{graph}>) }} }} ;
            DROP SILENT GRAPH <{graph}> ; DROP SILENT GRAPH <{self.iris.provenance(symbol)}>"""  # SILENT: Virtuoso refuses to drop a graph made by INSERT DATA ("not explicitly created")
        with self._writing():
            self.oxigraph.update(update)
        return True

    def nquads(self) -> str:
        """Every quad, as sorted N-Quads: the same store always gives the same bytes."""
        return "".join(sorted(f"{quad} .\n" for quad in self.oxigraph.quads_for_pattern(None, None, None, None)))
