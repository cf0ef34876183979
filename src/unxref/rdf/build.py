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
from typing import TYPE_CHECKING
from urllib.parse import quote

from unxref import vocab
from unxref.errors import InputError
from unxref.extract.read import sidecar_path
from unxref.model import Citation, Document, Footnote, Marker, Mention, Paragraph, Section
from unxref.ontology import NO_FUNCTION, functions
from unxref.rdf.iris import Iris
from unxref.rdf.triples import Term, Triples, literal
from unxref.un.authorities import Authorities
from unxref.un.authorities import load as load_authorities
from unxref.version import extractor_version
from unxref.vocab import Names, bind

if TYPE_CHECKING:
    from rdflib import Graph

# The vocabularies, as IRIs in text: the graph is built of plain values (`unxref.rdf.triples`).
CITO, DCTERMS, ELI, OA, PROV, RDF, RDFS, SKOS, UNX, XSD = map(
    Names,
    (
        vocab.CITO,
        vocab.DCTERMS,
        vocab.ELI,
        vocab.OA,
        vocab.PROV,
        vocab.RDF,
        vocab.RDFS,
        vocab.SKOS,
        vocab.UNX,
        vocab.XSD,
    ),
)

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
    graph: Triples = field(default_factory=Triples)  # what the document says of itself
    shared: Triples = field(default_factory=Triples)  # what it says of what it cites

    @property
    def iri(self) -> str:
        assert self.document.symbol
        return self.iris.resource(self.document.symbol)

    def part(self, fragment: str) -> str:
        assert self.document.symbol
        return self.iris.part(self.document.symbol, fragment)

    def add(self, subject: str, predicate: str, value: Term) -> None:
        self.graph.add(subject, predicate, value)

    def add_shared(self, subject: str, predicate: str, value: Term) -> None:
        self.shared.add(subject, predicate, value)

    def body(self, code: str) -> str:
        return self.iris.rebase(self.authorities.bodies[code].iri)


@dataclass(frozen=True)
class Graphs:
    """A document's graph, and what it says of things it only cites: their type, symbol and
    label, which every citing document would otherwise repeat. The store keeps the second in
    one shared graph, stated once (`unxref.store.Store.replace_document`)."""

    own: Triples
    shared: Triples

    def union(self) -> Triples:
        return self.own | self.shared


def build(document: Document, iri_base: str | None = None) -> Graph:
    """The graph of one document on its own, as an rdflib graph with unxref's prefixes (for
    rdflib's writers): it, its parts, its citations and the things it cites."""
    from rdflib import Graph

    return (
        build_graphs(document, iri_base).union().graph(into=bind(Graph()))
    )  # rdflib's core prefixes: RDF/XML needs them


