"""Editor workflow scenarios: edits survive rebuilds, drafts and scheduled articles, safe
output on failure, one build at a time, inbox conflicts and ``digest reingest``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main
from generator.render import pages as render
from generator.util import lock
from generator.write import tree as write
from tests.e2e.conftest import site_args, tree_hash
from tests.helpers import forget_last_build

ROVER = "2021-02-18-rover-lands"


def build(root: Path) -> int:
    return main(site_args(root))


def stories_json(root: Path) -> dict[str, dict[str, object]]:
    data = json.loads((root / "output" / "stories.json").read_text(encoding="utf-8"))
    return {s["id"]: s for s in data["stories"]}


def slugs(root: Path) -> set[str]:
    return {r["slug"] for s in stories_json(root).values() for r in s["reports"]}  # type: ignore[attr-defined]


def test_edits_to_front_matter_and_body_show_on_next_build_and_are_kept(site: Path) -> None:
    assert build(site) == 0
    path = site / "content" / "articles" / "port-strike.md"
    edited = ("---\ntitle: Port strike ends after two days\nsource: BBC\ndate: 2021-03-03\n"
              "tags: [Labour]\nstory: 2021-02-18-rover-lands\n---\n\nWorkers EDITED BODY.\n")
    path.write_text(edited, encoding="utf-8")
    assert build(site) == 0
    assert path.read_text(encoding="utf-8") == edited
    page = (site / "output" / "articles" / "port-strike" / "index.html").read_text("utf-8")
    assert "Port strike ends after two days" in page and "Workers EDITED BODY." in page
    stories = stories_json(site)
    assert "2021-03-01-port-strike" not in stories  # the editor moved it into the rover story
    report = next(r for r in stories[ROVER]["reports"] if r["slug"] == "port-strike")  # type: ignore[attr-defined]
    assert report["date"] == "2021-03-03" and report["title"] == "Port strike ends after two days"
    assert "Labour" in page


def test_draft_and_future_articles_stay_out_of_site_and_feeds(site: Path) -> None:
    articles = site / "content" / "articles"
    draft = articles / "port-strike.md"
    draft.write_text(draft.read_text("utf-8").replace("story:", "draft: true\nstory:"), "utf-8")
    future = articles / "rover-first-pictures.md"
    future.write_text(future.read_text("utf-8").replace("2021-02-19", "2030-01-01"), "utf-8")
    assert build(site) == 0
    assert slugs(site) == {"rover-lands"}
    out = site / "output"
    assert not (out / "articles" / "port-strike").exists()
    assert not (out / "articles" / "rover-first-pictures").exists()
    for feed in ("feed.xml", "atom.xml"):
        text = (out / feed).read_text("utf-8")
        assert "port-strike" not in text and "first pictures" not in text.lower()
    draft.write_text(draft.read_text("utf-8").replace("draft: true\n", ""), "utf-8")
    assert build(site) == 0
    assert slugs(site) == {"rover-lands", "port-strike"}


def test_future_article_appears_once_its_date_has_come(site: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = site / "content" / "articles" / "port-strike.md"
    path.write_text(path.read_text("utf-8").replace("date: 2021-03-01", "date: 2024-01-01T09:00:00+00:00"),
                    "utf-8")
    assert build(site) == 0 and "port-strike" not in slugs(site)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704099600")  # 2024-01-01 09:00 UTC
    assert build(site) == 0 and "port-strike" in slugs(site)


def test_broken_front_matter_exits_1_with_path_line_and_output_unchanged(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build(site) == 0
    before = tree_hash(site / "output")
    path = site / "content" / "articles" / "port-strike.md"
    path.write_text("---\ntitle: Strike\nsource: BBC\ndate: 2021-03-01\ntags: [a, b\n---\nX\n",
                    encoding="utf-8")
    capsys.readouterr()
    assert build(site) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0].startswith(f"{path}:5: invalid YAML in front matter: ")  # the [
    assert "build failed: 1 error(s); output/ was left as it was" in err
    assert "Traceback" not in err
    assert tree_hash(site / "output") == before


@pytest.mark.parametrize("failure", [KeyboardInterrupt, RuntimeError])
def test_interrupted_or_crashed_build_leaves_output_byte_for_byte(
        site: Path, monkeypatch: pytest.MonkeyPatch, failure: type[BaseException]) -> None:
    assert build(site) == 0
    before = tree_hash(site / "output")
    (site / "content" / "articles" / "port-strike.md").unlink()
    calls = {"n": 0}
    real = write.Path.write_bytes

    def flaky(self: Path, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 5:  # half-way through writing the new tree
            raise failure("boom")
        return real(self, data)

    monkeypatch.setattr(write.Path, "write_bytes", flaky)
    if failure is KeyboardInterrupt:
        assert build(site) == 130
    else:
        with pytest.raises(RuntimeError):
            build(site)
    assert tree_hash(site / "output") == before
    assert sorted(p.name for p in site.iterdir()) == [".digest.lock", "content", "output"]


def test_crash_while_rendering_leaves_output(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert build(site) == 0
    before = tree_hash(site / "output")

    def crash(*_args: object, **_kwargs: object) -> dict[str, bytes]:
        raise KeyboardInterrupt

    monkeypatch.setattr(render, "site_work", crash)
    forget_last_build(site)  # the pipeline runs, as after a touched file
    assert build(site) == 130
    assert tree_hash(site / "output") == before


def test_leftovers_of_a_killed_build_are_removed(site: Path) -> None:
    stale = site / ".output.new-abc123"
    (stale / "articles").mkdir(parents=True)
    assert build(site) == 0
    assert not stale.exists()


def test_second_build_at_once_is_refused_with_a_clear_message(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build(site) == 0
    before = tree_hash(site / "output")
    lock_path = site / ".digest.lock"
    with lock.exclusive(lock_path):
        capsys.readouterr()
        assert build(site) == 1
        err = capsys.readouterr().err
    assert err.strip() == (f"digest: error: another build is running (pid {__import__('os').getpid()}); "
                           f"wait for it or remove {lock_path} if it crashed")
    assert tree_hash(site / "output") == before
    assert build(site) == 0  # the lock is released with its holder


def test_inbox_is_ingested_once_recorded_and_never_rewritten(site_with_inbox: Path) -> None:
    site = site_with_inbox
    assert build(site) == 0
    record = json.loads((site / "content" / ".digest" / "ingested.json").read_text("utf-8"))
    entry = record["ingested"]["inbox/001_harbour.txt"]
    article = site / "content" / "articles" / f"{entry['slug']}.md"
    assert article.is_file() and oct(article.stat().st_mode & 0o777) == "0o644"
    # the harbour report gives no date: the record keeps the one the build gave it
    assert set(entry) == {"raw_sha256", "slug", "article_sha256", "story", "dated"}
    assert f"date: {entry['dated']}\n" in article.read_text("utf-8")
    edited = article.read_text("utf-8").replace("\n---\n", "\n---\n\nEDITOR LINE.\n", 1)
    article.write_text(edited, "utf-8")
    assert build(site) == 0
    assert article.read_text("utf-8") == edited
    assert len(list((site / "content" / "articles").glob("*.md"))) == 4


def test_changed_inbox_source_is_a_conflict_and_reingest_redoes_it(
        site_with_inbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = site_with_inbox
    assert build(site) == 0
    record = json.loads((site / "content" / ".digest" / "ingested.json").read_text("utf-8"))
    slug = record["ingested"]["inbox/001_harbour.txt"]["slug"]
    article = site / "content" / "articles" / f"{slug}.md"
    edited = article.read_text("utf-8").replace("\n---\n", "\n---\n\nEDITOR LINE.\n", 1)
    article.write_text(edited, "utf-8")
    raw = site / "content" / "inbox" / "001_harbour.txt"
    raw.write_text(raw.read_text("utf-8") + "\nThe mayor thanked the crews.\n", "utf-8")
    capsys.readouterr()
    assert build(site) == 0
    err = capsys.readouterr().err
    assert (f"{article}: warning: its inbox source inbox/001_harbour.txt changed since it was "
            f"ingested; your version is kept: run 'digest reingest {slug}' to clean it again "
            "(the current file is kept as a .bak)") in err.splitlines()
    assert article.read_text("utf-8") == edited
    assert main(["reingest", slug, "--content", str(site / "content")]) == 0
    backup = article.with_name(article.name + ".bak")
    assert backup.read_text("utf-8") == edited
    assert "The mayor thanked the crews." in article.read_text("utf-8")
    assert "EDITOR LINE." not in article.read_text("utf-8")
    capsys.readouterr()
    assert build(site) == 0
    assert "changed since it was ingested" not in capsys.readouterr().err
    assert main(["reingest", slug, "--content", str(site / "content")]) == 0
    assert article.with_name(article.name + ".1.bak").is_file()  # the first .bak is kept


def test_reingest_of_a_hand_written_article_explains(site: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = site / "content" / "articles" / "port-strike.md"
    assert main(["reingest", "port-strike", "--content", str(site / "content")]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{path}:1: no 'raw:' field, so there is no inbox file to clean again; edit the "
        "article instead")
    assert main(["reingest", "nope", "--content", str(site / "content")]) == 2


def test_build_assigned_tells_editor_pinned_stories_apart(site_with_inbox: Path) -> None:
    site = site_with_inbox
    from generator import content
    from generator.ingest import inbox, manifest
    assert build(site) == 0
    assigned = inbox.build_assigned(site / "content")
    (slug, story), = assigned.items()
    articles, _ = content.load_articles(site / "content" / "articles")
    pinned = manifest.editor_pinned(site / "content", articles)
    assert slug not in pinned and pinned["port-strike"] == "2021-03-01-port-strike"
    path = site / "content" / "articles" / f"{slug}.md"
    path.write_text(path.read_text("utf-8").replace(f"story: {story}", f"story: {ROVER}"), "utf-8")
    articles, _ = content.load_articles(site / "content" / "articles")
    assert manifest.editor_pinned(site / "content", articles)[slug] == ROVER


def test_summary_line(site_with_inbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = site_with_inbox
    path = site / "content" / "articles" / "port-strike.md"
    path.write_text(path.read_text("utf-8").replace("story:", "draft: true\nstory:"), "utf-8")
    assert build(site) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("built: 1 articles ingested, 4 articles, ")
    assert " unchanged, 1 held back (draft or future date), " in out and out.endswith(" s")
