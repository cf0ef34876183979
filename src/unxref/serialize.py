"""Write graphs in the RDF formats users ask for.

N-Triples and N-Quads come out sorted, line by line, so the same graph is
always the same bytes. JSON-LD is compacted with the published context
(``ontology/context.jsonld``), embedded so that readers need no network.
"""

from __future__ import annotations

import json
from enum import StrEnum
from functools import cache
from typing import Any

from rdflib import Dataset, Graph, URIRef

from unxref.authorities import ontology_dir


class RdfFormat(StrEnum):
    ttl = "ttl"
    nt = "nt"
    nq = "nq"
    trig = "trig"
    jsonld = "jsonld"
    rdfxml = "rdfxml"


MEDIA_TYPES = {
    RdfFormat.ttl: "text/turtle",
    RdfFormat.nt: "application/n-triples",
    RdfFormat.nq: "application/n-quads",
    RdfFormat.trig: "application/trig",
    RdfFormat.jsonld: "application/ld+json",
    RdfFormat.rdfxml: "application/rdf+xml",
}


@cache
def context() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ontology_dir() / "context.jsonld").read_text("utf-8"))
    return data["@context"]  # type: ignore[no-any-return]


def ntriples(graph: Graph) -> str:
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return "".join(sorted(line + "\n" for line in lines if line))


def nquads(graphs: dict[URIRef, Graph]) -> str:
    """Sorted N-Quads of several named graphs."""
    lines = [f"{line[:-2]} <{name}> .\n" for name, graph in graphs.items() for line in ntriples(graph).splitlines()]
    return "".join(sorted(lines))


def serialize(graph: Graph, rdf_format: RdfFormat, name: URIRef | None = None) -> str:
    """One graph in a format; ``name`` is its graph name in N-Quads and TriG (required there)."""
    if rdf_format is RdfFormat.nt:
        return ntriples(graph)
    if rdf_format in (RdfFormat.nq, RdfFormat.trig) and name is None:
        raise ValueError(f"{rdf_format} needs a graph name")
    if rdf_format is RdfFormat.nq:
        return nquads({name: graph})  # type: ignore[dict-item]
    if rdf_format is RdfFormat.jsonld:
        return graph.serialize(format="json-ld", context=context(), indent=1, sort_keys=True)
    if rdf_format is RdfFormat.trig:
        return trig({name: graph})  # type: ignore[dict-item]
    return graph.serialize(format="turtle" if rdf_format is RdfFormat.ttl else "pretty-xml")


def trig(graphs: dict[URIRef, Graph]) -> str:
    dataset = Dataset()
    for name, graph in graphs.items():
        named = dataset.graph(name)
        for prefix, namespace in graph.namespaces():
            dataset.bind(prefix, namespace)
        for triple in graph:
            named.add(triple)
    return dataset.serialize(format="trig")
