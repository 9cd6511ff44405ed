"""HTML input: trafilatura finds the main text (with headings) and the page's metadata."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import trafilatura

from generator.ingest.figures import page_images
from generator.ingest.hygiene import drop_controls, normalize, split_blocks
from generator.ingest.state import HEADING, RANK_SITE, Block, State, with_note, with_source
from generator.ingest.title import split_outlet
from generator.util import files

_HEADING = re.compile(r"^#{1,6}\s+")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s+")
# trafilatura's emphasis markers (unescaped), and its backslash escapes of literal characters
_EMPHASIS = re.compile(r"(?<!\\)(\*{1,2}|_{1,2})(?=\S)(.+?)(?<=[^\s\\])\1")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
# What trafilatura cleans in seconds: its time grows faster than the page's elements (20,000
# paragraphs take about 2 s, 80,000 about 25 s) and with its text; scripts and styles are cheap
MAX_ELEMENTS = 20_000
MAX_TEXT = files.MB  # characters of text outside scripts and styles
_NOT_TEXT_TAGS = frozenset(("script", "style"))


def html_state(html: str) -> State:
    """The state for an HTML page: main text blocks plus title, author, date and site name,
    and the captions and credits of its figures (control characters dropped first, with a
    note)."""
    html, note = drop_controls(html)
    state = _main_text_state(html)
    images = page_images(trafilatura.load_html(html))
    state = replace(state, images=images) if images else state
    return with_note(state, note) if note else state


def _main_text_state(html: str) -> State:
    markdown = trafilatura.extract(html, output_format="markdown", include_comments=False,
                                   include_formatting=True, include_tables=True)
    if not markdown:
        state = _page_text_state(html)
    else:
        blocks = tuple(_from_markdown(b) for b in split_blocks(normalize(markdown)))
        state = _with_metadata(State(blocks=tuple(b for b in blocks if b.text), extracted=True,
                                     input_lines=len(blocks)), html)
    return state


def too_big(html: str) -> str | None:
    """Why the page cannot be cleaned in seconds (too many elements, too much text), or None."""
    root = trafilatura.load_html(html)  # None for text with no markup at all
    elements, text = 0, len(html) if root is None else 0
    for element in root.iter() if root is not None else ():
        if isinstance(element.tag, str):  # not a comment
            elements += 1
            if element.tag not in _NOT_TEXT_TAGS:
                text += len(element.text or "")
        text += len(element.tail or "")
    fix = "save the article's own text as a .txt file instead"
    if elements > MAX_ELEMENTS:
        return (f"refused: the page has {elements:,} HTML elements, over the "
                f"{MAX_ELEMENTS:,} the cleaner takes in seconds; {fix}")
    if text > MAX_TEXT:
        return (f"refused: the page has {files.shown_size(text)} of text, over the "
                f"{files.shown_size(MAX_TEXT)} the cleaner takes in seconds; {fix}")
    return None


def _page_text_state(html: str) -> State:
    """No main text found: fall back to the whole page as text, cleaned like a text dump."""
    text = trafilatura.html2txt(html) or ""
    blocks = split_blocks(normalize(text))
    return _with_metadata(State(blocks=blocks, input_lines=len(blocks)), html)


def _from_markdown(block: Block) -> Block:
    """trafilatura's Markdown line -> plain text block (headings keep their kind)."""
    text = block.text
    kind = block.kind
    if _HEADING.match(text):
        text, kind = _HEADING.sub("", text), HEADING
    text = _LIST_ITEM.sub("", text)
    text = _ESCAPED.sub(r"\1", _EMPHASIS.sub(r"\2", text)).strip()
    return Block(text, block.line, kind)


def _with_metadata(state: State, html: str) -> State:
    meta = trafilatura.extract_metadata(html)
    if meta is None:
        return state
    title, outlet = split_outlet(normalize(meta.title or "").strip())
    site = normalize(meta.sitename or "").strip() or outlet
    state = replace(state, title=title, publisher=site or None, author=_author(meta.author),
                    date=_date(meta.date))
    return with_source(state, site, RANK_SITE) if site else state


def _author(author: str | None) -> str | None:
    """trafilatura joins authors and roles with ';' - keep the names before the first role."""
    if not author:
        return None
    return normalize(author.split(";")[0]).strip() or None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
