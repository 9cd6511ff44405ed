"""The text of a page of ``../shared/data/extraction/dev`` as the quotation labels of batch 5
read it: the page's ``<title>`` (a headline), a blank line, then its true body
(``<id>.gold.txt``): the report a cleaner that lost nothing would give."""

from __future__ import annotations

import gzip
import html
import re
from pathlib import Path

PAGES = Path(__file__).resolve().parents[3] / "shared" / "data" / "extraction" / "dev"
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def page_text(page: str, folder: Path = PAGES) -> str:
    """The headline and body of one page, by its id."""
    body = (folder / f"{page}.gold.txt").read_text(encoding="utf-8").strip()
    with gzip.open(folder / f"{page}.html.gz", "rt", encoding="utf-8", errors="replace") as f:
        found = _TITLE.search(f.read())
    title = " ".join(html.unescape(found[1]).split()) if found else "Untitled"
    return f"{title}\n\n{body}\n"
