"""Deploying as Netlify does, outside the repository: a fresh venv with the pip Python ships
(no upgrade; 23.2.1 on Python 3.11 does not resolve every extra as newer pips do), the
generator installed from a clean copy of the repository, ``digest init`` in a folder of its
own with the seed reports and no themes/, then the new site's own netlify.toml command.

It installs every dependency from the package registry, so it takes a minute or more. In CI
(CI=true) it must run; elsewhere it skips, loudly, when the registry cannot be reached.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import warnings
from pathlib import Path

import pytest

from tests.helpers import REPO

SEEDS = REPO / "content" / "inbox"  # the seed reports, as the repository ships them
INSTALL_SECONDS = 900


def run(args: list[str], cwd: Path, venv: Path, timeout: float = 300) -> str:
    """Run a command with the venv first on PATH; its output (stdout and stderr) if it
    exits 0, else the test fails showing it."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"{' '.join(args)} exited {done.returncode}:\n{output}"
    return output


def clean_copy(destination: Path) -> Path:
    """The repository's files as git sees them (tracked, and new ones not ignored): no
    build/, egg-info, .venv or output/ of an earlier install to hide a packaging mistake."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=REPO, capture_output=True,
                            check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    return destination


def registry_reachable(venv: Path, cwd: Path) -> bool:
    """Whether the venv's pip can look a package up in the configured index."""
    try:
        run([str(venv / "bin" / "python"), "-m", "pip", "index", "versions",
             "lxml_html_clean"], cwd, venv, timeout=120)
    except (AssertionError, subprocess.TimeoutExpired):
        return False
    return True


def new_venv(root: Path) -> Path:
    """A venv with Python's own pip, as Netlify's image has; skips without a registry."""
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    if not registry_reachable(venv, root):
        reason = "the package registry is unreachable ('pip index versions' failed)"
        if os.environ.get("CI") == "true":
            raise RuntimeError(f"CI must run the deploy test, but {reason}")
        warnings.warn(f"DEPLOY TEST SKIPPED: {reason}", stacklevel=1)
        pytest.skip(f"DEPLOY TEST SKIPPED: {reason}")
    return venv


def point_requirements_at(site: Path, source: Path) -> None:
    """Do what requirements.txt's comment asks: name where the generator is installed from."""
    path = site / "requirements.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    pins = [n for n, line in enumerate(lines) if line.startswith("news-digest==")]
    assert len(pins) == 1, lines
    lines[pins[0]] = f"news-digest @ {source.as_uri()}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_site_made_by_init_deploys_with_python_s_own_pip(tmp_path: Path) -> None:
    assert SEEDS.is_dir() and len(list(SEEDS.iterdir())) >= 2, (
        f"{SEEDS}: the seed reports are missing (restore them: git checkout -- content/inbox)")
    venv = new_venv(tmp_path)
    source = clean_copy(tmp_path / "news-digest")
    output = run([str(venv / "bin" / "python"), "-m", "pip", "install", str(source)],
                 tmp_path, venv, timeout=INSTALL_SECONDS)
    run([str(venv / "bin" / "digest"), "init", "site"], tmp_path, venv)
    site = tmp_path / "site"
    for seed in sorted(SEEDS.iterdir()):
        shutil.copy(seed, site / "content" / "inbox" / seed.name)
    point_requirements_at(site, clean_copy(tmp_path / "news-digest-for-netlify"))
    command = tomllib.loads((site / "netlify.toml").read_text(encoding="utf-8"))["build"]
    output += run(["bash", "-c", command["command"]], site, venv, timeout=INSTALL_SECONDS)

    # pip still warns "lxml ... does not provide the extra 'html_clean'" for justext's
    # requirement; what matters is that lxml_html_clean came anyway, as our own dependency
    for symptom in ("lxml_html_clean directly", "Traceback", "ERROR"):
        assert symptom not in output, output
    assert not (site / "themes").exists()
    built = site / command["publish"]
    assert (built / "index.html").is_file()
    assert list(built.glob("stories/*/index.html")), "no story page was written"
    articles = sorted((site / "content" / "articles").glob("*.md"))
    assert len(articles) == len(list(SEEDS.iterdir())), output
    assert f"built: {len(articles)} articles ingested" in output
    installed = run([str(venv / "bin" / "python"), "-c", "import generator; "
                     "print(generator.__file__)"], site, venv)
    assert installed.startswith(str(venv)), installed  # the wheel's, not the repository's
    run([str(venv / "bin" / "python"), "-c", "import lxml.html.clean"], site, venv)
