"""Clean and segment as tables: a raw text, its reading text, and the paragraphs and markers found in it.

One row per form of the layout; ``|`` stands for a line break in the raw text.
"""

from __future__ import annotations

import pytest

from unxref.extract import extract_text
from unxref.extract.clean import NOTES_RULE, clean
from unxref.extract.heading import read_heading
from unxref.extract.segment import segment
from unxref.un import language


def lines(text: str) -> str:
    return text.replace("|", "\n")


# Raw text → reading text (the body a paragraph a line, the notes after the rule).
CLEANING = [
    ("a wrapped line reads on", "Recalling its resolution|61/183,", "Recalling its resolution 61/183,"),
    ("a word split at a hyphen keeps it", "the Single Conven-|tion", "the Single Conven-tion"),
    ("a symbol split at a slash is joined", "document A/62/|117", "document A/62/117"),
    ("a symbol's addendum split before its full stop is joined", "document S/15194/Add|.2.", "document S/15194/Add.2."),
    ("a numbered paragraph starts a line", "Recalling,|1. Decides", "Recalling,\n\n1. Decides"),
    (
        "a sub-paragraph starts a line",
        "Decides:|(a) To act;|(b) To report;",
        "Decides:\n\n(a) To act;\n\n(b) To report;",
    ),
    ("a blank line ends a paragraph", "Recalling this,||Noting that,", "Recalling this,\n\nNoting that,"),
    (
        "a block in lower case after a blank continues",
        "Recalling the Declaration||of 2000,",
        "Recalling the Declaration of 2000,",
    ),
    (
        "a Markdown note goes after the rule",
        "Noting[^1] this,||[^1]: See A/62/117.",
        f"Noting[^1] this,\n\n{NOTES_RULE}\n1 See A/62/117.",
    ),
    (
        "a note block after a rule is lifted out",
        "Noting the Declaration1|_______|1 See resolution 55/2.|of 2000,",
        f"Noting the Declaration1 of 2000,\n\n{NOTES_RULE}\n1 See resolution 55/2.",
    ),
    (
        "no-break spaces and soft hyphens are normalised",
        "Recalling\u00a0its resolu\u00adtion",
        "Recalling its resolution",
    ),
    (
        "the body's line starts a paragraph",
        "A/RES/62/176|The General Assembly,|Recalling",
        "A/RES/62/176\n\nThe General Assembly,\n\nRecalling",
    ),
    (
        "notes whose numbers OCR lost, before a numbered one, take the numbers before it",
        "The Security Council,|Recalling its resolutions,|=Ibid., document S/12262.|Ibid., Supplement, document|S/12275."
        "|4 Ibid., 1983rd meeting.|Convinced that,",
        f"The Security Council,\n\nRecalling its resolutions,\n\nConvinced that,\n\n{NOTES_RULE}"
        "\n2 Ibid., document S/12262.\n3 Ibid., Supplement, document S/12275.\n4 Ibid., 1983rd meeting.",
    ),
    (
        "a treaty note whose number OCR left as '==.' after a numbered note",
        "The Security Council,|Recalling A,|21 Ibid., document|S/13802.|==. United Nations, Treaty Series.|vol. 75. p. 287."
        "|Having invited,",
        f"The Security Council,\n\nRecalling A,\n\nHaving invited,\n\n{NOTES_RULE}"
        "\n21 Ibid., document S/13802.\n22 United Nations, Treaty Series. vol. 75. p. 287.",
    ),
    (
        "a note's number printed with a full stop before a bare symbol",
        "The Security Council,|Noting A,|1. Decides B.|45 Ibid., document S/20742.|46 Ibid., document S/20733.|47. S/20758.",
        f"The Security Council,\n\nNoting A,\n\n1. Decides B.\n\n{NOTES_RULE}"
        "\n45 Ibid., document S/20742.\n46 Ibid., document S/20733.\n47 S/20758.",
    ),
    (
        "a note whose number OCR damaged to a mark beside a kept digit is the next in sequence",
        "Le Conseil de sécurité,|Notant A,|53 Question ayant fait|l'objet de résolutions.|'4 Voir Documents officiels du"
        '|Conseil de sécurité, 1983.|"Ibid., document S/15812.|Notant B,',
        f"Le Conseil de sécurité,\n\nNotant A,\n\nNotant B,\n\n{NOTES_RULE}\n53 Question ayant fait l'objet de résolutions."
        "\n54 Voir Documents officiels du Conseil de sécurité, 1983.\n55 Ibid., document S/15812.",
    ),
    (
        "the next note, its number misread in one digit, called before and the number printed not (S/RES/628 (1989))",
        "Le Conseil de sécurité,|Prenant acte de l'accord signé le 22 décembre|19889,|Prenant également acte de l'accord"
        " signé le 22 décembre 198810,|9 Documents officiels, document S/20346, annexe.|18 ibid., document S/20345,"
        "|annexe.|1. Se félicite.",
        "Le Conseil de sécurité,\n\nPrenant acte de l'accord signé le 22 décembre 19889,\n\nPrenant également acte de"
        f" l'accord signé le 22 décembre 198810,\n\n1. Se félicite.\n\n{NOTES_RULE}"
        "\n9 Documents officiels, document S/20346, annexe.\n10 ibid., document S/20345, annexe.",
    ),
    (
        "a misread note number whose first word alone stands on its line (S/RES/498 (1981))",
        "Le Conseil de sécurité,|Ayant étudié le rapport en date du 11 décembre 198135|et prenant acte des conclusions,"
        "|34 Document S/14804,|incorporé dans le compte rendu de la 2320e séance.|55 Documents|officiels du Conseil de"
        " sécurité, document|S/14789.|1. Réaffirme sa résolution.",
        "Le Conseil de sécurité,\n\nAyant étudié le rapport en date du 11 décembre 198135 et prenant acte des"
        f" conclusions,\n\n1. Réaffirme sa résolution.\n\n{NOTES_RULE}"
        "\n34 Document S/14804, incorporé dans le compte rendu de la 2320e séance."
        "\n35 Documents officiels du Conseil de sécurité, document S/14789.",
    ),
    (
        "a note whose number's 0 OCR read as brackets is the next in sequence (S/RES/577 (1985))",
        "Le Conseil de sécurité,|Notant A,|79 Ibid., document S/17648.|8() Ibid., quarantième année,|2631e séance."
        "|Notant B,",
        f"Le Conseil de sécurité,\n\nNotant A,\n\nNotant B,\n\n{NOTES_RULE}"
        "\n79 Ibid., document S/17648.\n80 Ibid., quarantième année, 2631e séance.",
    ),
    (
        "the next note's number run into a note's line after its full stop",
        "Le Conseil de sécurité,|Notant A,|190 S/PV.5311. 191|S/2005/716. 192|S/2005/728.|Notant B,",
        f"Le Conseil de sécurité,\n\nNotant A,\n\nNotant B,\n\n{NOTES_RULE}"
        "\n190 S/PV.5311.\n191 S/2005/716.\n192 S/2005/728.",
    ),
    (
        "the next note's number, OCR damaged, run into a note's line before its first words",
        "Le Conseil de sécurité,|Notant A,|187 Voir Documents officiels du|Conseil de sécurité,"
        "|septembre 1998. 188 Ibid., document S/1998/652. '89 Ibid., document S/1998/584.|Notant B,",
        f"Le Conseil de sécurité,\n\nNotant A,\n\nNotant B,\n\n{NOTES_RULE}"
        "\n187 Voir Documents officiels du Conseil de sécurité, septembre 1998."
        "\n188 Ibid., document S/1998/652.\n189 Ibid., document S/1998/584.",
    ),
    (
        "a note ends at its full stop though OCR left a speck after it",
        "Le Conseil de sécurité,|Notant A,|4 Voir Documents officiels, 1996. 5|Ibid., document S/1996/467. _"
        "|Force des Nations Unies à Chypre,|Notant B,",
        f"Le Conseil de sécurité,\n\nNotant A, Force des Nations Unies à Chypre,\n\nNotant B,\n\n{NOTES_RULE}"
        "\n4 Voir Documents officiels, 1996.\n5 Ibid., document S/1996/467. _",
    ),
    (
        "a note's number alone on its line, then a symbol alone",
        "Le Conseil de sécurité,|Ayant examiné le rapport de la mission (1982)65,|63 Question ayant fait|l'objet de décisions."
        "|64 Publié le 9 février|1983.|65|S/15600.|Ayant entendu la déclaration,",
        f"Le Conseil de sécurité,\n\nAyant examiné le rapport de la mission (1982)65,\n\nAyant entendu la déclaration,"
        f"\n\n{NOTES_RULE}\n63 Question ayant fait l'objet de décisions.\n64 Publié le 9 février 1983.\n65 S/15600.",
    ),
    (
        "notes' numbers alone on their lines, then their texts in order, as pdftotext prints them",
        "Le Conseil de sécurité,|Rappelant ses résolutions|et les déclarations de son Président,|207|208|S/PRST/2005/60."
        "|S/2005/768, annexe.|Réaffirmant son attachement,",
        f"Le Conseil de sécurité,\n\nRappelant ses résolutions et les déclarations de son Président,"
        f"\n\nRéaffirmant son attachement,\n\n{NOTES_RULE}\n207 S/PRST/2005/60.\n208 S/2005/768, annexe.",
    ),
    (
        "notes before a numbered one, their numbers damaged but for digits that fit, or glued",
        "Le Conseil de sécurité,|Rappelant A et de la communauté internationale,|1\" Ibid., Supplément d'octobre,"
        "|novembre et décembre 1997.| 157Ibid., document S/1997/859.|15S Ibid., document|S/I997/808.|159"
        "|Ibid., Supplément de juillet, 1997.|Notant B,",
        f"Le Conseil de sécurité,\n\nRappelant A et de la communauté internationale,\n\nNotant B,\n\n{NOTES_RULE}"
        "\n156 Ibid., Supplément d'octobre, novembre et décembre 1997.\n157 Ibid., document S/1997/859."
        "\n158 Ibid., document S/I997/808.\n159 Ibid., Supplément de juillet, 1997.",
    ),
    (
        "a note alone in the body, its number damaged but for a digit one glued number ends with",
        "Le Conseil de sécurité,|Prenant acte du rapport en date du 12 juin 198663,|e3 ibid., documents S/18102 et Add.1 et"
        "|2.|Notant que le Secrétaire général,",
        f"Le Conseil de sécurité,\n\nPrenant acte du rapport en date du 12 juin 198663,\n\nNotant que le Secrétaire général,"
        f"\n\n{NOTES_RULE}\n63 ibid., documents S/18102 et Add.1 et 2.",
    ),
    (
        "the next note in sequence after a note, whatever its first word",
        "The Security Council,|Noting the report of the Secretary|22 Ibid., document|S/10841.|23 Legal Consequences for"
        "|States, I.C.J. Reports 1971,|p. 16.|General,",
        f"The Security Council,\n\nNoting the report of the Secretary General,\n\n{NOTES_RULE}"
        "\n22 Ibid., document S/10841.\n23 Legal Consequences for States, I.C.J. Reports 1971, p. 16.",
    ),
    (
        "a verb after a line ending in a year starts a paragraph though the comma is lost",
        "Le Conseil de sécurité,|Notant que le Gouvernement est convenu de maintenir la Force au-delà du 15|décembre 1989"
        "|Réaffirmant les dispositions,",
        "Le Conseil de sécurité,\n\nNotant que le Gouvernement est convenu de maintenir la Force au-delà du 15 décembre 1989"
        "\n\nRéaffirmant les dispositions,",
    ),
    (
        "a scrap of letters OCR left after a clause's end does not hide it",
        "Le Conseil de sécurité,|Ayant étudié le rapport et les additifs|ultérieurs,|s|au|S'étant exprimé par la voix du Président,",
        "Le Conseil de sécurité,\n\nAyant étudié le rapport et les additifs ultérieurs, s au\n\nS'étant exprimé par la voix du Président,",
    ),
    (
        "the body's line wrapped in two is one line",
        "Résolution 570 (1985)|Le Conseil de|sécurité,|Apprenant avec regret la|démission du juge,",
        "Résolution 570 (1985)\n\nLe Conseil de sécurité,\n\nApprenant avec regret la démission du juge,",
    ),
    (
        "'L' misread for '1.' before a verb",
        "Le Conseil de sécurité,|Notant également A,|L Réaffirme ses résolutions",
        "Le Conseil de sécurité,\n\nNotant également A,\n\n1. Réaffirme ses résolutions",
    ),
    (
        "'L.' misread for '1.' before a verb",
        "Bearing in mind A,|L. Strongly condemns B;",
        "Bearing in mind A,\n\n1. Strongly condemns B;",
    ),
    (
        "a number alone that lost its full stop",
        "Le Conseil de sécurité,|Réaffirmant les dispositions,|1|Prolonge à nouveau B;",
        "Le Conseil de sécurité,\n\nRéaffirmant les dispositions,\n\n1. Prolonge à nouveau B;",
    ),
    (
        "a marker alone with its comma stays a marker",
        "présentée par les Fidji|47,|Recommande",
        "présentée par les Fidji 47,\n\nRecommande",
    ),
    (
        "a short last line in capitals reads on where no verb follows",
        "The Security Council,|Noting with regret the death of Judge|Abdullah|El-Erian, judge,",
        "The Security Council,\n\nNoting with regret the death of Judge Abdullah El-Erian, judge,",
    ),
    (
        "a verb after a blank line starts a paragraph though the comma before is lost",
        "The Security Council,|Recalling the Convention of 12 August 1949 30||Seriously concerned",
        "The Security Council,\n\nRecalling the Convention of 12 August 1949 30\n\nSeriously concerned",
    ),
    (
        "an agenda title in capitals between paragraphs is dropped",
        "The Security Council,|Recalling its resolution 242 (1967),||THE SITUATION IN THE MIDDLE EAST||Decides to act;",
        "The Security Council,\n\nRecalling its resolution 242 (1967),\n\nDecides to act;",
    ),
    (
        "a wrapped line of sessions in Roman numerals is no title in capitals",
        "The Security Council,|Condemns the refusal to comply with resolutions 2145 (XXI), 2248"
        "|(S-V), 2324 (XXII), 2325 (XXII), 2372 (XXII),|and 2403 (XXIII);",
        "The Security Council,\n\nCondemns the refusal to comply with resolutions 2145 (XXI), 2248 (S-V),"
        " 2324 (XXII), 2325 (XXII), 2372 (XXII), and 2403 (XXIII);",
    ),
    (
        "a marker of asterisks after the comma ends the clause",
        "The Security Council,|Having considered the report,**||Decides:",
        "The Security Council,\n\nHaving considered the report,**\n\nDecides:",
    ),
]


