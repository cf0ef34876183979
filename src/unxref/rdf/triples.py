"""Triples as plain Python values, for the graph builder and the fast validator.

rdflib's ``Graph.add`` and its term classes took half the time of building a
document's graph, and its N-Triples writer most of the rest; ingest needs neither,
only N-Triples text to load and the triples to validate. So the builder writes
plain values: an IRI is a ``str``, a blank node a ``str`` that starts with ``_:``
(no absolute IRI does), and a literal a `Literal`. `Triples.graph` makes an rdflib
graph of them for the writers of Turtle, RDF/XML and JSON-LD.

>>> triples = Triples()
>>> triples.add("https://w3id.org/unxref/id/A/RES/62/176", RDFS_LABEL, literal("A/RES/62/176"))
>>> print(triples.ntriples(), end="")
<https://w3id.org/unxref/id/A/RES/62/176> <http://www.w3.org/2000/01/rdf-schema#label> "A/RES/62/176" .
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@dataclass(frozen=True, slots=True)
class Literal:
    """A literal: its lexical form, and its datatype or (for ``rdf:langString``) its language."""

    lexical: str
    datatype: str = XSD_STRING
    language: str = ""

    def n3(self) -> str:
        """The literal in N-Triples, escaped as rdflib's writer escapes it.

        >>> Literal('say "no"\\n', LANG_STRING, "en").n3()
        '"say \\\\"no\\\\"\\\\n"@en'
        >>> literal(3).n3()
        '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
        """
        quoted = '"' + _escape(self.lexical) + '"'
        if self.language:
            return f"{quoted}@{self.language}"
        if self.datatype == XSD_STRING:
            return quoted
        return f"{quoted}^^<{self.datatype}>"


Term = str | Literal
Triple = tuple[str, str, Term]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")


def literal(value: str | int | bool | datetime, datatype: str | None = None, lang: str | None = None) -> Literal:
    """A literal of a Python value, typed as rdflib types it (``True`` an ``xsd:boolean``,
    ``3`` an ``xsd:integer``, a datetime an ``xsd:dateTime``), or as ``datatype`` says.

    >>> literal(True)
    Literal(lexical='true', datatype='http://www.w3.org/2001/XMLSchema#boolean', language='')
    >>> literal("Coopération", lang="fr").datatype == LANG_STRING
    True
    """
    if lang:
        return Literal(str(value), LANG_STRING, lang.lower())
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype or XSD + "boolean")
    if isinstance(value, int):
        return Literal(str(value), datatype or XSD + "integer")
    if isinstance(value, datetime):
        return Literal(value.isoformat(), datatype or XSD + "dateTime")
    return Literal(value, datatype or XSD_STRING)


def n3(term: Term) -> str:
    """A term in N-Triples."""
    if isinstance(term, Literal):
        return term.n3()
    return term if term.startswith("_:") else f"<{term}>"


class Triples:
    """A set of triples (no triple twice, as in a graph)."""

    __slots__ = ("_triples",)

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        self._triples: set[Triple] = set(triples)

    def add(self, subject: str, predicate: str, value: Term) -> None:
        self._triples.add((subject, predicate, value))

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def __or__(self, other: Triples) -> Triples:
        return Triples(self._triples | other._triples)

    def ntriples(self) -> str:
        """Sorted N-Triples: the same triples are always the same bytes."""
        return "".join(sorted(f"{n3(s)} <{p}> {n3(o)} .\n" for s, p, o in self._triples))

    def graph(self, into: Graph | None = None) -> Graph:
        """The triples as an rdflib graph (or added to ``into``), for its writers of Turtle,
        RDF/XML and JSON-LD."""
        from rdflib import Graph

        graph = Graph(bind_namespaces="none") if into is None else into
        for triple in self._triples:
            graph.add(tuple(map(_rdflib, triple)))  # type: ignore[arg-type]
        return graph


def _rdflib(term: Term) -> object:
    from rdflib import BNode, URIRef
    from rdflib import Literal as RdflibLiteral

    if isinstance(term, Literal):
        if term.language:
            return RdflibLiteral(term.lexical, lang=term.language)
        return RdflibLiteral(term.lexical, datatype=None if term.datatype == XSD_STRING else URIRef(term.datatype))
    return BNode(term[2:]) if term.startswith("_:") else URIRef(term)


def from_rdflib(graph: Graph) -> Triples:
    """An rdflib graph's triples as plain values (to validate a graph read from a file)."""
    from rdflib import BNode
    from rdflib import Literal as RdflibLiteral

    def term(node: object) -> Term:
        if isinstance(node, RdflibLiteral):
            if node.language:
                return Literal(str(node), LANG_STRING, node.language)
            return Literal(str(node), str(node.datatype) if node.datatype else XSD_STRING)
        return f"_:{node}" if isinstance(node, BNode) else str(node)

    return Triples((term(s), term(p), term(o)) for s, p, o in graph)  # type: ignore[misc]
