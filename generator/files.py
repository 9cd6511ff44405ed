"""Reading content files safely: size limit, symlinks that leave the content folder, encodings.

Every refusal is a Problem naming the file and saying how to fix it; nothing here raises
anything but ContentError.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from generator.errors import ContentError, Problem, SourcePos

MAX_BYTES = 5 * 1024 * 1024
FILE_MODE = 0o644  # files the build creates in content/ (mkstemp would make them 0600)
_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff")
_TEXT_CONTROLS = frozenset("\t\n\r\f")


def refusal(path: Path, content_dir: Path) -> Problem | None:
    """An error if the file must not be read: a symlink leaving ``content_dir``, or over 5 MB."""
    root = content_dir.resolve()
    target = path.resolve()
    if not target.is_relative_to(root):
        return Problem(SourcePos(path), f"refused: a symlink to {target}, outside the content "
                                        f"folder {content_dir}; copy the file in instead")
    try:
        size = target.stat().st_size
    except OSError as exc:
        return Problem(SourcePos(path), f"cannot read the file ({exc.strerror}); check that it "
                                        "exists and is readable")
    if size > MAX_BYTES:
        return Problem(SourcePos(path), f"refused: {size / 1_048_576:.1f} MB is over the 5 MB "
                                        "limit; keep only the report's text in the file")
    return None


def read_checked(path: Path, content_dir: Path) -> tuple[str, list[Problem]]:
    """A content file as text (LF line ends) and its warnings; raises ContentError if refused."""
    problem = refusal(path, content_dir)
    if problem is not None:
        raise ContentError([problem])
    return decode(path.read_bytes(), path)


def decode(data: bytes, path: Path) -> tuple[str, list[Problem]]:
    """UTF-8 text; Windows-1252 with a warning when that reading is unambiguous; else an error."""
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
    text = cp1252_text(data)
    if text is None:
        raise ContentError([Problem(SourcePos(path, line),
                                    "not UTF-8 text; save the file as UTF-8")])
    warning = Problem(SourcePos(path, line), "not UTF-8: read as Windows-1252; check accented "
                                             "letters and quotes, then save the file as UTF-8",
                      "warning")
    return text.replace("\r\n", "\n"), [warning]


def cp1252_text(data: bytes) -> str | None:
    """The Windows-1252 reading of ``data``, or None when it is not plainly text that way."""
    if data.startswith(_UTF16_32_BOMS) or b"\x00" in data:
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if any(ord(c) < 32 and c not in _TEXT_CONTROLS for c in text):
        return None
    return text


def write_atomic(path: Path, text: str) -> None:
    """Replace a content file in one step (temp file beside it, then rename): readers see the
    old text or the new, never half of it."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