@pytest.mark.parametrize(("form", "raw", "reading"), CLEANING, ids=[c[0] for c in CLEANING])
def test_cleaning(form: str, raw: str, reading: str) -> None:
    assert clean(lines(raw)).text == reading


# Reading text → paragraph ids, each with its kind's verb function.
SEGMENTS = [
    (
        "en",
        "preamble and operative part",
        "The Security Council,|Recalling A,|Noting B,|1. Decides C;|2. Requests D;",
        ["PP1 recalling", "PP2 noting", "OP1 deciding", "OP2 requesting"],
    ),
    (
        "en",
        "unnumbered operative paragraphs",
        "The Security Council,|Noting A,|Decides B;|Requests C;",
        ["PP1 noting", "OP1 deciding", "OP2 requesting"],
    ),
    (
        "en",
        "a subject before the verb",
        "The Security Council,|Noting A,|The Security Council requests B;",
        ["PP1 noting", "OP1 requesting"],
    ),
    (
        "en",
        "sub-paragraphs stay in their paragraph",
        "The General Assembly,|Noting A,|1. Decides:|(a) B;|(b) C;|2. Requests D;",
        ["PP1 noting", "OP1 deciding", "OP2 requesting"],
    ),
    (
        "en",
        "an adoption line is no paragraph",
        "The Security Council,|Noting A,|1. Decides B.|Adopted at the 2345th meeting.",
        ["PP1 noting", "OP1 deciding"],
    ),
    (
        "en",
        "a meeting line is no paragraph",
        "The General Assembly,|Noting A,|1. Decides B.|76th plenary meeting|18 December 2007",
        ["PP1 noting", "OP1 deciding"],
    ),
    (
        "en",
        "an annex",
        "The General Assembly,|Noting A,|1. Adopts the text annexed;|Annex|1. Everyone has a right.|2. No one shall be held.",
        ["PP1 noting", "OP1 adopting", "ANNEX-1 -", "ANNEX-2 -"],
    ),
    (
        "en",
        "a section label",
        "The General Assembly,|I|Drugs|1. Decides A;|II|Crime|2. Decides B;",
        ["OP1 deciding", "OP2 deciding"],
    ),
    (
        "en",
        "an operative paragraph whose number OCR lost takes the one its neighbours leave",
        "The Security Council,|Noting A,|1. Decides B;|Requests C;|3. Calls upon D.",
        ["PP1 noting", "OP1 deciding", "OP2 requesting", "OP3 calling-upon"],
    ),
    (
        "en",
        "the last operative paragraph whose number OCR lost",
        "The Security Council,|Noting A,|1. Decides B;|2. Urges C;|Requests D.",
        ["PP1 noting", "OP1 deciding", "OP2 urging", "OP3 requesting"],
    ),
    (
        "fr",
        "the decisions a volume prints after the adoption line are not the resolution's",
        "Le Conseil de sécurité,|Rappelant A,|1. Prie B.|Adoptée à l'unanimité à|la 2848` séance|Décisions"
        "|Dans une lettre, en date du 21 février 1989, le Secrétaire général a rappelé la résolution 435 (1978).",
        ["PP1 recalling", "OP1 requesting"],
    ),
    (
        "fr",
        "French preamble and operative part",
        "L’Assemblée générale,|Rappelant A,|1. Prie B;",
        ["PP1 recalling", "OP1 requesting"],
    ),
    (
        "fr",
        "adverbs inside a verb phrase",
        "L’Assemblée générale,|Rappelant également A,|1. Accueille également avec satisfaction B;",
        ["PP1 recalling", "OP1 welcoming"],
    ),
]


