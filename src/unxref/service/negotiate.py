"""Content negotiation: pick a format (`unxref.formats`) from a ``format`` parameter or ``Accept``.

``Accept`` is read by python-mimeparse (q-values, the most specific range deciding each
type's q, ties to the format listed first). A ``format`` parameter that names a format
wins; one that names none (SPARQLWrapper sends ``format=n3`` or an empty one beside a
precise Accept) leaves the choice to Accept. A parameter may carry several values, or a
comma-separated list, as SPARQLWrapper sends them.

>>> from unxref.formats import GRAPHS, PAGES, RESULTS
>>> choose(RESULTS, "text/csv;q=0.5, application/sparql-results+xml;q=0.9").key
'xml'
>>> choose(PAGES, "application/*").key
'nt'
>>> choose(GRAPHS, "application/ld+json", ["json-ld", "application/ld+json,application/x-json+ld"]).key
'jsonld'
>>> choose(GRAPHS, "text/turtle", ["n3"]).key
'ttl'
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import mimeparse

from unxref.formats import Format


class NotAcceptable(ValueError):
    """No format the client accepts is one we can produce."""


def choose(formats: tuple[Format, ...], accept: str | None, format_keys: Sequence[str] | str | None = None) -> Format:
    """The format to answer with: a ``format`` value that names one, else the best ``Accept``
    match, else the first format (no Accept header, or ``*/*``)."""
    named = _named(formats, [format_keys] if isinstance(format_keys, str) else format_keys or [])
    if named:
        return named
    if not accept or not accept.strip():
        return formats[0]
    return _accepted(formats, accept)


@lru_cache(maxsize=512)
def _accepted(formats: tuple[Format, ...], accept: str) -> Format:
    """The best match of ``Accept``; kept, since clients send the same few headers again and
    reading one took a page request a third of a millisecond."""
    by_media: dict[str, Format] = {candidate.media_type: candidate for candidate in formats}
    for candidate in formats:  # aliases rank below every format's own type ("application/*" is not x-turtle)
        for media in candidate.aliases:
            by_media.setdefault(media, candidate)
    try:
        best: str = mimeparse.best_match(list(reversed(by_media)), accept)  # the list is in rising preference
    except (ValueError, IndexError):
        best = ""
    if not best:
        shown = accept if len(accept) <= 200 else accept[:200] + "..."
        raise NotAcceptable(
            f"none of the accepted types ({shown}) is one of: {', '.join(f.media_type for f in formats)}"
        )
    return by_media[best]


def from_browser(accept: str | None) -> bool:
    """Whether ``Accept`` names HTML (a browser does), not merely takes anything (curl's ``*/*``)."""
    return accept is not None and "text/html" in accept


def _named(formats: tuple[Format, ...], values: Sequence[str]) -> Format | None:
    for value in values:
        for key in (part.strip().lower() for part in value.split(",")):
            for candidate in formats:
                if key and key in (candidate.key, candidate.media_type, *candidate.names):
                    return candidate
    return None


def format_values(params: Sequence[tuple[str, str]]) -> list[str]:
    """Every value of the parameters that name a format (``format``, SPARQLWrapper's ``output`` and ``results``)."""
    return [value for key, value in params if key in ("format", "output", "results")]
