"""What a figure is of, besides what it counts: the whole a share is of or a distance is
measured from ("52% of registered voters", "50 km from Tokyo"), the whole a count is of
("the region's 5 million people", "a city of 2 million") and the rate a level is of
("Unemployment rose to 5 percent"). Two figures of two such wholes are two things, whatever
they count (``compare_conflicts.one_occasion``). A sum written before the thing it is the
size of ("the $1.2 trillion infrastructure package") is that thing's (``sized``): its
size whoever the sentence is about and whenever it is told of."""

from __future__ import annotations

import re

from generator.compare.facts import QUANTITY, STOPWORDS, WORD, Fact, stem

_SHARE_OF = re.compile(r"\s+(?:of|from)\s+((?:[\w’'-]+\s+){0,2}[\w’'-]+)", re.IGNORECASE)
# the whole a figure is of: "the region's 5 million people", "a city of 2 million"
_OWNER = re.compile(r"(?:\b(?P<owner>[a-z]{3,})[’']s|\b(?:[Aa]|[Tt]he)\s+(?P<place>city|town|"
                    r"country|nation|region|state|province|village|county|district|island)\s+of)\s+"
                    r"(?:some\s+|about\s+|nearly\s+|more\s+than\s+)?\Z")
_OWNER_REACH = 60  # characters looked back for what a figure is of
# the rate a level is of: "Unemployment rose to 5 percent", "inflation was 3%"
_LEVEL_OF = re.compile(r"(?P<what>(?:\b[a-z]{3,}\s+){0,1}\b[a-z]{3,})\s*(?:\([^()]{1,30}\)\s*|,[^,]"
                       r"{1,25},\s*)?(?:rate\s+)?(?:rose|fell|climbed|dropped|jumped|surged|soared|"
                       r"plunged|slid|slipped|tumbled|was|is|stood|stands|reached|hit|increased|"
                       r"decreased|declined|grew)\s+(?:by\s+)?(?:to\s+|at\s+)?\Z", re.IGNORECASE)
# what a distance is measured from: "50 km from Tokyo", "20 km off the coast", "80 km north
# of the city" (a depth or a length, "10 km deep", measures from nothing named)
_MEASURED_FROM = re.compile(r"\s+(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+"
                            r"of|from|off|outside|away from)\s+((?:[\w’'-]+\s+){0,2}[\w’'-]+)",
                            re.IGNORECASE)


def base_of(sentence: str, fact: Fact) -> frozenset[str]:
    """The stems of what a share is of or measured from, the words after "of" or "from" up
    to a stopword, a plural or a name ("52% of registered voters back it": registered,
    voter; "shot 45% from 3-point range": point, range; "50 km from Tokyo": tokyo), if it
    says."""
    of = (_SHARE_OF.match(sentence, fact.end) if fact.dimension == "percent"
          else _MEASURED_FROM.match(sentence, fact.end) if fact.dimension == "m" else None)
    found: list[str] = []
    for word in WORD.findall(of[1]) if of else ():
        if word.lower() in STOPWORDS:
            if found:
                break
            continue
        found.append(stem(word))
        if word[0].isupper() or (word.endswith("s") and stem(word) != word.lower()):
            break  # "voters", "Republicans": the noun of the phrase
    return frozenset(found)


def of_what(sentence: str, fact: Fact) -> tuple[frozenset[str], frozenset[str]]:
    """The stems of the whole a figure is of ("the region's 5 million people", "a city of 2
    million") and of the noun a rate or its change is of ("Unemployment rose to 5 percent",
    "The jobless rate was 5%", "Used car prices, for example, surged 21 percent": prices,
    not "the consumer price index"), if it says."""
    back = max(0, fact.start - _OWNER_REACH)
    owner = _OWNER.search(sentence, back, fact.start)
    level = _LEVEL_OF.search(sentence, back, fact.start) if fact.dimension == "percent" else None
    noun = level["what"].split()[-1].lower() if level else ""  # "used car prices": prices
    return (frozenset((stem(owner["owner"] or owner["place"]),)) if owner else frozenset(),
            frozenset((stem(noun),)) if noun and noun not in STOPWORDS else frozenset())


CURRENCIES = frozenset(("usd", "eur"))  # the sums among the dimensions of facts.UNITS
_PLAIN = re.compile(r"[a-z][a-z-]+")  # a word of a noun phrase: no name, no figure
_VERB = re.compile(r"\w+(?:ed|ing)|is|are|was|were|will|would|has|have|had|could|may|can")
# words of when, not of what ("$82 million last summer", "$5 billion a year", "each month")
_WHEN = frozenset(("last", "next", "this", "each", "every", "per", "early", "late", "earlier",
                   "later", "ago", "annually", "yearly", "monthly", "weekly", "daily"))


def sized(fact: Fact) -> frozenset[str]:
    """The stems of the words before the noun a sum is the size of, when the sum stands
    right before a noun phrase of two words or more ("a $1.2 trillion infrastructure
    package": infrastructure; "$80 million contract": none, a bare noun says too little to
    tell two things apart), if it does."""
    phrase = sized_phrase(fact)
    return frozenset(stem(w) for w in phrase[:-1]) if len(phrase) > 1 else frozenset()


def sized_phrase(fact: Fact) -> list[str]:
    """The words, as written, of the noun phrase a sum stands right before ("$1.2 trillion
    infrastructure package passed": infrastructure, package), if any."""
    if fact.kind != QUANTITY or fact.dimension not in CURRENCIES:
        return []
    phrase: list[str] = []
    for word in fact.phrase[len(fact.text):].split():
        if (not _PLAIN.fullmatch(word) or _VERB.fullmatch(word) or word in STOPWORDS
                or word in _WHEN):
            break
        phrase.append(word)
    return phrase
