"""What a SPARQL request asks for, read from its tokens: an update, a SERVICE call, its own dataset.

The service refuses updates and unallowed SERVICE calls before a query reaches the
engine, and needs to know whether a query names its own dataset (FROM, FROM NAMED).
The tokens are SPARQL's own (strings with their escapes, IRIs, prefixed names,
variables, comments), so a keyword is never read inside a string, an IRI, a comment
or a prefixed name (``ex:from``, ``ex:service``).

>>> [t.text for t in tokens("SELECT * FROM <g> { ?s ex:from ?o } # SERVICE")]
['SELECT', '*', 'FROM', '<g>', '{', '?s', 'ex:from', '?o', '}']
>>> [t.text for t in tokens("BIND('''a\\\\'''' AS ?x)")]
['BIND', '(', "'''a\\\\''''", 'AS', '?x', ')']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Literal

from unxref.vocab import QUERY_PREFIXES

Kind = Literal["string", "iri", "prefixed", "variable", "word", "punctuation"]

_LEXEME = re.compile(
    r"""
    (?P<string>                                  # strings, with their escapes (\' \" \\ ...)
        '''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
      | \"\"\"(?:(?:\"|\"\")?(?:[^"\\]|\\.))*\"\"\"
      | '(?:[^'\\\n\r]|\\.)*'
      | "(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)           # <http://...>
  | (?P<comment>\#[^\n\r]*)                      # to the end of the line
  | (?P<prefixed>                                # ex:from, :x, ex:  (a prefix may be any name)
        (?:[A-Za-z\u00C0-\uFFFF](?:[\w.\u00B7\u00C0-\uFFFF-]*[\w\u00B7\u00C0-\uFFFF-])?)?
        :(?:(?:[\w:\u00C0-\uFFFF]|%[0-9A-Fa-f]{2}|\\[-_~.!$&'()*+,;=/?\#@%])
            (?:(?:[\w.:\u00B7\u00C0-\uFFFF-]|%[0-9A-Fa-f]{2}|\\[-_~.!$&'()*+,;=/?\#@%])*
               (?:[\w:\u00B7\u00C0-\uFFFF-]|%[0-9A-Fa-f]{2}|\\[-_~.!$&'()*+,;=/?\#@%]))?)?)
  | (?P<variable>[?$][\w\u00B7\u00C0-\uFFFF]+)
  | (?P<word>[A-Za-z_]\w*)                       # keywords, function names, a, true
  | (?P<punctuation>\S)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str
    start: int = 0  # where it stands in the query

    def is_keyword(self, *words: str) -> bool:
        return self.kind == "word" and self.text.upper() in words


class QueryRefused(ValueError):
    """A query the service will not run (status 403)."""


class QueryTooLarge(ValueError):
    """A query past the size the engine can parse safely (status 400)."""


MAX_QUERY_CHARS = 1_000_000
MAX_NESTING = 200  # of { ( [ : the engine's parser recurses, and overflows its stack near 5,000
MAX_CHAINED = 2_000  # UNION, OPTIONAL, MINUS and operators: each nests the algebra once more (10,000 crash it)
_CHAINING_WORDS = ("UNION", "OPTIONAL", "MINUS")
_OPERATORS = frozenset("|&/+-*=<>!^")


@lru_cache(maxsize=32)
def tokens(query: str) -> tuple[Token, ...]:
    """The query's tokens, comments left out; read once for all the checks of a request."""
    return tuple(
        Token(match.lastgroup, match.group(), match.start())  # type: ignore[arg-type]
        for match in _LEXEME.finditer(query)
        if match.lastgroup != "comment"
    )


def check_size(query: str) -> None:
    """Refuse a query the engine would take its process down parsing (a stack overflow), with
    the limit it passed; the limits leave room for any query a person or a tool writes."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryTooLarge(f"the query is longer than {MAX_QUERY_CHARS:,} characters")
    depth = chained = 0
    for token in tokens(query):
        if token.kind == "punctuation":
            depth += {"{": 1, "(": 1, "[": 1, "}": -1, ")": -1, "]": -1}.get(token.text, 0)
            chained += token.text in _OPERATORS
        else:
            chained += token.is_keyword(*_CHAINING_WORDS)
        if depth > MAX_NESTING:
            raise QueryTooLarge(f"the query nests brackets more than {MAX_NESTING} deep")
        if chained > MAX_CHAINED:
            raise QueryTooLarge(f"the query chains more than {MAX_CHAINED:,} UNION, OPTIONAL, MINUS or operators")


def _prefixes(found: tuple[Token, ...]) -> dict[str, str]:
    """``PREFIX name: <iri>`` declarations: name → IRI."""
    declared = {}
    for index, token in enumerate(found[:-2]):
        if token.is_keyword("PREFIX") and found[index + 1].kind == "prefixed" and found[index + 2].kind == "iri":
            declared[found[index + 1].text.rstrip(":")] = found[index + 2].text[1:-1]
    return declared


def undeclared_prefixes(query: str) -> list[str]:
    """The prefixes the query's names use but no ``PREFIX`` declares, in order.

    >>> undeclared_prefixes("PREFIX cito: <http://purl.org/spar/cito/> SELECT * { ?s cito:cites ?o ; unx:p ?x }")
    ['unx']
    """
    found = tokens(query)
    declared = _prefixes(found)
    used = (t.text.split(":", 1)[0] for t in found if t.kind == "prefixed")
    return list(dict.fromkeys(p for p in used if p not in declared))


_CHARACTER_CLASS = re.compile(r"\[[^\]]*\.\.=[^\]]*\]")


def readable(query: str, message: str) -> str:
    """The engine's syntax error, read by a person: an undeclared prefix named, with the
    declaration to add when unxref knows the prefix, and the parser's lists of character
    ranges left out.

    >>> readable("SELECT * { ?s unx:p ?o }", "error at 1:19: expected one of Prefix not found, ['%'], [':']")
    'error at 1:19: the prefix unx: is not declared (PREFIX unx: <https://w3id.org/unxref/ontology#>)'
    """
    if "Prefix not found" in message and (missing := undeclared_prefixes(query)):
        position = message.split(": expected", 1)[0]
        known = [f"PREFIX {p}: <{QUERY_PREFIXES[p]}>" for p in missing if p in QUERY_PREFIXES]
        names = ", ".join(f"{p}:" for p in missing)
        verb = "is" if len(missing) == 1 else "are"
        return f"{position}: the prefix {names} {verb} not declared" + (f" ({'; '.join(known)})" if known else "")
    return _CHARACTER_CLASS.sub("[a name character]", message)


def declares_dataset(query: str) -> bool:
    """Whether the query has its own FROM or FROM NAMED (then the union default graph does not apply)."""
    found = tokens(query)
    return any(
        token.is_keyword("FROM") and (following.kind in ("iri", "prefixed") or following.is_keyword("NAMED"))
        for token, following in pairwise(found)
    )


UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})


def is_update(text: str) -> bool:
    """Whether a request's text is a SPARQL Update: its first keyword after the prologue
    (``PREFIX name: <iri>``, ``BASE <iri>``) is an update's."""
    first = _first_after_prologue(text)
    return first is not None and first.is_keyword(*UPDATE_WORDS)


def query_form(text: str) -> str | None:
    """SELECT, CONSTRUCT, ASK or DESCRIBE: the query's first keyword after the prologue.

    >>> query_form("PREFIX ex: <http://example.org/> CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    """
    first = _first_after_prologue(text)
    forms = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
    return first.text.upper() if first is not None and first.is_keyword(*forms) else None


def _first_after_prologue(text: str) -> Token | None:
    found = tokens(text)
    index = 0
    while index < len(found) and found[index].is_keyword("PREFIX", "BASE"):
        index += 3 if found[index].is_keyword("PREFIX") else 2
    return found[index] if index < len(found) else None


def capped(query: str, limit: int) -> str | None:
    """A SELECT query cut at ``limit`` rows by the engine: ``SELECT * WHERE { <query> } LIMIT n``,
    its prologue kept in front (the order of its rows is kept too). None for what cannot be
    wrapped so: other query forms, and a query with its own FROM (a subquery may not have one)."""
    found = tokens(query)
    index = 0
    while index < len(found) and found[index].is_keyword("PREFIX", "BASE"):
        index += 3 if found[index].is_keyword("PREFIX") else 2
    if index >= len(found) or not found[index].is_keyword("SELECT") or declares_dataset(query):
        return None
    projected = _projection(found[index + 1 :])
    if not projected:
        return None
    start = found[index].start
    return f"{query[:start]}SELECT {' '.join(projected)} WHERE {{\n{query[start:]}\n}} LIMIT {limit}"


def _projection(found: tuple[Token, ...]) -> list[str]:
    """The variables a SELECT projects, in order (``?a (COUNT(*) AS ?n)`` gives ?a ?n); none for ``*``."""
    projected: list[str] = []
    depth = 0
    for token, following in pairwise(found):
        if (token.text == "*" and depth == 0) or token.is_keyword("WHERE") or token.text == "{":
            return [] if token.text == "*" else projected
        depth += {"(": 1, ")": -1}.get(token.text, 0)
        if token.kind == "variable" and depth == 0:
            projected.append(token.text)
        elif token.is_keyword("AS") and following.kind == "variable":
            projected.append(following.text)
    return projected


def check_services(query: str, allowed: tuple[str, ...]) -> None:
    """Refuse ``SERVICE`` unless every endpoint it calls is in ``allowed`` (a variable or an
    unknown prefix never is)."""
    found = tokens(query)
    prefixes = _prefixes(found)
    for index, token in enumerate(found):
        if not token.is_keyword("SERVICE"):
            continue
        following = [t for t in found[index + 1 : index + 3] if not t.is_keyword("SILENT")]
        target = following[0] if following else None
        endpoint = _endpoint(target, prefixes)
        if endpoint is None or endpoint not in allowed:
            shown = target.text if target else "(nothing)"
            allowance = f"allowed: {', '.join(allowed)}" if allowed else "this server allows none"
            raise QueryRefused(f"SERVICE {shown} is not an allowed federated endpoint ({allowance})")


def _endpoint(target: Token | None, prefixes: dict[str, str]) -> str | None:
    if target is None:
        return None
    if target.kind == "iri":
        return target.text[1:-1]
    if target.kind == "prefixed":
        name, _, local = target.text.partition(":")
        return prefixes[name] + local if name in prefixes else None
    return None
