"""SHACL-Core validation of the graphs unxref builds, compiled from ``shapes/`` once a process.

pyshacl took 16 ms of a document's 30 in ingest, more than the whole budget of
200 documents a second on two cores. The shapes use a small part of SHACL-Core
(`SUPPORTED`); this module reads them, the same file pyshacl reads, and checks
those constraints over the builder's plain triples (`unxref.rdf.triples`) in well
under a millisecond a document. A shape that uses anything else is refused when
compiled, never skipped. It reports what pyshacl reports, result for result (the
focus node, the path, the shape's message), which ``tests/rdf/test_shapes.py``
checks on every broken case; ``unxref validate`` and `unxref.rdf.validate.validate`
still run pyshacl, for graphs of any origin.

>>> from unxref.rdf.triples import Triples, literal
>>> graph = Triples()
>>> graph.add("https://w3id.org/unxref/id/A/RES/62/176#note-1", RDF_TYPE, UNX + "Footnote")
>>> graph.add("https://w3id.org/unxref/id/A/RES/62/176#note-1", UNX + "noteNumber", literal("1"))
>>> for v in check(graph):  # a string as its number (wrong type, not from 1), no resolution, no text
...     print(v.path, "|", v.message[:35])
http://purl.org/dc/terms/isPartOf | A footnote must be part of exactly
https://w3id.org/unxref/ontology#noteNumber | A footnote needs exactly one number
https://w3id.org/unxref/ontology#noteNumber | A footnote needs exactly one number
https://w3id.org/unxref/ontology#text | A footnote needs its text (unx:text
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache

from unxref.rdf.triples import LANG_STRING, XSD, XSD_STRING, Literal, Term, Triples, from_rdflib

SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_FIRST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"
RDF_REST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"
RDF_NIL = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
UNX = "https://w3id.org/unxref/ontology#"

# What the shapes may say: every other predicate on a shape is refused.
SUPPORTED = {
    RDF_TYPE,
    RDFS_LABEL,
    *(
        SH + name
        for name in [
            "targetClass",
            "nodeKind",
            "message",
            "property",
            "not",
            "path",
            "minCount",
            "maxCount",
            "datatype",
            "class",
            "pattern",
            "minInclusive",
            "uniqueLang",
            "languageIn",
            "in",
        ]
    ),
}
WELL_FORMED = {  # lexical forms of the datatypes the shapes name (others are taken as they come)
    XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    XSD + "date": re.compile(r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?"),
}
NUMERIC = {XSD + name for name in ("integer", "decimal", "int", "long", "nonNegativeInteger", "positiveInteger")}


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str  # the predicate; "(path expression)" for a sequence; "" for the node itself
    message: str
    severity: str = "Violation"


Index = dict[str, dict[str, list[Term]]]  # subject → predicate → objects


@dataclass(frozen=True)
class PropertyShape:
    path: tuple[str, ...]  # one predicate, or a sequence of them
    message: str
    min_count: int | None = None
    max_count: int | None = None
    datatype: str | None = None
    kind: str | None = None  # sh:IRI
    of_class: str | None = None
    pattern: re.Pattern[str] | None = None
    min_inclusive: float | None = None
    unique_lang: bool = False
    languages: tuple[str, ...] | None = None
    allowed: frozenset[Term] | None = None

    def shown_path(self) -> str:
        return self.path[0] if len(self.path) == 1 else "(path expression)"

    def failures(self, focus: str, data: Index, classes: dict[str, set[str]]) -> list[str]:
        """One message a result, as pyshacl gives results: one for a count, one a value otherwise."""
        values = _follow(data, focus, self.path)
        results = 0
        if self.min_count is not None and len(values) < self.min_count:
            results += 1
        if self.max_count is not None and len(values) > self.max_count:
            results += 1
        for value in values:
            results += sum(
                not ok
                for ok in (
                    self.datatype is None or _has_datatype(value, self.datatype),
                    self.kind is None or _has_kind(value, self.kind),
                    self.of_class is None or _is_instance(value, self.of_class, classes),
                    self.pattern is None or _matches(value, self.pattern),
                    self.min_inclusive is None or _at_least(value, self.min_inclusive),
                    self.languages is None or _in_languages(value, self.languages),
                    self.allowed is None or value in self.allowed,
                )
            )
        if self.unique_lang:
            tags = [v.language.lower() for v in values if isinstance(v, Literal) and v.language]
            results += sum(1 for tag in set(tags) if tags.count(tag) > 1)
        return [self.message] * results


@dataclass(frozen=True)
class NodeShape:
    iri: str
    targets: tuple[str, ...]  # sh:targetClass
    message: str
    kind: str | None
    properties: tuple[PropertyShape, ...]
    negated: tuple[NodeShape, ...]  # sh:not

    def violations(self, focus: str, data: Index, classes: dict[str, set[str]]) -> list[Violation]:
        found = []
        if self.kind is not None and not _has_kind(focus, self.kind):
            found.append(Violation(focus, "", self.message))
        for shape in self.properties:
            found += [Violation(focus, shape.shown_path(), m) for m in shape.failures(focus, data, classes)]
        for negated in self.negated:
            if not negated.violations(focus, data, classes):
                found.append(Violation(focus, "", self.message))
        return found


def check(graph: Triples) -> list[Violation]:
    """Every violation of the shapes by the nodes ``graph`` describes (its subjects), with the
    types of bodies and function concepts beside it (`unxref.rdf.validate.reference`); empty
    when it conforms. Sorted as `unxref.rdf.validate.validate` sorts pyshacl's."""
    data: Index = defaultdict(lambda: defaultdict(list))
    focus = set()
    for s, p, o in graph:
        data[s][p].append(o)
        if not s.startswith("_:"):
            focus.add(s)
    for s, p, o in _reference():
        if o not in data[s][p]:
            data[s][p].append(o)
    classes = _instances(data)
    found = []
    for shape in compiled():
        targeted = set().union(*(classes.get(c, set()) for c in shape.targets)) & focus
        for node in sorted(targeted):
            found += shape.violations(node, data, classes)
    return sorted(found, key=lambda v: (v.focus, v.path, v.message))


