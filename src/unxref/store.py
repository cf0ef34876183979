"""The store: pyoxigraph's on-disk Store, one named graph per source document.

Graph names: each document's graph (``…/graph/A/RES/62/176``), its provenance
(``…/provenance/A/RES/62/176``), the shared graph of what documents say of things
they only cite (``…/graph/shared``), the authority records and the ontology. The
default graph of queries is the union of all of them, and states each fact once.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
from rdflib import URIRef

from unxref import ontology
from unxref.rdf.build import authority_graph
from unxref.rdf.iris import Iris
from unxref.rdf.serialize import ntriples
from unxref.vocab import UNX


def _shared_update(shared: URIRef, document: URIRef, triples: str) -> str:
    """The update that keeps the shared graph right after a document is written."""
    update = f" ;\nDELETE WHERE {{ GRAPH <{shared}> {{ <{document}> ?p ?o }} }}"
    if triples.strip():
        values = "".join(
            f"({line.rstrip().removesuffix('.').rstrip()})\n" for line in triples.splitlines() if line.strip()
        )
        update += (
            f" ;\nINSERT {{ GRAPH <{shared}> {{ ?s ?p ?o }} }} WHERE {{ VALUES (?s ?p ?o) {{\n{values}}}\n"
            f"FILTER NOT EXISTS {{ GRAPH ?own {{ ?s <{UNX.inCorpus}> true }} }} }}"
        )
    return update


class Store:
    """A pyoxigraph Store on disk (or in memory when ``path`` is None)."""

    def __init__(self, path: Path | None = None, read_only: bool = False) -> None:
        self.iris = Iris.configured()
        self.path = path
        if path is None:
            self.oxigraph = pyoxigraph.Store()
        elif read_only:
            self.oxigraph = pyoxigraph.Store.read_only(str(path))
        else:
            path.mkdir(parents=True, exist_ok=True)
            self.oxigraph = pyoxigraph.Store(str(path))

    def load_reference(self) -> None:
        """(Re)load the authority records and the ontology, each as one graph, in one transaction."""
        self._replace(
            {
                self.iris.authorities(): ntriples(authority_graph()),
                self.iris.ontology(): ntriples(ontology.graph()),
            }
        )

    def replace_document(self, symbol: str, graph: str, provenance: str, shared: str = "") -> None:
        """Write a document's graph and its provenance (N-Triples), replacing what was there,
        and what it says of things it cites into the shared graph, in one transaction.

        The shared graph states each fact once: what the document's own graph now says of
        the document leaves it, and a cited thing whose text is in the store (it has
        ``unx:inCorpus``) is described by its own graph, not there."""
        self._replace(
            {self.iris.graph(symbol): graph, self.iris.provenance(symbol): provenance},
            _shared_update(self.iris.shared(), self.iris.resource(symbol), shared),
        )

    def _replace(self, graphs: dict[URIRef, str], then: str = "") -> None:
        drops = "".join(f"DROP SILENT GRAPH <{name}> ;\n" for name in graphs)
        inserts = "".join(f"GRAPH <{name}> {{\n{text}}}\n" for name, text in graphs.items())
        self.oxigraph.update(f"{drops}INSERT DATA {{\n{inserts}}}{then}")

    def query(self, sparql: str) -> pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | pyoxigraph.QueryTriples:
        return self.oxigraph.query(sparql, use_default_graph_as_union=True)

    def compact(self) -> None:
        """Flush and compact: a store written in many small transactions would otherwise
        make every later read-only open replay its log (52 s for 4,000 documents)."""
        self.oxigraph.flush()
        self.oxigraph.optimize()

    def nquads(self) -> str:
        """Every quad, as sorted N-Quads: the same store always gives the same bytes."""
        return "".join(sorted(f"{quad} .\n" for quad in self.oxigraph.quads_for_pattern(None, None, None, None)))
