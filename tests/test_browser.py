"""The web view in a real headless Chromium (Debian's, driven by Playwright): the home page and
its timeline, the search, an entity page, and a query run in the editor. Every request the
page makes must stay on this server: one to anywhere else is blocked and fails the test.
Screenshots are kept in test-artifacts/ for a person to look at."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from servers import kg_server

pytestmark = pytest.mark.enable_socket
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def chromium() -> str:
    path = os.environ.get("KG_CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail("Chromium is not installed: `make test` installs Debian's chromium (tools/install-debian.sh), "
                    "or set KG_CHROMIUM to a Chromium binary")
    return path


@pytest.fixture(scope="module")
def site(dist, tmp_path_factory):
    with kg_server(dist, tmp_path_factory.mktemp("store") / "s") as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium(), headless=True, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    outside: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(site) or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    errors: list[str] = []
    pg = context.new_page()
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert outside == [], f"the page tried to reach beyond this server: {outside}"
    assert errors == [], f"JavaScript errors: {errors}"


def test_home_timeline_search_and_entity_page(page, site):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(site + "/")
    timeline = page.locator("svg#timeline")
    timeline.wait_for()
    items = timeline.locator("a.item")
    assert items.count() >= 10
    box = timeline.bounding_box()
    assert box["width"] > 800 and box["height"] > 100  # drawn, not an empty box
    page.screenshot(path=str(ARTIFACTS / "browser-home.png"), full_page=True)

    items.first.locator("text").click()  # each item opens its page
    page.wait_for_load_state()
    assert "/doc/id/" in page.url
    page.go_back()

    page.fill("input#q", "Baku")
    page.press("input#q", "Enter")
    page.wait_for_url("**/search?q=Baku")
    first = page.locator("#results a").first
    assert first.inner_text() == "Baku"
    first.click()
    page.wait_for_url("**/doc/id/baku")
    assert page.locator("h1").inner_text() == "Baku"
    assert page.locator("text=GeoNames").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "browser-baku.png"), full_page=True)


def test_editor_runs_a_named_query(page, site):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(site + "/editor")
    page.locator(".yasqe .CodeMirror").wait_for()
    page.select_option("select#named", label=next(t for t in page.locator("select#named option").all_inner_texts()
                                                  if "(timeline)" in t))
    editor_text = page.evaluate("() => document.querySelector('.yasqe .CodeMirror').CodeMirror.getValue()")
    assert "schema:startDate" in editor_text
    page.locator(".yasqe_queryButton").click()
    rows = page.locator(".yasr table tbody tr")
    rows.first.wait_for(timeout=20_000)
    assert rows.count() >= 10
    assert page.locator(".yasr").get_by_text("First Congress of World Azerbaijanis").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "browser-editor.png"), full_page=True)


def test_editor_shows_markup_in_results_as_text(page, site):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(site + "/editor")
    page.locator(".yasqe .CodeMirror").wait_for()
    page.evaluate("""() => document.querySelector('.yasqe .CodeMirror').CodeMirror.setValue(
        'SELECT ?x WHERE { VALUES ?x { "<img src=x onerror=alert(1)><script>alert(2)</script>" } }')""")
    page.locator(".yasqe_queryButton").click()
    cell = page.locator(".yasr table tbody tr td").nth(1)
    cell.wait_for(timeout=20_000)
    page.wait_for_timeout(500)
    assert "<img src=x" in cell.inner_text()  # the markup is shown as text
    assert page.locator(".yasr table img").count() == 0
    assert dialogs == []


def test_the_networks_chart_and_a_congress_page_read_as_a_person_reads(page, site):
    """The home page's chart of the network's figures is drawn, its points hedged as the sources hedge
    them and each opening its figure; a Congress's page opens with its summary line and gives each
    source once, the facts it supports beneath it."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(site + "/")
    charts = page.locator("svg.figures")
    charts.first.wait_for()
    assert charts.count() == 4  # one per network, each on its own scale
    box = charts.first.bounding_box()
    assert box["width"] > 400 and box["height"] > 200
    assert page.locator("svg.figures circle.hedged").count() >= 3  # "more than 90", "about 100", ...
    assert page.locator("svg.figures circle.exact").count() >= 5
    assert page.locator("svg.figures text", has_text="more than 90").count() == 1
    page.locator("div.charts").screenshot(path=str(ARTIFACTS / "browser-network-chart.png"))
    page.locator("svg.figures a", has_text="more than 90").locator("text").click()  # each point opens its figure
    page.wait_for_load_state()
    assert "/doc/id/stat-" in page.url

    page.goto(site + "/doc/id/first-congress-of-world-azerbaijanis")
    assert page.locator("p.summary").inner_text() == (
        "congress · 2001-11-09 to 2001-11-10 · Baku · edition 1 of Congress of World Azerbaijanis")
    quote = "The First Congress of World Azerbaijanis, held in Baku on November 9-10, 2001"
    assert page.locator("blockquote", has_text=quote).count() == 1  # once, not once per fact
    assert page.locator("th", has_text="claims and items about it").count() == 1
    page.screenshot(path=str(ARTIFACTS / "browser-first-congress.png"), full_page=True)


def test_the_check_page_marks_a_text_and_unfolds_each_claims_sources(page, site):
    """A paragraph checked in the page: each sentence marked by its verdict, each claim with its
    sources folded under it and a link to its entity's page."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(site + "/check")
    page.fill("textarea#text", "The First Congress of World Azerbaijanis was held in Baku on November 9-10, 2001. "
                               "It gathered 406 delegates. The 5th Congress of World Azerbaijanis was held in Ganja.")
    page.fill("input#date", "2026-01-01")
    page.click("form.check button[type=submit]")
    page.locator("#claims").wait_for(timeout=60_000)
    marked = page.locator("#marked")
    assert marked.locator("a.v-supported").count() >= 1 and marked.locator("a.v-contradicted").count() == 1
    assert marked.locator("a.v-disputed").count() == 1  # 403 or 406 delegates
    contradicted = page.locator("li.claim.contradicted").first
    assert "Ganja" in contradicted.inner_text()
    contradicted.locator("summary").click()
    assert contradicted.locator("ul.sources li").first.is_visible()
    assert "Shusha" in contradicted.locator("details").inner_text()
    box = marked.bounding_box()
    assert box["width"] > 600 and box["height"] > 30
    page.screenshot(path=str(ARTIFACTS / "browser-check.png"), full_page=True)
    contradicted.locator("a").first.click()
    page.wait_for_url("**/doc/id/fifth-congress-of-world-azerbaijanis")
