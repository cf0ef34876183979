"""Read a file into raw text: plain text in any of the usual encodings, PDF, DOCX, HTML;
and what its sidecar file says about it.

Every problem with the input is raised as `InputError`, whose message names the
file and the problem in one line; the CLI prints it and exits with status 2.
"""

from __future__ import annotations

import datetime
import glob
import os
import re
import stat
import tomllib
import zipfile
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

from unxref.errors import InputError
from unxref.un import language, symbols

MAX_BYTES = 50_000_000  # of a file as given, and of each part unpacked from a DOCX
SIDECAR_KEYS = ("symbol", "date", "lang")
SOURCE_SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")


def read_file(path: Path) -> tuple[str, str]:
    """The raw text of a file and the format it was read as (txt, pdf, docx, html)."""
    data = read_bytes(path)
    if not data.strip():
        raise InputError(path, "the file is empty")
    kind = sniff(path, data)
    reader = {"pdf": read_pdf, "docx": read_docx, "html": read_html, "txt": decode_text}[kind]
    text = reader(path, data)
    if not text.strip():
        raise InputError(path, "no text could be read from it")
    return text, kind


def read_bytes(path: Path) -> bytes:
    """At most ``MAX_BYTES`` + 1 bytes of a regular file: a device, a FIFO or a socket is
    refused before it is opened (reading one may never end)."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise InputError(path, "is a directory, not a file")
        if not stat.S_ISREG(mode):
            raise InputError(path, "is not a regular file (a device, FIFO or socket)")
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_BYTES:
        raise InputError(path, f"the file is larger than {MAX_BYTES // 1_000_000} MB")
    return data


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
    except UnicodeDecodeError as error:
        if _UTF8_SEQUENCE.search(data, 0, error.start):
            raise InputError(path, f"mixed text encodings: UTF-8 up to byte {error.start}, then not") from None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(path, "unknown text encoding (neither UTF-8, UTF-16 nor cp1252)") from None
    if _letter_ratio(text) < 0.5:
        raise InputError(path, "unknown text encoding (decodes to mostly symbols)")
    return text


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")  # a multi-byte UTF-8 character


def _decode(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(path, f"invalid {encoding} at byte {error.start}") from None


_NOT_CONTROL = bytes(b for b in range(256) if b >= 32 or b in (9, 10, 12, 13))  # tab, newlines, form feed


def _control_ratio(data: bytes) -> float:
    controls = len(data[:65536].translate(None, _NOT_CONTROL))  # what is left once the rest is deleted
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
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except Exception as error:  # pdfminer raises what its parser meets; pdfplumber wraps it in PdfminerException
        cause = next((a for a in error.args if isinstance(a, Exception)), error.__cause__ or error.__context__ or error)
        if isinstance(cause, (PDFEncryptionError, PDFPasswordIncorrect)):
            raise InputError(path, "the PDF is encrypted; give a copy without a password") from None
        raise InputError(path, f"damaged or truncated PDF ({_first_line(cause)})") from None
    if not any(p.strip() for p in pages):
        raise InputError(path, "the PDF has no text layer (a scan?); run OCR first")
    return "\f".join(pages)


def _first_line(error: BaseException) -> str:
    message = str(error).strip().splitlines()
    return f"{error.__class__.__name__}: {message[0][:120]}" if message else error.__class__.__name__


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path, data: bytes) -> str:
    """Paragraphs of a Word file; footnotes become ``[^n]`` markers and notes at the end."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            document = ElementTree.fromstring(_docx_part(path, archive, "word/document.xml"))
            names = archive.namelist()
            notes = (
                ElementTree.fromstring(_docx_part(path, archive, "word/footnotes.xml"))
                if "word/footnotes.xml" in names
                else None
            )
    except KeyError:
        raise InputError(path, "a zip archive but not a Word (DOCX) file: it has no word/document.xml") from None
    except (zipfile.BadZipFile, ElementTree.ParseError, EOFError, NotImplementedError, RuntimeError) as error:
        raise InputError(path, f"a damaged Word (DOCX) file ({_first_line(error)})") from None
    body = [_docx_paragraph(p) for p in document.iter(f"{_W}p")]
    text = "\n\n".join(p for p in body if p.strip())
    if notes is not None:
        for note in notes.iter(f"{_W}footnote"):
            number = note.get(f"{_W}id", "")
            content = " ".join(_docx_paragraph(p) for p in note.iter(f"{_W}p")).strip()
            if number.isdigit() and int(number) > 0 and content:
                text += f"\n\n[^{number}]: {content}"
    return text


