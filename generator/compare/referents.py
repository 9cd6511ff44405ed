"""Who the words that attribute a quotation stand for, from what the report said before.

A pronoun ("he said") stands for the last person named before it as a subject (not "Mr.
Gray’s parents", not "replaced Andy Geiger", not "call on Russian President Vladimir Putin",
not "a Trump critic"); a role ("the mayor said") for the person the report is telling about
when that one was named with it, else the last person named with it ("Athens Mayor Nikitas
Kaklamanis"); an epithet ("the moderate West Virginia Democrat", "the actor and activist")
for the person told about, unless the report met its noun unnamed ("a US official ... the
official") or it names a body or a relation ("the victim's nephew"); a surname alone
("Brennan") for the full name used earlier ("Rick Brennan").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from generator.compare.names import TITLES, Name, name_key, names, same_name
from generator.compare.pronouns import agreeing
from generator.compare.speakers import (
    ADVERBIAL,
    DETERMINERS,
    HEAD_ENDS,
    PRONOUNS,
    VERBS,
    Phrase,
    subject_chunks,
)

ORG_WORDS = frozenset(
    ("ministry", "organization", "organisation", "agency", "department", "council", "army",
     "forces", "force", "tv", "service", "office", "government", "party", "union", "nations",
     "bank", "committee", "court", "police", "university", "news", "group", "guard", "guards",
     "province", "district", "city", "taliban", "state", "states", "republic", "company",
     "bureau", "corporation", "institute", "association", "hospital", "school", "college",
     "center", "centre", "foundation", "society", "times", "post", "journal", "tribune",
     "herald", "daily", "magazine", "network", "radio", "press", "house", "act", "law",
     "county", "avenue", "ave", "street", "road", "park", "square", "conference",
     "tournament", "open", "cup", "league", "club", "inc", "corp", "ltd", "llc",
     "technologies", "systems", "research", "unit", "units", "program", "programme",
     "project", "commission", "board", "senate", "congress", "parliament", "assembly",
     "airport", "station", "church", "jail", "prison", "island", "islands", "river", "lake",
     "mountain", "valley", "north", "south", "east", "west", "northern", "southern",
     "eastern", "western", "central", "monday", "tuesday", "wednesday", "thursday", "friday",
     "saturday", "sunday", "award", "awards", "prize", "administration", "sector", "airline",
     "airlines", "airways", "caucus", "coalition", "federation", "alliance", "campaign",
     "authority", "authorities", "command", "patrol", "protection", "services", "tour",
     "festival", "series", "championship", "championships", "olympics", "summit", "expo"))
NOT_NAME_WORDS = frozenset(("he", "she", "it", "they", "we", "i", "you", "yet", "but", "and",
                            "so", "then", "when", "while", "if", "as"))
# the first words of places' names, never of a person's ("New Jersey", "Los Angeles")
PLACE_STARTS = frozenset(("new", "san", "santa", "los", "las", "fort", "port", "mount", "lake",
                          "saint", "st", "north", "south", "east", "west", "upper", "lower"))
# no speaker to name: "they said", "it said" (what "they" or "it" stands for is not read)
NOT_SPEAKERS = frozenset(("they", "it", "we", "i", "you", "this", "there", "which", "who",
                          "someone", "somebody", "anyone", "anybody", "nobody", "everyone",
                          "that", "where", "what", "these", "those",
                          # a share of people, unnamed: "many are met with the argument"
                          "many", "some", "most", "few", "several", "others", "all", "both"))
# "the company said": the body last named as a subject
COMPANY_WORDS = frozenset(("company", "firm", "maker", "group", "corporation", "giant",
                           "manufacturer", "retailer", "carrier", "airline", "organisation",
                           "organization", "agency", "department", "ministry", "administration",
                           "office", "bureau", "commission", "committee", "campaign",
                           # a text that speaks for the body that put it out: "In a post on
                           # its blog, Microsoft says ... The blog adds", "The FTC has filed
                           # an amended complaint ... the complaint alleges"
                           "blog", "website", "complaint", "lawsuit", "suit", "indictment"))
CONNECTORS = frozenset(("of", "al", "el", "de", "la", "bin", "ibn", "van", "von", "da", "du"))
# a name right after one of these is an object, not who a later "he said" stands for
_OBJECT_BEFORE = re.compile(r"\b(?:in|at|from|of|for|to|with|by|near|on|into|about|against|"
                            r"over|under|between|than|across|throughout|around|outside|inside|"
                            r"within|toward|towards|through|beyond|told|met|saw|hit|beat|sent|gave|"
                            r"[a-z]+ed|[a-z]+ing)\s+(?:the\s+)?$")
POSSESSIVE = re.compile(r"\s?[’']\s?s\b")
_SPEECH_VERB = re.compile(rf"{VERBS}$")
_SAYS_NEXT = re.compile(rf"\s+{VERBS}\b")
_TITLE_OF = re.compile(r"\b([A-Z][a-z]+) (?:of|for) (?:the )?$")  # "Secretary of the Interior X"
# words that name a role before a person's name ("Chargers General Manager A.J. Smith")
_OFFICES = frozenset(
    ("envoy", "manager", "executive", "officer", "chairman", "chairwoman", "commissioner",
     "representative", "attorney", "prosecutor", "correspondent", "leader", "adviser",
     "advisor", "founder", "ceo", "md", "president", "minister", "secretary", "spokesman",
     "spokeswoman", "spokesperson", "director", "ambassador", "mayor", "governor", "senator",
     "whip"))
# callings written before a name like a title, capitalised at a sentence's start
# ("Economist Mark Zandi of Moody's said"): the person is the name after them
_CALLINGS = frozenset(
    ("economist", "analyst", "strategist", "historian", "scientist", "researcher", "lawyer",
     "witness", "resident", "neighbor", "neighbour", "activist", "expert", "pollster",
     "epidemiologist", "virologist", "meteorologist", "forecaster", "coach", "actor", "actress",
     "singer", "rapper", "author", "novelist", "comedian", "filmmaker", "entrepreneur",
     "billionaire", "businessman", "businesswoman", "veteran"))
ROLES = TITLES | _OFFICES | _CALLINGS
# an office's word right before a name that goes on with what it is of ("Secretary of State X")
_ROLE_BEFORE = re.compile(rf"\b(?i:{'|'.join(map(re.escape, sorted(ROLES)))})\s+$")


@dataclass(frozen=True, slots=True)
class Context:
    """What a report said before a quotation, to resolve the words that attribute it: the
    persons named (full names, in order), the one a pronoun stands for, and the role words
    each person was named with, ("mayor", "Nikitas Kaklamanis"), in order; the names of
    bodies (not persons), each with whether it was a subject: a sentence's first words or
    followed by a speech verb ("Microsoft said")."""

    persons: tuple[str, ...] = ()
    antecedent: str | None = None
    roles: tuple[tuple[str, str], ...] = ()
    bodies: tuple[tuple[str, bool], ...] = ()  # other names, and whether each was a subject
    unnamed: frozenset[str] = frozenset()  # words of phrases like "a US official", "one source"
    plural: str | None = None  # whom "they said" stands for: the last plural subject
    subjects: tuple[str, ...] = ()  # the persons named as subjects, the antecedent last


def context_at(text: str, mentions: Sequence[Name], before: Context, at: int) -> Context:
    """``before`` with the persons a paragraph names before offset ``at`` added: a person
    named as a possessive ("Mr. Gray’s parents") or an object ("an analyst at Mercury",
    "replaced Andy Geiger") is no pronoun's antecedent."""
    persons, roles = list(before.persons), list(before.roles)
    antecedent, bodies = before.antecedent, list(before.bodies)
    subjects = list(before.subjects)
    for name in mentions:
        if name.start >= at:
            break
        if not is_person(name, persons) and not aged(text, name):
            line_start = text.rfind("\n", 0, name.start) + 1
            subject = (OPENING.fullmatch(text, line_start, name.start)
                       or _SAYS_NEXT.match(text, name.end))
            bodies.append((name.text, bool(subject)))
            continue
        person = full_name(name.text, persons)
        if person in persons:  # each person once, the last named last
            persons.remove(person)
        persons.append(person)
        roles.extend((role, person) for role in _role_words(text, name))
        if not POSSESSIVE.match(text, name.end) and not _object(text, name):
            antecedent = person
            subjects = [p for p in subjects if p != person] + [person]
    unnamed = before.unnamed | {w.lower() for m in _UNNAMED.finditer(text, 0, at)
                                for w in m[1].split()}
    return Context(tuple(persons), antecedent, tuple(roles), tuple(bodies), unnamed,
                   plural_subject(text, at, before.plural), tuple(subjects))



