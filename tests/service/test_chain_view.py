"""The chain view in a real browser (issue 14): what is drawn is read back from the page and held
to what the API answers for the same request."""

from __future__ import annotations

from itertools import combinations, pairwise
from pathlib import Path
from typing import Any

import httpx
import networkx as nx
import pytest
from playwright.sync_api import Page

from tests.support import ROOT, needs_corpus

ARTIFACTS = ROOT / "test-artifacts"
SEED = ("A/RES/62/176", 3, "back")
# The chains issue 14 measured: few nodes with long treaty names, a dense neighbourhood, a wide fan.
CHAINS = [
    pytest.param(SEED, id="A_RES_62_176-back-3"),
    pytest.param(("S/RES/598_(1987)", 3, "back"), id="S_RES_598-back-3", marks=needs_corpus),
    pytest.param(("S/RES/242_(1967)", 3, "both"), id="S_RES_242-both-3", marks=needs_corpus),
    pytest.param(("S/RES/186_(1964)", 3, "forward"), id="S_RES_186-forward-3", marks=needs_corpus),
]

# What is drawn, in screen pixels: every label, every node's mark, each node's date and centre.
DRAWN = """() => {
  const box = (e) => { const r = e.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; };
  const owner = (e) => { const g = e.closest('g.node'); return g ? (g.dataset.id || g.dataset.bucket) : null; };
  const labels = [...document.querySelectorAll('#chart text.label')].map((t) => ({
    owner: owner(t), text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a, ...box(t)}));
  const marks = [...document.querySelectorAll('#chart .mark')].map((m) => ({owner: owner(m), ...box(m)}));
  const nodes = [...document.querySelectorAll('#chart g.node[data-id]')].map((g) => {
    const b = box(g.querySelector('.mark')); return {id: g.dataset.id, date: g.dataset.date, x: b.x + b.w / 2}; });
  const years = [...document.querySelectorAll('#chart text.year')].map((t) => t.textContent);
  return {labels, marks, nodes, years};
}"""


def chain_url(server_url: str, chain: tuple[str, int, str], **filters: str) -> str:
    symbol, depth, direction = chain
    query = "&".join(f"{k}={v}" for k, v in {"depth": depth, "direction": direction, **filters}.items())
    return f"{server_url}/chains/{symbol}?{query}"


def api_chain(server_url: str, chain: tuple[str, int, str], **filters: str) -> dict[str, Any]:
    symbol, depth, direction = chain
    params = {"depth": depth, "direction": direction, "view": "true", **filters}
    response = httpx.get(f"{server_url}/api/chains/{symbol}", params=params, timeout=60)
    response.raise_for_status()
    return dict(response.json())


def counts(data: dict[str, Any]) -> tuple[int, int]:
    return len(data["elements"]["nodes"]), len(data["elements"]["edges"])


def shown(page: Page) -> tuple[int, int]:
    """Wait for the view to be drawn; the node and citing-pair counts it draws."""
    page.wait_for_selector("#view[data-ready='true']", timeout=30_000)
    return int(page.get_attribute("#view", "data-nodes") or -1), int(page.get_attribute("#view", "data-edges") or -1)


def redrawn(page: Page, action: Any) -> tuple[int, int]:
    """Do what changes the view, and wait for it to be drawn again."""
    page.evaluate("document.querySelector('#view').dataset.ready = 'stale'")
    action()
    return shown(page)


def overlaps(a: dict[str, float], b: dict[str, float], slack: float = 0.5) -> bool:
    return (
        a["x"] + slack < b["x"] + b["w"]
        and b["x"] + slack < a["x"] + a["w"]
        and a["y"] + slack < b["y"] + b["h"]
        and b["y"] + slack < a["y"] + a["h"]
    )


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"chain-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.mark.parametrize("chain", CHAINS)
def test_no_label_overlaps_another_label_or_node(page: Page, server_url: str, chain: tuple[str, int, str]) -> None:
    page.goto(chain_url(server_url, chain))
    shown(page)
    drawn = page.evaluate(DRAWN)
    screenshot(page, chain[0].replace("/", "_") + f"-{chain[2]}-{chain[1]}")
    labels, marks = drawn["labels"], drawn["marks"]
    assert [(a["text"], b["text"]) for a, b in combinations(labels, 2) if overlaps(a, b)] == []
    assert [(a["text"], m["owner"]) for a in labels for m in marks if a["owner"] != m["owner"] and overlaps(a, m)] == []
    assert page.errors == [] and page.outside == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("chain", CHAINS)