def _instances(data: Index) -> dict[str, set[str]]:
    """Each class's instances, those of its subclasses (``rdfs:subClassOf`` in the data) included."""
    direct: dict[str, set[str]] = defaultdict(set)
    parents: dict[str, set[str]] = defaultdict(set)
    for subject, properties in data.items():
        for kind in properties.get(RDF_TYPE, ()):
            if isinstance(kind, str):
                direct[kind].add(subject)
        for parent in properties.get(SUBCLASS_OF, ()):
            if isinstance(parent, str):
                parents[subject].add(parent)
    instances: dict[str, set[str]] = defaultdict(set)
    for kind, members in direct.items():
        for ancestor in _ancestors(kind, parents):
            instances[ancestor] |= members
    return instances


def _ancestors(kind: str, parents: dict[str, set[str]]) -> set[str]:
    seen, todo = {kind}, [kind]
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def _follow(data: Index, focus: str, path: tuple[str, ...]) -> list[Term]:
    nodes: list[Term] = [focus]
    for predicate in path:
        nodes = [o for node in nodes if isinstance(node, str) for o in data.get(node, {}).get(predicate, ())]
    return nodes


def _has_datatype(value: Term, datatype: str) -> bool:
    if not isinstance(value, Literal) or value.datatype != datatype:
        return False
    if datatype == LANG_STRING:
        return bool(value.language)
    form = WELL_FORMED.get(datatype)
    if form is None or not form.fullmatch(value.lexical):
        return form is None
    return datatype != XSD + "date" or _is_date(value.lexical)


def _is_date(lexical: str) -> bool:
    try:
        date.fromisoformat(lexical[:10])
    except ValueError:
        return False
    return True


def _has_kind(value: Term, kind: str) -> bool:
    """Whether a value is of the node kind (`_kind` lets only ``sh:IRI`` be compiled)."""
    return isinstance(value, str) and not value.startswith("_:")


def _is_instance(value: Term, of_class: str, classes: dict[str, set[str]]) -> bool:
    return isinstance(value, str) and value in classes.get(of_class, ())


def _matches(value: Term, pattern: re.Pattern[str]) -> bool:
    if isinstance(value, Literal):
        return pattern.search(value.lexical) is not None
    return not value.startswith("_:") and pattern.search(value) is not None


def _at_least(value: Term, bound: float) -> bool:
    if not isinstance(value, Literal) or value.datatype not in NUMERIC:
        return False
    try:
        return float(value.lexical) >= bound
    except ValueError:
        return False


def _in_languages(value: Term, languages: tuple[str, ...]) -> bool:
    if not isinstance(value, Literal) or not value.language:
        return False
    tag = value.language.lower()
    return any(tag == r or tag.startswith(r + "-") for r in languages)


