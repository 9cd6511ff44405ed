"""Render many stories' pages (Markdown, comparison, templates) in worker processes, with
what the daily editions show of each story that its comparison gives (``render.RenderedStory``).

Rendering a story is pure and CPU-bound, so a cold build spreads stories over one process per
core; the result is the same a single process gives. The workers come from a fork server that
has imported the renderer and nothing else: forked from the build itself, each would map the
build's articles and stories and copy them as it touches them (about 270 MB per worker at
50,000 articles). Few stories render in-process: starting workers costs more than it saves.
``stories_rendered`` begins the work and lets the caller do its own (the listings) while the
workers render.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from generator.config import SiteConfig
from generator.model import Story
from generator.render import pages as render
from generator.util import forked

MIN_PARALLEL = 16  # fewer stories than this render in the calling process
CHUNK = 8  # stories per task: small enough to balance uneven stories, large enough to batch


# The story renderer of a worker process, made once by ``_start_worker``: a process pool's
# initializer can only hand state to later tasks through a module global.
_worker_render: Callable[[Story], render.RenderedStory] | None = None


def workers() -> int:
    """How many processes to render with: the cores this process may use."""
    return forked.cores()


def apart(count: int, processes: int | None = None) -> bool:
    """Whether ``count`` stories render in worker processes (else in the calling process:
    too few for starting workers to pay, or one core)."""
    processes = workers() if processes is None else processes
    return processes > 1 and count >= MIN_PARALLEL


def render_stories(stories: Sequence[Story], cfg: SiteConfig,
                   processes: int | None = None) -> Iterator[tuple[str, render.RenderedStory]]:
    """(story id, its pages and edition days) for every story, in the given order."""
    with stories_rendered(stories, cfg, processes) as rendered:
        yield from rendered


@contextmanager
def stories_rendered(stories: Sequence[Story], cfg: SiteConfig, processes: int | None = None
                     ) -> Iterator[Iterator[tuple[str, render.RenderedStory]]]:
    """``render_stories``, begun on entering: the workers render while the block does other
    work, and the iterator yields their pages in order. Leaving the block waits for the
    workers; on an error, only for the stories they have begun."""
    processes = workers() if processes is None else processes
    if not apart(len(stories), processes):
        yield _in_process(stories, cfg)
        return
    chunks = [stories[i:i + CHUNK] for i in range(0, len(stories), CHUNK)]
    context = multiprocessing.get_context(start_method())
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(["generator.render.pages"])  # each worker forks ready
    with ProcessPoolExecutor(max_workers=processes, mp_context=context,
                             initializer=_start_worker, initargs=(cfg, _parent(context))) as pool:
        with shared_with_forks(context):
            done = pool.map(_render_chunk, chunks)  # every chunk submitted, workers started
        try:
            yield (pair for chunk in done for pair in chunk)
        except BaseException:
            pool.shutdown(cancel_futures=True)  # waits for the chunks begun only
            raise


def _in_process(stories: Sequence[Story], cfg: SiteConfig
                ) -> Iterator[tuple[str, render.RenderedStory]]:
    """The stories rendered here, one by one; with none, no renderer is made (a warm build
    whose stories are all cached then loads no Jinja2 and builds no Markdown parser)."""
    if stories:
        one = render.story_maker(cfg)
        for story in stories:
            yield story.id, one(story)


def start_method(threads: int | None = None) -> str | None:
    """forkserver where there is one (workers small, and safe from a process that runs
    threads, as digest serve does); else fork from a process with one thread (forking a
    threaded one can deadlock); else the platform's default (spawn)."""
    threads = threading.active_count() if threads is None else threads
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        return "forkserver"
    return "fork" if "fork" in methods and threads == 1 else None


@contextmanager
def shared_with_forks(context: multiprocessing.context.BaseContext) -> Iterator[None]:
    """Workers forked in the block (where there is no fork server) leave this process's
    objects out of their collections: a worker's collector would otherwise walk, and so write
    to page by page, every object it inherited (10,000 articles and their stories). This does
    not stop reference counts from copying what the workers touch (forked, each still grows to
    about 270 MB at 50,000 articles), hence the fork server. This process collects them again
    after the block."""
    if context.get_start_method() != "fork":
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _parent(context: multiprocessing.context.BaseContext) -> int | None:
    """This process, when the workers are forked from it: they die with it (with forkserver
    their parent is the server, which ends when this process does)."""
    return os.getpid() if context.get_start_method() == "fork" else None


def _start_worker(cfg: SiteConfig, parent: int | None) -> None:
    global _worker_render
    if parent is not None:
        forked.die_with_parent(parent)
    _worker_render = render.story_maker(cfg)


def _render_chunk(stories: Sequence[Story]) -> list[tuple[str, render.RenderedStory]]:
    assert _worker_render is not None, "worker started without _start_worker"
    return [(story.id, _worker_render(story)) for story in stories]
