"""What only one report says: sentences no other report gives in any wording, and details
(figures and dates) no other report states inside sentences the others also tell.

A sentence is only in one report when no other report has a sentence close to it (cosine
below ``UNMATCHED``, nor folded into a neighbour's counterpart) and most of its content
words appear in no other report (``REWORDED``: a fact told in other words elsewhere is not
one report's own; nearly half of them, ``HALF``, when some sentence elsewhere is near it,
``NEAR``: two weak signs of one fact told twice). What is no fact is never listed: a sentence of
fewer than ``SHORTEST`` words, one addressed to the reader ("Please try again later.", an
imperative, a lead-in "Here's the story from ..."), a
question, a paragraph with a photo credit (a caption), a line without an end (a heading or
scraping debris), a sentence with a page's time stamp glued to it ("Updated 4:08 PM ET",
"Sep 27, 2013 5:50 PM": a headline and dateline run into the text), sentences run together
around a quotation (``said. “ They``), and the two halves of a number the sentence splitter
cut at its decimal point. Names are no details: they say who a claim is about, not what
happened (``details``). A report's items are ranked by how much they tell (its figures and
dates no other report gives; then length), at most ``MOST`` of them, listed in the report's
order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from generator.compare.align import UNMATCHED, Sentence
from generator.compare.claims import is_claim
from generator.compare.facts import (
    CLOSE,
    DATE,
    MONTHS,
    QUANTITY,
    STOPWORDS,
    WEEKDAYS,
    Fact,
    same_value,
    stem,
)
from generator.compare.items import Analysis, UniqueItem

MOST = 5  # items per report, at most
DISTINCTIVE = 100  # a whole figure this large is the same figure wherever it is told
ROUNDED = 0.01  # how near two distinctive figures are one told to another precision
SHORTEST = 6  # words of a sentence that tells a fact
REWORDED = 0.6  # share of a sentence's content words found in other reports: told elsewhere
NEAR = 0.2  # cosine to the closest sentence elsewhere at which half its words are enough
HALF = 0.45  # nearly half: five of eleven words elsewhere and a sentence near it
ECHO = 3  # content words besides a figure that make another report's sentence tell it
_CONTENT = re.compile(r"[A-Za-z][A-Za-z’'-]{2,}")
_TO_READER = re.compile(r"\b(?:you|your|yours)\b|^\s*(?:please|click|tap|sign up|subscribe|"
                        r"try again|log in|read more|follow us|don\s?[’']\s?t|do not|"
                        r"here\s?[’']\s?s|here is|here are)\b", re.IGNORECASE)
_ENDED = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_CREDIT = re.compile(r"\b(?:photo|image|picture|video|credit)s?\s*(?::|/|by\b)|\bAP Photo\b"
                     r"|/\s?(?:Getty Images|Reuters|AFP|AP|EPA)\b", re.IGNORECASE)
_MONTH = rf"(?:{'|'.join(m[:3] for m in MONTHS)})[a-z]*\.?"  # "Mar.", "March", "Sept"
_DAY = rf"(?:{'|'.join(d[:3] for d in WEEKDAYS)})[a-z]*\.?"
# a page's stamp: "Published: March 13, 2013", "Updated 4:08 p.m. ET", "Posted on Thu Jun 13"
_STAMP = re.compile(rf"\b(?:published|updated|posted|last updated|edited time|first posted|"
                    rf"release)\s*:?\s*(?:in\s[^.]{{1,40}}?\s)?(?:on\s+|at\s+)?"
                    rf"(?:\d|{_MONTH}\s|{_DAY}[\s,])", re.IGNORECASE)
# a date with its year and a clock time: "MAR. 14, 2013, 8: 12 PM", "2 / 3 / 2009 11: 11 PM",
# "10: 55 P. M. FEB. 2, 2009"
_CLOCKED = re.compile(rf"(?:\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\b\d{{1,2}}\s?/"
                      rf"\s?\d{{1,2}}\s?/\s?\d{{2,4}}|\b\d{{1,2}}\s+{_MONTH}\s+\d{{4}}),?\s*"
                      r"(?:at\s+|(?:[|@–-]\s*)+)?\d{1,2}\s?[:.]\s?\d{2}"
                      rf"|\b\d{{1,2}}\s?:\s?\d{{2}}\s?[ap]\.?\s?m\.?\s+{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}",
                      re.IGNORECASE)


_STAMP_WORDS = ("published", "updated", "posted", "edited time", "release")  # of ``_STAMP``
_CLOCK_DIGITS = re.compile(r"\d\s?[:.]\s?\d\d")  # what every ``_CLOCKED`` match holds


_CREDIT_WORDS = ("photo", "image", "picture", "video", "credit", "/")  # one in each credit


def _credit(text: str) -> bool:
    """``_CREDIT``: a photo credit in the text (its words looked for first)."""
    lower = text.lower()
    return any(word in lower for word in _CREDIT_WORDS) and bool(_CREDIT.search(text))


def stamped(text: str) -> bool:
    """A page's time stamp is in the text ("Updated 4:08 PM ET", "Sep 27, 2013 5:50 PM").
    The words and digits every stamp holds are looked for first: most sentences have none,
    and the stamps' own patterns are slow to find nothing."""
    lower = text.lower()
    return bool((any(word in lower for word in _STAMP_WORDS) and _STAMP.search(text))
                or (_CLOCK_DIGITS.search(text) and _CLOCKED.search(text)))


