"""Reading content files safely: size limits, symlinks that leave the content folder, encodings.

Every refusal is a Problem naming the file and saying how to fix it; nothing here raises
anything but ContentError.

The size limits are what a build can take in seconds (bench/RESULTS.md, "Largest accepted
inputs"): Markdown costs most where it is densest (128 KB of '![' builds in about 5 s), and a
report's text at most doubles when it is escaped into its article, so a report's text may be
under half an article. A saved page is mostly scripts and markup: its limit is larger, and
the cleaner also counts its elements and text (``generator.ingest.html_input``).
"""

from __future__ import annotations

import gzip
import io
import os
import re
import tempfile
import unicodedata
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import ContentError, Problem, SourcePos, WriteError

KB = 1024
MB = 1024 * KB
ARTICLE_BYTES = 128 * KB  # an article, a story note, site.yaml, about.md: what editors write
REPORT_TEXT_BYTES = 60 * KB  # an inbox .txt or .md: escaped at most twice this, + front matter
PAGE_BYTES = 5 * MB  # an inbox .html, .htm (also once gunzipped): a saved web page
MAX_BYTES = PAGE_BYTES  # the most any content file may hold
PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
FILE_MODE = 0o644  # files the build creates in content/ (mkstemp would make them 0600)
_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff")
_TEXT_CONTROLS = frozenset("\t\n\r\f")
# Characters no page or feed may carry: C0 controls but tab and line ends, DEL, C1 controls
# (lxml refuses most of them in XML feeds), lone surrogates, U+FFFE and U+FFFF
NOT_TEXT = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def report_limit(name: str) -> int:
    """The most bytes an inbox file named ``name`` may hold: a saved page, or a report's text."""
    return PAGE_BYTES if name.lower().endswith(PAGE_SUFFIXES) else REPORT_TEXT_BYTES


def byte_limit(path: Path, content_dir: Path) -> int:
    """The most bytes the content file ``path`` may hold: an inbox file's by its type, any
    other file (articles, story notes, settings) an article's."""
    if path.parent.resolve() == (content_dir / "inbox").resolve():
        return report_limit(path.name)
    return ARTICLE_BYTES


def over_limit(size: int, limit: int) -> str:
    """The refusal of a file of ``size`` bytes over ``limit``, saying how to fix it."""
    return (f"refused: {shown_size(size)} is over the {shown_size(limit)} limit; keep only the "
            "report's text in the file")


def shown_size(size: int) -> str:
    """Bytes as an editor reads them: '5.1 MB', '205.3 KB'; limits are whole ('200 KB')."""
    unit, name = (MB, "MB") if size >= MB else (KB, "KB")
    return f"{size // unit} {name}" if size % unit == 0 else f"{size / unit:.1f} {name}"


def refusal(path: Path, content_dir: Path) -> Problem | None:
    """An error if the file must not be read: a symlink leaving ``content_dir``, or over its
    size limit (``byte_limit``)."""
    root = content_dir.resolve()
    try:
        target = path.resolve()
    except (RuntimeError, OSError):  # a loop of symlinks ("Symlink loop from ...")
        return Problem(SourcePos(path), "refused: a loop of symlinks that leads to no file; "
                                        "replace the link with the file itself")
    if not target.is_relative_to(root):
        return Problem(SourcePos(path), f"refused: a symlink to {target}, outside the content "
                                        f"folder {content_dir}; copy the file in instead")
    try:
        size = target.stat().st_size
    except OSError as exc:
        return Problem(SourcePos(path), f"cannot read the file ({exc.strerror}); check that it "
                                        "exists and is readable")
    limit = byte_limit(path, content_dir)
    if size > limit:
        return Problem(SourcePos(path), over_limit(size, limit))
    return None


def gunzip(data: bytes, path: Path) -> bytes:
    """The bytes of a gzip file, refused once they pass the size limit of a saved page: a few
    KB of gzip can unpack to gigabytes. A broken file is a ContentError."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as unpacked:
            page = unpacked.read(PAGE_BYTES + 1)  # no further: it may never end
    except (OSError, EOFError, zlib.error):
        raise ContentError([Problem(SourcePos(path), "not a valid gzip file; save the page "
                                    "uncompressed as .html or compress it again with gzip")]
                           ) from None
    if len(page) > PAGE_BYTES:
        raise ContentError([Problem(SourcePos(path), f"refused: over the "
                                    f"{shown_size(PAGE_BYTES)} limit once uncompressed; save "
                                    "only the article's page")])
    return page


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


def not_text(text: str) -> tuple[int, str] | None:
    """The index of the first character ``text`` must not carry (see ``NOT_TEXT``) and the
    message saying so, or None when every character may be shown."""
    found = NOT_TEXT.search(text)
    if found is None:
        return None
    char = found.group()
    kind = "a control character" if unicodedata.category(char) == "Cc" else "not a character"
    return found.start(), f"character U+{ord(char):04X} ({kind}) is not allowed; delete it"


def write_atomic(path: Path, text: str, what: str = "the file") -> None:
    """Replace a content file in one step (temp file beside it, then rename): readers see the
    old text or the new, never half of it. One that cannot be written is a ContentError
    (``unwritable``: ``cannot write {what}: ...``), the file as it was."""
    with temp_beside(path, text, what) as tmp:
        try:
            os.replace(tmp, path)
        except OSError as exc:
            raise unwritable(path, exc, what) from None


@contextmanager
def temp_beside(path: Path, text: str, what: str = "the file") -> Iterator[Path]:
    """``text`` in a temp file beside ``path`` (mode ``FILE_MODE``, ``\n`` line ends), for the
    caller to rename or link into place; removed on leaving, whatever happened. An OSError
    while it is made is ``unwritable``."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise unwritable(path, exc, what) from None
    tmp = Path(name)
    try:
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                os.fchmod(handle.fileno(), FILE_MODE)
                handle.write(text)
        except OSError as exc:
            raise unwritable(path, exc, what) from None
        yield tmp
    finally:
        tmp.unlink(missing_ok=True)


def unwritable(path: Path, exc: OSError, what: str = "the file") -> ContentError:
    """The one-line error for a content file that cannot be written (a full disk, a
    read-only folder), which is as it was."""
    return ContentError([Problem(SourcePos(path), f"cannot write {what}: "
                                 f"{WriteError.reason(exc, path.parent, 'try again')}")])
