"""Shared test fixtures and the ``--update-golden`` option."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

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



# Hypothesis: a fixed seed in CI (the same examples every run, so a red run is reproducible),
# random examples elsewhere, and a long run with `make fuzz` (HYPOTHESIS_PROFILE=fuzz). A
# test's own @settings(max_examples=...) is multiplied by nothing: the fuzz profile's count
# applies to the tests that do not set one (tests/unit/test_fuzz.py uses FUZZ_EXAMPLES).
_SLOW_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
settings.register_profile("dev", deadline=None, suppress_health_check=_SLOW_OK)
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True,
                          suppress_health_check=_SLOW_OK)
settings.register_profile("fuzz", max_examples=5_000, deadline=None,
                          suppress_health_check=_SLOW_OK)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE")
                      or ("ci" if os.environ.get("CI") else "dev"))
