"""Site settings: ``content/site.yaml`` loaded into a frozen SiteConfig; unknown keys rejected."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ConfigError, ContentError, Problem, SourcePos, UsageError

SITE_KEYS = ("title", "description", "base_url", "language", "author")


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


    def url(self, site_path: str) -> str:
        """Absolute URL of a site path such as ``stories/x/``."""
        return self.base_url + site_path.lstrip("/")


def suggest(key: str, known: tuple[str, ...]) -> str:
    """A ' (did you mean "x"?)' hint for a misspelt key, or ''."""
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def key_line(text: str, key: str, first_line: int = 1) -> int:
    """1-based line of ``key:`` at the start of a line in YAML text, or ``first_line``."""
    for number, line in enumerate(text.splitlines(), start=first_line):
        if line.startswith(f"{key}:"):
            return number
    return first_line


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
    """Read ``site.yaml`` from the content folder; every problem is reported at once."""
    if not content_dir.is_dir():
        raise UsageError(f"{content_dir}: content folder not found; pass --content DIR")
    if not (theme_dir / "templates").is_dir():
        raise UsageError(f"{theme_dir}: theme has no templates/ folder; pass --theme DIR")
    path = content_dir / "site.yaml"
    settings = _read_settings(path) if path.exists() else {}
    about = content_dir / "about.md"
    about_body = about.read_text(encoding="utf-8").strip() if about.is_file() else ""
    return SiteConfig(content_dir=content_dir, output_dir=output_dir, theme_dir=theme_dir,
                      about_body=about_body, **settings)


def _read_settings(path: Path) -> dict[str, str]:
    """Validate site.yaml: a mapping of known keys to strings; base_url ends with '/'."""
    text = path.read_text(encoding="utf-8")
    try:
        data: Any = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise ContentError([Problem(SourcePos(path, line), f"invalid YAML: {exc}")]) from None
    if not isinstance(data, dict):
        raise ContentError([Problem(SourcePos(path, 1),
                                    "site.yaml must be a mapping of key: value")])
    problems: list[Problem] = []
    settings: dict[str, str] = {}
    for key, value in data.items():
        pos = SourcePos(path, key_line(text, str(key)))
        if key not in SITE_KEYS:
            known = ", ".join(SITE_KEYS)
            problems.append(Problem(pos, f"unknown key {key!r}{suggest(str(key), SITE_KEYS)}; "
                                         f"known keys: {known}"))
        elif not isinstance(value, str) or not value.strip():
            problems.append(Problem(pos, f"{key} must be a non-empty text, e.g. {key}: \"...\""))
        else:
            settings[key] = value.strip()
    base_url = settings.get("base_url")
    if base_url is not None:
        if not base_url.startswith(("http://", "https://")):
            pos = SourcePos(path, key_line(text, "base_url"))
            problems.append(Problem(pos, "base_url must be absolute, e.g. https://example.org/"))
        settings["base_url"] = base_url.rstrip("/") + "/"
    if problems:
        raise ContentError(problems)
    return settings
