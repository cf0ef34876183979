"""The pages in a real browser: Debian's Chromium, driven by Playwright, against `unxref serve`.
The chain view has its own file, test_chain_view.py."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.support import ROOT

ARTIFACTS = ROOT / "test-artifacts"


def test_the_resource_page_links_citations_and_the_chain(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/id/A/RES/62/176")
    with page.expect_navigation():
        page.click("a.citation[href='/id/A/RES/61/183']")
    assert page.url.endswith("/id/A/RES/61/183")
    page.goto(f"{server_url}/id/A/RES/62/176")
    with page.expect_navigation():
        page.click("a.chain")
    page.wait_for_selector("#view[data-ready='true']", timeout=30_000)
    assert "/chains/A/RES/62/176?depth=" in page.url
    assert page.errors == [] and page.outside == []  # type: ignore[attr-defined]


def test_the_sparql_editor_loads_offline_with_the_named_queries(page: Page, server_url: str) -> None:
    page.goto(server_url + "/")
    page.wait_for_selector(".yasgui .tabsList", timeout=30_000)
    tabs = page.inner_text(".yasgui .tabsList")
    assert "What a resolution cites, by paragraph" in tabs and "Treaties a resolution urges States to ratify" in tabs
    assert page.errors == [] and page.outside == []  # type: ignore[attr-defined]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "yasgui.png"))


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


def test_a_resource_the_store_does_not_know_is_a_page_with_the_jump_box(page: Page, server_url: str) -> None:
    response = page.goto(server_url + "/id/A/RES/99/999")
    assert response is not None and response.status == 404
    assert page.inner_text("h1") == "Nothing is known about A/RES/99/999"
    page.fill("form.jump input[name='symbol']", "a/res/62/176")
    with page.expect_navigation():
        page.click("form.jump button")
    assert page.url.endswith("/id/A/RES/62/176")
    page.goto(server_url + "/id/A/RES/99/999")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "missing-page.png"))
    unexpected = [e for e in page.errors if "status of 404" not in e]  # type: ignore[attr-defined]
    assert unexpected == [] and page.outside == []  # type: ignore[attr-defined]
