"""Quotations in a report, who said them, and the same quotation across reports.

A quotation is text in curly (“…”) or straight ("…") double quotes of three words or more.
Its speaker is read first from the words that attribute it, right after the closing quote
("…,” X said / said X / X told CNN: X, not CNN) or right before the opening one ("X said: “…"),
then, failing those, from the person named nearest a speech verb in the paragraph. A pronoun
or role ("he said", "the president said") stands for the last person named before it in the
report; a surname alone ("Brennan") stands for the full name used earlier ("Rick Brennan").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from generator.compare_align import Sentence
from generator.compare_names import Name, names, same_name

ORG_WORDS = frozenset(
    ("ministry", "organization", "organisation", "agency", "department", "council", "army",
     "forces", "force", "tv", "service", "office", "government", "party", "union", "nations",
     "bank", "committee", "court", "police", "university", "news", "group", "guard", "guards",
     "province", "district", "city", "taliban", "state", "states", "republic", "company",
     "corporation", "institute", "association"))
NOT_NAME_WORDS = frozenset(("he", "she", "it", "they", "we", "i", "you", "yet", "but", "and",
                            "so", "then", "when", "while", "if", "as"))
_QUOTE = re.compile(r"“([^”]+)”?|\"([^\"]+)\"")
_SPEECH = re.compile(r"\b(?:said|says|say|told|added|stated|asked|admitted|declared|wrote|"
                     r"according to|quoted)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:he|she|the (?:president|minister|spokesman|spokeswoman|official|"
                      r"commander|director))\b", re.IGNORECASE)
_VERB = (r"(?:said|says|told|tells|added|adds|stated|explained|wrote|writes|declared|"
         r"insisted|warned|noted|continued|recalled|admitted|announced|asked|replied)")
# after the closing quote: ', X said' / ', said X' (X up to the clause's end)
_AFTER_SUBJECT = re.compile(rf"^[\s,.!?—–-]*(?P<who>[^,.;:!?“”\"\n]{{1,60}}?)\s+{_VERB}\b")
_AFTER_VERB = re.compile(rf"^[\s,.!?—–-]*{_VERB}\s+(?P<who>[^,.;:!?“”\"\n]{{1,60}})")
# before the opening quote: 'X said: “' / 'X told reporters, “' / 'according to X, “'
_BEFORE = re.compile(rf"(?P<who>[^,.;:!?“”\"\n]{{1,60}}?)\s+{_VERB}\b[^“”\"\n.]{{0,40}}[:,]?\s*$")
# a quotation that goes on after its attribution: '“…,” Bush said. “More words.”'
_GOES_ON = re.compile(rf"”\s*[,.]?\s*(?P<who>[^,.;:!?“”\"\n]{{1,60}}?)\s+{_VERB}\b"
                      r"[^“”\"\n.]{0,40}\.\s*$")
_ACCORDING = re.compile(r"according to (?P<who>[^,.;:!?“”\"\n]{1,60}?)[,:]?\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class QuoteMention:
    """One quotation as one report gives it: the words inside the quotes and its sentence."""

    slug: str
    speaker: str | None
    quote: str
    sentence_id: str
    sentence: str


def is_person(name: Name, known: Collection[str] = ()) -> bool:
    """A name that looks like a person: titled, or two to four words with no organisation
    word, or the surname of a person named before."""
    words = name.key.split()
    if any(w.strip(".") in ORG_WORDS for w in words) or name.text.isupper():
        return False
    if any(w.strip(".").lower() in NOT_NAME_WORDS for w in name.text.split()):
        return False  # "St. She", "Yet Stefanski": a sentence's first word run into a name
    if name.titled or any(same_name(k.lower(), name.key) for k in known):
        return True
    return 2 <= len(words) <= 4 and all(w[0].isupper() for w in name.text.split())


def report_quotes(sentences: Sequence[Sentence], known_names: Collection[str],
                  sentence_names: Sequence[Sequence[Name]] | None = None
                  ) -> list[QuoteMention]:
    """Every quotation of a report with its speaker, in order. ``sentence_names``: the
    ``names`` of each sentence with ``known_names``, if already found (a paragraph without
    quotation marks has the names of its sentences, one per line)."""
    found: list[QuoteMention] = []
    persons: list[str] = []  # full names in order of mention, for pronouns and surnames
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
    for group in by_paragraph.values():
        text = "\n".join(s.text for s in group)  # a line break: names never span sentences
        outside = _QUOTE.sub(lambda m: "“" + "x" * (len(m.group()) - 2) + "”", text)
        speaker = _speaker(outside, persons, known_names)
        found_names = (names(outside, known_names) if sentence_names is None or outside != text
                       else [n for s in group for n in sentence_names[s.index]])
        last_said: str | None = None
        named = [(n.end, _full(n.text, persons)) for n in found_names  # "Drew Brees ... Brees"
                 if is_person(n, persons)] if '"' in text or "“" in text else []
        for match in _QUOTE.finditer(text):
            quote = " ".join((match.group(1) or match.group(2) or "").split())
            if len(quote.split()) < 3:
                continue
            where = _sentence_at(group, match.start())
            earlier = persons + [full for end, full in named if end <= match.start()]
            said_by = _attributed(outside, match.start(), match.end(), earlier, known_names)
            last_said = said_by or last_said  # an unattributed quotation goes on the last one
            found.append(QuoteMention(where.slug, last_said or speaker, quote.rstrip(" ,"),
                                      where.sentence_id, where.text))
        persons.extend(_full(n.text, persons) for n in found_names if is_person(n, persons))
        if speaker:
            persons.append(speaker)
    return found


def _speaker(outside: str, persons: list[str], known_names: Collection[str]) -> str | None:
    """The person a paragraph quotes: the named person nearest a speech verb, else a pronoun's
    antecedent. None when the paragraph has no quotation or no speaker can be told."""
    if "“" not in outside and '"' not in outside:
        return None
    verbs = [m.start() for m in _SPEECH.finditer(outside)]
    candidates = [n for n in names(outside, known_names) if is_person(n, persons)]
    if candidates and verbs:
        nearest = min(candidates, key=lambda n: min(abs(n.start - v) for v in verbs))
        return _full(nearest.text, persons)
    if verbs and persons and _PRONOUN.search(outside):
        return persons[-1]
    return None


def _attributed(outside: str, start: int, end: int, persons: list[str],
                known_names: Collection[str]) -> str | None:
    """The speaker the words around one quotation name (``outside``: the paragraph with its
    quotations masked, same offsets): after it, else before it; None when they name none."""
    after = outside[end:end + 90].split("\n", 1)[0]
    window = outside[max(0, start - 120):start]
    before = window.rsplit("\n", 1)[-1]
    last_sentence = " ".join(window.rsplit("\n", 2)[-2:])  # "…,” Bush said.\n“More…”
    for pattern, text in ((_AFTER_VERB, after), (_AFTER_SUBJECT, after),
                          (_ACCORDING, before), (_BEFORE, before),
                          (_GOES_ON, last_sentence)):
        found = pattern.search(text)
        if found is None or "“" in found["who"]:
            continue
        who = _who(found["who"], persons, known_names)
        if who:
            return who
    return None


def _who(words: str, persons: list[str], known_names: Collection[str]) -> str | None:
    """The speaker a few attributing words name: the last person named in them, else their
    last name (a person's full name for a surname), or the last person named before for a
    pronoun or role."""
    # inside a sentence ("x " before it): a lone capitalised word is a name there ("Bush")
    named = names(f"x {words}", known_names)
    if named:  # the head of "Saints coach Sean Payton" is its last name, a person if any
        people = [n for n in named if is_person(n, persons)]
        return _full((people or named)[-1].text, persons)
    if persons and _PRONOUN.fullmatch(words.strip()):
        return persons[-1]
    return None


def _full(text: str, persons: Sequence[str]) -> str:
    """A surname alone becomes the full name it stands for; titles are dropped."""
    key = " ".join(w for w in text.split())
    for person in reversed(persons):
        if same_name(person.lower(), key.lower()) and len(person) > len(key):
            return person
    return key


def _sentence_at(group: Sequence[Sentence], offset: int) -> Sentence:
    position = 0
    for sentence in group:
        if offset < position + len(sentence.text) + 1:
            return sentence
        position += len(sentence.text) + 1
    return group[-1]


def wording_ratio(a: str, b: str) -> float:
    """Similarity of two quotations' words, 0..1 (case and punctuation ignored)."""
    return SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()


def wording_changes(a: str, b: str) -> list[tuple[str, str]]:
    """Word-level differences from quotation ``a`` to ``b``: (words in a, words in b)."""
    words_a, words_b = a.split(), b.split()
    matcher = SequenceMatcher(None, _words(a), _words(b), autojunk=False)
    return [(" ".join(words_a[i1:i2]), " ".join(words_b[j1:j2]))
            for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _words(text: str) -> list[str]:
    return [re.sub(r"[^\w']", "", w.lower().replace("’", "'")) for w in text.split()]


def same_quote(a: QuoteMention, b: QuoteMention) -> bool:
    """The same quotation in two reports: similar words, and compatible speakers."""
    if a.speaker and b.speaker and not same_name(a.speaker.lower(), b.speaker.lower()):
        return False
    return wording_ratio(a.quote, b.quote) >= 0.5