@cache
def compiled() -> tuple[NodeShape, ...]:
    """The shapes of ``shapes/``, compiled once a process."""
    from unxref.rdf.validate import shapes

    return compile_shapes(from_rdflib(shapes()))


def compile_shapes(graph: Triples) -> tuple[NodeShape, ...]:
    """The node shapes that target a class (those of ``sh:not`` are read where they are used);
    `ValueError` for a shape that says what this module does not check."""
    data: Index = defaultdict(lambda: defaultdict(list))
    for s, p, o in graph:
        data[s][p].append(o)
    return tuple(_node_shape(data, s) for s in sorted(data) if SH + "targetClass" in data[s])


def _node_shape(data: Index, node: str) -> NodeShape:
    shape = _refuse_unknown(data, node)
    return NodeShape(
        iri=node,
        targets=tuple(_iri(t) for t in shape.get(SH + "targetClass", ())),
        message=_message(shape),
        kind=_kind(shape),
        properties=tuple(_property_shape(data, _iri(p)) for p in shape.get(SH + "property", ())),
        negated=tuple(_node_shape(data, _iri(n)) for n in shape.get(SH + "not", ())),
    )


def _property_shape(data: Index, node: str) -> PropertyShape:
    shape = _refuse_unknown(data, node)
    (path,) = shape[SH + "path"]
    pattern = _optional_text(shape, "pattern")
    min_inclusive = _optional_text(shape, "minInclusive")
    unique = _optional_text(shape, "uniqueLang")
    languages = shape.get(SH + "languageIn")
    allowed = shape.get(SH + "in")
    return PropertyShape(
        path=tuple(_iri(p) for p in _list(data, path)) if _iri(path).startswith("_:") else (_iri(path),),
        message=_message(shape),
        min_count=_optional_int(shape, "minCount"),
        max_count=_optional_int(shape, "maxCount"),
        datatype=_optional_iri(shape, "datatype"),
        kind=_kind(shape),
        of_class=_optional_iri(shape, "class"),
        pattern=re.compile(pattern) if pattern is not None else None,
        min_inclusive=float(min_inclusive) if min_inclusive is not None else None,
        unique_lang=unique == "true",
        languages=tuple(_text(t).lower() for t in _list(data, languages[0])) if languages else None,
        allowed=frozenset(_plain(t) for t in _list(data, allowed[0])) if allowed else None,
    )


def _refuse_unknown(data: Index, node: str) -> dict[str, list[Term]]:
    shape = data[node]
    unknown = sorted(set(shape) - SUPPORTED)
    if unknown:
        raise ValueError(f"shape {node} uses {', '.join(unknown)}, which unxref.rdf.shacl does not check")
    return shape


def _list(data: Index, head: Term) -> list[Term]:
    items, node = [], head
    while node != RDF_NIL:
        node = _iri(node)
        items.append(data[node][RDF_FIRST][0])
        node = data[node][RDF_REST][0]
    return items


def _plain(term: Term) -> Term:
    """A list member as data gives it: a plain literal is an ``xsd:string``."""
    return Literal(term.lexical, XSD_STRING, term.language) if isinstance(term, Literal) else term


def _iri(term: Term) -> str:
    if isinstance(term, Literal):
        raise ValueError(f"a shape names a literal ({term.lexical!r}) where a node is needed")
    return term


def _text(term: Term) -> str:
    return term.lexical if isinstance(term, Literal) else term


def _message(shape: dict[str, list[Term]]) -> str:
    return _text(shape[SH + "message"][0]) if SH + "message" in shape else ""


def _optional_iri(shape: dict[str, list[Term]], name: str) -> str | None:
    values = shape.get(SH + name)
    return _iri(values[0]) if values else None


def _kind(shape: dict[str, list[Term]]) -> str | None:
    kind = _optional_iri(shape, "nodeKind")
    if kind not in (None, SH + "IRI"):
        raise ValueError(f"sh:nodeKind {kind} is not one unxref.rdf.shacl checks (only sh:IRI)")
    return kind


def _optional_text(shape: dict[str, list[Term]], name: str) -> str | None:
    values = shape.get(SH + name)
    return _text(values[0]) if values else None


def _optional_int(shape: dict[str, list[Term]], name: str) -> int | None:
    value = _optional_text(shape, name)
    return int(value) if value is not None else None


@cache
def _reference() -> Triples:
    from unxref.rdf.validate import reference

    return from_rdflib(reference())
