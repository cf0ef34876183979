"""Every IRI unxref mints, and the way back from an IRI to what it names.

IRIs are minted from canonical UN symbols under one base (`unxref.config.base`):
a space becomes ``_`` and the parts of a document are fragments.

>>> iris = Iris("https://w3id.org/unxref/id/")
>>> iris.resource("S/RES/687 (1991)")
rdflib.term.URIRef('https://w3id.org/unxref/id/S/RES/687_(1991)')
>>> iris.part("A/RES/62/176", "PP1")
rdflib.term.URIRef('https://w3id.org/unxref/id/A/RES/62/176#PP1')
>>> iris.graph("A/RES/62/176")
rdflib.term.URIRef('https://w3id.org/unxref/id/graph/A/RES/62/176')
>>> iris.from_path("S/RES/687_(1991)") == iris.resource("S/RES/687 (1991)")
True
>>> iris.local_path("https://w3id.org/unxref/id/S/RES/687_(1991)")
'S/RES/687_(1991)'
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, unquote

from rdflib import URIRef

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

    def resource(self, symbol: str) -> URIRef:
        return URIRef(self.base + symbol_path(symbol))

    def external(self, path: str, symbol: str) -> URIRef:
        """An item of a body outside the UN, by that body's own symbol: ``…/id/who/WHA69.2``."""
        return URIRef(f"{self.base}{path}/{symbol_path(symbol)}")

    def part(self, symbol: str, fragment: str) -> URIRef:
        """A paragraph, note, section or citation of a document: ``…/A/RES/62/176#PP1``
        (``#section-Article_2`` for the section "Article 2")."""
        return URIRef(f"{self.resource(symbol)}#{fragment.replace(' ', '_')}")

    def graph(self, symbol: str) -> URIRef:
        """The named graph holding what one source document says."""
        return URIRef(f"{self.base}graph/{symbol_path(symbol)}")

    def provenance(self, symbol: str) -> URIRef:
        return URIRef(f"{self.base}provenance/{symbol_path(symbol)}")

    def shared(self) -> URIRef:
        """The graph of what documents say of things they cite but do not describe."""
        return URIRef(self.base + "graph/" + SHARED_GRAPH)

    def authorities(self) -> URIRef:
        return URIRef(self.base + "graph/" + AUTHORITIES_GRAPH)

    def ontology(self) -> URIRef:
        return URIRef(self.base + "graph/" + ONTOLOGY_GRAPH)

    def treaty(self, key: str) -> URIRef:
        return URIRef(f"{self.base}treaty/{key}")

    def unregistered_treaty(self, number: str) -> URIRef:
        return URIRef(f"{self.base}treaty/unts/{number}")

    def session(self, session_id: str) -> URIRef:
        return URIRef(f"{self.base}session/{symbol_path(session_id)}")

    def extraction(self, sha256: str) -> URIRef:
        return URIRef(f"{self.base}extraction/{sha256}")

    def agent(self, version: str) -> URIRef:
        return URIRef(f"{self.base}agent/unxref/{version}")

    def rebase(self, iri: str) -> URIRef:
        """An authority record's IRI under this base (the Turtle files use the default one)."""
        return URIRef(self.base + iri[len(DEFAULT_BASE) :] if iri.startswith(DEFAULT_BASE) else iri)

    def from_path(self, path: str) -> URIRef:
        """The IRI of a path under the base, as a URL gives it (``S/RES/687_(1991)``, or ``%20`` for the space)."""
        return URIRef(self.base + symbol_path(path_symbol(path)))

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
