"""Tags: the people, places and organisations a report is about, from its own text.

A name is a run of capitalised words ("Qala-e-Naw", "Joe Biden", "World Health Organization").
It counts where it does not merely open a sentence; the names mentioned most (title mentions
count double) become tags. Words used only as adjectives ("Afghan security officials") and the
report's own outlet are left out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from generator.ingest.dates import ZONES
from generator.ingest.state import PARA, State

MAX_TAGS = 5
MIN_MENTIONS = 2
LONG_NAME_WORDS = 4
NAME = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:of\s+|al-|bin\s+|&\s+)?[A-Z][\w'’-]*)*")
POSSESSIVE = re.compile(r"['’]s?$")
SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[“\"(]\s*)$")
NUMBERED = re.compile(r"\b\d+(?:st|nd|rd|th)?\s+$")
ADJECTIVE_ENDINGS = ("an", "ian", "ese", "ish", "i")
# Evidence that a capitalised word is used as a noun: a verb after it, a preposition before it.
VERBS_AFTER = frozenset("said says say has have had is are was were will would could "
                        "can may might must did does do told added".split())
PREPOSITIONS_BEFORE = frozenset("in of from to by with against for on at into near".split())
NOT_NAMES = frozenset("""
a an the this that these those it its he she they we i you his her their our my your
in on at of for by with from to into as but and or if when while after before since during
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
january february march april may june july august september october november december
mr mrs ms dr president minister spokesman spokeswoman officials official government
there here what who why how where however meanwhile also some many more most other another
jan feb mar apr jun jul aug sep sept oct nov dec week one i'm i’m i've i’ve i'll i’ll i'd i’d
updated posted published
""".split()) | ZONES


def take_tags(state: State) -> State:
    """Up to five names the report mentions most, in order of mentions then first use."""
    text = "\n".join(b.text for b in state.blocks if b.kind == PARA)
    counts = mention_counts(text)
    for name, count in mention_counts(state.title, skip_openers=False).items():
        # a title in Title Case names everything: confirm in the text, twice for a long run
        # of capitalised words (the headline run into the text: "Microsoft Launches Emergency
        # Patch"), which a name that long seldom is
        if counts[name] >= (2 if len(name.split()) >= LONG_NAME_WORDS else 1):
            counts[name] += 2 * count
    outlets = {(state.source or "").lower(), (state.publisher or "").lower()}
    ranked = sorted(counts.items(), key=lambda item: -item[1])  # stable: first use breaks ties
    tags = [name for name, count in ranked
            if count >= MIN_MENTIONS and name.lower() not in outlets][:MAX_TAGS]
    return replace(state, tags=tuple(tags))


def mention_counts(text: str, skip_openers: bool = True) -> Counter[str]:
    """Names in the text with how often they occur, skipping bare sentence openers."""
    counts: Counter[str] = Counter()
    adjectival: dict[str, bool] = {}
    for match in NAME.finditer(text):
        name = POSSESSIVE.sub("", match.group().strip())
        words = name.split()
        if skip_openers and SENTENCE_START.search(text[max(0, match.start() - 3): match.start()]
                                                  if match.start() else ""):
            if len(words) == 1:
                continue  # "Officials said..." or "Taliban fighters...": only counted mid-sentence
            if words[0].lower() in NOT_NAMES:
                name = " ".join(words[1:])
        if name.lower() in NOT_NAMES or len(name) < 3:
            continue
        if " " not in name and NUMBERED.search(text[max(0, match.start() - 12):match.start()]):
            continue  # "117th Street", "105th Precinct": a part of a numbered name
        adjectival[name] = adjectival.get(name, True) and not noun_use(text, match)
        counts[name] += 1
    for name, only_adjective in adjectival.items():
        if only_adjective and " " not in name and name.lower().endswith(ADJECTIVE_ENDINGS):
            del counts[name]
    return counts


def noun_use(text: str, match: re.Match[str]) -> bool:
    """True when the name is clearly a noun here: punctuation or a verb follows it, or a
    preposition comes before it ("in Iran", "the Taliban said"); "Afghan forces" is not."""
    after = re.match(r"\s+([a-z]+)", text[match.end():])
    before = re.search(r"([a-z]+)\s+$", text[max(0, match.start() - 30): match.start()])
    return (after is None or after.group(1) in VERBS_AFTER
            or (before is not None and before.group(1) in PREPOSITIONS_BEFORE))
