"""Resolve what the finders found into the document's citations and mentions.

- A citation found in a footnote belongs to every paragraph that carries the
  note's marker ("la Déclaration du Millénaire¹" + note 1 "Voir résolution 55/2."
  cites A/RES/55/2 from that paragraph).
- A treaty named in the text and referenced by UNTS number in its note is one
  citation, not two: both resolve to the same authority record.
- A citation is reported once per paragraph and target, with its function taken
  from the paragraph's verb.
- A call to action ("Requests the Secretary-General and UNODC to ...") addresses the
  bodies named right after its verb, and urges States to ratify the treaties it
  cites when it speaks of ratification or accession.
"""

from __future__ import annotations

from dataclasses import replace

from unxref.extract.find import Found
from unxref.model import Citation, Footnote, Mention, Paragraph, Problem
from unxref.ontology import functions
from unxref.un.authorities import Authorities
from unxref.un.language import Language


def treaty_key(found: Found, authorities: Authorities) -> Found:
    """Name a UNTS or LNTS reference by its authority record where there is one."""
    if found.kind == "treaty" and found.name and " " in found.name:
        series, volume, number = found.name.split(" ", 2)
        record = authorities.treaty_by_number(series, number, volume)
        found.name = record.key if record else None
    return found


def problems(text: str, in_paragraphs: dict[str, list[Found]], in_footnotes: dict[int, list[Found]]) -> list[Problem]:
    """What was found that cannot be right (an impossible symbol): reported, never cited."""
    where = [(paragraph, f) for paragraph, founds in in_paragraphs.items() for f in founds]
    where += [(f"note-{number}", f) for number, founds in in_footnotes.items() for f in founds]
    return [Problem(place, text[slice(*f.span)], f.span, f.problem) for place, f in where if f.problem]


def citations(
    text: str,
    paragraphs: list[Paragraph],
    in_paragraphs: dict[str, list[Found]],
    footnotes: list[Footnote],
    in_footnotes: dict[int, list[Found]],
    authorities: Authorities,
    own: str | None = None,
) -> list[Citation]:
    """One citation per paragraph and target; the resolution's own symbol (printed in running
    heads, or in a paragraph that names "the present resolution") is no citation."""
    by_id = {p.id: p for p in paragraphs}
    order = {p.id: index for index, p in enumerate(paragraphs)}
    collected: dict[tuple[str, str], Citation] = {}

    def add(paragraph: Paragraph, found: Found, footnote: int | None) -> None:
        if found.problem or (own is not None and found.symbol == own):
            return
        found = treaty_key(found, authorities)
        citation = Citation(
            paragraph=paragraph.id,
            kind=found.kind,  # type: ignore[arg-type]
            symbol=found.symbol,
            unts=found.unts,
            name=found.name,
            body=found.body,
            footnote=footnote,
            quote=text[found.span[0] : found.span[1]],
            span=found.span,
            function=paragraph.function,
            pinpoint=found.pinpoint,
            subparagraph=_subparagraph(paragraph, found.span[0]),
            repair=found.repair,
        )
        key = (paragraph.id, citation.target)
        if key in collected:
            _merge(collected[key], citation)
        else:
            collected[key] = citation

    for paragraph_id, founds in in_paragraphs.items():
        for found in founds:
            add(by_id[paragraph_id], found, None)
    for note in footnotes:
        for paragraph_id in note.paragraphs:
            for found in in_footnotes.get(note.number, []):
                add(by_id[paragraph_id], found, note.number)
    return sorted(collected.values(), key=lambda c: (order[c.paragraph], c.footnote or 0, c.span[0]))


