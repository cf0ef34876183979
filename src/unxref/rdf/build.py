"""The graph: one extracted Document as RDF on the unxref ontology, one function a node kind.

Everything is minted from the document's canonical symbol (`unxref.rdf.iris`), with
fragment IRIs for its parts (``…/A/RES/62/176#PP1``), so the same input always
gives the same triples and there are no blank nodes. The document graph holds
no time or file facts: those go to its provenance graph (`provenance`), so that
re-running gives byte-identical document graphs.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef

from unxref.errors import InputError
from unxref.model import Citation, Document, Footnote, Marker, Mention, Paragraph, Section
from unxref.ontology import NO_FUNCTION, functions
from unxref.rdf.iris import Iris
from unxref.un.authorities import Authorities
from unxref.un.authorities import load as load_authorities
from unxref.version import extractor_version
from unxref.vocab import CITO, DCTERMS, ELI, OA, PROV, RDF, RDFS, SKOS, UNX, XSD, bind

KIND_CLASS = {"preambular": UNX.PreambularParagraph, "operative": UNX.OperativeParagraph, "annex": UNX.AnnexParagraph}
# The UN Digital Library's search, by symbol (its records are not addressable by symbol).
DIGITAL_LIBRARY_SEARCH = "https://digitallibrary.un.org/search?ln=en&p="
QUOTE_CONTEXT = 32  # characters of prefix and suffix kept with each quote


@dataclass
class _Context:
    """What every node function needs: the document, where IRIs go, the graph being built."""

    document: Document
    iris: Iris
    authorities: Authorities
    graph: Graph = field(default_factory=lambda: _graph())  # what the document says of itself
    shared: Graph = field(default_factory=lambda: _graph())  # what it says of what it cites

    @property
    def iri(self) -> URIRef:
        assert self.document.symbol
        return URIRef(self.iris.resource(self.document.symbol))

    def part(self, fragment: str) -> URIRef:
        assert self.document.symbol
        return URIRef(self.iris.part(self.document.symbol, fragment))

    def add(self, subject: URIRef, predicate: URIRef, value: URIRef | Literal) -> None:
        self.graph.add((subject, predicate, value))

    def add_shared(self, subject: URIRef, predicate: URIRef, value: URIRef | Literal) -> None:
        self.shared.add((subject, predicate, value))

    def body(self, code: str) -> URIRef:
        return URIRef(self.iris.rebase(self.authorities.bodies[code].iri))


@dataclass(frozen=True)
class Graphs:
    """A document's graph, and what it says of things it only cites: their type, symbol and
    label, which every citing document would otherwise repeat. The store keeps the second in
    one shared graph, stated once (`unxref.store.Store.replace_document`)."""

    own: Graph
    shared: Graph

    def union(self, prefixes: bool = False) -> Graph:
        """Both together; with the prefixes (and rdflib's core ones, which RDF/XML needs) to write it."""
        graph = bind(Graph()) if prefixes else _graph()
        for triple in (*self.own, *self.shared):
            graph.add(triple)
        return graph


def build(document: Document, iri_base: str | None = None) -> Graph:
    """The graph of one document on its own: it, its parts, its citations and the things it cites."""
    return build_graphs(document, iri_base).union(prefixes=True)


def _graph() -> Graph:
    """A graph without prefixes: binding them costs more than building a small graph, and
    only the writers of Turtle and JSON-LD need them (they bind them there)."""
    return Graph(bind_namespaces="none")


def build_graphs(document: Document, iri_base: str | None = None) -> Graphs:
    """The document's own graph and what it says of the things it cites, apart."""
    if not document.symbol:
        raise InputError(
            document.source,
            'has no symbol in its text: give it with --symbol, or in a sidecar file NAME.meta.toml (symbol = "...")',
        )
    context = _Context(document, Iris(iri_base) if iri_base else Iris.configured(), load_authorities())
    _resolution(context)
    for order, section in enumerate(document.sections, 1):
        _section(context, section, order)
    for order, paragraph in enumerate(document.paragraphs, 1):
        _paragraph(context, paragraph, order)
    for order, note in enumerate(document.footnotes, 1):
        _footnote(context, note, order)
    printed = {note.number for note in document.footnotes}
    for order, marker in enumerate(document.markers, 1):
        _marker(context, marker, order, marker.number in printed)
    counts: dict[str, int] = {}
    for citation in document.citations:
        counts[citation.paragraph] = counts.get(citation.paragraph, 0) + 1
        _citation(context, citation, counts[citation.paragraph])
    for mention in document.mentions:
        _mention(context, mention)
    _calls_to_action(context)
    return Graphs(context.graph, context.shared)


def _resolution(context: _Context) -> None:
    doc, iri = context.document, context.iri
    assert doc.symbol
    body = _body_code(context)
    _describe(context, iri, doc.symbol, UNX.Resolution, body, cited=False)
    context.add(iri, UNX.inCorpus, Literal(True))
    context.add(iri, DCTERMS.language, Literal(doc.language, datatype=XSD.language))
    if doc.title:
        context.add(iri, DCTERMS["title"], Literal(doc.title, lang=doc.language))
    if doc.date:
        context.add(iri, UNX.adoptionDate, Literal(doc.date, datatype=XSD.date))
        work = akn4un_work(doc.symbol, doc.date, body, context.authorities)
        if work:
            context.add(iri, UNX.akn4unWork, Literal(work, datatype=XSD.anyURI))
    if doc.meeting:
        context.add(iri, UNX.meeting, Literal(doc.meeting))


def _body_code(context: _Context) -> str | None:
    record = context.authorities.body_by_name(context.document.body) if context.document.body else None
    if record:
        return record.code
    assert context.document.symbol
    return context.authorities.body_of_symbol(context.document.symbol)


def _describe(
    context: _Context, iri: URIRef, symbol: str, kind: URIRef, body: str | None, undocs: bool = True, cited: bool = True
) -> None:
    """What every resolution, decision or document node carries, read (``cited=False``: in
    the document's graph) or cited (in the shared graph); UN symbols link to undocs.org and
    to a search of the UN Digital Library."""
    add = context.add_shared if cited else context.add
    add(iri, RDF.type, kind)
    add(iri, DCTERMS.identifier, Literal(symbol))
    add(iri, ELI.id_local, Literal(symbol))
    add(iri, RDFS.label, Literal(symbol))
    if undocs:
        add(iri, RDFS.seeAlso, URIRef("https://undocs.org/" + quote(symbol, safe="/().")))
        add(iri, RDFS.seeAlso, URIRef(DIGITAL_LIBRARY_SEARCH + quote(f'"{symbol}"', safe="")))
    if body and body in context.authorities.bodies:
        add(iri, UNX.adoptedBy, context.body(body))


def _section(context: _Context, section: Section, order: int) -> None:
    node = context.part(f"section-{section.label}")
    context.add(node, RDF.type, UNX.Section)
    context.add(node, DCTERMS.isPartOf, context.iri)
    context.add(node, UNX.label, Literal(section.label))
    context.add(node, UNX.order, Literal(order))
    if section.title:
        context.add(node, DCTERMS["title"], Literal(section.title, lang=context.document.language))


def _paragraph(context: _Context, paragraph: Paragraph, order: int) -> None:
    doc = context.document
    node = context.part(paragraph.id)
    context.add(node, RDF.type, UNX.Paragraph)
    context.add(node, RDF.type, KIND_CLASS[paragraph.kind])
    context.add(node, DCTERMS.isPartOf, context.iri)
    context.add(node, RDFS.label, Literal(f"{doc.symbol} {paragraph.id}"))
    context.add(node, UNX.order, Literal(order))
    context.add(node, UNX.text, Literal(doc.text[slice(*paragraph.span)], lang=doc.language))
    _selector(context, node, f"{paragraph.id}-span", paragraph.span, quote=False)
    if paragraph.number is not None:
        context.add(node, UNX.paragraphNumber, Literal(paragraph.number))
    if paragraph.section:
        context.add(node, UNX.inSection, context.part(f"section-{paragraph.section}"))
    if paragraph.verb:
        context.add(node, UNX.verb, Literal(paragraph.verb, lang=doc.language))
    if paragraph.function in functions():
        context.add(node, UNX.function, functions()[paragraph.function].concept)
    for order_in, sub in enumerate(paragraph.subparagraphs, 1):
        label = sub.label if sub.label != "-" else f"dash{order_in}"
        sub_node = context.part(f"{paragraph.id}-{label}")
        context.add(sub_node, RDF.type, UNX.SubParagraph)
        context.add(sub_node, DCTERMS.isPartOf, node)
        context.add(sub_node, UNX.label, Literal(sub.label))
        context.add(sub_node, UNX.order, Literal(order_in))


def _footnote(context: _Context, note: Footnote, order: int) -> None:
    node = context.part(f"note-{note.number}")
    context.add(node, RDF.type, UNX.Footnote)
    context.add(node, DCTERMS.isPartOf, context.iri)
    context.add(node, UNX.noteNumber, Literal(note.number))
    context.add(node, UNX.order, Literal(order))
    context.add(node, UNX.text, Literal(note.text, lang=context.document.language))
    _selector(context, node, f"note-{note.number}-span", note.span, quote=False)
    for paragraph_id in note.paragraphs:
        context.add(context.part(paragraph_id), UNX.hasFootnote, node)


def _marker(context: _Context, marker: Marker, order: int, printed: bool) -> None:
    """Where the text calls a note: pages put a superscript link there."""
    node = context.part(f"marker-{order}")
    context.add(node, RDF.type, UNX.NoteMarker)
    context.add(node, DCTERMS.isPartOf, context.part(marker.paragraph))
    context.add(node, UNX.noteNumber, Literal(marker.number))
    if printed:
        context.add(node, UNX.callsNote, context.part(f"note-{marker.number}"))
    _selector(context, node, f"marker-{order}", marker.span, quote=False)


def _citation(context: _Context, citation: Citation, index: int) -> None:
    target = _target(context, citation)
    paragraph = context.part(citation.paragraph)
    function = functions()[citation.function if citation.function in functions() else NO_FUNCTION]
    for citing in (context.iri, paragraph):
        context.add(citing, CITO.cites, target)
        if function.property:
            context.add(citing, function.property, target)
            context.add(citing, function.cito, target)
    node = context.part(f"{citation.paragraph}-c{index}")
    context.add(node, RDF.type, UNX.Citation)
    context.add(node, CITO.hasCitingEntity, paragraph)
    context.add(node, CITO.hasCitedEntity, target)
    context.add(node, CITO.hasCitationCharacterization, function.cito)
    context.add(node, UNX.function, function.concept)
    context.add(node, OA.hasSource, context.iri)
    if citation.footnote is not None:
        context.add(node, UNX.footnote, context.part(f"note-{citation.footnote}"))
    if citation.pinpoint:
        context.add(node, UNX.pinpoint, Literal(citation.pinpoint))
    if citation.back_reference:
        context.add(node, UNX.backReference, Literal(True))
    if citation.subparagraph:
        context.add(node, UNX.subParagraph, context.part(f"{citation.paragraph}-{citation.subparagraph}"))
    _selector(context, node, f"{citation.paragraph}-c{index}", citation.span, quote=True)


def _selector(context: _Context, node: URIRef, fragment: str, span: tuple[int, int], quote: bool) -> None:
    """Where a part stands in the reading text (Web Annotation selectors)."""
    position = context.part(f"{fragment}-position")
    context.add(node, OA.hasSelector, position)
    context.add(position, RDF.type, OA.TextPositionSelector)
    context.add(position, OA.start, Literal(span[0]))
    context.add(position, OA.end, Literal(span[1]))
    if quote:
        text = context.document.text
        exact = context.part(f"{fragment}-quote")
        context.add(node, OA.hasSelector, exact)
        context.add(exact, RDF.type, OA.TextQuoteSelector)
        context.add(exact, OA.exact, Literal(text[span[0] : span[1]]))
        context.add(exact, OA.prefix, Literal(text[max(0, span[0] - QUOTE_CONTEXT) : span[0]]))
        context.add(exact, OA.suffix, Literal(text[span[1] : span[1] + QUOTE_CONTEXT]))


def _target(context: _Context, citation: Citation) -> URIRef:
    """The cited thing's IRI; resolutions and documents get a node of their own,
    so that a later ingest of their text lands on the same IRI."""
    if citation.kind == "treaty":
        if citation.name in context.authorities.treaties:
            return URIRef(context.iris.rebase(context.authorities.treaties[citation.name].iri))
        assert citation.unts
        return _unregistered_treaty(context, citation.unts)
    assert citation.symbol
    external = context.authorities.iri_path(citation.body)
    if external:
        node = URIRef(context.iris.external(external, citation.symbol))
        kind = UNX.Decision if citation.kind == "decision" else UNX.ExternalDocument
        _describe(context, node, citation.symbol, kind, citation.body, undocs=False)
        return node
    node = URIRef(context.iris.resource(citation.symbol))
    if citation.kind == "resolution":
        body = citation.body or context.authorities.body_of_symbol(citation.symbol)
        _describe(context, node, citation.symbol, UNX.Resolution, body)
    elif citation.kind == "decision":
        _describe(context, node, citation.symbol, UNX.Decision, citation.body)
    else:
        _describe(context, node, citation.symbol, UNX.Document, None)
    return node


def _unregistered_treaty(context: _Context, number: str) -> URIRef:
    """A treaty known only by its UNTS registration number."""
    node = URIRef(context.iris.unregistered_treaty(number))
    context.add_shared(node, RDF.type, UNX.Treaty)
    context.add_shared(node, UNX.treatySeries, Literal("UNTS"))
    context.add_shared(node, UNX.untsNumber, Literal(number))
    context.add_shared(node, DCTERMS.identifier, Literal(f"UNTS {number}"))
    context.add_shared(node, SKOS.prefLabel, Literal(f"UNTS {number}"))
    return node


def _mention(context: _Context, mention: Mention) -> None:
    if mention.kind == "body" and mention.id in context.authorities.bodies:
        target = context.body(mention.id)
    else:
        target = _session(context, mention.id)
    context.add(context.part(mention.paragraph), UNX.mentions, target)


def _session(context: _Context, session_id: str) -> URIRef:
    node = URIRef(context.iris.session(session_id))
    context.add_shared(node, RDF.type, UNX.Session)
    context.add_shared(node, RDFS.label, Literal(session_id))
    body = session_id.split("/")[0]
    if body in context.authorities.bodies:
        context.add_shared(node, PROV.wasAssociatedWith, context.body(body))
    return node


def _calls_to_action(context: _Context) -> None:
    """Bodies a call-to-action paragraph addresses, and treaties it urges States to ratify."""
    for citation in context.document.citations:
        if citation.urges_ratification:
            target = _target(context, citation)
            for citing in (context.iri, context.part(citation.paragraph)):
                context.add(citing, UNX.urgesRatificationOf, target)
    for paragraph in context.document.paragraphs:
        for code in paragraph.addressees:
            for citing in (context.iri, context.part(paragraph.id)):
                context.add(citing, UNX.requestsActionOf, context.body(code))


def akn4un_work(symbol: str, date: str, body: str | None, authorities: Authorities) -> str | None:
    """``/akn/un/statement/deliberation/un-ga/2007-12-18/62-176`` for A/RES/62/176."""
    record = authorities.bodies.get(body or "")
    if not record or not record.akn4un_name or "/RES/" not in symbol:
        return None
    number = symbol.split("/RES/", 1)[1]
    return f"/akn/un/statement/deliberation/{record.akn4un_name}/{date}/{re.sub('/', '-', number).replace(' ', '_')}"


def authority_graph(iri_base: str | None = None) -> Graph:
    """The authority records (bodies, treaties) under the configured base."""
    iris = Iris(iri_base) if iri_base else Iris.configured()
    graph = bind(Graph())
    for s, p, o in load_authorities().graph:
        graph.add((URIRef(iris.rebase(str(s))), p, URIRef(iris.rebase(str(o))) if isinstance(o, URIRef) else o))
    return graph


def run_time() -> datetime:
    """When an ingest ran, as its provenance records it: now, or ``SOURCE_DATE_EPOCH`` (the
    reproducible-builds convention) when set, so that two clean ingests give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        if not epoch.strip().isdigit():
            raise InputError("SOURCE_DATE_EPOCH", f"{epoch!r} is not a number of seconds since 1970")
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def provenance(document: Document, source_sha256: str, iri_base: str | None = None) -> Graph:
    """How the document graph was made: from which file, by which extractor, when."""
    assert document.symbol
    iris = Iris(iri_base) if iri_base else Iris.configured()
    graph = _graph()
    named = URIRef(iris.graph(document.symbol))
    source = URIRef(f"urn:sha256:{source_sha256}")
    activity = URIRef(iris.extraction(source_sha256))
    agent = URIRef(iris.agent(extractor_version()))
    graph.add((named, RDF.type, PROV.Entity))
    graph.add((named, PROV.wasDerivedFrom, source))
    graph.add((named, PROV.wasGeneratedBy, activity))
    graph.add((source, RDF.type, PROV.Entity))
    graph.add((source, DCTERMS.source, Literal(Path(document.source).name)))
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, PROV.used, source))
    graph.add((activity, PROV.wasAssociatedWith, agent))
    graph.add((activity, PROV.endedAtTime, Literal(run_time(), datatype=XSD.dateTime)))
    return graph


def extractor(iri_base: str | None = None) -> Graph:
    """The software agent every provenance graph names (stated once, in the shared graph)."""
    iris = Iris(iri_base) if iri_base else Iris.configured()
    agent = URIRef(iris.agent(extractor_version()))
    graph = _graph()
    graph.add((agent, RDF.type, PROV.SoftwareAgent))
    graph.add((agent, RDFS.label, Literal(f"unxref {extractor_version()}")))
    return graph
