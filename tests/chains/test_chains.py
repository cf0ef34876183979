"""Citation chains on real resolutions, checked against their texts; exports; the CLI."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import networkx as nx
import pytest

from tests.support import ROOT, needs_corpus
from unxref.chains.analysis import chains_between, data_errors, lineage, most_cited, neighbourhood
from unxref.chains.exports import EDGE_LABELS_UP_TO, TreeRow, cytoscape, dot, gexf, graphml, svg, tree
from unxref.chains.graph import ChainError, find_node, graph_for
from unxref.chains.jobs import ChainFilter

ID = "https://w3id.org/unxref/id/"
CHARTER = ID + "treaty/un-charter"
GENEVA_PROTOCOL = ID + "treaty/geneva-protocol-1925"
GENEVA_III = ID + "treaty/geneva-convention-iii-1949"


def sc(number: int, year: int) -> str:
    return f"{ID}S/RES/{number}_({year})"


@pytest.fixture(scope="module")
def graph(store_path: Path) -> nx.DiGraph:
    return graph_for(store_path)


def edges(sub: nx.DiGraph) -> set[tuple[str, str, tuple[str, ...]]]:
    return {(s, t, tuple(d["functions"])) for s, t, d in sub.edges(data=True)}


@needs_corpus
def test_the_chain_of_598_back_to_depth_three(graph: nx.DiGraph) -> None:
    # 598 (1987) PP1 "Reaffirming its resolution 582 (1986)"; 582 cites no resolution,
    # only the Charter and the 1925 Geneva Protocol.
    sub = neighbourhood(graph, sc(598, 1987), 3, "back")
    assert {n: (d["symbol"], d["date"]) for n, d in sub.nodes(data=True) if d["kind"] == "resolution"} == {
        sc(598, 1987): ("S/RES/598 (1987)", "1987-07-20"),
        sc(582, 1986): ("S/RES/582 (1986)", "1986-02-24"),
    }
    assert edges(sub) == {
        (sc(598, 1987), sc(582, 1986), ("reaffirming",)),
        (sc(598, 1987), GENEVA_PROTOCOL, ("deploring",)),
        (sc(598, 1987), CHARTER, ("recalling", "acting-under", "calling-upon")),
        (sc(598, 1987), GENEVA_III, ("urging",)),
        (sc(582, 1986), CHARTER, ("recalling",)),
        (sc(582, 1986), GENEVA_PROTOCOL, ("noting", "deploring")),
    }


@needs_corpus
def test_522_recalls_479_and_514_which_recalls_479(graph: nx.DiGraph) -> None:
    sub = neighbourhood(graph, sc(522, 1982), 2, "back")
    resolutions = sub.subgraph(n for n, d in sub.nodes(data=True) if d["kind"] == "resolution")
    assert {(graph.nodes[s]["symbol"], graph.nodes[t]["symbol"]) for s, t in resolutions.edges()} == {
        ("S/RES/522 (1982)", "S/RES/479 (1980)"),
        ("S/RES/522 (1982)", "S/RES/514 (1982)"),
        ("S/RES/514 (1982)", "S/RES/479 (1980)"),
    }
    assert [graph.nodes[n]["date"] for n in (sc(522, 1982), sc(514, 1982), sc(479, 1980))] == [
        "1982-10-04",
        "1982-07-12",
        "1980-09-28",
    ]


@needs_corpus
def test_615_recalls_five_resolutions_on_death_sentences_in_south_africa(graph: nx.DiGraph) -> None:
    recalled = {
        graph.nodes[t]["symbol"]
        for t in graph.successors(sc(615, 1988))
        if graph.edges[sc(615, 1988), t]["function"] == "recalling"
    }
    assert recalled == {
        "S/RES/503 (1982)",
        "S/RES/525 (1982)",
        "S/RES/533 (1983)",
        "S/RES/547 (1984)",
        "S/RES/610 (1988)",
    }
    assert graph.edges[sc(503, 1982), sc(473, 1980)]["functions"] == ("recalling",)


@needs_corpus
def test_forward_finds_what_cites_a_resolution(graph: nx.DiGraph) -> None:
    sub = neighbourhood(graph, sc(582, 1986), 1, "forward")
    assert sc(598, 1987) in sub and all(t == sc(582, 1986) for _, t in sub.edges())


@needs_corpus
def test_the_chains_between_two_resolutions(graph: nx.DiGraph) -> None:
    shortest, every = chains_between(graph, sc(615, 1988), sc(473, 1980))
    assert shortest == [sc(615, 1988), sc(503, 1982), sc(473, 1980)]
    assert every[0] == shortest and all(path[0] == sc(615, 1988) and path[-1] == sc(473, 1980) for path in every)
    assert len(every) > 1


def test_the_seed_chain_starts_from_its_recalled_resolutions(graph: nx.DiGraph) -> None:
    seed = ID + "A/RES/62/176"
    sub = neighbourhood(graph, seed, 1, "back")
    assert graph.edges[seed, ID + "A/RES/61/183"]["functions"] == ("recalling",)
    assert graph.edges[seed, ID + "A/RES/S-20/2"]["functions"] == ("reaffirming", "urging", "encouraging")
    assert graph.edges[seed, ID + "A/RES/55/2"]["notes"] == ("1",)
    assert {graph.nodes[n]["kind"] for n in sub} == {"resolution", "document", "treaty"}
    assert graph.nodes[seed]["in_corpus"] and not graph.nodes[ID + "A/RES/61/183"]["in_corpus"]


def test_lineage_follows_the_same_title() -> None:
    graph = nx.DiGraph()
    for symbol, date, title in [
        ("a", "2005", "Drugs"),
        ("b", "2006", "Drugs"),
        ("c", "2007", "Drugs"),
        ("x", "2006", "Other"),
    ]:
        graph.add_node(symbol, kind="resolution", symbol=symbol, date=date, title=title)
    graph.add_edges_from([("b", "a"), ("c", "b"), ("c", "x")])
    assert lineage(graph, "b") == ["a", "b", "c"]


@needs_corpus
def test_most_cited_and_most_citing(graph: nx.DiGraph) -> None:
    assert most_cited(graph, 1) == [(CHARTER, graph.in_degree(CHARTER))]
    resolutions = graph.subgraph(n for n, d in graph.nodes(data=True) if d["kind"] == "resolution")
    assert most_cited(resolutions, 1)[0][0] == sc(186, 1964)


def test_a_citation_of_a_later_resolution_is_a_data_error() -> None:
    graph = nx.DiGraph()
    graph.add_node("a", kind="resolution", symbol="S/RES/471 (1980)", date="1980-06-05")
    graph.add_node("b", kind="resolution", symbol="S/RES/474 (1980)", date="1980-06-17")
    graph.add_edge("a", "b")
    assert [(e.citing, e.cited, e.problem) for e in data_errors(graph)] == [
        ("a", "b", "cites a later resolution (1980-06-17 after 1980-06-05)")
    ]


@needs_corpus
def test_the_corpus_has_no_citation_of_a_later_resolution(graph: nx.DiGraph) -> None:
    # The file of 471 (1980) also prints, after its adoption line and a "Decisions" heading,
    # the text of 474 (1980), which cites 471: that text is not 471's.
    assert [(e.citing, e.cited) for e in data_errors(graph) if "later" in e.problem] == []


def test_a_cycle_is_a_data_error() -> None:
    graph = nx.DiGraph()
    graph.add_node("a", kind="resolution", symbol="A", date="")
    graph.add_node("b", kind="resolution", symbol="B", date="")
    graph.add_edges_from([("a", "b"), ("b", "a")])
    assert [e.problem for e in data_errors(graph)] == ["citation cycle: A → B"]


def test_an_unknown_symbol_is_a_clear_error(graph: nx.DiGraph) -> None:
    with pytest.raises(ChainError, match="'A/RES/99/999' is not in the citation graph"):
        find_node(graph, "A/RES/99/999")


def pairs(sub: nx.DiGraph) -> set[tuple[str, str]]:
    return {(s.rsplit("/", 1)[-1], t.rsplit("/", 1)[-1]) for s, t in sub.edges}


def filtered(graph: nx.DiGraph, only: ChainFilter, root: str, depth: int = 3) -> nx.DiGraph:
    return neighbourhood(only.view(graph, root), root, depth, "back")


@needs_corpus
def test_a_function_filter_keeps_the_pairs_with_that_function(graph: nx.DiGraph) -> None:
    # 598 (1987) PP1 "Reaffirming its resolution 582 (1986)"; nothing else in its chain is reaffirmed.
    assert pairs(filtered(graph, ChainFilter(functions=("reaffirming",)), sc(598, 1987))) == {
        ("598_(1987)", "582_(1986)")
    }


@needs_corpus
def test_a_year_range_drops_what_is_dated_outside_it(graph: nx.DiGraph) -> None:
    # Since 1945: the 1925 Geneva Protocol goes, with both citations of it (582 PP5 and OP2, 598 PP4).
    sub = filtered(graph, ChainFilter(since=1945), sc(598, 1987))
    assert GENEVA_PROTOCOL not in sub and set(sub) == {sc(598, 1987), sc(582, 1986), CHARTER, GENEVA_III}


@needs_corpus
def test_a_year_range_always_keeps_the_chains_own_resolution(graph: nx.DiGraph) -> None:
    assert sc(598, 1987) in filtered(graph, ChainFilter(until=1986), sc(598, 1987))


@needs_corpus
def test_only_resolutions_drops_treaties_and_documents(graph: nx.DiGraph) -> None:
    assert pairs(filtered(graph, ChainFilter(only_resolutions=True), sc(598, 1987))) == {("598_(1987)", "582_(1986)")}


def test_a_body_filter_drops_the_resolutions_of_other_bodies(graph: nx.DiGraph) -> None:
    # The seed cites ECOSOC's E/RES/2007/12 (OP23) and the Commission on Narcotic Drugs' E/CN.7/RES/50/12.
    root = ID + "A/RES/62/176"
    everything, general_assembly = (filtered(graph, ChainFilter(bodies=b), root, 1) for b in ((), ("GA",)))
    assert set(everything) - set(general_assembly) == {ID + "E/RES/2007/12", ID + "E/CN.7/RES/50/12"}
    assert CHARTER in general_assembly  # treaties stay: the body filter is about resolutions


def test_the_tree_lists_each_citation_with_its_functions_and_paragraphs(graph: nx.DiGraph) -> None:
    root = ID + "A/RES/62/176"
    rows = tree(neighbourhood(graph, root, 1, "back"), root, "back", 1)
    assert rows[0] == TreeRow("", root, False, (), (), False)
    assert TreeRow("├── ", ID + "A/RES/61/183", False, ("recalling",), ("PP1",), False) in rows


@needs_corpus
def test_a_node_opens_at_the_first_paragraph_where_it_cites_the_chain(graph: nx.DiGraph) -> None:
    # 582 (1986): PP4 "Recalling the provisions of the Charter", PP5 the 1925 Geneva Protocol.
    sub = neighbourhood(graph, sc(598, 1987), 3, "back")
    hrefs = {n["data"]["id"]: n["data"]["href"] for n in cytoscape(sub, sc(598, 1987))["elements"]["nodes"]}
    assert hrefs[sc(582, 1986)] == "/id/S/RES/582_(1986)#PP4" and hrefs[CHARTER] == "/id/treaty/un-charter"


@needs_corpus
def test_an_edge_opens_the_citing_page_at_its_first_paragraph(graph: nx.DiGraph) -> None:
    sub = neighbourhood(graph, sc(598, 1987), 3, "back")
    edge = next(
        e["data"] for e in cytoscape(sub)["elements"]["edges"] if e["data"]["id"] == f"{sc(598, 1987)} -> {CHARTER}"
    )
    assert edge["paragraphs"] == ["PP8", "PP10", "OP4"] and edge["href"] == "/id/S/RES/598_(1987)#PP8"


@needs_corpus
def test_a_treaty_is_labelled_with_its_shortest_english_name(graph: nx.DiGraph) -> None:
    sub = neighbourhood(graph, sc(598, 1987), 3, "back")
    labels = {n["data"]["id"]: n["data"]["label"] for n in cytoscape(sub)["elements"]["nodes"]}
    assert labels[GENEVA_PROTOCOL] == "1925 Geneva Protocol" and labels[GENEVA_III] == "Third Geneva Convention"
    assert sub.nodes[GENEVA_PROTOCOL]["symbol"].startswith("Protocol for the Prohibition of the Use in War")


def test_graphml_and_gexf_read_back_with_the_same_nodes_and_edges(graph: nx.DiGraph) -> None:
    sub = neighbourhood(graph, ID + "A/RES/62/176", 2, "both")
    for data, read in ((graphml(sub), nx.read_graphml), (gexf(sub), nx.read_gexf)):
        again = read(BytesIO(data))
        assert set(again.nodes) == set(sub.nodes) and set(again.edges) == set(sub.edges)


def test_graphml_and_gexf_label_each_node_with_its_symbol(graph: nx.DiGraph) -> None:
    sub = neighbourhood(graph, ID + "A/RES/62/176", 1, "back")
    for data, read in ((graphml(sub), nx.read_graphml), (gexf(sub), nx.read_gexf)):
        again = read(BytesIO(data))
        assert again.nodes[ID + "A/RES/62/176"]["label"] == "A/RES/62/176"
        assert again.nodes[ID + "A/RES/61/183"]["label"] == "A/RES/61/183"


def test_graphml_loads_into_igraph_with_symbols_dates_and_functions(graph: nx.DiGraph, tmp_path: Path) -> None:
    # igraph reads GraphML but has no GEXF reader (python-igraph 1.0: Read_GraphML, Read_GML, Read_Pajek, ...).
    import igraph

    sub = neighbourhood(graph, ID + "A/RES/62/176", 1, "back")
    (tmp_path / "chain.graphml").write_bytes(graphml(sub))
    again = igraph.Graph.Read_GraphML(str(tmp_path / "chain.graphml"))
    assert again.is_directed() and (again.vcount(), again.ecount()) == (sub.number_of_nodes(), sub.number_of_edges())
    root = again.vs.find(id=ID + "A/RES/62/176")
    assert (root["label"], root["date"]) == ("A/RES/62/176", "2007-12-18")
    citation = again.es.find(_between=((root.index,), (again.vs.find(label="A/RES/61/183").index,)))
    assert citation["function"] == "recalling"


def test_the_cytoscape_json_loads_into_networkx(graph: nx.DiGraph) -> None:
    sub = neighbourhood(graph, ID + "A/RES/62/176", 2, "both")
    again = nx.cytoscape_graph(cytoscape(sub, ID + "A/RES/62/176"))
    assert set(again.nodes) == set(sub.nodes) and set(again.edges) == set(sub.edges)
    assert again.is_directed() and again.nodes[ID + "A/RES/62/176"]["name"] == "A/RES/62/176"


def test_a_large_chain_has_its_functions_as_edge_tooltips_in_dot(graph: nx.DiGraph) -> None:
    small = nx.DiGraph()
    small.add_node("a", symbol="A/RES/1/1", date="1946-01-01", kind="resolution")
    small.add_node("b", symbol="A/RES/1/2", date="1946-01-02", kind="resolution")
    small.add_edge("b", "a", function="recalling", functions=["recalling", "reaffirming"])
    large = nx.DiGraph(small)
    for number in range(EDGE_LABELS_UP_TO):
        large.add_node(f"n{number}", symbol=f"A/RES/2/{number}", date="1947-01-01", kind="resolution")
        large.add_edge(f"n{number}", "a", function="recalling", functions=["recalling"])
    assert '"b" -> "a" [label="recalling, reaffirming"];' in dot(small)
    assert '"b" -> "a" [tooltip="recalling, reaffirming"];' in dot(large)


def test_dot_renders_with_graphviz(graph: nx.DiGraph) -> None:
    sub = neighbourhood(graph, ID + "A/RES/62/176", 1, "back")
    drawing = svg(sub)
    assert drawing.startswith(b"<?xml") and b"A/RES/61/183" in drawing


def test_cytoscape_elements(graph: nx.DiGraph) -> None:
    sub = neighbourhood(graph, ID + "A/RES/62/176", 1, "back")
    elements = cytoscape(sub, ID + "A/RES/62/176")["elements"]
    root = next(n["data"] for n in elements["nodes"] if n["data"]["root"])
    assert root["label"] == "A/RES/62/176" and root["href"] == "/id/A/RES/62/176#PP1" and root["body"] == "GA"
    assert len(elements["nodes"]) == sub.number_of_nodes() and len(elements["edges"]) == sub.number_of_edges()


def test_the_cli_prints_a_tree_with_dates_and_functions(store_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "unxref.cli", "chain", "A/RES/62/176", "--depth", "1", "--store", str(store_path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    lines = result.stdout.splitlines()
    assert lines[0] == "A/RES/62/176 2007-12-18 · Coopération internationale face au problème mondial de la drogue"
    assert "├── recalling (PP1): A/RES/61/183" in lines  # cited, not ingested: no date known
    assert "├── reaffirming (PP6): Charter of the United Nations 1945-06-26" in lines


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "dot", "svg"])
def test_the_cli_exports(store_path: Path, fmt: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "unxref.cli", "chain", "A/RES/62/176", "--format", fmt, "--store", str(store_path)],
        capture_output=True,
        check=True,
        cwd=ROOT,
    )
    assert b"A/RES/61/183" in result.stdout


def test_the_stats_command_lists_most_cited_and_data_errors(store_path: Path) -> None:
    from typer.testing import CliRunner

    from unxref.cli import app

    result = CliRunner(env={"COLUMNS": "250"}).invoke(app, ["stats", "--top", "100", "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    assert "Most cited" in result.output and "Charter of the United Nations" in result.output
    # all it cites, resolutions, documents and treaties
    assert re.search(r"│ A/RES/62/176 +│ 2007-12-18 +│ 23 +│", result.output)
    assert "Data errors" in result.output


def test_the_lineage_command_prints_the_series(store_path: Path) -> None:
    from typer.testing import CliRunner

    from unxref.cli import app

    result = CliRunner().invoke(app, ["lineage", "A/RES/62/176", "--store", str(store_path)])
    assert (
        result.output == "A/RES/62/176\t2007-12-18\tCoopération internationale face au problème mondial de la drogue\n"
    )


def test_the_cache_keeps_the_graphs_used_last(tmp_path: Path) -> None:
    from unxref.chains.graph import CACHED_GRAPHS, _prune

    files = [tmp_path / f"{i:016x}-1-v3.pickle" for i in range(CACHED_GRAPHS + 3)]
    for age, file in enumerate(reversed(files)):
        file.write_bytes(b"")
        os.utime(file, ns=(10**18 - age * 10**9, 10**18 - age * 10**9))  # files[0] the oldest
    _prune(tmp_path)
    assert sorted(tmp_path.iterdir()) == sorted(files[3:])
