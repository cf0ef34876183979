"""A SPARQL 1.1 service as the store: the part of `pyoxigraph.Store` unxref uses, over HTTP.

``--store`` (or ``UNXREF_STORE``) may be the query URL of a SPARQL 1.1 service instead of a
folder. Everything else comes from the environment, so that no secret is ever on a command
line or in a log:

    UNXREF_STORE_UPDATE    the update URL (default: the query URL with a final ``/query``
                           made ``/update``, as Oxigraph and Fuseki name them; else the query URL)
    UNXREF_STORE_GSP       the Graph Store Protocol URL, used to read whole graphs (optional:
                           without it a graph is read with a CONSTRUCT query)
    UNXREF_STORE_USER      credentials sent with every request
    UNXREF_STORE_PASSWORD
    UNXREF_STORE_AUTH      ``basic`` (the default) or ``digest`` (Virtuoso's ``/sparql-auth``)

What the service must do for unxref (the README has each engine's settings): take SPARQL 1.1
queries and updates, and answer a query without ``FROM`` over the union of all graphs.
Only portable SPARQL is sent, as the protocol's URL-encoded forms (Virtuoso 7.2 does not
read a query sent as the request's body); what one engine answers in its own way is
mended here, in `_standard_results`, and named there.

Answers come back as pyoxigraph's own objects (`pyoxigraph.QuerySolutions`,
`pyoxigraph.QueryBoolean`, triples), so the service, the pages and the chains run on a
remote store through the same code as on the embedded one.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

import orjson
import pyoxigraph

from unxref.config import base

if TYPE_CHECKING:
    import httpx

RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
ACCEPT = f"{RESULTS_JSON}, {N_TRIPLES};q=0.9"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
TRANSIENT = {429, 502, 503, 504}  # answers worth asking again
RETRIES = 4  # attempts in all; waits of 0.5, 1 and 2 s between them
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
EMPTY = pyoxigraph.Store()  # where a query is parsed before it is sent


STATE_GRAPH = "graph/state"  # under the base: when the store was last published (`unxref.store.Store.publish`)


def is_url(location: str) -> bool:
    """Whether ``--store`` names a SPARQL service rather than a folder."""
    return location.lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class Endpoint:
    """Where a remote store answers, and which published state of it is meant (see `publish`).
    Holds no credentials: they are read from the environment where requests are sent."""

    query: str
    update: str
    graph_store: str | None = None
    state: str = ""  # the store's ``dcterms:modified`` when it was last published; "" before

    @classmethod
    def configured(cls, query: str) -> Endpoint:
        """The endpoint of a query URL, with the other URLs from the environment. Credentials
        written into a URL are refused (they would be on a command line, and in logs).

        >>> Endpoint.configured("http://127.0.0.1:7878/query").update
        'http://127.0.0.1:7878/update'
        >>> Endpoint.configured("http://127.0.0.1:8890/sparql").update
        'http://127.0.0.1:8890/sparql'
        """
        default_update = query[: -len("/query")] + "/update" if query.endswith("/query") else query
        urls = [query, os.environ.get("UNXREF_STORE_UPDATE") or "", os.environ.get("UNXREF_STORE_GSP") or ""]
        if any(urlsplit(url).password is not None or "@" in urlsplit(url).netloc for url in urls):
            raise ValueError("a store URL holds credentials: give them as UNXREF_STORE_USER and UNXREF_STORE_PASSWORD")
        return cls(
            query=query,
            update=os.environ.get("UNXREF_STORE_UPDATE") or default_update,
            graph_store=os.environ.get("UNXREF_STORE_GSP") or None,
        )

    def __str__(self) -> str:
        return self.query


class RemoteError(OSError):
    """The service could not be reached (``status`` None), or answered a request with an error."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def _auth() -> httpx.Auth | None:
    import httpx

    user, password = os.environ.get("UNXREF_STORE_USER"), os.environ.get("UNXREF_STORE_PASSWORD", "")
    if not user:
        return None
    if os.environ.get("UNXREF_STORE_AUTH", "basic").lower() == "digest":
        return httpx.DigestAuth(user, password)
    return httpx.BasicAuth(user, password)


