"""The address of a saved page's original report: its canonical link, ``og:url``, or the
``<!-- saved from url=(NNNN)... -->`` mark a browser (and ``digest add URL``) writes.

Only http(s) addresses with a host are taken: a page may name ``file:`` or a relative path.
"""

from __future__ import annotations

import re
from html import unescape

from generator.outlets import is_web_address

HEAD_CHARS = 200_000  # the links live in <head>: a page's first characters are enough
_TAG = re.compile(r"<(?:link|meta)\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z_:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d{1,4}\)(\S+?)\s*-->", re.IGNORECASE)


def original_url(html: str) -> str | None:
    """The page's own address: ``<link rel=canonical>``, else ``<meta property=og:url>``,
    else the saved-from mark; None when none is an http(s) address."""
    head = html[:HEAD_CHARS]
    canonical = og_url = None
    for tag in _TAG.finditer(head):
        attrs = _attributes(tag.group(0))
        if canonical is None and "canonical" in attrs.get("rel", "").lower().split():
            canonical = _web(attrs.get("href"))
        elif og_url is None and attrs.get("property", attrs.get("name", "")).lower() == "og:url":
            og_url = _web(attrs.get("content"))
    saved = SAVED_FROM.search(head)
    return canonical or og_url or (_web(saved.group(1)) if saved else None)


def saved_from(url: str) -> str:
    """The mark ``original_url`` reads for a page fetched from ``url`` (as browsers write it:
    the address's length in four digits, then the address)."""
    return f"<!-- saved from url=({len(url):04d}){url} -->"


def _attributes(tag: str) -> dict[str, str]:
    return {name.lower(): unescape(double or single or bare)
            for name, double, single, bare in _ATTR.findall(tag)}


def _web(value: str | None) -> str | None:
    text = (value or "").strip()
    return text if text and is_web_address(text) and len(text) <= 2000 else None
