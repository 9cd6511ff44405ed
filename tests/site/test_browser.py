"""The seed site in a real browser: Playwright driving Debian's Chromium, axe-core for a11y.

In CI (CI=true) these tests must run: .ci/run installs chromium when it is missing. Elsewhere
they skip, loudly, when no Chromium is found.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
import warnings
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
from axe_playwright_python.sync_playwright import Axe  # noqa: E402

from tests.site.netlify_headers import headers_for, load_rules  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
PAGE_KINDS = ("home", "story", "article", "source", "archive", "about", "search", "tags", "404")
# Run before the page's own scripts: records every CSP violation the document sees.
WATCH_CSP = """window.__csp_violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp_violations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));"""
# The favicon is a data: URI in <link rel=icon>; CSP's img-src is the directive that covers it.
FAVICON_LOADS = """() => new Promise((done) => { const image = new Image();
  image.onload = () => done(true); image.onerror = () => done(false);
  image.src = document.querySelector("link[rel=icon]").href; })"""
SEARCH_SETTLED = """() => !["", "Searching…"].includes(
  document.getElementById("search-status").textContent)"""
LANDMARK = re.compile(r'^\s*- (?P<role>banner|complementary|contentinfo|form|main|navigation|'
                      r'region|search)(?: "(?P<name>(?:[^"\\]|\\.)*)")?(?=[:\s\[]|$)', re.MULTILINE)

if CHROMIUM is None:
    if os.environ.get("CI") == "true":
        raise RuntimeError("CI must run the browser tests: install Debian's chromium "
                           "(apt-get install chromium); .ci/run does this")
    warnings.warn("BROWSER TESTS SKIPPED: no chromium on PATH (apt-get install chromium)",
                  stacklevel=1)
    pytest.skip("BROWSER TESTS SKIPPED: no chromium on PATH (apt-get install chromium)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def page_paths(built_site: Path) -> dict[str, str]:
    """One path per page type of the seed site."""
    story = next(p for p in (built_site / "stories").iterdir() if p.is_dir())
    article = sorted(p for p in (built_site / "articles").iterdir() if p.is_dir())[0]
    source = sorted(p for p in (built_site / "sources").iterdir() if p.is_dir())[0]
    month = sorted((built_site / "archive").glob("*/*"))[0]
    return {"home": "", "story": f"stories/{story.name}/", "article": f"articles/{article.name}/",
            "source": f"sources/{source.name}/",
            "archive": f"archive/{month.parent.name}/{month.name}/", "about": "about/",
            "search": "search/", "tags": "tags/", "404": "404.html"}


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


def new_page(browser: object, **options: object) -> object:
    """A new tab of ``browser``."""
    return browser.new_page(**options)  # type: ignore[attr-defined]


def watched_page(browser: object, **options: object) -> tuple[object, list[str]]:
    """A new tab and the list its console errors and warnings and its uncaught errors go
    into (its workers' too); CSP violations are kept in the page (see ``problems``)."""
    page = new_page(browser, **options)
    log: list[str] = []

    def on_console(message: object) -> None:
        if message.type in ("error", "warning"):  # type: ignore[attr-defined]
            log.append(f"console {message.type}: {message.text}")  # type: ignore[attr-defined]

    page.on("console", on_console)  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: log.append(f"uncaught: {error}"))  # type: ignore[attr-defined]
    page.on("worker", lambda worker: worker.on("console", on_console))  # type: ignore[attr-defined]
    page.add_init_script(WATCH_CSP)  # type: ignore[attr-defined]
    return page, log


def problems(page: object, log: list[str]) -> list[str]:
    """What a watched page logged, and the CSP violations its document saw."""
    violations = page.evaluate("window.__csp_violations || []")  # type: ignore[attr-defined]
    return log + [f"CSP violation: {violation}" for violation in violations]


def test_home_story_article_and_back(browser: object, site_url: str, shots: Path) -> None:
    page = new_page(browser)
    page.goto(site_url)
    page.click(".story-card h2 a")
    page.wait_for_selector("h2#timeline")
    story_url = page.url
    assert "/stories/" in story_url
    page.click(".timeline a")
    page.wait_for_selector("article.report")
    assert "/articles/" in page.url
    page.go_back()
    page.wait_for_selector("h2#timeline")
    assert page.url == story_url
    page.screenshot(path=str(shots / "story.png"), full_page=True)


