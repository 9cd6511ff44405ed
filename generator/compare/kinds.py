"""What a figure is about: the kind of thing it counts and the kind of event it tells.

"At least five people were killed", "one person died" and "the death toll rose to four" count
the same thing (people) of the same event (deaths) in different words. A claim's **class** is
the class of the word it counts ("protesters" and "people" are people; "homes", "houses" and
"buildings" are buildings); its **aspect** is the event word nearest the figure ("killed",
"died", "death" are deaths; "arrested" and "detained" are arrests). Its **occasion**
(``qualifiers``) is what its clause says of when and of how much of the whole it is: the
days named, a part of the time ("during the run", "this season", "since October"), a
change or the level it started from ("rose by 2%", "doubled from 3.4%"), a part of another
figure ("including nine children"). The lists are of general news English, not of any
outlet or story.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.compare.facts import MONTHS, QUANTITY, STOPWORDS, WEEKDAYS, Fact, stem

# (children, men and women are a part of the people a figure may count: a class of their own)
_CLASSES: dict[str, tuple[str, ...]] = {
    "people": ("people", "person", "protester", "demonstrator", "resident", "civilian",
               "villager", "passenger", "student", "worker", "migrant", "refugee", "victim",
               "casualty", "inhabitant", "citizen", "individual", "rioter", "pilgrim",
               "observer", "monitor", "expert", "official", "officer", "soldier", "troop",
               "fighter", "militant", "journalist", "reporter", "patient", "survivor",
               "tourist", "visitor", "employee", "marcher", "voter", "spectator", "fan",
               "participant", "crew", "crewman", "crewmen", "crewmember", "sailor",
               "seafarer", "other"),
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
_LENGTHS = frozenset(("day", "hour", "month", "year"))  # dimensions of a length of time
# where the clause of a figure ends: punctuation (not a comma in a number, "2, 029"), a dash,
# or a word that starts a clause
_CLAUSE_END = re.compile(r"[;:()“”\"]|(?<!\d),|,(?!\s?\d)|\s[-–—]\s"
                         rf"|\b(?:{'|'.join(sorted(CLAUSE_WORDS))}|when|where|which|who)\b",
                         re.IGNORECASE)
_AGAIN = re.compile(r"\s*\((?:about |some |around |nearly |roughly )?\d[\d,.]*\s*[a-z%]*\)",
                    re.IGNORECASE)  # "(50 miles)": the same figure in other units
# a sentence's opening adverbial, told of all of it: "During the run, ...", "On Monday, ..."
LEAD = re.compile(r"^\W*(?:on|during|in|since|by|this|last|earlier|after|before|over"
                   r"|throughout|until|at|excluding|except|not counting|apart from|aside from"
                   r"|prior to|previously)"
                   r"\b[^,;]{0,80},", re.IGNORECASE)
_TIME_WORD = rf"(?:{'|'.join(MONTHS)}|{'|'.join(WEEKDAYS)}|\d{{4}}|last|the (?:start|beginning))"
# a part of the time a figure may be told of: a stretch of a game, a season, "since October",
# an earlier best
_PERIOD = re.compile(
    rf"\b(?:during|since (?:(?:early|late|mid)[\s-]+)?{_TIME_WORD}|so far|to date|overtime"
    r"|since (?:the|it|they|its|their) (?:[\w-]+ ){0,3}?(?:began|started|erupted|broke out"
    r"|opened|start|beginning|outbreak)"  # "since the protests began": a running count
    r"|(?:record|mark) of"  # the best of the time before: "broke the record of 2,116 points"
    r"|(?:this|last|next|previous|past) (?:season|year|month|week|weekend)"
    r"|(?:first|second|third|fourth|fifth|final|opening|closing)[\s-]+(?:half|quarter|period"
    r"|innings?|round|set|lap|leg|stage|day|game|week|month)"
    r"|excluding|except for|not counting"  # a part of the whole
    # a total over several days or nights: "over four nights of protesting", "in the past
    # three days" (one day's figure is a part of it)
    r"|(?:over|across|in|during) (?:the )?(?:(?:past|last|first) )?(?:two|three|four|five|six"
    r"|seven|eight|nine|ten|several|\d+) (?:straight |consecutive )?(?:days|nights|weeks)"
    r"|in (?:cash|stock|shares)"  # a part of a price: "$281 million in cash"
    r"|prior to that|before that|previously)\b", re.IGNORECASE)  # an earlier time
# how long a change is measured over (a year's change is not a month's: "rose 0.6% in the
# month of May alone" / "rose 5% from a year earlier"), or an event after the main one ("a
# second quake", "the latest tremor", "an aftershock"): the name of each group
_OVER = re.compile(
    r"\b(?:(?P<yearly>(?:from|over|than) a year (?:earlier|ago|prior|before)"
    r"|year[\s-](?:over|on)[\s-]year|(?:in|over) the (?:past |last )?(?:12|twelve)[\s-]months?"
    r"|annual(?:ly)?)|(?P<monthly>month[\s-](?:over|on)[\s-]month|from (?:a|the previous"
    r"|the prior) month|the month of \w+ alone)"
    r"|(?P<later>(?:second|third|another|latest|new|subsequent|fresh)\s+(?:[\w.-]+\s+){0,2}"
    r"(?:quake|earthquake|tremor|temblor|shock|blast|explosion|attack|shooting|storm)s?"
    r"|aftershocks?|foreshocks?))\b", re.IGNORECASE)
_OVER_NAMES = {"yearly": "yearly", "monthly": "monthly", "later": "later event"}
_CHANGE_VERB = (r"(?:rose|rise[sn]?|rising|fell|falls?|falling|fallen|grew|grow[sn]?|growing"
                r"|(?:increase|decrease|decline|drop|climb|jump|gain|slip|soar|surge|plunge"
                r"|tumble|double|triple|halve)(?:[sd]|ed|ing)?|up|down)")
# a change right before a figure: it counts by how much, not how many ("rose by 2 percent",
# "up 5%"; "rose to 7 percent" is a level)
_CHANGE = re.compile(rf"\b{_CHANGE_VERB}\s+(?:by\s+)?$", re.IGNORECASE)
# the verbs of ``_CHANGE_VERB`` that tell a change down: "fell 4%" is no rise of 4%
_DOWN = re.compile(r"\b(?:fell|falls?|falling|fallen|(?:decrease|decline|drop|slip|plunge|tumble"
                   r"|halve)(?:[sd]|ed|ing)?|dropped|slipped|down)\s+(?:by\s+)?$", re.IGNORECASE)
# a level a change went past, not its size: "the toll rose above 150", "climbed over 8%"
_CROSSED = frozenset(("above", "over", "past", "beyond"))
# the level a change started from: "doubled from 3.4%", "up from 12"
_FROM = re.compile(rf"\b{_CHANGE_VERB}\s+(?:[\w’'-]+\s+){{0,3}}?from\s+$", re.IGNORECASE)
# a part of a whole told before it: "28 Palestinians, including nine children"
_INCLUDING = re.compile(r"\b(?:including|among them|among whom|of whom|of them)\s+$",
                        re.IGNORECASE)
# a rate, how much for each of something: "$300 a week", "1,000 cases per day"
_RATE = re.compile(r"\s*(?:per|an?|each)\s+(hour|day|week|month|year|person|capita|head|share"
                   r"|barrel|gallon|litre|liter|mile|kilometre|kilometer)\b|\s*(daily|weekly"
                   r"|monthly|annually|a piece|apiece)\b", re.IGNORECASE)
BACK = 80  # characters before a figure or a day its words before it are looked for in
_EACH = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year"}
# a figure the text is cut off after ("with $1 trillion in..."): what it counts is not told
_CUT = re.compile(r"(?:\s*[\w’'$%-]+){0,3}\s*(?:\.\.\.|…)")
# words right before a day that say when it was told, not when the figure was, or that it
# is the day a running count stood at ("had burned 1,500 acres by Monday": one count)
_TOLD = re.compile(r"\b(?:(?:said|says|told|announced|reported|added|confirmed|stated)"
                   r"(?:\s+\w+){0,2}?\s+(?:on\s+)?|by|as of|until|through|till)\s*$",
                   re.IGNORECASE)


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


def clause(sentence: str, fact: Fact) -> tuple[int, int]:
    """Where the clause of a figure starts and ends: at punctuation or a word that starts
    another clause ("and", "while", "when", "which"), past the figure told again in other
    units right after it ("75 kilometres (50 miles) west of Manokwari")."""
    start = max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, fact.start)), default=0)
    after = fact.start + len(fact.phrase)
    again = _AGAIN.match(sentence, after)
    end = _CLAUSE_END.search(sentence, again.end() if again else after)
    return start, end.start() if end else len(sentence)


def scope(sentence: str, fact: Fact, lead: re.Match[str] | None) -> list[tuple[int, int]]:
    """Where what is said of a figure is: its ``clause``, and the sentence's opening
    adverbial before it (``lead``: ``LEAD.match(sentence)``, "During the run, ...")."""
    return [clause(sentence, fact)] + ([lead.span()] if lead and lead.end() <= fact.start
                                       else [])


def qualifiers(sentence: str, fact: Fact, found: Sequence[Fact], days: Sequence[Fact],
               spans: Sequence[tuple[int, int]]) -> tuple[frozenset[str], frozenset[str]]:
    """The occasion a figure is told of (``found``: the facts of its sentence; ``days``:
    those that are dates of what happened; ``spans``: its ``scope``): the keys of the days
    in its clause or the sentence's opening adverbial ("On Monday, ..."), but not a day it
    was told ("said on Monday") or a running count stood at ("by Monday"); and the part of
    the time or of the whole it covers (``_PERIOD``: "during the run", "this season",
    "since October", "excluding food") said there, unless the figure is itself a length of
    time ("their 20-year mission"), with its ``marks``."""
    told = [d.key for d in days if any(s <= d.start and d.end <= e for s, e in spans)
            and not ends(sentence, d.start, _TOLD)]
    period = {" ".join(m[0].lower().split()) for s, e in spans
              for m in _PERIOD.finditer(sentence, s, e)
              if fact.dimension not in _LENGTHS}  # a length is of no part of time
    period.update(_OVER_NAMES[m.lastgroup or ""] for s, e in spans
                  for m in _OVER.finditer(sentence, s, e))
    return frozenset(told), frozenset(period | marks(sentence, fact, found))


# a toll that counts the attacker too ("at least nine people dead, including the gunman"):
# its victims are one fewer, a count of another whole
_WITH_ATTACKER = re.compile(r"(?:\s+\w+){0,2}?,?\s+(?:including|counting|among them|plus)\s+the\s+"
                            r"(?:\w+\s+)?(?:gunman|shooter|attacker|assailant|bomber|suspect|"
                            r"perpetrator|killer)\b", re.IGNORECASE)


def marks(sentence: str, fact: Fact, found: Sequence[Fact]) -> set[str]:
    """What a figure is of besides a whole count: "change" (how much something changed,
    "rose by 2 percent"), "from" (the level it changed from, "doubled from 3.4%"), "part of
    N" (a part of the figure N before it, "28 people, including nine children"), "cut" (the
    text is cut off right after it, "with $1 trillion in..."), "per week" (a rate, "$300 a
    week"), "with the attacker" (a toll that counts the gunman too: "nine people dead,
    including the gunman")."""
    found_marks: set[str] = set()
    if ends(sentence, fact.start, _CHANGE) and fact.qualifier not in _CROSSED:
        found_marks.add("change down" if ends(sentence, fact.start, _DOWN) else "change")
    if "from" in sentence[max(0, fact.start - BACK):fact.start] and ends(sentence, fact.start,
                                                                          _FROM):
        found_marks.add("from")
    if ends(sentence, fact.start, _INCLUDING):
        whole = [f.key for f in found if f.kind == QUANTITY and f.end <= fact.start]
        found_marks.add(f"part of {whole[-1] if whole else ''}")
    if _CUT.match(sentence, fact.end):
        found_marks.add("cut")
    if _WITH_ATTACKER.match(sentence, fact.start + len(fact.phrase)):
        found_marks.add("with the attacker")
    rate = _RATE.match(sentence, fact.end) or _RATE.match(sentence, fact.start + len(fact.phrase))
    if rate:
        found_marks.add(f"per {_EACH.get((rate[1] or rate[2]).lower(), rate[1] or 'head')}")
    return found_marks


# a count named before its figure, as tolls are told ("the death toll rose to 58", "the
# number of dead surpassed 125", "the toll from the floods now stands at 160", "the seven-day
# average of new cases stood at 132,135"), or as the subject of a verb of reaching ("confirmed
# infections climbed to an average of about 23,600 a day")
_REACHING = (r"rose|risen|climbed|jumped|increased|grew|reached|hit|topped|passed|surpassed|"
             r"exceeded|stood|stands|neared|fell|dropped|declined")
_COUNT_BEFORE = re.compile(
    r"\b(?:(?P<event>[a-z]+)\s+)?toll\b|\b(?:number|average|total|tally)\s+of\s+"
    r"(?P<of>[a-z]+)(?:\s+(?P<next>[a-z]+))?"
    rf"(?=(?:\s+[^.;:!?]{{0,60}}?)?\s+(?:has\s+|have\s+|had\s+|now\s+)?(?:{_REACHING}|was|is)"
    r"(?:\s+(?:to|at|past|beyond))?\s+$)"
    rf"|\b(?P<subject>[A-Za-z][a-z]*[^s\W]s)(?:\s+(?:from|in|among|of)\s+[^.;:!?]{{0,40}}?)?"
    rf"\s+(?:have\s+|had\s+|now\s+)?(?:{_REACHING})\s+(?:to|at|past)\s+"
    r"(?:an?\s+(?:daily\s+|weekly\s+)?average\s+of\s+)?$")
_MODIFIERS = frozenset(("new", "daily", "weekly", "confirmed", "reported", "recorded", "initial",
                        "total", "active"))  # "average of new cases": of cases
OF_PEOPLE = frozenset(("deaths", "injuries", "arrests", "displaced", "missing"))  # events


def counted_before(sentence: str, fact: Fact) -> tuple[str, str] | None:
    """(what a figure counts, the kind of event) when the count is named before it, as a
    toll is: "the death toll rose to 58" (people, deaths), "the number of injured stood at
    40" (people, injuries), "the number of cases rose to 500", "confirmed infections climbed
    to 23,600" (cases, infections); else None."""
    if fact.kind != QUANTITY or fact.dimension or fact.counted:
        return None
    named = list(_COUNT_BEFORE.finditer(sentence, max(0, fact.start - BACK), fact.start))
    if not named:
        return None
    found = named[-1]  # the last count named before the figure
    if found["subject"] is not None:
        what = stem(found["subject"].lower())  # "deaths rose to 58": people, deaths
        event = ASPECT_OF.get(what, "")
        return ("people" if event in OF_PEOPLE or CLASS_OF.get(what) == "people" else what), event
    if found["of"] is None:  # a toll: of deaths unless it says of what ("injury toll")
        event = ASPECT_OF.get(stem(found["event"] or ""), "deaths")
        return "people", event
    what, after = stem(found["of"]), stem(found["next"] or "")
    if found["of"] in _MODIFIERS and after:
        what, after = after, ""
    event = ASPECT_OF.get(what) or ASPECT_OF.get(after, "")
    return ("people" if ASPECT_OF.get(what) or CLASS_OF.get(what) == "people" else what), event


def ends(sentence: str, end: int, pattern: re.Pattern[str]) -> bool:
    """A pattern that ends with ``$`` matches the words right before ``end`` (looked for in
    the last ``BACK`` characters only: a figure's words before it are few)."""
    return pattern.search(sentence, max(0, end - BACK), end) is not None


__all__ = ["ASPECT_OF", "BACK", "CLASS_OF", "LEAD", "MEASURES", "OF_PEOPLE", "aspect", "clause",
           "counted_before", "ends", "head_class", "marks", "nearest_aspect", "qualifiers", "scope"]
