"""What a linked-data page shows about one resource, read from the store.

A resolution whose text was read gets its paragraphs and footnotes, each
citation linked at its place in the text; anything else (a resolution only
cited, a document, a treaty, a body) gets its properties. Every page lists what
cites the resource.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph

from unxref.rdf.iris import Iris, symbol_path
from unxref.vocab import UNX, sparql_prologue


@dataclass
class Link:
    """A stretch of text, linked to what it cites when ``href`` is set."""

    text: str
    href: str | None = None
    title: str | None = None


@dataclass
class Block:
    """A paragraph or footnote, cut into linked and plain stretches."""

    anchor: str
    label: str
    parts: list[Link]


@dataclass
class ResourcePage:
    iri: str
    label: str
    types: list[str]
    symbol: str | None = None
    title: str | None = None
    date: str | None = None
    body: tuple[str, str] | None = None  # (IRI, name)
    graph: str | None = None  # the document graph, when the text was read
    undocs: str | None = None
    chain: str | None = None
    paragraphs: list[Block] = field(default_factory=list)
    footnotes: list[Block] = field(default_factory=list)
    properties: list[tuple[str, str, bool]] = field(default_factory=list)  # (predicate, value, is IRI)
    cited_by: list[tuple[str, str, str | None]] = field(default_factory=list)  # (IRI, symbol, date)


def _select(store: pyoxigraph.Store, query: str, **values: str) -> list[dict[str, str]]:
    substitutions = {pyoxigraph.Variable(k): pyoxigraph.NamedNode(v) for k, v in values.items()}
    rows = store.query(sparql_prologue() + query, use_default_graph_as_union=True, substitutions=substitutions)  # type: ignore[arg-type]
    assert isinstance(rows, pyoxigraph.QuerySolutions)
    names = [v.value for v in rows.variables]
    return [{n: t.value for n, t in zip(names, row, strict=True) if t is not None} for row in rows]


def resource_page(store: pyoxigraph.Store, iri: str) -> ResourcePage | None:
    """Everything the page of ``iri`` shows, or None when the store knows nothing about it."""
    subject = pyoxigraph.NamedNode(iri)
    if next(iter(store.quads_for_pattern(subject, None, None, None)), None) is None:
        return None
    head = _select(
        store,
        """SELECT ?x ?label ?symbol ?title ?date ?body ?bodyName ?seeAlso ?name WHERE {
          OPTIONAL { ?x rdfs:label ?label } OPTIONAL { ?x dcterms:identifier ?symbol }
          OPTIONAL { ?x dcterms:title ?title } OPTIONAL { ?x unx:adoptionDate ?date }
          OPTIONAL { ?x unx:adoptedBy ?body . ?body skos:prefLabel ?bodyName FILTER (lang(?bodyName) = "en") }
          OPTIONAL { ?x rdfs:seeAlso ?seeAlso } OPTIONAL { ?x skos:prefLabel ?name FILTER (lang(?name) = "en") }
        } LIMIT 1""",
        x=iri,
    )[0]
    types = sorted(row["type"] for row in _select(store, "SELECT ?x ?type WHERE { ?x a ?type }", x=iri))
    symbol = head.get("symbol")
    page = ResourcePage(
        iri=iri,
        label=head.get("name") or head.get("label") or symbol or iri,
        types=[t.removeprefix(UNX) for t in types],
        symbol=symbol,
        title=head.get("title"),
        date=head.get("date"),
        body=(head["body"], head["bodyName"]) if "body" in head else None,
        undocs=head.get("seeAlso"),
    )
    if symbol and UNX + "Resolution" in types:
        page.chain = "/chains/" + symbol_path(symbol)
    graph = str(Iris.configured().graph(symbol)) if symbol else None
    if graph and store.contains_named_graph(pyoxigraph.NamedNode(graph)):
        page.graph = graph
        page.paragraphs, page.footnotes = _text_blocks(store, iri)
    else:
        page.properties = [
            (row["p"], row["o"], row["iri"] == "true")
            for row in _select(store, "SELECT ?x ?p ?o (isIRI(?o) AS ?iri) WHERE { ?x ?p ?o } ORDER BY ?p ?o", x=iri)
        ]
    page.cited_by = [
        (row["citing"], row["symbol"], row.get("date"))
        for row in _select(
            store,
            """SELECT DISTINCT ?x ?citing ?symbol ?date WHERE {
              ?citing cito:cites ?x ; a unx:Resolution ; dcterms:identifier ?symbol .
              OPTIONAL { ?citing unx:adoptionDate ?date } } ORDER BY DESC(?date) ?symbol""",
            x=iri,
        )
    ]
    return page


def _text_blocks(store: pyoxigraph.Store, iri: str) -> tuple[list[Block], list[Block]]:
    citations = _select(
        store,
        """SELECT ?x ?cited ?start ?end ?symbol ?function WHERE {
          ?c oa:hasSource ?x ; cito:hasCitedEntity ?cited ; unx:function ?f ; oa:hasSelector ?s .
          ?s oa:start ?start ; oa:end ?end . ?f skos:prefLabel ?function FILTER (lang(?function) = "en")
          OPTIONAL { ?cited dcterms:identifier ?id } OPTIONAL { ?cited skos:prefLabel ?name FILTER (lang(?name) = "en") }
          BIND (COALESCE(?id, ?name) AS ?symbol) }""",
        x=iri,
    )
    spans = sorted(
        {(int(c["start"]), int(c["end"]), c["cited"], f"{c.get('symbol', '')} ({c['function']})") for c in citations}
    )
    blocks = []
    for kind in ("Paragraph", "Footnote"):
        rows = _select(
            store,
            f"""SELECT ?x ?part ?order ?text ?start WHERE {{
              ?part dcterms:isPartOf ?x ; a unx:{kind} ; unx:order ?order ; unx:text ?text ; oa:hasSelector ?s .
              ?s oa:start ?start }} ORDER BY ?order""",
            x=iri,
        )
        blocks.append([_block(row, spans) for row in rows])
    return blocks[0], blocks[1]


def _block(row: dict[str, str], spans: list[tuple[int, int, str, str]]) -> Block:
    text, start = row["text"], int(row["start"])
    end = start + len(text)
    parts: list[Link] = []
    cursor = start
    for s, e, cited, title in spans:
        if s < cursor or e > end:
            continue
        parts.append(Link(text[cursor - start : s - start]))
        parts.append(Link(text[s - start : e - start], cited, title))
        cursor = e
    parts.append(Link(text[cursor - start :]))
    anchor = row["part"].rsplit("#", 1)[-1]
    for part in parts:
        part.text = _lines(part.text)
    return Block(anchor=anchor, label=anchor.replace("note-", "note "), parts=[p for p in parts if p.text])


_SUBPARAGRAPH_BREAK = re.compile(r"\s*\n\s*(?=(?:[a-z]{1,2}|[ivx]{1,5})\)\s|[-–•]\s)")
_OTHER_BREAK = re.compile(r"\s*\n\s*")


def _lines(text: str) -> str:
    """Line breaks kept before sub-paragraphs ("a) ...", "- ...") only; a break left
    where a page cut a sentence reads as a space."""
    marked = _SUBPARAGRAPH_BREAK.sub("\x00", text)
    return _OTHER_BREAK.sub(" ", marked).replace("\x00", "\n")
