"""Shared test fixtures and the ``--update-golden`` option."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the expected golden files from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True only when the run was asked to regenerate golden files."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def seed_site(tmp_path: Path) -> Path:
    """A copy of the project's content (site.yaml, about.md and the seed inbox) in a temp
    folder."""
    site = tmp_path / "site"
    (site / "content" / "inbox").mkdir(parents=True)
    for name in ("site.yaml", "about.md"):
        shutil.copy(REPO / "content" / name, site / "content" / name)
    for raw in sorted((REPO / "content" / "inbox").iterdir()):
        shutil.copy(raw, site / "content" / "inbox" / raw.name)
    return site


@pytest.fixture
def theme_dir() -> Path:
    """The default theme shipped with the project."""
    return REPO / "themes" / "default"
