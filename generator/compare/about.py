"""What a disputed figure is about, as a reader would say it ("people killed", "size of
the infrastructure package", "magnitude quake"): the label of a dispute (``Dispute.about``)."""

from __future__ import annotations

import re

from generator.compare.claims import AGE, Claim
from generator.compare.facts import stem
from generator.compare.kinds import ASPECT_OF
from generator.compare.wholes import sized_phrase

_PAST = frozenset(("struck", "hit", "fell", "rose", "left", "took", "came", "went", "made",
                   "said", "told", "shot", "lost", "won", "ran", "saw", "got", "gave", "held"))
# what a figure of no counted word measures, by its dimension (``facts.UNITS``)
_MEASURED = {"percent": "share", "point": "percentage points", "m": "distance", "kg": "weight",
             "year": "years", "month": "months", "day": "days", "hour": "hours",
             "usd": "amount in dollars", "eur": "amount in euros", "m2": "area"}
# the kind of event told as what was done to what is counted: "people killed", "rounds fired"
_DONE = {"deaths": "killed", "injuries": "injured", "arrests": "arrested",
         "displaced": "displaced", "missing": "missing", "damage": "damaged", "firing": "fired",
         "missed": "missed", "played": "played"}


# people a place is home to: its population ("a city home to 167,000 people", "a population
# of 2.1 million people")
_POPULATION = re.compile(r"\b(?:home (?:to|of|by)|population of|inhabited by|populated by)\s+"
                         r"(?:[\w.,’'-]+\s+){0,3}$", re.IGNORECASE)


def about(claim: Claim, sentence: str) -> str:
    """What a disputed figure counts, as a reader would say it: the words it counts as the
    report writes them ("shops suffering serious"), else what its unit measures ("$82
    million last summer": an amount in dollars), with the kind of event told of it when
    those words do not say it ("people killed", ``_told``); a sum written before a thing is that
    thing's size ("size of the infrastructure package"); the people a place is home to in
    ``sentence`` (the claim's) its population."""
    if claim.sized:  # "the $1.2 trillion infrastructure package": its size
        return "size of the " + " ".join(sized_phrase(claim.fact))
    if claim.head == "people" and _POPULATION.search(sentence, 0, claim.fact.start):
        return "population"
    phrase, text = claim.fact.phrase, claim.fact.text
    at = phrase.find(text)
    words = " ".join(phrase[at + len(text):].strip(" -–").split()) if at >= 0 else ""
    if not words or claim.head == claim.fact.dimension:  # "$82 million last summer"
        words = _MEASURED.get(claim.fact.dimension, claim.head)
    parts = words.split()
    while len(parts) > 1 and (parts[-1].lower().endswith("ed") or parts[-1].lower() in _PAST
                              ) and ASPECT_OF.get(stem(parts[-1].lower())) != claim.aspect:
        parts.pop()  # "7.6 magnitude quake struck": a verb after what it counts, not its event
    words = " ".join(parts)
    if claim.aspect and claim.aspect not in (AGE, *words.lower().split()) and not any(
            ASPECT_OF.get(stem(w)) == claim.aspect for w in re.findall(r"[\w’'-]+", words)):
        return _told(words, claim.aspect)
    return words


def _told(words: str, aspect: str) -> str:
    """What is counted with the kind of event told of it: "people killed", "shops damaged"
    for a thing or two counted; else the kind of event in brackets ("amount in dollars
    (funding)", "shops suffering serious (damage)")."""
    done = _DONE.get(aspect)
    parts = words.split()
    if done and len(parts) <= 2 and not any(p.lower().endswith("ing") for p in parts):
        return f"{words} {done}"
    return f"{words} ({aspect})"


__all__ = ["about"]
