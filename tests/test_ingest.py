"""Ingest into an on-disk store, and the store's commands: query, export, validate."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph
import pytest
from typer.testing import CliRunner

from tests.support import EXAMPLE
from unxref.cli import app
from unxref.extract.read import expand
from unxref.ingest import ingest
from unxref.store import Store

runner = CliRunner(env={"COLUMNS": "250"})
SEED_GRAPH = "https://w3id.org/unxref/id/graph/A/RES/62/176"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    shutil.copy(EXAMPLE.with_name("A_RES_62_176_fr.meta.toml"), folder / "A_RES_62_176_fr.meta.toml")
    (folder / "notes.txt").write_text("Minutes of a meeting about nothing in particular.\n", "utf-8")
    return folder


def quads(store: Path, graph: str | None = None) -> int:
    name = pyoxigraph.NamedNode(graph) if graph else None
    return sum(1 for _ in pyoxigraph.Store.read_only(str(store)).quads_for_pattern(None, None, None, name))


def test_a_folder_is_searched_for_resolutions(sources: Path) -> None:
    files, problems = expand([str(sources)])
    assert [p.name for p in files] == ["A_RES_62_176_fr.txt", "notes.txt"] and problems == []


def test_a_glob_and_a_missing_path(sources: Path) -> None:
    files, problems = expand([str(sources / "*.txt"), str(sources / "missing.txt"), str(sources / "*.pdf")])
    assert [p.name for p in files] == ["A_RES_62_176_fr.txt", "notes.txt"]
    assert [p.problem for p in problems] == ["no such file or folder", "no file matches this pattern"]


def test_a_missing_path_is_a_failure_row_and_the_rest_is_ingested(sources: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["ingest", str(sources / EXAMPLE.name), str(tmp_path / "missing.txt"), "--store", str(tmp_path / "store")]
    )
    assert result.exit_code == 1
    assert "missing.txt" in result.output and "no such file or folder" in result.output
    assert quads(tmp_path / "store", SEED_GRAPH) > 1000


def test_a_failing_document_is_reported_and_the_rest_go_on(sources: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(sources), "--store", str(tmp_path / "store")])
    assert result.exit_code == 1
    assert "does not look like a resolution" in result.output and "notes.txt" in result.output
    assert quads(tmp_path / "store", SEED_GRAPH) > 1000


def test_re_ingest_replaces_the_document_graph_whole(sources: Path, tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    seed = sources / EXAMPLE.name
    ingest([seed], store, workers=1)
    first = sum(1 for _ in store.oxigraph.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(SEED_GRAPH)))
    (sources / "A_RES_62_176_fr.meta.toml").write_text('symbol = "A/RES/62/176"\ndate = "2007-12-19"\n')
    ingest([seed], store, workers=1)
    dates = {
        q.object.value
        for q in store.oxigraph.quads_for_pattern(
            None,
            pyoxigraph.NamedNode("https://w3id.org/unxref/ontology#adoptionDate"),
            None,
            pyoxigraph.NamedNode(SEED_GRAPH),
        )
    }
    assert dates == {"2007-12-19"}
    assert sum(1 for _ in store.oxigraph.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(SEED_GRAPH))) == first


def test_a_document_that_breaks_the_shapes_is_not_written(sources: Path, tmp_path: Path) -> None:
    (sources / "A_RES_62_176_fr.meta.toml").write_text('symbol = "A/62/176"\n')  # a document symbol, not a resolution's
    outcomes = ingest([sources / EXAMPLE.name], Store(tmp_path / "store"), workers=1)
    assert outcomes[0].error and outcomes[0].error.startswith(
        "1 SHACL violation(s); first: https://w3id.org/unxref/id/A/62/176"
    )
    assert quads(tmp_path / "store", "https://w3id.org/unxref/id/graph/A/62/176") == 0


def test_a_bad_sidecar_names_the_file(sources: Path, tmp_path: Path) -> None:
    (sources / "A_RES_62_176_fr.meta.toml").write_text('symbol = "A/RES/62/176"\ncolour = "blue"\n')
    outcomes = ingest([sources / EXAMPLE.name], Store(tmp_path / "store"), workers=1)
    assert (
        outcomes[0].error == f"{sources / 'A_RES_62_176_fr.meta.toml'}: unknown keys colour; known: symbol, date, lang"
    )


def test_query_runs_named_queries_on_the_store(store_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "query",
            "--named",
            "treaties-urged",
            "-p",
            "resolution=A/RES/62/176",
            "-f",
            "csv",
            "--store",
            str(store_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "resolution,treaty,name,untsNumber"
    assert len(result.output.splitlines()) == 6


def test_query_reports_a_syntax_error(store_path: Path) -> None:
    result = runner.invoke(app, ["query", "SELECT ?x WHERE {", "--store", str(store_path)])
    assert result.exit_code == 2 and "query syntax error" in result.output


def test_export_is_deterministic(sources: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    ingest([sources / EXAMPLE.name], Store(store), workers=1)
    first = runner.invoke(app, ["export", "--store", str(store)]).output
    second = runner.invoke(app, ["export", "--store", str(store)]).output
    assert first == second and first.splitlines() == sorted(first.splitlines())
    for fmt in ("trig", "nt", "ttl", "jsonld"):
        assert runner.invoke(app, ["export", "-f", fmt, "--store", str(store)]).exit_code == 0


def test_validate_prints_violations_and_exits_1(seed_graph: object, tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "<https://w3id.org/unxref/id/A/RES/1/1> a <https://w3id.org/unxref/ontology#Resolution> .\n", "utf-8"
    )
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 1
    assert "A resolution needs exactly one canonical resolution symbol" in result.output


def test_validate_a_conforming_graph(tmp_path: Path) -> None:
    graph = tmp_path / "seed.nt"
    extracted = runner.invoke(app, ["extract", str(EXAMPLE), "--symbol", "A/RES/62/176", "-f", "nt"])
    graph.write_text(extracted.output, "utf-8")
    result = runner.invoke(app, ["validate", str(graph)])
    assert result.exit_code == 0 and "conforms: 1 file(s)" in result.output


def test_validate_a_file_that_does_not_parse(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", "utf-8")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 2 and "bad.ttl: line 1, column" in result.output


def test_ingest_builds_the_citation_graph_for_chain_requests(sources: Path, tmp_path: Path) -> None:
    from unxref.chains import graph as chains

    (sources / "notes.txt").unlink()
    store = tmp_path / "store"
    cache = tmp_path / "cache"
    result = CliRunner(env={"XDG_CACHE_HOME": str(cache)}).invoke(app, ["ingest", str(sources), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (cache / "unxref" / "chains").iterdir()] == [
        chains._cache_file(*chains._fingerprint(store)).name
    ]


def test_query_answers_ask_and_construct_without_a_format(store_path: Path) -> None:
    ask = runner.invoke(app, ["query", "ASK { ?s ?p ?o }", "--store", str(store_path)])
    assert ask.exit_code == 0 and ask.output.strip() == "true"
    construct = runner.invoke(
        app, ["query", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1", "--store", str(store_path)]
    )
    assert construct.exit_code == 0 and construct.output.rstrip().endswith(".")


def test_the_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == "0.1.0"


def test_extract_takes_symbol_and_date_from_the_sidecar() -> None:
    result = runner.invoke(app, ["extract", str(EXAMPLE), "-f", "nt"])
    assert result.exit_code == 0
    assert (
        '<https://w3id.org/unxref/id/A/RES/62/176> <https://w3id.org/unxref/ontology#adoptionDate> "2007-12-18"'
        in result.output
    )


def test_extract_of_a_text_without_symbol_says_how_to_give_one(tmp_path: Path) -> None:
    text = tmp_path / "bare.txt"
    shutil.copy(EXAMPLE, text)
    result = runner.invoke(app, ["extract", str(text), "-f", "ttl"])
    assert result.exit_code == 2 and "has no symbol in its text: give it with --symbol" in result.output