def plural_subject(text: str, at: int, last: str | None = None) -> str | None:
    """The last names joined by "and" before offset ``at`` that open a sentence (a line of
    ``text``), else ``last``: "Now Merck and its partner Ridgeback Biotherapeutics will
    seek": whom a later "they said" stands for ("the companies" is no one named)."""
    found = last
    for line in _PLURAL_OPENING.finditer(text, 0, at):
        first, *rest = line["who"].split()  # any space: "Facebook\xa0and\xa0Twitter"
        # "When Bill and Melinda": the names after the adverbial
        found = " ".join(rest if first.lower() in ADVERBIAL else [first, *rest])
    return found


# a sentence's first noun phrase when it is two names joined by "and"
_PLURAL_OPENING = re.compile(
    r"(?:^|\n)(?:(?:Now|But|And|Then|Meanwhile|Still),?\s+)?(?P<who>"
    r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*\s+and\s+(?:(?:its|his|her|their|the)\s+)?"
    r"(?:[a-z]+\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)")


def aged(text: str, name: Name) -> bool:
    """Whether a name is given an age, as only a person's is: "Mapahai, 35," or "the
    25-year-old Guzel"."""
    return bool(_AGE_AFTER.match(text, name.end) or _AGE_BEFORE.search(
        text, max(0, name.start - 16), name.start))


