"""Slugs cut short (an article's at 80 characters, a story id's at six words) end at a word that
can end a phrase: ``...-jezero-crater``, not ``...-jezero-crater-to``.

Only the end of a cut slug is trimmed: inner words stay (python-slugify's ``stopwords`` would
drop them everywhere), and a headline that ends in one of these words on its own keeps it.
"""

from __future__ import annotations

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
    end = len(words)
    while end > 0 and words[end - 1] in TRAILING_STOP_WORDS:
        end -= 1
    return "-".join(words[:end]) if end else slug
