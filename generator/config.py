"""Site settings: ``content/site.yaml`` and ``content/about.md`` loaded into a frozen SiteConfig.

Both files are read as every content file is (``files.read_checked``: no symlink leaving the
content folder, the size limit, UTF-8 or an unambiguous Windows-1252). site.yaml is composed,
not constructed: each value is checked as YAML wrote it, so an unquoted date, a 5,000-digit
number or an alias bomb is an error on its line (never a traceback, never a long wait).
Every value is text without control characters; ``language`` names Pagefind's files, so it
must be a language tag; ``base_url`` must be an http(s) address with a host.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from generator.errors import ConfigError, ContentError, Problem, SourcePos, UsageError
from generator.util import files
from generator.util.frontmatter import shown, yaml_error

try:  # libyaml when available: it also stops at a nesting depth instead of recursing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

SITE_KEYS = ("title", "description", "base_url", "language", "author")
FIX_ESCAPE = "; delete the '\\' escape that writes it"
_TEXT_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"
# BCP 47 simplified: a 2-3 letter language, then subtags of 2-8 letters or digits (en-GB,
# pt-BR, zh-Hant, es-419); nothing that could be a path (it names the search index's files)
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Everything a build needs to know, fixed before it starts."""

    content_dir: Path
    output_dir: Path
    theme_dir: Path
    title: str = "News Digest"
    description: str = "A curated digest of news stories, each told by several outlets."
    base_url: str = "http://localhost:8000/"
    language: str = "en"
    author: str = "News Digest editors"
    about_body: str = ""  # Markdown of content/about.md, shown at /about/
    # warnings from reading site.yaml and about.md (Windows-1252); not part of the settings
    # (repr=False keeps them out of the cache's site key, which is made from the repr)
    warnings: tuple[Problem, ...] = field(default=(), repr=False, compare=False)

    def url(self, site_path: str) -> str:
        """Absolute URL of a site path such as ``stories/x/``."""
        return self.base_url + site_path.lstrip("/")


def suggest(key: str, known: tuple[str, ...]) -> str:
    """A ' (did you mean "x"?)' hint for a misspelt key, or ''."""
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def theme_folder(given: Path | None) -> Path:
    """The theme a command uses: ``--theme`` when given, else ``themes/default/`` in the current
    folder when it has templates, else the theme installed with the generator."""
    if given is not None:
        return given
    local = Path("themes/default")
    return local if (local / "templates").is_dir() else packaged_theme()


def packaged_theme() -> Path:
    """The default theme shipped with the generator.

    A wheel holds it as ``generator/default_theme/`` (pyproject maps that package to
    themes/default/). An editable install or a source checkout has it where it lives, in
    ``themes/default/`` beside the package: setuptools' editable finder does not resolve a
    mapped package that has no ``__init__.py``. Both are plain folders, as Jinja2's loader
    and the cache's hash of the theme's files need."""
    package = Path(__file__).resolve().parent
    for folder in (package / "default_theme", package.parent / "themes" / "default"):
        if (folder / "templates").is_dir():
            return folder
    raise ConfigError(f"{package / 'default_theme'}: the generator's own theme is missing; "
                      "reinstall news-digest, or pass --theme DIR")


def load(content_dir: Path, output_dir: Path, theme_dir: Path) -> SiteConfig:
    """Read ``site.yaml`` and ``about.md`` from the content folder; raises ContentError with
    every problem of both files at once."""
    if not content_dir.is_dir():
        raise UsageError(f"{content_dir}: content folder not found; pass --content DIR")
    if not (theme_dir / "templates").is_dir():
        raise UsageError(f"{theme_dir}: theme has no templates/ folder; pass --theme DIR")
    site_path, about_path = content_dir / "site.yaml", content_dir / "about.md"
    site_text, problems = _read(site_path, content_dir)
    settings: dict[str, str] = {}
    if site_text is not None:
        settings, site_problems = read_settings(site_path, site_text)
        problems += site_problems
    about_text, about_problems = _read(about_path, content_dir)
    problems += about_problems + _not_text(about_path, about_text or "")
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return SiteConfig(content_dir=content_dir, output_dir=output_dir, theme_dir=theme_dir,
                      about_body=(about_text or "").strip(), warnings=tuple(problems),
                      **settings)


