"""config.py: site.yaml and about.md -> SiteConfig; every problem one line on its line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator import config
from generator.errors import ContentError, UsageError


def write_site(tmp_path: Path, text: str) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").write_text(text, encoding="utf-8")
    return content


def problems_of(content: Path, theme_dir: Path) -> list[str]:
    """The lines config.load reports for the content folder (it must fail)."""
    with pytest.raises(ContentError) as info:
        config.load(content, content.parent / "out", theme_dir)
    return [str(p) for p in info.value.problems]


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
    assert problems_of(content, theme_dir)[0].startswith(
        f"{content / 'site.yaml'}:2: unknown key 'base_ulr' (did you mean \"base_url\"?)")


def test_relative_base_url_and_empty_value(tmp_path: Path, theme_dir: Path) -> None:
    content = write_site(tmp_path, "title: ''\nbase_url: /news/\nauthor:\n")
    site = content / "site.yaml"
    assert problems_of(content, theme_dir) == [
        f"{site}:1: title: is empty; write title: \"...\", or remove the line for the default",
        f"{site}:2: base_url: '/news/' is not an http(s) address with a host; write one such "
        "as 'https://example.org/'",
        f"{site}:3: author: is empty; write author: \"...\", or remove the line for the default"]


@pytest.mark.parametrize("url", ["https://", "https:///news/", "ftp://x.org/", "x.org",
                                 "https://x.org/?page=1", "https://x.org/#top",
                                 "https://x org/", "https://x.org:port/", "http://[::1/"])
def test_base_url_must_be_http_with_a_host(url: str, tmp_path: Path, theme_dir: Path) -> None:
    content = write_site(tmp_path, f"base_url: '{url}'\n")
    assert problems_of(content, theme_dir) == [
        f"{content / 'site.yaml'}:1: base_url: {url!r} is not an http(s) address with a host; "
        "write one such as 'https://example.org/'"]


@pytest.mark.parametrize("url", ["http://localhost:8000", "https://x.org/news/",
                                 "https://NAME.netlify.app"])
def test_http_addresses_with_a_host_are_taken(url: str, tmp_path: Path,
                                              theme_dir: Path) -> None:
    content = write_site(tmp_path, f"base_url: {url}\n")
    assert config.load(content, tmp_path / "out", theme_dir).base_url == url.rstrip("/") + "/"


@pytest.mark.parametrize("tag", ["en", "fr", "en-GB", "pt-BR", "zh-Hant", "es-419",
                                 "sr-Latn-RS"])
def test_language_tags_are_taken(tag: str, tmp_path: Path, theme_dir: Path) -> None:
    content = write_site(tmp_path, f"language: {tag}\n")
    assert config.load(content, tmp_path / "out", theme_dir).language == tag


@pytest.mark.parametrize("value", ["../../../../../../elsewhere/p", "en/../x", "en_GB", "e",
                                   "english", "en-", "en-GB.", "en GB", "-en"])
def test_language_must_be_a_language_tag(value: str, tmp_path: Path, theme_dir: Path) -> None:
    """The language names Pagefind's files: '../' in it wrote them outside --output (#22 row 5)."""
    content = write_site(tmp_path, f"title: T\nlanguage: '{value}'\n")
    assert problems_of(content, theme_dir) == [
        f"{content / 'site.yaml'}:2: language: {value!r} is not a language tag; write one such "
        "as 'en' or 'en-GB'"]


@pytest.mark.parametrize("value", ["2021-02-30", "2021-02-28", "9" * 5000, "12.5", "yes",
                                   "[a, b]", "{a: 1}", "!!binary aGk=", "\n  - a\n  - b"])
def test_every_value_must_be_text(value: str, tmp_path: Path, theme_dir: Path) -> None:
    """An impossible date or a 5,000-digit number was a ValueError traceback (#22 row 12)."""
    content = write_site(tmp_path, f"author: A\ndescription: {value}\n")
    assert problems_of(content, theme_dir) == [
        f"{content / 'site.yaml'}:2: description: must be text; quote it"]


def test_quoted_date_and_number_are_text(tmp_path: Path, theme_dir: Path) -> None:
    content = write_site(tmp_path, "title: '2021-02-30'\nauthor: \"12345\"\n")
    cfg = config.load(content, tmp_path / "out", theme_dir)
    assert (cfg.title, cfg.author) == ("2021-02-30", "12345")


def test_a_key_given_twice_is_an_error(tmp_path: Path, theme_dir: Path) -> None:
    content = write_site(tmp_path, "title: A\nauthor: B\ntitle: C\n")
    assert problems_of(content, theme_dir) == [
        f"{content / 'site.yaml'}:3: title: given twice (first on line 1); keep one of them"]


@pytest.mark.parametrize(("escaped", "code", "kind"), [
    ("\\e", "001B", "a control character"), ("\\0", "0000", "a control character"),
    ("\\x9b", "009B", "a control character"), ("\\x7f", "007F", "a control character"),
    ("\\f", "000C", "a control character"), ("\\uffff", "FFFF", "not a character")])
def test_control_characters_in_values_are_refused(escaped: str, code: str, kind: str,
                                                  tmp_path: Path, theme_dir: Path) -> None:
    """lxml refuses them in the feeds: an ESC in the title was a traceback (#22 row 1)."""
    content = write_site(tmp_path, f"title: T\ndescription: \"News{escaped} today\"\n")
    assert problems_of(content, theme_dir) == [
        f"{content / 'site.yaml'}:2: description: character U+{code} ({kind}) is not allowed; "
        "delete the '\\' escape that writes it"]


def test_tabs_and_line_breaks_in_values_are_text(tmp_path: Path, theme_dir: Path) -> None:
    content = write_site(tmp_path, "description: \"One\\ttwo\\nthree\"\n")
    assert config.load(content, tmp_path / "out", theme_dir).description == "One\ttwo\nthree"