def build_graphs(document: Document, iri_base: str | None = None) -> Graphs:
    """The document's own graph and what it says of the things it cites, apart."""
    if not document.symbol:
        raise InputError(
            document.source,
            f"has no symbol that can be read in its text: give it in a sidecar file {sidecar_path(Path(document.source)).name}"
            ' beside it (symbol = "..."), or to unxref extract with --symbol',
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
    context.add(iri, UNX.inCorpus, literal(True))
    context.add(iri, DCTERMS.language, literal(doc.language, datatype=XSD.language))
    if doc.title:
        context.add(iri, DCTERMS["title"], literal(doc.title, lang=doc.language))
    if doc.date:
        context.add(iri, UNX.adoptionDate, literal(doc.date, datatype=XSD.date))
        work = akn4un_work(doc.symbol, doc.date, body, context.authorities)
        if work:
            context.add(iri, UNX.akn4unWork, literal(work, datatype=XSD.anyURI))
    if doc.meeting:
        context.add(iri, UNX.meeting, literal(doc.meeting))


def _body_code(context: _Context) -> str | None:
    record = context.authorities.body_by_name(context.document.body) if context.document.body else None
    if record:
        return record.code
    assert context.document.symbol
    return context.authorities.body_of_symbol(context.document.symbol)


def _describe(
    context: _Context, iri: str, symbol: str, kind: str, body: str | None, undocs: bool = True, cited: bool = True
) -> None:
    """What every resolution, decision or document node carries, read (``cited=False``: in
    the document's graph) or cited (in the shared graph); UN symbols link to undocs.org and
    to a search of the UN Digital Library."""
    add = context.add_shared if cited else context.add
    add(iri, RDF.type, kind)
    add(iri, DCTERMS.identifier, literal(symbol))
    add(iri, ELI.id_local, literal(symbol))
    add(iri, RDFS.label, literal(symbol))
    if undocs:
        add(iri, RDFS.seeAlso, "https://undocs.org/" + quote(symbol, safe="/()."))
        add(iri, RDFS.seeAlso, DIGITAL_LIBRARY_SEARCH + quote(f'"{symbol}"', safe=""))
    if body and body in context.authorities.bodies:
        add(iri, UNX.adoptedBy, context.body(body))


def _section(context: _Context, section: Section, order: int) -> None:
    node = context.part(f"section-{section.label}")
    context.add(node, RDF.type, UNX.Section)
    context.add(node, DCTERMS.isPartOf, context.iri)
    context.add(node, UNX.label, literal(section.label))
    context.add(node, UNX.order, literal(order))
    if section.title:
        context.add(node, DCTERMS["title"], literal(section.title, lang=context.document.language))


def _paragraph(context: _Context, paragraph: Paragraph, order: int) -> None:
    doc = context.document
    node = context.part(paragraph.id)
    context.add(node, RDF.type, UNX.Paragraph)
    context.add(node, RDF.type, KIND_CLASS[paragraph.kind])
    context.add(node, DCTERMS.isPartOf, context.iri)
    context.add(node, RDFS.label, literal(f"{doc.symbol} {paragraph.id}"))
    context.add(node, UNX.order, literal(order))
    context.add(node, UNX.text, literal(doc.text[slice(*paragraph.span)], lang=doc.language))
    _selector(context, node, f"{paragraph.id}-span", paragraph.span, quote=False)
    if paragraph.number is not None:
        context.add(node, UNX.paragraphNumber, literal(paragraph.number))
    if paragraph.section:
        context.add(node, UNX.inSection, context.part(f"section-{paragraph.section}"))
    if paragraph.verb:
        context.add(node, UNX.verb, literal(paragraph.verb, lang=doc.language))
    if paragraph.function in functions():
        context.add(node, UNX.function, functions()[paragraph.function].concept)
    for order_in, sub in enumerate(paragraph.subparagraphs, 1):
        label = sub.label if sub.label != "-" else f"dash{order_in}"
        sub_node = context.part(f"{paragraph.id}-{label}")
        context.add(sub_node, RDF.type, UNX.SubParagraph)
        context.add(sub_node, DCTERMS.isPartOf, node)
        context.add(sub_node, UNX.label, literal(sub.label))
        context.add(sub_node, UNX.order, literal(order_in))


def _footnote(context: _Context, note: Footnote, order: int) -> None:
    node = context.part(f"note-{note.number}")
    context.add(node, RDF.type, UNX.Footnote)
    context.add(node, DCTERMS.isPartOf, context.iri)
    context.add(node, UNX.noteNumber, literal(note.number))
    context.add(node, UNX.order, literal(order))
    context.add(node, UNX.text, literal(note.text, lang=context.document.language))
    _selector(context, node, f"note-{note.number}-span", note.span, quote=False)
    for paragraph_id in note.paragraphs:
        context.add(context.part(paragraph_id), UNX.hasFootnote, node)


def _marker(context: _Context, marker: Marker, order: int, printed: bool) -> None:
    """Where the text calls a note: pages put a superscript link there."""
    node = context.part(f"marker-{order}")
    context.add(node, RDF.type, UNX.NoteMarker)
    context.add(node, DCTERMS.isPartOf, context.part(marker.paragraph))
    context.add(node, UNX.noteNumber, literal(marker.number))
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
        context.add(node, UNX.pinpoint, literal(citation.pinpoint))
    if citation.back_reference:
        context.add(node, UNX.backReference, literal(True))
    if citation.subparagraph:
        context.add(node, UNX.subParagraph, context.part(f"{citation.paragraph}-{citation.subparagraph}"))
    _selector(context, node, f"{citation.paragraph}-c{index}", citation.span, quote=True)


def _selector(context: _Context, node: str, fragment: str, span: tuple[int, int], quote: bool) -> None:
    """Where a part stands in the reading text (Web Annotation selectors)."""
    position = context.part(f"{fragment}-position")
    context.add(node, OA.hasSelector, position)
    context.add(position, RDF.type, OA.TextPositionSelector)
    context.add(position, OA.start, literal(span[0]))
    context.add(position, OA.end, literal(span[1]))
    if quote:
        text = context.document.text
        exact = context.part(f"{fragment}-quote")
        context.add(node, OA.hasSelector, exact)
        context.add(exact, RDF.type, OA.TextQuoteSelector)
        context.add(exact, OA.exact, literal(text[span[0] : span[1]]))
        context.add(exact, OA.prefix, literal(text[max(0, span[0] - QUOTE_CONTEXT) : span[0]]))
        context.add(exact, OA.suffix, literal(text[span[1] : span[1] + QUOTE_CONTEXT]))


def _target(context: _Context, citation: Citation) -> str:
    """The cited thing's IRI; resolutions and documents get a node of their own,
    so that a later ingest of their text lands on the same IRI."""
    if citation.kind == "treaty":
        if citation.name in context.authorities.treaties:
            return context.iris.rebase(context.authorities.treaties[citation.name].iri)
        assert citation.unts
        return _unregistered_treaty(context, citation.unts)
    assert citation.symbol
    external = context.authorities.iri_path(citation.body)
    if external:
        node = context.iris.external(external, citation.symbol)
        kind = UNX.Decision if citation.kind == "decision" else UNX.ExternalDocument
        _describe(context, node, citation.symbol, kind, citation.body, undocs=False)
        return node
    node = context.iris.resource(citation.symbol)
    if citation.kind == "resolution":
        body = citation.body or context.authorities.body_of_symbol(citation.symbol)
        _describe(context, node, citation.symbol, UNX.Resolution, body)
    elif citation.kind == "decision":
        _describe(context, node, citation.symbol, UNX.Decision, citation.body)
    else:
        _describe(context, node, citation.symbol, UNX.Document, None)
    return node


def _unregistered_treaty(context: _Context, number: str) -> str:
    """A treaty known only by its UNTS registration number."""
    node = context.iris.unregistered_treaty(number)
    context.add_shared(node, RDF.type, UNX.Treaty)
    context.add_shared(node, UNX.treatySeries, literal("UNTS"))
    context.add_shared(node, UNX.untsNumber, literal(number))
    context.add_shared(node, DCTERMS.identifier, literal(f"UNTS {number}"))
    context.add_shared(node, SKOS.prefLabel, literal(f"UNTS {number}"))
    return node


def _mention(context: _Context, mention: Mention) -> None:
    if mention.kind == "body" and mention.id in context.authorities.bodies:
        target = context.body(mention.id)
    else:
        target = _session(context, mention.id)
    context.add(context.part(mention.paragraph), UNX.mentions, target)


def _session(context: _Context, session_id: str) -> str:
    node = context.iris.session(session_id)
    context.add_shared(node, RDF.type, UNX.Session)
    context.add_shared(node, RDFS.label, literal(session_id))
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
    from rdflib import Graph, URIRef

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


def provenance(document: Document, source_sha256: str, iri_base: str | None = None) -> Triples:
    """How the document graph was made: from which file, by which extractor, when."""
    assert document.symbol
    iris = Iris(iri_base) if iri_base else Iris.configured()
    graph = Triples()
    named = iris.graph(document.symbol)
    source = f"urn:sha256:{source_sha256}"
    activity = iris.extraction(source_sha256)
    agent = iris.agent(extractor_version())
    graph.add(named, RDF.type, PROV.Entity)
    graph.add(named, PROV.wasDerivedFrom, source)
    graph.add(named, PROV.wasGeneratedBy, activity)
    graph.add(source, RDF.type, PROV.Entity)
    graph.add(source, DCTERMS.source, literal(Path(document.source).name))
    graph.add(activity, RDF.type, PROV.Activity)
    graph.add(activity, PROV.used, source)
    graph.add(activity, PROV.wasAssociatedWith, agent)
    graph.add(activity, PROV.endedAtTime, literal(run_time(), datatype=XSD.dateTime))
    return graph


def extractor(iri_base: str | None = None) -> Triples:
    """The software agent every provenance graph names (stated once, in the shared graph)."""
    iris = Iris(iri_base) if iri_base else Iris.configured()
    agent = iris.agent(extractor_version())
    graph = Triples()
    graph.add(agent, RDF.type, PROV.SoftwareAgent)
    graph.add(agent, RDFS.label, literal(f"unxref {extractor_version()}"))
    return graph
