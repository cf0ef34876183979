"""What a linked-data page shows about one resource, and its RDF, read from the store.

A resolution whose text was read gets its paragraphs and numbered footnotes: each
citation linked at its place, each note marker a superscript link to its note and
back, and a paragraph's citations made in a note listed with it. Anything else (a
resolution only cited, a document, a treaty, a body, a graph) gets its properties,
IRIs by their prefixed names and literals with their language. Every page lists what
cites the resource, grouped by function, with the citing paragraphs.

Every IRI is written into the query text as an N-Triples term (`pyoxigraph.NamedNode`
checks it and escapes nothing it cannot hold), never bound through ``substitutions=``:
the engine plans with a constant, and is hundreds of times faster for it.

A page is read and written (its HTML rendered) in a query worker, off the web process's
event loop: there a page cost every other request about 1 ms of waiting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph

from unxref.formats import PAGES, Format, by_key
from unxref.rdf.iris import Iris, page_link, symbol_path
from unxref.remote import Engine
from unxref.service.results import write_triples
from unxref.service.terms import Shown, prefixed, shown
from unxref.vocab import CITO, DCTERMS, RDF, RDFS, SKOS, UNX, sparql_prologue

if TYPE_CHECKING:
    import jinja2

TEMPLATES = Path(__file__).parent / "web" / "templates"
CITED_BY_LIMIT = 5_000  # citations of one resource a page lists (their count is always exact)
RDF_PAGE = 5_000  # incoming citations in one page of a resource's RDF


@dataclass
class Link:
    """A stretch of text: plain, a citation (``href`` to what it cites) or a note marker."""

    text: str
    href: str | None = None
    title: str | None = None
    marker: str | None = None  # the anchor of the note a marker calls ("note-2")
    anchor: str | None = None  # a marker's own anchor, the note's way back ("ref-2")


@dataclass
class Block:
    """A paragraph or footnote, cut into linked and plain stretches."""

    anchor: str
    label: str
    parts: list[Link]
    via_notes: list[tuple[str, str, str]] = field(default_factory=list)  # (note anchor, href, symbol)
    back: str | None = None  # a note: the anchor of the first marker that calls it
    section: tuple[str, str, str | None] | None = None  # a paragraph's section: (anchor, label, title)


@dataclass
class CitingGroup:
    """The citations of a resource with one function."""

    function: str
    count: int
    citing: list[tuple[str, str, str | None, list[str]]]  # (document page, symbol, date, paragraph ids)


@dataclass
class ResourcePage:
    iri: str
    label: str
    types: list[Shown]
    symbol: str | None = None
    title: str | None = None
    date: str | None = None
    body: tuple[str, str] | None = None  # (page, name)
    graph: str | None = None  # the document graph, when the text was read
    links: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # (href, text, class): undocs, Digital Library, chain
    paragraphs: list[Block] = field(default_factory=list)
    footnotes: list[Block] = field(default_factory=list)
    properties: list[tuple[Shown, Shown]] = field(default_factory=list)
    cited_by: list[CitingGroup] = field(default_factory=list)
    cited_by_count: int = 0
    named_graph: str | None = None  # the IRI names a graph of the store: where to read it


@dataclass(frozen=True)
class PageJob:
    """A page asked of a query worker: the resource, the path of its page (``/id/{path}``,
    which the HTML links its other formats from), and for its RDF (``rdf``: a format key of
    `unxref.formats.PAGES` other than html) the offset of the page of citations it receives."""

    iri: str
    path: str
    rdf: str | None = None
    offset: int = 0


@dataclass
class PageAnswer:
    """What the worker found: whether the store knows the resource, and its page written
    (HTML, or its RDF with whether more citations follow)."""

    found: bool
    body: bytes = b""
    more: bool = False


def other_formats(path: str) -> list[tuple[str, Format]]:
    """The page of ``/id/{path}`` in each format: (its path, the format)."""
    return [(f"/id/{path}{f.suffix}", f) for f in PAGES]


@cache
def templates() -> jinja2.Environment:
    """The service's templates, escaped as Starlette escapes them: rendered here in the
    workers, and by the web process through `Jinja2Templates` over this environment."""
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=jinja2.select_autoescape())


def html(page: ResourcePage, path: str) -> bytes:
    context = {"page": page, "local": page_link, "links": other_formats(path)}
    return templates().get_template("resource.html").render(context).encode()


def term(iri: str) -> str:
    """An IRI as a query constant: ``<...>``, refused if it is not one (no injection)."""
    return str(pyoxigraph.NamedNode(iri))


def _rows(store: Engine, query: str) -> list[dict[str, pyoxigraph.NamedNode | pyoxigraph.Literal]]:
    solutions = store.query(sparql_prologue() + query, use_default_graph_as_union=True)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{n: t for n, t in zip(names, row, strict=True) if t is not None} for row in solutions]


def _value(row: dict[str, pyoxigraph.NamedNode | pyoxigraph.Literal], name: str) -> str | None:
    found = row.get(name)
    return found.value if found is not None else None


def resource_page(store: Engine, iri: str) -> ResourcePage | None:
    """Everything the page of ``iri`` shows, or None when the store knows nothing about it."""
    subject = pyoxigraph.NamedNode(iri)
    is_graph = store.contains_named_graph(subject)
    if next(iter(store.quads_for_pattern(subject, None, None, None)), None) is None and not is_graph:
        return None
    facts = _rows(
        store,
        f"""SELECT ?p ?o ?name WHERE {{ {term(iri)} ?p ?o
          OPTIONAL {{ ?o skos:prefLabel ?name FILTER (langMatches(lang(?name), "en")) }} }}""",
    )
    page = _head(iri, facts)
    page.named_graph = iri if is_graph else None
    graph = Iris.configured().graph(page.symbol) if page.symbol else None
    if graph and store.contains_named_graph(pyoxigraph.NamedNode(graph)):
        page.graph = graph
        page.paragraphs, page.footnotes = _text_blocks(store, iri)
    else:
        page.properties = sorted(
            ((shown(row["p"]), _named(row)) for row in facts), key=lambda pair: (pair[0].text, pair[1].text)
        )
    page.cited_by_count, page.cited_by = _cited_by(store, iri)
    return page


def _head(iri: str, facts: list[dict[str, pyoxigraph.NamedNode | pyoxigraph.Literal]]) -> ResourcePage:
    def values(predicate: str) -> list[pyoxigraph.NamedNode | pyoxigraph.Literal]:
        return [row["o"] for row in facts if row["p"].value == predicate]

    def first(predicate: str, language: str | None = None) -> str | None:
        found = [v for v in values(predicate) if language is None or getattr(v, "language", None) == language]
        return found[0].value if found else None

    symbol = first(DCTERMS.iri("identifier"))
    types = sorted((shown(t) for t in values(RDF.iri("type"))), key=lambda s: s.text)
    body = next((row for row in facts if row["p"].value == UNX.iri("adoptedBy")), None)
    page = ResourcePage(
        iri=iri,
        label=first(SKOS.iri("prefLabel"), "en") or first(RDFS.iri("label")) or symbol or prefixed(iri),
        types=types,
        symbol=symbol,
        title=first(DCTERMS.iri("title")),
        date=first(UNX.iri("adoptionDate")),
        body=(page_link(body["o"].value), _value(body, "name") or prefixed(body["o"].value)) if body else None,
    )
    for see_also in sorted(v.value for v in values(RDFS.iri("seeAlso"))):
        label = "text at undocs.org" if "undocs.org" in see_also else "UN Digital Library"
        page.links.append((see_also, label, "external"))
    if symbol and any(t.iri == UNX.iri("Resolution") for t in types):
        page.links.append(("/chains/" + symbol_path(symbol), "citation chain", "chain"))
        page.links.append(("/lineage/" + symbol_path(symbol), "its series", "lineage"))
    return page


def _named(row: dict[str, pyoxigraph.NamedNode | pyoxigraph.Literal]) -> Shown:
    """A property's value; an IRI with an English name shows the name."""
    value = shown(row["o"])
    name = _value(row, "name")
    return Shown(name, value.href, None, value.iri) if name and value.href else value


