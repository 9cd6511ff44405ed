"""Reading a raw inbox file: bytes -> text, with clear errors for files that are not text."""

from __future__ import annotations

from pathlib import Path

from generator.errors import ContentError, Problem, SourcePos
from generator.util import files

_BINARY_CONTROL = frozenset(range(0, 9)) | frozenset(range(14, 32)) - {27}
_MAX_CONTROL_SHARE = 0.01


def fail(path: Path, line: int, message: str) -> ContentError:
    """A ContentError about one place in one file."""
    return ContentError([Problem(SourcePos(path, line), message)])


def read_bytes(path: Path) -> bytes:
    """The file's bytes, gunzipped for ``.gz``; unreadable files are a ContentError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise fail(path, 0, f"cannot read the file ({exc.strerror}); check it exists and is "
                            "readable") from None
    if path.name.lower().endswith(".gz"):
        data = files.gunzip(data, path)
    return data


def decode(data: bytes, path: Path) -> tuple[str, tuple[str, ...]]:
    """UTF-8 text (a BOM is dropped); cp1252 with a note when that is the only reading."""
    if not data.strip():
        raise fail(path, 0, "the file is empty; paste the report's text into it or delete it")
    if b"\x00" in data or _control_share(data) > _MAX_CONTROL_SHARE:
        raise fail(path, 0, "this is a binary file, not text; save the report as plain text "
                            "(.txt), HTML (.html) or Markdown (.md)")
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        text = files.cp1252_text(data)  # one rule for "unambiguous" with the article loader
        if text is None:
            raise fail(path, line, "not UTF-8 text (nor Windows-1252); save the file as "
                                   "UTF-8") from None
        return text, (f"not UTF-8: read as Windows-1252 (first odd byte on line {line}); "
                      "check accented letters and quotes",)


def _control_share(data: bytes) -> float:
    sample = data[:65536]
    return sum(byte in _BINARY_CONTROL for byte in sample) / len(sample)
