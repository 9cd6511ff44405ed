"""HTML input: trafilatura finds the main text (with headings) and the page's metadata."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import trafilatura

from generator.ingest.hygiene import normalize, split_blocks
from generator.ingest.state import HEADING, RANK_SITE, Block, State, with_source
from generator.ingest.title import split_outlet

_HEADING = re.compile(r"^#{1,6}\s+")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s+")
# trafilatura's emphasis markers (unescaped), and its backslash escapes of literal characters
_EMPHASIS = re.compile(r"(?<!\\)(\*{1,2}|_{1,2})(?=\S)(.+?)(?<=[^\s\\])\1")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def html_state(html: str) -> State:
    """The state for an HTML page: main text blocks plus title, author, date and site name."""
    markdown = trafilatura.extract(html, output_format="markdown", include_comments=False,
                                   include_formatting=True, include_tables=True)
    if not markdown:
        return _page_text_state(html)
    blocks = tuple(_from_markdown(b) for b in split_blocks(normalize(markdown)))
    state = State(blocks=tuple(b for b in blocks if b.text), extracted=True,
                  input_lines=len(blocks))
    return _with_metadata(state, html)


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
