"""Photo captions and credits: ``... REUTERS/Parwiz``, ``... [File: AFP]``, ``© Reuters. ...``,
``Photo: NASA/JPL-Caltech via AP``, ``... Credit: EPA``, BBC's ``Image caption ...``. Captions
leave the body and become ``images``.

A credit on a line of its own credits the line above only when that line reads as a caption:
short, describing a picture, not a body paragraph (reported speech, a quotation, a narrative
in the past tense); otherwise the credit stands alone and the paragraph stays in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.ingest.dates import find_dates
from generator.ingest.junk import is_teaser_line
from generator.ingest.state import CAPTION, PARA, Block, State
from generator.model import Image

_NAME = r"[A-Z][\w&.'’-]*"
_NAMES = rf"{_NAME}(?: {_NAME}){{0,3}}"
# "… Afghanistan. REUTERS/Parwiz", "… on Monday. AP Photo/Evan Vucci via AP"
_SLASH_CREDIT = re.compile(rf"(?<=[.!?”\"’)]) (?P<credit>{_NAMES}/{_NAMES}(?: via {_NAMES})?)$")
# "Jane Doe/Reuters" on a line of its own
_SLASH_LINE = re.compile(rf"^(?P<credit>{_NAMES}/{_NAMES}(?: via {_NAMES})?)$")
# "… Afghanistan [Parwiz/Reuters]", "… [File: AFP]"
_BRACKET_CREDIT = re.compile(r"\s*\[(?P<credit>(?:File: ?)?[A-Z][^\[\]]{1,60})\]$")
# "… (AP Photo/Evan Vucci)", "… (Photo by Jane Doe/Getty Images)"
_PAREN_CREDIT = re.compile(rf"\s*\((?P<credit>(?:{_NAMES} )?(?:Photos?|Photograph|Picture|Image)"
                           rf"(?: by)?[:/ ] ?[^()]{{2,60}})\)$")
# "… space walk. (NASA via AP, File)", "… in Kabul. (AP Photo/Rahmat Gul, File)" (AP style)
_PAREN_VIA = re.compile(rf"(?<=[.!?”\"’]) \((?P<credit>{_NAMES}(?:/{_NAMES})?(?: via {_NAMES})?"
                        rf", (?:File|Pool|Handout)|{_NAMES} via {_NAMES})\)$")
# "Natalie Naccache | Bloomberg | Getty Images" on a line of its own: names, then a picture agency
_PIPE_LINE = re.compile(rf"^(?P<credit>{_NAMES}(?: \| {_NAMES}){{0,2}} \| (?:Getty Images|AFP|AP|"
                        rf"Reuters|EPA|Shutterstock|Alamy|Pool|{_NAME} (?:Images|Photos?)))$")
# "Photo: NASA/JPL-Caltech via AP" as a suffix or on a line of its own
_LABEL_CREDIT = re.compile(r"(?:^|(?<=[.!?”\"’)]) | (?=\())\(?(?:Photo|Photograph|Picture|Image|"
                           r"Credit|Photo credit|Photos|Source photo)s?\s?: ?"
                           r"(?P<credit>[^()]{2,80}?)\)?$",
                           re.IGNORECASE)
# "… in May Credit: The Siberian Times" (a capitalised label glued on without punctuation)
_GLUED_CREDIT = re.compile(r"(?<=\w) (?:Credit|Photo|Picture|Image)s?: (?P<credit>[^()]{2,60})$")
# BBC: "Image copyright Getty Images" (a credit line) above "Image caption Scooter Braun ..."
_LABELLED_CREDIT = re.compile(r"^(?:Image|Photo|Picture|Media) (?:copyright|source|credit)"
                              r"\s+(?P<credit>.{2,60})$", re.IGNORECASE)
_LABELLED_CAPTION = re.compile(r"^(?:Image|Photo|Picture|Media) caption\s+(?P<text>.{8,})$",
                               re.IGNORECASE)
# Words in a credit that are not names: "NASA/JPL-Caltech via AP", "Jane Doe for The Times"
_CREDIT_SMALL_WORDS = frozenset("via for and of the by de da van von al el la le y & / - |".split())
# "© Reuters. On July 8, 2021, ..."
_COPYRIGHT_PREFIX = re.compile(r"^(?:©|\(c\))\s?(?P<agency>[A-Z][\w&.' -]{1,40}?)\.\s+"
                               r"(?P<rest>.+)$")
_MIN_CAPTION_WORDS = 4
_MAX_CAPTION_WORDS = 50
_QUOTES = "“\"‘'«„"
_REPORTED = re.compile(r"(?i)\b(?:said|says|told|tells|according to|added|asked|stated)\b")
# A sentence's end, not an abbreviation's ("Dec. 12", "Robert L. Curbeam Jr.")
_SENTENCE_END = re.compile(r"(?<=[a-z]{3})[.!?](?:\s+(?=[A-Z“\"‘])|$)")
_BYLINE = re.compile(r"^By:?\s+[A-Z]")
# Past-tense narrative (the body's), told apart from a picture's present tense
_PAST = re.compile(r"\b(?:was|were|had|did|[a-z]{2,}ed)\b")
_PICTURE_CUE = re.compile(r"(?i)\b(?:pictured|photo(?:graph)?(?:ed)?|file|seen|shown|left|"
                          r"right|cent(?:er|re)|background|foreground|poses?|posing)\b")


@dataclass(frozen=True, slots=True)
class Caption:
    """A caption split from its credit; ``text`` is empty for a credit-only line."""

    text: str
    credit: str | None


def split_caption(line: str) -> Caption | None:
    """The caption and credit in a line, or None when the line is not a caption."""
    labelled = _LABELLED_CAPTION.match(line) or _LABELLED_CREDIT.match(line)
    if labelled:
        text = labelled.groupdict().get("text")
        return Caption(text.strip(), None) if text else Caption("", labelled["credit"].strip())
    if line[:1] in _QUOTES or is_teaser_line(line):  # "“…” [QS. 5:8]", "… [VIDEO]"
        return None
    prefix = _COPYRIGHT_PREFIX.match(line)
    agency = None
    if prefix and "rights reserved" not in line.lower():
        agency, line = prefix.group("agency"), prefix.group("rest")
    for pattern in (_SLASH_CREDIT, _BRACKET_CREDIT, _PAREN_CREDIT, _PAREN_VIA, _LABEL_CREDIT,
                    _GLUED_CREDIT, _SLASH_LINE, _PIPE_LINE):
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
    small = sum(w.islower() and w not in _CREDIT_SMALL_WORDS for w in words)
    return 0 < len(words) <= 8 and small <= 1 and not re.search(r"[.!?]\s", credit)


def reads_as_caption(text: str) -> bool:
    """A line that describes a picture: short, at most two sentences, no reported speech or
    quotation, not a byline, and not a narrative in the past tense unless it names the picture
    (``pictured``, ``left``, ``file photo``) or its date, as captions do."""
    words = text.split()
    if not _MIN_CAPTION_WORDS <= len(words) <= _MAX_CAPTION_WORDS or text[0] in _QUOTES:
        return False
    if _REPORTED.search(text) or len(_SENTENCE_END.findall(text)) > 2 or _BYLINE.match(text):
        return False
    return (len(_PAST.findall(text)) < 2 or _PICTURE_CUE.search(text) is not None
            or next(find_dates(text), None) is not None)


def mark_captions(state: State) -> State:
    """Mark caption lines; a credit-only line credits the caption above it (or a labelled
    caption below it, BBC-style); a credit with no caption beside it is an image of its own."""
    blocks = state.blocks
    out: list[Block] = []
    held: str | None = None  # a credit waiting for the labelled caption below it
    for index, block in enumerate(blocks):
        caption = split_caption(block.text) if block.kind == PARA else None
        if caption is None:
            out.append(block)
        elif caption.text:
            out.append(Block(caption.text, block.line, CAPTION, caption.credit or held))
        elif _labelled_caption_follows(blocks, index):
            held = caption.credit
            continue
        elif out and _credits_above(out[-1]):
            out[-1] = replace(out[-1], kind=CAPTION, credit=caption.credit)
        else:
            out.append(Block("", block.line, CAPTION, caption.credit))
        held = None
    return replace(state, blocks=tuple(out))


def _labelled_caption_follows(blocks: tuple[Block, ...], index: int) -> bool:
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return following is not None and _LABELLED_CAPTION.match(following.text) is not None


def _credits_above(above: Block) -> bool:
    """The line above a credit line is its caption: an uncredited caption, or a paragraph
    that reads as one."""
    if above.credit is not None or above.kind not in (PARA, CAPTION):
        return False
    return above.kind == CAPTION or reads_as_caption(above.text)


def collect_captions(state: State) -> State:
    """Move caption blocks out of the body into ``images`` (each caption once)."""
    images = list(state.images)
    for block in state.blocks:
        if block.kind == CAPTION:
            image = Image(block.text, block.credit)
            if image not in images and (not image.caption or all(i.caption != image.caption
                                                                 for i in images)):
                images.append(image)
    kept = tuple(b for b in state.blocks if b.kind != CAPTION)
    return replace(state, blocks=kept, images=tuple(images))
