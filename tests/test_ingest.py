"""Ingest into an on-disk store, and the store's commands: query, export, validate."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDF
from typer.testing import CliRunner

from tests.support import CORPUS, EXAMPLE, needs_corpus
from unxref.cli import app
from unxref.extract.read import expand
from unxref.ingest import ingest, prepare
from unxref.location import served
from unxref.store import BULK_FROM, Store, _in_graph

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


# A query the store cannot answer as asked → the one line that says so.
QUERY_MISTAKES = [
    (["ASK {}", "-f", "xyz"], "an ASK query's answer is written as json, xml, csv, tsv, not 'xyz'"),
    (
        ["CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1", "-f", "csv"],
        "a CONSTRUCT query's answer is written as ttl, nt, jsonld, rdfxml, nq, trig, not 'csv'",
    ),
    (
        ["SELECT * WHERE { ?s ?p ?o } LIMIT 1", "-f", "ttl"],
        "a SELECT query's answer is written as json, xml, csv, tsv, not 'ttl'",
    ),
    (
        ["INSERT DATA { <urn:a> <urn:b> <urn:c> }"],
        "unxref query is read-only: SPARQL Update is refused (the store changes through ingest and remove)",
    ),
    (["--named", "treaties-urged", "-p", "resolution"], "--param 'resolution': give NAME=VALUE"),
]


@pytest.mark.parametrize(("arguments", "message"), QUERY_MISTAKES, ids=[m[1][:30] for m in QUERY_MISTAKES])
def test_a_query_asked_wrongly_is_one_line(store_path: Path, arguments: list[str], message: str) -> None:
    result = runner.invoke(app, ["query", *arguments, "--store", str(store_path)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"error: {message}"]


def test_ingest_of_nothing_creates_no_store(tmp_path: Path) -> None:
    store = tmp_path / "typo"
    result = runner.invoke(app, ["ingest", str(tmp_path / "missing.txt"), "--store", str(store)])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {tmp_path / 'missing.txt'}: no such file or folder"
    assert not store.exists()


def test_remove_from_a_missing_store_creates_none(tmp_path: Path) -> None:
    store = tmp_path / "nostore"
    result = runner.invoke(app, ["remove", "A/RES/62/176", "--store", str(store)])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {store}: no store here; run 'unxref ingest' first"
    assert list(tmp_path.iterdir()) == []


def test_export_to_a_folder_that_does_not_exist_is_one_line(store_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "x.nq"
    result = runner.invoke(app, ["export", "-o", str(target), "--store", str(store_path)])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {target}: cannot write it: No such file or directory"


def test_serve_on_a_port_in_use_is_one_line(store_path: Path) -> None:
    import socket

    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--store", str(store_path), "--port", str(port)])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: cannot listen on 127.0.0.1:{port}: Address already in use"


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
    assert result.exit_code == 0 and "conforms: 1 file" in result.output


def test_validate_goes_on_past_a_file_that_does_not_parse(tmp_path: Path) -> None:
    bad, good = tmp_path / "bad.ttl", tmp_path / "seed.nt"
    bad.write_text("<a> <b> .\n", "utf-8")
    good.write_text(runner.invoke(app, ["extract", str(EXAMPLE), "-f", "nt"]).output, "utf-8")
    result = runner.invoke(app, ["validate", str(bad), str(good)])
    assert result.exit_code == 1
    assert result.stdout.strip() == "conforms: 1 file"
    assert result.stderr.startswith(f"error: {bad}: line 1, column") and len(result.stderr.splitlines()) == 1


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
        chains._cache_file(*chains._fingerprint(served(store))).name
    ]  # the graph of what a server will open: the snapshot the ingest published


def test_the_graph_ingest_keeps_is_the_snapshots_own(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Built from the store while it compacts, it is the graph of the snapshot published after."""
    import pickle

    from unxref.chains import graph as chains
    from unxref.location import open_read

    (sources / "notes.txt").unlink()
    store = tmp_path / "store"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    read_from: list[str] = []  # the engines' types: holding an engine would keep the store open
    build = chains.citation_graph
    monkeypatch.setattr(
        chains, "citation_graph", lambda engine: read_from.append(type(engine).__name__) or build(engine)
    )
    result = runner.invoke(app, ["ingest", str(sources), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert read_from == ["Store"]  # once, during the compaction: not again from the snapshot
    with chains._cache_file(*chains._fingerprint(served(store))).open("rb") as file:
        kept = pickle.load(file)
    built = chains.citation_graph(open_read(served(store)))
    assert kept.number_of_edges() > 0
    assert dict(kept.nodes(data=True)) == dict(built.nodes(data=True))
    assert sorted(kept.edges(data=True)) == sorted(built.edges(data=True))


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
    assert result.exit_code == 2
    assert "has no symbol that can be read in its text: give it in a sidecar file bare.meta.toml" in result.output


def test_ingest_of_one_file_that_fails_is_one_line_and_exit_status_2(tmp_path: Path) -> None:
    text = tmp_path / "bare.txt"
    shutil.copy(EXAMPLE, text)
    result = runner.invoke(app, ["ingest", str(text), "--store", str(tmp_path / "store"), "--workers", "1"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"error: {text}: has no symbol that can be read")


@pytest.fixture
def council(tmp_path: Path) -> Path:
    """Three Security Council texts that cite each other (S/RES/242 cites 237 and 240's text is cited by none)."""
    folder = tmp_path / "council"
    folder.mkdir()
    for number in ("237_1967", "242_1967", "338_1973"):
        source = CORPUS / "unsc-en" / f"S_RES_0{number}_EN_GOLD.txt"
        shutil.copy(source, folder / source.name)
    return folder


def export(store: Path) -> str:
    return runner.invoke(app, ["export", "--store", str(store)]).output


@needs_corpus
def test_ingesting_a_folder_twice_changes_nothing(council: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = runner.invoke(app, ["ingest", str(council), "--store", str(store)])
    before = export(store)
    second = runner.invoke(app, ["ingest", str(council), "--store", str(store)])
    assert first.exit_code == second.exit_code == 0
    assert "│ 0       │ 3         │" in second.output  # written 0, unchanged 3
    assert export(store) == before


@needs_corpus
def test_a_changed_file_replaces_its_document_and_only_it(council: Path, tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    ingest(sorted(council.iterdir()), store, workers=1)
    changed = council / "S_RES_0338_1973_EN_GOLD.txt"
    changed.write_text(changed.read_text("utf-8").replace("Calls upon", "Calls upon again"), "utf-8")
    outcomes = ingest(sorted(council.iterdir()), store, workers=1)
    assert [(Path(o.source).name, o.unchanged) for o in outcomes] == [
        ("S_RES_0237_1967_EN_GOLD.txt", True),
        ("S_RES_0242_1967_EN_GOLD.txt", True),
        ("S_RES_0338_1973_EN_GOLD.txt", False),
    ]


@needs_corpus
def test_a_removed_document_leaves_what_others_cite_of_it(council: Path, tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    ingest(sorted(council.iterdir()), Store(store_path), workers=1)
    result = runner.invoke(app, ["remove", "S/RES/242 (1967)", "--store", str(store_path)])
    assert result.exit_code == 0 and "removed S/RES/242 (1967)" in result.output
    store = pyoxigraph.Store.read_only(str(store_path))
    resolution = pyoxigraph.NamedNode("https://w3id.org/unxref/id/S/RES/242_(1967)")
    assert not store.contains_named_graph(pyoxigraph.NamedNode("https://w3id.org/unxref/id/graph/S/RES/242_(1967)"))
    kinds = {
        q.object.value for q in store.quads_for_pattern(resolution, pyoxigraph.NamedNode(str(RDF.type)), None, None)
    }
    assert kinds == {"https://w3id.org/unxref/ontology#Resolution"}  # 338 (1973) still cites it
    assert runner.invoke(app, ["remove", "S/RES/242 (1967)", "--store", str(store_path)]).exit_code == 2


@needs_corpus
def test_prune_removes_the_documents_no_file_gives(council: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    runner.invoke(app, ["ingest", str(council), "--store", str(store)])
    (council / "S_RES_0237_1967_EN_GOLD.txt").unlink()
    result = runner.invoke(app, ["ingest", str(council), "--prune", "--store", str(store)])
    assert result.exit_code == 0
    assert Store(store).documents() == ["S/RES/242 (1967)", "S/RES/338 (1973)"]


@needs_corpus
def test_two_files_with_one_symbol_are_a_failure_row_naming_both(council: Path, tmp_path: Path) -> None:
    twin = council / "copy_of_242.txt"
    shutil.copy(council / "S_RES_0242_1967_EN_GOLD.txt", twin)
    twin.write_text(twin.read_text("utf-8") + "\n", "utf-8")  # another file, the same resolution
    outcomes = ingest(sorted(council.iterdir()), Store(tmp_path / "store"), workers=1)
    errors = [o.error for o in outcomes if o.error]
    assert errors == [f"gives S/RES/242 (1967), as {council / 'S_RES_0242_1967_EN_GOLD.txt'} did: not written"]


def test_ingest_leaves_no_write_ahead_log_behind(sources: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    ingest([sources / EXAMPLE.name], Store(store), workers=1)
    logs = [p for p in store.glob("*.log") if p.stat().st_size > 0]
    assert logs == []


def test_a_document_past_its_time_budget_is_not_written(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(EXAMPLE), "--store", str(tmp_path / "s"), "--time-budget", "0.001"])
    assert result.exit_code == 2  # one file given alone: one line
    assert "took longer than its time budget of 0.001 s: not written" in result.output


def test_two_clean_ingests_with_source_date_epoch_give_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    exports = []
    for name in ("first", "second"):
        assert runner.invoke(app, ["ingest", str(EXAMPLE), "--store", str(tmp_path / name)]).exit_code == 0
        exports.append(export(tmp_path / name))
    assert exports[0] == exports[1]
    assert '"2023-11-14T22:13:20Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>' in exports[0]


def test_a_file_made_by_another_extractor_is_extracted_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The extractor's version is the package's and a digest of extract/, un/ and rdf/: a changed
    # extractor with the same package version still re-extracts what it would now read otherwise.
    store = Store(tmp_path / "store")
    assert [o.unchanged for o in ingest([EXAMPLE], store, workers=1)] == [False]
    assert [o.unchanged for o in ingest([EXAMPLE], store, workers=1)] == [True]
    for module in ("unxref.store", "unxref.rdf.build"):
        monkeypatch.setattr(f"{module}.extractor_version", lambda: "0.1.0+000000000000")
    assert [o.unchanged for o in ingest([EXAMPLE], store, workers=1)] == [False]
    agents = store.oxigraph.query(
        "SELECT DISTINCT ?a WHERE { GRAPH ?g { ?x <http://www.w3.org/ns/prov#wasAssociatedWith> ?a } }"
    )
    assert "https://w3id.org/unxref/id/agent/unxref/0.1.0+000000000000" in {row[0].value for row in agents}  # type: ignore[union-attr]


def _small_resolutions(folder: Path, count: int) -> Path:
    """``count`` short resolutions, A/RES/55/1 onwards, each recalling the one before it (and
    the first 55/0, never ingested): cited before, after and in the same batch as it is written."""
    folder.mkdir()
    for number in range(1, count + 1):
        (folder / f"r{number:03}.txt").write_text(
            "The General Assembly,\n\n"
            f"Recalling its resolution 55/{number - 1} of 4 December 2000,\n\n"
            f"1. Takes note of the report of the Secretary-General (A/55/{300 + number});\n",
            "utf-8",
        )
        (folder / f"r{number:03}.meta.toml").write_text(f'symbol = "A/RES/55/{number}"\ndate = "2000-12-04"\n')
    return folder


def test_a_large_ingest_written_in_bulk_gives_the_store_small_ingests_give(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    files = sorted(_small_resolutions(tmp_path / "in", BULK_FROM + 30).glob("*.txt"))
    bulk, by_document = Store(tmp_path / "bulk"), Store(tmp_path / "one-by-one")
    ingest(files, bulk, workers=1, batch_size=50)  # batches of 50, 50 and 30
    for start in range(0, len(files), 40):  # fewer than a batch each time: document by document
        ingest(files[start : start + 40], by_document, workers=1)
    assert bulk.nquads() == by_document.nquads()
    assert len(bulk.documents()) == BULK_FROM + 30


def test_a_bulk_write_cut_short_leaves_its_documents_absent(tmp_path: Path) -> None:
    files = sorted(_small_resolutions(tmp_path / "in", 3).glob("*.txt"))
    path = tmp_path / "store"
    ingest(files[:1], Store(path), workers=1)
    outcomes = [prepare(file) for file in files[1:]]
    store = Store(path)
    (path.parent / "store.writing").write_text("".join(f"{o.symbol}\n" for o in outcomes), "utf-8")
    half = "".join(_in_graph(o.graph, store.iris.graph(o.symbol or "")) for o in outcomes)  # graphs, no provenance
    store.oxigraph.bulk_load(half.encode(), format=pyoxigraph.RdfFormat.N_QUADS)
    del store
    assert Store(path, read_only=True).documents() == ["A/RES/55/1"]
    assert not (path.parent / "store.writing").exists()
    assert len(Store(path).sources()) == 1  # the two dropped are written by the next ingest


def test_a_bulk_ingest_shows_each_document_once_as_it_is_prepared(tmp_path: Path) -> None:
    files = sorted(_small_resolutions(tmp_path / "in", BULK_FROM).glob("*.txt"))
    store = Store(tmp_path / "store")
    shown: list[tuple[str, int]] = []
    ingest(files, store, workers=1, progress=lambda o: shown.append((o.source, len(store.documents()))))
    assert sorted(source for source, _ in shown) == [str(f) for f in files]
    assert shown[-1][1] == 0  # the last one shown before the batch holding them all was written


def test_extract_of_a_folder_with_no_resolution_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: no resolutions found in {tmp_path}"


def test_extract_as_json_lines_gives_a_line_for_each_path_that_names_no_file(tmp_path: Path) -> None:
    missing, pattern = str(tmp_path / "missing.txt"), str(tmp_path / "nomatch*.txt")
    result = runner.invoke(app, ["extract", str(EXAMPLE), missing, pattern, "-f", "json"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[:2] == [
        {"source": missing, "error": "no such file or folder"},
        {"source": pattern, "error": "no file matches this pattern"},
    ]
    assert lines[2]["symbol"] == "A/RES/62/176"


def test_reference_graphs_held_as_they_are_are_not_written_again(tmp_path: Path) -> None:
    """An ingest that finds every file unchanged writes nothing, so its compaction has nothing
    to rewrite (its write-ahead log does not grow); a reference graph that differs from the
    records is written again."""
    store = Store(tmp_path / "store")
    store.load_reference()
    authorities = pyoxigraph.NamedNode(store.iris.authorities())
    first = next(store.oxigraph.quads_for_pattern(None, None, None, authorities))
    store.oxigraph.remove(first)
    store.load_reference()
    assert first in set(store.oxigraph.quads_for_pattern(None, None, None, authorities))
    logs = sorted((tmp_path / "store").glob("*.log"))
    sizes = [log.stat().st_size for log in logs]
    store.load_reference()
    assert logs and [log.stat().st_size for log in logs] == sizes
