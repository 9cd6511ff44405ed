"""The build cache's values: data that reads back as written, runs no code, and a damaged
value or file that reads as missing."""

from __future__ import annotations

import datetime as dt
import pickle
import sqlite3
from pathlib import Path

import pytest

from generator import codec
from generator.cache import store as cache


class Payload:
    """What a crafted pickle in a committed cache file would do on reading: run code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (Path.touch, (str(self.marker),))  # type: ignore[return-value]


def test_values_read_back_as_written() -> None:
    aware = dt.datetime(2021, 7, 8, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=4, minutes=30)))
    value = {"articles/one/index.html": b"<p>x</p>", "row": ("T", dt.date(2021, 7, 8), aware,
                                                             None, True, 3, ("a", "b")),
             "naive": dt.datetime(2021, 7, 8, 9, 30)}
    back = codec.loads(codec.dumps(value))
    assert back == value
    assert back["row"][2].utcoffset() == dt.timedelta(hours=4, minutes=30)
    assert type(back["row"][1]) is dt.date
    assert codec.loads(codec.dumps(["a", ["b"]])) == ("a", ("b",))  # lists come back as tuples


def test_a_crafted_pickle_runs_no_code_and_is_a_clear_error(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    crafted = pickle.dumps(Payload(marker))
    with pytest.raises(codec.Damaged, match="delete content/.digest/.cache/ and build again"):
        codec.loads(crafted)
    assert not marker.exists()
    with pytest.raises(codec.Damaged):
        codec.loads(b"\xc1garbage")


def test_a_value_that_cannot_be_held_is_refused() -> None:
    with pytest.raises(TypeError, match="cannot hold a PosixPath"):
        codec.dumps({"x": Path("/")})


def test_a_damaged_entry_reads_as_missing_and_is_counted(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with cache.Cache(path) as store:
        store.put_many({"a": codec.dumps(("one",)), "b": codec.dumps(("two",))})
    with sqlite3.connect(path) as db:  # a torn write or a bad disk: one byte of "a" changed
        value = db.execute("SELECT value FROM blobs WHERE key = 'a'").fetchone()[0]
        db.execute("UPDATE blobs SET value = ? WHERE key = 'a'",
                   (value[:2] + bytes([value[2] ^ 1]) + value[3:],))
    with cache.Cache(path) as store:
        found = store.get_many(["a", "b"])
        assert set(found) == {"b"} and codec.loads(found["b"]) == ("two",)
        assert store.damaged == 1


def test_a_cache_of_the_old_format_is_emptied(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with sqlite3.connect(path) as db:  # as release 1 left it: pickled values, user_version 0
        db.execute("CREATE TABLE blobs (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        db.execute("INSERT INTO blobs VALUES ('stamps:x', ?)",
                   (pickle.dumps(Payload(tmp_path / "ran")),))
    with cache.Cache(path) as store:
        assert store.get_many(["stamps:x"]) == {} and store.damaged == 0
        store.put_many({"k": b"v"})
    with cache.Cache(path) as store:
        assert store.get_many(["k"]) == {"k": b"v"}
    assert not (tmp_path / "ran").exists()


def test_a_file_that_is_not_a_database_is_made_anew(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"this is not SQLite" * 100)
    with cache.Cache(path) as store:
        assert store.damaged == 1
        store.put_many({"k": b"v"})
        assert store.get_many(["k"]) == {"k": b"v"}


def test_a_value_of_another_shape_is_damaged_not_a_traceback() -> None:
    with pytest.raises(codec.Damaged, match="a int where a dict belongs"):
        codec.loads(codec.dumps(5), dict)
    with pytest.raises(codec.Damaged):
        codec.loads(codec.dumps(("a", "b")), tuple, 3)
    assert codec.loads(codec.dumps(("a", "b")), tuple, 2) == ("a", "b")


def test_a_crafted_article_parse_of_the_right_outer_shape_is_damaged(tmp_path: Path) -> None:
    from generator.cache import memo

    with pytest.raises(codec.Damaged, match="a parse of x.md of another shape"):
        memo._decode(tmp_path / "x.md", codec.dumps((("only", "two"), (), "digest")))