def _read(path: Path, content_dir: Path) -> tuple[str | None, list[Problem]]:
    """The text of an optional settings file (None when there is none) and its problems."""
    if not path.is_symlink() and not path.exists():
        return None, []
    try:
        return files.read_checked(path, content_dir)
    except ContentError as exc:
        return None, list(exc.problems)
    except OSError as exc:  # a folder, or a file we may not read
        return None, [Problem(SourcePos(path), f"cannot read the file ({exc.strerror}); make "
                                               f"{path.name} a readable text file")]


def _not_text(path: Path, text: str) -> list[Problem]:
    """An error on the line of the first character of ``text`` no page may carry (an ESC...):
    an editor's file is refused, never cleaned."""
    found = files.not_text(text)
    if found is None:
        return []
    index, message = found
    count = len(files.NOT_TEXT.findall(text))
    more = f" (the file has {count} such characters)" if count > 1 else ""
    return [Problem(SourcePos(path, text.count("\n", 0, index) + 1), message + more)]


def read_settings(path: Path, text: str) -> tuple[dict[str, str], list[Problem]]:
    """The settings of site.yaml ``text`` (known keys, each once, to checked text) and the
    problems found, each on its key's line."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        return {}, [yaml_error(exc, path, text, 1, "site.yaml")]
    except RecursionError:  # the pure-Python parser recurses into nested '['
        return {}, [Problem(SourcePos(path, 1), "invalid YAML in site.yaml: nested too deeply; "
                                                "write each setting as key: \"text\"")]
    if root is None:
        return {}, []
    if not isinstance(root, yaml.MappingNode):
        return {}, [Problem(SourcePos(path, root.start_mark.line + 1),
                            "site.yaml must be 'key: value' lines, e.g. title: \"My digest\"")]
    settings: dict[str, str] = {}
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + 1
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "[...]"
        if key not in SITE_KEYS:
            message = (f"unknown key {shown(key)}{suggest(key, SITE_KEYS)}; known keys: "
                       f"{', '.join(SITE_KEYS)}")
        elif key in first_line:
            message = f"{key}: given twice (first on line {first_line[key]}); keep one of them"
        else:
            first_line[key] = line
            value, message = _setting(key, value_node)
            if value is not None:
                settings[key] = value
        if message:
            problems.append(Problem(SourcePos(path, line), message))
    return settings, problems


def _setting(key: str, node: yaml.Node) -> tuple[str | None, str]:
    """The value of one setting, or None and the message saying what to write instead."""
    if isinstance(node, yaml.ScalarNode) and (node.tag == _NULL_TAG or (
            node.tag == _TEXT_TAG and not node.value.strip())):
        return None, f"{key}: is empty; write {key}: \"...\", or remove the line for the default"
    if not isinstance(node, yaml.ScalarNode) or node.tag != _TEXT_TAG:
        return None, f"{key}: must be text; quote it"  # a date, number, yes/no, list...
    value = node.value.strip()
    bad = files.not_text(value)  # written as an escape: the raw character is a YAML error
    if bad is not None:
        return None, f"{key}: {bad[1].replace('; delete it', FIX_ESCAPE)}"
    if key == "language" and not LANGUAGE_TAG.fullmatch(value):
        return None, (f"language: {shown(value)} is not a language tag; write one such as "
                      "'en' or 'en-GB'")
    if key == "base_url":
        if not is_site_address(value):
            return None, (f"base_url: {shown(value)} is not an http(s) address with a host; "
                          "write one such as 'https://example.org/'")
        value = value.rstrip("/") + "/"
    return value, ""


def is_site_address(url: str) -> bool:
    """Whether ``url`` can be the start of every page's address: http(s), a host, a valid
    port, no spaces, no query or fragment (page paths are appended to it)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:  # that, or a '[' host that is no IPv6 address
        return False
    return (parts.scheme in ("http", "https") and bool(parts.hostname)
            and not any(c.isspace() for c in url) and not parts.query and not parts.fragment
            and "?" not in url and "#" not in url)
