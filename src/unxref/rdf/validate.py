"""Validate graphs against the SHACL shapes in ``shapes/``.

The shapes check links by class (an adopting body is a ``unx:Body``, a function
a ``unx:CitationFunction``), so the data graph is checked together with the
authority records and the ontology's concept scheme.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyoxigraph
from pyshacl import Validator
from pyshacl.graph_abstraction import DataGraph
from pyshacl.pytypes import SHACLExecutor
from pyshacl.shapes_graph import ShapesGraph
from rdflib import RDF, Graph, Literal, URIRef

from unxref import ontology
from unxref.config import resource_files
from unxref.errors import InputError
from unxref.formats import GRAPHS, by_suffix
from unxref.rdf.build import authority_graph
from unxref.rdf.shacl import Violation
from unxref.rdf.triples import Triples
from unxref.vocab import SH, UNX


class _Validator(Validator):
    """pyshacl's validator with the focus nodes kept as a set: pyshacl tests every target
    with ``in`` on its list of them, which made a document's validation quadratic in its
    size (1,700 paragraphs: 26 s)."""

    def make_executor(self) -> SHACLExecutor:
        executor = super().make_executor()
        if executor.focus_nodes:
            executor.focus_nodes = frozenset(executor.focus_nodes)  # type: ignore[assignment]
        return executor


@cache
def shapes() -> Graph:
    graph = Graph()
    for path in resource_files("shapes", "*.ttl"):
        graph.parse(path, format="turtle")
    return graph


@cache
def reference() -> Graph:
    """The types of what the shapes link to: bodies and function concepts."""
    graph = Graph()
    for body in authority_graph().subjects(RDF.type, UNX.Body):
        graph.add((body, RDF.type, UNX.Body))
    for concept in ontology.graph().subjects(RDF.type, UNX.CitationFunction):
        graph.add((concept, RDF.type, UNX.CitationFunction))
    return graph


@cache
def _shapes_graph() -> ShapesGraph:
    """pyshacl's reading of the shapes, made once per process and kept across documents
    (pyshacl would read them again, and rebuild its shape cache, for every document)."""
    return ShapesGraph(shapes())


def validate(data: Graph | Triples) -> list[Violation]:
    """Every violation of the shapes by the nodes ``data`` describes, by pyshacl; empty when
    it conforms. (Ingest checks its own graphs with `unxref.rdf.shacl.check`, which gives the
    same results faster.) The types of what the graph links to are added to a copy of it."""
    combined = data.graph() if isinstance(data, Triples) else _copy(data)
    focus: list[str | URIRef] = sorted({s for s in combined.subjects() if isinstance(s, URIRef)})
    for triple in reference():
        combined.add(triple)
    validator = _Validator(
        DataGraph.from_rdflib_graph(combined),
        shacl_graph=shapes(),
        options={"inference": "none", "inplace": True, "allow_infos": True, "focus_nodes": focus},
    )
    validator.shacl_graph = _shapes_graph()
    _, report, _ = validator.run()  # type: ignore[no-untyped-call]
    assert isinstance(report, Graph)
    violations = [
        Violation(
            focus=_short(report.value(result, SH.focusNode)),
            path=_short(report.value(result, SH.resultPath)),
            message=str(report.value(result, SH.resultMessage) or ""),
            severity=_short(report.value(result, SH.resultSeverity)).removeprefix("sh:"),
        )
        for result in report.subjects(RDF.type, SH.ValidationResult)
    ]
    return sorted(violations, key=lambda v: (v.focus, v.path, v.message))


def _copy(data: Graph) -> Graph:
    copy = Graph(bind_namespaces="none")
    for triple in data:
        copy.add(triple)
    return copy


def _short(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        return "sh:" + text[len(str(SH)) :] if text.startswith(str(SH)) else text
    if isinstance(term, Literal):
        return str(term)
    return "(path expression)"


def parse_rdf_file(path: Path) -> Graph:
    """Read an RDF file by its suffix; a syntax error names the file, line and column."""
    known = by_suffix(path.suffix)
    if known is None or known.rdf is None:
        suffixes = sorted(s for f in GRAPHS for s in f.suffixes)
        raise InputError(str(path), f"unknown RDF file type {path.suffix!r}; use one of {', '.join(suffixes)}")
    rdf_format = known.rdf
    if not path.is_file():
        raise InputError(str(path), "no such file")
    try:
        quads = list(pyoxigraph.parse(path=str(path), format=rdf_format))
    except SyntaxError as error:
        line, column = error.lineno, error.offset
        problem = str(error.msg).split(": ", 1)[-1] if ":" in str(error.msg) else str(error.msg)
        raise InputError(str(path), f"line {line}, column {column}: {problem}") from None
    text = pyoxigraph.serialize([q.triple for q in quads], format=pyoxigraph.RdfFormat.N_TRIPLES)
    return Graph().parse(data=text, format="nt") if text else Graph()
