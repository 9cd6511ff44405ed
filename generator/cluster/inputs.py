"""``digest cluster``'s input: JSON articles -> ClusterDocs, cleaned as the build cleans its inbox.

The build clusters cleaned reports, with no scraping junk. A JSON article is raw, so before
clustering its opening (``CLEAN_CHARS``, more than the clusterer reads) loses the lines the
cleaner drops as junk (``ingest.junk``: markers, widgets, counters, banners) and everything
from the first header of what follows an article (related links, comments) on.

A date is taken only as given. (The cleaner also infers a date from the dates written in a
text; given to ``digest cluster`` for undated articles, that took ECB+ dev from BCubed F1
0.891 to 0.836: a story's reports became part dated, part undated, and the rule for the
undated never joins two stories the dated ones made. See #24.)

``generator.ingest`` (0.3 s to import, with trafilatura for pages) is imported only here, when
``digest cluster`` runs: the build has imported it to clean its inbox already.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from generator.cluster.config import ClusterDoc
from generator.util import forked

CLEAN_CHARS = 2500  # the clusterer reads the opening 2,100 characters; junk may stand above them
_BANNER_WORDS = 40  # a longer line is prose unless it speaks of cookies (``junk.is_banner``)
_PARALLEL_MIN = 4000  # fewer articles than this are cleaned here: forking costs more


def record_docs(records: Sequence[dict[str, Any]]) -> list[ClusterDoc]:
    """One ClusterDoc per JSON article, its text cleaned (split over the CPUs when there are
    many); a missing or unreadable date counts as unknown."""
    for number, record in enumerate(records, 1):
        if "id" not in record:
            raise ValueError(f"line {number}: article has no 'id'; give every article a "
                             "unique id")
    texts = [str(record.get("text") or "") for record in records]
    cleaned = forked.split_map(_changed, texts, _PARALLEL_MIN)
    return [ClusterDoc(key=str(record["id"]), title=str(record.get("title") or ""),
                       text=text if clean is None else clean,
                       date=parse_date(record.get("date")),
                       source=str(record.get("source") or ""))
            for record, text, clean in zip(records, texts, cleaned, strict=True)]


def _changed(texts: Sequence[str]) -> list[str | None]:
    """Each text cleaned, or None where cleaning leaves it as it is (so that worker processes
    send back only what changed)."""
    return [None if (clean := strip_junk(text)) == text else clean for text in texts]


def parse_date(value: object) -> dt.date | None:
    """The calendar day of an ISO 8601 date or date-time (as written, no time-zone shift)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None


def _short_or_cookies(line: str) -> bool:
    """Whether ``line`` could be junk: every junk line is short (the whole-line patterns match
    a few words, a banner at most 40) except a cookie notice."""
    return len(line.split(None, _BANNER_WORDS)) <= _BANNER_WORDS or "cookie" in line.lower()


def strip_junk(text: str) -> str:
    """``text`` without the junk lines of its opening, and without everything from the first
    section header after its body (``junk.is_section_end``: related links, comments)."""
    from generator.ingest import junk

    end = len(text) if len(text) <= CLEAN_CHARS else text.rfind("\n", 0, CLEAN_CHARS) + 1
    kept: list[str] = []
    body = False  # a line of the article itself was kept
    for line in text[:end].split("\n"):
        if not line.strip():
            kept.append(line)
        elif junk.is_section_end(line):  # above the article, a header of nothing
            if body:
                return "\n".join(kept).strip()
        elif not _short_or_cookies(line) or not junk.is_junk_line(line):
            kept.append(line)
            body = True
    return "\n".join(kept) + text[end:]  # the opening ends with its last line's end