_AGE_AFTER = re.compile(r",\s*\d{1,3}\s*(?:,|\.|$)")
_AGE_BEFORE = re.compile(r"\b\d{1,3}\s*-\s*year\s*-\s*old\s+$")


# the words before a name in the sentence's first noun phrase ("Customs and Border Protection
# is sending": its subject), capitalised words joined by "and" or "of"; not a possessive
# ("Pfizer’s COVID-19 vaccine": the vaccine is the subject)
OPENING = re.compile(r"\s*(?:(?:[Tt]he|[A-Z][\w.-]*|and|of|&)\s+)*")


# a person or thing introduced without a name: "a US official who", "one of the sources"
_UNNAMED = re.compile(r"\b(?:an?|one|another|two|three|several|some)\s+((?:[\w’'-]+\s+){0,3}"
                      r"[\w’'-]+)", re.IGNORECASE)


def _object(text: str, name: Name) -> bool:
    """Whether a name is an object or a modifier, not a clause's subject: right after a
    preposition or a verb ("replaced Andy Geiger"), after one with role words between ("call
    on Russian President Vladimir Putin", "with \"Primetime\" host Tammy Bruce"), or after an
    article ("a Trump critic", "the Biden administration")."""
    line_start = text.rfind("\n", 0, name.start) + 1
    preceding = text[max(line_start, name.start - 60):name.start]
    if _ARTICLE_BEFORE.search(preceding):
        return True
    if _OBJECT_BEFORE.search(preceding[-20:]):
        return not _SPEECH_VERB.search(preceding.strip())
    lower = 0  # role words between: capitalised, quoted, or two lowercase ("his lawyer")
    for word in reversed(preceding.split()[-4:]):
        if word in _PREPOSITIONS or _VERB_FORM.fullmatch(word):
            return True
        lower += word[:1].islower()
        title = word.lower().rstrip(".") in TITLES  # "Sen.": no sentence's end
        if (lower > 2 or word in _NOT_ROLE or _SPEECH_VERB.fullmatch(word) or not title
                and word.rstrip("\"”’'").endswith((",", ";", ":", ".", "!", "?"))):
            return False
    return False


_VERB_FORM = re.compile(r"[a-z]{3,}(?:ing|ed)")  # "cornering", "replaced": what it acts on
_ARTICLE_BEFORE = re.compile(r"(?:^|\s)(?:a|an|the)\s+$")
_NOT_ROLE = frozenset(("is", "was", "are", "were", "be", "been", "has", "had", "have", "will",
                       "would", "can", "could", "did", "does", "do", "and", "or", "who"))
_PREPOSITIONS = frozenset(("in", "at", "from", "of", "for", "to", "with", "by", "near", "on",
                           "into", "about", "against", "over", "under", "between", "than",
                           "across", "throughout", "around", "outside", "inside", "within",
                           "toward", "towards", "through", "beyond", "told", "met"))


