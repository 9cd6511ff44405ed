"""Slugs cut short (an article's at 80 characters, a story id's at six words) end at a word that
can end a phrase: ``...-jezero-crater``, not ``...-jezero-crater-to``.

Only the end of a cut slug is trimmed: inner words stay (python-slugify's ``stopwords`` would
drop them everywhere), and a headline that ends in one of these words on its own keeps it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence

# English function words a headline cut short does not end on: articles and determiners,
# prepositions and conjunctions, possessives, forms of "be" and auxiliaries, "that"/"than".
# Not particles ("up", "off", "out", "down": "Strike called off"), object pronouns other than
# "her" (also a possessive), nor words that are also nouns ("may": the month, "can", "must").
TRAILING_STOP_WORDS = frozenset("""
    a an the this these those
    about after against amid among as at before between by during for from in into of on
    onto over per to toward towards upon via with without
    and but nor or
    her his its my our their your
    am are be been is was were has have had will would could should shall
    that than
""".split())


def phrase_end(slug: str) -> str:
    """``slug`` (words joined by '-') without the stop words it ends with; unchanged when it is
    nothing but stop words (a slug is never left empty)."""
    words = slug.split("-")
    end = stop_words_end(words)
    return "-".join(words[:end]) if end else slug


def stop_words_end(words: Sequence[str]) -> int:
    """Where ``words`` end once the stop words they end with are left off (0: all are);
    a word is compared lowercased, without the comma, semicolon or colon after it."""
    end = len(words)
    while end > 0 and words[end - 1].lower().strip(",;:") in TRAILING_STOP_WORDS:
        end -= 1
    return end


# A part of a URL and a file name made from content: a letter or digit first, then letters,
# digits, '-', '_' and '.'; no '/', '%', '?', '#', space or control character, which would
# break out of the folder or the link. At most URL_PART_BYTES in UTF-8: a file name holds 255.
_URL_PART = re.compile(r"[^\W_][\w.-]*")
URL_PART_BYTES = 200


def is_url_part(text: str) -> bool:
    """Whether ``text`` may be a slug or story id as it is: the name of a folder of the
    site and a part of its URLs."""
    return (_URL_PART.fullmatch(unicodedata.normalize("NFC", text)) is not None
            and text.isprintable()
            and len(text.encode("utf-8")) <= URL_PART_BYTES)


def same_url(text: str) -> str:
    """What two names share when they give one URL on some systems (macOS and Windows
    folders): letter case and Unicode normalisation (NFC / NFD) aside."""
    return unicodedata.normalize("NFC", text).casefold()


def bounded(slug: str, name: str, limit: int = 80) -> str:
    """``slug`` of ``name`` cut to ``limit`` characters at a word, with a hash of the whole
    name when cut, so two long names that begin alike keep two URLs."""
    if len(slug) <= limit:
        return slug
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    head = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return f"{phrase_end(head)}-{digest}"
