"""The graph: one extracted Document as RDF on the unxref ontology.

Everything is minted from the document's canonical symbol under one base
(``UNXREF_BASE``), with fragment IRIs for its parts (``…/A/RES/62/176#PP1``), so
the same input always gives the same triples and there are no blank nodes.
The document graph holds no time or file facts: those go to its provenance
graph (`provenance`), so that re-running gives byte-identical document graphs.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from urllib.parse import quote, unquote

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from unxref import __version__, language
from unxref.authorities import AUTHORITY_BASE, UNX, Authorities, ontology_dir
from unxref.authorities import load as load_authorities
from unxref.model import Citation, Document, Paragraph
from unxref.read import InputError

ELI = Namespace("http://data.europa.eu/eli/ontology#")
CITO = Namespace("http://purl.org/spar/cito/")
OA = Namespace("http://www.w3.org/ns/oa#")
FN = Namespace("https://w3id.org/unxref/ontology/function/")
PREFIXES = {
    "unx": UNX,
    "fn": FN,
    "eli": ELI,
    "cito": CITO,
    "oa": OA,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "prov": PROV,
    "owl": OWL,
    "xsd": XSD,
}
KIND_CLASS = {"preambular": UNX.PreambularParagraph, "operative": UNX.OperativeParagraph, "annex": UNX.AnnexParagraph}
NO_FUNCTION = "citing"
QUOTE_CONTEXT = 32  # characters of prefix and suffix kept with each quote


def base() -> str:
    """The base every IRI is minted under (``UNXREF_BASE``)."""
    return os.environ.get("UNXREF_BASE", AUTHORITY_BASE)


def symbol_path(symbol: str) -> str:
    """``S/RES/687 (1991)`` → ``S/RES/687_(1991)``: the IRI path of a symbol."""
    return quote(symbol.replace(" ", "_"), safe="/()._-")


def path_symbol(path: str) -> str:
    """The inverse of `symbol_path`."""
    return unquote(path).replace("_", " ")


@dataclass(frozen=True)
class Iris:
    """Where each kind of thing lives under the base."""

    base: str

    def resource(self, symbol: str) -> URIRef:
        return URIRef(self.base + symbol_path(symbol))

    def graph(self, symbol: str) -> URIRef:
        """The named graph holding what one source document says."""
        return URIRef(f"{self.base}graph/{symbol_path(symbol)}")

    def provenance(self, symbol: str) -> URIRef:
        return URIRef(f"{self.base}provenance/{symbol_path(symbol)}")

    def authorities(self) -> URIRef:
        return URIRef(self.base + "graph/authorities")

    def rebase(self, iri: str) -> URIRef:
        """An authority record's IRI under this base (the Turtle files use the default one)."""
        return URIRef(self.base + iri[len(AUTHORITY_BASE) :] if iri.startswith(AUTHORITY_BASE) else iri)

    def unregistered_treaty(self, number: str) -> URIRef:
        return URIRef(f"{self.base}treaty/unts/{number}")

    def session(self, session_id: str) -> URIRef:
        return URIRef(f"{self.base}session/{symbol_path(session_id)}")


@dataclass(frozen=True)
class Function:
    concept: URIRef
    property: URIRef | None  # unx:recalls
    cito: URIRef  # its CiTO parent, or cito:cites
    calls_to_action: bool


@cache
def ontology() -> Graph:
    return Graph().parse(ontology_dir() / "unxref.ttl", format="turtle")


@cache
def functions() -> dict[str, Function]:
    """The citation function scheme, from the ontology."""
    graph = ontology()
    table: dict[str, Function] = {}
    for concept in graph.subjects(RDF.type, UNX.CitationFunction):
        assert isinstance(concept, URIRef)
        prop = graph.value(concept, UNX.citationProperty)
        parents = [p for p in graph.objects(prop, RDFS.subPropertyOf) if str(p).startswith(str(CITO))] if prop else []
        table[str(graph.value(concept, SKOS.notation))] = Function(
            concept=concept,
            property=URIRef(str(prop)) if prop else None,
            cito=URIRef(str(parents[0])) if parents else CITO.cites,
            calls_to_action=bool(graph.value(concept, UNX.callsToAction)),
        )
    return table


def build(document: Document, iri_base: str | None = None) -> Graph:
    """The graph of one document: it, its parts, its citations and the things it cites."""
    if not document.symbol:
        raise InputError(
            document.source,
            'has no symbol in its text: give it with --symbol, or in a sidecar file NAME.meta.toml (symbol = "...")',
        )
    return _Builder(document, Iris(iri_base or base()), load_authorities()).build()


