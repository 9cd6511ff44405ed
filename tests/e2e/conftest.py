"""Fixtures for the editor-workflow scenarios: a temp copy of a small hand-written site."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from generator import search

REPO = Path(__file__).resolve().parents[2]
WORKFLOW = REPO / "tests" / "fixtures" / "workflow"
THEME = REPO / "themes" / "default"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tests/fixtures/workflow copied to a temp folder; a fixed clock; no search index
    (Pagefind takes a second a build and is covered by test_build.py)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(search, "index", lambda pages, language: {})
    root = tmp_path / "site"
    shutil.copytree(WORKFLOW / "content", root / "content")
    (root / "content" / "inbox").mkdir()
    return root


@pytest.fixture
def site_with_inbox(site: Path) -> Path:
    """The site plus one raw report in its inbox, for the tests about ingesting."""
    shutil.copy(WORKFLOW / "raw" / "001_harbour.txt", site / "content" / "inbox")
    return site


def tree_hash(root: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file below root (empty if root is missing)."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def site_args(root: Path, command: str = "build") -> list[str]:
    """Command-line arguments pointing a command at the temp site."""
    args = [command, "--content", str(root / "content"), "--theme", str(THEME), "--quiet"]
    if command in ("build", "serve"):
        args += ["--output", str(root / "output")]
    return args


def modules_a_build_imports(root: Path, modules: tuple[str, ...]) -> str:
    """``"EXIT [imported]"``: the exit status of a build of the site in ``root`` in a new
    process, and which of ``modules`` it imported."""
    import os
    import subprocess
    import sys

    code = ("import sys; from generator.cli import main; "
            f"code = main({site_args(root)!r}); "
            f"print(code, sorted(m for m in {modules!r} if m in sys.modules))")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=REPO, env=env)
    return run.stdout.split("\n")[-2]
