"""Stories rendered in worker processes are the stories rendered here, also from a process
that runs threads (``digest serve``), where forking could deadlock: the workers then come from
a fork server."""

from __future__ import annotations

import threading
from pathlib import Path

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