def test_an_alias_bomb_is_refused_at_once_without_its_value(tmp_path: Path,
                                                             theme_dir: Path) -> None:
    """Nine levels of nine aliases: 387 million strings if built, or written into a message."""
    levels = ['&a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    levels += [f"&{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
    content = write_site(tmp_path, "title: T\nauthor: [" + ", ".join(levels) + "]\n")
    started = time.perf_counter()
    lines = problems_of(content, theme_dir)
    assert time.perf_counter() - started < 1.0
    assert lines == [f"{content / 'site.yaml'}:2: author: must be text; quote it"]


def test_a_long_unknown_key_is_cut_in_the_message(tmp_path: Path, theme_dir: Path) -> None:
    content = write_site(tmp_path, "? " + "x" * 5000 + "\n: 1\n")
    (line,) = problems_of(content, theme_dir)
    assert line.startswith(f"{content / 'site.yaml'}:1: unknown key '{'x' * 60}...'; known keys")


@pytest.mark.parametrize(("text", "line"), [
    ("title: T\ndescription: [unclosed\n", "2: invalid YAML in site.yaml: did not find expected "
     "',' or ']' (line 3) while parsing a flow sequence; close the '[' opened on this line with "
     "']'"),
    ('title: "Digest\nauthor: A\nlanguage: en\n', "1: invalid YAML in site.yaml: found "
     "unexpected end of stream (line 4) while scanning a quoted scalar; close the quote opened "
     "on this line"),
    ("title: T\nauthor: A\x1bB\n", "2: invalid YAML in site.yaml: character U+001B is not "
     "allowed (control characters are not allowed); delete it"),
    ("\n- title\n", "2: site.yaml must be 'key: value' lines, e.g. title: \"My digest\""),
])
def test_invalid_yaml_is_one_line_where_the_mistake_is(text: str, line: str, tmp_path: Path,
                                                       theme_dir: Path) -> None:
    """A syntax error was a message of several lines, on the line where the parser gave up."""
    content = write_site(tmp_path, text)
    assert problems_of(content, theme_dir) == [f"{content / 'site.yaml'}:{line}"]


def test_deep_nesting_is_one_line(tmp_path: Path, theme_dir: Path) -> None:
    content = write_site(tmp_path, "title: " + "[" * 20_000 + "\n")
    (line,) = problems_of(content, theme_dir)
    assert line.startswith(f"{content / 'site.yaml'}:1: invalid YAML in site.yaml: ")


def test_windows_1252_settings_are_read_with_a_warning(tmp_path: Path, theme_dir: Path) -> None:
    """Not UTF-8 was a UnicodeDecodeError traceback (#22 row 12)."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").write_bytes("title: Café\n".encode("cp1252"))
    (content / "about.md").write_bytes("About\n\n“Us”\n".encode("cp1252"))
    cfg = config.load(content, tmp_path / "out", theme_dir)
    assert (cfg.title, cfg.about_body) == ("Café", "About\n\n“Us”")
    why = ("warning: not UTF-8: read as Windows-1252; check accented letters and quotes, then "
           "save the file as UTF-8")
    assert [str(w) for w in cfg.warnings] == [f"{content / 'site.yaml'}:1: {why}",
                                              f"{content / 'about.md'}:3: {why}"]
    assert "warnings" not in repr(cfg)  # the cache's site key is made from the repr


def test_settings_files_that_are_no_text_are_errors(tmp_path: Path, theme_dir: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").write_bytes("title: T\n".encode("utf-16"))
    (content / "about.md").write_bytes(b"About\n\n\x81\x00\n")
    assert problems_of(content, theme_dir) == [
        f"{content / 'site.yaml'}:1: not UTF-8 text; save the file as UTF-8",
        f"{content / 'about.md'}:3: not UTF-8 text; save the file as UTF-8"]


def test_control_character_in_about_is_an_error_on_its_line(tmp_path: Path,
                                                            theme_dir: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "about.md").write_text("# About\n\nWe \x1b[31mread\x1b[0m the news.\n")
    assert problems_of(content, theme_dir) == [
        f"{content / 'about.md'}:3: character U+001B (a control character) is not allowed; "
        "delete it (the file has 2 such characters)"]


@pytest.mark.parametrize("name", ["about.md", "site.yaml"])
def test_a_settings_file_linked_from_outside_is_refused(name: str, tmp_path: Path,
                                                        theme_dir: Path) -> None:
    """A symlink to the password file was published at /about/ (#22 row 6)."""
    content = tmp_path / "content"
    content.mkdir()
    secret = tmp_path / "secret"
    secret.write_text("title: secret\n")
    (content / name).symlink_to(secret)
    assert problems_of(content, theme_dir) == [
        f"{content / name}: refused: a symlink to {secret}, outside the content folder "
        f"{content}; copy the file in instead"]


def test_an_about_folder_is_an_error_not_a_traceback(tmp_path: Path, theme_dir: Path) -> None:
    content = tmp_path / "content"
    (content / "about.md").mkdir(parents=True)
    assert problems_of(content, theme_dir) == [
        f"{content / 'about.md'}: cannot read the file (Is a directory); make about.md a "
        "readable text file"]


def test_missing_content_or_theme_is_a_usage_error(tmp_path: Path, theme_dir: Path) -> None:
    with pytest.raises(UsageError, match="content folder not found"):
        config.load(tmp_path / "nope", tmp_path / "out", theme_dir)
    (tmp_path / "content").mkdir()
    with pytest.raises(UsageError, match="theme has no templates"):
        config.load(tmp_path / "content", tmp_path / "out", tmp_path)
