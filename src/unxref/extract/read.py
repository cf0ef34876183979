"""Read a file into raw text: plain text in any of the usual encodings, PDF, DOCX, HTML;
and what its sidecar file says about it.

Every problem with the input is raised as `InputError`, whose message names the
file and the problem in one line; the CLI prints it and exits with status 2.
"""

from __future__ import annotations

import glob
import re
import tomllib
import zipfile
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

from unxref.errors import InputError

MAX_BYTES = 50_000_000
SIDECAR_KEYS = ("symbol", "date", "lang")
SOURCE_SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")


def read_file(path: Path) -> tuple[str, str]:
    """The raw text of a file and the format it was read as (txt, pdf, docx, html)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror})") from None
    if not data.strip():
        raise InputError(path, "the file is empty")
    if len(data) > MAX_BYTES:
        raise InputError(path, f"the file is larger than {MAX_BYTES // 1_000_000} MB")
    kind = sniff(path, data)
    reader = {"pdf": read_pdf, "docx": read_docx, "html": read_html, "txt": decode_text}[kind]
    text = reader(path, data)
    if not text.strip():
        raise InputError(path, "no text could be read from it")
    return text, kind


def sniff(path: Path, data: bytes) -> str:
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    head = data[:2048].lstrip().lower()
    if path.suffix.lower() in {".html", ".htm", ".xhtml"} or head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "txt"


def decode_text(path: Path, data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or cp1252, else fail."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(path, data[3:], "utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(path, data, "utf-16")
    if b"\x00" in data or _control_ratio(data) > 0.01:
        raise InputError(path, "binary data, not text (no UTF-16 byte-order mark either)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(path, "unknown text encoding (neither UTF-8, UTF-16 nor cp1252)") from None
    if _letter_ratio(text) < 0.5:
        raise InputError(path, "unknown text encoding (decodes to mostly symbols)")
    return text


def _decode(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(path, f"invalid {encoding} at byte {error.start}") from None


def _control_ratio(data: bytes) -> float:
    controls = sum(1 for b in data[:65536] if b < 32 and b not in (9, 10, 12, 13))
    return controls / min(len(data), 65536)


def _letter_ratio(text: str) -> float:
    visible = [c for c in text if not c.isspace()]
    return sum(c.isalnum() or c in ".,;:()/-'’\"" for c in visible) / max(len(visible), 1)


def read_pdf(path: Path, data: bytes) -> str:
    """The PDF's text layer, page by page (pages separated by form feeds).

    pdfplumber gives the cleanest reading order on official UN PDFs (compared with
    pypdf, pypdfium2, pdfminer.six and PyMuPDF: see README).
    """
    import io

    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as error:
        raise InputError(path, f"damaged PDF ({error.__class__.__name__})") from None
    if not any(p.strip() for p in pages):
        raise InputError(path, "the PDF has no text layer (a scan?); run OCR first")
    return "\f".join(pages)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path, data: bytes) -> str:
    """Paragraphs of a Word file; footnotes become ``[^n]`` markers and notes at the end."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            document = ElementTree.fromstring(archive.read("word/document.xml"))
            names = archive.namelist()
            notes = (
                ElementTree.fromstring(archive.read("word/footnotes.xml")) if "word/footnotes.xml" in names else None
            )
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        raise InputError(path, "not a Word (DOCX) file, or a damaged one") from None
    body = [_docx_paragraph(p) for p in document.iter(f"{_W}p")]
    text = "\n\n".join(p for p in body if p.strip())
    if notes is not None:
        for note in notes.iter(f"{_W}footnote"):
            number = note.get(f"{_W}id", "")
            content = " ".join(_docx_paragraph(p) for p in note.iter(f"{_W}p")).strip()
            if number.isdigit() and int(number) > 0 and content:
                text += f"\n\n[^{number}]: {content}"
    return text


def _docx_paragraph(paragraph: ElementTree.Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        if node.tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif node.tag == f"{_W}tab":
            parts.append(" ")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif node.tag == f"{_W}footnoteReference":
            parts.append(f"[^{node.get(f'{_W}id')}]")
    return "".join(parts)


class _HTMLText(HTMLParser):
    BLOCKS = frozenset(
        [
            "p",
            "div",
            "br",
            "li",
            "ul",
            "ol",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "tr",
            "table",
            "section",
            "article",
            "blockquote",
            "pre",
            "hr",
            "dd",
            "dt",
        ]
    )
    SKIP = frozenset({"script", "style", "head", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def read_html(path: Path, data: bytes) -> str:
    """Visible text of an HTML page, one block element per paragraph."""
    parser = _HTMLText()
    parser.feed(decode_text(path, data))
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def sidecar(path: Path) -> dict[str, str]:
    """What a text lacks, from ``NAME.meta.toml`` next to it (``A_RES_62_176_fr.meta.toml``
    for ``A_RES_62_176_fr.txt``): ``symbol = "A/RES/62/176"``, ``date = "2007-12-18"``, ``lang``."""
    meta = path.with_name(path.stem + ".meta.toml")
    if not meta.is_file():
        return {}
    try:
        data = tomllib.loads(meta.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(str(meta), f"is not valid TOML: {error}") from None
    unknown = set(data) - set(SIDECAR_KEYS)
    if unknown:
        raise InputError(str(meta), f"unknown keys {', '.join(sorted(unknown))}; known: {', '.join(SIDECAR_KEYS)}")
    return {k: str(v) for k, v in data.items()}


def expand(paths: Iterable[str]) -> tuple[list[Path], list[InputError]]:
    """The source files that files, folders (searched recursively) and glob patterns name,
    in a stable order, and a problem for each that names none; the others go on."""
    found: list[Path] = []
    problems: list[InputError] = []
    for given in paths:
        matches = (
            [Path(m) for m in sorted(glob.glob(given, recursive=True))] if glob.has_magic(given) else [Path(given)]
        )
        if not matches:
            problems.append(InputError(given, "no file matches this pattern"))
        for path in matches:
            if path.is_dir():
                found += sorted(p for p in path.rglob("*") if p.suffix.lower() in SOURCE_SUFFIXES and p.is_file())
            elif path.exists():
                found.append(path)
            else:
                problems.append(InputError(str(path), "no such file or folder"))
    return list(dict.fromkeys(found)), problems
