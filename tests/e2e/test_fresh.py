"""A build with nothing to do (``cache.fresh``): when nothing the last complete build read or
wrote has changed, ``digest build`` gives its report again without running the pipeline; any
change, anywhere it looks, and the whole build runs and leaves what a cold build makes."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.cache import fresh
from generator.cli import main
from generator.util import lock
from tests.e2e.conftest import THEME, modules_a_build_imports, site_args, tree_hash

ARTICLE = "content/articles/rover-lands.md"


def build(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """Build the site; its summary line without the seconds, and what it printed on stderr."""
    assert main(site_args(root)) == 0
    out, err = capsys.readouterr()
    return out.strip().rsplit(", ", 1)[0], err


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The output folder of each full build (the pipeline's ``build``) from now on."""
    seen: list[Path] = []
    real = pipeline.build

    def counted(cfg: pipeline.SiteConfig, *args: object, **kwargs: object
                ) -> pipeline.BuildReport:
        seen.append(cfg.output_dir)
        return real(cfg, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "build", counted)
    return seen


def cold(site: Path, tmp_path: Path) -> dict[str, str]:
    """What a cold build of the site's content makes."""
    other = tmp_path / "cold"
    other.mkdir()
    subprocess.run(["cp", "-r", str(site / "content"), str(other)], check=True)
    subprocess.run(["rm", "-rf", str(other / "content" / ".digest")], check=True)
    assert main(site_args(other)) == 0
    return tree_hash(other / "output")