def with_back_references(
    text: str, paragraphs: list[Paragraph], cited: list[Citation], language: Language
) -> list[Citation]:
    """The citations and those a back-reference makes ("the above-mentioned resolutions"): the
    resolutions cited by the nearest paragraph before; "the said resolution" is the last of them."""
    order = {p.id: index for index, p in enumerate(paragraphs)}
    resolutions = [c for c in cited if c.kind == "resolution"]
    have = {(c.paragraph, c.target) for c in cited}
    added = []
    for paragraph in paragraphs:
        if not language.pattern("resolution_word").search(text, *paragraph.span):
            continue  # every back-reference names a resolution: a third as long on the French texts
        for ref in language.pattern("back_reference").finditer(text, *paragraph.span):
            for earlier in _referred_to(resolutions, order, order[paragraph.id], bool(ref["many"] or ref["many_"])):
                if (paragraph.id, earlier.target) in have:
                    continue
                have.add((paragraph.id, earlier.target))
                added.append(
                    replace(
                        earlier,
                        paragraph=paragraph.id,
                        footnote=None,
                        quote=ref.group(0),
                        span=ref.span(),
                        function=paragraph.function,
                        pinpoint=None,
                        subparagraph=_subparagraph(paragraph, ref.start()),
                        urges_ratification=False,
                        back_reference=True,
                    )
                )
    return sorted(cited + added, key=lambda c: (order[c.paragraph], c.footnote or 0, c.span[0]))


def _referred_to(resolutions: list[Citation], order: dict[str, int], here: int, many: bool) -> list[Citation]:
    before = [c for c in resolutions if order[c.paragraph] < here]
    if not before:
        return []
    nearest = max(order[c.paragraph] for c in before)
    group = [c for c in before if order[c.paragraph] == nearest]
    return group if many else [max(group, key=lambda c: (c.footnote or 0, c.span[0]))]


def _merge(kept: Citation, other: Citation) -> None:
    """Keep the first citation of a target; take what it lacks from the other."""
    kept.unts = kept.unts or other.unts
    kept.footnote = kept.footnote if kept.footnote is not None else other.footnote
    kept.pinpoint = kept.pinpoint or other.pinpoint


def _subparagraph(paragraph: Paragraph, position: int) -> str | None:
    return next((s.label for s in paragraph.subparagraphs if s.span[0] <= position < s.span[1]), None)


def mentions(text: str, in_paragraphs: dict[str, list[Found]]) -> list[Mention]:
    result = []
    for paragraph_id, founds in in_paragraphs.items():
        seen: set[tuple[str, int]] = set()
        for found in founds:
            if (found.name or "", found.span[0]) in seen:
                continue
            seen.add((found.name or "", found.span[0]))
            quote = text[found.span[0] : found.span[1]]
            result.append(Mention(found.kind, found.name or "", quote, found.span, paragraph_id))  # type: ignore[arg-type]
    return result


def calls_to_action(
    text: str,
    paragraphs: list[Paragraph],
    cited: list[Citation],
    named: list[Mention],
    language: Language,
    authorities: Authorities,
) -> None:
    """Set the bodies each call to action addresses, and mark the treaties it urges States to ratify."""
    bodies: dict[str, list[Mention]] = {}
    for mention in named:
        if mention.kind == "body":
            bodies.setdefault(mention.paragraph, []).append(mention)
    for paragraph in paragraphs:
        function = functions().get(paragraph.function or "")
        if not function or not function.calls_to_action or not paragraph.verb:
            continue
        if language.pattern("ratification").search(text[slice(*paragraph.span)]):
            for citation in cited:
                if citation.paragraph == paragraph.id and citation.kind == "treaty":
                    citation.urges_ratification = True
        paragraph.addressees = _addressees(text, paragraph, bodies.get(paragraph.id, []), language, authorities)


def _addressees(
    text: str, paragraph: Paragraph, bodies: list[Mention], language: Language, authorities: Authorities
) -> list[str]:
    """The bodies named right after the verb: "Requests the Secretary-General and UNODC to";
    ``bodies``: the paragraph's mentions of bodies."""
    assert paragraph.verb
    found = text[slice(*paragraph.span)].lower().find(paragraph.verb.lower())
    if found < 0:
        return []
    cursor = paragraph.span[0] + found + len(paragraph.verb)
    after_verb = sorted((m for m in bodies if m.span[0] >= cursor), key=lambda m: m.span)
    gap = language.pattern("addressee_gap")
    codes: list[str] = []
    for mention in after_verb:
        if not gap.match(text[cursor : mention.span[0]]) or mention.id not in authorities.bodies:
            break
        codes.append(mention.id)
        cursor = mention.span[1]
    return codes
