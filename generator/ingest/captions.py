"""Photo captions and credits: ``... REUTERS/Parwiz``, ``... [File: AFP]``, ``© Reuters. ...``,
``Photo: NASA/JPL-Caltech via AP``. Captions leave the body and become ``images``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.ingest.state import CAPTION, PARA, Block, State
from generator.model import Image

_NAME = r"[A-Z][\w&.'’-]*"
_NAMES = rf"{_NAME}(?: {_NAME}){{0,3}}"
# "… Afghanistan. REUTERS/Parwiz", "… on Monday. AP Photo/Evan Vucci via AP"
_SLASH_CREDIT = re.compile(rf"(?<=[.!?”\"’)]) (?P<credit>{_NAMES}/{_NAMES}(?: via {_NAMES})?)$")
# "… Afghanistan [Parwiz/Reuters]", "… [File: AFP]"
_BRACKET_CREDIT = re.compile(r"\s*\[(?P<credit>(?:File: ?)?[A-Z][^\[\]]{1,60})\]$")
# "… (AP Photo/Evan Vucci)", "… (Photo by Jane Doe/Getty Images)"
_PAREN_CREDIT = re.compile(rf"\s*\((?P<credit>(?:{_NAMES} )?(?:Photos?|Photograph|Picture|Image)"
                           rf"(?: by)?[:/ ] ?[^()]{{2,60}})\)$")
# "Photo: NASA/JPL-Caltech via AP" as a suffix or on a line of its own
_LABEL_CREDIT = re.compile(r"(?:^|(?<=[.!?”\"’)]) )\(?(?:Photo|Photograph|Picture|Image|Credit|"
                           r"Photo credit|Photos|Source photo)s?\s?: ?(?P<credit>[^()]{2,80}?)\)?$",
                           re.IGNORECASE)
# "© Reuters. On July 8, 2021, ..."
_COPYRIGHT_PREFIX = re.compile(r"^(?:©|\(c\))\s?(?P<agency>[A-Z][\w&.' -]{1,40}?)\.\s+"
                               r"(?P<rest>.+)$")
_MIN_CAPTION_WORDS = 4


@dataclass(frozen=True, slots=True)
class Caption:
    """A caption split from its credit; ``text`` is empty for a credit-only line."""

    text: str
    credit: str | None


def split_caption(line: str) -> Caption | None:
    """The caption and credit in a line, or None when the line is not a caption."""
    prefix = _COPYRIGHT_PREFIX.match(line)
    agency = None
    if prefix and "rights reserved" not in line.lower():
        agency, line = prefix.group("agency"), prefix.group("rest")
    for pattern in (_SLASH_CREDIT, _BRACKET_CREDIT, _PAREN_CREDIT, _LABEL_CREDIT):
        found = pattern.search(line)
        if found and _is_credit(found.group("credit")):
            text = line[: found.start()].strip()
            if text and len(text.split()) < _MIN_CAPTION_WORDS:
                return None
            return Caption(text, found.group("credit").strip())
    if agency and len(line.split()) >= _MIN_CAPTION_WORDS:
        return Caption(line, agency)
    return None


def _is_credit(credit: str) -> bool:
    """Credits name people or agencies: short, no sentence inside."""
    words = credit.split()
    return 0 < len(words) <= 8 and not re.search(r"[.!?]\s", credit)


def mark_captions(state: State) -> State:
    """Mark caption lines; a credit-only line credits the line above it."""
    blocks = list(state.blocks)
    out: list[Block] = []
    for block in blocks:
        caption = split_caption(block.text) if block.kind == PARA else None
        if caption is None:
            out.append(block)
        elif caption.text:
            out.append(Block(caption.text, block.line, CAPTION, caption.credit))
        elif out and out[-1].kind in (PARA, CAPTION) and out[-1].credit is None:
            above = out[-1]
            out[-1] = Block(above.text, above.line, CAPTION, caption.credit)
        # a credit line with nothing to credit is dropped
    return replace(state, blocks=tuple(out))


def collect_captions(state: State) -> State:
    """Move caption blocks out of the body into ``images`` (each caption once)."""
    images = list(state.images)
    for block in state.blocks:
        if block.kind == CAPTION:
            image = Image(block.text, block.credit)
            if all(i.caption != image.caption for i in images):
                images.append(image)
    kept = tuple(b for b in state.blocks if b.kind != CAPTION)
    return replace(state, blocks=kept, images=tuple(images))
