"""The ``unxref`` command line."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from rdflib import Graph

from unxref import __version__
from unxref.model import Document
from unxref.read import InputError

app = typer.Typer(
    help="unxref: a cross-reference knowledge graph of United Nations resolutions.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)


class Lang(StrEnum):
    auto = "auto"
    en = "en"
    fr = "fr"


class ExtractFormat(StrEnum):
    text = "text"
    json = "json"
    ttl = "ttl"
    nt = "nt"
    nq = "nq"
    jsonld = "jsonld"
    rdfxml = "rdfxml"


def fail(message: str, status: int = 2) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(status)


@app.callback()
def main(version: bool = typer.Option(False, "--version", help="Print the version and exit.")) -> None:
    if version:
        print(__version__)
        raise typer.Exit()


@app.command()
def extract(
    file: Path = typer.Argument(..., help="A resolution: plain text, PDF, DOCX or HTML."),
    symbol: str | None = typer.Option(None, help="The document's own symbol, when its text lacks it."),
    date: str | None = typer.Option(None, help="Its adoption date (YYYY-MM-DD), when its text lacks it."),
    lang: Lang = typer.Option(Lang.auto, help="The text's language."),
    format: ExtractFormat = typer.Option(
        ExtractFormat.text, "--format", "-f", help="text (a summary), json (the document model) or an RDF format."
    ),
) -> None:
    """Extract one resolution: its structure and every citation it makes."""
    from unxref.extract import extract_file

    try:
        document = extract_file(file, symbol=symbol, lang=lang.value, date=date)
        if format is ExtractFormat.json:
            json.dump(document.to_json(), sys.stdout, ensure_ascii=False, indent=1)
            print()
        elif format is ExtractFormat.text:
            print_summary(document)
        else:
            from unxref.graph import Iris, base, build
            from unxref.serialize import RdfFormat, serialize

            assert document.symbol  # build() refused a document without one
            graph = build(document)
            sys.stdout.write(serialize(graph, RdfFormat(format.value), Iris(base()).graph(document.symbol)))
    except InputError as error:
        raise fail(str(error)) from None


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
    """Check graphs against the SHACL shapes; exit 1 when one does not conform."""
    from unxref.validate import Violation, parse_rdf_file
    from unxref.validate import validate as check

    if (symbol or date) and (not extract or len(files) != 1):
        raise fail("--symbol and --date apply to one file given with --extract")
    violations: list[tuple[Path, Violation]] = []
    for file in files:
        try:
            graph = _extracted_graph(file, symbol, date) if extract else parse_rdf_file(file)
        except InputError as error:
            raise fail(str(error)) from None
        violations += [(file, v) for v in check(graph)]
    if not violations:
        Console().print(f"[green]conforms:[/green] {len(files)} file(s)", highlight=False)
        return
    table = Table("file", "focus node", "path", "message", title=f"{len(violations)} violation(s)")
    for file, v in violations:
        table.add_row(str(file), v.focus, v.path, v.message)
    Console().print(table)
    raise typer.Exit(1)


def _extracted_graph(file: Path, symbol: str | None, date: str | None) -> Graph:
    from unxref.extract import extract_file
    from unxref.graph import build

    return build(extract_file(file, symbol=symbol, date=date))


@app.command()
def read(file: Path = typer.Argument(..., help="A resolution: plain text, PDF, DOCX or HTML.")) -> None:
    """Print the reading text that extraction spans index."""
    from unxref.clean import clean
    from unxref.read import read_file

    try:
        raw, source_format = read_file(file)
    except InputError as error:
        raise fail(str(error)) from None
    sys.stdout.write(clean(raw, source_format).text + "\n")


def print_summary(document: Document) -> None:
    console = Console()
    console.print(f"[bold]{document.symbol or '(no symbol)'}[/bold]  {document.title or ''}", highlight=False)
    console.print(
        f"{document.body or 'unknown body'} · {document.date or 'no date'} · language {document.language}"
        + (f" · meeting {document.meeting}" if document.meeting else ""),
        highlight=False,
    )
    kinds = [p.kind for p in document.paragraphs]
    console.print(
        f"{kinds.count('preambular')} preambular, {kinds.count('operative')} operative, {kinds.count('annex')} annex paragraphs; "
        f"{len(document.sections)} sections; {len(document.footnotes)} footnotes",
        highlight=False,
    )
    table = Table("paragraph", "function", "kind", "cites", "note", "quote", title="Citations")
    for c in document.citations:
        table.add_row(c.paragraph, c.function or "", c.kind, c.target, str(c.footnote or ""), c.quote)
    console.print(table)
    distinct = {(c.kind, c.target) for c in document.citations}
    console.print(
        " · ".join(
            f"{sum(1 for k, _ in distinct if k == kind)} {kind.replace('y', 'ie')}s"
            for kind in ("resolution", "document", "treaty")
        )
        + f" cited; {len(document.mentions)} mentions of bodies and sessions",
        highlight=False,
    )


if __name__ == "__main__":
    app()
