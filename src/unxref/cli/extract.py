"""Commands on one document at a time: extract it, print its reading text, validate graphs."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from unxref.cli.app import app, fail, one_of, out, print_error
from unxref.errors import InputError
from unxref.formats import GRAPHS, keys
from unxref.un.language import LANGUAGES

if TYPE_CHECKING:
    from rdflib import Graph

from unxref.model import Document

EXTRACT_FORMATS = ["text", "json", *[k for k in keys(GRAPHS) if k != "trig"]]
BATCH_FORMATS = ["text", "json", "nt", "nq"]  # the formats several documents can be written in, one after another


@app.command()
def extract(
    files: list[str] = typer.Argument(..., help="Resolutions (text, Markdown, PDF, DOCX, HTML), folders or globs."),
    symbol: str | None = typer.Option(None, help="With one file: its own symbol, when its text lacks it."),
    date: str | None = typer.Option(
        None, help="With one file: its adoption date (YYYY-MM-DD), when its text lacks it."
    ),
    lang: str = one_of(["auto", *LANGUAGES], "auto", "The text's language"),
    format: str = one_of(
        EXTRACT_FORMATS,
        "text",
        "What to write: a summary (text), the document model (json; JSON Lines, a document a line, for several) or RDF",
        "--format",
        "-f",
    ),
) -> None:
    """Extract resolutions: their structure and every citation they make.

    One file: its summary, its JSON or its graph. Several (or a folder): one after another,
    JSON as JSON Lines; a file that fails is a line on standard error (and, in JSON Lines,
    an ``{"source": ..., "error": ...}`` line), the others go on; the exit status is 1 when
    some failed, 2 when all did.
    """
    from unxref.extract import extract_file
    from unxref.extract.read import expand

    paths, problems = expand(files)
    if not paths and not problems:
        raise fail("no resolutions found in " + ", ".join(files))
    single = len(files) == 1 and not problems and len(paths) == 1 and Path(files[0]).is_file()
    if (symbol or date) and not single:
        raise fail("--symbol and --date apply to one file")
    if not single and format not in BATCH_FORMATS:
        raise fail(f"several files are written as {', '.join(BATCH_FORMATS)}, not {format}")
    failed = [str(problem) for problem in problems]
    if format == "json":
        for problem in problems:
            print(json.dumps({"source": problem.path, "error": problem.problem}, ensure_ascii=False))
    written = 0
    for path in paths:
        try:
            document = extract_file(path, symbol=symbol, lang=lang, date=date)
            _write(document, format, single)
            written += 1
        except InputError as error:
            if single:
                raise fail(str(error)) from None
            failed.append(str(error))
            if format == "json":
                print(json.dumps({"source": str(path), "error": error.problem}, ensure_ascii=False))
    for message in failed:
        print_error(message)
    if failed:
        raise typer.Exit(1 if written else 2)


def _write(document: Document, format: str, single: bool) -> None:
    if format == "json" and single:
        json.dump(document.to_json(), sys.stdout, ensure_ascii=False, indent=1)
        print()
    elif format == "json":
        print(json.dumps({"source": document.source, **document.to_json()}, ensure_ascii=False))
    elif format == "text":
        print_summary(document)
    else:
        from unxref.rdf.build import build
        from unxref.rdf.iris import Iris
        from unxref.rdf.serialize import serialize

        graph = build(document)  # refuses a document without a symbol
        sys.stdout.write(serialize(graph, format, Iris.configured().graph(document.symbol or "")))


@app.command()
def read(file: Path = typer.Argument(..., help="A resolution: plain text, PDF, DOCX or HTML.")) -> None:
    """Print the reading text that extraction spans index."""
    from unxref.extract.clean import clean
    from unxref.extract.read import read_file

    try:
        raw, source_format = read_file(file)
    except InputError as error:
        raise fail(str(error)) from None
    sys.stdout.write(clean(raw, source_format).text + "\n")


@app.command()
def validate(
    files: list[Path] = typer.Argument(
        ..., help="RDF files (.ttl .nt .nq .trig .jsonld .rdf), or resolutions with --extract."
    ),
    extract: bool = typer.Option(
        False, "--extract", help="The files are resolutions: extract each and validate its graph."
    ),
    symbol: str | None = typer.Option(None, help="With --extract and one file: its symbol, when its text lacks it."),
    date: str | None = typer.Option(None, help="With --extract and one file: its adoption date."),
) -> None:
    """Check graphs against the SHACL shapes; exit 1 when one does not conform (or a file of
    several cannot be read: a line each, the others go on), 2 when none could be read."""
    from unxref.rdf.shacl import Violation
    from unxref.rdf.validate import parse_rdf_file
    from unxref.rdf.validate import validate as check

    if (symbol or date) and (not extract or len(files) != 1):
        raise fail("--symbol and --date apply to one file given with --extract")
    violations: list[tuple[Path, Violation]] = []
    failed: list[str] = []
    for file in files:
        try:
            graph = _extracted_graph(file, symbol, date) if extract else parse_rdf_file(file)
        except InputError as error:
            if len(files) == 1:
                raise fail(str(error)) from None
            failed.append(str(error))  # a batch goes on
            continue
        violations += [(file, v) for v in check(graph)]
    checked = len(files) - len(failed)
    if violations:
        table = Table("file", "focus node", "path", "message", title=f"{len(violations)} violation(s)")
        for file, v in violations:
            table.add_row(str(file), v.focus, v.path, v.message)
        out().print(table)
    elif checked:
        out().print(f"[green]conforms:[/green] {counted(checked, 'file')}", highlight=False)
    for message in failed:
        print_error(message)
    if violations or failed:
        raise typer.Exit(2 if not checked else 1)


def _extracted_graph(file: Path, symbol: str | None, date: str | None) -> Graph:
    from unxref.extract import extract_file
    from unxref.rdf.build import build

    return build(extract_file(file, symbol=symbol, date=date))


def counted(count: int, noun: str) -> str:
    """A count and its noun: "1 footnote", "2 footnotes", "3 treaties"."""
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{count} {noun if count == 1 else plural}"


def print_summary(document: Document) -> None:
    console = out()
    console.print(f"[bold]{document.symbol or '(no symbol)'}[/bold]  {document.title or ''}", highlight=False)
    console.print(
        f"{document.body or 'unknown body'} · {document.date or 'no date'} · language {document.language}"
        + (f" · meeting {document.meeting}" if document.meeting else ""),
        highlight=False,
    )
    kinds = [p.kind for p in document.paragraphs]
    console.print(
        f"{kinds.count('preambular')} preambular, {kinds.count('operative')} operative, {kinds.count('annex')} annex paragraphs; "
        f"{counted(len(document.sections), 'section')}; {counted(len(document.footnotes), 'footnote')}",
        highlight=False,
    )
    table = Table("paragraph", "function", "kind", "cites", "note", "quote", title="Citations")
    for c in document.citations:
        table.add_row(c.paragraph, c.function or "", c.kind, c.target, str(c.footnote or ""), c.quote)
    console.print(table)
    distinct = {(c.kind, c.target) for c in document.citations}
    console.print(
        " · ".join(
            counted(sum(1 for k, _ in distinct if k == kind), kind) for kind in ("resolution", "document", "treaty")
        )
        + f" cited; {counted(len(document.mentions), 'mention')} of bodies and sessions",
        highlight=False,
    )