def test_search_for_herat_finds_the_seed_story(browser: object, site_url: str,
                                               built_site: Path) -> None:
    page = new_page(browser)
    page.goto(site_url + "search/?q=Herat")
    page.wait_for_selector("a.search-result", timeout=15_000)
    links = page.eval_on_selector_all("a.search-result", "els => els.map(e => e.href)")
    story = json.loads((built_site / "stories.json").read_text(encoding="utf-8"))["stories"][0]
    pages = {story["url"].replace(story["url"].split("stories/")[0], site_url)} | {
        site_url + f"articles/{report['slug']}/" for report in story["reports"]}
    assert pages & set(links), links
    assert "Herat" in page.inner_text("#search-status") or "result" in page.inner_text("#search-status")


def test_search_box_in_the_header_leads_to_results(browser: object, site_url: str) -> None:
    page = new_page(browser)
    page.goto(site_url)
    page.fill("#q", "Badghis")
    page.click(".search-box button")
    page.wait_for_selector("a.search-result", timeout=15_000)
    assert "/search/" in page.url and "q=Badghis" in page.url


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_page_type_runs_under_the_deployed_csp(browser: object, site_url: str,
                                                     page_paths: dict[str, str],
                                                     kind: str) -> None:
    """Served with netlify.toml's headers, no page type logs an error or a CSP violation: the
    search page's Pagefind (WebAssembly, in a worker) finds "Herat", and img-src allows the
    data: favicon."""
    page, log = watched_page(browser)
    query = "?q=Herat" if kind == "search" else ""
    response = page.goto(site_url + page_paths[kind] + query)  # type: ignore[attr-defined]
    deployed = headers_for(load_rules(), "/" + page_paths[kind])["Content-Security-Policy"]
    assert response.headers.get("content-security-policy") == deployed
    if kind == "search":
        page.wait_for_function(SEARCH_SETTLED, timeout=15_000)  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    assert page.evaluate(FAVICON_LOADS), "the CSP's img-src must allow the data: favicon"  # type: ignore[attr-defined]
    assert problems(page, log) == []
    if kind == "search":
        assert page.query_selector("a.search-result"), page.inner_text("#search-status")  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_landmarks_differ_in_role_or_name(browser: object, site_url: str,
                                          page_paths: dict[str, str], kind: str) -> None:
    """No two landmarks share a role and a name, so a screen reader's landmark list tells
    them apart. (axe's landmark-unique skips unnamed forms, so it missed the search page's
    two unnamed role=search forms: this reads Chromium's own accessibility tree.)"""
    page = new_page(browser)
    page.goto(site_url + page_paths[kind])  # type: ignore[attr-defined]
    snapshot = page.locator("body").aria_snapshot()  # type: ignore[attr-defined]
    landmarks = [(found["role"], found["name"] or "") for found in LANDMARK.finditer(snapshot)]
    assert any(role == "main" for role, _ in landmarks), snapshot
    repeated = sorted({landmark for landmark in landmarks if landmarks.count(landmark) > 1})
    assert not repeated, f"landmarks with the same role and name: {repeated}"


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_horizontal_overflow_at_360px(browser: object, site_url: str,
                                         page_paths: dict[str, str], kind: str,
                                         shots: Path) -> None:
    page = new_page(browser, viewport={"width": 360, "height": 740})
    page.goto(site_url + page_paths[kind])
    width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=str(shots / f"{kind}-360.png"), full_page=True)
    assert width <= 360


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_axe_reports_no_violations(browser: object, site_url: str, page_paths: dict[str, str],
                                   kind: str, scheme: str, shots: Path) -> None:
    page = new_page(browser, color_scheme=scheme)
    page.goto(site_url + page_paths[kind])
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    page.screenshot(path=str(shots / f"{kind}-{scheme}.png"), full_page=True)
    assert results.violations_count == 0, results.generate_report()
    ran = {rule["id"] for outcome in ("passes", "violations") for rule in results.response[outcome]}
    assert "landmark-unique" in ran, "axe must check that landmarks are unique"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_story_page_with_every_section_opened_passes_axe_at_360px(
        browser: object, site_url: str, page_paths: dict[str, str], scheme: str,
        shots: Path) -> None:
    """The comparison's folded parts (each dispute's sentences, what only one report says)
    are read too: axe finds nothing in them and they fit a small screen."""
    page = new_page(browser, color_scheme=scheme, viewport={"width": 360, "height": 740})
    page.goto(site_url + page_paths["story"])
    opened = page.evaluate("""() => { const all = document.querySelectorAll("details");
      all.forEach((d) => { d.open = true; }); return all.length; }""")
    assert opened >= 2 and page.query_selector(".compare .context mark")  # a dispute's value
    results = Axe().run(page)
    page.screenshot(path=str(shots / f"story-opened-{scheme}.png"), full_page=True)
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_dark_scheme_is_really_dark(browser: object, site_url: str) -> None:
    page = new_page(browser, color_scheme="dark")
    page.goto(site_url)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    channels = [int(c) for c in background[background.index("(") + 1:-1].split(",")[:3]]
    assert max(channels) < 60, background