def _cited_by(store: Engine, iri: str) -> tuple[int, list[CitingGroup]]:
    count_rows = _rows(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ ?c cito:hasCitedEntity {term(iri)} }}")
    count = int(_value(count_rows[0], "n") or 0)
    rows = _rows(
        store,
        f"""SELECT ?doc ?symbol ?date ?part ?label WHERE {{
          ?c cito:hasCitedEntity {term(iri)} ; cito:hasCitingEntity ?part ; oa:hasSource ?doc ; unx:function ?f .
          ?doc dcterms:identifier ?symbol . OPTIONAL {{ ?doc unx:adoptionDate ?date }}
          OPTIONAL {{ ?f skos:prefLabel ?label FILTER (lang(?label) = "en") }} }} LIMIT {CITED_BY_LIMIT}""",
    )
    groups: dict[str, dict[str, tuple[str, str | None, set[str]]]] = {}
    counts: dict[str, int] = {}
    for row in rows:
        function = _value(row, "label") or "cites"
        doc = str(_value(row, "doc"))
        _, _, parts = groups.setdefault(function, {}).setdefault(
            doc, (str(_value(row, "symbol")), _value(row, "date"), set())
        )
        parts.add(str(_value(row, "part")).rsplit("#", 1)[-1])
        counts[function] = counts.get(function, 0) + 1
    result = []
    for function, docs in sorted(groups.items(), key=lambda item: (-counts[item[0]], item[0])):
        citing = [
            (page_link(doc), symbol, date, sorted(parts, key=_paragraph_order))
            for doc, (symbol, date, parts) in sorted(docs.items(), key=lambda d: (d[1][1] or "", d[1][0]), reverse=True)
        ]
        result.append(CitingGroup(function, counts[function], citing))
    return count, result


