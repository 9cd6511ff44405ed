"""recluster.py: unpinned articles are placed again, pinned ones stay, files change minimally."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import content as content_module
from generator import recluster
from generator.cli import main
from generator.ingest import manifest
from generator.model import Article
from generator.util import files

QUAKE = ("A magnitude 7.8 earthquake struck central Nepal near Pokhara on Saturday, killing "
         "more than 1,000 people and flattening villages in Gorkha district, officials said. "
         "Rescue teams from India and China reached Kathmandu as aftershocks shook the valley.")
QUAKE_2 = ("Rescuers in Nepal dug through rubble in Gorkha district after Saturday's 7.8 "
           "magnitude earthquake near Pokhara killed more than 1,000 people; teams from India "
           "and China arrived in Kathmandu while aftershocks continued.")
ELECTION = ("Voters in Chile elected a new constitutional assembly on Sunday, with independent "
            "candidates winning most of the 155 seats and the governing coalition trailing "
            "badly in Santiago, according to official results from the electoral service.")


def article(content: Path, slug: str, title: str, body: str, story: str, raw: str | None,
            entries: dict[str, manifest.Entry]) -> Path:
    text = (f"---\ntitle: {title}\nsource: Wire\ndate: 2015-04-25\nstory: {story}\n"
            + (f"raw: {raw}\n" if raw else "") + f"---\n\n{body}\n")
    path = content / "articles" / f"{slug}.md"
    path.write_text(text, encoding="utf-8")
    if raw:
        entries[raw] = manifest.Entry(raw_sha256="0" * 64, slug=slug,
                                      article_sha256=manifest.sha256(text.encode()), story=story)
    return path


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "articles").mkdir(parents=True)
    entries: dict[str, manifest.Entry] = {}
    article(root, "quake-a", "Earthquake kills 1,000 in Nepal", QUAKE, "old-a", "inbox/a.txt",
            entries)
    article(root, "quake-b", "Nepal rescuers dig after quake", QUAKE_2, "old-b", "inbox/b.txt",
            entries)
    article(root, "chile", "Chile elects constitutional assembly", ELECTION, "old-a",
            "inbox/c.txt", entries)
    manifest.save(root, entries)
    return root


def test_unpinned_articles_regroup_and_keep_an_old_id(content: Path) -> None:
    moves = {m.slug: (m.old, m.new) for m in recluster.plan(content)}
    assert moves["quake-b"] == ("old-b", "old-a")
    assert "quake-a" not in moves
    assert moves["chile"][0] == "old-a" and moves["chile"][1] not in ("old-a", "old-b")


def test_pinned_story_is_never_changed(content: Path) -> None:
    quake_b = content / "articles" / "quake-b.md"
    quake_b.write_text(quake_b.read_text(encoding="utf-8").replace("story: old-b",
                                                                   "story: editor-choice"),
                       encoding="utf-8")
    moves = {m.slug: m.new for m in recluster.plan(content)}
    assert "quake-b" not in moves


def test_apply_rewrites_only_the_story_line_and_the_record(content: Path, tmp_path: Path) -> None:
    path = content / "articles" / "quake-b.md"
    before = path.read_text(encoding="utf-8")
    moves = recluster.plan(content)
    recluster.apply(content, tmp_path / "output", moves)
    after = path.read_text(encoding="utf-8")
    assert after == before.replace("story: old-b", "story: old-a")
    record = {e.slug: e for e in manifest.load(content).values()}
    assert record["quake-b"].story == "old-a"
    assert record["quake-b"].article_sha256 == manifest.sha256(after.encode())
    assert recluster.plan(content) == []  # a second run moves nothing


def test_cli_dry_run_changes_nothing(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = {p: p.read_bytes() for p in (content / "articles").iterdir()}
    assert main(["recluster", "--content", str(content), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "quake-b: old-b -> old-a" in out and "would move 2 article(s)" in out
    assert {p: p.read_bytes() for p in (content / "articles").iterdir()} == files


def test_with_story_touches_front_matter_only() -> None:
    text = "---\ntitle: A\nstory: x\n---\n\nstory: not front matter\n"
    assert recluster.with_story(text, "y") == "---\ntitle: A\nstory: y\n---\n\nstory: not front matter\n"
    assert recluster.with_story("---\ntitle: A\n---\nBody\n", "y") == "---\ntitle: A\nstory: y\n---\nBody\n"


def test_with_story_keeps_every_other_byte() -> None:
    crlf = "\ufeff---\r\ntitle: A\r\n---\r\nBody\r\n"
    assert recluster.with_story(crlf, "y") == "\ufeff---\r\ntitle: A\r\nstory: y\r\n---\r\nBody\r\n"
    assert recluster.with_story("---\r\nstory:\r\n---\r\n", "y") == "---\r\nstory: y\r\n---\r\n"
    # the closing fence is the first line that is only '---', as the loader reads it
    text = "---\ntitle: A\n---- not a fence\n---  \nBody\n"
    assert recluster.with_story(text, "y") == "---\ntitle: A\n---- not a fence\nstory: y\n---  \nBody\n"
    with pytest.raises(ValueError):
        recluster.with_story("---\ntitle: A\n", "y")


def hand_written(content: Path, slug: str, body: str) -> Article:
    path = content / "articles" / f"{slug}.md"
    path.write_text(f"---\ntitle: Nepal quake toll rises\nsource: Desk\ndate: 2015-04-25\n---\n"
                    f"\n{body}\n", encoding="utf-8")
    return content_module.parse_article(path.read_text(encoding="utf-8"), path)[0]


def test_write_assigned_adds_the_line_records_it_and_recluster_may_move_it(
        content: Path) -> None:
    article = hand_written(content, "desk", QUAKE)
    before = article.path.read_bytes()
    assert recluster.write_assigned(content, [(article, "old-c")]) == [article.path]
    after = article.path.read_bytes()
    assert after == before.replace(b"---\n\n", b"story: old-c\n---\n\n")
    entry = manifest.load(content)["articles/desk.md"]
    assert entry == manifest.Entry("", "desk", manifest.sha256(after), "old-c")
    moves = {m.slug: (m.old, m.new) for m in recluster.plan(content)}
    assert moves["desk"] == ("old-c", "old-a")  # build-assigned, so not pinned: it joins the quake
    recluster.apply(content, content.parent / "output", recluster.plan(content))
    assert manifest.load(content)["articles/desk.md"].story == "old-a"


def test_write_assigned_leaves_a_file_changed_since_it_was_read(content: Path) -> None:
    article = hand_written(content, "desk", QUAKE)
    edited = article.path.read_text(encoding="utf-8") + "An editor's new line.\n"
    article.path.write_text(edited, encoding="utf-8")
    record = (content / manifest.PATH).read_bytes()
    assert recluster.write_assigned(content, [(article, "old-a")]) == []
    assert article.path.read_text(encoding="utf-8") == edited
    assert (content / manifest.PATH).read_bytes() == record
    cp1252 = hand_written(content, "cafe", "Caf\u00e9 owners said so.")
    cp1252.path.write_bytes(cp1252.path.read_text(encoding="utf-8").encode("cp1252"))
    latin = content_module.parse_article(
        files.read_checked(cp1252.path, content)[0], cp1252.path)[0]
    assert recluster.write_assigned(content, [(latin, "old-a")]) == []  # not UTF-8: left alone


def test_write_assigned_sets_an_empty_story_line(content: Path) -> None:
    path = content / "articles" / "blank.md"
    path.write_text("---\ntitle: A\nsource: B\ndate: 2015-04-25\nstory:\n---\nText.\n", "utf-8")
    article = content_module.parse_article(path.read_text(encoding="utf-8"), path)[0]
    assert recluster.write_assigned(content, [(article, "old-a")]) == [path]
    assert path.read_text(encoding="utf-8") == (
        "---\ntitle: A\nsource: B\ndate: 2015-04-25\nstory: old-a\n---\nText.\n")


def test_a_date_the_build_gave_for_want_of_one_is_read_as_none(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    """The build placed a report with no date of its own as undated, and gave its article a
    date (its story's, or the build day) marked inferred, recorded as ``dated``; recluster
    reads that article as undated again, not as news of that day, unless an editor has
    dated it since."""
    inbox = tmp_path / "content" / "inbox"
    inbox.mkdir(parents=True)
    (inbox / "a.txt").write_text(f"Earthquake kills 1,000 in Nepal\n\n{QUAKE}\n", "utf-8")
    (inbox / "b.txt").write_text(f"Chile elects an assembly\n\nPublished: April 26, 2015\n\n"
                                 f"{ELECTION}\n", encoding="utf-8")
    content = tmp_path / "content"
    assert main(["build", "--content", str(content), "--output", str(tmp_path / "out"),
                 "--quiet"]) == 0
    entries = manifest.load(content)
    path = content / "articles" / f"{entries['inbox/a.txt'].slug}.md"
    quake = content_module.parse_article(path.read_text("utf-8"), path)[0]
    assert quake is not None and quake.date_inferred
    assert entries["inbox/a.txt"].dated == quake.day.isoformat()  # the build's date
    assert entries["inbox/b.txt"].dated == ""  # its own date
    assert '"dated"' not in (content / manifest.PATH).read_text("utf-8").split('inbox/b')[1]
    seen: list[object] = []
    monkeypatch.setattr(recluster.cluster, "assign",
                        lambda docs: seen.extend(docs) or {d.key: "s" for d in docs})
    recluster.plan(content)
    dates = {d.key: d.date for d in seen}  # type: ignore[attr-defined]
    assert dates[quake.slug] is None and dates[entries["inbox/b.txt"].slug] is not None
    # an editor dates it by hand
    path.write_text(path.read_text("utf-8").replace(f"date: {quake.day.isoformat()}",
                                                    "date: 2015-04-25"), encoding="utf-8")
    seen.clear()
    recluster.plan(content)
    assert {d.key: d.date for d in seen}[quake.slug] is not None  # type: ignore[attr-defined]