def test_no_label_is_drawn_smaller_than_9_px(page: Page, server_url: str, chain: tuple[str, int, str]) -> None:
    page.goto(chain_url(server_url, chain))
    shown(page)
    sizes = [label["px"] for label in page.evaluate(DRAWN)["labels"]]
    assert sizes and min(sizes) >= 9


@pytest.mark.parametrize("chain", CHAINS)
def test_nodes_run_left_to_right_by_date(page: Page, server_url: str, chain: tuple[str, int, str]) -> None:
    page.goto(chain_url(server_url, chain))
    shown(page)
    dated = sorted((n["date"], n["x"]) for n in page.evaluate(DRAWN)["nodes"] if n["date"])
    assert len(dated) > 2
    assert all(x1 <= x2 + 0.01 for (_, x1), (_, x2) in pairwise(dated))


@pytest.mark.parametrize("chain", CHAINS)
def test_the_year_axis_spans_the_dates(page: Page, server_url: str, chain: tuple[str, int, str]) -> None:
    page.goto(chain_url(server_url, chain))
    shown(page)
    drawn = page.evaluate(DRAWN)
    years = sorted({int(y) for y in drawn["years"] if y.isdigit()})
    dates = sorted(n["date"][:4] for n in drawn["nodes"] if n["date"])
    step = years[1] - years[0]
    assert years == list(range(years[0], years[-1] + 1, step))  # evenly spaced ticks
    assert years[0] - step < int(dates[0]) and int(dates[-1]) < years[-1] + step


@pytest.mark.parametrize("chain", CHAINS)
def test_the_view_and_its_tree_hold_what_the_api_answers(
    page: Page, server_url: str, chain: tuple[str, int, str]
) -> None:
    page.goto(chain_url(server_url, chain))
    api = api_chain(server_url, chain)
    assert shown(page) == counts(api)
    listed = set(page.eval_on_selector_all("#tree li", "(rows) => rows.map((r) => r.dataset.id)"))
    assert listed == {n["data"]["id"] for n in api["elements"]["nodes"]}
    root = next(n["data"]["id"] for n in api["elements"]["nodes"] if n["data"]["root"])
    assert page.get_attribute("#tree li:first-child", "data-id") == api["tree"][0]["node"] == root


def test_the_tree_gives_functions_paragraphs_and_dates(page: Page, server_url: str) -> None:
    page.goto(chain_url(server_url, ("A/RES/62/176", 1, "back")))
    shown(page)
    rows = page.eval_on_selector_all("#tree li", "(rows) => rows.map((r) => r.innerText)")
    assert rows[0] == "A/RES/62/176 2007-12-18 Coopération internationale face au problème mondial de la drogue"
    assert "├── reaffirming (PP6) United Nations Charter 1945-06-26" in rows
    assert "├── reaffirming, urging, encouraging (PP2, OP4, OP26) A/RES/S-20/2" in rows
    assert rows[-1] == "└── reaffirming, urging, encouraging (PP3, OP4, OP26) A/58/124"


@pytest.mark.parametrize("chain", [CHAINS[0], CHAINS[2]])
def test_unchecking_a_function_gives_what_the_api_gives_without_it(
    page: Page, server_url: str, chain: tuple[str, int, str]
) -> None:
    page.goto(chain_url(server_url, chain))
    every = shown(page)
    kept = [f for f in api_chain(server_url, chain)["choices"]["functions"] if f != "recalling"]
    after = redrawn(page, lambda: page.uncheck("#functions input[value='recalling']"))
    assert after == counts(api_chain(server_url, chain, function=",".join(kept))) and after != every
    assert "function=" in page.url  # the view's state is in its address


