"""What a SPARQL request asks for, read from its tokens: an update, a SERVICE call, its own dataset.

The service refuses updates and unallowed SERVICE calls before a query reaches the
engine, and needs to know whether a query names its own dataset (FROM, FROM NAMED).
"""

from __future__ import annotations

import re

# Tokens that can hide the word SERVICE: strings, IRIs and comments.
_LEXEME = re.compile(
    r"(?P<string>'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\")"
    r"|(?P<iri><[^<>\"{}|^`\\\s]*>)"
    r"|(?P<comment>#[^\n]*)"
    r"|(?P<word>[A-Za-z_][A-Za-z_0-9]*)"
    r"|(?P<variable>[?$][A-Za-z_0-9]+)",
    re.DOTALL,
)


class QueryRefused(ValueError):
    """A query the service will not run (status 403)."""


def _tokens(query: str) -> list[tuple[str | None, str]]:
    return [(m.lastgroup, m.group()) for m in _LEXEME.finditer(query) if m.lastgroup not in ("string", "comment")]


def declares_dataset(query: str) -> bool:
    """Whether the query has its own FROM or FROM NAMED (then the union default graph does not apply)."""
    return any(kind == "word" and text.upper() == "FROM" for kind, text in _tokens(query))


UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})


def is_update(text: str) -> bool:
    """Whether a request's text is a SPARQL Update: its first keyword after the prologue
    (``PREFIX name: <iri>``, ``BASE <iri>``) is an update's."""
    tokens = _tokens(text)
    index = 0
    while index < len(tokens) and tokens[index][1].upper() in ("PREFIX", "BASE"):
        index += 1
        while index < len(tokens) and tokens[index][0] != "iri":  # the prefix's name, if it has one
            index += 1
        index += 1
    first = tokens[index][1].upper() if index < len(tokens) else ""
    return first in UPDATE_WORDS


def check_services(query: str, allowed: tuple[str, ...]) -> None:
    """Refuse ``SERVICE`` unless every endpoint it calls is in ``allowed``."""
    tokens = _tokens(query)
    for index, (kind, text) in enumerate(tokens):
        if kind != "word" or text.upper() != "SERVICE":
            continue
        following = [t for t in tokens[index + 1 : index + 3] if not (t[0] == "word" and t[1].upper() == "SILENT")]
        target = following[0] if following else ("", "")
        if target[0] != "iri" or target[1][1:-1] not in allowed:
            shown = target[1] or "(nothing)"
            allowance = f"allowed: {', '.join(allowed)}" if allowed else "this server allows none"
            raise QueryRefused(f"SERVICE {shown} is not an allowed federated endpoint ({allowance})")
