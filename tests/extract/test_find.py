"""The finders as a table: one row per form of the grammar, the text and what is found in it.

Each text is one paragraph of a resolution adopted by ``BODY``; a row lists the targets
found in it, in order (``kind target``, with ``@pinpoint`` where there is one).
"""

from __future__ import annotations

import tomllib

import pytest

from unxref.extract import find
from unxref.extract.find import foreign
from unxref.extract.resolve import treaty_key
from unxref.un import authorities, language

# (language, adopting body, paragraph text, what is found)
FORMS = [
    ("en", "SC", "Recalling its resolution 687 (1991),", ["resolution S/RES/687 (1991)"]),
    (
        "en",
        "SC",
        "Recalling resolutions 2253 (ES-V) and 2254 (ES-V) of 4 and 14 July 1967, 32/5 of 28 October 1977 and 33/113,",
        [
            "resolution A/RES/2253 (ES-V)",
            "resolution A/RES/2254 (ES-V)",
            "resolution A/RES/32/5",
            "resolution A/RES/33/113",
        ],
    ),
    (
        "fr",
        "SC",
        "Rappelant les résolutions antérieures de l'Assemblée générale 2253 (LS-V) et 3212 ( XXIX),",
        ["resolution A/RES/2253 (ES-V)", "resolution A/RES/3212 (XXIX)"],
    ),
    (
        "en",
        "SC",
        "Recalling resolutions 660 (1990), 661 (1990) and 686 (1991),",
        ["resolution S/RES/660 (1990)", "resolution S/RES/661 (1990)", "resolution S/RES/686 (1991)"],
    ),
    (
        "en",
        "SC",
        "Recalling resolutions 1 to 3 (1946),",
        ["resolution S/RES/1 (1946)", "resolution S/RES/2 (1946)", "resolution S/RES/3 (1946)"],
    ),
    (
        "en",
        "SC",
        "Recalling resolutions 425 (1978) to 427 (1978),",
        ["resolution S/RES/425 (1978)", "resolution S/RES/426 (1978)", "resolution S/RES/427 (1978)"],
    ),
    (
        "en",
        "SC",
        "Reaffirming 242 (1967) and 338 (1973),",
        ["resolution S/RES/242 (1967)", "resolution S/RES/338 (1973)"],
    ),
    ("en", "SC", "Acting under paragraph 2 of resolution 678 (1990),", ["resolution S/RES/678 (1990) @paragraph 2"]),
    ("en", "GA", "Recalling its resolution 61/183 of 20 December 2006,", ["resolution A/RES/61/183"]),
    (
        "en",
        "GA",
        "Recalling its resolutions S-20/2 and S-20/4 of 10 June 1998,",
        ["resolution A/RES/S-20/2", "resolution A/RES/S-20/4"],
    ),
    (
        "en",
        "GA",
        "Recalling its resolutions 61/183-185,",
        ["resolution A/RES/61/183", "resolution A/RES/61/184", "resolution A/RES/61/185"],
    ),
    ("en", "GA", "Recalling its resolution 2200 A (XXI),", ["resolution A/RES/2200 (XXI) @part A"]),
    ("en", "SC", "Recalling General Assembly resolution 1514 (XV),", ["resolution A/RES/1514 (XV)"]),
    ("en", "GA", "Taking note of Economic and Social Council resolution 2007/12,", ["resolution E/RES/2007/12"]),
    ("en", "GA", "Noting resolution 2007/12 of the Economic and Social Council,", ["resolution E/RES/2007/12"]),
    ("en", "GA", "Recalling resolution 1 (I) and its annex,", ["resolution A/RES/1 (I) @annex"]),
    ("en", "GA", "Taking note of the report of the Secretary-General (A/62/117),", ["document A/62/117"]),
    ("en", "GA", "Welcoming the report (E/2007/28 and Corr.1),", ["document E/2007/28", "document E/2007/28/Corr.1"]),
    ("en", "SC", "Having considered the report (S/25704 and Add.1),", ["document S/25704", "document S/25704/Add.1"]),
    ("en", "GA", "Recalling A/RES/55/2,", ["resolution A/RES/55/2"]),
    ("en", "GA", "Reaffirming the Charter of the United Nations,", ["treaty un-charter"]),
    ("en", "GA", "Reaffirming the purposes of the Charter,", ["treaty un-charter"]),
    (
        "fr",
        "SC",
        "Se référant aux principes humanitaires des Conventions de Genève de 1949,",
        [f"treaty geneva-convention-{n}-1949" for n in ("i", "ii", "iii", "iv")],
    ),
    ("en", "GA", "Urges States to ratify the United Nations Convention against Corruption,", ["treaty uncac"]),
    ("fr", "GA", "Rappelant sa résolution 61/183 du 20 décembre 2006,", ["resolution A/RES/61/183"]),
    (
        "fr",
        "SC",
        "Rappelant ses résolutions 425 (1978) et 426 (1978) du 19 mars 1978,",
        ["resolution S/RES/425 (1978)", "resolution S/RES/426 (1978)"],
    ),
    (
        "fr",
        "SC",
        "Agissant en vertu du paragraphe 2 de la résolution 678 (1990),",
        ["resolution S/RES/678 (1990) @paragraph 2"],
    ),
    (
        "fr",
        "GA",
        "Prenant note de la résolution 2007/12 du Conseil économique et social,",
        ["resolution E/RES/2007/12"],
    ),
    ("fr", "GA", "Réaffirmant la Charte des Nations Unies,", ["treaty un-charter"]),
    (
        "fr",
        "GA",
        "Accueillant avec satisfaction le rapport (E/2007/28 et Corr.1),",
        ["document E/2007/28", "document E/2007/28/Corr.1"],
    ),
    (
        "fr",
        "SC",
        "Prenant note des résolutions de l'Assemblée générale 2248 (S-V) et 2324 (XXII),",
        ["resolution A/RES/2248 (S-V)", "resolution A/RES/2324 (XXII)"],
    ),
    (
        "en",
        "GA",
        "Reiterating the contribution of the treaties of Tlatelolco, Rarotonga, Bangkok and Pelindaba,",
        ["treaty tlatelolco-treaty", "treaty rarotonga-treaty", "treaty bangkok-treaty", "treaty pelindaba-treaty"],
    ),
    (
        "en",
        "GA",
        "Welcomes the work of the Preparatory Commission for the Comprehensive Nuclear-Test-Ban Treaty Organization;",
        [],
    ),
    (
        "en",
        "GA",
        "Decides to include in the provisional agenda the item entitled “Comprehensive Nuclear-Test-Ban Treaty”.",
        [],
    ),
]
# Footnotes: what one note cites.
NOTES = [
    ("en", "United Nations, Treaty Series, vol. 976, No. 14152.", ["treaty single-convention-1961-amended"]),
    ("en", "United Nations, Treaty Series, vols. 75, Nos. 970-973.", []),
    ("fr", "Nations Unies, Recueil des Traités, vol. 1019, no 14956.", ["treaty psychotropic-substances-1971"]),
    ("fr", "Voir résolution 55/2.", ["resolution A/RES/55/2"]),
    ("fr", "Ibid., document S/2(457.", []),  # OCR broke S/20457: no S/2
    (
        "fr",
        "Voir le rapport (S/11670 et Corr. 1-et 2).",
        ["document S/11670", "document S/11670/Corr.1", "document S/11670/Corr.2"],
    ),
    (
        "en",
        "Official Records of the Economic and Social Council, 2007, Supplement No. 8 (E/2007/28), chap. I, sect. C, resolution 50/12.",
        ["resolution E/CN.7/RES/50/12", "document E/2007/28"],
    ),
    # OCR damage with one reading (the unsc-fr annual volumes; the 1990s English texts).
    ("fr", "Document S111694.", ["document S/11694"]),
    ("fr", "S/PRST/1994149.", ["document S/PRST/1994/49"]),
    ("en", "See E/CN,.4/1050 and Corr.1, chap. V.", ["document E/CN.4/1050", "document E/CN.4/1050/Corr.1"]),
    (
        "en",
        "Ibid., documents S/18102 and Add 1 and 2.",
        ["document S/18102", "document S/18102/Add.1", "document S/18102/Add.2"],
    ),
    ("fr", "Document S/I3885.", ["document S/13885"]),
    ("fr", "Dans le document S/ I 7770.", ["document S/17770"]),
    ("fr", "Supplément de janvier, février et mars 1978, document S/1261 I.", ["document S/12611"]),
    ("fr", "Documents S 19927 et S/19928.", ["document S/19927", "document S/19928"]),
    ("en", "Document S/12611/Rey.1.", ["document S/12611/Rev.1"]),
    ("en", "Ibid., document S/14883 and Con.1.", ["document S/14883", "document S/14883/Corr.1"]),
    (
        "en",
        "Ibid., Supplement for January, February and March 1989, documents S/20134 and $/20135.",
        ["document S/20134", "document S/20135"],
    ),
    ("en", "See S/13881/Rev. 1, annex.", ["document S/13881/Rev.1"]),
    # Digits of other scripts are no symbol's: "٦٢" is not "62" (found by the fuzz test).
    (
        "fr",
        "E/2007/28 et Corr.1, chap. I, sect. C, résolution ٦٢50/12.",
        ["document E/2007/28", "document E/2007/28/Corr.1"],
    ),
    ("en", "Official Records of the General Assembly, 19٦٢ Supplement No. 8.", []),
]
# Mentions: bodies and sessions named in a paragraph.
MENTIONS = [
    (
        "en",
        "GA",
        "Requests the Secretary-General to report to it at its sixty-third session,",
        ["body SG", "session GA/63"],
    ),
    ("en", "GA", "Recalling the twentieth special session of the General Assembly,", ["body GA", "session GA/S-20"]),
    (
        "fr",
        "GA",
        "Prie l’Office des Nations Unies contre la drogue et le crime de faire rapport à la Commission des stupéfiants à sa cinquante et unième session,",
        ["body UNODC", "body CND", "session CND/51"],
    ),
]