def authority_graph(iri_base: str | None = None) -> Graph:
    """The authority records (bodies, treaties) under the configured base."""
    iris = Iris(iri_base or base())
    graph = _new_graph()
    for s, p, o in load_authorities().graph:
        graph.add((iris.rebase(str(s)), p, iris.rebase(str(o)) if isinstance(o, URIRef) else o))
    return graph


def provenance(document: Document, source_sha256: str, iri_base: str | None = None) -> Graph:
    """How the document graph was made: from which file, by which extractor, when."""
    assert document.symbol
    iris = Iris(iri_base or base())
    graph = _new_graph()
    named = iris.graph(document.symbol)
    source = URIRef(f"urn:sha256:{source_sha256}")
    activity = URIRef(f"{iris.base}extraction/{source_sha256}")
    agent = URIRef(f"{iris.base}agent/unxref/{__version__}")
    graph.add((named, RDF.type, PROV.Entity))
    graph.add((named, PROV.wasDerivedFrom, source))
    graph.add((named, PROV.wasGeneratedBy, activity))
    graph.add((source, RDF.type, PROV.Entity))
    graph.add((source, DCTERMS.source, Literal(Path(document.source).name)))
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, PROV.used, source))
    graph.add((activity, PROV.wasAssociatedWith, agent))
    graph.add((activity, PROV.endedAtTime, Literal(datetime.now(UTC).replace(microsecond=0), datatype=XSD.dateTime)))
    graph.add((agent, RDF.type, PROV.SoftwareAgent))
    graph.add((agent, RDFS.label, Literal(f"unxref {__version__}")))
    return graph


def _new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