def _paragraph_order(paragraph_id: str) -> tuple[int, int]:
    kind = {"PP": 0, "OP": 1}.get(paragraph_id[:2], 2)
    digits = re.search(r"\d+", paragraph_id)
    return kind, int(digits.group()) if digits else 0


def _text_blocks(store: Engine, iri: str) -> tuple[list[Block], list[Block]]:
    citations = _rows(
        store,
        f"""SELECT ?cited ?part ?start ?end ?symbol ?function ?note ?unts WHERE {{
          ?c oa:hasSource {term(iri)} ; cito:hasCitingEntity ?part ; cito:hasCitedEntity ?cited ; unx:function ?f ;
             oa:hasSelector ?s . ?s oa:start ?start ; oa:end ?end .
          ?f skos:prefLabel ?function FILTER (lang(?function) = "en")
          OPTIONAL {{ ?c unx:footnote ?note }} OPTIONAL {{ ?cited unx:untsNumber ?unts }}
          OPTIONAL {{ ?cited dcterms:identifier ?id }} OPTIONAL {{ ?cited skos:prefLabel ?name FILTER (lang(?name) = "en") }}
          BIND (COALESCE(?id, ?name) AS ?symbol) }}""",
    )
    markers = _rows(
        store,
        f"""SELECT ?number ?start ?end ?note WHERE {{
          ?m a unx:NoteMarker ; dcterms:isPartOf ?part ; unx:noteNumber ?number ; oa:hasSelector ?s .
          ?part dcterms:isPartOf {term(iri)} . ?s oa:start ?start ; oa:end ?end . OPTIONAL {{ ?m unx:callsNote ?note }} }}""",
    )
    spans = sorted(
        {
            (int(str(_value(c, "start"))), int(str(_value(c, "end"))), page_link(str(_value(c, "cited"))),
             f"{_value(c, 'symbol') or ''} ({_value(c, 'function')})")
            for c in citations
        }
    )  # fmt: skip
    calls = sorted((int(str(_value(m, "start"))), int(str(_value(m, "end"))), _value(m, "note")) for m in markers)
    registrations: dict[str, list[tuple[str, str, str]]] = {}  # note anchor → (UNTS number, href, title)
    for c in citations:
        note, number = _value(c, "note"), _value(c, "unts")
        if note and number:
            link = (
                number,
                page_link(str(_value(c, "cited"))),
                f"{_value(c, 'symbol') or ''} ({_value(c, 'function')})",
            )
            registrations.setdefault(note.rsplit("#", 1)[-1], []).append(link)
    blocks = []
    for kind in ("Paragraph", "Footnote"):
        rows = _rows(
            store,
            f"""SELECT ?part ?order ?text ?start (SAMPLE(?in) AS ?section) (SAMPLE(?named) AS ?label)
              (SAMPLE(?titled) AS ?title) WHERE {{
              ?part dcterms:isPartOf {term(iri)} ; a unx:{kind} ; unx:order ?order ; unx:text ?text ; oa:hasSelector ?s .
              ?s oa:start ?start
              OPTIONAL {{ ?part unx:inSection ?in . ?in unx:label ?named OPTIONAL {{ ?in dcterms:title ?titled }} }}
            }} GROUP BY ?part ?order ?text ?start ORDER BY ?order""",  # one row a part, whatever its section holds
        )
        blocks.append([_block(row, spans, calls, registrations) for row in rows])
    paragraphs, notes = blocks
    _tie_notes(paragraphs, notes, citations)
    return paragraphs, notes


