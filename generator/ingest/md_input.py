"""Markdown input: already-clean text with YAML front matter, validated and taken as is."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from generator.errors import ContentError, Problem, SourcePos
from generator.ingest.hygiene import drop_controls
from generator.model import Image, Report
from generator.outlets import report_address_problem
from generator.util import frontmatter

REQUIRED = ("title", "source", "date")
TEXT_FIELDS = ("title", "subtitle", "source", "publisher", "dateline", "author")
KNOWN = (*TEXT_FIELDS, "date", "date_inferred", "images", "tags", "notes", "url")


def md_report(text: str, path: Path) -> Report:
    """Front matter fields -> Report; the body is kept verbatim (but for control characters,
    dropped with a note). Errors name the field's line."""
    text, note = drop_controls(text)
    doc = frontmatter.parse(text, path)
    meta = doc.meta
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(SourcePos(path, _key_line(doc.meta_text, key)), message))

    for key in meta:
        if str(key) not in KNOWN:
            problem(str(key), f"unknown field {frontmatter.shown(key)}; use one of: "
                              f"{', '.join(KNOWN)}")
    for key in REQUIRED:
        if meta.get(key) in (None, ""):
            problems.append(Problem(SourcePos(path, 1), f"missing required field {key!r}; "
                                                        f"add '{key}: ...' to the front matter"))
    for key in TEXT_FIELDS:
        if key in meta and not isinstance(meta[key], (str, int, float, type(None))):
            problem(key, f"{key}: must be a single line of text")
    date = _date(meta.get("date"))
    if meta.get("date") not in (None, "") and date is None:
        problem("date", f"date: {frontmatter.shown(meta['date'])} is not a date; write it as "
                        "YYYY-MM-DD")
    images = _images(meta.get("images"), problem)
    tags = meta.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, (str, int)) for t in tags):
        problem("tags", "tags: must be a list of names, e.g. [Afghanistan, Iran]")
        tags = []
    if not isinstance(meta.get("date_inferred", False), bool):
        problem("date_inferred", "date_inferred: must be true or false")
    url = meta.get("url")
    if url not in (None, "") and (bad_url := report_address_problem(url)):
        problem("url", f"url: {bad_url}")
    if problems:
        raise ContentError(problems)
    text_of = {k: (str(meta[k]).strip() if meta.get(k) not in (None, "") else None)
               for k in TEXT_FIELDS}
    return Report(
        title=text_of["title"] or "", body=doc.body.strip("\n"), source=text_of["source"],
        subtitle=text_of["subtitle"], publisher=text_of["publisher"], date=date,
        date_inferred=bool(meta.get("date_inferred", False)), dateline=text_of["dateline"],
        author=text_of["author"], images=images, tags=tuple(str(t) for t in tags),
        notes=(note,) if note else (), url=url.strip() if isinstance(url, str) and url else None,
    )


def _key_line(meta_text: str, key: str) -> int:
    """The file line of ``key:`` in the front matter (the fence is line 1)."""
    for number, line in enumerate(meta_text.split("\n"), start=2):
        if re.match(rf"{re.escape(key)}\s*:", line):
            return number
    return 1


def _date(value: Any) -> dt.date | dt.datetime | None:
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    if isinstance(value, str):
        try:
            text = value.strip()
            if len(text) == 10:
                return dt.date.fromisoformat(text)
            return dt.datetime.fromisoformat(text)
        except ValueError:
            return None
    return None


def _images(value: Any, problem: Any) -> tuple[Image, ...]:
    if value in (None, ""):
        return ()
    items = value if isinstance(value, list) else [None]
    images = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("caption"), str):
            problem("images", "images: each entry needs 'caption: text' (and optionally "
                              "'credit: text')")
            return ()
        credit = item.get("credit")
        images.append(Image(item["caption"].strip(), str(credit).strip() if credit else None))
    return tuple(images)