def _role_words(text: str, name: Name) -> list[str]:
    """The words a person is named with: the three before the name ("Athens Mayor") and
    an appositive after it (", the police commissioner,")."""
    line_start = text.rfind("\n", 0, name.start) + 1
    before = text[max(line_start, name.start - 40):name.start].split()[-3:]
    for k in range(len(before) - 1, -1, -1):  # "the source said, and Stefanski": not his role
        if before[k].endswith((",", ";", ":")) or _CLAUSE_WORD.fullmatch(before[k]):
            before = before[k + 1:]
            break
    after = re.match(r",\s+(?:the|a|an)\s+([^,.;:]{1,60})", text[name.end:])
    words = before + (after[1].split() if after else [])
    return [w.lower().strip(".,") for w in words
            if len(w) > 2 or w.lower().strip(".") in ("mr", "ms")]


# a word that ends the phrase before a name: a verb or a conjunction, not a role
_CLAUSE_WORD = re.compile(rf"(?:{VERBS}|and|or|but|that|when|while|as|is|was|are|were)",
                          re.IGNORECASE)


def speaker(phrase: Phrase, known: Collection[str], context: Context) -> str | None:
    """Who an attributing phrase names: a person (a surname alone as the full name met
    before), a pronoun's antecedent, an organisation, or the phrase itself."""
    chunks = subject_chunks(phrase.text, phrase.first)
    if not chunks:
        return None
    kind, who = _named(chunks[0], known, context, phrase.clause)
    if kind in ("person", "pronoun"):
        return who  # else "The police commissioner, Raymond W. Kelly,": the name it gives
    for chunk in chunks[1:]:  # "her nephew, Ravi Singh, 32, said"
        next_kind, next_who = _named(chunk, known, context)
        if next_kind == "person":
            return next_who
    return who


def _named(chunk: str, known: Collection[str], context: Context, clause: bool = False
           ) -> tuple[str, str | None]:
    """(kind, who) for one comma-free noun phrase: person, pronoun, name or description;
    of a ``clause``, its subject: the first person named ("Carl Reyes issued a statement
    after Vincent Moss was held")."""
    document = _DOCUMENT.match(chunk)
    if document:  # "an editorial in the daily Eleftheros Typos": the paper's words
        named = re.search(r"\b[A-Z]", document["who"])
        chunk = document["who"][named.start():] if named else document["who"]
        if _BODY_NAME.fullmatch(chunk.strip()) and _JOINED.search(chunk):
            return "name", chunk.strip()  # "the Centre for Economic Policy Research", whole
    head = _head(chunk)
    first, *rest = head.split() or [""]
    if first.lower() in PRONOUNS and (clause or not rest):  # "he said" / "He went on to say"
        return "pronoun", agreeing(first, context)
    if first.lower() == "they" and not rest:  # "X and Y will seek …, they said": X and Y
        return "pronoun", context.plural
    if rest and (first.lower() in PRONOUNS or first.lower() in NOT_SPEAKERS) and not clause:
        head = rest[-1]  # the subject right before the verb: "she heard someone say"
    padded = f"x {head}"  # inside a sentence: a lone capitalised word is a name there
    found = [n for n in titled(names(padded, known), padded)
             if not POSSESSIVE.match(padded, n.end)]
    persons = context.persons
    if clause:
        found = [n for n in found if is_person(n, persons)][:1] or found
    if found and _EPITHET.match(head) and not found[-1].titled:
        return _described(head.split(), context)  # "the moderate West Virginia Democrat"
    if _AFFILIATED.fullmatch(head) and context.antecedent:
        return "epithet", context.antecedent  # "The Democrat argued": the one told about
    if found and (is_person(found[-1], persons) or (
            found[-1].end == len(padded)  # "Papua BMG spokesman Mujahidin", not "a US official"
            and padded[:found[-1].start].rstrip().rsplit(" ", 1)[-1].islower())):
        return "person", full_name(found[-1].text, persons)
    people = [n for n in found if is_person(n, persons)]
    if people:
        return "person", full_name(people[-1].text, persons)
    words = head.split()
    if found and not (words[0].lower() in DETERMINERS and words[-1][:1].islower()):
        tail = padded[found[-1].end:].split()  # "Fire officials": the officials, of the fire
        return "name", head if tail and all(w[:1].islower() for w in tail) else found[-1].text
    if not words or POSSESSIVE.sub("", words[0]).lower() in NOT_SPEAKERS:  # "That’s why"
        return "description", None
    return _described(words, context)