def _target(found: find.Found) -> str:
    found = treaty_key(found, authorities.load())
    target = found.symbol or found.name or f"UNTS {found.unts}"
    return f"{found.kind} {target}" + (f" @{found.pinpoint}" if found.pinpoint else "")


@pytest.mark.parametrize(("code", "body", "text", "expected"), FORMS, ids=[f[2][:60] for f in FORMS])
def test_a_paragraph_cites(code: str, body: str, text: str, expected: list[str]) -> None:
    cited, _ = find.in_paragraph(text, (0, len(text)), language.load(code), authorities.load(), body, 2025)
    assert [_target(f) for f in cited] == expected


@pytest.mark.parametrize(("code", "text", "expected"), NOTES, ids=[n[1][:60] for n in NOTES])
def test_a_footnote_cites(code: str, text: str, expected: list[str]) -> None:
    from unxref.model import Footnote

    notes = find.in_footnotes(text, [Footnote(1, text, (0, len(text)))], language.load(code), authorities.load(), "GA")
    assert sorted(_target(f) for f in notes[1]) == sorted(expected)


@pytest.mark.parametrize(("code", "body", "text", "expected"), MENTIONS, ids=[m[2][:60] for m in MENTIONS])
def test_a_paragraph_mentions(code: str, body: str, text: str, expected: list[str]) -> None:
    _, named = find.in_paragraph(text, (0, len(text)), language.load(code), authorities.load(), body, 2025)
    assert [f"{m.kind} {m.name}" for m in named] == expected


