"""The published ontology (``ontology/unxref.ttl``), read once: its graph, its
citation-function scheme, and the JSON-LD context it publishes.

>>> functions()["recalling"].property
'https://w3id.org/unxref/ontology#recalls'
>>> functions()["requesting"].calls_to_action
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from rdflib import RDF, RDFS, Graph, URIRef

from unxref.config import resource
from unxref.vocab import CITO, SKOS, UNX

NO_FUNCTION = "citing"  # the function of a citation whose paragraph has no known verb


@dataclass(frozen=True)
class Function:
    """A citation function, its IRIs as text (the graph builder writes plain values)."""

    concept: str
    property: str | None  # unx:recalls
    cito: str  # its CiTO parent, or cito:cites
    calls_to_action: bool  # asks someone to act: requesting, urging, calling upon ...


@cache
def graph() -> Graph:
    return Graph().parse(resource("ontology", "unxref.ttl"), format="turtle")


@cache
def functions() -> dict[str, Function]:
    """The citation function scheme, by notation (``recalling``)."""
    ontology = graph()
    table: dict[str, Function] = {}
    for concept in ontology.subjects(RDF.type, UNX.CitationFunction):
        assert isinstance(concept, URIRef)
        prop = ontology.value(concept, UNX.citationProperty)
        parents = (
            [p for p in ontology.objects(prop, RDFS.subPropertyOf) if str(p).startswith(str(CITO))] if prop else []
        )
        table[str(ontology.value(concept, SKOS.notation))] = Function(
            concept=str(concept),
            property=str(prop) if prop else None,
            cito=str(parents[0]) if parents else CITO.iri("cites"),
            calls_to_action=bool(ontology.value(concept, UNX.callsToAction)),
        )
    return table


@cache
def context() -> dict[str, Any]:
    """The ``@context`` of the published JSON-LD context (``ontology/context.jsonld``)."""
    data: dict[str, Any] = json.loads(resource("ontology", "context.jsonld").read_text("utf-8"))
    return data["@context"]  # type: ignore[no-any-return]
