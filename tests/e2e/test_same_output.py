"""The speed machinery changes nothing a reader gets: a cold build, a warm rebuild from the
cache and a build on one core (stories rendered and clustered in the build process, no worker
processes) write the same bytes, file for file, search index included."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator.cache.store import CACHE_DIR
from tests.e2e.conftest import REPO, THEME, tree_hash

STORIES = 20  # more than render.workers.MIN_PARALLEL: a cold build renders in worker processes
OUTLETS = ("Reuters", "AP", "BBC")


def write_site(content: Path) -> None:
    """Twenty stories of three reports each, told in figures the comparison works on."""
    articles = content / "articles"
    articles.mkdir(parents=True)
    (content / "site.yaml").write_text("title: Same Output\nbase_url: https://same.example/\n",
                                       encoding="utf-8")
    for n in range(STORIES):
        story = f"2023-05-{n % 28 + 1:02d}-flood-{n}"
        for k, outlet in enumerate(OUTLETS):
            body = (f"Floods in district {n} killed at least {10 + n + k} people, officials said "
                    f"on Monday. About {n + 2},000 residents left their homes.\n\n"
                    f"\"The water rose in an hour,\" said {outlet} witness Ana {n}. Rescue teams "
                    f"from {k + 2} provinces arrived by boat.")
            (articles / f"flood-{n}-{outlet.lower()}.md").write_text(
                f"---\ntitle: Floods hit district {n}\nsource: {outlet}\n"
                f"date: 2023-05-{n % 28 + 1:02d}\nstory: {story}\n---\n\n{body}\n",
                encoding="utf-8")


def build(content: Path, output: Path, one_core: bool = False) -> None:
    """``digest build`` in a new process, as an editor runs it (one core: as on a machine
    that has one)."""
    def pinned() -> None:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    env.pop("CI", None)
    subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content),
                    "--output", str(output), "--theme", str(THEME), "--quiet"],
                   check=True, cwd=REPO, env=env, preexec_fn=pinned if one_core else None)


def test_cold_warm_and_one_core_builds_write_the_same_bytes(tmp_path: Path) -> None:
    write_site(tmp_path / "a" / "content")
    shutil.copytree(tmp_path / "a" / "content", tmp_path / "b" / "content")
    build(tmp_path / "a" / "content", tmp_path / "a" / "cold")
    cold = tree_hash(tmp_path / "a" / "cold")
    assert "stories/2023-05-01-flood-0/index.html" in cold and "pagefind/shards.json" in cold

    assert any((tmp_path / "a" / "content" / CACHE_DIR).rglob("*"))  # what the warm build reads
    build(tmp_path / "a" / "content", tmp_path / "a" / "warm")  # a new folder: every file written
    build(tmp_path / "b" / "content", tmp_path / "b" / "one-core", one_core=True)

    for name, other in (("warm", tree_hash(tmp_path / "a" / "warm")),
                        ("one core", tree_hash(tmp_path / "b" / "one-core"))):
        differ = sorted(p for p in cold.keys() | other.keys() if cold.get(p) != other.get(p))
        assert differ == [], f"the {name} build differs from the cold one in {differ[:10]}"
