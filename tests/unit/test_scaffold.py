"""``digest init``: a new site that loads, builds and deploys like this repository; never
written over anything."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from generator import __version__, cli, config, scaffold
from tests.helpers import REPO

SITE = sorted(["content/site.yaml", "content/inbox/.gitkeep", "content/articles/.gitkeep",
               "content/stories/.gitkeep", "netlify.toml", "requirements.txt", ".gitignore",
               "README.md"])


def files_below(root: Path) -> dict[str, str]:
    """Relative path -> text of every file below root."""
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_init_writes_the_site_files_and_makes_the_folder(tmp_path: Path) -> None:
    written = scaffold.init(tmp_path / "news")
    assert sorted(p.relative_to(tmp_path / "news").as_posix() for p in written) == SITE
    assert sorted(files_below(tmp_path / "news")) == SITE
    assert (tmp_path / "news" / "content" / "inbox" / ".gitkeep").read_bytes() == b""


def test_the_site_yaml_written_loads_and_explains_every_key(tmp_path: Path) -> None:
    scaffold.init(tmp_path)
    cfg = config.load(tmp_path / "content", tmp_path / "output", config.packaged_theme())
    assert (cfg.title, cfg.base_url, cfg.language) == ("News Digest", "https://example.org/",
                                                       "en")
    lines = (tmp_path / "content" / "site.yaml").read_text(encoding="utf-8").splitlines()
    for key in config.SITE_KEYS:
        (line,) = [n for n, text in enumerate(lines) if text.startswith(f"{key}:")]
        assert lines[line - 1].startswith("# "), f"{key} has no comment above it"


def test_a_new_site_builds_with_no_reports_and_no_theme_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scaffold.init(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build", "--quiet"]) == cli.EXIT_OK
    assert (tmp_path / "output" / "index.html").is_file()
    assert not (tmp_path / "themes").exists()


def test_the_netlify_toml_written_deploys_as_the_repository_s_does(tmp_path: Path) -> None:
    scaffold.init(tmp_path)
    site = tomllib.loads((tmp_path / "netlify.toml").read_text(encoding="utf-8"))
    repo = tomllib.loads((REPO / "netlify.toml").read_text(encoding="utf-8"))
    assert site["headers"] == repo["headers"]
    assert {k: v for k, v in site["build"].items() if k != "command"} == {
        k: v for k, v in repo["build"].items() if k != "command"}
    # the repository installs itself; a site installs the generator from requirements.txt
    assert repo["build"]["command"] == "python -m pip install . && digest build"
    assert site["build"]["command"] == ("python -m pip install -r requirements.txt "
                                        "&& digest build")


def test_requirements_pin_this_version_and_say_to_point_it_at_the_generator(
        tmp_path: Path) -> None:
    scaffold.init(tmp_path)
    lines = (tmp_path / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == [
        f"news-digest=={__version__}"]
    assert any("not published on a package index" in line for line in lines)
    assert "@VERSION@" not in "\n".join(lines)


def test_gitignore_leaves_out_what_builds_make_and_keeps_the_ingest_record(
        tmp_path: Path) -> None:
    scaffold.init(tmp_path)
    lines = (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()
    rules = [line for line in lines if line and not line.startswith("#")]
    assert rules == ["output/", "content/.digest/.cache/", ".digest.lock",
                     "content/.digest/build.lock"]
    repo = (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {".digest.lock", "content/.digest/build.lock", "/output/*"} <= set(repo)


def test_init_prints_each_file_and_the_next_steps(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["init", "my news"]) == cli.EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out[:len(SITE)] == [f"created {os.path.join('my news', p)}"
                               for p in [f.path for f in scaffold.SITE_FILES]]
    assert out[-1].strip() == ("cd 'my news' && digest add FILE && digest build    "
                               "(or 'digest serve' to preview)")


def test_init_without_a_folder_writes_into_the_current_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["init"]) == cli.EXIT_OK
    assert sorted(files_below(tmp_path)) == SITE
    assert capsys.readouterr().out.splitlines()[-1].strip().startswith("digest add FILE")


def test_init_refuses_to_overwrite_and_then_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "site.yaml").write_text("title: Mine\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("my readme\n", encoding="utf-8")
    before = files_below(tmp_path)
    assert cli.main(["init", str(tmp_path)]) == cli.EXIT_USAGE
    assert files_below(tmp_path) == before
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "README.md", "content", "content/site.yaml"]
    assert capsys.readouterr().err == (
        f"digest: error: {tmp_path}: already has content/site.yaml, README.md; nothing was "
        "written: run 'digest init' in a new or empty folder, or move those files away\n")


def test_init_into_a_file_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "news").write_text("", encoding="utf-8")
    assert cli.main(["init", str(tmp_path / "news")]) == cli.EXIT_USAGE
    assert "not a folder" in capsys.readouterr().err


def test_every_site_template_is_used() -> None:
    used = {f.template for f in scaffold.SITE_FILES if f.template}
    assert used == {p.name for p in (REPO / "generator" / "site_template").iterdir()}
