"""The daily editions in a real browser (Playwright and Debian's Chromium, as
test_browser.py): axe finds nothing on the edition page and the index of editions; the
newsletter, served with netlify.toml's headers, at 600 px and 375 px with images blocked,
light and dark: no horizontal scroll, every piece of text on screen and readable."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site.test_browser import problems, watched_page

playwright_api = pytest.importorskip("playwright.sync_api")
from axe_playwright_python.sync_playwright import Axe  # noqa: E402

EDITION = "editions/2021-07-08/"
# Every element with text of its own: is it inside the viewport's width, not hidden, and
# does its colour stand out from the background behind it (WCAG contrast, 4.5:1)?
TEXT_CHECK = """() => {
  const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const behind = (el) => { for (let e = el; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor; const v = rgb(c);
      if (v.length < 4 || v[3] > 0) return v.slice(0, 3); }
    return [255, 255, 255]; };
  const found = [];
  for (const el of document.body.querySelectorAll("*")) {
    const own = [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own.length) continue;
    const text = own.map((n) => n.textContent.trim()).join(" ");
    const box = el.getBoundingClientRect(); const style = getComputedStyle(el);
    const [a, b] = [lum(rgb(style.color).slice(0, 3)), lum(behind(el))];
    const contrast = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (box.width === 0 || box.height === 0 || style.visibility !== "visible")
      found.push(`hidden: ${text}`);
    else if (box.left < 0 || box.right > innerWidth + 1) found.push(`off screen: ${text}`);
    else if (contrast < 4.5) found.push(`contrast ${contrast.toFixed(2)}: ${text}`);
  }
  return found;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [EDITION, "editions/"])
def test_axe_reports_no_violations_on_the_editions(browser: object, site_url: str, path: str,
                                                   scheme: str) -> None:
    page, log = watched_page(browser, color_scheme=scheme)
    page.goto(site_url + path)  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert problems(page, log) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [600, 375])
def test_the_newsletter_fits_and_reads_without_images(browser: object, site_url: str,
                                                      built_site: Path, width: int,
                                                      scheme: str) -> None:
    page, log = watched_page(browser, color_scheme=scheme,
                             viewport={"width": width, "height": 800})
    blocked: list[str] = []

    def no_images(route: object) -> None:
        request = route.request  # type: ignore[attr-defined]
        if request.resource_type == "image":
            blocked.append(request.url)
            route.abort()  # type: ignore[attr-defined]
        else:
            route.continue_()  # type: ignore[attr-defined]

    page.route("**/*", no_images)  # type: ignore[attr-defined]
    page.goto(site_url + EDITION + "email.html")  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    scroll = page.evaluate(  # type: ignore[attr-defined]
        "[document.documentElement.scrollWidth, innerWidth]")
    assert scroll[0] <= scroll[1], f"scrolls sideways at {width} px: {scroll}"
    assert page.evaluate(TEXT_CHECK) == []  # type: ignore[attr-defined]
    shown = " ".join(page.inner_text("body").split())  # type: ignore[attr-defined]
    text = (built_site / EDITION / "email.txt").read_text(encoding="utf-8")
    headline = text.split("\n1. ", 1)[1].split("\n")[0]
    assert headline in shown and "Read it on the web" in shown
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")  # type: ignore[attr-defined]
    channels = [int(c) for c in background[background.index("(") + 1:-1].split(",")[:3]]
    assert (max(channels) < 60) == (scheme == "dark"), background
    assert problems(page, log) == []  # the page's own CSP (netlify.toml) lets its styles in
