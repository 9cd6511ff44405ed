"""The package's folders are the pipeline's stages, each depending only on those before it
(Zola's crate chain): an import, at any depth of a module (the heavy ones are made inside
functions), that runs from a stage back up to a later one fails here, naming both modules.

The order, lowest first, is the one README's Code section draws. One import runs up, on
purpose (``KNOWN_UP``): the page renderer asks the cache where compiled templates are kept;
any other import running up fails, and so does the list when that one is gone."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import REPO

PACKAGE = REPO / "generator"
# lowest first; a module's stage is its first name under generator (a package or a module)
LAYERS: tuple[tuple[str, frozenset[str]], ...] = tuple((name, frozenset(members)) for name, members in (
    ("base", "__init__ util errors model config slugs headings sentences taxonomy story_view "
             "editions tfidf sparse codec outlets".split()),
    ("ingest", ["ingest"]),
    ("content", ["content", "edition_content"]),
    ("cluster", ["cluster", "recluster"]),
    ("compare", ["compare"]),
    ("render", ["render"]),
    ("search", ["search"]),
    ("write", ["write"]),
    ("cache", ["cache"]),
    ("build", ["build", "intake"]),
    ("serve", ["serve", "edition_cli"]),
    ("cli", ["cli", "editor", "scaffold", "__main__"]),
))
KNOWN_UP = frozenset({  # (importer, imported): where Jinja2 keeps compiled templates, a folder
    ("generator.render.pages", "generator.cache.store"),  # named by the code's version
})


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    """Every module of the package (default_theme and site_template hold no Python)."""
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules ``name`` imports anywhere in its source (``from a import b``
    counts ``a.b`` when that is a module, else ``a``)."""
    found: set[str] = set()
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                base = ".".join(anchor[: len(anchor) - node.level + 1] + ([base] if base else []))
            subs = {f"{base}.{alias.name}" for alias in node.names} & known
            found.update(subs or {base})
    return {m for m in found if m in known and m != name}


def layer(module: str) -> int:
    parts = module.split(".")
    stage = parts[1] if len(parts) > 1 else "__init__"
    for index, (_, members) in enumerate(LAYERS):
        if stage in members:
            return index
    raise AssertionError(f"{module}: in no layer of LAYERS: add its stage to the list")


def test_every_module_has_a_layer() -> None:
    for module in modules():
        layer(module)


def test_no_import_runs_back_up() -> None:
    found = modules()
    known = set(found)
    running_up = {(module, target) for module, path in found.items()
                  for target in imported(module, path, known) if layer(target) > layer(module)}
    assert running_up - KNOWN_UP == set(), "\n".join(
        f"{m} ({LAYERS[layer(m)][0]}) imports {t} ({LAYERS[layer(t)][0]})"
        for m, t in sorted(running_up - KNOWN_UP))
    assert running_up >= KNOWN_UP, f"no longer running up, drop from KNOWN_UP: {KNOWN_UP - running_up}"


def test_the_rule_sees_a_lazy_import(tmp_path: Path) -> None:
    """A function-level import counts: the heavy ones are made there."""
    source = tmp_path / "pages.py"
    source.write_text("def f():\n    from generator.cache import store\n", encoding="utf-8")
    assert imported("generator.render.pages", source,
                    {"generator.cache", "generator.cache.store"}) == {"generator.cache.store"}
    assert layer("generator.cache.store") > layer("generator.render.pages")