@pytest.mark.parametrize(("code", "form", "text", "expected"), SEGMENTS, ids=[s[1] for s in SEGMENTS])
def test_segmenting(code: str, form: str, text: str, expected: list[str]) -> None:
    reading = clean(lines(text))
    lang = language.load(code)
    paragraphs = segment(reading, lang, read_heading(reading, lang).end).paragraphs
    assert [f"{p.id} {p.function or '-'}" for p in paragraphs] == expected


# A paragraph with its notes → the markers found in it (number, dangling).
MARKERS = [
    ("glued to a word", "Recalling the Millennium Declaration1,", [1], [(1, False)]),
    ("glued to a year", "Recalling the World Summit of 20052,", [2], [(2, False)]),
    ("a year with no such note is a year", "Recalling the World Summit of 20052,", [], []),
    ("glued to punctuation", "Recalling resolutions 72/4;1 and", [1], [(1, False)]),
    ("spaced at the end after punctuation", "Recalling the Protocol, 28", [28], [(28, False)]),
    ("spaced, the next in sequence", "Noting the situation 64 and", [64], [(64, False)]),
    ("a paragraph number is no marker", "Recalling paragraph 5 of resolution 12,", [5], []),
    ("glued to a word, note printed elsewhere", "Recalling the Charter12,", [], [(12, True)]),
    (
        "glued to a word whose last l OCR read as 1",
        "Taking note of the report of the Secretary-Genera147,",
        [47],
        [(47, False)],
    ),
    ("glued to a word, its first digit a 1, that note printed", "Recalling the Charter147,", [147], [(147, False)]),
    ("Markdown", "Recalling the Declaration[^3],", [3], [(3, False)]),
    ("inside a symbol it is no marker", "Recalling E/CN.7 and G77,", [7, 77], []),
    ("damaged after a year, the kept digits fit one note", "Recalling the Conventions of 1949°8,", [58], [(58, False)]),
    ("damaged after a year, the kept digits fit two notes", "Noting the report of 3 June 19807',", [70, 71], []),
    (
        "spaced after a year, the next in sequence",
        "Taking note of the letters of 22 December 1976 2 and 12 January 1977 3 from Botswana,",
        [2, 3],
        [(2, False), (3, False)],
    ),
    (
        "spaced after a year, out of sequence: the one place that can call its note",
        "Noting the letter of 22 December 1976 3,",
        [2, 3],
        [(3, False)],
    ),
    (
        "spaced after a year, out of sequence, in two places: neither",
        "Noting the letters of 22 December 1976 3 and 4 January 1977 3,",
        [2, 3],
        [],
    ),
    (
        "spaced, out of sequence after the notes of another text",
        "Having examined the report of the Ad Hoc Sub-Committee 7 and the recommendations",
        [3, 4, 7],
        [(7, False)],
    ),
    (
        "spaced out of sequence, but out of order with the markers around it",
        "Noting the report 7 and the letter of 3 June 19805,",
        [5, 7],
        [(5, False)],
    ),
    (
        "a number before a year in parentheses is a resolution's",
        "Recalling resolutions 242 (1967), 38 (1948),",
        [38],
        [],
    ),
]


