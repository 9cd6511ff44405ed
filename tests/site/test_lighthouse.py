"""Lighthouse scores for each page type of the seed site, served on 127.0.0.1.

Targets: performance, best practices and SEO at least 95, accessibility 100. Lighthouse is
installed with npm from tests/site/lighthouse/package-lock.json into .cache/lighthouse/.
In CI these must run; elsewhere they skip loudly without npm or Chromium.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PINNED = Path(__file__).resolve().parent / "lighthouse"
INSTALL = REPO / ".cache" / "lighthouse"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
         "--disable-background-networking --disable-component-update --disable-sync")
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 0.95, "seo": 0.95}


def lighthouse_bin() -> Path:
    """The pinned Lighthouse, installed on first use."""
    binary = INSTALL / "node_modules" / ".bin" / "lighthouse"
    lock = PINNED / "package-lock.json"
    stamp = INSTALL / "package-lock.json"
    if not binary.exists() or not stamp.exists() or stamp.read_bytes() != lock.read_bytes():
        INSTALL.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy(PINNED / name, INSTALL / name)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=INSTALL, check=True, timeout=600)
    return binary


@pytest.fixture(scope="module")
def lighthouse() -> Path:
    missing = [name for name, found in (("npm", shutil.which("npm")), ("chromium", CHROMIUM))
               if not found]
    if missing:
        if os.environ.get("CI") == "true":
            raise RuntimeError(f"CI must run the Lighthouse tests: missing {missing}")
        warnings.warn(f"LIGHTHOUSE TESTS SKIPPED: missing {missing}", stacklevel=1)
        pytest.skip(f"LIGHTHOUSE TESTS SKIPPED: missing {missing}")
    return lighthouse_bin()


@pytest.mark.parametrize("kind", ["home", "story", "article", "search", "edition"])
def test_lighthouse_scores(lighthouse: Path, site_url: str, built_site: Path, kind: str,
                           tmp_path: Path) -> None:
    story = next(p.name for p in (built_site / "stories").iterdir() if p.is_dir())
    article = sorted(p.name for p in (built_site / "articles").iterdir() if p.is_dir())[0]
    path = {"home": "", "story": f"stories/{story}/", "article": f"articles/{article}/",
            "search": "search/", "edition": "editions/2021-07-08/"}[kind]
    audit(lighthouse, site_url + path, kind, tmp_path)


@pytest.mark.parametrize("path", ["stories/2023-03-04-port-strike-ends/",
                                  "articles/port-strike-ends/", "sources/associated-press/"])
def test_lighthouse_scores_on_the_outlets_site(lighthouse: Path, outlets_url: str, path: str,
                                               tmp_path: Path) -> None:
    """The pages of tests/fixtures/outlets/site: originals beside reports, coverage, what a
    report adds, a Photo caption note, an outlet's sources.yaml fields."""
    audit(lighthouse, outlets_url + path, path, tmp_path)


def audit(lighthouse: Path, url: str, kind: str, tmp_path: Path) -> None:
    """Lighthouse on ``url``: every category at its target, else the failing audits."""
    report = tmp_path / "report.json"
    subprocess.run([str(lighthouse), url, "--quiet", "--output=json",
                    f"--output-path={report}", f"--chrome-flags={FLAGS}",
                    "--only-categories=" + ",".join(TARGETS)],
                   env={**os.environ, "CHROME_PATH": str(CHROMIUM)}, check=True, timeout=300)
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: data["categories"][name]["score"] for name in TARGETS}
    failing = {name: score for name, score in scores.items() if score < TARGETS[name]}
    details = [f"{audit_id}: {found.get('title')}" for audit_id, found in data["audits"].items()
               if found.get("score") is not None and found["score"] < 1
               and found.get("scoreDisplayMode") == "binary"]
    assert not failing, f"{kind}: {scores}; failing audits: {details}"
