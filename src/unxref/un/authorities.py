"""Authority records (UN bodies and treaties) from ``ontology/authorities/*.ttl``.

The Turtle files are the one source of names: the extractor matches their
``skos:prefLabel`` and ``skos:altLabel`` values (per language) in text, and the
graph builder links to their IRIs. They are also the one source of the rule that
ties a resolution's symbol to the body that adopted it (``unx:symbolPrefix``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, RDF, SKOS

from unxref.config import resource_files
from unxref.vocab import UNX

# Resolutions of a body with no symbol series of its own are filed under the General Assembly's.
FALLBACK_PREFIX = "A"


@dataclass(frozen=True)
class Body:
    code: str
    iri: str
    names: dict[str, str]  # language -> preferred name
    labels: dict[str, tuple[str, ...]]  # language -> every name used to match text
    parent: str | None
    symbol_prefix: str | None
    report_pattern: str | None
    supplement: int | None
    akn4un_name: str | None  # "un-ga" in AKN4UN work IRIs
    iri_path: str | None  # "who": a body outside the UN, whose items' IRIs are …/id/who/<symbol>


@dataclass(frozen=True)
class Treaty:
    key: str
    iri: str
    names: dict[str, str]
    labels: dict[str, tuple[str, ...]]
    series: str | None
    volume: str | None
    number: str | None


@dataclass(eq=False)
class Authorities:
    """Loaded once per process; hashed by identity so finders can cache compiled patterns."""

    bodies: dict[str, Body] = field(default_factory=dict)
    treaties: dict[str, Treaty] = field(default_factory=dict)
    graph: Graph = field(default_factory=Graph)

    def treaty_by_number(self, series: str, number: str, volume: str | None = None) -> Treaty | None:
        """The treaty registered under a number; the volume tells apart instruments
        registered under one number (UNTOC and its Protocols share No. 39574)."""
        candidates = [t for t in self.treaties.values() if t.series == series and t.number == number]
        exact = [t for t in candidates if volume and t.volume == volume]
        if exact:
            return exact[0]
        return candidates[0] if len(candidates) == 1 else None

    def body_by_name(self, name: str) -> Body | None:
        return self._bodies_by_label.get(fold(name))

    @cached_property
    def _bodies_by_label(self) -> dict[str, Body]:
        by_label: dict[str, Body] = {}
        for body in self.bodies.values():
            for labels in body.labels.values():
                for label in labels:
                    by_label.setdefault(fold(label), body)
        return by_label

    def body_reporting_in(self, symbol: str) -> Body | None:
        """The body whose annual report has this symbol (E/2007/28 is the CND's)."""
        for body in self.bodies.values():
            if body.report_pattern:
                pattern = re.escape(body.report_pattern).replace(r"\{year\}", r"\d{4}")
                if re.fullmatch(pattern + r"(?:/.*)?", symbol):
                    return body
        return None

    def iri_path(self, body: str | None) -> str | None:
        """Where the items of a body outside the UN live (its own, or its parent's): "who"."""
        record = self.bodies.get(body or "")
        while record is not None and record.iri_path is None and record.parent:
            record = self.bodies.get(record.parent)
        return record.iri_path if record else None

    def symbol_prefix(self, body: str) -> str:
        """The symbol series a body's resolutions carry: ``S`` for SC, ``E/CN.7`` for the CND."""
        record = self.bodies.get(body)
        return (record.symbol_prefix if record and record.symbol_prefix else FALLBACK_PREFIX).rstrip("/")

    def body_of_symbol(self, symbol: str) -> str | None:
        """The body whose resolutions carry this symbol (longest prefix wins: E/CN.7/ over E/)."""
        if "/RES/" not in symbol:
            return None
        prefix = symbol.split("/RES/")[0] + "/"
        matches = [
            b for b in self.bodies.values() if b.symbol_prefix and prefix.startswith(b.symbol_prefix.rstrip("/") + "/")
        ]
        return max(matches, key=lambda b: len(b.symbol_prefix or "")).code if matches else None

    def name_patterns(self, kind: str, language: str) -> list[tuple[str, str]]:
        """(label, code) pairs for matching names of one kind in one language."""
        records = self.bodies.values() if kind == "body" else self.treaties.values()
        pairs: list[tuple[str, str]] = []
        for record in records:
            key = record.code if isinstance(record, Body) else record.key
            pairs.extend((label, key) for label in record.labels.get(language, ()))
        return pairs


def fold(text: str) -> str:
    """Names compared without case, spacing or apostrophe differences."""
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()


def _labels(graph: Graph, subject: URIRef) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    names: dict[str, str] = {}
    labels: dict[str, list[str]] = {}
    for predicate in (SKOS.prefLabel, SKOS.altLabel):
        for value in sorted(graph.objects(subject, predicate), key=str):
            if isinstance(value, Literal) and value.language:
                language = value.language.split("-")[0]
                if predicate == SKOS.prefLabel:
                    names[language] = str(value)
                labels.setdefault(language, []).append(str(value))
    return names, {k: tuple(v) for k, v in labels.items()}


def _value(graph: Graph, subject: URIRef, predicate: URIRef) -> str | None:
    value = graph.value(subject, predicate)
    return None if value is None else str(value)


@cache
def load() -> Authorities:
    graph = Graph()
    for path in resource_files("ontology/authorities", "*.ttl"):
        graph.parse(path, format="turtle")
    authorities = Authorities(graph=graph)
    for subject in sorted(graph.subjects(RDF.type, UNX.Body), key=str):
        assert isinstance(subject, URIRef)
        names, labels = _labels(graph, subject)
        code = _value(graph, subject, SKOS.notation) or str(subject).rsplit("/", 1)[-1]
        parent = graph.value(subject, ORG.subOrganizationOf)
        supplement = _value(graph, subject, UNX.officialRecordsSupplement)
        authorities.bodies[code] = Body(
            code=code,
            iri=str(subject),
            names=names,
            labels=labels,
            parent=str(parent).rsplit("/", 1)[-1] if parent else None,
            symbol_prefix=_value(graph, subject, UNX.symbolPrefix),
            report_pattern=_value(graph, subject, UNX.reportSymbolPattern),
            supplement=int(supplement) if supplement else None,
            akn4un_name=_value(graph, subject, UNX.akn4unName),
            iri_path=_value(graph, subject, UNX.iriPath),
        )
    for subject in sorted(graph.subjects(RDF.type, UNX.Treaty), key=str):
        assert isinstance(subject, URIRef)
        names, labels = _labels(graph, subject)
        key = _value(graph, subject, SKOS.notation) or str(subject).rsplit("/", 1)[-1]
        authorities.treaties[key] = Treaty(
            key=key,
            iri=str(subject),
            names=names,
            labels=labels,
            series=_value(graph, subject, UNX.treatySeries),
            volume=_value(graph, subject, UNX.untsVolume),
            number=_value(graph, subject, UNX.untsNumber),
        )
    return authorities
