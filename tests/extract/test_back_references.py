"""Back-references: "the above-mentioned resolutions" cites what the nearest paragraph before cites."""

from __future__ import annotations

from unxref.extract import extract_text

CYPRUS = """The Security Council,

Expressing its appreciation for the implementation of resolution 186 (1964),

1. Reaffirms its resolutions 186 (1964) and 187 (1964);

2. Calls upon all States Members of the United Nations to comply with the above-mentioned resolutions;

3. Requests the Secretary-General to report on the implementation of the said resolution;
"""

JERUSALEM = """Le Conseil de sécurité,

Rappelant ses résolutions 252 (1968) et 267 (1969),

1. Réaffirme ses résolutions 252 (1968) et 267 (1969);

2. Condamne le manquement d'Israël à se conformer aux résolutions précitées;
"""


def _back_references(text: str) -> list[tuple[str, str, str]]:
    document = extract_text(text, symbol="S/RES/192 (1964)")
    return [(c.paragraph, c.target, c.quote) for c in document.citations if c.back_reference]


def test_a_plural_back_reference_cites_every_resolution_of_the_paragraph_before() -> None:
    assert _back_references(CYPRUS)[:2] == [
        ("OP2", "S/RES/186 (1964)", "the above-mentioned resolutions"),
        ("OP2", "S/RES/187 (1964)", "the above-mentioned resolutions"),
    ]


def test_a_singular_back_reference_cites_the_last_resolution_before() -> None:
    assert _back_references(CYPRUS)[2:] == [("OP3", "S/RES/187 (1964)", "the said resolution")]


def test_french_back_references_are_read() -> None:
    assert _back_references(JERUSALEM) == [
        ("OP2", "S/RES/252 (1968)", "aux résolutions précitées"),
        ("OP2", "S/RES/267 (1969)", "aux résolutions précitées"),
    ]


def test_a_back_reference_with_nothing_cited_before_cites_nothing() -> None:
    text = "The Security Council,\n\n1. Calls upon all States to comply with the above-mentioned resolutions;\n"
    assert _back_references(text) == []


def test_the_above_resolutions_is_a_back_reference() -> None:
    # S/RES/517 (1982), paragraph 3: "Censures Israel for its failure to comply with the above resolutions;"
    text = (
        "The Security Council,\n\n1. Reconfirms its resolutions 508 (1982) and 509 (1982);\n\n"
        "2. Censures Israel for its failure to comply with the above resolutions;\n"
    )
    assert _back_references(text) == [
        ("OP2", "S/RES/508 (1982)", "the above resolutions"),
        ("OP2", "S/RES/509 (1982)", "the above resolutions"),
    ]


def test_the_resolutions_of_named_bodies_mentioned_above_is_a_back_reference() -> None:
    # S/RES/267 (1969), paragraph 2, in English and in French.
    english = (
        "The Security Council,\n\nRecalling its resolution 252 (1968),\n\n1. Reaffirms its resolution 252 (1968);\n\n"
        "2. Deplores the failure of Israel to show any regard for the resolutions of the General Assembly and "
        "the Security Council mentioned above;\n"
    )
    french = (
        "Le Conseil de sécurité,\n\nRappelant sa résolution 252 (1968),\n\n1. Réaffirme sa résolution 252 (1968);\n\n"
        "2. Insiste sur la mise en oeuvre complète des résolutions ci-dessus;\n"
    )
    assert [(p, t) for p, t, _ in _back_references(english)] == [("OP2", "S/RES/252 (1968)")]
    assert _back_references(french) == [("OP2", "S/RES/252 (1968)", "des résolutions ci-dessus")]