# two sentences run together around a quotation: "in a dream. ” Local officials", "ball. “ He"
_GLUED = re.compile(r"[a-z][.!?]\s*[”\"]\s+[“\"]?\s*[A-Z]|[a-z]{2}[.!?]\s+[“\"]\s*[A-Z]")
_QUESTION = re.compile(r"\?\s*$")  # the report's own question ("So who is next?"): no claim
_CUT_NUMBER = re.compile(r"[\d(]\.\s*$")  # "... a magnitude 6." + "1 quake": a decimal cut
_LISTING = re.compile(r":\s*\d+\.\s*$")  # "hinges on several factors: 1.": a list's head
# a sentence that stops on a word that cannot end one: "a blood alcohol content of."
_STOPS_SHORT = re.compile(r"\b(?:of|the|a|an|to|at|in|for|with|and|or|by|from)\.\s*$",
                          re.IGNORECASE)
_CUT_OFF = re.compile(r"(?:\.\.\.|…)[\"'”’]?\s*$")  # a lead cut off by its page
CUT_SHORTEST = 15  # words of a cut-off sentence that still hold its claim
# the words a figure's phrase may not end on: "84 due", "three would" (and "quake damaged")
_LOOSE = STOPWORDS | frozenset(
    "due just since because when would could might should will shall may can what where why "
    "how if so yet still only even".split())
# a scale word read apart from the number it multiplies: "three dozen", "2 hundred"
_SCALE = re.compile(r"(?:dozen|hundred|thousand|million|billion)s?")
_NUMBER_BEFORE = re.compile(r"\b(?:\d+|a few|several|two|three|four|five|six|seven|eight|nine|"
                            r"ten|eleven|twelve|twenty|thirty|forty|fifty)\s+$", re.IGNORECASE)