def test_unchecking_a_body_gives_what_the_api_gives_without_it(page: Page, server_url: str) -> None:
    page.goto(chain_url(server_url, SEED))
    every = shown(page)
    after = redrawn(page, lambda: page.uncheck("#bodies input[value='ECOSOC']"))
    assert after == counts(api_chain(server_url, SEED, body="GA,other")) and after != every


def test_a_year_range_gives_what_the_api_gives_for_it(page: Page, server_url: str) -> None:
    page.goto(chain_url(server_url, SEED))
    every = shown(page)
    page.fill("#since", "2000")
    page.fill("#until", "2006")
    after = redrawn(page, lambda: page.click("#show"))
    assert after == counts(api_chain(server_url, SEED, since="2000", until="2006")) and after != every


def test_only_resolutions_gives_what_the_api_gives_for_it(page: Page, server_url: str) -> None:
    page.goto(chain_url(server_url, SEED))
    every = shown(page)
    after = redrawn(page, lambda: page.check("#only-resolutions"))
    assert after == counts(api_chain(server_url, SEED, only="resolutions")) and after != every
    assert page.locator("#chart g.node polygon.mark").count() == 0  # no treaty left


def test_the_depth_and_direction_change_the_view(page: Page, server_url: str) -> None:
    page.goto(chain_url(server_url, SEED))
    deep = shown(page)
    page.fill("#depth", "1")
    page.select_option("#direction", "forward")
    after = redrawn(page, lambda: page.click("#show"))
    assert after == counts(api_chain(server_url, ("A/RES/62/176", 1, "forward"))) and after != deep


def test_filters_in_the_address_are_applied_on_arrival(page: Page, server_url: str) -> None:
    page.goto(chain_url(server_url, SEED, only="resolutions", since="2000"))
    assert shown(page) == counts(api_chain(server_url, SEED, only="resolutions", since="2000"))
    assert page.is_checked("#only-resolutions") and page.input_value("#since") == "2000"


def test_a_bad_filter_is_said_in_the_status_line(page: Page, server_url: str) -> None:
    page.goto(chain_url(server_url, SEED, body="UNESCO"))
    page.wait_for_selector("#view[data-ready='error']", timeout=30_000)
    assert "no body UNESCO: body is one of SC, GA, ECOSOC, other" in page.inner_text("#status")


def test_clicking_the_root_opens_its_page_at_its_first_citing_paragraph(page: Page, server_url: str) -> None:
    page.goto(chain_url(server_url, ("A/RES/62/176", 1, "back")))
    shown(page)
    with page.expect_navigation():
        page.click("#chart g.node.root .mark")
    assert page.url == f"{server_url}/id/A/RES/62/176#PP1"
    assert page.is_visible("#PP1")


def test_clicking_a_node_opens_its_page(page: Page, server_url: str) -> None:
    page.goto(chain_url(server_url, ("A/RES/62/176", 1, "back")))
    shown(page)
    with page.expect_navigation():
        page.click("#chart g.node[data-id$='/id/A/RES/61/183'] .mark")
    assert page.url == f"{server_url}/id/A/RES/61/183"  # cited, not ingested: no paragraph of its own
    assert "A/RES/62/176" in page.inner_text(".cited-by")


@needs_corpus
def test_clicking_a_cited_resolution_opens_the_paragraph_where_it_cites_the_chain(page: Page, server_url: str) -> None:
    chain = ("S/RES/242_(1967)", 3, "both")
    page.goto(chain_url(server_url, chain))
    shown(page)
    node = next(
        n["data"]
        for n in api_chain(server_url, chain)["elements"]["nodes"]
        if "#OP" in n["data"]["href"] and not n["data"]["root"]
    )
    with page.expect_navigation():
        page.click(f"#chart g.node[data-id='{node['id']}'] .mark")
    assert page.url == server_url + node["href"]
    assert page.is_visible("#" + node["href"].split("#")[1])


