"""The store: pyoxigraph's on-disk Store, one named graph per source document.

Graph names: each document's graph (``…/graph/A/RES/62/176``), its provenance
(``…/provenance/A/RES/62/176``), the authority records and the ontology. The
default graph of queries is the union of all of them.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
from rdflib import URIRef

from unxref import ontology
from unxref.rdf.build import authority_graph
from unxref.rdf.iris import Iris
from unxref.rdf.serialize import ntriples

Bindings = dict[
    pyoxigraph.Variable, pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal | pyoxigraph.Triple
]


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

    def replace_document(self, symbol: str, graph: str, provenance: str) -> None:
        """Write a document's graph and its provenance (N-Triples), replacing what was there, in one transaction."""
        self._replace({self.iris.graph(symbol): graph, self.iris.provenance(symbol): provenance})

    def _replace(self, graphs: dict[URIRef, str]) -> None:
        drops = "".join(f"DROP SILENT GRAPH <{name}> ;\n" for name in graphs)
        inserts = "".join(f"GRAPH <{name}> {{\n{text}}}\n" for name, text in graphs.items())
        self.oxigraph.update(f"{drops}INSERT DATA {{\n{inserts}}}")

    def query(
        self, sparql: str, substitutions: Bindings | None = None
    ) -> pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | pyoxigraph.QueryTriples:
        return self.oxigraph.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)

    def compact(self) -> None:
        """Flush and compact: a store written in many small transactions would otherwise
        make every later read-only open replay its log (52 s for 4,000 documents)."""
        self.oxigraph.flush()
        self.oxigraph.optimize()

    def nquads(self) -> str:
        """Every quad, as sorted N-Quads: the same store always gives the same bytes."""
        return "".join(sorted(f"{quad} .\n" for quad in self.oxigraph.quads_for_pattern(None, None, None, None)))