# Damaged marks, and the notes of their text → the notes they call, where one reading fits: the
# volume's heading note ("See Official Records ..., Supplement ...", no document) is left aside.
HEADING_NOTES = [
    (
        "the one damaged mark of the text is the other note",
        "en",
        "The Security Council,\n\nHaving studied the report of 11 April 1985',\n\n1. Decides to act."
        f"\n\n{NOTES_RULE}\n5 See Official Records of the Security Council, Fortieth Year, Supplement."
        "\n6 Ibid., document S/17093.",
        [(6, "PP1")],
    ),
    (
        "digits kept that fit two notes: the other one (S/RES/472 (1980) in French)",
        "fr",
        "Le Conseil de sécurité,\n\nPrenant acte du rapport en date du 3 juin 19807',\n\n1. Prolonge la Force."
        f"\n\n{NOTES_RULE}\n70 Voir Documents officiels du Conseil de sécurité, Supplément d'avril, mai et juin 1980."
        "\n71 Ibid., document S/13972.",
        [(71, "PP1")],
    ),
    (
        "two marks a paragraph, the first no quotation the second closes (S/RES/568 (1985) in French)",
        "fr",
        'Le Conseil de sécurité,\n\nPrenant acte de la lettre du Botswana" et de la déclaration du Botswana",'
        "\n\n1. Condamne l'attaque."
        f"\n\n{NOTES_RULE}\n82 Ibid., document S/17279.\n83 Ibid., quarantième année, 2598e séance.",
        [(82, "PP1"), (83, "PP1")],
    ),
    (
        "a straight mark set apart after a word (S/RES/290 (1970) in French)",
        "fr",
        'Le Conseil de sécurité,\n\nAyant examiné avec satisfaction le rapport " de la Mission spéciale,'
        "\n\n1. Fait siennes les conclusions."
        f"\n\n{NOTES_RULE}\n44 Voir Documents officiels du Conseil de sécurité, vingt-cinquième année, Supplément"
        " d'octobre, novembre et décembre 1970.\n45 Ibid., document S/10009 et Add.1.",
        [(45, "PP1")],
    ),
    (
        "a mark right before the marker of note 15 calls note 14 (S/RES/632 (1989) in French)",
        "fr",
        'Le Conseil de sécurité,\n\nAyant examiné le rapport présenté par le Secrétaire général", ainsi que sa'
        " déclaration du 9 février 198915,\n\n1. Approuve le rapport."
        f"\n\n{NOTES_RULE}\n13 Voir Documents officiels du Conseil de sécurité, Supplément de janvier 1989."
        "\n14 Ibid., document S/20412.\n15 Ibid., document S/20457.\n16 S/20479.",
        [(14, "PP1"), (15, "PP1")],
    ),
    (
        "the heading note's year damaged to '/984' is still no document (S/RES/555 (1984) in French)",
        "fr",
        'Le Conseil de sécurité,\n\nPrenant acte de la lettre du représentant permanent du Liban",'
        "\n\n1. Décide de proroger le mandat."
        f"\n\n{NOTES_RULE}\n26 Voir Documents officiels du Conseil de sécurité, Supplément d'octobre,"
        " novembre et décembre /984.\n28 Ibid., document S/16772.",
        [(28, "PP1")],
    ),
    (
        "a glued marker whose first digit OCR lost, and the mark before it (S/RES/580 (1985) in French)",
        "fr",
        "Le Conseil de sécurité,\n\nPrenant acte de la lettre du représentant permanent du Lesotho auprès"
        " de l'Organisation des Nations Unies'\",\n\nAyant entendu la déclaration de M. M. V. Makhele10,"
        "\n\n1. Demande le respect de la Charte des Nations Unies\" ';"
        f"\n\n{NOTES_RULE}\n108 Document S/17700, incorporé dans le compte rendu de la 2638e séance."
        "\n109 Documents officiels du Conseil de sécurité, quarantième année, document S/17692."
        "\n110 Ibid., quarantième année, 2638e séance.",
        [(109, "PP1"), (110, "PP2")],
    ),
    (
        "a question mark before the marker's last digit (S/RES/555 (1984) in English)",
        "en",
        "The Security Council,\n\nHaving studied the report of the Secretary-General of 9 October 1984,?7 and"
        " taking note of the observations expressed therein,\n\nTaking note of the letter of 8 October 1984, 28"
        f"\n\n1. Decides to extend the mandate.\n\n{NOTES_RULE}\n27 Ibid., document S/16776.\n28 Ibid., document S/16772.",
        [(27, "PP1"), (28, "PP2")],
    ),
    (
        "a degree sign closes no quotation; a note called again is passed over (S/RES/501 (1982) in French)",
        "fr",
        "Le Conseil de sécurité,\n\nAyant étudié le rapport spécial du Secrétaire général6,"
        "\n\n1. Réaffirme sa résolution 425 (1978), qui est ainsi conçue :"
        "\n\n\"Ayant entendu les déclarations des représentants permanents du Liban et d'Israëll°, décide d'agir.\""
        "\n\n2. Décide d'approuver l'accroissement recommandé au paragraphe 6 de son rapport6,"
        '\n\n3. Souligne le mandat énoncé dans le rapport du Secrétaire général du 19 mars 1978" et confirmé;'
        f"\n\n{NOTES_RULE}\n6 Document S/14869.\n10 Ibid., trente-troisième année, 2071e séance."
        "\n11 Ibid., trente-troisième année, Supplément de janvier, février et mars 1978, document S/12611.",
        [(6, "PP1"), (10, "OP1"), (6, "OP2"), (11, "OP3")],
    ),
    (
        "an elision OCR spaced is no mark (S/RES/1187 (1998) in French)",
        "fr",
        "Le Conseil de sécurité,\n\nSe félicitant du rôle joué par la Mission d' observation,"
        "\n\n1. Condamne les violations de l'Accord de Moscou' et des accords."
        f"\n\n{NOTES_RULE}\n167 Ibid., document S/1998/647/Add.1.",
        [(167, "OP1")],
    ),
    (
        "the number sign is no mark (S/RES/1101 (1997) in French)",
        "fr",
        "Le Conseil de sécurité,\n\nPrenant note de la décision n° 160 du Conseil permanent,"
        "\n\n1. Se félicite de l'offre faite dans une lettre\"."
        f"\n\n{NOTES_RULE}\n230 Documents officiels du Conseil de sécurité, document S/1997/259.",
        [(230, "OP1")],
    ),
]