@needs_corpus
def test_an_edge_lists_all_its_functions_and_paragraphs(page: Page, server_url: str) -> None:
    chain = ("S/RES/186_(1964)", 3, "forward")
    page.goto(chain_url(server_url, chain))
    shown(page)
    api = api_chain(server_url, chain)
    edge = next(e["data"] for e in api["elements"]["edges"] if len(e["data"]["functions"]) > 2)
    titles = page.eval_on_selector_all(
        "#chart path.edge",
        "(paths, id) => paths.filter((p) => p.dataset.edges.split('\\n').includes(id)).map((p) => p.textContent)",
        edge["id"],
    )
    assert len(titles) == 1
    symbol = {n["data"]["id"]: n["data"]["label"] for n in api["elements"]["nodes"]}
    functions, paragraphs = ", ".join(f.replace("-", " ") for f in edge["functions"]), ", ".join(edge["paragraphs"])
    assert f"{symbol[edge['source']]} → {symbol[edge['target']]}: {functions} ({paragraphs})" in titles[0].splitlines()


def test_find_highlights_the_nodes_it_matches(page: Page, server_url: str) -> None:
    page.goto(chain_url(server_url, SEED))
    shown(page)
    page.fill("#find", "61/183")
    assert page.eval_on_selector_all("#chart g.node.hit", "(gs) => gs.map((g) => g.dataset.id)") == [
        "https://w3id.org/unxref/id/A/RES/61/183"
    ]
    assert "1 found" in page.inner_text("#status")


def test_the_path_between_two_nodes_is_highlighted(page: Page, server_url: str) -> None:
    page.goto(chain_url(server_url, SEED))
    shown(page)
    api = api_chain(server_url, SEED)
    graph = nx.Graph([(e["data"]["source"], e["data"]["target"]) for e in api["elements"]["edges"]])
    labels = {n["data"]["id"]: n["data"]["label"] for n in api["elements"]["nodes"]}
    root = next(n["data"]["id"] for n in api["elements"]["nodes"] if n["data"]["root"])
    far = max(labels, key=lambda n: (nx.shortest_path_length(graph, root, n), labels[n]))
    near = next(iter(sorted(graph[root])))
    page.fill("#path-from", labels[near])
    page.fill("#path-to", labels[far])
    page.click("#path")
    hits = set(page.eval_on_selector_all("#chart g.node.hit", "(gs) => gs.map((g) => g.dataset.id)"))
    assert {near, far} <= hits and len(hits) == nx.shortest_path_length(graph, near, far) + 1
    assert nx.is_connected(graph.subgraph(hits))
    assert page.locator("#chart path.edge.hit").count() == len(hits) - 1
    assert page.inner_text("#status").startswith(f"path of {len(hits) - 1} citation")


@needs_corpus
def test_a_years_box_opens_on_a_click(page: Page, server_url: str) -> None:
    # The Charter is cited by 170 resolutions of the corpus: more than a lane's labelled rows hold.
    page.goto(chain_url(server_url, ("treaty/un-charter", 1, "forward")))
    shown(page)
    hidden = int(page.get_attribute("#view", "data-unlabelled") or 0)
    box = page.locator("#chart g.aggregate").first
    members = (box.get_attribute("data-members") or "").split("\n")
    assert hidden > 0 and len(members) > 1
    redrawn(page, lambda: box.click())
    labelled = page.eval_on_selector_all(
        "#chart g.node[data-id]:has(text.label)", "(gs) => gs.map((g) => g.dataset.id)"
    )
    assert set(members) <= set(labelled)  # opened, its members come first in their lane
    screenshot(page, "un-charter-forward-1")
    labels = page.evaluate(DRAWN)["labels"]
    assert [(a["text"], b["text"]) for a, b in combinations(labels, 2) if overlaps(a, b)] == []


