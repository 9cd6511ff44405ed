"""Stories rendered in worker processes are the stories rendered here, also from a process
that runs threads (``digest serve``); the workers come from a fork server, not copied from the
build."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

from generator.render import workers
from tests.helpers import article, site_config, story


def test_stories_render_the_same_in_workers_started_from_a_threaded_process(
        tmp_path: Path) -> None:
    told = [story(f"s{n}", article(f"a{n}", story=f"s{n}", source="AP",
                                   body=f"Floods killed {n + 3} people on Monday."),
                  article(f"b{n}", story=f"s{n}", source="BBC",
                          body=f"Floods killed {n + 4} people, officials said."))
            for n in range(workers.MIN_PARALLEL)]
    cfg = site_config(tmp_path)
    here = {story_id: made.pages for story_id, made in
            workers.render_stories(told, cfg, processes=1)}
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert workers.start_method() == "forkserver"
        apart = {story_id: made.pages for story_id, made in
                 workers.render_stories(told, cfg, processes=2)}
    finally:
        stop.set()
        thread.join()
    assert list(apart) == [s.id for s in told] and apart == here


def frozen_in_worker(chunk: object) -> list[tuple[str, int]]:
    return [("frozen", gc.get_freeze_count())]


def test_forked_workers_leave_what_they_inherit_out_of_their_collections(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker's collector must not walk (and so copy) the parent's objects."""
    monkeypatch.setattr(workers, "_render_chunk", frozen_in_worker)  # forked: the worker's too
    monkeypatch.setattr(workers, "start_method", lambda: "fork")
    told = [story(f"s{n}", article(f"a{n}", story=f"s{n}")) for n in range(workers.MIN_PARALLEL)]
    before = gc.get_freeze_count()
    counts = [count for _, count in workers.render_stories(told, site_config(tmp_path), 2)]
    assert counts and all(count > before for count in counts)
    assert gc.get_freeze_count() == before  # this process collects them again


def inherited_in_worker(chunk: object) -> list[tuple[str, bool]]:
    return [("inherited", hasattr(workers, "SET_IN_THE_BUILD"))]


def test_workers_do_not_start_as_copies_of_the_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers come from a fork server, not from the build: what the build holds (here, a
    name it set at run time) is not in them, so they do not copy its articles and stories."""
    monkeypatch.setattr(workers, "_render_chunk", inherited_in_worker)
    monkeypatch.setattr(workers, "SET_IN_THE_BUILD", True, raising=False)
    told = [story(f"s{n}", article(f"a{n}", story=f"s{n}")) for n in range(workers.MIN_PARALLEL)]
    seen = [seen for _, seen in workers.render_stories(told, site_config(tmp_path), 2)]
    assert workers.start_method(threads=1) == "forkserver"
    assert seen and not any(seen)
