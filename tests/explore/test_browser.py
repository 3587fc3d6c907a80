"""The explorer in a real browser: Debian's chromium, driven by Playwright for Python
(`executable_path`: no browser download). On the demo data it runs a saved query and checks
the drawing and the table against the response, expands a node, and sees an updating query
refused. The last screenshot is kept in test-artifacts/explore.png."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from graphstore import Graph
from graphstore.explore.assets import STATIC
from testkit.served_api import Server

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Page, sync_playwright

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="Debian's chromium is not installed (make test installs it with apt-get)",
    ),
    pytest.mark.skipif(
        not (STATIC / "explore.js").is_file(),
        reason="the explorer's assets are not built (npm run build:explore)",
    ),
]

_PAINTED = """() => {
  let painted = 0;
  for (const canvas of document.querySelectorAll('#graph canvas')) {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted += 1;
  }
  return painted;
}"""


@pytest.fixture(scope="module")
def page(demo_graph: Graph) -> Iterator[Page]:
    with Server(demo_graph) as server, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True)
        tab = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(f"{server.url}/explore")
        tab.wait_for_selector("body[data-ready=true]", timeout=30_000)
        yield tab
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / "explore.png"))
        browser.close()
        assert errors == []


def test_a_saved_query_is_drawn_and_tabled_as_the_response_says(page: Page) -> None:
    page.click("button[data-query='explore/unit_and_stock_loadout']")
    page.click("#run")
    page.wait_for_function("window.explorer.state.result !== null")
    result = page.evaluate("window.explorer.state.result")
    drawn = page.evaluate("window.explorer.cy.nodes().length")
    edges = page.evaluate("window.explorer.cy.edges().length")
    assert drawn == len(result["graph"]["nodes"]) > 5
    assert edges == len(result["graph"]["relationships"])
    assert page.evaluate(_PAINTED) > 1000
    page.click("button[data-tab=table]")
    rows = page.locator("#table tbody tr").count()
    assert rows == len(result["rows"])
    headers = page.locator("#table thead th").all_text_contents()
    assert headers == result["columns"]
    mounts = page.evaluate(
        "window.explorer.cy.edges().map(e => e.data('caption')).filter(c => c.startsWith('MOUNTS'))"
    )
    assert mounts
    assert all(len(caption.split()) >= 2 for caption in mounts)  # the location is shown
    page.click("button[data-tab=picture]")
    page.wait_for_selector("#picture img")
    page.click("button[data-tab=graph]")


def test_double_clicking_a_node_expands_its_neighbours(page: Page) -> None:
    before = page.evaluate("window.explorer.cy.nodes().length")
    spot = page.evaluate(
        """() => {
          const cy = window.explorer.cy;
          const node = cy.nodes().filter(n => n.data('raw').labels.includes('Equipment'))[0];
          const box = cy.container().getBoundingClientRect();
          const at = node.renderedPosition();
          return { x: box.left + at.x, y: box.top + at.y };
        }"""
    )
    page.mouse.dblclick(spot["x"], spot["y"])
    page.wait_for_function(f"window.explorer.cy.nodes().length > {before}", timeout=15_000)
    assert "expanded" in page.text_content("#status")


def test_an_updating_query_is_refused_on_the_page(page: Page) -> None:
    page.evaluate("window.explorer.editor.setValue('MATCH (n:Unit) DETACH DELETE n')")
    page.click("#run")
    page.wait_for_selector("#problem:not([hidden])")
    assert "query refused: DETACH" in page.text_content("#problem")
