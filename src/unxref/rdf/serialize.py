"""Write graphs in the RDF formats users ask for.

N-Triples and N-Quads come out sorted, line by line, so the same graph is
always the same bytes. JSON-LD is compacted with the published context
(``ontology/context.jsonld``), embedded so that readers need no network.
"""

from __future__ import annotations

from rdflib import Dataset, Graph, URIRef

from unxref.ontology import context
from unxref.vocab import bind


def ntriples(graph: Graph) -> str:
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return "".join(sorted(line + "\n" for line in lines if line))


def nquads(graphs: dict[str, Graph]) -> str:
    """Sorted N-Quads of several named graphs."""
    lines = [f"{line[:-2]} <{name}> .\n" for name, graph in graphs.items() for line in ntriples(graph).splitlines()]
    return "".join(sorted(lines))


def serialize(graph: Graph, key: str, name: str | None = None) -> str:
    """One graph in a format (`unxref.formats.GRAPHS` key); ``name`` is its graph name in
    N-Quads and TriG (required there)."""
    if key == "nt":
        return ntriples(graph)
    bind(graph)  # the writers of prefixed formats need the prefixes
    if key in ("nq", "trig") and name is None:
        raise ValueError(f"{key} needs a graph name")
    if key == "nq":
        return nquads({name: graph})  # type: ignore[dict-item]
    if key == "jsonld":
        return graph.serialize(format="json-ld", context=context(), indent=1, sort_keys=True)
    if key == "trig":
        return trig({name: graph})  # type: ignore[dict-item]
    return graph.serialize(format="turtle" if key == "ttl" else "pretty-xml")


def trig(graphs: dict[str, Graph]) -> str:
    dataset = Dataset()
    for name, graph in graphs.items():
        named = dataset.graph(URIRef(name))
        for prefix, namespace in graph.namespaces():
            dataset.bind(prefix, namespace)
        for triple in graph:
            named.add(triple)
    return dataset.serialize(format="trig")