def _tie_notes(
    paragraphs: list[Block], notes: list[Block], citations: list[dict[str, pyoxigraph.NamedNode | pyoxigraph.Literal]]
) -> None:
    """A paragraph lists the citations its notes make; a note links back to its first marker."""
    by_anchor = {b.anchor: b for b in paragraphs}
    for citation in citations:
        note = _value(citation, "note")
        paragraph = by_anchor.get(str(_value(citation, "part")).rsplit("#", 1)[-1])
        if note and paragraph:
            entry = (
                note.rsplit("#", 1)[-1],
                page_link(str(_value(citation, "cited"))),
                _value(citation, "symbol") or "",
            )
            if entry not in paragraph.via_notes:
                paragraph.via_notes.append(entry)
    for paragraph in paragraphs:
        paragraph.via_notes.sort(key=lambda entry: (int(entry[0].removeprefix("note-") or 0), entry[2]))
    backs: dict[str, str] = {}
    for paragraph in paragraphs:
        for part in paragraph.parts:
            if part.marker and part.anchor:
                backs.setdefault(part.marker, part.anchor)
    for block in notes:
        block.back = backs.get(block.anchor)


def _block(row: dict[str, pyoxigraph.NamedNode | pyoxigraph.Literal], spans: list[tuple[int, int, str, str]],
           calls: list[tuple[int, int, str | None]],
           registrations: dict[str, list[tuple[str, str, str]]]) -> Block:  # fmt: skip
    """The block of a paragraph or note; in a note, the UNTS number of a treaty cited through
    it ("vol. 976, no 14152") links to the treaty too."""
    text, start = str(_value(row, "text")), int(str(_value(row, "start")))
    end = start + len(text)
    anchor = str(_value(row, "part")).rsplit("#", 1)[-1]
    pieces: list[tuple[int, int, Link]] = [
        (s, e, Link("", href, title)) for s, e, href, title in spans if start <= s and e <= end
    ]
    for number, href, title in registrations.get(anchor, []):
        found = re.search(rf"(?<!\d){re.escape(number)}(?!\d)", text)
        if found:
            pieces.append((start + found.start(), start + found.end(), Link("", href, title)))
    for index, (s, e, note) in enumerate(calls):
        if start <= s and e <= end:
            note_anchor = note.rsplit("#", 1)[-1] if note else None
            pieces.append((s, e, Link("", marker=note_anchor or "", anchor=f"ref-{anchor}-{index}")))
    parts: list[Link] = []
    cursor = start
    for s, e, link in sorted(pieces, key=lambda p: p[0]):
        if s < cursor:
            continue
        parts.append(Link(text[cursor - start : s - start]))
        link.text = text[s - start : e - start]
        parts.append(link)
        cursor = e
    parts.append(Link(text[cursor - start :]))
    for part in parts:
        if not part.marker:
            part.text = _lines(part.text)
    label = anchor.replace("note-", "")
    section = _value(row, "section")
    heading = (section.rsplit("#", 1)[-1], str(_value(row, "label")), _value(row, "title")) if section else None
    return Block(anchor=anchor, label=label, parts=[p for p in parts if p.text], section=heading)


_SUBPARAGRAPH_BREAK = re.compile(r"\s*\n\s*(?=(?:[a-z]{1,2}|[ivx]{1,5})\)\s|[-–•]\s)")
_OTHER_BREAK = re.compile(r"\s*\n\s*")


def _lines(text: str) -> str:
    """Line breaks kept before sub-paragraphs ("a) ...", "- ...") only; a break left
    where a page cut a sentence reads as a space."""
    marked = _SUBPARAGRAPH_BREAK.sub("\x00", text)
    return _OTHER_BREAK.sub(" ", marked).replace("\x00", "\n")


def page_answer(store: Engine, job: PageJob) -> PageAnswer:
    """A page job done: read in a query worker, where its timeout can stop it."""
    page = resource_page(store, job.iri)
    if page is None:
        return PageAnswer(False)
    if job.rdf is None:
        return PageAnswer(True, html(page, job.path))
    triples, more = resource_triples(store, page, job.offset)
    return PageAnswer(True, body=write_triples(triples, by_key(PAGES, job.rdf), False), more=more)


def resource_triples(
    store: Engine, page: ResourcePage, offset: int = 0, size: int = RDF_PAGE
) -> tuple[list[pyoxigraph.Triple], bool]:
    """A resource's RDF: its document graph (or what the store says of it) and one page of the
    citations it receives (``?citing cito:cites <it>``); True when there are more."""
    subject = pyoxigraph.NamedNode(page.iri)
    if page.graph:
        own = [q.triple for q in store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(page.graph))]
    elif page.named_graph:
        own = [q.triple for q in store.quads_for_pattern(subject, None, None, None)]
    else:
        own = sorted({q.triple for q in store.quads_for_pattern(subject, None, None, None)}, key=str)
    cites = pyoxigraph.NamedNode(CITO.iri("cites"))
    received = (q.triple for q in store.quads_for_pattern(None, cites, subject, None))
    incoming = list(islice(received, offset, offset + size + 1))
    more = len(incoming) > size
    return (own + incoming[:size] if offset == 0 else incoming[:size]), more
