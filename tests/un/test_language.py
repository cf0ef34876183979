"""The verbs that open paragraphs, and the citation function each expresses."""

from __future__ import annotations

import pytest

from unxref.un.language import load, match_verb

# (language, a paragraph's opening) → (the verb phrase as printed, its function)
VERBS = [
    ("en", "Expressing concern at the continued violations,", ("Expressing concern", "expressing-concern")),
    ("en", "Expressing its grave concern that the situation", ("Expressing its grave concern", "expressing-concern")),
    ("en", "Expresses deep concern at the loss of life;", ("Expresses deep concern", "expressing-concern")),
    ("en", "Expressing its appreciation to the Secretary-General,", ("Expressing its appreciation", "commending")),
    (
        "fr",
        "Exprime sa profonde préoccupation devant la situation;",
        ("Exprime sa profonde préoccupation", "expressing-concern"),
    ),
    (
        "fr",
        "Se déclarant gravement alarmé par les conséquences,",
        ("Se déclarant gravement alarmé", "expressing-concern"),
    ),
    ("fr", "Exprimant son inquiétude devant les actes,", ("Exprimant son inquiétude", "expressing-concern")),
    ("fr", "Exprimant sa gratitude au Secrétaire général,", ("Exprimant", "expressing")),
    ("en", "Expressing the hope that the parties", ("Expressing", "expressing")),
]


@pytest.mark.parametrize(("code", "opening", "expected"), VERBS, ids=[v[1][:40] for v in VERBS])
def test_verb_and_function(code: str, opening: str, expected: tuple[str, str]) -> None:
    found = match_verb(opening, load(code))
    assert found is not None
    verb, printed = found
    assert (printed, verb.function) == expected