@pytest.mark.parametrize(("form", "code", "text", "expected"), HEADING_NOTES, ids=[h[0] for h in HEADING_NOTES])
def test_damaged_marks_call_the_notes_one_reading_fits(
    form: str, code: str, text: str, expected: list[tuple[int, str]]
) -> None:
    reading = clean(text)
    lang = language.load(code)
    found = segment(reading, lang, read_heading(reading, lang).end).markers
    assert [(m.number, m.paragraph) for m in found] == expected


# Notes on the vote, from the annual volumes: S/RES/451 (1979), S/RES/325 (1973).
VOTE_NOTES = [
    "One member (China) did not participate in the voting.",
    "In the absence of objections, the President declared the draft resolution adopted unanimously.",
]


@pytest.mark.parametrize("vote_note", VOTE_NOTES)
def test_a_note_on_the_vote_is_said_to_be_called_from_the_adoption_line(vote_note: str) -> None:
    """Note 81 is called from "Adopted at the 2150th meeting by 14 votes to none. 81", which is
    no paragraph."""
    text = (
        "The Security Council,\n\nTaking note of the report of 31 May 1979, 79\n\n1. Extends the Force."
        "\n\nAdopted at the 2150th meeting by 14 votes to none. 81"
        f"\n\n{NOTES_RULE}\n79 Ibid., document S/13369.\n81 {vote_note}"
    )
    reading = clean(text)
    lang = language.load("en")
    notes = segment(reading, lang, read_heading(reading, lang).end).footnotes
    assert [(n.number, n.status, n.reason) for n in notes] == [
        (79, "tied", None),
        (81, "dangling", "a note on the vote, called from the adoption line, which is no paragraph"),
    ]


