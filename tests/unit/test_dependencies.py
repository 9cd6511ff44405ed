"""pyproject.toml declares what the package needs: every third-party module generator/
imports comes from a distribution named in [project].dependencies (not through another
package's requirements), and the wheel holds every package and data file of generator/."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path
from typing import Any

from tests.helpers import REPO

# Imported by a dependency, which asks for it in a way some installers miss: justext
# (trafilatura's) imports lxml.html.clean, now the lxml_html_clean project, through
# "lxml[html_clean]"; lxml spells that extra "html-clean", and pip before 23.3 (the one
# Python 3.11's venv ships) does not match the two, so it installs nothing.
NEEDED_INDIRECTLY = ("lxml_html_clean",)


def project() -> dict[str, Any]:
    """pyproject.toml, parsed."""
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def normalised(name: str) -> str:
    """A distribution name as installers compare them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared_dependencies() -> set[str]:
    """The distributions [project].dependencies names, normalised, without versions or extras."""
    names = (re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", spec)
             for spec in project()["project"]["dependencies"])
    return {normalised(name.group(1)) for name in names if name}


def imported_modules(root: Path) -> set[str]:
    """Top-level names of every absolute import in root/**.py, at any depth of the code
    (the commands import their heavy modules inside functions)."""
    found: set[str] = set()
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                found.update(alias.name.partition(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.partition(".")[0])
    return found


def third_party(modules: set[str]) -> set[str]:
    """The modules that are neither the standard library's nor the generator's own."""
    return {m for m in modules
            if m not in sys.stdlib_module_names and m not in ("generator", "__future__")}


def undeclared(modules: set[str], declared: set[str]) -> dict[str, list[str]]:
    """Module -> the distributions providing it, for each module none of whose distributions
    is declared (an empty list: no installed distribution provides it)."""
    providers = packages_distributions()
    missing: dict[str, list[str]] = {}
    for module in sorted(modules):
        dists = providers.get(module, [])
        if not declared & {normalised(d) for d in dists}:
            missing[module] = dists
    return missing


def test_every_third_party_module_the_generator_imports_is_a_declared_dependency() -> None:
    modules = third_party(imported_modules(REPO / "generator"))
    assert {"trafilatura", "numpy", "yaml", "jinja2", "watchfiles"} <= modules  # lazy ones too
    assert undeclared(modules | set(NEEDED_INDIRECTLY), declared_dependencies()) == {}, (
        "add the distribution to [project].dependencies in pyproject.toml")


def test_a_dependency_left_out_of_pyproject_is_reported() -> None:
    modules = third_party(imported_modules(REPO / "generator")) | set(NEEDED_INDIRECTLY)
    declared = declared_dependencies() - {"trafilatura", "lxml-html-clean"}
    assert undeclared(modules, declared) == {"lxml_html_clean": ["lxml_html_clean"],
                                             "trafilatura": ["trafilatura"]}


def test_the_wheel_lists_every_package_of_generator() -> None:
    setuptools = project()["tool"]["setuptools"]
    packages = {".".join(init.parent.relative_to(REPO).parts)
                for init in (REPO / "generator").rglob("__init__.py")}
    assert set(setuptools["packages"]) == packages | {"generator.default_theme"}, (
        "list every folder of generator/ with an __init__.py in [tool.setuptools].packages")
    assert setuptools["package-dir"] == {"generator.default_theme": "themes/default"}


def test_package_data_takes_every_file_of_the_theme_and_the_site_templates() -> None:
    data = project()["tool"]["setuptools"]["package-data"]
    for package, root in (("generator.default_theme", REPO / "themes" / "default"),
                          ("generator", REPO / "generator")):
        shipped = {p for glob in data[package] for p in root.glob(glob) if p.is_file()}
        folder = root / "site_template" if package == "generator" else root
        every = {p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
        assert every and every <= shipped, f"add globs for {sorted(every - shipped)}"