def test_a_build_with_nothing_changed_reports_the_last_one_again_without_the_pipeline(
        site: Path, runs: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    (site / "content" / "articles" / "odd.md").write_text(
        "---\ntitle: Odd\nsource: AP\ndate: 2021-02-18\nstory: odd\nsurprise: 1\n---\n\nA line.\n")
    build(site, capsys)
    for record in (site / "content" / ".digest" / ".cache").glob("fresh-*.json"):
        record.unlink()
    warm = build(site, capsys)  # the whole pipeline, finding nothing to write
    assert "0 pages written" in warm[0] and "warning: unknown field" in warm[1]
    before = {p: p.stat().st_mtime_ns for p in (site / "output").rglob("*")}
    assert build(site, capsys) == warm
    assert build(site, capsys) == warm
    assert runs == [site / "output"] * 2
    assert {p: p.stat().st_mtime_ns for p in (site / "output").rglob("*")} == before


def test_the_check_imports_no_stage_of_the_pipeline(site: Path) -> None:
    assert main(site_args(site)) == 0
    assert modules_a_build_imports(site, ("generator.build", "generator.render",
                                          "generator.cache.store", "sqlite3", "jinja2")) == "0 []"


def _edit_article(site: Path) -> None:
    path = site / ARTICLE
    path.write_text(path.read_text().replace("seven-month", "seven-and-a-half-month"))


def _touch_template(site: Path) -> None:
    os.utime(site / "theme" / "templates" / "base.html", ns=(1, 1))


def _vandalise_page(site: Path) -> None:
    (site / "output" / "index.html").write_bytes(b"vandalised")


def _edit_page_in_place(site: Path) -> None:
    """Same size, same folder: only the file's own stat tells."""
    page = site / "output" / "index.html"
    data = page.read_bytes()
    with page.open("r+b") as out:
        out.write(b"X" + data[1:2])


CHANGES: dict[str, Callable[[Path], None]] = {
    "an article edited": _edit_article,
    "an article added": lambda site: (site / "content" / "articles" / "new.md").write_text(
        "---\ntitle: New one\nsource: AP\ndate: 2021-02-19\nstory: new-one\n---\n\n"
        "The rover drove.\n"),
    "an article removed": lambda site: (site / ARTICLE).unlink(),
    "the settings changed": lambda site: (site / "content" / "site.yaml").write_text(
        "title: Another Title\nbase_url: https://digest.example/\n"),
    "a theme template touched": _touch_template,
    "a page vandalised": _vandalise_page,
    "a page edited in place": _edit_page_in_place,
    "a file added to output": lambda site: (site / "output" / "stray.html").write_text("x"),
    "a folder of output removed": lambda site: subprocess.run(
        ["rm", "-rf", str(site / "output" / "articles" / "rover-lands")], check=True),
    "output removed": lambda site: subprocess.run(["rm", "-rf", str(site / "output")],
                                                  check=True),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_any_change_runs_the_whole_build_and_gives_what_a_cold_build_makes(
        site: Path, tmp_path: Path, runs: list[Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    subprocess.run(["cp", "-r", str(THEME), str(site / "theme")], check=True)
    monkeypatch.setattr("tests.e2e.conftest.THEME", site / "theme")
    build(site, capsys)
    build(site, capsys)
    assert runs.count(site / "output") == 1
    CHANGES[change](site)
    build(site, capsys)
    assert runs.count(site / "output") == 2
    assert tree_hash(site / "output") == cold(site, tmp_path)
    build(site, capsys)
    assert runs.count(site / "output") == 2  # recorded again


def test_a_change_to_the_generator_or_its_libraries_runs_the_whole_build(
        site: Path, tmp_path: Path, runs: list[Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "package"
    package.mkdir()
    (package / "module.py").write_text("A = 1\n")
    monkeypatch.setattr(fresh, "_PACKAGE", package)
    libraries = tmp_path / "libraries"
    (libraries / "somelib-1.0.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(libraries))
    build(site, capsys)
    build(site, capsys)
    os.utime(package / "module.py", ns=(1, 1))  # the generator upgraded
    build(site, capsys)
    (libraries / "somelib-1.0.dist-info").rename(libraries / "somelib-1.1.dist-info")
    build(site, capsys)
    build(site, capsys)
    assert len(runs) == 3


def test_an_article_held_back_is_published_once_its_date_comes(
        site: Path, tmp_path: Path, runs: list[Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    (site / "content" / "articles" / "later.md").write_text(
        "---\ntitle: Rover drives\nsource: AP\ndate: 2023-11-20\nstory: rover-drives\n---\n\n"
        "The rover drove.\n")
    assert "1 held back" in build(site, capsys)[0]  # the clock says 2023-11-14
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700300000")  # 2023-11-18: still held
    assert "1 held back" in build(site, capsys)[0]
    assert runs.count(site / "output") == 1
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700600000")  # 2023-11-21
    assert "held back" not in build(site, capsys)[0]
    assert runs.count(site / "output") == 2
    assert tree_hash(site / "output") == cold(site, tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # back before its date
    assert "1 held back" in build(site, capsys)[0]
    assert runs.count(site / "output") == 3


def test_a_build_that_writes_into_the_content_folder_is_followed_by_one_more(
        site_with_inbox: Path, runs: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert build(site_with_inbox, capsys)[0].startswith("built: 1 articles ingested")
    assert build(site_with_inbox, capsys)[0].startswith("built: 0 articles ingested")
    assert build(site_with_inbox, capsys)[0].startswith("built: 0 articles ingested")
    assert len(runs) == 2


def test_a_failed_build_leaves_no_record_and_the_next_one_runs_whole(
        site: Path, runs: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    build(site, capsys)
    text = (site / ARTICLE).read_bytes()
    (site / ARTICLE).write_text("---\ntitle: [unclosed\n---\n")
    assert main(site_args(site)) == 1
    assert not list((site / "content" / ".digest" / ".cache").glob("fresh-*.json"))
    (site / ARTICLE).write_bytes(text)
    build(site, capsys)
    assert len(runs) == 3


@pytest.mark.parametrize("damage", ["not json", '{"format": 1}', '{"format": 1, "inputs": 5}',
                                    "[]", ""])
def test_a_damaged_record_only_costs_a_whole_build(
        site: Path, runs: list[Path], capsys: pytest.CaptureFixture[str], damage: str) -> None:
    build(site, capsys)
    (record,) = (site / "content" / ".digest" / ".cache").glob("fresh-*.json")
    record.write_text(damage)
    assert "0 pages written" in build(site, capsys)[0]
    assert len(runs) == 2


def test_a_record_whose_files_were_taken_away_only_costs_a_whole_build(
        site: Path, runs: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    build(site, capsys)
    (record,) = (site / "content" / ".digest" / ".cache").glob("fresh-*.json")
    data = json.loads(record.read_text())
    del data["files"]
    record.write_text(json.dumps(data))
    build(site, capsys)
    assert len(runs) == 2


def test_each_output_folder_has_its_own_record(
        site: Path, runs: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    build(site, capsys)
    other = [*site_args(site)[:-1], str(site / "elsewhere")]
    assert main(other) == 0
    assert main(other) == 0
    build(site, capsys)
    assert runs == [site / "output", site / "elsewhere"]


def test_a_build_with_nothing_to_do_still_waits_for_no_one(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build(site, capsys)
    with lock.exclusive(site / "content" / lock.CONTENT_LOCK):
        assert main(site_args(site)) == 1
    assert "another build is running" in capsys.readouterr().err