# a text that speaks for the one who issued it ("a report from Kotak Institutional Equities",
# "a 2018 survey by Penelope Muse Abernathy")
_DOCUMENT = re.compile(r"^(?i:an?|the|its|his|her|their)\s+(?:[\w-]+\s+){0,3}?"
                       r"(?:(?:editorial|statement|letter|memo|press release|release|column|"
                       r"communique|communiqué|assessment)\s+(?:issued\s+|released\s+|"
                       r"published\s+|signed\s+)?(?:in|from|by|of)"
                       # "a report of the incident" is about it, not by it
                       r"|(?:report|study|survey|analysis|note|review|filing)\s+"
                       r"(?:issued\s+|released\s+|published\s+)?(?:from|by))"
                       r"\s+(?P<who>(?:the\s+)?\S.*)$")
# a body's name with a lowercase word inside it ("Centers for Disease Control and Prevention")
_BODY_NAME = re.compile(r"[A-Z][\w.’'-]*(?:\s+(?:(?:for|and|on|&)\s+)?[A-Z][\w.’'-]*)+")
_JOINED = re.compile(r"\s(?:for|and|on|&)\s")
# "the Democrat", "the Republican senator": a party member, whom the report tells about
_AFFILIATED = re.compile(r"[Tt]he\s+(?:Democrat|Republican|Democratic|Conservative|Labour|"
                         r"Tory|Liberal|Progressive)(?:\s+(?:senator|lawmaker|congressman|"
                         r"congresswoman|leader|governor|candidate|mayor))?")
_EPITHET = re.compile(r"^[Tt]he\s+(?:[a-z][\w’'-]*\s+)+[A-Z]")
# what a person told about is called in two words ("said the actor"): a calling, not a post
# (a post is a role: "the mayor" is the one named as mayor)
PERSON_NOUNS = frozenset(
    ("actor", "actress", "singer", "rapper", "musician", "songwriter", "comedian", "star",
     "athlete", "player", "author", "novelist", "writer", "filmmaker", "artist", "designer",
     "entrepreneur", "billionaire", "businessman", "businesswoman", "veteran", "teenager",
     "boxer", "golfer", "quarterback", "pitcher", "striker"))


def _described(words: Sequence[str], context: Context) -> tuple[str, str | None]:
    """A description of the speaker: "the mayor" is the person last named as mayor, "the
    29-year-old" the last person named, and so is an epithet of three words or more ("the
    actor and activist"), unless the report met its noun unnamed ("a US official") or it
    names a body or a relation ("the victim's nephew"); "the NYPD's statement" is the NYPD's;
    "a witness", "the source" stay as they are."""
    words = " ".join(words).replace(" - ", "-").split()  # "the 36 - year - old"
    owners = [w for w in words if POSSESSIVE.search(w)  # not "That’s", "It’s": "that is"
              and POSSESSIVE.sub("", w).lower() not in NOT_SPEAKERS | PRONOUNS]
    if owners and owners[-1][:1].isupper():
        return "name", POSSESSIVE.sub("", owners[-1])
    if words[0].lower() == "the" and len(words) <= 8:
        role = words[-1].lower()
        if role.endswith("year-old"):
            return "person", context.antecedent
        named = [person for word, person in context.roles if word == role]
        if named:  # "the president": the one the report is telling about, if he is one
            return "person", context.antecedent if context.antecedent in named else named[-1]
        body = _body(role, context.bodies)
        if body:
            return "name", body
        if ((len(words) >= 3 or role in PERSON_NOUNS) and context.antecedent
                and role not in context.unnamed
                and role not in ORG_WORDS and all(
                    POSSESSIVE.sub("", w).lower() in ORG_WORDS for w in owners)):
            return "epithet", context.antecedent
    return "description", " ".join(words[:8])


