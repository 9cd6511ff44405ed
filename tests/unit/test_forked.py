"""Work split over forked children: same results in the same order, whatever happens to them."""

from __future__ import annotations

import os
import threading

import pytest

from generator.util import forked


def square_all(share: list[int]) -> tuple[int, list[int]]:
    return os.getpid(), [n * n for n in share]


def test_each_share_after_the_first_runs_in_a_child_and_comes_back_in_order(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: True)  # other tests leave threads running
    results = forked.forked_map(square_all, [[1, 2], [3], [4, 5, 6]])
    assert [squares for _, squares in results] == [[1, 4], [9], [16, 25, 36]]
    pids = [pid for pid, _ in results]
    assert pids[0] == os.getpid() and len(set(pids)) == 3


def test_a_dead_childs_share_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    monkeypatch.setattr(forked, "_send", lambda *_: os._exit(1))
    results = forked.forked_map(square_all, [[1], [2], [3]])
    assert [squares for _, squares in results] == [[1], [4], [9]]
    assert {pid for pid, _ in results} == {os.getpid()}


def test_no_fork_while_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert not forked.can_fork()
    results = forked.forked_map(square_all, [[1], [2]])
    assert {pid for pid, _ in results} == {os.getpid()}


def test_one_thread_may_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert forked.can_fork() == ("fork" in __import__("multiprocessing").get_all_start_methods())


def test_workers_are_the_usable_cores_at_most_four(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: set(range(16)), raising=False)
    assert forked.workers() == forked.MAX_WORKERS
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0}, raising=False)
    assert forked.workers() == 1


@pytest.mark.parametrize(("count", "processes", "sizes"), [
    (10, 2, [5, 5]), (10, 3, [4, 4, 2]), (2, 4, [1, 1]), (0, 2, []), (5, 1, [5])])
def test_shares_are_consecutive_runs_of_about_equal_length(
        count: int, processes: int, sizes: list[int]) -> None:
    items = list(range(count))
    runs = forked.shares(items, processes)
    assert [len(run) for run in runs] == sizes
    assert [item for run in runs for item in run] == items


def own_pid() -> int:
    return os.getpid()


def test_work_begun_runs_in_a_child_beside_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    with forked.begun(own_pid) as result:
        assert result is not None
        pid = result()
        assert result() == pid  # asked twice, received once
    assert pid != os.getpid()


def test_work_begun_in_a_child_that_dies_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    monkeypatch.setattr(forked, "_send", lambda *_: os._exit(1))
    with forked.begun(own_pid) as result:
        assert result is not None and result() == os.getpid()


def test_nothing_is_begun_while_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    with forked.begun(own_pid) as result:
        assert result is None


def test_a_child_whose_result_is_not_asked_for_is_stopped(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing
    import time

    monkeypatch.setattr(forked, "can_fork", lambda: True)
    started = time.monotonic()
    with pytest.raises(RuntimeError), forked.begun(lambda: time.sleep(60)):
        raise RuntimeError("the build failed before it needed the result")
    assert time.monotonic() - started < 30
    assert not multiprocessing.active_children()


def test_a_child_whose_work_fails_is_silent_and_the_error_is_raised_here(
        monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    parent = os.getpid()

    def fails_in_a_child(share: list[int]) -> list[int]:
        if os.getpid() != parent:
            raise PermissionError("output/private: permission denied")
        return share

    assert forked.forked_map(fails_in_a_child, [[1], [2]]) == [[1], [2]]
    with forked.begun(lambda: fails_in_a_child([3])) as result:
        assert result is not None and result() == [3]

    def always_fails() -> None:
        raise PermissionError("output/private: permission denied")

    with pytest.raises(PermissionError), forked.begun(always_fails) as failing:
        assert failing is not None
        failing()
    assert "Traceback" not in capfd.readouterr().err


def squares_with_pid(share: list[int]) -> list[tuple[int, int]]:
    return [(os.getpid(), n * n) for n in share]


def test_split_map_forks_only_from_its_minimum_and_joins_in_order(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    monkeypatch.setattr(forked, "workers", lambda: 2)
    few = forked.split_map(squares_with_pid, [1, 2, 3], minimum=4)
    assert few == [(os.getpid(), n * n) for n in (1, 2, 3)]  # all here
    many = forked.split_map(squares_with_pid, [1, 2, 3, 4], minimum=4)
    assert [square for _, square in many] == [1, 4, 9, 16]
    assert [pid == os.getpid() for pid, _ in many] == [True, True, False, False]
    assert forked.split_map(squares_with_pid, [], minimum=0) == []


# a process that forks a worker the way the build does, prints the worker's pid and is then
# killed with SIGKILL (as a build killed by kill -9, an OOM killer or a CI timeout)
KILLED_PARENT = """
import os, signal, sys, time
from generator.util import forked
from generator.render import workers as parallel
from tests.helpers import site_config
from pathlib import Path
if sys.argv[1] == "forked":
    child, _ = forked._fork(lambda _: time.sleep(600), None)
    pid = child.pid
else:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(1, mp_context=context, initializer=parallel._start_worker,
                               initargs=(site_config(Path("/tmp")), parallel._parent(context)))
    pid = pool.submit(os.getpid).result()
    pool.submit(time.sleep, 600)
print(pid, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.parametrize("how", ["forked", "pool"])
def test_workers_die_with_a_killed_build(how: str) -> None:
    import subprocess
    import sys
    import time

    from tests.helpers import REPO

    with subprocess.Popen([sys.executable, "-c", KILLED_PARENT, how], stdout=subprocess.PIPE,
                          text=True, cwd=REPO) as parent:
        assert parent.stdout is not None
        worker = int(parent.stdout.readline())
        parent.wait(timeout=60)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and os.path.exists(f"/proc/{worker}"):
        time.sleep(0.05)
    alive = os.path.exists(f"/proc/{worker}")
    if alive:
        os.kill(worker, 9)
    assert not alive, "a worker outlived its killed parent (it would hold the build's locks)"


def test_forkserver_workers_are_not_tied_to_this_process() -> None:
    import multiprocessing

    from generator.render import workers as parallel

    assert parallel._parent(multiprocessing.get_context("fork")) == os.getpid()
    assert parallel._parent(multiprocessing.get_context("forkserver")) is None
