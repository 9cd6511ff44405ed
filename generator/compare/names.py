"""Named people, places and organisations: capitalised word runs, normalised and compared.

A generic approach with no model: a name is a run of capitalised words (joined by "of",
"al", "de", "bin", "&", "-e-"), with titles ("President", "Brig. Gen.") kept apart. Two names
in different reports are the same name when their keys are equal or one is the tail of the
other ("Joe Biden" / "Biden"), and spelling variants when they are close letter for letter
("Islamic Qala" / "Islam Qala", "Tariq Arian" / "Tareq Arian").
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection
from dataclasses import dataclass
from difflib import SequenceMatcher

TITLES = frozenset(
    ("president", "prime", "minister", "secretary", "spokesman", "spokeswoman", "spokesperson",
     "general", "gen", "gen.", "brigadier", "brig", "brig.", "colonel", "col", "col.", "lieutenant",
     "lt", "lt.", "major", "maj", "captain", "capt", "sergeant", "dr", "dr.", "mr", "mr.", "mrs",
     "mrs.", "ms", "ms.", "professor", "prof", "governor", "gov", "senator", "sen", "sheikh",
     "king", "queen", "prince", "pope", "judge", "commander", "director", "chief", "ambassador",
     "mayor"))
CONNECTORS = frozenset({"of", "al", "el", "de", "la", "bin", "ibn", "van", "von", "&"})
# Capitalised words that are not names on their own (sentence starters, weekdays, months).
NOT_NAMES = frozenset(
    ("a", "an", "the", "this", "that", "these", "those", "it", "its", "in", "on", "at", "as", "but",
     "and", "or", "if", "when", "while", "after", "before", "earlier", "later", "last", "next",
     "another", "some", "many", "most", "more", "other", "others", "he", "she", "they", "we", "i",
     "you", "his", "her", "their", "our", "there", "here", "what", "who", "why", "how", "asked",
     "meanwhile", "however", "also", "some", "monday", "tuesday", "wednesday", "thursday", "friday",
     "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december", "one", "two", "three", "four", "five", "six",
     "seven", "eight", "nine", "ten", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
     "sept", "oct", "nov", "dec", "both", "each", "every", "neither", "either", "several",
     "such", "few", "all", "then", "now", "so", "yet", "only", "even", "not", "nor", "for",
     "with", "from", "to", "by", "because", "although", "though", "since", "until", "during",
     "despite", "unlike", "among", "where", "which", "whose", "whom"))
_CAP_WORD = re.compile(r"[A-Z][\w’'.-]*|&")
_TOKEN = re.compile(r"[\w’'.&-]+")
_NAME_START = re.compile(r"(?<![\w’'.&-])[A-Z&][\w’'.&-]*")  # a _TOKEN that may be _CAP_WORD


@dataclass(frozen=True, slots=True)
class Name:
    """A name as written in a sentence, with a comparable key (lowercase, no title/"the")."""

    text: str
    key: str
    start: int
    end: int
    titled: bool = False  # written with a title before it: likely a person


def names(sentence: str, known: Collection[str] | None = None) -> list[Name]:
    """Names in a sentence (lines of ``sentence`` are sentences). ``known``: words seen
    capitalised inside sentences of the story (``name_vocabulary``); a lone capitalised
    word that starts a sentence is a name only if it is known, so "Pitched battles" is not."""
    found: list[Name] = []
    run: list[re.Match[str]] = []
    position = 0
    # each word (``_TOKEN``) in turn, but outside a name only those that could start one
    while token := (_TOKEN if run else _NAME_START).search(sentence, position):
        position = token.end()
        word = token.group()
        gap = sentence[run[-1].end():token.start()] if run else ""
        if gap.strip() or "\n" in gap:  # punctuation or a line break ends a name
            found.extend(_name_from_run(sentence, run, known))
            run = []
        if _capitalised(word) or (run and word.lower() in CONNECTORS):
            run.append(token)
            if word.endswith(("’s", "'s")):  # "Iran’s Al Alamam TV": a possessive ends a name
                found.extend(_name_from_run(sentence, run, known))
                run = []
            continue
        found.extend(_name_from_run(sentence, run, known))
        run = []
    found.extend(_name_from_run(sentence, run, known))
    return found


def _capitalised(word: str) -> bool:
    """``_CAP_WORD.fullmatch(word)``, checking the first letter before the pattern."""
    return ("A" <= word[0] <= "Z" or word == "&") and _CAP_WORD.fullmatch(word) is not None


def _name_from_run(sentence: str, run: list[re.Match[str]],
                   known: Collection[str] | None) -> list[Name]:
    while run and (run[-1].group().lower() in CONNECTORS or run[-1].group() == "&"):
        run = run[:-1]
    while run and _bare(run[0].group()).lower() in NOT_NAMES and not (
            len(run[0].group()) > 1 and run[0].group().isupper()):  # "WHO" is a name
        run = run[1:]
    titled = False
    while run and _bare(run[0].group()).lower() in TITLES:
        run, titled = run[1:], True
    if not run:
        return []
    start, end = run[0].start(), run[-1].end()
    text = sentence[start:end].rstrip(".")
    if text.endswith(("’s", "'s")):
        text = text[:-2]
    end = start + len(text)
    if (len(run) == 1 and not titled and known is not None and not text.isupper()
            and _sentence_start(sentence, start) and text not in known):
        return []
    if len(text) < 2:
        return []
    return [Name(text, name_key(text), start, end, titled)]


def _bare(word: str) -> str:
    return word.rstrip(".").replace("’s", "").replace("'s", "")


def _sentence_start(sentence: str, start: int) -> bool:
    line_start = sentence.rfind("\n", 0, start) + 1
    return not re.search(r"\w", sentence[line_start:start])


def name_key(text: str) -> str:
    """Lowercase words of a name, without a leading "the" or title."""
    words = [w.replace(".", "") for w in text.lower().replace("’", "'").split()]
    while words and (words[0] in TITLES or words[0] == "the"):
        words = words[1:]
    return " ".join(words)


def same_name(a: str, b: str) -> bool:
    """Keys naming the same thing: equal, or one is the other's last words ("biden")."""
    if a == b:
        return True
    short, long = sorted((a.split(), b.split()), key=len)
    return bool(short) and long[-len(short):] == short and len(short[-1]) > 3


