"""Where a person is from, as wire copy tells it ("Anthony LaSalle, 36, of Bloomington",
"Christopher Kenyon Simpson of Fort Coffee", "Raj Chohan, who lived in South Ozone Park"),
and the disputes of reports that put one person in two places.

One person is one first name and one surname in every report ("Anthony Phillip LaSalle" /
"Anthony LaSalle"); a surname alone may be anyone's ("Herbert Flynn" and "Ka'Loni Flynn").
A report that puts one person in two places itself disputes nothing (a home town and a
birthplace, say), and one place named in two ways ("Fort Smith, Ark." / "Fort Smith") or
one inside the other's name ("New York" / "New York City") is one place.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from generator.compare.items import Analysis, Dispute
from generator.compare.names import Name, name_key, same_name
from generator.compare.referents import is_person

_WORD = r"[A-Z][\w'’.-]*"
# a place of one to three words, not the start of a longer name ("the Joint Chiefs of Staff
# Chair Gen. Mark Milley")
_PLACE = rf"(?P<place>{_WORD}(?:\s+{_WORD}){{0,2}})(?![\w'’.-]|\s+[A-Z])"
# a person's capitalised words, then an age or none, then "of" a place or "who lived in" it
_FROM = re.compile(
    rf"(?P<person>(?:{_WORD}\s+){{1,3}}{_WORD})"
    rf"(?:,\s*(?:aged?\s+)?\d{{1,3}},)?,?\s+"
    rf"(?:of|who\s+(?:lived|lives|resided|resides)\s+(?:[a-z]+\s+){{0,4}}?in)\s+{_PLACE}")
MOST_PLACES = 3  # more places for one person are several people's


@dataclass(frozen=True, slots=True)
class From:
    """One report's word for where one person is from."""

    person: tuple[str, str]  # (first name, surname) as keys
    name: str  # the person as written
    place: str  # the place as written
    key: str  # the place as a key
    report: int
    row: int


def hometowns(analysis: Analysis) -> list[Dispute]:
    """Disputes of where one person is from, each place a side (the first report giving
    it), in the order the people are first named."""
    told: dict[tuple[str, str], list[From]] = {}
    for report, sentences in enumerate(analysis.sentences):
        for row, sentence in enumerate(sentences):
            for found in _froms(sentence.text, report, row, analysis.known_names):
                told.setdefault(found.person, []).append(found)
    return [d for d in (_dispute(analysis, froms) for froms in told.values()) if d]


def _froms(text: str, report: int, row: int, known: Collection[str]) -> list[From]:
    """The people of a sentence with where it says each is from. ``known``: the words the
    story writes capitalised inside sentences (``names.name_vocabulary``): a first word of
    the sentence that is not one is no name ("Later Mark Hale of York")."""
    found = []
    for match in _FROM.finditer(text):
        run, at = match["person"], match.start("person")
        first = run.split(" ", 1)[0]
        if not re.search(r"\w", text[:at]) and first.rstrip(".") not in known:
            run, at = run[len(first):].lstrip(), at + len(first) + 1
        person = _person(run, at)
        if person is None:
            continue
        words = name_key(person).split()
        found.append(From((words[0], words[-1]), person, match["place"].rstrip("."),
                          name_key(match["place"]), report, row))
    return found


def _person(run: str, at: int) -> str | None:
    """The longest run of last words of ``run`` that names a person (a full name: "Police
    stopped Anthony LaSalle": "Anthony LaSalle"), or None."""
    words = run.split()
    for k in range(len(words) - 1):
        text = " ".join(words[k:])
        if name_key(text) and is_person(Name(text, name_key(text), at, at + len(text))):
            return text if len(name_key(text).split()) > 1 else None
    return None


def _dispute(analysis: Analysis, froms: list[From]) -> Dispute | None:
    """The places reports give for one person, when they differ; none when one report gives
    two of them itself."""
    sides: list[From] = []
    for found in froms:
        if not any(_one_place(found.key, side.key) for side in sides):
            sides.append(found)
    places: dict[int, set[int]] = {}  # the sides each report's words are of
    for found in froms:
        places.setdefault(found.report, set()).update(
            k for k, side in enumerate(sides) if _one_place(found.key, side.key))
    if not 2 <= len(sides) <= MOST_PLACES or any(len(p) > 1 for p in places.values()):
        return None  # a report that gives two of the places itself
    return Dispute("name", f"where {sides[0].name} is from", tuple(
        analysis.mention(s.report, s.row, s.place, s.key) for s in sides))


def _one_place(a: str, b: str) -> bool:
    """Two keys of one place: the same name, or one the start of the other ("fort smith" /
    "fort smith ark", "new york" / "new york city")."""
    short, long = sorted((a.split(), b.split()), key=len)
    return same_name(a, b) or long[:len(short)] == short


__all__ = ["From", "hometowns"]