class _Builder:
    def __init__(self, document: Document, iris: Iris, authorities: Authorities) -> None:
        assert document.symbol
        self.doc = document
        self.iris = iris
        self.authorities = authorities
        self.lang = language.load(document.language)
        self.functions = functions()
        self.graph = _new_graph()
        self.iri = iris.resource(document.symbol)
        self.add = self.graph.add

    def part(self, fragment: str) -> URIRef:
        return URIRef(f"{self.iri}#{fragment}")

    def build(self) -> Graph:
        self.resolution()
        for order, section in enumerate(self.doc.sections, 1):
            node = self.part(f"section-{section.label}")
            self.add((node, RDF.type, UNX.Section))
            self.add((node, DCTERMS.isPartOf, self.iri))
            self.add((node, UNX.label, Literal(section.label)))
            self.add((node, UNX.order, Literal(order)))
            if section.title:
                self.add((node, DCTERMS.title, Literal(section.title, lang=self.doc.language)))
        for order, paragraph in enumerate(self.doc.paragraphs, 1):
            self.paragraph(paragraph, order)
        for order, note in enumerate(self.doc.footnotes, 1):
            node = self.part(f"note-{note.number}")
            self.add((node, RDF.type, UNX.Footnote))
            self.add((node, DCTERMS.isPartOf, self.iri))
            self.add((node, UNX.noteNumber, Literal(note.number)))
            self.add((node, UNX.order, Literal(order)))
            self.add((node, UNX.text, Literal(note.text, lang=self.doc.language)))
            self.selector(node, f"note-{note.number}-span", note.span, quote=False)
            for paragraph_id in note.paragraphs:
                self.add((self.part(paragraph_id), UNX.hasFootnote, node))
        counts: dict[str, int] = {}
        for citation in self.doc.citations:
            counts[citation.paragraph] = counts.get(citation.paragraph, 0) + 1
            self.citation(citation, counts[citation.paragraph])
        for mention in self.doc.mentions:
            if mention.kind == "body" and mention.id in self.authorities.bodies:
                target = self.iris.rebase(self.authorities.bodies[mention.id].iri)
            else:
                target = self.session(mention.id)
            self.add((self.part(mention.paragraph), UNX.mentions, target))
        self.addressees()
        return self.graph

    def resolution(self) -> None:
        doc, iri = self.doc, self.iri
        assert doc.symbol
        self.describe(iri, doc.symbol, UNX.Resolution, self.body_code())
        self.add((iri, UNX.inCorpus, Literal(True)))
        self.add((iri, DCTERMS.language, Literal(doc.language, datatype=XSD.language)))
        if doc.title:
            self.add((iri, DCTERMS.title, Literal(doc.title, lang=doc.language)))
        if doc.date:
            self.add((iri, UNX.adoptionDate, Literal(doc.date, datatype=XSD.date)))
            work = akn4un_work(doc.symbol, doc.date, self.body_code(), self.authorities)
            if work:
                self.add((iri, UNX.akn4unWork, Literal(work, datatype=XSD.anyURI)))
        if doc.meeting:
            self.add((iri, UNX.meeting, Literal(doc.meeting)))

    def body_code(self) -> str | None:
        record = self.authorities.body_by_name(self.doc.body) if self.doc.body else None
        if record:
            return record.code
        assert self.doc.symbol
        return body_of_symbol(self.doc.symbol, self.authorities)

    def describe(self, iri: URIRef, symbol: str, kind: URIRef, body: str | None) -> None:
        """What every resolution or document node carries, cited or read."""
        self.add((iri, RDF.type, kind))
        self.add((iri, DCTERMS.identifier, Literal(symbol)))
        self.add((iri, ELI.id_local, Literal(symbol)))
        self.add((iri, RDFS.label, Literal(symbol)))
        self.add((iri, RDFS.seeAlso, URIRef("https://undocs.org/" + quote(symbol, safe="/()."))))
        if body and body in self.authorities.bodies:
            self.add((iri, UNX.adoptedBy, self.iris.rebase(self.authorities.bodies[body].iri)))

    def paragraph(self, paragraph: Paragraph, order: int) -> None:
        node = self.part(paragraph.id)
        self.add((node, RDF.type, UNX.Paragraph))
        self.add((node, RDF.type, KIND_CLASS[paragraph.kind]))
        self.add((node, DCTERMS.isPartOf, self.iri))
        self.add((node, RDFS.label, Literal(f"{self.doc.symbol} {paragraph.id}")))
        self.add((node, UNX.order, Literal(order)))
        self.add((node, UNX.text, Literal(self.doc.text[slice(*paragraph.span)], lang=self.doc.language)))
        self.selector(node, f"{paragraph.id}-span", paragraph.span, quote=False)
        if paragraph.number is not None:
            self.add((node, UNX.paragraphNumber, Literal(paragraph.number)))
        if paragraph.section:
            self.add((node, UNX.inSection, self.part(f"section-{paragraph.section}")))
        if paragraph.verb:
            self.add((node, UNX.verb, Literal(paragraph.verb, lang=self.doc.language)))
        if paragraph.function in self.functions:
            self.add((node, UNX.function, self.functions[paragraph.function].concept))
        for order_in, sub in enumerate(paragraph.subparagraphs, 1):
            sub_node = self.part(
                f"{paragraph.id}-{sub.label}" if sub.label != "-" else f"{paragraph.id}-dash{order_in}"
            )
            self.add((sub_node, RDF.type, UNX.SubParagraph))
            self.add((sub_node, DCTERMS.isPartOf, node))
            self.add((sub_node, UNX.label, Literal(sub.label)))
            self.add((sub_node, UNX.order, Literal(order_in)))

    def citation(self, citation: Citation, index: int) -> None:
        target = self.target(citation)
        paragraph = self.part(citation.paragraph)
        function = self.functions[citation.function if citation.function in self.functions else NO_FUNCTION]
        for citing in (self.iri, paragraph):
            self.add((citing, CITO.cites, target))
            if function.property:
                self.add((citing, function.property, target))
                self.add((citing, function.cito, target))
        node = self.part(f"{citation.paragraph}-c{index}")
        self.add((node, RDF.type, UNX.Citation))
        self.add((node, CITO.hasCitingEntity, paragraph))
        self.add((node, CITO.hasCitedEntity, target))
        self.add((node, CITO.hasCitationCharacterization, function.cito))
        self.add((node, UNX.function, function.concept))
        self.add((node, OA.hasSource, self.iri))
        if citation.footnote is not None:
            self.add((node, UNX.footnote, self.part(f"note-{citation.footnote}")))
        if citation.pinpoint:
            self.add((node, UNX.pinpoint, Literal(citation.pinpoint)))
        if citation.subparagraph:
            self.add((node, UNX.subParagraph, self.part(f"{citation.paragraph}-{citation.subparagraph}")))
        self.selector(node, f"{citation.paragraph}-c{index}", citation.span, quote=True)

    def selector(self, node: URIRef, fragment: str, span: tuple[int, int], quote: bool) -> None:
        position = self.part(f"{fragment}-position")
        self.add((node, OA.hasSelector, position))
        self.add((position, RDF.type, OA.TextPositionSelector))
        self.add((position, OA.start, Literal(span[0])))
        self.add((position, OA.end, Literal(span[1])))
        if quote:
            text = self.doc.text
            exact = self.part(f"{fragment}-quote")
            self.add((node, OA.hasSelector, exact))
            self.add((exact, RDF.type, OA.TextQuoteSelector))
            self.add((exact, OA.exact, Literal(text[span[0] : span[1]])))
            self.add((exact, OA.prefix, Literal(text[max(0, span[0] - QUOTE_CONTEXT) : span[0]])))
            self.add((exact, OA.suffix, Literal(text[span[1] : span[1] + QUOTE_CONTEXT])))

    def target(self, citation: Citation) -> URIRef:
        """The cited thing's IRI; resolutions and documents get a node of their own,
        so that a later ingest of their text lands on the same IRI."""
        if citation.kind == "treaty":
            if citation.name in self.authorities.treaties:
                return self.iris.rebase(self.authorities.treaties[citation.name].iri)
            assert citation.unts
            node = self.iris.unregistered_treaty(citation.unts)
            self.add((node, RDF.type, UNX.Treaty))
            self.add((node, UNX.treatySeries, Literal("UNTS")))
            self.add((node, UNX.untsNumber, Literal(citation.unts)))
            self.add((node, DCTERMS.identifier, Literal(f"UNTS {citation.unts}")))
            self.add((node, SKOS.prefLabel, Literal(f"UNTS {citation.unts}")))
            return node
        assert citation.symbol
        node = self.iris.resource(citation.symbol)
        if citation.kind == "resolution":
            body = citation.body or body_of_symbol(citation.symbol, self.authorities)
            self.describe(node, citation.symbol, UNX.Resolution, body)
        else:
            self.describe(node, citation.symbol, UNX.Document, None)
        return node

    def session(self, session_id: str) -> URIRef:
        node = self.iris.session(session_id)
        self.add((node, RDF.type, UNX.Session))
        self.add((node, RDFS.label, Literal(session_id)))
        body = session_id.split("/")[0]
        if body in self.authorities.bodies:
            self.add((node, PROV.wasAssociatedWith, self.iris.rebase(self.authorities.bodies[body].iri)))
        return node

    def addressees(self) -> None:
        """Bodies a call-to-action paragraph addresses, and treaties it urges States to ratify."""
        text = self.doc.text
        for paragraph in self.doc.paragraphs:
            function = self.functions.get(paragraph.function or "")
            if not function or not function.calls_to_action or not paragraph.verb:
                continue
            node = self.part(paragraph.id)
            body_text = text[slice(*paragraph.span)]
            if self.lang.pattern("ratification").search(body_text):
                for c in self.doc.citations:
                    if c.paragraph == paragraph.id and c.kind == "treaty":
                        for citing in (self.iri, node):
                            self.add((citing, UNX.urgesRatificationOf, self.target(c)))
            for code in self.addressed_bodies(paragraph):
                body = self.iris.rebase(self.authorities.bodies[code].iri)
                for citing in (self.iri, node):
                    self.add((citing, UNX.requestsActionOf, body))

    def addressed_bodies(self, paragraph: Paragraph) -> list[str]:
        """The bodies named right after the verb: "Requests the Secretary-General and UNODC to"."""
        assert paragraph.verb
        text = self.doc.text
        start = text.lower().find(paragraph.verb.lower(), paragraph.span[0], paragraph.span[1])
        if start < 0:
            return []
        cursor = start + len(paragraph.verb)
        named = sorted(
            (m for m in self.doc.mentions if m.paragraph == paragraph.id and m.kind == "body" and m.span[0] >= cursor),
            key=lambda m: m.span,
        )
        gap = self.lang.pattern("addressee_gap")
        codes: list[str] = []
        for mention in named:
            if not gap.match(text[cursor : mention.span[0]]) or mention.id not in self.authorities.bodies:
                break
            codes.append(mention.id)
            cursor = mention.span[1]
        return codes


def body_of_symbol(symbol: str, authorities: Authorities) -> str | None:
    """The body whose resolutions carry this symbol (longest prefix wins: E/CN.7/ over E/)."""
    if "/RES/" not in symbol:
        return None
    prefix = symbol.split("/RES/")[0] + "/"
    matches = [
        b
        for b in authorities.bodies.values()
        if b.symbol_prefix and prefix.startswith(b.symbol_prefix.rstrip("/") + "/")
    ]
    return max(matches, key=lambda b: len(b.symbol_prefix or "")).code if matches else None


def akn4un_work(symbol: str, date: str, body: str | None, authorities: Authorities) -> str | None:
    """``/akn/un/statement/deliberation/un-ga/2007-12-18/62-176`` for A/RES/62/176."""
    record = authorities.bodies.get(body or "")
    if not record or not record.akn4un_name or "/RES/" not in symbol:
        return None
    number = symbol.split("/RES/", 1)[1]
    return f"/akn/un/statement/deliberation/{record.akn4un_name}/{date}/{re.sub('/', '-', number).replace(' ', '_')}"