@dataclass(frozen=True)
class NameIndex:
    """Keys of names, to ask fast whether a key is ``same_name`` as one of them."""

    keys: frozenset[str]
    tails: frozenset[tuple[str, ...]]  # every run of last words of every key

    @classmethod
    def of(cls, keys: Collection[str]) -> NameIndex:
        """The index of ``keys``."""
        split = [key.split() for key in keys]
        return cls(frozenset(keys), frozenset(tuple(w[i:]) for w in split for i in range(len(w))))

    def names(self, key: str) -> bool:
        """Whether ``same_name(key, k)`` holds for some indexed key ``k``."""
        if key in self.keys:
            return True
        words = key.split()
        if not words or len(words[-1]) <= 3:
            return False
        return tuple(words) in self.tails or any(
            " ".join(words[i:]) in self.keys for i in range(1, len(words)))


def spelling_variant(a: str, b: str) -> bool:
    """Keys that differ only by spelling: same number of words, each word alike, not equal."""
    if same_name(a, b):
        return False
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b):
        return False
    if SequenceMatcher(None, a, b).ratio() < 0.8 or len(a) < 5:
        return False
    return all(wa == wb or (wa[0] == wb[0] and SequenceMatcher(None, wa, wb).ratio() >= 0.6)
               for wa, wb in zip(words_a, words_b, strict=True))


# endings that make another grammatical form of a word of a name: its plural ("Americans")
PLURALS = frozenset(("", "s", "es"))
# ... and, of a name's last word, its adjective or demonym ("European", "Democratic",
# "Californians", "New Zealander", "Iraqi", "Confederacy" / "Confederate")
DERIVED = PLURALS | {"n", "ns", "an", "ans", "ian", "ians", "ic", "ics", "ish", "ese", "er", "ers",
                     "ary", "i", "is", "ate", "acy"}
_MARKS = "'’\"“”‘"  # a possessive's apostrophe, or quotation marks glued on by scraping
_ABBREVIATION = re.compile(r"[A-Z]{2,3}")


def word_forms(a: str, b: str) -> bool:
    """Two names as written that are one name in two forms, not two spellings of it: a
    possessive ("Texas" / "Texas'"), a plural ("CEO" / "CEOs"), an adjective or demonym of its
    last word ("Europe" / "European", "Democrats" / "Democratic", "Russia-linked" /
    "Russian-linked"), a compound made of it ("United Nations-run"), a number in it
    ("Covid-related" / "COVID-19-related") or an abbreviation in capitals ("D-Minn" /
    "D-MN"). An adjective of another word is a spelling ("Islamic Qala" / "Islam Qala")."""
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b):
        return False
    last = len(words_a) - 1
    return all(_word_forms(x.strip(_MARKS), y.strip(_MARKS), DERIVED if k == last else PLURALS)
               for k, (x, y) in enumerate(zip(words_a, words_b, strict=True)))


def _word_forms(x: str, y: str, endings: frozenset[str]) -> bool:
    parts_x = [p for p in x.split("-") if p and not p.isdigit()]
    parts_y = [p for p in y.split("-") if p and not p.isdigit()]
    if len(parts_x) != len(parts_y):  # "Nations-run" / "Nations": a compound of the name
        short, long = sorted(([p.lower() for p in parts_x], [p.lower() for p in parts_y]),
                             key=len)
        return bool(short) and short in (long[:len(short)], long[-len(short):])
    return all(p.lower() == q.lower() or _abbreviated(p, q) or _abbreviated(q, p)
               or _inflected(p.lower(), q.lower(), endings)
               for p, q in zip(parts_x, parts_y, strict=True))


def _inflected(p: str, q: str, endings: frozenset[str]) -> bool:
    """One word and another form of it: a shared stem of three letters or more, each
    followed by one of ``endings`` ("democrat" + "ic" / "s"; "confeder" + "ate" / "acy")."""
    common = len(os.path.commonprefix((p, q)))
    return any(p[k:] in endings and q[k:] in endings for k in range(max(3, common - 2), common + 1))


def _abbreviated(short: str, long: str) -> bool:
    """``short`` is written in capitals and its letters are ``long``'s, in order, from its
    first ("MN" of "Minn", "CA" of "Calif")."""
    if not _ABBREVIATION.fullmatch(short) or short[0] != long[0].upper():
        return False
    rest = iter(long[1:].lower())
    return all(letter in rest for letter in short[1:].lower())


def name_vocabulary(sentences: Collection[str]) -> frozenset[str]:
    """Capitalised words seen after the first word of a sentence (possessives removed)."""
    found: set[str] = set()
    for sentence in sentences:
        for match in re.finditer(r"(?<=\W)[A-Z][\w-]*", sentence):
            if re.search(r"\w", sentence[:match.start()]):
                found.add(match.group())
    return frozenset(found)
