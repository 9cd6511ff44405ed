"""config.py: site.yaml -> SiteConfig; unknown keys rejected with a suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import config
from generator.errors import ContentError, UsageError


def write_site(tmp_path: Path, text: str) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").write_text(text, encoding="utf-8")
    return content


def test_defaults_without_site_yaml(tmp_path: Path, theme_dir: Path) -> None:
    (tmp_path / "content").mkdir()
    cfg = config.load(tmp_path / "content", tmp_path / "out", theme_dir)
    assert cfg.title == "News Digest" and cfg.language == "en"
    assert cfg.base_url.endswith("/")


def test_values_are_read_and_base_url_gets_a_slash(tmp_path: Path, theme_dir: Path) -> None:
    content = write_site(tmp_path, "title: T\nbase_url: https://x.org/news\nlanguage: fr\n")
    cfg = config.load(content, tmp_path / "out", theme_dir)
    assert (cfg.title, cfg.base_url, cfg.language) == ("T", "https://x.org/news/", "fr")
    assert cfg.url("/stories/a/") == "https://x.org/news/stories/a/"


def test_unknown_key_is_an_error_with_suggestion(tmp_path: Path, theme_dir: Path) -> None:
    content = write_site(tmp_path, "title: T\nbase_ulr: https://x.org/\n")
    with pytest.raises(ContentError) as info:
        config.load(content, tmp_path / "out", theme_dir)
    message = str(info.value.problems[0])
    assert message.startswith(f"{content / 'site.yaml'}:2: unknown key 'base_ulr' "
                              '(did you mean "base_url"?)')


def test_relative_base_url_and_empty_value(tmp_path: Path, theme_dir: Path) -> None:
    content = write_site(tmp_path, "title: ''\nbase_url: /news/\n")
    with pytest.raises(ContentError) as info:
        config.load(content, tmp_path / "out", theme_dir)
    lines = [str(p) for p in info.value.problems]
    assert lines[0].startswith(f"{content / 'site.yaml'}:1: title must be a non-empty text")
    assert lines[1] == (f"{content / 'site.yaml'}:2: base_url must be absolute, "
                        "e.g. https://example.org/")


def test_invalid_yaml_names_the_line(tmp_path: Path, theme_dir: Path) -> None:
    content = write_site(tmp_path, "title: T\ndescription: [unclosed\n")
    with pytest.raises(ContentError) as info:
        config.load(content, tmp_path / "out", theme_dir)
    assert str(info.value.problems[0]).startswith(f"{content / 'site.yaml'}:3: invalid YAML")


def test_missing_content_or_theme_is_a_usage_error(tmp_path: Path, theme_dir: Path) -> None:
    with pytest.raises(UsageError, match="content folder not found"):
        config.load(tmp_path / "nope", tmp_path / "out", theme_dir)
    (tmp_path / "content").mkdir()
    with pytest.raises(UsageError, match="theme has no templates"):
        config.load(tmp_path / "content", tmp_path / "out", tmp_path)