_DATED = re.compile(rf"\b{_MONTH}(?:\s|$)|\d\s?/\s?\d", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The lowercased words of one report, and their stems."""

    words: frozenset[str]
    stems: frozenset[str]


def vocabularies(analysis: Analysis) -> list[Vocabulary]:
    """The vocabulary of each report of the story."""
    found: list[Vocabulary] = []
    for report in analysis.sentences:
        words = frozenset(w.lower() for w in re.findall(r"\w+", "\n".join(s.text for s in report)))
        found.append(Vocabulary(words, frozenset(map(stem, words))))
    return found


def unique_items(analysis: Analysis, report: int, disputed: set[tuple[str, str]],
                 vocabulary: Sequence[Vocabulary]) -> list[UniqueItem]:
    """The items only report ``report`` gives (see the module's text). ``vocabulary``: of
    each report (``vocabularies``); ``disputed``: (slug, value) of disputed sides."""
    others = [j for j in range(len(analysis.articles)) if j != report]
    best = [analysis.space.best(report, j) for j in others]
    other_stems: set[str] = set().union(*(vocabulary[j].stems for j in others))
    ranked: list[tuple[int, int, UniqueItem]] = []
    sentences = analysis.sentences[report]
    credited = {s.paragraph for s in sentences if _credit(s.text)}
    for row, sentence in enumerate(sentences):
        if sentence.paragraph in credited or not _tells(sentences, row):
            continue
        details = _details(analysis, report, row, others, disputed)
        nearest = max(b[row][1] for b in best)
        if nearest < UNMATCHED and not _merged(analysis, report, row):
            if reworded(sentence.text, other_stems) or (
                    nearest >= NEAR and reworded(sentence.text, other_stems, HALF)):
                continue
            item = UniqueItem("sentence", sentence.sentence_id, sentence.text, details)
        elif details:
            item = UniqueItem("detail", sentence.sentence_id, sentence.text, details)
        else:
            continue
        ranked.append((-len(details), -len(sentence.text.split()), item))
    chosen = {id(item) for *_, item in sorted(ranked, key=lambda r: r[:2])[:MOST]}
    return [item for *_, item in ranked if id(item) in chosen]  # in the report's order


def _tells(sentences: Sequence[Sentence], row: int) -> bool:
    """The sentence can hold a fact: long enough, ended, not a question of the report's
    own, not addressed to the reader ("Please try again later.": a page's, not the news),
    not a short sentence its page cut off ("Workers without the pass will...": fewer than
    ``CUT_SHORTEST`` words left), and not debris (a list's head, a sentence stopping on
    "of." or "the.", a page's stamp glued to it, sentences run together, half of a number
    cut at its decimal point)."""
    text = sentences[row].text
    end = _end(text)  # the patterns anchored at the end are looked for there only
    if (len(text.split()) < SHORTEST or not _ENDED.search(text, end) or _to_reader(text)
            or _QUESTION.search(text, end) or _LISTING.search(text, end)
            or _STOPS_SHORT.search(text, end)
            or (_CUT_OFF.search(text, end) and len(text.split()) < CUT_SHORTEST)
            or stamped(text) or (_quoted(text) and _GLUED.search(text))):
        return False
    before = sentences[row - 1].text if row > 0 else ""
    cut_before = row > 0 and bool(_CUT_NUMBER.search(before, _end(before)))
    cut_after = row + 1 < len(sentences) and bool(_CUT_NUMBER.search(text, end))
    return not ((cut_before and text[:1].isdigit())
                or (cut_after and sentences[row + 1].text[:1].isdigit()))


_TAIL = 40  # characters from a sentence's end that its end-anchored patterns may span
_QUOTE_MARKS = '"“”'  # one of which every ``_GLUED`` match holds


def _end(text: str) -> int:
    """Where the patterns anchored at the end of ``text`` are looked for from (a pattern
    still sees the character before, for its word boundary)."""
    return max(0, len(text.rstrip()) - _TAIL)


def _quoted(text: str) -> bool:
    return any(mark in text for mark in _QUOTE_MARKS)


def _to_reader(text: str) -> bool:
    """``_TO_READER``: "you" anywhere, or a page's words to the reader at the start."""
    return bool(_TO_READER.search(text) if "you" in text.lower() else _TO_READER.match(text))


def reworded(text: str, other_stems: Collection[str], share: float = REWORDED) -> bool:
    """Most (``share``) of the sentence's content words are in other reports: told there in
    other sentences or words, so not this report's alone."""
    content = _content_stems(text)
    return bool(content) and sum(w in other_stems for w in content) >= share * len(content)


def _content_stems(text: str) -> list[str]:
    """The stems of a text's content words (three letters or more, no stopword), in order."""
    return [stem(w) for w in _CONTENT.findall(text) if w.lower() not in STOPWORDS]


def _merged(analysis: Analysis, report: int, row: int) -> bool:
    """A sentence another report folded into its neighbour's counterpart ("X did A. He did
    B." / "X did A and B."): adding it to the neighbour brings them clearly closer."""
    sentences = analysis.sentences[report]
    for j in range(len(analysis.articles)):
        if j == report:
            continue
        matches = analysis.space.best(report, j)
        for neighbour in (row - 1, row + 1):
            if not 0 <= neighbour < len(sentences) or matches[neighbour][1] < UNMATCHED:
                continue
            joined = analysis.space.joined_similarity(report, min(neighbour, row), j,
                                                      matches[neighbour][0])
            if joined > matches[neighbour][1] + 0.05:
                return True
    return False


def _details(analysis: Analysis, report: int, row: int, others: Sequence[int],
             disputed: set[tuple[str, str]]) -> tuple[str, ...]:
    """The figures and dates of a sentence that no other report states, each as the page
    shows it (``shown``). Not a disputed value, not a time of day, a year or a score
    (``is_claim``), not a weekday or "today" alone."""
    slug = analysis.sentences[report][row].slug
    sentence = analysis.sentences[report][row].text
    details: list[str] = []
    for fact in analysis.facts[report][row]:
        if (slug, fact.key) in disputed or not is_claim(sentence, fact):
            continue
        text = shown(sentence, fact)
        if text is None or any(
                _told(analysis, j, fact, counterparts(analysis, report, row, j))
                or _pinned(analysis, j, fact, analysis.facts[report][row])
                or _echoed(analysis, j, fact, sentence) for j in others):
            continue
        details.append(text)
    # "dozen countries" of "nearly three dozen countries" is no detail of its own
    return tuple(d for d in dict.fromkeys(details)
                 if not any(d != other and d in other for other in details))


def shown(sentence: str, fact: Fact) -> str | None:
    """A figure or date as a detail shows it, or None when it tells nothing by itself: a
    date without its month ("Thursday", "today", "2009") or a page's dateline ("February 5,
    2009 For the second time"); a figure that is not a count of its own (``_no_count``), or
    no more than a number once its phrase is cut at the first loose word it runs into and a
    verb it ends on ("84 due", "three would"; "19-month freeze due" is shown "19-month
    freeze", "two powerful earthquakes flattened" "two powerful earthquakes"), and a time
    before now at its "ago" ("four years ago devastated Indian" is "four years ago")."""
    after = sentence[fact.end:]
    if fact.kind == DATE:
        dateline = re.search(r"\d{4}$", fact.text) and re.match(r" [A-Z]", after)
        return fact.phrase if _DATED.search(fact.text) and not dateline else None
    if _no_count(sentence[:fact.start], after, fact):
        return None
    phrase = fact.phrase
    if sentence[fact.start + len(phrase):][:3].lstrip().startswith("-"):
        return None  # the phrase stops inside a hyphened word: "two half - brothers"
    words = phrase.split()
    number = len(sentence[fact.start:fact.end].split())  # the figure's own words
    for at in range(number, len(words)):
        if words[at].lower() in _LOOSE or len(words[at]) == 1:
            words = words[:at]
            break
        if words[at].lower() == "ago":  # "four years ago", not "... ago devastated Indian"
            words = words[:at + 1 + (words[at + 1:at + 2] == ["today"])]
            break
    while len(words) > number and words[-1].lower().endswith("ed"):
        words.pop()  # "two powerful earthquakes flattened", not "40 corroded steel cables"
    if len(words) <= number and not fact.dimension:
        return None
    return " ".join(words)


def _no_count(before: str, after: str, fact: Fact) -> bool:
    """The figure is no count of its own: "one" ("one count", "one year ago": an article),
    a scale word cut from its number ("dozen countries" of "three dozen countries"),
    a conversion in brackets ("200 million euros ($265.3 million)"), one end of a range
    ("two or three times"), half of a clock time, a fraction or a compound ("12 minutes, 31
    seconds", "1/2"), or the number of a name or an address ("Week 15", "No. 1", "473 East
    52nd Street", "1010 WINS", "15 Most Wanted")."""
    return bool(re.search(r"(?:^|\s)one\b", fact.text.lower())
                or (_SCALE.fullmatch(fact.text.lower()) and _NUMBER_BEFORE.search(before))
                or re.search(r"\d[^()]{0,40}\(\s*$", before)
                or re.search(r"\b(?:\d+|[a-z]+)\s+or\s+$", before)
                or re.match(r"\s?[:/]\s?\d", after) or re.search(r"\d\s?/\s?$", before)
                or re.match(r"[\s,]+(?:and\s+)?\d+\s+seconds", after)
                or re.search(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]*\.?\s$|\bNo\.\s$", before)
                or re.match(r"\s+(?:North|South|East|West|[NSEW]\.)\s+\d", after)
                or re.match(r"\s+(?:[A-Z]{2,}(?![\w-])|[A-Z][a-z]+\s+[A-Z][a-z]+)",
                            after))


def _told(analysis: Analysis, report: int, fact: Fact, aligned_rows: set[int]) -> bool:
    """Whether report ``report`` states the fact: ``find_fact``, or a date of the same day
    written without its year (each report puts "Jan. 6" in the year nearest its own date),
    or one of the same month written more or less exactly ("March 2020", "March 14, 2020"),
    or, in the corresponding sentence, its year ("in June 1998" / "a 1998 conviction") or
    its weekday ("Dec. 11" / "Thursday")."""
    if find_fact(analysis, report, fact, aligned_rows) is not None:
        return True
    if fact.kind != DATE:
        return _near_figure(analysis, report, fact, aligned_rows)
    weekday = _weekday(fact.key)
    return any(other.kind == DATE and (_same_date(fact, other, row in aligned_rows) or (
                   row in aligned_rows and other.text.lower() == weekday))
               for row, sentence_facts in enumerate(analysis.facts[report])
               for other in sentence_facts)


def _near_figure(analysis: Analysis, report: int, fact: Fact, aligned_rows: set[int]) -> bool:
    """Whether report ``report`` gives a figure of the same thing near the fact's: within
    ``CLOSE`` in the corresponding sentence ("more than 178,000" / "188,829"), within
    ``ROUNDED`` anywhere for a distinctive figure ("$138 million" / "$138.7 million"): the
    same figure told another way, or one the reports dispute, no one report's own."""
    for row, sentence_facts in enumerate(analysis.facts[report]):
        reach = CLOSE if row in aligned_rows else ROUNDED if _distinctive(fact) else 0.0
        for other in sentence_facts:
            if (reach and other.kind == QUANTITY and other.dimension == fact.dimension
                    and (set(fact.counted) & set(other.counted) or row in aligned_rows
                         or (fact.dimension and not (fact.counted and other.counted)))
                    and abs(fact.value - other.value)
                    <= reach * max(abs(fact.value), abs(other.value))):
                return True
    return False


def _weekday(key: str) -> str:
    """The weekday of a date key ("2008-12-11": "thursday"), or "" for a month or year."""
    try:
        return WEEKDAYS[dt.date.fromisoformat(key).weekday()]
    except ValueError:
        return ""


def _pinned(analysis: Analysis, report: int, fact: Fact, beside: Sequence[Fact]) -> bool:
    """Whether a sentence of report ``report`` gives the figure with another figure of its
    sentence (``beside``): "28 completions on 41 attempts" / "completed 28 of 41 passes" are
    one fact whatever each counts."""
    if fact.kind != QUANTITY:
        return False
    partners = [f for f in beside if f is not fact and f.kind == QUANTITY and f.value != fact.value]
    for sentence_facts in analysis.facts[report]:
        figures = [f for f in sentence_facts if f.kind == QUANTITY]
        if any(same_value(fact, f) for f in figures) and any(
                same_value(p, f) for p in partners for f in figures):
            return True
    return False


def _echoed(analysis: Analysis, report: int, fact: Fact, sentence: str) -> bool:
    """Whether a sentence of report ``report`` gives the figure and ``ECHO`` content words
    of the figure's sentence besides: "27 overseas booths" / "27 polling stations abroad
    attached to the country's missions" (the country, abroad)."""
    if fact.kind != QUANTITY:
        return False
    mine = set(_content_stems(sentence))
    for row, sentence_facts in enumerate(analysis.facts[report]):
        if any(f.kind == QUANTITY and same_value(fact, f) for f in sentence_facts):
            text = analysis.sentences[report][row].text
            if len(mine.intersection(_content_stems(text))) >= ECHO:
                return True
    return False


def _same_date(one: Fact, other: Fact, aligned: bool) -> bool:
    if one.key.startswith(other.key) or other.key.startswith(one.key):
        return aligned or len(min(one.key, other.key, key=len)) >= len("2020-03")
    yearless = not re.search(r"\d{4}", one.text) or not re.search(r"\d{4}", other.text)
    return yearless and len(one.key) == len(other.key) == 10 and one.key[4:] == other.key[4:]


def find_fact(analysis: Analysis, report: int, fact: Fact, aligned_rows: set[int]
              ) -> tuple[int, Fact] | None:
    """Where another report states the same fact (same date; same quantity about the same
    thing, or in a corresponding sentence)."""
    for row, sentence_facts in enumerate(analysis.facts[report]):
        for other in sentence_facts:
            if other.kind != fact.kind:
                continue
            if fact.kind == DATE and other.key == fact.key:
                return row, other
            if fact.kind == QUANTITY and same_value(fact, other) and (
                    set(fact.counted) & set(other.counted) or row in aligned_rows
                    or (fact.dimension and not (fact.counted and other.counted))
                    or _distinctive(fact)):
                return row, other
    return None


def _distinctive(fact: Fact) -> bool:
    """A figure no two things of a story are likely to share: 293,000 or 7.6, not 12."""
    return fact.value >= DISTINCTIVE or fact.value != int(fact.value)


def counterparts(analysis: Analysis, report: int, row: int, other: int) -> set[int]:
    """The sentence of report ``other`` that corresponds to ``row``, if any."""
    col, score = analysis.space.best(report, other)[row]
    return {col} if score >= UNMATCHED else set()


__all__ = ["Vocabulary", "counterparts", "find_fact", "reworded", "shown", "unique_items",
           "vocabularies"]