def titled(found: Sequence[Name], text: str) -> list[Name]:
    """Names with a role inside them cut after it: "Interior Secretary Dirk Kempthorne" is
    the person "Dirk Kempthorne" (the words before it are his role), and so is "Interior
    Dirk Kempthorne" after "Secretary of the" in ``text``, and "A.J. Smith" is the person of
    "Chargers General Manager A.J. Smith"."""
    cut: list[Name] = []
    for name in found:
        words = [m.start() for m in re.finditer(r"\S+", name.text)]
        tokens = name.text.split()
        inner = [k for k, token in enumerate(tokens[:-1]) if token.lower().strip(".") in ROLES]
        title_of = _TITLE_OF.search(text, max(0, name.start - 30), name.start)
        if title_of and title_of[1].lower() in ROLES and len(words) > 2:
            inner.append(0)
        elif tokens[0] in ("of", "for") and len(tokens) > 3 and _ROLE_BEFORE.search(
                text, max(0, name.start - 30), name.start):
            inner.append(1)  # "Secretary" + "of State Antony Blinken": "of State" is the office
        if not inner:
            cut.append(name)
            continue
        after = max(inner) + 1
        while (after + 3 < len(tokens) and tokens[after] in ("of", "for")
               and tokens[after + 1][:1].isupper()):  # "Secretary of State Antony Blinken"
            after += 2
        start = name.start + words[after]
        part = name.text[start - name.start:]
        cut.append(Name(part, name_key(part), start, name.end, titled=True))
    return cut


def _body(role: str, bodies: Sequence[tuple[str, bool]]) -> str | None:
    """The body "the <role>" stands for: the last one named with that word ("the ministry":
    "the Defence Ministry"), or for "the company" the last one that was a subject
    ("Microsoft has rushed out a fix")."""
    named = [text for text, _ in bodies if role in name_key(text).split()]
    if named:
        return named[-1]
    spoke = [text for text, said in bodies if said]
    return spoke[-1] if spoke and role in COMPANY_WORDS else None


def _head(chunk: str) -> str:
    """A noun phrase's head: its words up to a preposition or clause word after the first
    ("attorney Kassie Siegel of the Center"), past the "of" of a title ("Secretary of the
    Interior Dirk Kempthorne")."""
    words = chunk.split()
    for k, word in enumerate(words[1:], start=1):
        if word in HEAD_ENDS and not (word in ("of", "for") and (all(
                w.lower().strip(".") in TITLES for w in words[:k])
                or words[k - 1].lower() in ROLES)):  # "Special Envoy for Haiti X"
            return " ".join(words[:k])
    return " ".join(words)


def full_name(text: str, persons: Sequence[str]) -> str:
    """A surname alone becomes the full name it stands for (the last one it fits)."""
    key = " ".join(text.split())
    for person in reversed(persons):
        if _names_one(person, key) and len(person) > len(key):
            return person
    return key


def is_person(name: Name, known: Collection[str] = ()) -> bool:
    """A name that looks like a person: titled, or two to four capitalised words (and
    connectors: "Bill de Blasio") with no word of an organisation, place or day and no
    acronym, or the surname of a person named before."""
    words = name.key.split()
    if any(w.strip(".") in ORG_WORDS for w in words) or any(
            len(w) > 1 and w.isupper() and w.isalpha() for w in name.text.split()):  # "AMD", "US"
        return False
    if any(w.strip(".").lower() in NOT_NAME_WORDS for w in name.text.split()):
        return False  # "St. She", "Yet Stefanski": a sentence's first word run into a name
    if len(words) > 1 and words[0].strip(".") in PLACE_STARTS:
        return False  # "New Jersey", "San Diego", "Fort Worth": a place
    if not name.titled and words[-1].strip(".") in _OFFICES:
        return False  # an office, not who holds it: "U.S. Special Envoy" (not "Tishana King")
    capitalised = [w for w in name.text.split() if w not in CONNECTORS]
    if name.titled or (2 <= len(capitalised) <= 4 and all(w[0].isupper() for w in capitalised)):
        return True
    return any(_names_one(k, name.key) for k in known)  # the costly test last


def _names_one(person: str, key: str) -> bool:
    """Whether ``key`` names ``person``: ``same_name``, or a short surname alone ("Su" for
    "Lisa Su"), capitalised as a name is."""
    person_key = person.lower()
    if same_name(person_key, key.lower()):
        return True
    words = person_key.split()
    return len(words) > 1 and " " not in key and words[-1] == key.lower() and len(key) > 1