def test_the_view_saves_svg_and_png(page: Page, server_url: str) -> None:
    page.goto(chain_url(server_url, SEED))
    shown(page)
    with page.expect_download() as svg:
        page.click("#save-svg")
    with page.expect_download() as png:
        page.click("#save-png")
    assert svg.value.suggested_filename == "chain-A_RES_62_176.svg"
    assert Path(svg.value.path()).read_text(encoding="utf-8").startswith("<svg")
    assert Path(png.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_download_links_give_the_filtered_chain(page: Page, server_url: str) -> None:
    page.goto(chain_url(server_url, SEED, only="resolutions"))
    shown(page)
    links = page.eval_on_selector_all("#downloads a", "(links) => links.map((a) => a.href)")
    assert len(links) == 4 and all("only=resolutions" in link for link in links)
    graphml = httpx.get(next(link for link in links if link.endswith("format=graphml")), timeout=60)
    graph = nx.parse_graphml(graphml.text)
    assert graph.number_of_nodes() == counts(api_chain(server_url, SEED, only="resolutions"))[0]


def test_the_go_box_opens_another_chain(page: Page, server_url: str) -> None:
    page.goto(chain_url(server_url, SEED))
    shown(page)
    page.fill("#jump", "A/RES/61/183")
    page.select_option("#direction", "forward")
    with page.expect_navigation():
        page.click("#go")
    assert shown(page)[0] == 2 and "A/RES/61/183" in page.inner_text("h1")  # and the seed, which cites it


@needs_corpus
def test_the_chains_between_two_resolutions_are_rows_shortest_first(page: Page, server_url: str) -> None:
    source, target = "S/RES/476_(1980)", "S/RES/252_(1968)"
    api = httpx.get(f"{server_url}/api/chains/{source}/to/{target}", timeout=60).json()
    page.goto(f"{server_url}/chains/{source}/to/{target}")
    rows = page.locator("ol.chains > li")
    assert rows.count() == len(api["chains"]) > 5
    lengths = [rows.nth(i).locator("a.node").count() for i in range(rows.count())]
    assert lengths == [len(chain) for chain in api["chains"]] == sorted(lengths)
    assert rows.first.locator("a.node").first.inner_text() == "S/RES/476 (1980)"
    screenshot(page, "between-476-252")
    assert page.errors == [] and page.outside == []  # type: ignore[attr-defined]


def test_the_lineage_of_a_series_is_a_timeline(page: Page, server_url: str) -> None:
    api = httpx.get(f"{server_url}/api/lineage/A/RES/62/176", timeout=60).json()
    page.goto(f"{server_url}/lineage/A/RES/62/176")
    items = page.locator("ol.timeline > li")
    assert items.count() == len(api["series"]) >= 1
    assert "A/RES/62/176" in items.last.inner_text() and "2007-12-18" in items.last.inner_text()
    screenshot(page, "lineage-A_RES_62_176")
    assert page.errors == [] and page.outside == []  # type: ignore[attr-defined]


IN_SIGHT = """() => { const r = document.querySelector('#chart g.node.root .mark').getBoundingClientRect();
  const f = document.querySelector('#canvas').getBoundingClientRect();
  return r.left >= f.left && r.right <= f.right; }"""


UNDATED_IN_SIGHT = """() => { const f = document.querySelector('#canvas').getBoundingClientRect();
  const heading = [...document.querySelectorAll('#chart text.year')].find((t) => t.textContent === 'no date');
  const r = heading.getBoundingClientRect(); return r.left >= f.left && r.right <= f.right; }"""


def test_a_chain_wider_than_the_view_opens_scrolled_to_its_resolution_and_the_undated(
    page: Page, server_url: str
) -> None:
    page.goto(chain_url(server_url, SEED))  # 1945 to 2007: wider than the view at 100%
    shown(page)
    assert page.evaluate("document.querySelector('#canvas').scrollLeft") > 0 and page.evaluate(IN_SIGHT)
    assert page.evaluate(UNDATED_IN_SIGHT)  # 19 of its 24 nodes: resolutions and documents the store has no date for


@needs_corpus
def test_a_chain_whose_resolution_is_in_sight_opens_unscrolled(page: Page, server_url: str) -> None:
    page.goto(chain_url(server_url, ("S/RES/242_(1967)", 3, "both")))
    shown(page)
    assert page.evaluate("document.querySelector('#canvas').scrollLeft") == 0 and page.evaluate(IN_SIGHT)


def test_a_chain_of_nothing_says_why_and_shows_no_empty_choices(page: Page, server_url: str) -> None:
    page.goto(chain_url(server_url, ("A/RES/62/176", 1, "forward")))  # nothing the store holds cites it
    assert shown(page) == (1, 0)
    assert page.inner_text("#status") == "1 nodes, 0 citing pairs: nothing in the store cites it"
    assert page.is_hidden("#functions")