def test_digest_serve_reloads_an_open_page_when_an_article_is_saved(
        browser: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reload script in a real page: an edit shows up without touching the browser, and a
    broken save shows the error overlay over the last good page."""
    from generator import search
    from generator.serve import server as serve
    from tests.e2e.conftest import THEME, WORKFLOW
    from tests.helpers import serving

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(search, "index", lambda pages, language: {})
    shutil.copytree(WORKFLOW / "content", tmp_path / "content")
    with serving(tmp_path / "content", tmp_path / "output", THEME) as dev:
        page = new_page(browser)
        with page.expect_response(lambda r: serve.STATUS_PATH in r.url):  # type: ignore[attr-defined]
            page.goto(f"http://127.0.0.1:{dev.port}/articles/port-strike/")  # type: ignore[attr-defined]
        article = tmp_path / "content" / "articles" / "port-strike.md"
        text = article.read_text("utf-8")
        article.write_text(text.replace("Dock workers strike", "Dockers walk out"), "utf-8")
        page.wait_for_function(  # type: ignore[attr-defined]
            "document.body.innerText.includes('Dockers walk out')", timeout=10_000)
        article.write_text("---\ntitle: Broken\ntags: [a\n---\nX\n", "utf-8")
        overlay = page.wait_for_selector("#__digest_overlay", timeout=10_000)  # type: ignore[attr-defined]
        assert "invalid YAML" in overlay.inner_text()


def test_digest_serve_previews_an_edit_and_reloads_only_the_pages_it_changed(
        browser: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edited article's open page reloads once (for the preview; the full rebuild writes
    the same bytes), and an open page the edit did not change is not reloaded at all."""
    from generator import search
    from generator.serve import server as serve
    from tests.e2e.conftest import THEME, WORKFLOW
    from tests.helpers import serving

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(search, "index", lambda pages, language: {})
    shutil.copytree(WORKFLOW / "content", tmp_path / "content")
    with serving(tmp_path / "content", tmp_path / "output", THEME) as dev:
        base = f"http://127.0.0.1:{dev.port}"
        edited, other = new_page(browser), new_page(browser)
        for page, path in ((edited, "articles/port-strike/"), (other, "articles/rover-lands/")):
            with page.expect_response(lambda r: serve.STATUS_PATH in r.url):  # type: ignore[attr-defined]
                page.goto(f"{base}/{path}")  # type: ignore[attr-defined]
            page.evaluate("window.__untouched = true")  # type: ignore[attr-defined]
        version = dev.state.snapshot()["version"]
        article = tmp_path / "content" / "articles" / "port-strike.md"
        article.write_text(article.read_text("utf-8").replace("on Monday", "on Sunday"),
                           "utf-8")
        edited.wait_for_function(  # type: ignore[attr-defined]
            "document.body.innerText.includes('on Sunday') && !window.__untouched",
            timeout=10_000)
        edited.evaluate("window.__untouched = true")  # type: ignore[attr-defined]
        deadline = time.monotonic() + 10
        while dev.state.snapshot()["version"] < version + 2 and time.monotonic() < deadline:
            time.sleep(0.05)  # the preview, then the full rebuild
        assert dev.state.snapshot()["version"] == version + 2
        time.sleep(1.0)  # time for a (wrong) reload to happen
        assert edited.evaluate("window.__untouched === true")  # type: ignore[attr-defined]
        assert other.evaluate("window.__untouched === true")  # type: ignore[attr-defined]
