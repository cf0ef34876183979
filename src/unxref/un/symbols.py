"""UN document symbols: parse, validate and normalise.

A symbol is a sequence of components separated by slashes, following the UN
Library's grammar (https://research.un.org/en/docs/symbols):

    organ series   A, S, E, T, ST, ...         A/62/117
    subsidiary     C.3, CN.7, AC.26, HRC       A/C.3/62/L.5, E/CN.7/2007/16
    special        RES, PRST, DEC, L.5, PV.76  A/RES/62/176, S/PRST/2003/7
    session        62, S-20, ES-10, 2007       A/RES/S-20/2, E/RES/2007/12
    modifiers      Add.1, Corr.1, Rev.1        E/2007/28/Corr.1
    a trailing year or Roman session in parentheses, after a space:
                   S/RES/687 (1991), A/RES/1514 (XV)

`parse` repairs the spacing and letter case that texts and OCR introduce, and
`normalize` gives the canonical spelling; it is idempotent:

>>> normalize("s/res/687(1991)")
'S/RES/687 (1991)'
>>> normalize("E/2007/28/corr. 1")
'E/2007/28/Corr.1'
>>> normalize("A/C.3/62/L.5")
'A/C.3/62/L.5'
>>> parse("A/RES/1514 (XV)").qualifier
'XV'
>>> normalize("NPT/CONF.2000/28 (Parts I and  II)")
'NPT/CONF.2000/28 (Parts I and II)'
>>> parse("Q/1")
Traceback (most recent call last):
...
unxref.un.symbols.SymbolError: unknown organ series 'Q' in 'Q/1'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MODIFIER = re.compile(
    r"""^(Add|Corr|Rev|Amend)\.(\d+)$   # an addendum, corrigendum, revision or amendment: Add.1
    | ^(Summary)$                       # a summary record""",
    re.IGNORECASE | re.VERBOSE,
)
_SESSION = re.compile(r"^(?:S|ES)-\d+$  # a special or emergency special session: S-20, ES-10", re.I | re.X)
_NUMBER = re.compile(r"^\d+(?:-\d+)?$  # a session, year or document number, or a range: 62, 2007, 1-3", re.X)
_NAMED = re.compile(
    r"^[A-Z][A-Za-z]*(?:\.(?:\d+[A-Za-z]?|[IVXL]+))*$  # a named component: RES, CN.7, L.5, PV.76, CONF.IX", re.X
)
_QUALIFIER = re.compile(
    r"""^(?:\d{4}                      # a year: (1991)
    | [IVXLC]+                         # a Roman session: (XV)
    | E?S-(?:[IVXLC]+|\d+))$           # a special or emergency special session: (ES-IV), (S-2)""",
    re.X,
)
# A part or volume of a document, in parentheses after it: "NPT/CONF.2000/28 (Parts I and II)".
_LABEL = re.compile(
    r"""\s*\(\s*(                      # in parentheses:
    (?:Vol\.|Volume|Parts?|Partie|Parties)\s*[IVX]+    # a volume or part: "Vol. I", "Part III"
    (?:\s*(?:and|et|-)\s*[IVX]+)?        # or two: "Parts I and II"
    )\s*\)\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_TRAILING = re.compile(
    r"""\s*\(\s*                       # the qualifier, in parentheses after the last component
    (\d{4} | [IVXLC]+ | E?S-(?:[IVXLC]+|\d+))
    \s*\)\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# How resolutions are referred to in running text, without their series and RES:
# "61/183", "S-20/2-4", "2007/12", "687 (1991)", "1514 (XV)", "2200 A (XXI)".
REFERENCE = re.compile(
    r"""(?P<new>                              # new style: session/number
        (?P<session>(?:E?S-)?\d{1,4})         #   a session, special session or year: 61, S-20, ES-10, 2007
        /(?P<number>\d{1,4})                  #   the number in it
        (?:-(?P<last>\d{1,4}))?)              #   the last of a range: 61/183-185
    | (?P<old>                                #  old style: number (qualifier)
        (?P<onumber>\d{1,4})                  #   the number: 687
        (?:\s+(?P<opart>[A-Z]))?              #   a part letter: 2200 A
        \s*\(\s?(?P<qualifier>                #   in parentheses (OCR may space them: "( XXIX)"):
        \d{4} | [IVXL]+ | E?S-(?:[IVXL]+|\d+) #   a year, a Roman session, a special session,
        | (?:LS|E8)-[IVXL]+                   #   an emergency special session as OCR misread it
        )\s?\))""",
    re.VERBOSE | re.ASCII,  # digits 0-9 only: "٦٢" is no session's number
)
SERIES = frozenset(
    [
        "A",
        "S",
        "E",
        "T",
        "ST",
        "DP",
        "UNEP",
        "TD",
        "CCPR",
        "CERD",
        "CEDAW",
        "CRC",
        "CAT",
        "CRPD",
        "CMW",
        "HRI",
        "ACC",
        "ID",
        "IDB",
        "JIU",
        "UNW",
        "CED",
        # Conferences and meetings of States parties whose documents carry UN symbols.
        "NPT",
        "BWC",
        "CCW",
        "CD",
        "TPNW",
        "APLC",
        "CCM",
        "FCCC",
        "ICCD",
    ]
)


class SymbolError(ValueError):
    """Raised for a string that is not a UN document symbol."""


@dataclass(frozen=True, order=True)
class Symbol:
    """A parsed symbol: its slash-separated components and an optional qualifier.

    `qualifier` is the parenthesised year or Roman session number that follows
    the last component (``1991`` in ``S/RES/687 (1991)``).

    >>> symbol = parse("E/2007/28/Corr.1")
    >>> symbol.series, symbol.modifiers, str(symbol.base)
    ('E', ('Corr.1',), 'E/2007/28')
    >>> parse("S/RES/687 (1991)").is_resolution
    True
    """

    components: tuple[str, ...]
    qualifier: str | None = None
    label: str | None = None  # a part or volume: "Part I", "Vol. III", "Parts I and II"

    def __str__(self) -> str:
        text = "/".join(self.components)
        text = f"{text} ({self.qualifier})" if self.qualifier else text
        return f"{text} ({self.label})" if self.label else text

    @property
    def series(self) -> str:
        return self.components[0]

    @property
    def is_resolution(self) -> bool:
        return "RES" in self.components[1:]

    @property
    def modifiers(self) -> tuple[str, ...]:
        return tuple(c for c in self.components if _MODIFIER.match(c))

    @property
    def base(self) -> Symbol:
        """The symbol without its Add./Corr./Rev. modifiers."""
        return Symbol(tuple(c for c in self.components if not _MODIFIER.match(c)), self.qualifier, self.label)

    def with_modifier(self, modifier: str) -> Symbol:
        """>>> str(parse("S/13026").with_modifier("Corr.1"))
        'S/13026/Corr.1'
        """
        return parse(f"{'/'.join(self.components)}/{modifier}" + (f" ({self.qualifier})" if self.qualifier else ""))


def _normalize_component(raw: str) -> str:
    component = re.sub(r"\.\s+", ".", raw.strip())
    modifier = _MODIFIER.match(component)
    if modifier:
        if modifier.group(3):
            return "Summary"
        return f"{modifier.group(1).capitalize()}.{modifier.group(2)}"
    if _SESSION.match(component) or _NUMBER.match(component):
        return component.upper()
    if _NAMED.match(component.upper()):
        # "Sub.2" keeps its case; "res" or "RES" becomes "RES".
        return (
            component
            if _NAMED.match(component) and not component.isupper() and component[0].isupper()
            else component.upper()
        )
    raise SymbolError(f"not a symbol component: {raw!r}")


def parse(text: str) -> Symbol:
    """Parse a symbol, repairing spacing and case; raise SymbolError if invalid."""
    if not text or not text.strip():
        raise SymbolError("empty symbol")
    body = text.strip()
    qualifier = label = None
    part = _LABEL.search(body)
    if part:
        label = re.sub(r"\s+", " ", part.group(1))
        body = body[: part.start()]
    if not re.sub(r"\s", "", body).isascii():  # "٦٢" is not "62", and "ſ" is not "S"
        raise SymbolError(f"a symbol is written in ASCII letters and digits: {text!r}")
    trailing = _TRAILING.search(body)
    if trailing:
        qualifier = trailing.group(1).upper()
        body = body[: trailing.start()]
    raw_components = list(re.split(r"\s*/\s*", body))
    if len(raw_components) < 2 or any(not c for c in raw_components):
        raise SymbolError(f"not a symbol: {text!r}")
    components = tuple(_normalize_component(c) for c in raw_components)
    if components[0] not in SERIES:
        raise SymbolError(f"unknown organ series {components[0]!r} in {text!r}")
    if _MODIFIER.match(components[1]):
        raise SymbolError(f"modifier without a document in {text!r}")
    if qualifier is not None and not _QUALIFIER.match(qualifier):
        raise SymbolError(f"bad qualifier {qualifier!r} in {text!r}")
    return Symbol(components, qualifier, label)


def normalize(text: str) -> str:
    """The canonical spelling of a symbol: ``normalize("s/res/687(1991)") == "S/RES/687 (1991)"``."""
    return str(parse(text))


def implied_body(reference: re.Match[str]) -> str:
    """Who adopted a resolution, told by the form of its `REFERENCE` alone: "2007/12"
    (a year, then a number) is ECOSOC's style; "687 (1991)" the Security Council's;
    "1514 (XV)" and "61/183" the General Assembly's (authority codes).

    >>> [implied_body(REFERENCE.match(r)) for r in ("2007/12", "687 (1991)", "1514 (XV)", "61/183")]
    ['ECOSOC', 'SC', 'GA', 'GA']
    """
    if reference.group("new") and re.fullmatch(r"(?:19|20)\d\d", reference.group("session")):
        return "ECOSOC"
    if reference.group("old") and reference.group("qualifier").isdigit():
        return "SC"
    return "GA"


def reference_symbol(prefix: str, reference: re.Match[str], number: str | None = None) -> str:
    """The symbol of a `REFERENCE` to a resolution of the body whose series is ``prefix``;
    ``number`` picks one of a range.

    >>> reference_symbol("S", REFERENCE.match("687 (1991)"))
    'S/RES/687 (1991)'
    >>> reference_symbol("A", REFERENCE.match("61/183-185"), "184")
    'A/RES/61/184'
    >>> reference_symbol("A", REFERENCE.match("2253 (LS-V)")), reference_symbol("A", REFERENCE.match("3212 ( XXIX)"))
    ('A/RES/2253 (ES-V)', 'A/RES/3212 (XXIX)')
    """
    if reference.group("new"):
        return normalize(f"{prefix}/RES/{reference.group('session')}/{number or reference.group('number')}")
    qualifier = re.sub(r"^(?:LS|E8)-", "ES-", reference.group("qualifier"))
    return normalize(f"{prefix}/RES/{number or reference.group('onumber')} ({qualifier})")
