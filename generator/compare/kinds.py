"""What a figure is about: the kind of thing it counts and the kind of event it tells.

"At least five people were killed", "one person died" and "the death toll rose to four" count
the same thing (people) of the same event (deaths) in different words. A claim's **class** is
the class of the word it counts ("protesters" and "people" are people; "homes", "houses" and
"buildings" are buildings); its **aspect** is the event word nearest the figure ("killed",
"died", "death" are deaths; "arrested" and "detained" are arrests). The lists are of general
news English, not of any outlet or story.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.compare.facts import STOPWORDS, stem

# (children, men and women are a part of the people a figure may count: a class of their own)
_CLASSES: dict[str, tuple[str, ...]] = {
    "people": ("people", "person", "protester", "demonstrator", "resident", "civilian",
               "villager", "passenger", "student", "worker", "migrant", "refugee", "victim",
               "casualty", "inhabitant", "citizen", "individual", "rioter", "pilgrim",
               "observer", "monitor", "expert", "official", "officer", "soldier", "troop",
               "fighter", "militant", "journalist", "reporter", "patient", "survivor",
               "tourist", "visitor", "employee", "marcher", "voter", "spectator", "fan",
               "participant", "other"),
    "building": ("home", "house", "building", "structure", "dwelling", "residence"),
    "shot": ("shot", "round", "bullet", "gunshot"),
}
_ASPECTS: dict[str, tuple[str, ...]] = {
    "deaths": ("killed", "kill", "dead", "die", "died", "death", "toll", "fatality", "killing",
               "perished", "drowned", "lives", "body"),
    "injuries": ("injured", "injury", "injure", "wounded", "wound", "hurt", "hospitalised",
                 "hospitalized", "hospital", "treated", "treatment", "outpatient"),
    "arrests": ("arrested", "arrest", "detained", "detain", "custody", "jailed", "detention"),
    "displaced": ("displaced", "evacuated", "evacuate", "homeles", "homeless", "fled", "flee",
                  "shelter", "evacuation"),
    "missing": ("missing", "unaccounted"),
    "damage": ("damaged", "damage", "destroyed", "collapsed", "razed", "flattened",
               "destruction"),
    "firing": ("fired", "fire", "firing", "struck", "hit", "striking", "shot"),
    "turnout": ("turnout", "voted", "ballot"),
    "funding": ("raised", "funding", "invested", "investment"),
    "price": ("worth", "cost", "valued", "price", "paid", "pay", "fee"),
    "age": ("aged", "age", "old", "year-old"),
    "depth": ("deep", "depth"),
    "missed": ("missed", "miss", "sat", "sit", "sidelined", "skipped"),
    "played": ("played", "appeared", "appearance", "started", "starts"),
}
# heads that are themselves what is measured: no event word says more of them ("the 7.6
# magnitude quake struck", "damaged"); their aspect is the measure
MEASURES = frozenset(("magnitude",))
CLASS_OF = {stem(word): name for name, words in _CLASSES.items() for word in words}
ASPECT_OF = {stem(word): name for name, words in _ASPECTS.items() for word in words}
CLAUSE_WORDS = frozenset(("and", "but", "while", "whereas", "whilst"))  # a clause ends there
REACH = 5  # content words from the figure an aspect word may be


def head_class(head: str) -> str:
    """The class of a counted word: "people" for "protester", else the word itself."""
    return CLASS_OF.get(head, head)


def aspect(head: str, left_stems: Sequence[str], right_stems: Sequence[str]) -> str:
    """The kind of event of a figure that counts ``head``: a measure's own (``MEASURES``),
    else the ``nearest_aspect``."""
    return head if head in MEASURES else nearest_aspect(left_stems, right_stems)


def nearest_aspect(left_stems: Sequence[str], right_stems: Sequence[str]) -> str:
    """The kind of event of the word nearest a figure (``left_stems``: the stems of the words
    before it, in order; ``right_stems``: after it), within ``REACH`` words that are no
    stopwords ("eight people had suffered from serious injury") and in the figure's own
    clause ("one was killed and 40 were injured": 40 injured); ties go to the word after
    ("58 were killed")."""
    left = list(left_stems)
    cut = max((k for k, w in enumerate(left) if w in CLAUSE_WORDS), default=-1)
    right = list(right_stems)
    end = next((k for k, w in enumerate(right) if w in CLAUSE_WORDS), len(right))
    left_stems = [w for w in left[cut + 1:] if w not in STOPWORDS][-REACH:]
    right_stems = [w for w in right[:end] if w not in STOPWORDS][:REACH]
    for distance in range(REACH):
        for words, index in ((right_stems, distance), (left_stems, len(left_stems) - 1 - distance)):
            if 0 <= index < len(words) and words[index] in ASPECT_OF:
                return ASPECT_OF[words[index]]
    return ""


__all__ = ["ASPECT_OF", "CLASS_OF", "MEASURES", "aspect", "head_class", "nearest_aspect"]