@pytest.mark.parametrize(("form", "paragraph", "notes", "expected"), MARKERS, ids=[m[0] for m in MARKERS])
def test_markers(form: str, paragraph: str, notes: list[int], expected: list[tuple[int, bool]]) -> None:
    note_lines = "".join(f"\n{n} A note." for n in notes)
    text = f"The General Assembly,\n\n{paragraph}\n\n1. Decides to act." + (
        f"\n\n{NOTES_RULE}{note_lines}" if notes else ""
    )
    reading = clean(text)
    lang = language.load("en")
    found = segment(reading, lang, read_heading(reading, lang).end).markers
    assert [(m.number, m.dangling) for m in found if m.paragraph == "PP1"] == expected


# A heading's date as OCR damaged it (the unsc-fr annual volumes) → the date read, or none
# where no one reading fits.
DAMAGED_DATES = [
    ("the month within two letters", "Résolution 348 (1974)\ndn 28 niai 1974", "1974-05-28"),
    ("the month begun", "Résolution 798 (1992) du 18 décemk, 1992", "1992-12-18"),
    ("the day 1er misread", "Résolution 319 (1972)\ndu ler août 1972", "1972-08-01"),
    ("the day 1er with a mark", 'Résolution 516\n(1982)\ndu 1" août 1982', "1982-08-01"),
    ("the year lost: the symbol's", "Résolution 459\n(1979)\ndu 19 décembre I97'", "1979-12-19"),
    ("the day lost", "Résolution 935 (1994) du e juillet 1994", None),
    ("no month near enough", "Résolution 298 (1971) du 25 ireptoodere 1971", None),
]


