"""``digest init``: a new digest site, written from the templates in ``site_template/``.

A new site is a content folder (settings, an empty inbox, articles and stories), the Netlify
deploy (``netlify.toml`` with the repository's own headers, ``requirements.txt``), a
``.gitignore`` and a README. ``init`` never overwrites: when any of those files is there
already, it writes none of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from generator import __version__
from generator.errors import UsageError

VERSION_MARK = "@VERSION@"  # replaced by the generator's version in every template


@dataclass(frozen=True, slots=True)
class SiteFile:
    """One file of a new site: where it goes and the template it is written from."""

    path: str  # relative to the new site's folder
    template: str | None  # a file name in site_template/, or None for an empty file


SITE_FILES = (
    SiteFile("content/site.yaml", "site.yaml"),
    SiteFile("content/inbox/.gitkeep", None),
    SiteFile("content/articles/.gitkeep", None),
    SiteFile("content/stories/.gitkeep", None),
    SiteFile("netlify.toml", "netlify.toml"),
    SiteFile("requirements.txt", "requirements.txt"),
    SiteFile(".gitignore", "gitignore"),  # a dot file would not match package-data's globs
    SiteFile("README.md", "README.md"),
)


def template_text(name: str) -> str:
    """A template of ``site_template/`` with the generator's version filled in."""
    text = resources.files("generator").joinpath("site_template", name).read_text("utf-8")
    return text.replace(VERSION_MARK, __version__)


def init(folder: Path) -> list[Path]:
    """Write a new site into ``folder`` (made if missing); returns the files written.

    Raises UsageError, having written nothing, when any of them exists already."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: not a folder; pass the folder to make the site in")
    targets = [(folder / item.path, item.template) for item in SITE_FILES]
    taken = [path for path, _ in targets if path.exists() or path.is_symlink()]
    if taken:
        names = ", ".join(str(path.relative_to(folder)) for path in taken)
        raise UsageError(f"{folder}: already has {names}; nothing was written: run "
                         "'digest init' in a new or empty folder, or move those files away")
    texts = [(path, template_text(template) if template else "") for path, template in targets]
    written: list[Path] = []
    try:
        for path, text in texts:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            written.append(path)
    except FileExistsError as exc:  # made by someone else since the check: leave it, undo ours
        for path in written:
            path.unlink()
        raise UsageError(f"{exc.filename}: appeared while 'digest init' ran; no file was "
                         "written: run it again") from None
    return written
