"""End to end: the seed inbox -> articles -> one story -> site and feeds, through the CLI."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden" / "seed-site"


def digest_tree(root: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Relative path -> sha256 of every file below root, except under the ``skip`` folders."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file() and not p.relative_to(root).as_posix().startswith(skip)}


def run_build(site: Path, *extra: str) -> int:
    return main(["build", "--content", str(site / "content"), "--output", str(site / "output"),
                 "--theme", str(REPO / "themes" / "default"), "--quiet", *extra])


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


PAGEFIND = ("pagefind/",)  # Pagefind's own bundle: checked for presence, not kept as golden


def test_seed_site_matches_golden(seed_site: Path, update_golden: bool) -> None:
    """The seed inbox gives exactly the committed articles, ingest record and site."""
    assert run_build(seed_site) == 0
    produced = {"output": seed_site / "output", "articles": seed_site / "content" / "articles",
                "record": seed_site / "content" / ".digest"}
    if update_golden:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, folder in produced.items():
            shutil.copytree(folder, GOLDEN / name,
                            ignore=shutil.ignore_patterns("pagefind", "*.lock", ".cache"))
    for name, folder in produced.items():
        expected = GOLDEN / name
        got = digest_tree(folder, PAGEFIND + ("build.lock", ".cache/"))
        assert sorted(got) == sorted(digest_tree(expected)), name
        for rel in got:
            assert (folder / rel).read_bytes() == (expected / rel).read_bytes(), f"{name}/{rel}"
    assert (seed_site / "output" / "pagefind" / "0" / "pagefind.js").is_file()
    assert json.loads((seed_site / "output" / "pagefind" / "shards.json").read_bytes()) == ["0/"]


def test_both_seeds_form_one_story_with_feeds_and_index(seed_site: Path) -> None:
    assert run_build(seed_site) == 0
    stories = json.loads((seed_site / "output" / "stories.json").read_text(encoding="utf-8"))
    assert len(stories["stories"]) == 1
    story = stories["stories"][0]
    assert len(story["reports"]) == 2
    for report in story["reports"]:
        assert (seed_site / "output" / "articles" / report["slug"] / "index.html").is_file()
    assert (seed_site / "output" / "stories" / story["id"] / "index.html").is_file()
    for feed in ("feed.xml", "atom.xml"):
        assert story["url"] in (seed_site / "output" / feed).read_text(encoding="utf-8")
    raws = sorted(p.name for p in (seed_site / "content" / "articles").glob("*.md"))
    assert len(raws) == 2


def test_build_leaves_the_inbox_untouched(seed_site: Path) -> None:
    inbox = seed_site / "content" / "inbox"
    before = digest_tree(inbox)
    mtimes = {p.name: p.stat().st_mtime_ns for p in inbox.iterdir()}
    assert run_build(seed_site) == 0
    assert run_build(seed_site) == 0
    assert digest_tree(inbox) == before
    assert {p.name: p.stat().st_mtime_ns for p in inbox.iterdir()} == mtimes


def test_rebuild_ingests_nothing_and_gives_identical_output(seed_site: Path) -> None:
    assert run_build(seed_site) == 0
    articles = digest_tree(seed_site / "content" / "articles")
    first = digest_tree(seed_site / "output")
    assert run_build(seed_site) == 0
    assert digest_tree(seed_site / "content" / "articles") == articles
    assert digest_tree(seed_site / "output") == first


def test_editor_edit_is_kept_and_published(seed_site: Path) -> None:
    assert run_build(seed_site) == 0
    path = sorted((seed_site / "content" / "articles").glob("*.md"))[0]
    edited = path.read_text(encoding="utf-8").replace("\n---\n", "\n---\n\nEDITOR NOTE HERE.\n", 1)
    path.write_text(edited, encoding="utf-8")
    assert run_build(seed_site) == 0
    assert path.read_text(encoding="utf-8") == edited
    page = seed_site / "output" / "articles" / path.stem / "index.html"
    assert "EDITOR NOTE HERE." in page.read_text(encoding="utf-8")


def test_content_error_exits_1_names_file_and_line_and_keeps_output(
        seed_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_build(seed_site) == 0
    before = digest_tree(seed_site / "output")
    broken = seed_site / "content" / "articles" / "broken.md"
    broken.write_text("---\ntitle: X\nsource: Y\ndate: someday\n---\nBody\n", encoding="utf-8")
    other = seed_site / "content" / "articles" / "other.md"
    other.write_text("---\ntitle: Z\ndate: 2021-01-01\n---\nBody\n", encoding="utf-8")
    capsys.readouterr()
    assert run_build(seed_site) == 1
    err = capsys.readouterr().err
    assert f"{broken}:4: date: 'someday' is not a date" in err
    assert f"{other}:1: missing required field 'source'" in err
    assert "Traceback" not in err
    assert digest_tree(seed_site / "output") == before


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--content", str(tmp_path / "missing")]) == 2
    assert "content folder not found" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["build", "--no-such-option"])
    assert info.value.code == 2


def test_empty_content_builds_an_empty_site(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    assert run_build(tmp_path) == 0
    assert json.loads((tmp_path / "output" / "stories.json").read_text()) == {"stories": []}


def test_the_sitemap_lists_every_page_a_reader_lands_on(seed_site: Path) -> None:
    """Every folder page of the built site but the search page and the outlet redirects is in
    sitemap.xml (editions included), and every address there is a page of the site."""
    import re

    assert run_build(seed_site) == 0
    out = seed_site / "output"
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>https?://[^/]+/([^<]*)</loc>", sitemap))
    pages = {p.parent.relative_to(out).as_posix() + "/" for p in out.rglob("index.html")}
    pages = {"" if p == "./" else p for p in pages}
    redirects = {p for p in pages if b'name="robots" content="noindex"' in
                 (out / p / "index.html").read_bytes()}
    assert any(p.startswith("editions/2") for p in listed)
    assert listed == pages - redirects - {"search/"}
