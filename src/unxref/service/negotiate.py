"""Content negotiation: pick a format (`unxref.formats`) from ``Accept`` (q-values, lists) or a ``format`` parameter."""

from __future__ import annotations

from unxref.formats import Format


class NotAcceptable(ValueError):
    """No format the client accepts is one we can produce."""


def _accepted(accept: str) -> list[tuple[float, int, str]]:
    """(q, specificity, media range) for each range in an Accept header."""
    ranges = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
        ranges.append((q, specificity, media))
    return ranges


def choose(formats: tuple[Format, ...], accept: str | None, format_key: str | None = None) -> Format:
    """The format to answer with: the ``format`` parameter wins, then the best ``Accept`` match,
    then the first format (when there is no Accept header, or it is ``*/*``)."""
    if format_key:
        for candidate in formats:
            if format_key.lower() in (candidate.key, candidate.media_type, *candidate.names):
                return candidate
        raise NotAcceptable(f"format {format_key!r} is not one of: {', '.join(f.key for f in formats)}")
    if not accept or not accept.strip():
        return formats[0]
    best: tuple[float, int, int] | None = None
    chosen = None
    for order, candidate in enumerate(formats):
        names = (candidate.media_type, *candidate.aliases)
        for q, specificity, media in _accepted(accept):
            kind = media.split("/")[0]
            matches = (
                media == "*/*"
                or media in names
                or (media.endswith("/*") and any(n.startswith(kind + "/") for n in names))
            )
            exact = 1 if media == candidate.media_type else 0
            if matches and q > 0:
                score = (q, specificity + exact, -order)
                if best is None or score > best:
                    best, chosen = score, candidate
    if chosen is None:
        raise NotAcceptable(
            f"none of the accepted types ({accept}) is one of: {', '.join(f.media_type for f in formats)}"
        )
    return chosen
