"""Hostile inputs (issue 13), made by the tests in a folder: each is a file (or a thing at a
path) that unxref must refuse with one line naming it and the problem.

`make(folder)` writes them all and returns {path: the problem's words}.
"""

from __future__ import annotations

import io
import os
import random
import zipfile
from pathlib import Path

from tests.support import EXAMPLE

RESOLUTION = EXAMPLE.read_text("utf-8")
PREAMBLE = RESOLUTION[:400]


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _bomb() -> bytes:
    """A DOCX whose document part unpacks to 60 MB (60 kB packed)."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as part,
    ):
        for _ in range(60):
            part.write(b" " * 1_000_000)
    return buffer.getvalue()


def _pdf(body: str, trailer: str = "") -> bytes:
    """A one-page PDF with the given page content stream, cross-reference table and all."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        f"<< /Length {len(body)} >>\nstream\n{body}\nendstream",
    ]
    out = "%PDF-1.4\n"
    offsets = []
    for number, text in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{text}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer}>>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")


ENCRYPTED = f"/Encrypt << /Filter /Standard /V 1 /R 2 /O <{'00' * 32}> /U <{'11' * 32}> /P -4 >> /ID [<{'22' * 16}> <{'22' * 16}>] "
NOISE = random.Random(13).randbytes(20_000)

# name → (what to write, words the refusal must contain)
FILES: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "the file is empty"),
    "whitespace.txt": (b" \n\t\r\n  \n", "the file is empty"),
    "noise.txt": (NOISE, "binary data, not text"),
    "nul-bytes.txt": (PREAMBLE.encode() + b"\x00" * 10 + b"more", "binary data, not text"),
    "control-characters.txt": (bytes(range(1, 9)) * 500, "binary data, not text"),
    "utf-16-without-bom.txt": (PREAMBLE.encode("utf-16-le"), "binary data, not text"),
    "utf-16-odd-length.txt": (b"\xff\xfe" + "Résolution".encode("utf-16-le") + b"\x00", "invalid utf-16"),
    "mixed-encodings.txt": ("Considérant ".encode() + "déclaration".encode("latin-1"), "mixed text encodings"),
    "undefined-cp1252.txt": (b"The General Assembly \x81\x8d\x8f\x90\x9d" * 20, "unknown text encoding"),
    "symbols-only.txt": ("¤¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿".encode("cp1252") * 50, "unknown text encoding"),
    "right-to-left-marks.txt": ("\u200f\u202e\u200f".encode() * 2000, "does not look like a resolution"),
    "prose.txt": (
        b"It was a dark and stormy night; the rain fell in torrents.\n" * 40,
        "does not look like a resolution",
    ),
    "dashes.txt": (b"-----\n" * 10_000, "does not look like a resolution"),
    "gif-as-text.txt": (b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + NOISE[:500], "binary data, not text"),
    "pdf-as-text.txt": (b"%PDF-1.7\n" + NOISE[:4000], "damaged or truncated PDF"),
    "truncated.pdf": (_pdf("BT /F1 12 Tf 72 712 Td (Resolution) Tj ET")[:300], "damaged or truncated PDF"),
    "encrypted.pdf": (_pdf("BT ET", ENCRYPTED), "the PDF is encrypted"),
    "no-text-layer.pdf": (_pdf(""), "has no text layer"),
    "garbage.pdf": (b"%PDF-1.4\n" + b"1 0 obj << /Type /Catalog >> endobj\n" * 3, "damaged or truncated PDF"),
    "another-zip.docx": (_zip({"README.md": b"# not Word"}), "not a Word (DOCX) file"),
    "zip-bomb.docx": (_bomb(), "word/document.xml unpacks to more than 50 MB"),
    "broken-xml.docx": (_zip({"word/document.xml": b"<w:document><w:body>"}), "a damaged Word (DOCX) file"),
    "truncated.docx": (_zip({"word/document.xml": PREAMBLE.encode()})[:60], "a damaged Word (DOCX) file"),
    "empty-document.docx": (
        _zip(
            {
                "word/document.xml": b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
            }
        ),
        "no text could be read",
    ),
    "nested.html": (
        b"<html><body>" + b"<div>" * 100_000 + b"x" + b"</div>" * 100_000,
        "does not look like a resolution",
    ),
    "script-only.html": (
        b"<html><head><script>var a = 1;</script></head><body></body></html>",
        "no text could be read",
    ),
    "text-as-docx.docx": (b"This is plain text in a file named .docx\n" * 20, "does not look like a resolution"),
    "[bold]markup[-bold].txt": (b"", "the file is empty"),
    "name with spaces and accents \u00e9\u00e8.txt": (b"", "the file is empty"),
    "-leading-dash.txt": (b"", "the file is empty"),
    ("x" * 200) + ".txt": (b"", "the file is empty"),
}

# name → (its sidecar, the refusal's words); the refusal names the sidecar file
SIDECARS: dict[str, tuple[str, str]] = {
    "lang-xx": ('lang = "xx"', "lang = 'xx' is not a language unxref reads"),
    "bad-toml": ("symbol = ", "is not valid TOML"),
    "unknown-key": ('title = "x"', "unknown keys title"),
    "bad-date": ('date = "18 December 2007"', "date = '18 December 2007' is not a date"),
    "bad-symbol": ('symbol = "not a symbol"', "symbol = 'not a symbol' is not a UN symbol"),
    "arabic-digits": ('symbol = "A/RES/٦٢/١٧٦"', "is written in ASCII letters and digits"),
    "long-s": ('symbol = "\u017f/RES/242 (1967)"', "is written in ASCII letters and digits"),
}


def _special(folder: Path) -> dict[Path, str]:
    """Things at a path that are not regular files."""
    made: dict[Path, str] = {}
    fifo = folder / "fifo.txt"
    os.mkfifo(fifo)
    made[fifo] = "is not a regular file"
    loop = folder / "loop-a.txt"
    loop.symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(loop)
    made[loop] = "a symbolic link that leads nowhere"
    dangling = folder / "dangling.txt"
    dangling.symlink_to(folder / "nowhere.txt")
    made[dangling] = "a symbolic link that leads nowhere"
    device = folder / "zero.txt"
    device.symlink_to("/dev/zero")
    made[device] = "is not a regular file"
    large = folder / "larger-than-the-cap.txt"
    with large.open("wb") as file:
        file.truncate(50_000_001)  # sparse: no disk used
    made[large] = "the file is larger than 50 MB"
    directory = folder / "a-folder.txt"
    directory.mkdir()
    (directory / "inside.md").write_bytes(b"")
    made[directory / "inside.md"] = "the file is empty"
    return made


def named(path: Path) -> Path:
    """The file a refusal names: the sidecar, for a sidecar's problem."""
    return path.with_name(path.stem + ".meta.toml") if path.name.startswith("sidecar-") else path


def make(folder: Path) -> dict[Path, str]:
    """Write every hostile input into ``folder``; returns each path and the words of its refusal."""
    folder.mkdir(parents=True, exist_ok=True)
    made: dict[Path, str] = {}
    for name, (data, problem) in FILES.items():
        (folder / name).write_bytes(data)
        made[folder / name] = problem
    for name, (meta, problem) in SIDECARS.items():
        text = folder / f"sidecar-{name}.txt"
        text.write_text(RESOLUTION, "utf-8")
        (folder / f"sidecar-{name}.meta.toml").write_text(meta + "\n", "utf-8")
        made[text] = problem  # said of the sidecar: see `named`
    made.update(_special(folder))
    return made
