"""Each stage package's ``__init__`` names its public face and loads nothing heavy: importing
the package imports none of its modules, and each public name is the module's own. The
package's own code imports the modules, never the face: a name of the face is imported on
first use, which the code versions of the build cache (``cache.reach``) could not see."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys

import pytest

from tests.helpers import REPO

PACKAGES = ("ingest", "cluster", "compare", "render", "write", "cache", "serve")
HEAVY = ("trafilatura", "scipy", "sklearn", "jinja2", "markdown_it", "feedgen", "numpy")


@pytest.mark.parametrize("package", PACKAGES)
def test_importing_a_stage_package_loads_none_of_its_modules(package: str) -> None:
    script = (f"import sys, generator.{package}\n"
              f"print(sorted(m for m in sys.modules if m.startswith('generator.{package}.')"
              f" or m.split('.')[0] in {HEAVY!r}))")
    loaded = subprocess.run([sys.executable, "-c", script], cwd=REPO, check=True,
                            capture_output=True, text=True).stdout.strip()
    assert loaded == "[]"


@pytest.mark.parametrize("package", PACKAGES)
def test_each_public_name_is_its_modules_own(package: str) -> None:
    face = importlib.import_module(f"generator.{package}")
    assert face.__all__
    for name in face.__all__:
        value = getattr(face, name)
        assert value.__module__.startswith(f"generator.{package}.") or (
            value.__module__ == "generator.errors"), name
    assert not hasattr(face, "nothing_of_the_sort")


def test_the_package_code_imports_modules_not_faces() -> None:
    faces = {f"generator.{p}": set(importlib.import_module(f"generator.{p}").__all__)
             for p in PACKAGES}
    through_face = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            names = [alias.name for alias in node.names]
            used = ([n for n in names if n in faces[node.module]] if node.module in faces else
                    [n for n in names if n in PACKAGES] if node.module == "generator" else [])
            through_face += [f"{path.relative_to(REPO)}:{node.lineno}: {n}" for n in used]
    assert through_face == []
