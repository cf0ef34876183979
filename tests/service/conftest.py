"""The browser the page tests drive: Debian's Chromium through Playwright, one per module."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, sync_playwright


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
