"""Named SPARQL queries from ``queries/*.rq``.

Each file opens with a comment header::

    # title: What a resolution cites, by paragraph
    # description: ...
    # param resolution: iri: the citing resolution, e.g. A/RES/62/176

Parameters are variables of the query, each optional: a value is made an RDF term
(`pyoxigraph.NamedNode` or `pyoxigraph.Literal`, which refuse or escape anything that
could end the term) and given to the query as a leading ``VALUES`` block, so the
engine plans with it as a constant (binding it through ``substitutions=`` made the
same query hundreds of times slower). A parameter left out leaves its variable
unbound: the query answers for the whole store. An ``iri`` parameter also takes a
UN symbol (normalised: ``a/res/62/176`` is ``A/RES/62/176``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph

from unxref.config import resource_files
from unxref.rdf.iris import Iris
from unxref.service.checks import tokens
from unxref.un import symbols

_HEADER = re.compile(r"^#\s*(title|description|param)\s*(?:(\w+)\s*:\s*(iri|literal)\s*)?:\s*(.*)$")


class QueryError(ValueError):
    """A named query that does not exist, or parameters that do not fit it."""


class UnknownQuery(QueryError):
    """No named query has this name."""


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str  # iri | literal
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str

    def bound(self, values: dict[str, str]) -> str:
        """The query with the given parameters' values as a leading ``VALUES`` block."""
        known = {p.name for p in self.parameters}
        unknown = sorted(set(values) - known)
        if unknown:
            raise QueryError(
                f"query {self.name!r} has no parameter {', '.join(unknown)}; it takes: {', '.join(sorted(known)) or 'none'}"
            )
        given = [(p.name, str(_term(p, values[p.name]))) for p in self.parameters if values.get(p.name)]
        if not given:
            return self.text
        block = f"VALUES ({' '.join('?' + name for name, _ in given)}) {{ ({' '.join(t for _, t in given)}) }}\n"
        opening = _first_group(self.text)
        return self.text[: opening + 1] + "\n  " + block + self.text[opening + 1 :]


def _first_group(query: str) -> int:
    """Where the query's WHERE group opens: the first ``{`` after its form's keyword."""
    found = tokens(query)
    form = next(i for i, t in enumerate(found) if t.is_keyword("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"))
    return next(t.start for t in found[form:] if t.kind == "punctuation" and t.text == "{")


def _term(parameter: Parameter, value: str) -> pyoxigraph.NamedNode | pyoxigraph.Literal:
    if parameter.kind == "literal":
        return pyoxigraph.Literal(value)
    if re.match(r"^[a-z][a-z0-9+.-]*:", value):
        iri = value
    else:
        try:
            iri = Iris.configured().resource(symbols.normalize(value))
        except symbols.SymbolError as error:
            raise QueryError(
                f"parameter {parameter.name!r}: {value!r} is neither an IRI nor a UN symbol ({error})"
            ) from None
    try:
        return pyoxigraph.NamedNode(iri)
    except ValueError:
        raise QueryError(f"parameter {parameter.name!r}: {value!r} is not a valid IRI") from None


@cache
def load_all() -> dict[str, NamedQuery]:
    return {path.stem: _parse(path) for path in resource_files("queries", "*.rq")}


def get(name: str) -> NamedQuery:
    queries = load_all()
    if name not in queries:
        raise UnknownQuery(f"no query named {name!r}; known: {', '.join(queries)}")
    return queries[name]


def _parse(path: Path) -> NamedQuery:
    fields: dict[str, str] = {}
    parameters: list[Parameter] = []
    for line in path.read_text("utf-8").splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if not match:
            continue
        key, name, kind, value = match.groups()
        if key == "param" and name and kind:
            parameters.append(Parameter(name, kind, value.strip()))
        else:
            fields[key] = value.strip()
    if "title" not in fields:
        raise QueryError(f"{path}: the header needs a '# title:' line")
    return NamedQuery(
        name=path.stem,
        title=fields["title"],
        description=fields.get("description", ""),
        parameters=tuple(parameters),
        text=path.read_text("utf-8"),
    )
