"""``digest serve`` against a real socket on 127.0.0.1: it answers, picks up an edit, and keeps
serving the last good site (with an error overlay) when a broken file is saved."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import search
from generator.errors import UsageError
from generator.serve import server as serve
from tests.e2e.conftest import THEME
from tests.helpers import serving

# How long a test waits for the server to pick up a save. Generous on purpose: these tests
# check that it happens, on a loaded CI machine too; how fast it happens is measured by
# ``make bench`` (``digest serve`` shows an edit in 0.2-0.35 s at 10,000 articles).
DEADLINE = 10.0


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def status_of(base: str) -> dict[str, Any]:
    return dict(json.loads(get(f"{base}{serve.STATUS_PATH}")[1]))


def within(seconds: float, probe: Callable[[], bool]) -> bool:
    """Poll ``probe`` until it is true or the time is up."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if probe():
            return True
        time.sleep(0.05)
    return probe()


@pytest.fixture
def server(site: Path) -> Iterator[serve.DevServer]:
    with serving(site / "content", site / "output", THEME) as dev:
        yield dev


def test_serve_answers_reloads_on_edit_and_keeps_last_good_site(
        site: Path, server: serve.DevServer) -> None:
    base = f"http://127.0.0.1:{server.port}"
    status, page = get(f"{base}/articles/port-strike/")
    assert status == 200 and "Dock workers strike at the port" in page
    assert page.count(serve.SCRIPT_PATH) == 1 and page.index(serve.SCRIPT_PATH) < page.index("</body>")
    for path in (site / "output").rglob("*"):
        assert not path.is_file() or b"__digest" not in path.read_bytes(), path
    assert get(f"{base}{serve.SCRIPT_PATH}")[0] == 200
    version = status_of(base)["version"]

    article = site / "content" / "articles" / "port-strike.md"
    article.write_text(article.read_text("utf-8").replace("Dock workers strike", "Dockers walk out"),
                       encoding="utf-8")
    assert within(DEADLINE, lambda: "Dockers walk out" in get(f"{base}/articles/port-strike/")[1])
    # that is the preview (status "pending"); the full rebuild that follows makes the edit part
    # of the last good site, and a save before it is in would overtake it
    assert within(DEADLINE, lambda: status_of(base)["version"] > version
                  and status_of(base)["pending"] is False)
    assert status_of(base)["errors"] == []
    assert "Dockers walk out" in (site / "output" / "articles" / "port-strike" /
                                  "index.html").read_text("utf-8")

    article.write_text("---\ntitle: Broken\ndate: 2021-03-01\n---\nX\n", encoding="utf-8")

    assert within(DEADLINE, lambda: bool(status_of(base)["errors"]))
    errors = status_of(base)["errors"]
    assert errors == [f"{article}:1: missing required field 'source'; add 'source: ...' to the "
                      "front matter"], errors
    status, page = get(f"{base}/articles/port-strike/")
    assert status == 200 and "Dockers walk out" in page  # the last good site

    article.write_text("---\ntitle: Fixed again\nsource: BBC\ndate: 2021-03-01\n---\nX\n",
                       encoding="utf-8")
    assert within(DEADLINE, lambda: "Fixed again" in get(f"{base}/articles/port-strike/")[1])
    assert within(DEADLINE, lambda: status_of(base)["errors"] == [])