@pytest.mark.parametrize(("form", "heading", "expected"), DAMAGED_DATES, ids=[d[0] for d in DAMAGED_DATES])
def test_a_damaged_heading_date_is_read_where_one_reading_fits(form: str, heading: str, expected: str | None) -> None:
    reading = clean(f"{heading}\nLe Conseil de sécurité,\n\nRappelant sa résolution 312 (1972),\n\n1. Décide.")
    assert read_heading(reading, language.load("fr")).date == expected


def test_a_heading_whose_year_ocr_damaged_takes_the_year_of_its_date() -> None:
    """S/RES/361 (1974) prints "Resolution 361 (197-4)"."""
    text = "Resolution 361 (197-4)\nof 30 August 1974\n\nThe Security Council,\n\nNoting the report,\n\n1. Decides."
    assert extract_text(text).symbol == "S/RES/361 (1974)"


def test_the_next_resolution_a_volume_prints_ends_the_text() -> None:
    """The volume runs S/RES/300 (1971) on into 303 (1971), its heading glued to a page number."""
    text = (
        "Résolution 300 (1971) du 12 octobre 1971\nLe Conseil de sécurité,\n\nAyant reçu la lettre de la Zambie,"
        "\n\n1. Réaffirme sa position;\n\n10Résolution 303 (1971) du 6 décembre 1971\n\nLe Conseil de sécurité,"
        "\n\nAyant examiné la question inscrite à l'ordre du jour,\n\n1. Décide de renvoyer la question."
    )
    document = extract_text(text)
    assert [p.id for p in document.paragraphs] == ["PP1", "OP1"]


def test_a_marker_glued_to_a_misread_council_document_is_cut_where_the_year_says() -> None:
    """S/RES/466 (1980) in French: "document SI 138786 I" is S/13878 and note 61 (its 1 read as I);
    no document of 1980 has six digits."""
    text = (
        "Résolution 466 (1980) du 11 avril 1980\nLe Conseil de sécurité,\n\nPrenant note de la lettre contenue dans"
        " le document SI 138786 I,\n\n1. Condamne l'invasion."
        f"\n\n{NOTES_RULE}\n61 Voir Documents officiels du Conseil de sécurité, trente-cinquième année."
    )
    document = extract_text(text)
    assert [(m.number, m.paragraph) for m in document.markers] == [(61, "PP1")]
    assert [(c.paragraph, c.symbol, c.quote) for c in document.citations if c.kind == "document"] == [
        ("PP1", "S/13878", "SI 13878")
    ]
