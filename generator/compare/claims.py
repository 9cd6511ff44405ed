"""Claims: a figure or a day with what it counts and what is said of it ("58 people were
killed", "missed nine games", "was shot on Saturday"), from the whole of each report.

A claim knows the thing it counts (its head: "people", "games"; an age's head is ``AGE``),
the words around it, the name it is about, the kind of event told of it
(``compare_kinds``), the words of its clause and the occasion its clause tells it of
(``compare_kinds``). A figure that is a time of day, a year, a score ("17-14"), half of "9/11",
part of a whole ("five of the 25"), an increment ("another 2,000"), a stretch of a series
("the final two games") or time gone by so far ("after four days of riots") is no claim;
nor is a date that stamps when a report was posted.
Disputes between claims: ``compare_conflicts``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial

from generator.compare.facts import (
    AGED,
    DATE,
    NUMBER_WORDS,
    QUANTITY,
    STOPWORDS,
    WORD,
    Fact,
    ahead,
    stem,
)
from generator.compare.items import Analysis
from generator.compare.kinds import (
    LEAD,
    MEASURES,
    aspect,
    counted_before,
    ends,
    qualifiers,
    scope,
)
from generator.compare.names import Name
from generator.compare.wholes import base_of, of_what, sized

WINDOW = 6  # words on each side of a figure that say what is said of it
STAT_LINE = 3  # claims in one sentence that make it a list of figures ("12 points, 4 assists")
AGE = "age"  # the head of an age: "a 66-year-old woman"
_AGE = re.compile(r"[\s-]*old\b[\s-]*", re.IGNORECASE)  # "23-year-old"
_AGE_GAP = 2  # characters from an age to the name it is of ("-old Laci")
# an age in the forms of wire copy: "the boy, aged five", "Tom Hale, 34, was": a bare count
# after "aged", or set off by commas right after a name or a word for a person
PERSON_WORDS = ("man", "woman", "boy", "girl", "son", "daughter", "victim", "suspect", "driver",
                "mother", "father", "wife", "husband", "brother", "sister", "teenager", "child",
                "resident", "officer", "student", "friend", "pilot", "worker", "gunman",
                "passenger")
_APPOSED_BEFORE = re.compile(rf"(?:\b[A-Z][\w.’'-]*|\b(?P<who>{'|'.join(PERSON_WORDS)}))"
                             r"\s*,\s*(?:aged\s+)?\Z")
_APPOSED_AFTER = re.compile(r"\s*(?:,|\)|\.\s*\Z)")
OLDEST = 110
_AGE_REACH = 40  # characters looked back for the words of an age
_TIME_AFTER = re.compile(r"\s*(?::\s*\d|[ap]\.?\s?m\b\.?|(?:GMT|UTC|[ECMP][SD]?T|local time)\b)",
                         re.IGNORECASE)
_TIME_BEFORE = re.compile(r"\d\s*:\s*$")
_SCORE = re.compile(r"\d\s*[-–]\s*$|^\s*[-–]\s*\d")
_NUMERAL = rf"(?:\d|\b(?:{'|'.join(NUMBER_WORDS)})\b)"
# "five of the 25", "29 of 39", "five of Creighton's first eight": a part and its whole
_PART = re.compile(rf"^\s*(?:of|out of)\s+(?:[\w’'-]+\s+){{0,3}}?{_NUMERAL}", re.IGNORECASE)
# (its words between "of" and the whole no preposition: "one of the tremors with a 7.3
# magnitude" is a tremor's magnitude, not a part of one)
_WHOLE = re.compile(rf"{_NUMERAL}\w*\s+(?:of|out of)\s+(?:(?!(?:with|at|in|on|by|for|from)\b)"
                    rf"[\w’'-]+\s+){{0,4}}$", re.IGNORECASE)
# "12 minutes, 31 seconds remaining": a moment of a game, not an amount
_CLOCK = re.compile(r"^\s*(?:minutes?|mins?)\b[\s,]*(?:and\s+)?\d"
                    r"|^\s*seconds?\s+(?:remaining|left)", re.IGNORECASE)
_NAMING = re.compile(r"\bthe\s+$", re.IGNORECASE)  # "the Jan. 6 committee", "the 9/11 attacks"
_STAMP = re.compile(r"\s*,?\s*(?:at\s+)?\d{1,2}\s*:\s*\d\d")
_PRONOUN = re.compile(r"^\s*(?:he|she|it|they|his|her|its|their)\b", re.IGNORECASE)
# "the final two games", "his first 10 starts": a stretch of a series, as of when told
_SERIES = re.compile(r"\b(?:first|last|final|next|past|previous|opening)\s+$", re.IGNORECASE)
_REMAINING = re.compile(r"^[\s,]*(?:(?:and\s+)?\d+\s+seconds?\s+)?(?:remaining|left|to play"
                        r"|to go)\b", re.IGNORECASE)
_SOURCE = re.compile(r"^\s*(?:[\w-]+\s+){1,3}?(?:familiar with|with (?:direct )?knowledge of"
                     r"|briefed on)\b", re.IGNORECASE)
_INCREMENT = re.compile(r"(?:another|additional|extra|further|more)\s+$", re.IGNORECASE)
_SPANS = frozenset(("day", "hour", "month"))  # dimensions of a stretch of time (weeks are days)
_ELAPSED_BEFORE = re.compile(r"\b(?:after|within|in|past|last)\s+$", re.IGNORECASE)
# an age as a time of someone's life, not what they are: "since he was 11 years old"
_LIFE_TIME = re.compile(r"\b(?:since|when|until|till|before|after|as|by the time)\s+(?:he|she|"
                        r"they|i|we|you)\s+(?:was|were|turned|had turned)\s+$", re.IGNORECASE)
_OF = re.compile(r"^\s*(?:of|after|before|later|earlier|ago)\b", re.IGNORECASE)
# "magnitude 7.6", "a quake measuring 7.6" (a bare figure measured is a magnitude), and the
# next figure of such a list ("measuring 7.6 and 7.4")
_MEASURE_BEFORE = re.compile(rf"\b({'|'.join(MEASURES)}|measuring)(?:\s+of)?\s+"
                             r"(?:\d+(?:\.\d+)?(?:\s*,\s*|\s+(?:and|or|to)\s+))?$",
                             re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,|and|or|to|,? and|,? or)\s*")
_PLACE_GAP = re.compile(r"\s+(?:in|with|at|for|from|against|on)\s+(?:the\s+)?",
                        re.IGNORECASE)
_DIGIT_NAME = re.compile(r"\d+[a-z]{2,}\b(?<!\d(?:st|nd|rd|th|am|pm))")
_PARTICIPLE = re.compile(r"\w{3,}ed")  # "355 damaged shops" count shops
_LIGHT = frozenset(("now", "got", "get", "gets", "having", "finished", "total", *NUMBER_WORDS))
_IN = re.compile(r"\b(?:in|at|near|outside|off|across)\s+(?:the\s+)?$", re.IGNORECASE)
_MINUTES = re.compile(r"\d\s*(?:minutes?|mins?)[\s,]*(?:and\s+)?$")  # "12 minutes, 31"
_NONE: tuple[frozenset[str], ...] = (frozenset(),) * 4
NOT_HEADS = frozenset(("total", "more", "other", "new", "additional", "straight",
                       "consecutive", "further", "extra", "previous", "last", "first", "next"))
NOT_CONTEXT = STOPWORDS | frozenset(("year", "years", "month", "day", "time", "week"))


@dataclass(frozen=True, slots=True)
class Claim:
    """A figure of one report with the thing it counts and the words around it."""

    report: int
    row: int
    fact: Fact
    head: str  # the first word it counts ("games" of "10 total games": see HEADS)
    context: frozenset[str]
    subject: str | None  # the name the figure is about (the last one before it), if any
    aspect: str = ""  # the kind of event told of it ("deaths": compare_kinds)
    # in a sentence of STAT_LINE figures or more of no kind of event (a player's line)
    stats: bool = False
    named: bool = False  # the subject is named in the sentence, not only a pronoun
    ahead: bool = False  # told as still to come ("will miss the final two games")
    # the name right after what it counts ("10 seasons in West Germany"): where, or of what
    place: str | None = None
    written: str = ""  # the value as a reader sees it: "Monday" twice is one value
    # the occasion it is told of (``qualifiers``): the days its clause names, and the part
    # of the time it covers ("during the run", "this season", "since October")
    days: frozenset[str] = frozenset()
    period: frozenset[str] = frozenset()
    # the words of its clause that say what is said of it ("blocked", "sent": ``_said``)
    said: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()  # where its clause says it was (``_places``)
    base: frozenset[str] = frozenset()  # what a share is of: "18% of the farmland", "from"
    # the whole it is of ("the region's 5 million people") and the rate a level is of
    # ("Unemployment rose to 5 percent"), each as stems (``compare_wholes``)
    owner: frozenset[str] = frozenset()
    level: frozenset[str] = frozenset()
    # the thing a sum is the size of, when written before it ("the $1.2 trillion
    # infrastructure package": ``compare_wholes.sized``)
    sized: frozenset[str] = frozenset()
    running: bool = False  # a toll told as it stands ("the death toll rose to 58"): any day's


def claims(analysis: Analysis, report: int) -> list[Claim]:
    """The claims of one report, in order."""
    found: list[Claim] = []
    last: str | None = None  # the last name of the report so far, for "He had 70 yards"
    for row, sentence_facts in enumerate(analysis.facts[report]):
        sentence = analysis.sentences[report][row].text
        names = analysis.names[report][row]
        kept = [f for f in listed(sentence, sentence_facts) if is_claim(sentence, f)]
        if kept:
            found.extend(_sentence_claims(report, row, sentence, kept, names, last,
                                          sentence_facts))
        last = names[-1].key if names else last
    return found


def _sentence_claims(report: int, row: int, sentence: str, kept: Sequence[Fact],
                     names: Sequence[Name], last: str | None, found: Sequence[Fact]
                     ) -> Iterator[Claim]:
    """The claims of the figures ``kept`` of one sentence (its words found and stemmed once;
    ``found``: all its facts)."""
    words = list(WORD.finditer(sentence))
    starts = [w.start() for w in words]
    stems = [stem(w.group()) for w in words]
    stats = sum(f.kind == QUANTITY for f in kept) >= STAT_LINE  # see Claim.stats
    days = [f for f in found if f.kind == DATE and is_claim(sentence, f)]
    lead = LEAD.match(sentence)
    for fact in kept:
        first = bisect_left(starts, fact.start)
        while first and words[first - 1].end() > fact.start:
            first -= 1  # a word running into the figure is on neither side
        start, end = max(0, first - WINDOW), bisect_left(starts, fact.end)
        side = (range(start, first), range(end, min(len(words), end + WINDOW)))
        head = (DATE if fact.kind == DATE else AGE if _is_age(sentence, fact)
                else head_of(fact) or _measure_before(sentence, fact))
        if (sentence[fact.end:fact.end + 1] == "-" and len(fact.counted) > 1
                and head == fact.counted[0] and head not in MEASURES):
            head = f"{head} {fact.counted[-1]}"  # "a 41-yard pass": the size of one pass
        kind = aspect(head, stems[max(0, first - 2 * WINDOW):first], stems[end:end + 2 * WINDOW])
        toll = None if head else counted_before(sentence, fact)
        head, kind = toll or (head, kind)  # "the death toll rose to 58": people, deaths
        context = frozenset(stems[k] for k in (*side[0], *side[1])
                            if _context_word(words[k].group(), head) and stems[k] != head)
        subject = _subject(sentence, fact, names, last)
        told, period, said, places = _NONE
        if fact.kind == QUANTITY:  # what its clause says of it
            spans = scope(sentence, fact, lead)
            told, period = qualifiers(sentence, fact, found, days, spans)
            said = _said(fact, (words, starts, stems), names, spans[0],
                         {head, *(subject or "").split()})
            places = _places(sentence, names, spans)
        yield Claim(report, row, fact, head, context, subject, kind, stats and not kind,
                    _named(sentence, fact, names), ahead(sentence[:fact.start]),
                    _place(sentence, fact, names), " ".join(fact.text.lower().split()),
                    told, period, said, places, base_of(sentence, fact),
                    *of_what(sentence, fact), sized(fact), toll is not None)


def _places(sentence: str, names: Sequence[Name], spans: Sequence[tuple[int, int]]
            ) -> frozenset[str]:
    """The names a figure's clause (or the sentence's opening "In Athens, ...": ``spans``,
    its ``scope``) puts it in, at or near ("killed 12 people in Kabul", "a blast near Herat
    killed ...")."""
    found: list[str] = []
    run: list[str] = []  # a list of places going on after one ("in Indonesia, Sri Lanka, India")
    joined_by_and, last_end = False, -1
    for name in names:
        glue = _LIST_GOES_ON.fullmatch(sentence, last_end, name.start) if run else None
        if glue:
            run.append(name.key)
            joined_by_and |= "and" in glue[0]
            last_end = name.end
            continue
        found.extend(_listed(run, joined_by_and))
        run, joined_by_and = [], False
        if (any(s <= name.start and name.end <= e for s, e in spans)
                and _IN.search(sentence, max(0, name.start - 12), name.start)):
            run, last_end = [name.key], name.end
    return frozenset(found + _listed(run, joined_by_and))


def _listed(run: list[str], joined_by_and: bool) -> list[str]:
    """The places of a run: all of a list ("A and B", "A, B, C"), else the first alone (a
    place and what it is in, "Kabul, Afghanistan", or a name that follows it)."""
    return run if joined_by_and or len(run) >= 3 else run[:1]


_LIST_GOES_ON = re.compile(r",\s*|\s+and\s+|,\s+and\s+")


def _said(fact: Fact, found: tuple[Sequence[re.Match[str]], Sequence[int], Sequence[str]],
          names: Sequence[Name], span: tuple[int, int], own: set[str]) -> frozenset[str]:
    """The stems of the words of a figure's clause (``span``) that say what is said of it,
    after the last name before it ("Saints receiver Lance Moore returned ..."): not its own
    (``own``: what it counts, the name it is of), nor numbers or words that say nothing
    ("had", "now"); ``found``: the sentence's words, their starts and stems. None for an
    item of a list ("four shops and two banks") or a bare "he had 12 points"."""
    words, starts, stems = found
    start, end = span
    start = max([start] + [n.end for n in names if start <= n.end <= fact.start])
    return frozenset(
        stems[k] for k in range(bisect_left(starts, start), bisect_left(starts, end))
        if words[k].end() <= end and not fact.start <= words[k].start() < fact.end
        and stems[k] not in own and words[k].group().lower() not in _LIGHT
        and _context_word(words[k].group(), ""))


def listed(sentence: str, sentence_facts: Sequence[Fact]) -> list[Fact]:
    """The facts of a sentence, a figure of nothing counted that is listed right before
    another counting the same as it ("7.6 and 7.5 magnitude quakes", "two or three people")."""
    found = list(sentence_facts)
    for k in range(len(found) - 2, -1, -1):
        fact, after = found[k], found[k + 1]
        if (fact.kind == after.kind == QUANTITY and not fact.counted and not fact.dimension
                and after.counted and _LIST_GAP.fullmatch(sentence, fact.end, after.start)):
            found[k] = replace(fact, counted=after.counted)
    return found


def _context_word(word: str, head: str) -> bool:
    """A word that says what is said of a figure: no stopword, and for a date no name (what
    happened that day, not to whom)."""
    return word.lower() not in NOT_CONTEXT and (head != DATE or word[0].islower())


def _subject(sentence: str, fact: Fact, names: Sequence[Name], last: str | None) -> str | None:
    """The name a figure is about: the last one before it, or for a sentence that starts
    with a pronoun the last name before the sentence; an age is of whom it comes right
    before ("the 23-year-old Laci", "a 66-year-old woman")."""
    age = _AGE.match(sentence, fact.end)
    if age:
        after = next((n for n in names if n.start >= age.end()), None)
        if after is not None and after.start - age.end() <= _AGE_GAP:
            return after.key
        word = WORD.search(sentence, age.end())
        return word.group().lower() if word else None
    apposed = _apposed(sentence, fact, names)
    if apposed:
        return apposed
    before = [n.key for n in names if n.end <= fact.start]
    return before[-1] if before else (last if _PRONOUN.match(sentence) else None)


def _is_age(sentence: str, fact: Fact) -> bool:
    """The figure is someone's age: "a 23-year-old", "23 years old", "aged 23", "Tom Hale,
    23, was", "the boy, 5,"."""
    if _AGE.match(sentence, fact.end):
        return True
    if not _bare_count(fact):
        return False
    reach = max(0, fact.start - _AGE_REACH)
    apposed = (_APPOSED_AFTER.match(sentence, fact.end)
               and _APPOSED_BEFORE.search(sentence, reach, fact.start))
    return bool(apposed or AGED.search(sentence, reach, fact.start))


def _bare_count(fact: Fact) -> bool:
    """A whole number of no unit up to ``OLDEST``, written alone ("34", "five")."""
    return (fact.kind == QUANTITY and not fact.dimension and not fact.qualifier
            and fact.value == int(fact.value) and 0 < fact.value <= OLDEST
            and fact.text[:1].isalnum())


def _apposed(sentence: str, fact: Fact, names: Sequence[Name]) -> str | None:
    """Whose age a bare count after "aged" or set off by commas is: the name or the word for
    a person right before it ("Tom Hale, 34, was", "the boy, aged five,": Tom Hale, boy)."""
    if _AGE.match(sentence, fact.end) or not _bare_count(fact):
        return None
    reach = max(0, fact.start - _AGE_REACH)
    before = _APPOSED_BEFORE.search(sentence, reach, fact.start)
    if before is None or not (_APPOSED_AFTER.match(sentence, fact.end)
                              or AGED.search(sentence, reach, fact.start)):
        return None
    name = next((n for n in names if n.start <= before.start() < n.end), None)
    return name.key if name is not None else before["who"]


def _place(sentence: str, fact: Fact, names: Sequence[Name]) -> str | None:
    """The name that comes right after a figure and what it counts, after a preposition
    ("19 seasons with the 76ers", "killed 58 in Kabul"), if any."""
    end = fact.start + len(fact.phrase)
    gap = _PLACE_GAP.match(sentence, end)
    if gap is None:
        return None
    after = next((n for n in names if n.start >= end), None)
    if after is not None and after.start == gap.end():
        return after.key
    team = _DIGIT_NAME.match(sentence, gap.end())  # "the 76ers", "the 49ers"
    return team[0].lower() if team else None


def _named(sentence: str, fact: Fact, names: Sequence[Name]) -> bool:
    """The sentence itself names someone before the figure (not only a pronoun)."""
    return any(n.end <= fact.start for n in names) or bool(_AGE.match(sentence, fact.end))


def _measure_before(sentence: str, fact: Fact) -> str:
    """The measure a figure of nothing counted is of, named right before it ("magnitude
    7.6"), or ""."""
    word = _MEASURE_BEFORE.search(sentence, 0, fact.start)
    if word is None:
        return ""
    return "magnitude" if word[1].lower() == "measuring" else stem(word[1])


def head_of(fact: Fact) -> str:
    """The first counted word that names a thing: not a word that only says which or how
    many of them ("total", "more", "straight", "consecutive"), nor a name that only says
    what kind ("768 Intel Atom cores" count cores)."""
    if fact.dimension and fact.dimension != "year":
        return fact.dimension  # "$80 million contract": dollars, for a contract
    written = fact.phrase[len(fact.text):].split()
    named = [i < len(written) - 1 and written[i][:1].isupper() and written[i + 1][:1].isalpha()
             for i in range(len(fact.counted))]
    if any(named) and not all(named):
        return next(w for w, n in zip(fact.counted, named, strict=True) if not n)
    if written and (written[0].lower() == "others" or (
            written[0].lower() == "other" and len(fact.counted) > 1
            and not _noun_like(fact.counted[1]))):
        return "other"  # "300 others were treated", "261 other got hurt": not "other people"
    counted = fact.counted
    return next((word for k, word in enumerate(counted) if word not in NOT_HEADS
                 and not (k + 1 < len(counted) and (_PARTICIPLE.fullmatch(word) or (
                     _modifier(word) and _noun_like(counted[k + 1]))))),
                fact.dimension or (counted[0] if counted else ""))


def _modifier(word: str) -> bool:
    """A word that says what kind of thing is counted, before the word that names it
    ("1,800 domestic flights", "2,000 recent flight cancelations" count flights)."""
    return word in ADJECTIVES or bool(_ADJECTIVE.fullmatch(word))


def _noun_like(word: str) -> bool:
    """A word after a figure's modifier that may name what it counts: no verb form
    ("five people killed", "20 critical said")."""
    return not (_PARTICIPLE.fullmatch(word) or word.endswith("ing") or word in _VERB_WORDS)


ADJECTIVES = frozenset(("recent", "domestic", "foreign", "former", "young", "old", "small",
                        "large", "big", "major", "senior", "junior", "top", "key", "full",
                        "high", "low", "local", "total", "daily", "weekly", "monthly", "annual",
                        "yearly", "front-line", "frontline", "wounded", "armed", "unarmed"))
# suffixes of English adjectives ("international", "economic", "active", "serious")
_ADJECTIVE = re.compile(r"\w{3,}(?:ic|al|ive|ous|ful|less|ible|able|ary)")
_VERB_WORDS = frozenset(("said", "say", "says", "told", "are", "were", "was", "is", "have",
                         "has", "had", "will", "would", "could", "can", "may", "died", "dead",
                         "got", "get", "gets", "suffered"))


@lru_cache(maxsize=1 << 14)  # a pure function: copies and rewrites repeat sentences
def is_claim(sentence: str, fact: Fact, *, so_far: bool = False) -> bool:
    """Whether a figure says how many or how much of something, or a date what happened
    that day (see the module's text); ``so_far``: time gone by so far is one too (each
    report's own to dispute, but one that all reports give is agreed)."""
    before, after = sentence[:fact.start], sentence[fact.end:]
    before_it = partial(ends, sentence, fact.start)  # the words right before the figure
    if fact.kind == DATE:  # "Sep 27, 2013 5:50 PM": when the report was posted; "the Jan. 6
        return not (_STAMP.match(after) or before_it(_NAMING))  # committee": a name
    if _TIME_AFTER.match(after) or before_it(_TIME_BEFORE):
        return False
    if _SCORE.search(before) or _SCORE.search(after):
        return False
    if before.endswith("/") or after.startswith("/"):
        return False  # "9/11 hijackers", "24/7": a name, a date or a fraction, no count
    if _PART.match(after) or before_it(_WHOLE) or before_it(_INCREMENT) or before_it(_SERIES):
        return False
    if fact.dimension == "hour" and _REMAINING.match(after):
        return False  # "with 12 minutes, 31 seconds remaining": a moment of a game
    if _SOURCE.match(after):
        return False  # "two people familiar with the matter": who told it, not what
    if before_it(_LIFE_TIME) and _is_age(sentence, fact):
        return False  # "knew it since he was 11 years old": when, not how old he is
    if _CLOCK.match(after) or before_it(_MINUTES):
        return False
    if not fact.dimension and re.fullmatch(r"(?:1[89]|20)\d\d", fact.text.strip()):
        return False  # a year ("2,000" is not one)
    if (not so_far and fact.dimension in _SPANS
            and (before_it(_ELAPSED_BEFORE) or _OF.match(after))):
        return False  # time gone by so far ("after four days of riots"): each report's own
    return bool(fact.counted or fact.dimension or before_it(_MEASURE_BEFORE)
                or _is_age(sentence, fact) or counted_before(sentence, fact))


__all__ = ["AGE", "Claim", "claims", "head_of", "is_claim", "listed"]
