"""Which theme build, check and serve use: --theme when given, else themes/default/ in the
current folder, else the theme installed with the generator (an editor's own content repo
has no themes/ folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import cli, config
from generator.errors import ConfigError
from generator.serve import server as serve
from tests.helpers import REPO


def make_theme(folder: Path) -> Path:
    """A folder that passes for a theme: it has templates/."""
    (folder / "templates").mkdir(parents=True)
    return folder


def test_the_packaged_theme_is_the_repository_s_default_theme() -> None:
    assert config.packaged_theme().resolve() == (REPO / "themes" / "default").resolve()


def test_without_themes_default_here_the_packaged_theme_is_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    make_theme(tmp_path / "themes" / "other")  # only themes/default counts
    (tmp_path / "themes" / "default").mkdir()  # and only with templates/ in it
    assert config.theme_folder(None) == config.packaged_theme()


def test_themes_default_in_the_current_folder_comes_before_the_packaged_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_theme(tmp_path / "themes" / "default")
    monkeypatch.chdir(tmp_path)
    assert config.theme_folder(None) == Path("themes/default")


def test_an_explicit_theme_wins_even_when_it_is_not_a_theme(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_theme(tmp_path / "themes" / "default")
    monkeypatch.chdir(tmp_path)
    assert config.theme_folder(Path("mine")) == Path("mine")


def test_a_wheel_has_the_theme_inside_the_package(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    installed = tmp_path / "site-packages" / "generator"
    theme = make_theme(installed / "default_theme")
    monkeypatch.setattr(config, "__file__", str(installed / "config.py"))
    assert config.packaged_theme() == theme


def test_a_generator_without_its_theme_says_to_reinstall(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config, "__file__", str(tmp_path / "generator" / "config.py"))
    with pytest.raises(ConfigError, match="theme is missing; reinstall news-digest, or pass "
                                          "--theme DIR"):
        config.packaged_theme()


def test_check_outside_the_repository_runs_with_the_packaged_theme(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check", "--quiet"]) == cli.EXIT_OK
    assert "check: 0 error(s)" in capsys.readouterr().out


def test_serve_watches_the_theme_it_resolved(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Path] = []
    monkeypatch.setattr(serve, "run", lambda content, output, theme, port, quiet:
                        seen.append(theme) or 0)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["serve", "--quiet"]) == cli.EXIT_OK
    assert cli.main(["serve", "--quiet", "--theme", "mine"]) == cli.EXIT_OK
    assert seen == [config.packaged_theme(), Path("mine")]
