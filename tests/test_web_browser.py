"""The workbench in a real browser: Playwright drives Debian's chromium against a live uvicorn.

No browser is downloaded: the tests use /usr/bin/chromium and skip, saying so,
when it is absent. Every request the pages make must stay on the local server
(no CDN), and screenshots of each page land in test-output/ for a human look.
"""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from sitrep.web import create_app
from test_web_api import XSS_BODY, XSS_TITLE, build_store

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "test-output"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason=f"{CHROMIUM} is absent (apt-get install -y chromium); browser tests skipped")
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """A uvicorn server on a free loopback port, in a thread, over a fresh test store."""
    sitrep = build_store(tmp_path_factory.mktemp("browser"))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(sitrep), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sitrep.store.close()


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    """Chromium with a fresh profile; any request off the local server is blocked and recorded."""
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS, headless=True, viewport={"width": 1400, "height": 900})
        context.offsite = []

        def only_local(route):
            if route.request.url.startswith(("http://127.0.0.1:", "data:")):
                return route.continue_()
            context.offsite.append(route.request.url)
            return route.abort()

        context.route("**/*", only_local)
        yield context
        context.close()


@pytest.fixture
def page(browser_context):
    """A tab that records dialogs (an XSS would open one) and script errors; both must stay empty."""
    tab = browser_context.new_page()
    tab.dialogs, tab.errors = [], []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    assert tab.errors == [], f"script errors: {tab.errors}"
    assert browser_context.offsite == [], f"requests left the server: {browser_context.offsite}"
    tab.close()


def shoot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_search_finds_an_entity_by_a_variant_spelling(page, base_url):
    page.goto(base_url)
    page.fill(".hero-search input[name=q]", "Qasem Suleimani")
    page.press(".hero-search input[name=q]", "Enter")
    match = page.locator(".entity-matches a.chip", has_text="Qassem Soleimani")
    sync_api.expect(match).to_be_visible()
    shoot(page, "search")
    match.click()
    sync_api.expect(page.locator("h1.entity-name")).to_have_text("Qassem Soleimani")


def test_dossier_shows_events_on_the_map_timeline_and_network(page, base_url):
    page.goto(f"{base_url}/entities/qassem_soleimani")
    sync_api.expect(page.locator(".map[data-ready=true]")).to_have_attribute("data-markers", "2")
    assert sorted(page.locator(".leaflet-tooltip.place-label").all_inner_texts()) == ["Aleppo", "Baghdad"]
    page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length > 100")  # outlines
    sync_api.expect(page.locator(".timeline-svg circle")).to_have_count(2)
    sync_api.expect(page.locator(".graph[data-ready=true] canvas").first).to_be_attached()
    sync_api.expect(page.locator(".events-table tbody tr")).to_have_count(2)
    shoot(page, "dossier")
    page.locator(".leaflet-interactive").first.click()
    sync_api.expect(page.locator(".popup-events a").first).to_contain_text("Presence")


def test_document_view_highlights_mentions_and_links_events_to_sentences(page, base_url):
    page.goto(f"{base_url}/documents/1")
    sync_api.expect(page.locator(".article-text mark.ent-person").first).to_contain_text("Qassem Soleimani")
    assert page.locator(".article-text mark.ent").count() >= 8
    page.locator(".fact-list .fact-link").first.click()
    sync_api.expect(page.locator(".sent:target")).to_contain_text("visited Aleppo")
    shoot(page, "document")


def test_events_page_filters_and_maps(page, base_url):
    page.goto(f"{base_url}/events")
    page.select_option("select[name=type]", "TERRITORY")
    page.click(".search-form button[type=submit]")
    sync_api.expect(page.locator(".events-table tbody tr")).to_have_count(2)
    sync_api.expect(page.locator(".map[data-ready=true]")).to_have_attribute("data-markers", "1")
    sync_api.expect(page.locator(".corroboration.corroborated").first).to_have_text("2 sources")
    page.goto(f"{base_url}/events")
    shoot(page, "events")


def test_network_page_draws_the_graph(page, base_url):
    page.goto(f"{base_url}/network")
    sync_api.expect(page.locator(".graph[data-ready=true]")).to_have_attribute("data-nodes", "6")
    shoot(page, "network")


def test_xss_payload_in_an_article_stays_inert(page, base_url):
    page.goto(f"{base_url}/search?q=anniversary")
    sync_api.expect(page.locator(".hit h3")).to_have_text(XSS_TITLE)
    page.locator(".hit h3 a").click()
    sync_api.expect(page.locator("h1")).to_have_text(XSS_TITLE)
    sync_api.expect(page.locator(".article-text")).to_contain_text(XSS_BODY)
    for path in ("/", "/events", "/entities/harakat_al_nujaba"):
        page.goto(base_url + path)
    assert page.dialogs == [], f"a script from an article ran: {page.dialogs}"
    assert page.locator("img").count() == 0
    page.goto(f"{base_url}/search?q=anniversary")
    shoot(page, "xss")


def test_merge_two_entities_and_see_it_persist(page, base_url):
    page.goto(f"{base_url}/entities/harakat_al_nujaba")
    page.fill("#judge-other", "Nujaba Brigades")
    with page.expect_navigation(timeout=60_000):  # the page reloads once the re-analysis is done
        page.click("button[data-kind=merge]")
    aliases = page.locator(".alias-list .alias-name")
    sync_api.expect(aliases.filter(has_text="Nujaba Brigades")).to_have_count(1)
    page.reload()
    sync_api.expect(aliases).to_have_count(2)
    sync_api.expect(aliases.filter(has_text="Nujaba Brigades")).to_have_count(1)
    shoot(page, "merged")
    page.goto(f"{base_url}/entities/nujaba_brigades")
    sync_api.expect(page.locator(".notice")).to_contain_text("merged this entity into")
