"""The closing summary of ``digest build`` tells pages written from pages left unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from tests.e2e.conftest import site_args, tree_hash

SUMMARY = re.compile(r"built: 0 articles ingested, 3 articles, 2 stories, (\d+) pages written, "
                     r"(\d+) unchanged, 0 warnings/notes, \d+\.\d\d s")
NOT_PAGES = {".news-digest", ".gitkeep"}  # the writer's own files


def built(site: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, int]:
    """(pages written, pages unchanged) from the summary of one build."""
    capsys.readouterr()
    assert main(site_args(site)) == 0
    found = SUMMARY.fullmatch(capsys.readouterr().out.strip())
    assert found is not None
    return int(found[1]), int(found[2])


def pages(site: Path) -> dict[str, str]:
    return {rel: digest for rel, digest in tree_hash(site / "output").items()
            if rel not in NOT_PAGES}


def test_summary_counts_pages_written_and_unchanged(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = built(site, capsys)
    before = pages(site)
    assert first == (len(before), 0)  # a first build writes every page
    assert built(site, capsys) == (0, len(before))
    article = site / "content" / "articles" / "port-strike.md"
    article.write_text(article.read_text("utf-8").replace("\n\n", "\n\nA new first line.\n\n", 1),
                       encoding="utf-8")
    written, unchanged = built(site, capsys)
    after = pages(site)
    changed = {rel for rel, digest in after.items() if before.get(rel) != digest}
    assert 0 < written == len(changed) < len(after) // 2
    assert unchanged == len(after) - written
