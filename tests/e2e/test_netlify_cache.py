"""A Netlify deploy is a warm build: the deploy config keeps the build cache between deploys,
and a build in a fresh checkout (new files, new inodes and times, no output/) with only that
folder restored renders no story again and writes what a cold build writes."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from generator.cache import store as cache
from generator.cli import main
from generator.render import pages as render
from tests.e2e.conftest import site_args, tree_hash
from tests.helpers import REPO

CONFIGS = (REPO / "netlify.toml", REPO / "generator" / "site_template" / "netlify.toml")
CONTENT = Path("content")  # the folder `digest build` reads when it is given none


def kept_paths(config: Path) -> list[str]:
    """The folders the deploy config asks Netlify to keep between builds."""
    plugins = tomllib.loads(config.read_text(encoding="utf-8")).get("plugins", [])
    kept = [p for p in plugins if p.get("package") == "netlify-plugin-cache"]
    assert len(kept) == 1, f"{config}: netlify-plugin-cache is not declared once"
    paths: list[str] = kept[0]["inputs"]["paths"]
    return paths


@pytest.mark.parametrize("config", CONFIGS, ids=lambda p: p.parent.name)
def test_the_deploy_config_keeps_the_folder_the_build_caches_in(config: Path) -> None:
    assert kept_paths(config) == [(CONTENT / cache.CACHE_DIR).as_posix()]


def fresh_checkout(site: Path, destination: Path) -> Path:
    """The site's content as a new clone has it: every file written anew, no cache, no output."""
    shutil.copytree(site / "content", destination / "content", copy_function=shutil.copy,
                    ignore=shutil.ignore_patterns(".cache"))
    return destination


def test_a_deploy_with_the_kept_cache_renders_nothing_again(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(site_args(site)) == 0
    deploy = fresh_checkout(site, tmp_path / "deploy")
    for kept in kept_paths(CONFIGS[0]):  # what Netlify restores before the build
        shutil.copytree(site / kept, deploy / kept)

    def no_rendering(*_args: object) -> None:
        raise AssertionError("a story kept in the cache was rendered again")

    monkeypatch.setattr(render, "story_pages", no_rendering)
    assert main(site_args(deploy)) == 0
    assert tree_hash(deploy / "output") == tree_hash(site / "output")