def _docx_part(path: Path, archive: zipfile.ZipFile, name: str) -> bytes:
    """One part, refused when it unpacks to more than ``MAX_BYTES`` (zipfile stops reading at
    the size the archive declares, so a bomb cannot lie its way past this)."""
    if archive.getinfo(name).file_size > MAX_BYTES:
        raise InputError(path, f"its {name} unpacks to more than {MAX_BYTES // 1_000_000} MB")
    return archive.read(name)


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


def sidecar_path(path: Path) -> Path:
    """The sidecar file of a text: ``A_RES_62_176_fr.meta.toml`` for ``A_RES_62_176_fr.txt``."""
    return path.with_name(path.stem + ".meta.toml")


def sidecar(path: Path) -> dict[str, str]:
    """What a text lacks, from its sidecar file (`sidecar_path`): ``symbol = "A/RES/62/176"``,
    ``date = "2007-12-18"``, ``lang``. A problem names the sidecar file and its key."""
    meta = sidecar_path(path)
    if not meta.is_file():
        return {}
    try:
        data = tomllib.loads(read_bytes(meta).decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(meta, f"is not valid TOML: {error}") from None
    unknown = set(data) - set(SIDECAR_KEYS)
    if unknown:
        raise InputError(meta, f"unknown keys {', '.join(sorted(unknown))}; known: {', '.join(SIDECAR_KEYS)}")
    values = {key: str(value) for key, value in data.items()}
    problem = _sidecar_problem(values)
    if problem:
        raise InputError(meta, problem)
    return values


def _sidecar_problem(values: dict[str, str]) -> str | None:
    if "lang" in values and values["lang"] not in language.LANGUAGES:
        return f"lang = {values['lang']!r} is not a language unxref reads ({', '.join(language.LANGUAGES)})"
    if "date" in values:
        try:
            datetime.date.fromisoformat(values["date"])
        except ValueError:
            return f"date = {values['date']!r} is not a date in the form YYYY-MM-DD"
    if "symbol" in values:
        try:
            symbols.normalize(values["symbol"])
        except symbols.SymbolError as error:
            return f"symbol = {values['symbol']!r} is not a UN symbol ({error})"
    return None


def _not_a_file(path: Path) -> str:
    if path.is_symlink() and not path.exists():
        return "is not a regular file: a symbolic link that leads nowhere (broken, or a loop)"
    if path.exists():
        return "is not a regular file (a device, FIFO or socket)"
    return "no such file or folder"


def expand(paths: Iterable[str]) -> tuple[list[Path], list[InputError]]:
    """The source files that files, folders (searched recursively) and glob patterns name,
    in a stable order, and a problem for each that names none; the others go on."""
    found: list[Path] = []
    problems: list[InputError] = []
    for given in paths:
        literal = not glob.has_magic(given) or os.path.lexists(given)  # a file named "[1].txt" is no pattern
        matches = [Path(given)] if literal else [Path(m) for m in sorted(glob.glob(given, recursive=True))]
        if not matches:
            problems.append(InputError(given, "no file matches this pattern"))
        for path in matches:
            if path.is_dir():
                entries = sorted(p for p in path.rglob("*") if p.suffix.lower() in SOURCE_SUFFIXES and not p.is_dir())
                found += [p for p in entries if p.is_file()]
                problems += [InputError(p, _not_a_file(p)) for p in entries if not p.is_file()]
            elif path.exists():
                found.append(path)
            else:
                problems.append(InputError(str(path), _not_a_file(path)))
    return list(dict.fromkeys(found)), problems
