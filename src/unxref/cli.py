"""The ``unxref`` command line."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

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
    json = "json"
    text = "text"


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
    lang: Lang = typer.Option(Lang.auto, help="The text's language."),
    format: ExtractFormat = typer.Option(ExtractFormat.text, "--format", "-f", help="Output format."),
) -> None:
    """Extract one resolution: its structure and every citation it makes."""
    from unxref.extract import extract_file

    try:
        document = extract_file(file, symbol=symbol, lang=lang.value)
    except InputError as error:
        raise fail(str(error)) from None
    if format is ExtractFormat.json:
        json.dump(document.to_json(), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print_summary(document)


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