def test_an_edit_is_shown_first_and_search_catches_up_once_the_editor_pauses(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rebuild after an edit keeps the search shard's last index (the page reloads
    sooner); after ``QUIET_MS`` without an edit the shard is indexed again, without a reload.
    The stand-in for Pagefind writes the pages it was given into the bundle."""
    monkeypatch.setattr(search, "index", lambda pages, language: {
        "pages.txt": b"\n".join(pages[path] for path in sorted(pages))})
    indexed = site / "output" / "pagefind" / "0" / "pages.txt"
    article = site / "content" / "articles" / "port-strike.md"
    with serving(site / "content", site / "output", THEME) as server:
        base = f"http://127.0.0.1:{server.port}"
        version = status_of(base)["version"]
        assert b"Dock workers strike" in indexed.read_bytes()
        article.write_text(article.read_text("utf-8").replace("Dock workers strike",
                                                              "Harbour crews strike"),
                           encoding="utf-8")
        assert within(DEADLINE, lambda: status_of(base)["version"] > version
                      and not status_of(base)["pending"])  # the preview, then the rebuild
        assert "Harbour crews strike" in get(f"{base}/articles/port-strike/")[1]
        assert server.search_behind and b"Harbour crews" not in indexed.read_bytes()
        assert status_of(base)["search_behind"] is True
        shown = status_of(base)["version"]
        assert within(serve.QUIET_MS / 1000 + DEADLINE,
                      lambda: status_of(base)["search_behind"] is False)
        assert not server.search_behind
        assert b"Harbour crews strike" in indexed.read_bytes()
        assert status_of(base)["version"] == shown


def test_missing_page_is_the_404_page_with_the_script(server: serve.DevServer) -> None:
    status, page = get(f"http://127.0.0.1:{server.port}/no/such/page/")
    assert status == 404 and serve.SCRIPT_PATH in page


def test_static_files_are_served_unchanged(site: Path, server: serve.DevServer) -> None:
    css = next((site / "output" / "static").glob("*.css"))
    status, text = get(f"http://127.0.0.1:{server.port}/static/{css.name}")
    assert status == 200 and text == css.read_text("utf-8")


def test_a_busy_port_is_a_usage_error(site: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(UsageError, match=f"cannot listen on 127.0.0.1:{port} .*pass another --port"):
            serve.DevServer(site / "content", site / "output", THEME, port=port)


def test_inject_places_the_script_before_the_last_body_end() -> None:
    assert serve.inject(b"<body>a</body></html>") == (
        b"<body>a" + serve.SCRIPT_TAG + b"</body></html>")
    assert serve.inject(b"plain") == b"plain" + serve.SCRIPT_TAG
    assert serve.inject(b"<body></body>", 'articles/a"b/index.html') == (
        b'<body><script src="/__digest/reload.js" data-page="articles/a&quot;b/index.html">'
        b"</script></body>")


def test_status_tells_which_pages_changed_since_the_version_a_page_has_seen() -> None:
    from generator.serve import web as serve_http

    state = serve.BuildState()
    assert state.snapshot()["changed"] is None  # a page's first look: nothing to compare
    state.update((), changed=["a.html"])  # 1
    state.update((), pending=True, changed=["b.html"])  # 2: a preview
    state.update((), changed=[])  # 3: its rebuild wrote what the preview showed
    assert state.snapshot(0, timeout=0)["changed"] == ["a.html", "b.html"]
    assert state.snapshot(1, timeout=0)["changed"] == ["b.html"]
    assert state.snapshot(2, timeout=0)["changed"] == []
    assert state.snapshot(3, timeout=0)["changed"] == []  # nothing newer
    state.update(())  # 4: not known (a first build, a failed one): every page reloads
    assert state.snapshot(2, timeout=0)["changed"] is None
    for _ in range(serve_http.HISTORY):
        state.update((), changed=["c.html"])
    assert state.snapshot(4, timeout=0)["changed"] == ["c.html"]
    assert state.snapshot(3, timeout=0)["changed"] is None  # fell behind the history


def test_changed_pages_leaves_out_what_the_preview_already_showed() -> None:
    from generator.write.stamps import Stamp

    def stamp(data: bytes, inode: int = 1) -> Stamp:
        import hashlib

        return Stamp(hashlib.sha256(data).digest(), len(data), 1, inode)

    before = {"a.html": stamp(b"a"), "b.html": stamp(b"b"), "gone.html": stamp(b"g")}
    after = {"a.html": stamp(b"A", 2), "b.html": stamp(b"B", 3), "new.html": stamp(b"n")}
    assert serve.changed_pages(before, after, {}) == {"a.html", "b.html", "gone.html",
                                                     "new.html"}
    assert serve.changed_pages(before, after, {"a.html": b"A", "b.html": b"old preview"}) == {
        "b.html", "gone.html", "new.html"}
    assert serve.changed_pages(None, after, {}) is None
    assert serve.changed_pages({}, after, {}) is None


def test_status_with_after_waits_for_a_newer_version() -> None:
    state = serve.BuildState()
    assert state.snapshot(0, timeout=0.05)["version"] == 0  # nothing newer: answers on time
    threading.Timer(0.2, state.update, args=(("broken.md:1: bad",),)).start()
    started = time.monotonic()
    status = state.snapshot(0, timeout=10)
    assert status == {"version": 1, "errors": ["broken.md:1: bad"], "pending": False,
                      "changed": None, "search_behind": False, "warnings": []}
    assert 0.1 < time.monotonic() - started < 5
    assert state.snapshot(0, timeout=10)["version"] == 1  # already past: no wait


def test_a_waiting_page_hears_of_a_rebuild_at_once(server: serve.DevServer) -> None:
    base = f"http://127.0.0.1:{server.port}"
    version = status_of(base)["version"]
    answered: list[tuple[float, dict[str, Any]]] = []

    def wait() -> None:
        text = get(f"{base}{serve.STATUS_PATH}?after={version}")[1]
        answered.append((time.monotonic(), json.loads(text)))

    waiting = threading.Thread(target=wait)
    waiting.start()
    time.sleep(0.5)
    assert not answered  # held open until there is news
    rebuilt = time.monotonic()
    server.state.update(())
    waiting.join(timeout=5)
    assert answered and answered[0][1]["version"] == version + 1
    assert answered[0][0] - rebuilt < 0.5


def test_after_version_reads_the_query() -> None:
    assert serve.after_version("after=7") == 7
    assert serve.after_version("") is None
    assert serve.after_version("after=x") is None


def test_fingerprint_covers_what_the_watcher_reports(tmp_path: Path) -> None:
    (tmp_path / "articles" / "deep").mkdir(parents=True)
    (tmp_path / ".digest" / ".cache").mkdir(parents=True)
    (tmp_path / "articles" / "deep" / "a.md").write_text("a")
    (tmp_path / "site.yaml").write_text("title: x")
    (tmp_path / ".git").mkdir()
    (tmp_path / "output" / "articles").mkdir(parents=True)
    for own in (".digest/ingested.json", ".digest/.cache/build.sqlite3", "articles/b.md.tmp",
                "build.lock", "articles/a.md.bak", "articles/.a.md.swp", "articles/a.md~",
                ".git/index", "output/index.html", "output/articles/x.html"):
        (tmp_path / own).write_text("x")
    first = serve.fingerprint([tmp_path], tmp_path / "output")
    assert set(first) == {str(tmp_path / "articles" / "deep" / "a.md"),
                          str(tmp_path / "site.yaml")}
    (tmp_path / "articles" / "deep" / "a.md").write_text("longer")
    assert serve.fingerprint([tmp_path], tmp_path / "output") != first
    assert serve.fingerprint([tmp_path / "missing"]) == {}
    assert str(tmp_path / "output" / "index.html") in serve.fingerprint([tmp_path])


def test_an_edit_is_previewed_while_the_full_rebuild_runs(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The edited article's page is served from memory at once (status ``pending``); the
    output folder changes only when the full rebuild is done, which ends the preview."""
    from generator import build

    release = threading.Event()
    real_build = build.build

    def held_build(*args: Any, **kwargs: Any) -> build.BuildReport:
        if kwargs.get("defer_search") or (len(args) > 3 and args[3]):
            assert release.wait(10), "the test never released the rebuild"
        return real_build(*args, **kwargs)

    monkeypatch.setattr(build, "build", held_build)
    output = site / "output" / "articles" / "port-strike" / "index.html"
    article = site / "content" / "articles" / "port-strike.md"
    with serving(site / "content", site / "output", THEME) as server:
        base = f"http://127.0.0.1:{server.port}"
        version = status_of(base)["version"]
        article.write_text(article.read_text("utf-8").replace("on Monday", "on Sunday"),
                           encoding="utf-8")
        assert within(DEADLINE, lambda: status_of(base)["version"] > version)
        assert status_of(base)["pending"] is True
        status, page = get(f"{base}/articles/port-strike/")
        assert status == 200 and "on Sunday" in page and page.count(serve.SCRIPT_PATH) == 1
        assert "on Sunday" not in output.read_text("utf-8")  # not written yet
        release.set()
        assert within(DEADLINE, lambda: status_of(base)["pending"] is False)
        assert "on Sunday" in output.read_text("utf-8") and server.previewed == {}
        assert "on Sunday" in get(f"{base}/articles/port-strike/")[1]