@pytest.mark.parametrize(
    ("text", "spans", "masked"),
    [("Millénaire1 et", [(10, 11)], "Millénaire  et"), ("de 20052,", [(7, 8)], "de 2005 ,")],
)
def test_markers_are_masked_without_moving_anything(text: str, spans: list[tuple[int, int]], masked: str) -> None:
    assert find.mask(text, spans) == masked


def test_a_note_that_is_only_ibid_with_an_addendum_cites_the_addendum_of_the_note_before() -> None:
    """S/RES/578 (1985) in French: "65 Ibid., documents S/17657 et Add.2." then "66 Ibid., Add.l."."""
    from unxref.model import Footnote

    text = "Ibid., documents S/17657 et Add.2.\nIbid., Add.l."
    notes = [Footnote(65, text[:34], (0, 34)), Footnote(66, text[35:], (35, len(text)))]
    found = find.in_footnotes(text, notes, language.load("fr"), authorities.load(), "SC")
    assert [[_target(f) for f in found[n]] for n in (65, 66)] == [
        ["document S/17657", "document S/17657/Add.2"],
        ["document S/17657/Add.1"],
    ]


# A General Assembly resolution's Roman session against the date printed beside it → its target and
# what is reported (S/RES/264 (1969) prints "2145 (XXII) of 27 October 1966"; the session was the 21st).
SESSIONS = [
    ("Recalling resolution 2145 (XXI) of 27 October 1966,", "A/RES/2145 (XXI)", None, None),
    (
        "Recalling resolution 2145 (XXII) of 27 October 1966,",
        "A/RES/2145 (XXI)",
        "read as A/RES/2145 (XXI): the text prints A/RES/2145 (XXII), which cannot be dated October 1966",
        None,
    ),
    (
        "Recalling resolution 2145 (V) of 27 October 1966,",
        "A/RES/2145 (V)",
        None,
        "A/RES/2145 (V) cannot be: no resolution of that session is dated October 1966",
    ),
    ("Recalling resolutions 2253 (ES-V) of 4 July 1967,", "A/RES/2253 (ES-V)", None, None),
]


@pytest.mark.parametrize(("text", "target", "repair", "problem"), SESSIONS, ids=[s[0][:50] for s in SESSIONS])
def test_a_roman_session_is_checked_against_its_date(
    text: str, target: str, repair: str | None, problem: str | None
) -> None:
    cited, _ = find.in_paragraph(text, (0, len(text)), language.load("en"), authorities.load(), "SC", 1969)
    assert [(f.symbol, f.repair, f.problem) for f in cited] == [(target, repair, problem)]


SERIES_EXAMPLES = [
    (item, example)
    for item, record in zip(foreign.series(), tomllib.loads(foreign.SERIES.read_text("utf-8"))["series"], strict=True)
    for example in record["examples"]
]


@pytest.mark.parametrize(("item", "example"), SERIES_EXAMPLES, ids=[e for _, e in SERIES_EXAMPLES])
def test_every_example_of_another_bodys_series_is_found_as_its_item(item: foreign.Series, example: str) -> None:
    """Each example in un/data/series.toml, in a paragraph (with the words its series needs)."""
    text = f"Taking note of {example}, adopted by the OPCW,"
    assert [(f.kind, f.body, f.symbol) for f in foreign.find_foreign(text, 0, len(text), [])] == [
        (item.kind, item.body, example)
    ]
