"""The document model: what extraction produces, as plain dataclasses with spans.

Every span is a half-open ``(start, end)`` pair of character offsets into the
document's reading text (`Document.text`, the output of `unxref.read`), so that
``text[start:end] == quote`` always holds.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Span = tuple[int, int]
ParagraphKind = Literal["preambular", "operative", "annex"]
CitationKind = Literal["resolution", "decision", "document", "treaty"]
MentionKind = Literal["body", "session"]


@dataclass
class SubParagraph:
    label: str  # "a", "ii", "-" for a dash item
    span: Span


@dataclass
class Paragraph:
    id: str  # PP1, OP3, ANNEX-2
    kind: ParagraphKind
    number: int | None
    section: str | None
    verb: str | None
    function: str | None
    span: Span
    subparagraphs: list[SubParagraph] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)  # bodies a call to action names: ["SG", "UNODC"]


@dataclass
class Footnote:
    number: int
    text: str
    span: Span
    paragraphs: list[str] = field(default_factory=list)
    status: Literal["tied", "dangling", "foreign"] = "tied"  # dangling or foreign: no paragraph carries its marker
    reason: str | None = None  # why it is not tied


@dataclass
class Marker:
    """A footnote marker in the body: ``number`` is the note it calls."""

    number: int
    span: Span
    paragraph: str
    dangling: bool = False


@dataclass
class Section:
    label: str  # "I", "A"
    title: str | None
    span: Span


@dataclass
class Citation:
    paragraph: str
    kind: CitationKind
    symbol: str | None
    unts: str | None
    name: str | None
    body: str | None
    footnote: int | None
    quote: str
    span: Span
    function: str | None
    pinpoint: str | None = None  # "paragraph 2", "annexes I à III", "part E"
    subparagraph: str | None = None
    urges_ratification: bool = False  # a treaty the paragraph asks States to ratify or accede to
    repair: str | None = None  # how a symbol the text damaged was read ("read as S/RES/186 (1964): ...")
    back_reference: bool = False  # "the above-mentioned resolutions": the target was cited before

    @property
    def target(self) -> str:
        """What this citation points at: its symbol, treaty key or UNTS number."""
        return self.symbol or self.name or f"UNTS {self.unts}"


@dataclass
class Mention:
    kind: MentionKind
    id: str
    quote: str
    span: Span
    paragraph: str


@dataclass
class Problem:
    """Something the text says that cannot be right, kept out of the citations and reported."""

    paragraph: str
    quote: str
    span: Span
    problem: str


@dataclass
class Document:
    text: str
    source: str
    symbol: str | None = None
    language: str = "en"
    title: str | None = None
    body: str | None = None
    date: str | None = None
    meeting: int | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def paragraph(self, paragraph_id: str) -> Paragraph:
        return next(p for p in self.paragraphs if p.id == paragraph_id)

    def to_json(self) -> dict[str, Any]:
        """The JSON contract (see README): the model without its text."""
        data: dict[str, Any] = _lists(asdict(self))
        del data["text"], data["source"]
        return data


def _lists(value: Any) -> Any:
    """Spans are tuples in Python and lists in JSON."""
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    return value