def test_a_catch_up_reloads_pages_only_when_a_save_it_found_changed_them(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Search catches up with a full build: it bumps the version only when a file saved since
    the last rebuild (not yet seen by the watcher) changed pages, and says which."""
    monkeypatch.setattr(search, "index", lambda pages, language: {
        "pages.txt": b"\n".join(pages[path] for path in sorted(pages))})
    dev = serve.DevServer(site / "content", site / "output", THEME, port=0, quiet=True)
    article = site / "content" / "articles" / "port-strike.md"

    def save(old: str, new: str) -> None:
        article.write_text(article.read_text("utf-8").replace(old, new), encoding="utf-8")

    try:
        assert dev.rebuild()
        save("on Monday", "on Tuesday")
        assert dev.rebuild(defer_search=True) and dev.search_behind
        version = dev.state.snapshot()["version"]
        dev.catch_up()  # only search files change: open pages stay as they are
        assert dev.state.snapshot()["version"] == version and not dev.search_behind
        save("on Tuesday", "on Wednesday")
        assert dev.rebuild(defer_search=True) and dev.search_behind
        version = dev.state.snapshot()["version"]
        save("on Wednesday", "on Thursday")  # saved while search catches up
        dev.catch_up()
        status = dev.state.snapshot(version, timeout=0)
        assert status["version"] == version + 1
        assert "articles/port-strike/index.html" in status["changed"]
    finally:
        dev.httpd.server_close()


def test_a_build_that_fails_while_a_file_is_saved_publishes_no_errors(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save that lands while the build reads the files may be read half-written: the errors
    of that build are not shown (the next build, which the save triggers, tells)."""
    from generator import build
    from generator.errors import ContentError, Problem, SourcePos

    dev = serve.DevServer(site / "content", site / "output", THEME, port=0, quiet=True)
    article = site / "content" / "articles" / "port-strike.md"
    try:
        assert dev.rebuild()
        version = dev.state.snapshot()["version"]

        def saved_meanwhile(*_args: object, **_kwargs: object) -> None:
            article.write_text(article.read_text("utf-8") + "\nMore.\n", encoding="utf-8")
            raise ContentError([Problem(SourcePos(article, 1), "no front matter")])

        def failed(*_args: object, **_kwargs: object) -> None:
            raise ContentError([Problem(SourcePos(article, 1), "no front matter")])

        monkeypatch.setattr(build, "build", saved_meanwhile)
        assert not dev.rebuild()
        assert dev.state.snapshot() == {"version": version, "errors": [], "pending": False,
                                        "changed": None, "search_behind": False,
                                        "warnings": []}

        def swap_file_meanwhile(*_args: object, **_kwargs: object) -> None:
            (article.parent / ".port-strike.md.swp").write_text("vim")  # the watcher ignores it
            failed()

        monkeypatch.setattr(build, "build", swap_file_meanwhile)
        assert not dev.rebuild()
        assert dev.state.snapshot()["errors"] == [f"{article}:1: no front matter"]
    finally:
        dev.httpd.server_close()


def test_serve_shows_a_file_saved_while_its_first_build_runs(
        site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """``digest serve`` (``serve.run``) watches before its first build: a file saved after
    that build read the content, and before it is done, is rebuilt after it, without any
    other save. The first build is held, once it has written the site, until the save."""
    from generator import build

    real_build = build.build
    built, saved = threading.Event(), threading.Event()

    def first_build_held(*args: Any, **kwargs: Any) -> build.BuildReport:
        report = real_build(*args, **kwargs)
        if not built.is_set():
            built.set()
            assert saved.wait(DEADLINE), "the test never saved the file"
        return report

    monkeypatch.setattr(build, "build", first_build_held)
    article = site / "content" / "articles" / "port-strike.md"
    stop = threading.Event()
    running = threading.Thread(target=serve.run, daemon=True, args=(
        site / "content", site / "output", THEME, 0, True, stop))
    running.start()
    try:
        assert built.wait(DEADLINE), "the first build did not finish"
        article.write_text(article.read_text("utf-8").replace("Dock workers strike",
                                                              "Dockers walk out"), "utf-8")
        saved.set()
        base = f"http://127.0.0.1:{served_port(capsys)}"
        assert within(DEADLINE, lambda: "Dockers walk out" in get(f"{base}/articles/port-strike/")[1])
        assert within(DEADLINE, lambda: status_of(base)["pending"] is False)
        assert "Dockers walk out" in (site / "output" / "articles" / "port-strike" /
                                      "index.html").read_text("utf-8")
    finally:
        stop.set()
        running.join(DEADLINE)
    assert not running.is_alive()


def served_port(capsys: pytest.CaptureFixture[str]) -> int:
    """The port in ``serve.run``'s "serving http://127.0.0.1:PORT/" line, once printed."""
    told = told_until(capsys, "serving http://127.0.0.1:")
    line = next(line for line in told if "serving http://127.0.0.1:" in line)
    return int(line.split("serving http://127.0.0.1:", 1)[1].split("/", 1)[0])


def test_warnings_of_each_build_reach_the_terminal_and_the_page(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Warnings and notes are printed as ``digest build`` prints them (``path:line: warning:
    ...``), each once while it stays (a rebuild counts the ones printed before), and listed in
    the status for the page's note."""
    rover = site / "content" / "articles" / "rover-lands.md"
    rover.write_text(rover.read_text("utf-8").replace("title:", "colour: red\ntitle:", 1),
                     "utf-8")
    colour = f"{rover}:2: warning: unknown field 'colour'; it is ignored"
    article = site / "content" / "articles" / "port-strike.md"
    tagz = f"{article}:2: warning: unknown field 'tagz' (did you mean \"tags\"?); it is ignored"
    with serving(site / "content", site / "output", THEME) as server:
        base = f"http://127.0.0.1:{server.port}"
        first = capsys.readouterr().err
        assert colour in first.splitlines() and "1 warnings/notes" in first, first
        assert status_of(base)["warnings"] == [colour]
        version = status_of(base)["version"]

        article.write_text(article.read_text("utf-8").replace("title:", "tagz: [a]\ntitle:", 1),
                           "utf-8")
        assert within(DEADLINE, lambda: status_of(base)["version"] > version
                      and status_of(base)["pending"] is False)
        assert sorted(status_of(base)["warnings"]) == sorted([colour, tagz])
        told = told_until(capsys, "rebuilt: ")  # printed as the status is updated
        assert tagz in told and colour not in told, told
        assert any("2 warnings/notes (1 printed before)" in line for line in told), told


def told_until(capsys: pytest.CaptureFixture[str], text: str) -> list[str]:
    """The lines printed to stderr until one contains ``text``."""
    told: list[str] = []

    def printed() -> bool:
        told.extend(capsys.readouterr().err.splitlines())
        return any(text in line for line in told)

    assert within(DEADLINE, printed), told
    return told


def test_a_page_that_drops_its_long_poll_leaves_no_traceback(
        site: Path, server: serve.DevServer, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A reloading page closes its waiting ``?after=N`` request: answering it when the next
    rebuild is in finds the connection gone (closed, or reset), which is not worth a word."""
    base = f"http://127.0.0.1:{server.port}"
    version = status_of(base)["version"]
    earlier = set(threading.enumerate())  # earlier tests' servers may still hold long polls
    waiting = threading.Semaphore(0)
    real_snapshot = server.state.snapshot

    def snapshot(after: int | None = None, timeout: float = 25.0) -> dict[str, Any]:
        if after is not None:
            waiting.release()
        return real_snapshot(after, timeout)

    monkeypatch.setattr(server.state, "snapshot", snapshot)
    for reset in (False, True):
        with socket.create_connection(("127.0.0.1", server.port)) as page:
            page.sendall(f"GET {serve.STATUS_PATH}?after={version} HTTP/1.1\r\n"
                         "Host: 127.0.0.1\r\n\r\n".encode())
            assert waiting.acquire(timeout=DEADLINE), "the request never reached the wait"
            if reset:  # close with a reset, as a browser tab killed mid-request
                page.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00" * 2)
    capsys.readouterr()
    article = site / "content" / "articles" / "port-strike.md"
    article.write_text(article.read_text("utf-8").replace("on Monday", "on Sunday"), "utf-8")
    assert within(DEADLINE, lambda: real_snapshot()["version"] > version)
    assert within(DEADLINE, lambda: not any("process_request_thread" in thread.name
                                            for thread in set(threading.enumerate()) - earlier))
    told = capsys.readouterr().err
    assert "Traceback" not in told and "Error" not in told, told
    assert "on Sunday" in get(f"{base}/articles/port-strike/")[1]  # still serving


def test_the_page_shows_the_warnings_in_a_note_a_click_dismisses(
        site: Path, server: serve.DevServer) -> None:
    """In a real browser: the last build's warnings are listed in a note in a corner (the
    page stays usable, unlike the error overlay); dismissed, it stays away across reloads
    until the warnings change."""
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("no chromium on PATH (apt-get install chromium)")
    base = f"http://127.0.0.1:{server.port}"
    article = site / "content" / "articles" / "rover-lands.md"

    def add_field(name: str) -> None:
        version = status_of(base)["version"]
        article.write_text(article.read_text("utf-8").replace("title:", f"{name}: x\ntitle:", 1),
                           "utf-8")
        assert within(DEADLINE, lambda: status_of(base)["version"] > version
                      and not status_of(base)["pending"])

    add_field("colour")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(f"{base}/articles/port-strike/")
            note = page.locator("#__digest_warnings")
            note.filter(has_text="unknown field 'colour'").wait_for(timeout=DEADLINE * 1000)
            assert page.locator("#__digest_overlay").count() == 0
            box, viewport = note.bounding_box(), page.viewport_size
            assert box["width"] * box["height"] < viewport["width"] * viewport["height"] / 4
            note.locator("button").click()
            assert note.count() == 0
            with page.expect_request(lambda r: "after=" in r.url, timeout=DEADLINE * 1000):
                page.reload()  # its script has seen the status (the same warnings) by its poll
            assert note.count() == 0
            add_field("flavour")  # new warnings: the note is back, with both
            note.filter(has_text="unknown field 'flavour'").wait_for(timeout=DEADLINE * 1000)
            assert "unknown field 'colour'" in note.inner_text()
        finally:
            browser.close()


def test_an_edit_saved_while_a_build_ingests_is_still_rebuilt(
        site_with_inbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build that ingests writes articles into the content folder, which are not edits;
    a file saved while that build ran still differs from what the server last built."""
    from generator import build

    site = site_with_inbox
    article = site / "content" / "articles" / "port-strike.md"
    real_build = build.build

    def saved_meanwhile(*args: Any, **kwargs: Any) -> build.BuildReport:
        report = real_build(*args, **kwargs)
        article.write_text(article.read_text("utf-8") + "\nMore.\n", encoding="utf-8")
        return report

    monkeypatch.setattr(build, "build", saved_meanwhile)
    dev = serve.DevServer(site / "content", site / "output", THEME, port=0, quiet=True)
    try:
        before = set(dev.fingerprint())
        assert dev.rebuild()
        current = dev.fingerprint()
        assert len(current.keys() - before) == 1  # the ingested article, not an edit
        assert {path for path, stamp in current.items()
                if dev.snapshot.get(path) != stamp} == {str(article)}
    finally:
        dev.httpd.server_close()
