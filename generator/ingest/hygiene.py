"""Text hygiene: line endings, odd spaces, HTML entities, mojibake, control characters; then
split into blocks."""

from __future__ import annotations

import html
import re

from generator.ingest.state import Block
from generator.util.files import NOT_TEXT

_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_RUNS_OF_SPACES = re.compile(r" {2,}")
# A UTF-8 lead byte then continuation bytes, all shown as cp1252/latin-1 characters.
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_HIGH}]{{1,3}}")
_TERMINAL = tuple(".!?:;\"”’)…")
# A terminal's colour code (ESC [ 1 m) goes whole: its '[1m' would be junk as well
_CONTROLS = re.compile(rf"\x1b\[[0-?]*[ -/]*[@-~]|{NOT_TEXT.pattern}")


def normalize(text: str) -> str:
    """Unify line endings and spaces, decode entities, repair mojibake, drop control
    characters, trim lines."""
    return normalize_noting(text)[0]


def normalize_noting(text: str) -> tuple[str, str | None]:
    """``normalize``, and the note for the editor when it dropped control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = decode_entities(text)
    text = fix_mojibake(text)  # first: a C1 control may be half of a letter this repairs
    text, note = drop_controls(text)
    text = _SPACES.sub(" ", text)
    lines = (_RUNS_OF_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(lines), note


def drop_controls(text: str) -> tuple[str, str | None]:
    """``text`` without the characters no page or feed can carry (ESC and the other control
    characters, lone surrogates, U+FFFE/U+FFFF: scraping junk, and lxml refuses them in a
    feed; an ESC that starts a terminal's colour code goes with the code), and a note saying
    how many went, or None when there were none."""
    found: dict[str, int] = {}

    def count(match: re.Match[str]) -> str:
        char = match.group()[0]
        found[char] = found.get(char, 0) + 1
        return ""

    text = _CONTROLS.sub(count, text)
    if not found:
        return text, None
    total = sum(found.values())
    codes = ", ".join(f"U+{ord(char):04X}" for char in sorted(found)[:3])
    more = ", ..." if len(found) > 3 else ""
    return text, (f"removed {total} control character{'s' if total > 1 else ''} ({codes}{more}) "
                  "that no page or feed can show")


def decode_entities(text: str) -> str:
    """``&#8217;`` -> ’ and ``&amp;`` -> &; a bare ``&`` (AT&T) stays as it is."""
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 read as cp1252 (``â€™`` -> ’) wherever the bytes decode cleanly."""
    return _MOJIBAKE.sub(_redecode, text)


def _redecode(match: re.Match[str]) -> str:
    raw = bytearray()
    for char in match.group(0):
        if ord(char) < 256:
            raw.append(ord(char))
        else:
            raw.extend(char.encode("cp1252"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return match.group(0)


def split_blocks(text: str) -> tuple[Block, ...]:
    """One block per line; lines hard-wrapped inside a paragraph are joined back."""
    blocks: list[Block] = []
    previous_blank = True
    for number, line in enumerate(text.split("\n"), start=1):
        if not line:
            previous_blank = True
            continue
        if blocks and not previous_blank and is_continuation(blocks[-1].text, line):
            last = blocks[-1]
            blocks[-1] = Block(f"{last.text} {line}", last.line, last.kind)
        else:
            blocks.append(Block(line, number))
        previous_blank = False
    return tuple(blocks)


def is_continuation(previous: str, line: str) -> bool:
    """True when ``line`` continues a sentence broken by a hard wrap."""
    if previous.endswith(_TERMINAL) or len(previous) < 40:
        return False
    first = line[0]
    return first.islower() or (first.isdigit() and previous[-1].isalpha() and len(previous) > 60)
