"""A synthetic corpus of General Assembly resolutions, any size, for benchmarks.

Run: `.venv/bin/python bench/synthetic.py OUT_DIR COUNT [--seed N]`.

Each text is written the way a real resolution is (heading, "The General
Assembly,", preambular and operative paragraphs) so that it goes through the
whole extraction pipeline. Resolutions come in yearly series on recurring
topics: each one recalls its predecessor in the series (as the yearly drug
control resolutions do), reaffirms one to three earlier ones of the last five
sessions (mostly of its own series, sometimes of its topic, rarely any), and
cites a report of the Secretary-General, a treaty and a body. The same seed
always gives the same corpus.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

PER_SESSION = 300
FIRST_SESSION = 40  # 1985
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
TOPICS = [
    "International cooperation against the world drug problem",
    "Strengthening the United Nations crime prevention and criminal justice programme",
    "Assistance in mine action",
    "Rights of the child",
    "Question of Western Sahara",
    "Oceans and the law of the sea",
    "Sustainable fisheries",
    "Protection of global climate for present and future generations of humankind",
    "Implementation of the United Nations Convention to Combat Desertification",
    "Preventing and combating corrupt practices and transfer of proceeds of corruption",
    "Measures to eliminate international terrorism",
    "Improvement of the situation of women in rural areas",
    "Trafficking in women and girls",
    "Human rights and extreme poverty",
    "Global health and foreign policy",
]
TREATIES = [
    "the United Nations Convention against Corruption",
    "the United Nations Convention against Transnational Organized Crime",
    "the Convention on the Rights of the Child",
    "the Convention on Psychotropic Substances of 1971",
    "the United Nations Convention on the Law of the Sea",
]
BODIES = [
    "the Secretary-General",
    "the United Nations Office on Drugs and Crime",
    "the Commission on Narcotic Drugs",
    "the Economic and Social Council",
]


def date_of(session: int, number: int) -> tuple[int, int, int]:
    year = 1945 + session
    day = 1 + (number * 7) % 28
    return year, 12 if number % 3 else 11, day


def text_date(session: int, number: int) -> str:
    year, month, day = date_of(session, number)
    return f"{day} {MONTHS[month - 1]} {year}"


def related(session: int, number: int, rng: random.Random) -> tuple[int, int]:
    """An earlier resolution a new one reaffirms: mostly an older one of its own series
    (same number), sometimes another of its topic (topics recur under the same number
    modulo their count), rarely any; always from the last five sessions."""
    earlier = rng.randint(max(FIRST_SESSION, session - 5), session - 1)
    draw = rng.random()
    if draw < 0.8:
        return earlier, number
    if draw < 0.95:
        return earlier, rng.choice(range(1 + (number - 1) % len(TOPICS), PER_SESSION + 1, len(TOPICS)))
    return earlier, rng.randint(1, PER_SESSION)


def resolution(index: int, rng: random.Random) -> tuple[str, str]:
    """The file name and text of the index-th resolution of the corpus."""
    session, number = FIRST_SESSION + index // PER_SESSION, 1 + index % PER_SESSION
    topic_index = number % len(TOPICS)
    title = TOPICS[topic_index]
    preamble = []
    if session > FIRST_SESSION:
        preamble.append(f"Recalling its resolution {session - 1}/{number} of {text_date(session - 1, number)},")
    if session > FIRST_SESSION + 1:
        earlier = sorted({related(session, number, rng) for _ in range(rng.randint(1, 3))})
        symbols = [f"{s}/{n}" for s, n in earlier]
        listed = symbols[0] if len(symbols) == 1 else ", ".join(symbols[:-1]) + " and " + symbols[-1]
        word = "resolution" if len(symbols) == 1 else "resolutions"
        preamble.append(f"Reaffirming its {word} {listed},")
    preamble.append("Reaffirming the purposes and principles of the Charter of the United Nations,")
    preamble.append(f"Taking note of the report of the Secretary-General (A/{session}/{100 + number}),")
    operative = [
        f"Welcomes the efforts of Member States to implement resolution {session - 1 if session > FIRST_SESSION else session}/{number};",
        f"Urges States that have not yet done so to consider ratifying or acceding to {TREATIES[topic_index % len(TREATIES)]};",
        f"Requests {BODIES[number % len(BODIES)]} to continue to assist Member States in this regard;",
        "Requests the Secretary-General to submit to the General Assembly at its next session a report on the implementation of the present resolution.",
    ]
    lines = [
        f"Resolution adopted by the General Assembly on {text_date(session, number)}",
        "",
        f"{session}/{number}. {title}",
        "",
        "The General Assembly,",
        "",
    ]
    for paragraph in preamble:
        lines += [paragraph, ""]
    for n, paragraph in enumerate(operative, 1):
        lines += [f"{n}. {paragraph}", ""]
    return f"A_RES_{session}_{number:03d}.txt", "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    for index in range(args.count):
        name, text = resolution(index, rng)
        (args.out / name).write_text(text, "utf-8")
    print(f"{args.count} resolutions written to {args.out}")


if __name__ == "__main__":
    main()
