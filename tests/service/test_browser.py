"""The pages in a real browser: Debian's Chromium, driven by Playwright, against `unxref serve`."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from urllib.parse import urlparse

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.support import ROOT, needs_corpus

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Chromium is not installed: run 'make install' (it installs Debian's chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, server_url: str) -> Iterator[Page]:
    """A page that records console errors and refuses every request that leaves the server."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.outside = []  # type: ignore[attr-defined]
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.errors.append(str(error)))  # type: ignore[attr-defined]
    local = urlparse(server_url).netloc

    def guard(route: object) -> None:
        request = route.request  # type: ignore[attr-defined]
        if urlparse(request.url).netloc == local:
            route.continue_()  # type: ignore[attr-defined]
        else:
            page.outside.append(request.url)  # type: ignore[attr-defined]
            route.abort()  # type: ignore[attr-defined]

    page.route("**/*", guard)
    yield page
    context.close()


def wait_for_graph(page: Page) -> int:
    page.wait_for_selector("#cy[data-ready='true']", timeout=30_000)
    return int(page.get_attribute("#cy", "data-nodes") or 0)


def api_nodes(server_url: str, symbol_path: str, depth: int) -> int:
    data = httpx.get(f"{server_url}/api/chains/{symbol_path}", params={"depth": depth}, timeout=60).json()
    return len(data["elements"]["nodes"])


def test_the_chain_page_shows_as_many_nodes_as_the_api_returns(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/chains/A/RES/62/176")
    assert wait_for_graph(page) == api_nodes(server_url, "A/RES/62/176", 3) > 10
    assert page.errors == [] and page.outside == []  # type: ignore[attr-defined]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chain-A_RES_62_176.png"), full_page=True)
    legend = page.inner_text("#functions")
    assert "recalling" in legend and "reaffirming" in legend


@needs_corpus
def test_the_depth_control_changes_the_graph(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/chains/S/RES/615_(1988)?depth=3")
    deep = wait_for_graph(page)
    page.fill("#depth", "1")
    page.click("#controls button")
    page.wait_for_function(
        f"document.querySelector('#cy').dataset.ready === 'true' && document.querySelector('#cy').dataset.nodes !== '{deep}'"
    )
    shallow = int(page.get_attribute("#cy", "data-nodes") or 0)
    assert (
        shallow == api_nodes(server_url, "S/RES/615_(1988)", 1) < deep == api_nodes(server_url, "S/RES/615_(1988)", 3)
    )


def test_clicking_a_node_opens_its_resource_page(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/chains/A/RES/62/176?depth=1")
    wait_for_graph(page)
    position = page.evaluate(
        """() => { const node = window.unxrefCy.getElementById('https://w3id.org/unxref/id/A/RES/61/183');
                   const box = document.getElementById('cy').getBoundingClientRect();
                   const p = node.renderedPosition(); return {x: box.left + p.x, y: box.top + p.y}; }"""
    )
    with page.expect_navigation():
        page.mouse.click(position["x"], position["y"])
    assert page.url == f"{server_url}/id/A/RES/61/183"
    assert "A/RES/62/176" in page.inner_text(".cited-by")


def test_the_search_box_jumps_to_another_chain(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/chains/A/RES/62/176?depth=1")
    wait_for_graph(page)
    page.fill("#jump", "A/RES/61/183")
    page.select_option("#direction", "forward")
    with page.expect_navigation():
        page.click("#controls button")
    assert wait_for_graph(page) == 2 and "A/RES/61/183" in page.inner_text("h1")  # and the seed, which cites it


def test_the_resource_page_links_citations_and_the_chain(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/id/A/RES/62/176")
    with page.expect_navigation():
        page.click("a.citation[href='/id/A/RES/61/183']")
    assert page.url.endswith("/id/A/RES/61/183")
    page.goto(f"{server_url}/id/A/RES/62/176")
    with page.expect_navigation():
        page.click("a.chain")
    assert wait_for_graph(page) > 0
    assert page.errors == [] and page.outside == []  # type: ignore[attr-defined]


def test_the_sparql_editor_loads_offline_with_the_named_queries(page: Page, server_url: str) -> None:
    page.goto(server_url + "/")
    page.wait_for_selector(".yasgui .tabsList", timeout=30_000)
    tabs = page.inner_text(".yasgui .tabsList")
    assert "What a resolution cites, by paragraph" in tabs and "Treaties a resolution urges States to ratify" in tabs
    assert page.errors == [] and page.outside == []  # type: ignore[attr-defined]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "yasgui.png"))


@needs_corpus
def test_the_date_layout_puts_time_left_to_right(page: Page, server_url: str) -> None:
    # Above 300 nodes the page lays nodes out by date; ?layout=dates asks for it on a smaller chain.
    page.goto(f"{server_url}/chains/S/RES/186_(1964)?depth=3&direction=forward&layout=dates")
    nodes = wait_for_graph(page)
    api = httpx.get(
        f"{server_url}/api/chains/S/RES/186_(1964)", params={"depth": 3, "direction": "forward"}, timeout=60
    )
    assert nodes == len(api.json()["elements"]["nodes"]) > 50
    xs = page.evaluate(
        """() => ['S/RES/186_(1964)', 'S/RES/593_(1986)', 'S/RES/646_(1989)']
                 .map((s) => window.unxrefCy.getElementById('https://w3id.org/unxref/id/' + s).position('x'))"""
    )
    assert xs[0] < xs[1] < xs[2]
    assert page.errors == [] and page.outside == []  # type: ignore[attr-defined]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chain-by-date.png"))


def test_a_marker_leads_to_its_note_and_the_note_back_to_the_text(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/id/A/RES/62/176")
    page.click("#ref-PP1-0 a")
    assert page.url.endswith("#note-1") and page.is_visible("#note-1")
    page.click("#note-1 a.back")
    assert page.url.endswith("#ref-PP1-0")
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{server_url}/id/A/RES/62/176#PP1")
    page.screenshot(path=str(ARTIFACTS / "resource-page.png"))
    page.goto(f"{server_url}/id/A/RES/62/176#note-1")
    page.screenshot(path=str(ARTIFACTS / "resource-notes.png"))
    assert page.errors == [] and page.outside == []  # type: ignore[attr-defined]


def test_the_editor_binds_a_named_querys_parameter_and_runs_it(page: Page, server_url: str) -> None:
    page.goto(server_url + "/")
    page.wait_for_selector("#parameters:not([hidden]) input[name='resolution']", timeout=30_000)
    page.fill("#parameters input[name='resolution']", "A/RES/62/176")
    page.click("#parameters button")
    page.wait_for_selector(".yasr .dataTable tbody tr td", timeout=30_000)
    assert "VALUES (?resolution)" in page.evaluate("yasgui.getTab().getYasqe().getValue()")
    assert "A/RES/62/176#OP24" in page.inner_text(".yasr .dataTable tbody")  # the body it asks to act, and where
    page.screenshot(path=str(ARTIFACTS / "yasgui-parameters.png"))
    assert page.errors == [] and page.outside == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", ["/void", "/ontology", "/sparql"])
def test_dataset_descriptions_are_pages_in_a_browser(page: Page, server_url: str, path: str) -> None:
    response = page.goto(server_url + path)
    assert response is not None and response.headers["content-type"].startswith("text/html")
    assert page.locator("table.properties").count() > 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"description-{path.strip('/')}.png"))
    assert page.errors == [] and page.outside == []  # type: ignore[attr-defined]