def _standard_results(body: bytes) -> bytes:
    """SPARQL JSON results as the standard writes them. Virtuoso 7.2 writes a boolean as
    ``"1"``/``"0"`` (the canonical forms are ``true``/``false``, which pyoxigraph and the other
    engines give) with the pre-Recommendation ``typed-literal`` type, and may answer an ASK
    as a SELECT of one variable, ``__ASK_RETVAL``, with one row when true and none when false."""
    if b"typed-literal" not in body and b"__ASK_RETVAL" not in body:
        return body
    results = orjson.loads(body)
    rows = results.get("results", {}).get("bindings", [])
    if results.get("head", {}).get("vars") == ["__ASK_RETVAL"]:
        value = rows[0].get("__ASK_RETVAL", {}).get("value", "1") if rows else "0"
        return orjson.dumps({"head": {}, "boolean": value not in ("0", "false")})
    for row in rows:
        for term in row.values():
            if term.get("type") != "typed-literal":
                continue
            term["type"] = "literal"
            if term.get("datatype") == XSD_BOOLEAN and term.get("value") in ("1", "0"):
                term["value"] = "true" if term["value"] == "1" else "false"
    return orjson.dumps(results)


def _answer(
    url: str, content_type: str, body: bytes
) -> pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | list[pyoxigraph.Triple]:
    """A query's answer as pyoxigraph's objects; one it cannot read is a `RemoteError`."""
    media_type = content_type.split(";")[0].strip()
    try:
        if media_type == RESULTS_JSON:
            return pyoxigraph.parse_query_results(_standard_results(body), format=pyoxigraph.QueryResultsFormat.JSON)
        rdf = pyoxigraph.RdfFormat.from_media_type(media_type)
        if rdf is None:
            raise RemoteError(f"{url}: answered with {media_type or 'no media type'}, not SPARQL results or RDF")
        return [quad.triple for quad in pyoxigraph.parse(body, format=rdf)]
    except (SyntaxError, ValueError, orjson.JSONDecodeError) as error:
        raise RemoteError(f"{url}: an answer that cannot be read: {error}") from None


