"""SPARQL results written with a row cap that is never silent.

A SELECT that yields more rows than the cap is cut at the cap, and says so: in
JSON and XML with a ``link`` to ``urn:unxref:truncated`` in the head (a place
the SPARQL results formats reserve for such links), and for every format in
the ``X-Unxref-Truncated`` response header set by the server.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import orjson
import pyoxigraph

from unxref.formats import Format
from unxref.service.negotiate import NotAcceptable
from unxref.vocab import SHOWN_PREFIXES, SPARQL_RESULTS, XSD

TRUNCATED_LINK = "urn:unxref:truncated"
Term = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal | pyoxigraph.Triple
Row = list[Term | None]


def _json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, pyoxigraph.Literal):
        value: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            value["xml:lang"] = term.language
        elif term.datatype.value != XSD.iri("string"):
            value["datatype"] = term.datatype.value
        return value
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


_NOT_IN_XML_BYTES = re.compile(b"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f]|\xef\xbf[\xbe\xbf]")


def needs_escaping_in_xml(body: bytes) -> bool:
    """Whether pyoxigraph's XML holds what XML cannot carry as is: a carriage return (a
    parser reads it as a line feed) or a control character."""
    return _NOT_IN_XML_BYTES.search(body) is not None


def _xml_text(value: str) -> str:
    """Escaped for XML 1.0; a carriage return survives as a character reference."""
    if _NOT_IN_XML.search(value):
        raise NotAcceptable("a value holds control characters that XML 1.0 cannot carry: ask for JSON results")
    return escape(value, {"\r": "&#13;"})


def _xml_term(term: Term) -> str:
    if isinstance(term, pyoxigraph.NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, pyoxigraph.BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{_xml_text(term.value)}</literal>"
        if term.datatype.value != XSD.iri("string"):
            return f"<literal datatype={quoteattr(term.datatype.value)}>{_xml_text(term.value)}</literal>"
        return f"<literal>{_xml_text(term.value)}</literal>"
    return f"<literal>{_xml_text(str(term))}</literal>"


def _tsv_term(term: Term | None) -> str:
    if term is None:
        return ""
    text = str(term)  # pyoxigraph writes terms in N-Triples syntax
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _csv_term(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, pyoxigraph.BlankNode):
        return "_:" + term.value
    return term.value if not isinstance(term, pyoxigraph.Triple) else str(term)


def row_count(body: bytes, fmt: Format) -> int:
    """How many rows an answer pyoxigraph wrote holds (exactly: values are escaped in each format)."""
    if fmt.key == "json":
        return len(orjson.loads(body)["results"]["bindings"])
    if fmt.key == "xml":
        return body.count(b"<result>")
    if fmt.key == "tsv":
        return body.count(b"\n") - 1
    return sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8")))) - 1


def mark_truncated(body: bytes, fmt: Format) -> bytes:
    """The cut said in the results' head: a ``link`` to ``urn:unxref:truncated`` (JSON and XML)."""
    if fmt.key == "json":
        end = body.index(b"]", body.index(b'"vars":[')) + 1
        return body[:end] + f',"link":["{TRUNCATED_LINK}"]'.encode() + body[end:]
    if fmt.key == "xml":
        return body.replace(b"</head>", f'<link href="{TRUNCATED_LINK}"/></head>'.encode(), 1)
    return body


def write_select(variables: list[str], rows: list[Row], fmt: Format, truncated: bool) -> bytes:
    head_links = [TRUNCATED_LINK] if truncated else []
    if fmt.key == "json":
        bindings = [{v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows]
        head: dict[str, Any] = {"vars": variables}
        if head_links:
            head["link"] = head_links
        return json.dumps({"head": head, "results": {"bindings": bindings}}, ensure_ascii=False).encode()
    if fmt.key == "xml":
        out = [f'<?xml version="1.0"?>\n<sparql xmlns="{SPARQL_RESULTS}"><head>']
        out += [f"<variable name={quoteattr(v)}/>" for v in variables]
        out += [f"<link href={quoteattr(link)}/>" for link in head_links]
        out.append("</head><results>")
        for row in rows:
            out.append("<result>")
            out += [
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(variables, row, strict=True)
                if t is not None
            ]
            out.append("</result>")
        out.append("</results></sparql>\n")
        return "".join(out).encode()
    if fmt.key == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([_csv_term(t) for t in row] for row in rows)
        return buffer.getvalue().encode()
    lines = ["\t".join("?" + v for v in variables)] + ["\t".join(_tsv_term(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def write_triples(triples: list[pyoxigraph.Triple], fmt: Format, truncated: bool) -> bytes:
    """Triples in a graph format: Turtle and TriG with unxref's prefixes, JSON-LD compacted with
    the published context (``@type`` for types), the rest as pyoxigraph writes them."""
    if fmt.key == "jsonld":
        body = _compacted(triples)
    else:
        body = pyoxigraph.serialize(triples, format=fmt.rdf, prefixes=used_prefixes(triples)) or b""
    if truncated and fmt.key in ("ttl", "nt", "nq", "trig"):
        body = f"# truncated: {TRUNCATED_LINK}\n".encode() + body
    return body


# Datatypes Turtle writes with no IRI: "text", "texte"@fr.
_WRITTEN_BARE = {"http://www.w3.org/2001/XMLSchema#string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}


def used_prefixes(triples: list[pyoxigraph.Triple]) -> dict[str, str]:
    """unxref's prefixes that the triples' predicates and objects use (a Turtle page declares
    no others). The distinct terms are read, each once, and each IRI's namespace looked up:
    5.5 ms on a 1,800-triple page when every term's IRI was tried against every prefix, 2.6
    ms now. Subjects are left out (the resources a page is about, under /id/); a subject in a
    namespace no object uses is then written in full, which is still the same Turtle."""
    terms: set[pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal | pyoxigraph.Triple] = {
        triple.predicate for triple in triples
    }
    terms.update(triple.object for triple in triples)
    namespaces = set()
    for term in terms:
        if isinstance(term, pyoxigraph.NamedNode):
            iri = term.value
        elif isinstance(term, pyoxigraph.Literal):
            iri = term.datatype.value
        else:
            continue
        if iri not in _WRITTEN_BARE:
            namespaces.add(iri[: max(iri.rfind("#"), iri.rfind("/")) + 1])
    return {prefix: namespace for prefix, namespace in SHOWN_PREFIXES.items() if namespace in namespaces}


def _compacted(triples: list[pyoxigraph.Triple]) -> bytes:
    """JSON-LD compacted with the published context, by rdflib (imported only for it: the
    query workers otherwise never load it)."""
    from rdflib import Graph

    from unxref.rdf.serialize import serialize

    graph = Graph()
    graph.parse(data=pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES) or b"", format="nt")
    return serialize(graph, "jsonld").encode()
