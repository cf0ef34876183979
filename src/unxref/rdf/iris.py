"""Every IRI unxref mints, and the way back from an IRI to what it names.

IRIs are minted from canonical UN symbols under one base (`unxref.config.base`):
a space becomes ``_`` and the parts of a document are fragments. They are text: the graph
builder makes rdflib terms of them, the service writes them into queries and pages (and
so never loads rdflib).

>>> iris = Iris("https://w3id.org/unxref/id/")
>>> iris.resource("S/RES/687 (1991)")
'https://w3id.org/unxref/id/S/RES/687_(1991)'
>>> iris.part("A/RES/62/176", "PP1")
'https://w3id.org/unxref/id/A/RES/62/176#PP1'
>>> iris.graph("A/RES/62/176")
'https://w3id.org/unxref/id/graph/A/RES/62/176'
>>> iris.from_path("S/RES/687_(1991)") == iris.resource("S/RES/687 (1991)")
True
>>> iris.local_path("https://w3id.org/unxref/id/S/RES/687_(1991)")
'S/RES/687_(1991)'
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, unquote

from unxref.config import DEFAULT_BASE, base
from unxref.vocab import ONTOLOGY_IRI

ONTOLOGY_GRAPH = "ontology"
AUTHORITIES_GRAPH = "authorities"
SHARED_GRAPH = "shared"


def symbol_path(symbol: str) -> str:
    """``S/RES/687 (1991)`` → ``S/RES/687_(1991)``: the IRI path of a symbol."""
    return quote(symbol.replace(" ", "_"), safe="/()._-")


def path_symbol(path: str) -> str:
    """The inverse of `symbol_path`."""
    return unquote(path).replace("_", " ")


@dataclass(frozen=True)
class Iris:
    """Where each kind of thing lives under the base."""

    base: str

    @classmethod
    def configured(cls) -> Iris:
        """The IRIs under the configured base (``UNXREF_BASE``)."""
        return cls(base())

    def resource(self, symbol: str) -> str:
        return self.base + symbol_path(symbol)

    def external(self, path: str, symbol: str) -> str:
        """An item of a body outside the UN, by that body's own symbol: ``…/id/who/WHA69.2``."""
        return f"{self.base}{path}/{symbol_path(symbol)}"

    def part(self, symbol: str, fragment: str) -> str:
        """A paragraph, note, section or citation of a document: ``…/A/RES/62/176#PP1``
        (``#section-Article_2`` for the section "Article 2")."""
        return f"{self.resource(symbol)}#{fragment.replace(' ', '_')}"

    def graph(self, symbol: str) -> str:
        """The named graph holding what one source document says."""
        return f"{self.base}graph/{symbol_path(symbol)}"

    def provenance(self, symbol: str) -> str:
        return f"{self.base}provenance/{symbol_path(symbol)}"

    def shared(self) -> str:
        """The graph of what documents say of things they cite but do not describe."""
        return self.base + "graph/" + SHARED_GRAPH

    def authorities(self) -> str:
        return self.base + "graph/" + AUTHORITIES_GRAPH

    def ontology(self) -> str:
        return self.base + "graph/" + ONTOLOGY_GRAPH

    def treaty(self, key: str) -> str:
        return f"{self.base}treaty/{key}"

    def unregistered_treaty(self, number: str) -> str:
        return f"{self.base}treaty/unts/{number}"

    def session(self, session_id: str) -> str:
        return f"{self.base}session/{symbol_path(session_id)}"

    def extraction(self, sha256: str) -> str:
        return f"{self.base}extraction/{sha256}"

    def agent(self, version: str) -> str:
        return f"{self.base}agent/unxref/{version}"

    def rebase(self, iri: str) -> str:
        """An authority record's IRI under this base (the Turtle files use the default one)."""
        return self.base + iri[len(DEFAULT_BASE) :] if iri.startswith(DEFAULT_BASE) else iri

    def from_path(self, path: str) -> str:
        """The IRI of a path under the base, as a URL gives it (``S/RES/687_(1991)``, or ``%20`` for the space)."""
        return self.base + symbol_path(path_symbol(path))

    def local_path(self, iri: str) -> str | None:
        """The path of an IRI under the base, or None when it is not under it."""
        return iri[len(self.base) :] if iri.startswith(self.base) else None

    def page(self, iri: str) -> str:
        """Where the service shows an IRI: ``/id/<path>`` under the base, ``/ontology...`` for the
        ontology's terms and function concepts, the IRI itself elsewhere."""
        if iri.startswith(ONTOLOGY_IRI):
            return "/ontology" + iri[len(ONTOLOGY_IRI) :]
        path = self.local_path(iri)
        return iri if path is None else "/id/" + path


def page_link(iri: str) -> str:
    """`Iris.page` under the configured base (for templates)."""
    return Iris.configured().page(iri)
