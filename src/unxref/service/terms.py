"""RDF terms as a page shows them: IRIs by their prefixed names and linked, literals with
their language tag or datatype; and a graph as a table, one row group a subject.

>>> shown(pyoxigraph.NamedNode("http://purl.org/spar/cito/cites")).text
'cito:cites'
>>> shown(pyoxigraph.Literal("Rappelant", language="fr")).note
'@fr'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph

from unxref.rdf.iris import page_link
from unxref.vocab import SHOWN_PREFIXES, XSD


@dataclass(frozen=True)
class Shown:
    text: str  # a prefixed name, the IRI itself, or a literal's value
    href: str | None = None  # where an IRI links to: its page here, or itself
    note: str | None = None  # "@fr", "xsd:date"
    iri: str | None = None  # the full IRI, for a title


def prefixed(iri: str) -> str:
    """``cito:cites`` for http://purl.org/spar/cito/cites; the IRI itself when no prefix fits."""
    best = max((ns for ns in SHOWN_PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None or not iri[len(best) :] or "/" in iri[len(best) :]:
        return iri
    name = next(p for p, ns in SHOWN_PREFIXES.items() if ns == best)
    return f"{name}:{iri[len(best) :]}"


def shown(term: pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal | pyoxigraph.Triple) -> Shown:
    if isinstance(term, pyoxigraph.NamedNode):
        return Shown(prefixed(term.value), page_link(term.value), iri=term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Shown(term.value, note="@" + term.language)
        datatype = term.datatype.value
        return Shown(term.value, note=None if datatype == XSD.iri("string") else prefixed(datatype))
    return Shown(str(term))


def table(triples: Iterable[pyoxigraph.Triple]) -> list[tuple[Shown, list[tuple[Shown, Shown]]]]:
    """The triples grouped by subject, subjects in the order they first come (a description
    names its main subject first), each one's rows sorted."""
    grouped: dict[str, list[pyoxigraph.Triple]] = {}
    for triple in triples:
        grouped.setdefault(str(triple.subject), []).append(triple)
    return [
        (
            shown(rows[0].subject),
            [
                (shown(t.predicate), shown(t.object))
                for t in sorted(rows, key=lambda t: (str(t.predicate), str(t.object)))
            ],
        )
        for rows in grouped.values()
    ]