class RemoteStore:
    """The methods of `pyoxigraph.Store` unxref uses, answered by a SPARQL 1.1 service.
    Only the graphs under unxref's base are the store's: an engine may hold others (Virtuoso
    keeps its own system graphs)."""

    def __init__(self, endpoint: Endpoint, timeout: float = 600.0) -> None:
        import httpx  # here: the web process of a server over a folder never needs it

        self.endpoint = endpoint
        self.graphs_under = base()
        self._client = httpx.Client(auth=_auth(), timeout=timeout, headers={"User-Agent": "unxref"})

    def _send(self, url: str, **request: Any) -> httpx.Response:
        """A POST (or the method given), asked again on a transient failure; a refusal or a
        service that stays away is a `RemoteError` naming the URL, never the credentials."""
        import httpx

        method = request.pop("method", "POST")
        for attempt in range(RETRIES):
            try:
                response = self._client.request(method, url, **request)
            except httpx.ReadTimeout:  # the engine is still at it: asking again would only add to its load
                raise RemoteError(f"{url}: no answer within {self._client.timeout.read} s") from None
            except httpx.TransportError as error:
                failure = f"{url}: {type(error).__name__}: {error}"
            except httpx.HTTPError as error:
                raise RemoteError(f"{url}: {type(error).__name__}: {error}") from None
            else:
                if response.status_code not in TRANSIENT:
                    break
                failure = f"{url}: {response.status_code} {response.reason_phrase}"
            if attempt == RETRIES - 1:
                raise RemoteError(failure)
            time.sleep(0.5 * 2**attempt)
        if response.is_redirect:  # never followed: a redirected update would be taken as written
            raise RemoteError(f"{url}: redirected ({response.status_code}); give the URL it redirects to")
        if response.status_code >= 400:
            raise RemoteError(f"{url}: {response.status_code}: {response.text.strip()[:500]}", response.status_code)
        return response

    def query(
        self,
        query: str,
        *,
        use_default_graph_as_union: bool = True,
        default_graph: list[pyoxigraph.NamedNode] | None = None,
        named_graphs: list[pyoxigraph.NamedNode] | None = None,
        base_iri: str | None = None,
    ) -> pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | list[pyoxigraph.Triple]:
        """A query, answered as pyoxigraph answers it. The union default graph is the service's
        own (a requirement of unxref); graphs the protocol names go as its parameters. The
        query is parsed by pyoxigraph first (planned on an empty store, not run), so that only
        SPARQL 1.1 reaches the engine, never an engine's extensions (Virtuoso's ``DEFINE``,
        ``MODIFY``), whatever a client sends."""
        with contextlib.suppress(OSError):  # an ASK is run at once: its SERVICE call may fail; the parse did not
            EMPTY.query(query, base_iri=base_iri)  # raises SyntaxError
        form = [("query", f"BASE {pyoxigraph.NamedNode(base_iri)}\n{query}" if base_iri else query)]
        form += [("default-graph-uri", g.value) for g in default_graph or ()]
        form += [("named-graph-uri", g.value) for g in named_graphs or ()]
        response = self._send(self.endpoint.query, content=urlencode(form), headers={"Accept": ACCEPT, **FORM})
        if "X-SPARQL-MaxRows" in response.headers:  # Virtuoso's only sign that it cut the answer
            raise RemoteError(
                f"{self.endpoint.query}: the service cut its answer at {response.headers['X-SPARQL-MaxRows']} rows"
                " (Virtuoso: raise ResultSetMaxRows in the [SPARQL] section of virtuoso.ini)"
            )
        return _answer(self.endpoint.query, response.headers.get("content-type", ""), response.content)

    def update(self, update: str) -> None:
        self._send(self.endpoint.update, content=urlencode({"update": update}), headers=FORM)

    def _select(self, query: str) -> pyoxigraph.QuerySolutions:
        solutions = self.query(query)
        assert isinstance(solutions, pyoxigraph.QuerySolutions)
        return solutions

    def _ours(self, variable: str) -> str:
        """The store's graphs: those under the base, but the state graph (the engine's, not the data's)."""
        state = pyoxigraph.NamedNode(self.graphs_under + STATE_GRAPH)
        return (
            f"FILTER (STRSTARTS(STR(?{variable}), {pyoxigraph.Literal(self.graphs_under)}) && ?{variable} != {state})"
        )

    def named_graphs(self) -> Iterator[pyoxigraph.NamedNode]:
        for row in self._select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._ours('g')} }}"):
            yield row[0]

    def contains_named_graph(self, graph: pyoxigraph.NamedNode) -> bool:
        answer = self.query(f"ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
        return bool(answer)

    def quads_for_pattern(
        self, subject: Any, predicate: Any, object: Any, graph_name: Any = None
    ) -> Iterator[pyoxigraph.Quad]:
        """The quads matching a pattern (None matches anything), in the store's graphs."""
        terms = [(subject, "?s"), (predicate, "?p"), (object, "?o"), (graph_name, "?g")]
        s, p, o, g = (str(term) if term is not None else variable for term, variable in terms)
        where = f"GRAPH {g} {{ {s} {p} {o} }}" + ("" if graph_name is not None else f" {self._ours('g')}")
        for row in self._select(f"SELECT ?s ?p ?o ?g WHERE {{ {where} }}"):
            yield pyoxigraph.Quad(
                row["s"] or subject, row["p"] or predicate, row["o"] or object, row["g"] or graph_name
            )

    def dump(
        self,
        output: IO[bytes] | None = None,
        format: pyoxigraph.RdfFormat | None = None,
        *,
        from_graph: pyoxigraph.NamedNode | None = None,
        prefixes: dict[str, str] | None = None,
    ) -> bytes | None:
        """One graph (``from_graph``) or every graph of the store, written as pyoxigraph writes it."""
        if from_graph is None:
            data: list[Any] = list(self.quads_for_pattern(None, None, None, None))
        elif self.endpoint.graph_store:
            response = self._send(
                self.endpoint.graph_store,
                method="GET",
                params={"graph": from_graph.value},
                headers={"Accept": N_TRIPLES},
            )
            data = [q.triple for q in pyoxigraph.parse(response.content, format=pyoxigraph.RdfFormat.N_TRIPLES)]
        else:
            data = list(self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {from_graph} {{ ?s ?p ?o }} }}"))  # type: ignore[arg-type]
        return pyoxigraph.serialize(data, output, format=format, prefixes=prefixes)

    def __len__(self) -> int:
        """The number of quads in the store's graphs."""
        count = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._ours('g')} }}")
        return int(next(iter(count))[0].value)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


Engine = pyoxigraph.Store | RemoteStore  # what a store is read through: on disk, or a service
