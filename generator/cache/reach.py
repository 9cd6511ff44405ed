"""Which of the package's source files a piece of work can run: the import closure of its
entry modules, found by reading their import lines (function-level imports included, since
most of the heavy ones are made lazily there), and the versions of the package and of each
library it declares: what the code versions of the build cache hash (``cache.source_version``).

The build cache keys what it keeps by the code that made it (``cache.code_version``,
``memo.version``). A hand-kept list of file names misses the modules a change adds or a lazy
import reaches, and a warm build then serves what the old code made; the closure cannot miss
one. It is over-inclusive where a name after ``import`` is not a module or sits in a string:
that only costs a cache miss. Reading the lines takes about a millisecond a module, a tenth of
what ``ast`` takes, and is done once a process.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

DISTRIBUTION = "news-digest"  # whose declared dependencies' versions are in every code version
_REQUIREMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # a requirement's distribution name
PACKAGE = Path(__file__).resolve().parents[1]  # generator/, above cache/
ROOT = PACKAGE.name  # "generator"
_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(?P<base>\.*[\w.]*)[ \t]+import[ \t]+(?P<names>\([^)]*\)|[^\n]*)"
    r"|import[ \t]+(?P<modules>[^\n]*))", re.MULTILINE)
_COMMENT = re.compile(r"#[^\n]*")
# a top-level ``if TYPE_CHECKING:`` block: its imports never run (a package's face names
# what it exports there, and imports each on first use, which the package's code never does)
_TYPING_ONLY = re.compile(r"^if TYPE_CHECKING:[^\n]*\n(?:(?:[ \t]+[^\n]*)?\n)*", re.MULTILINE)


def module_file(module: str) -> Path | None:
    """The source file of one of the package's modules (``generator.x.y``), or None."""
    parts = module.split(".")
    if parts[0] != ROOT:
        return None
    base = PACKAGE.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _absolute(base: str, module: str, is_package: bool) -> str:
    """``base`` of a ``from base import`` line in ``module``, made absolute."""
    level = len(base) - len(base.lstrip("."))
    if not level:
        return base
    parent = module.split(".") if is_package else module.split(".")[:-1]
    anchor = parent[: len(parent) - (level - 1)]
    rest = base.lstrip(".")
    return ".".join(anchor + ([rest] if rest else []))


def _names(listed: str) -> list[str]:
    """The names of ``a, b as c, (d,\\n e)``."""
    text = _COMMENT.sub("", listed).strip("() \t\n\\")
    return [item.split()[0] for item in text.replace("\n", " ").split(",") if item.split()]


@functools.cache  # shared by every closure a build asks for
def imports_of(module: str, path: Path) -> frozenset[str]:
    """The package's modules that ``module`` (source at ``path``) imports anywhere in it,
    with the packages they sit in (importing ``a.b.c`` runs ``a/__init__`` and ``a/b/...``)."""
    found: set[str] = set()
    is_package = path.name == "__init__.py"
    for match in _IMPORT.finditer(_TYPING_ONLY.sub("", path.read_text(encoding="utf-8"))):
        if match["modules"] is not None:
            candidates = _names(match["modules"])
        else:
            base = _absolute(match["base"], module, is_package)
            candidates = [base] + [f"{base}.{name}" for name in _names(match["names"])]
        for candidate in candidates:
            parts = candidate.split(".")
            found.update(".".join(parts[:n]) for n in range(1, len(parts) + 1))
    return frozenset(name for name in found if module_file(name) is not None)


@functools.cache  # a running process's code is fixed: found once
def reached(entries: tuple[str, ...]) -> tuple[Path, ...]:
    """The source files of ``entries`` and of every module of the package they import,
    directly or not, sorted; with the packages each sits in (importing ``a.b.c`` runs
    ``a/b/__init__``)."""
    seen: dict[str, Path] = {}
    todo = [ROOT] + [".".join(entry.split(".")[:n]) for entry in entries
                     for n in range(2, entry.count(".") + 2)]
    while todo:
        module = todo.pop()
        path = module_file(module)
        if module in seen or path is None:
            continue
        seen[module] = path
        todo.extend(imports_of(module, path) - seen.keys())
    return tuple(sorted(seen.values()))


@functools.cache
def library_versions() -> tuple[str, ...]:
    """``name=version`` of this package and of each dependency it declares (``?`` when not
    installed, as when run from a source tree): an upgrade of either changes the output."""
    from importlib import metadata  # 20 ms to import: only when a code version is asked for

    try:
        declared = metadata.requires(DISTRIBUTION) or []
        own = metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        declared, own = [], "?"
    names = sorted({_name(r) for r in declared if "extra ==" not in r})
    versions = [f"{DISTRIBUTION}={own}"]
    for name in names:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=?")
    return tuple(versions)


def _name(requirement: str) -> str:
    """The distribution a requirement (``jinja2>=3.1``) names."""
    match = _REQUIREMENT.match(requirement)
    return match[0] if match else requirement


__all__ = ["PACKAGE", "imports_of", "library_versions", "module_file", "reached"]
