"""``preview``: the pages of an edited article's story, rendered alone from the last build's
stories, are the ones the full rebuild writes; edits that change the site's shape are not
previewed."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import build, config
from generator.cache import memo
from generator.serve import preview
from tests.e2e.conftest import THEME

ARTICLE = "port-strike.md"


@pytest.fixture
def built(site: Path) -> tuple[config.SiteConfig, memo.Recent]:
    cfg = config.load(site / "content", site / "output", THEME)
    return cfg, build.build(cfg).recent


def edit(cfg: config.SiteConfig, old: str, new: str, name: str = ARTICLE) -> Path:
    path = cfg.content_dir / "articles" / name
    path.write_text(path.read_text("utf-8").replace(old, new, 1), encoding="utf-8")
    return path


def test_an_edit_previews_the_pages_the_full_rebuild_writes(
        built: tuple[config.SiteConfig, memo.Recent]) -> None:
    cfg, recent = built
    path = edit(cfg, "walked out on Monday", "walked out on Tuesday")
    pages = preview.pages(cfg, [path], recent.stories)
    assert pages is not None
    assert "articles/port-strike/index.html" in pages
    assert any(p.startswith("stories/") and p.endswith("/index.html") for p in pages)
    assert b"walked out on Tuesday" in pages["articles/port-strike/index.html"]
    build.build(cfg, recent=recent)
    for rel, data in pages.items():
        assert (cfg.output_dir / rel).read_bytes() == data, rel


@pytest.mark.parametrize(("old", "new", "why"), [
    ("story: 2021-03-01-port-strike\n", "", "the clusterer would choose its story again"),
    ("story: 2021-03-01-port-strike", "story: another-story", "it moves to another story"),
    ("title: Dock workers", "draft: true\ntitle: Dock workers", "a draft leaves the site"),
    ("date: 2021-03-01", "date: 2999-03-01", "a future date leaves the site"),
    ("source: BBC\n", "", "a required field is missing: the full build reports it"),
])
def test_edits_that_change_the_sites_shape_are_not_previewed(
        built: tuple[config.SiteConfig, memo.Recent], old: str, new: str, why: str) -> None:
    cfg, recent = built
    assert preview.pages(cfg, [edit(cfg, old, new)], recent.stories) is None, why


def test_new_files_notes_and_theme_are_not_previewed(
        built: tuple[config.SiteConfig, memo.Recent]) -> None:
    cfg, recent = built
    new = cfg.content_dir / "articles" / "brand-new.md"
    new.write_text((cfg.content_dir / "articles" / ARTICLE).read_text("utf-8"), "utf-8")
    notes = cfg.content_dir / "stories" / "2021-03-01-port-strike.md"
    notes.parent.mkdir(exist_ok=True)
    notes.write_text("---\nheadline: Strike\n---\n", "utf-8")
    for changed in ([new], [notes], [THEME / "templates" / "story.html"],
                    [edit(cfg, "Monday", "Sunday"), notes]):
        assert preview.pages(cfg, changed, recent.stories) is None, changed
    assert preview.pages(cfg, [edit(cfg, "Sunday", "Friday")], {}) is None  # no build yet
