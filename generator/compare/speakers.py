"""Who said a quotation: the attribution grammar of news English, around one quotation.

Quotation marks are paired in order (“ opens, ” closes, a straight " opens or closes), so a
quotation may run over sentences, and mixed or unclosed marks still pair. The words that
attribute a quotation are read in its own sentence (its paragraph with every quotation
masked, split into sentences): first right after it (“…,” X said / said X / X, a spokesman
for Y, told CNN), then before it (X said: “…” / according to X, “…” / X said the plan was
“…”), then at the end of its sentence (… “…” by Friday, police said). The speaker is the noun
phrase that is the verb's subject: a person named in its head ("Police commissioner Raymond
Kelly"), else the name the appositive gives ("her nephew, Ravi Singh"), else a pronoun to
resolve, else the phrase itself ("a witness", "the source", "police").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.compare.quotemarks import (
    SHORTEST_QUOTE,
    QuoteSpan,
)

# speech verbs in the past and the present (features and blogs tell in the present:
# "comments Robin Biesbroek", "says Buser"), and the participle of "has written"
_SPEECH = ("said say told added stated explained wrote written declared insisted warned noted "
           "continued recalled admitted announced asked replied responded argued contended "
           "testified tweeted posted acknowledged conceded complained cautioned concluded "
           "observed remarked suggested urged shouted yelled chanted screamed cried joked "
           "quipped boasted claimed maintained predicted stressed emphasized emphasised "
           "reiterated confirmed denied commented countered agreed lamented promised vowed "
           "pleaded demanded answered concurred described reported wondered recounted "
           "exclaimed crowed asserted alleged ruled says tells adds states explains writes insists "
           "warns notes asks argues claims asserts alleges fumed scoffed mused sighed whispered "
           "retorted deadpanned gushed groused griped marveled marvelled thundered texted "
           "emailed teased").split()
# more present forms, which are plural nouns too: not after a word that opens a noun
# phrase, a preposition or a relative pronoun ("his comments", "to chants of", "a
# projection that suggests")
_PRESENT = ("declares continues recalls admits announces replies responds contends testifies "
            "tweets posts acknowledges concedes complains cautions concludes observes remarks "
            "suggests urges shouts yells cries jokes quips boasts maintains predicts stresses "
            "emphasizes emphasises reiterates confirms denies comments counters agrees laments "
            "promises vows pleads demands answers concurs describes reports wonders recounts "
            "exclaims fumes scoffs muses sighs whispers retorts gushes grouses gripes "
            "marvels thunders teases").split()
_NOUN_OPENERS = ("a", "an", "the", "his", "her", "its", "their", "our", "my", "your", "these",
                 "those", "such", "of", "to", "in", "on", "for", "by", "with", "from", "at",
                 "about", "that", "which")
# one look-behind per length of word (a look-behind has one width), in any case
_NOUN_BEFORE = "".join(
    rf"(?<!\b(?i:{'|'.join(w for w in _NOUN_OPENERS if len(w) == n)})\s)"
    for n in sorted({len(w) for w in _NOUN_OPENERS}))
VERBS = (rf"(?:{'|'.join(_SPEECH)}|{_NOUN_BEFORE}(?:{'|'.join(_PRESENT)})|pointed out"
         r"|points out|went on|goes on)")
PARTICIPLES = (r"(?:saying|adding|telling|noting|writing|explaining|arguing|insisting|"
               r"warning|declaring|calling|asking|stressing|describing|urging|vowing|"
               r"promising|complaining|claiming|acknowledging)")
# "has said", "would later tell" (not a passive: "no injuries were reported")
_AUX_WORDS = (r"(?:has|have|had|would|will|also|later|then|again|once|earlier|still|now|just|"
              r"even|never|already|"
              r"quietly|previously|recently|publicly|privately|reportedly|repeatedly|simply|"
              r"finally|initially|often|flatly|bluntly|firmly|calmly|angrily|tearfully|instead|"
              r"only|first|further|subsequently|separately|openly|proudly|frankly|candidly|"
              r"happily|sadly|excitedly|jokingly|wryly|dryly|softly|immediately|formally|"
              r"officially|explicitly|personally|specifically|directly|succinctly)")
_AUX = rf"(?:{_AUX_WORDS}\s+)*"
_VERB = re.compile(rf"\b{_AUX}{VERBS}\b")
# verbs of a speech act that quote no words of their own ("X praised the deal", "X spoke to
# reporters", "X discussed the plan"): the quotation with no attribution right after such
# a sentence gives the words of that act
_INTRODUCES = re.compile(
    rf"\b{_AUX}(?:discussed|spoke|talked|praised|criticized|criticised|defended|blasted|"
    r"slammed|condemned|welcomed|hailed|thanked|apologized|apologised|addressed|dismissed|"
    r"mocked|weighed in|reacted|lashed out|pushed back|spoke out|reflected|elaborated|"
    r"weighed|touted|cheered|decried|derided|ridiculed|"
    # an account given ("gave an update", "held a news conference") or a stance taken
    # ("was more upbeat", "was blunt"): what follows is its words
    r"(?:gave|offered|issued|delivered) (?:an? |the |his |her |their )?(?:update|statement|"
    r"briefing|warning|assessment|response)|held (?:a |an )?(?:news|press) conference|"
    r"(?:was|were|is|are) (?:more |less |far more |far less |equally |even more )?(?:upbeat|"
    r"blunt|optimistic|pessimistic|cautious|defiant|emphatic|adamant|candid|skeptical|"
    r"sceptical|confident|hopeful|gloomy|bullish|bearish|circumspect|frank))\b")
_SAYS = re.compile(rf"\b(?:{VERBS}|{PARTICIPLES})\b")
# naming verbs: they attribute the words quoted after them ("X called the plan “…”") when
# no speech verb does ("saying he would not back what he called “…”": the one saying);
# "so-called" is no verb
_CALLS = re.compile(r"(?<![\w-])(?:called|calls|dubbed|branded|labeled|labelled|accused)\b")
_PARTICIPLE = re.compile(rf"^{PARTICIPLES}$")
# "“…,” said X": any speech verb but those that take the listener first ("told CNN")
_INVERTED = re.compile(rf"^(?!told\b|tells\b){VERBS}\s+(?P<who>.+)$", re.DOTALL)
# "according to his aunt, Jane Starner, “…”": a described speaker and the name they have
_ACCORDING = re.compile(r"\baccording to (?P<who>(?:(?:his|her|their|its|the|a|an|one|our|my)\s"
                        r"[^,;:“”\"]{2,80}?,\s+(?-i:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})"
                        r"|[^,;:“”\"]{2,100}?))\s*(?:,|$)", re.IGNORECASE)
PRONOUNS = frozenset(("he", "she"))

# words that open a noun phrase that can be a verb's subject
DETERMINERS = frozenset(
    ("a", "an", "the", "one", "another", "his", "her", "their", "its", "our", "my", "this",
     "that", "some", "several", "two", "three", "many", "both", "each", "other", "local",
     "senior", "federal", "state"))
# words that open an adverbial clause or phrase, never a subject
ADVERBIAL = frozenset(
    ("in", "on", "at", "after", "before", "when", "while", "as", "under", "however",
     "meanwhile", "also", "but", "and", "yesterday", "today", "earlier", "later", "last",
     "since", "though", "although", "if", "because", "during", "for", "from", "with", "by",
     "asked", "speaking", "reached", "so", "still", "instead", "now", "then", "there"))
# a lowercase word here ends the head of a noun phrase: "attorney Kassie Siegel of the Center"
HEAD_ENDS = frozenset(("of", "at", "for", "from", "in", "with", "on", "by", "near", "to",
                       "who", "whose", "which", "that", "wearing", "hired", "acting", "was",
                       "is", "are", "were", "has", "have", "had", "told", "said", "says"))
CONJUNCTIONS = re.compile(r"\b(?:that|while|when|because|but|and|as|after|before|though|"
                          r"whereas|if|so)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Phrase:
    """The words that name who said a quotation: the subject of a speech verb (``text``, of
    the masked paragraph), its offset, and whether it is a main clause's subject read for a
    participle ("X dismissed the calls, saying …"), which is the clause's first phrase."""

    text: str
    at: int
    first: bool = False
    clause: bool = False  # a whole clause ("X issued a statement after Y was held:")


def attribution(text: str, spans: list[QuoteSpan], k: int,
                bounds: list[tuple[int, int]]) -> Phrase | None:
    """The phrase that attributes quotation ``k`` of a paragraph (``text``: masked), or None
    when its sentence has none: right after it, before it, then at its sentence's end."""
    span = spans[k]
    start = _containing(bounds, span.start)[0]
    end = _containing(bounds, max(span.start, span.end - 1))[1]
    # a phrase in quotation marks ("some progress") is words of the sentence, not a turn
    turns = [s for s in spans if s is span or len(s.words.split()) >= SHORTEST_QUOTE]
    after_end = min([end] + [s.start for s in turns if s.start >= span.end])
    before_start = max([start] + [s.end for s in turns if s.end <= span.start])
    after = text[span.end:max(span.end, after_end)]
    if _OUTLET_REPORTED.match(after):  # X said: “…,” the Daily News reported: X's words
        return (_before(text[before_start:span.start], before_start)
                or _right_after(after, span.end))
    return (_right_after(after, span.end)
            or _before(text[before_start:span.start], before_start)
            or _sentence_end(after, span.end)
            or (_next_sentence(text, spans, k, bounds, end) if not after.strip() else None)
            or _cut_short(after, span.end))


# a newspaper or a source that passed the quotation on, right after it ("…,” the Daily News
# reported / “…,” the source said): the speaker, if any, is named before it ("X told police
# that “…”")
_OUTLET_REPORTED = re.compile(r"[\s,]*(?:(?:the\s+)?(?:[A-Z][\w.&’'-]*\s+){1,4}(?:reported|reports)"
                              r"|(?:the\s+|a\s+)?sources?\s+(?:said|say|says|told|tell))\b")


# the text cut off right after the speaker's name, before the verb: “…,” Treasury Secretary
# Janet Yellen... / “…,” Rochelle Hawkins, a VTA mechanic who was at the... (a feed's lead)
_CUT_SPEAKER = re.compile(r"^[\s,]*(?P<who>[A-Z][^,;:“”\"]{1,80}?)(?:,[^;“”\"]{0,120}?)?\s*"
                          r"(?:\.\.\.|…)\s*$")


def _cut_short(after: str, at: int) -> Phrase | None:
    """The phrase a quotation's sentence ends on when its page cut it off before the
    attributing verb: a name, or a name and its appositive, then "..." (“…,” Yellen...)."""
    cut = _CUT_SPEAKER.match(after)
    if cut is None or not _subject_like(cut["who"]):
        return None
    return Phrase(cut["who"], at + cut.start("who"))


def _next_sentence(text: str, spans: list[QuoteSpan], k: int,
                   bounds: list[tuple[int, int]], end: int) -> Phrase | None:
    """“…?” Eyewitness News asked. / “…!” Williams said before Kelly arrived: a quotation
    that ends its sentence, attributed by a short sentence of its own right after it."""
    following = [b for b in bounds if b[0] >= end]
    if not following:
        return None
    start, stop = following[0]
    if any(start <= s.start < stop for s in spans[k + 1:]):
        return None  # a sentence with a quotation of its own attributes that one
    found = _right_after(text[start:stop], start)
    if found is None or found.first:  # “…?” said X, …
        return found
    said = _SAID.match(text, found.at + len(found.text), stop)
    rest = text[said.end():stop] if said else ""
    short = len(found.text.split()) <= 6 and len(rest.split()) <= 4  # “…!” X said on Monday.
    asked = spans[k].words.rstrip(" ’'").endswith(("?", "!"))  # its mark ended the sentence
    return found if said and (short or asked) and found.at == start else None


# verbs that attribute the quotation before their sentence ("Y agreed." does not)
_SAID = re.compile(rf"{_AUX}(?:said|says|asked|asks|added|adds|told|tells|wrote|writes|"
                   r"recalled|explained|continued|replied|answered|shouted|yelled)\b")


def _containing(bounds: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    return next((b for b in bounds if b[0] <= offset < b[1] + 1), bounds[-1])


def _right_after(after: str, at: int, verbs: re.Pattern[str] = _VERB) -> Phrase | None:
    """“…,” said X / “…,” X said / “…,” X, a spokesman, told CNN / “…,” CNN quoted X as
    saying. ``verbs``: the verbs whose subject is sought (``_INTRODUCES``: no inversion)."""
    lead = len(after) - len(after.lstrip(" ,.!?—–-\n"))
    words = after[lead:]
    if words.split(" ", 1)[0].lower() in ADVERBIAL:  # “…” while X said: X's own quotation
        return None
    inverted = (_INVERTED.match(words) or _QUOTED.search(words)
                or _QUOTED_PASSIVE.match(words)) if verbs is _VERB else None
    if inverted:
        who = inverted["who"].split(";", 1)[0]
        return Phrase(who, at + lead + inverted.start("who"), first=True)
    verb = next(_active(verbs, words), None)
    if verb and _subject_like(words[:verb.start()]):
        return Phrase(words[:verb.start()], at + lead)
    return None


def reported(sentence: str, at: int, introduces: bool = False) -> list[Phrase]:
    """The phrases that may name who speaks in a sentence of reported speech, the likeliest
    first: the subject of its first speech verb in that verb's clause ("Speaking to The
    Guardian, Buchan said …" / "…, said Warren, but …"), then from the sentence's start
    ("Williams, a critic, said before …"). ``at``: the sentence's offset. ``introduces``:
    of its first verb of a speech act instead (``_INTRODUCES``: "X praised the deal")."""
    verbs = _INTRODUCES if introduces else _VERB
    verb = next(_active(verbs, sentence), None)
    if verb is None:
        return []
    start = max(sentence.rfind(",", 0, verb.start()), sentence.rfind(";", 0, verb.start())) + 1
    found = (_right_after(sentence[start:], at + start, verbs), _right_after(sentence, at, verbs))
    return [phrase for phrase in found if phrase is not None
            and phrase.text.split(" ", 1)[0].lower() not in ADVERBIAL]


def _active(verb: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The speech verbs of ``text`` that are not passives ("no injuries were reported")."""
    return (v for v in verb.finditer(text) if not _PASSIVE.search(text, 0, v.start()))


def _before(before: str, at: int) -> Phrase | None:
    """according to X, “…” / X said: “…” / X told reporters the plan was “…” / X dismissed
    the calls, saying “…” / the deal, said X, “…” / X was blunt: “…”."""
    according = (_ACCORDING.search(before) or _QUOTED.search(before)
                 or _QUOTED_PASSIVE.search(before) or _PROMPTED.search(before))
    if according:
        return Phrase(according["who"], at + according.start("who"), first=True)
    verbs = list(_active(_SAYS, before)) or list(_active(_CALLS, before))
    if not verbs:  # a sentence that gives the quotation after a colon: its subject's
        return Phrase(before, at, True, True) if before.rstrip().endswith(":") else None
    last = verbs[-1]
    tail = before[last.end():]
    participle = bool(_PARTICIPLE.match(last.group()))
    if (before[:last.start()].rstrip().endswith(",") and tail.rstrip().endswith(",")
            and 0 < len(re.findall(r"\w+", tail)) <= 6 and not participle
            and tail.split()[0].strip(",").lower() not in ADVERBIAL | {"that"}):
        # not "saying on May 10, “…”" nor "concluded that, using standard methods, “…”"
        return Phrase(tail, at + last.end(), first=True)
    if participle or before[:last.start()].endswith(" to "):
        clause = before[:last.start()]
        if not _CONTENT.search(clause):  # "… and vowing to “…”": the clause is before
            return None
        return Phrase(clause, at, True, True)
    begin = verbs[-2].end() if len(verbs) > 1 else 0
    subject = _AUX_TAIL.sub("", before[begin:last.start()])
    relative = _WHO.search(subject)  # "… an attack from President Biden, who demanded “…”"
    if relative:
        return Phrase(relative["who"], at + begin + relative.start("who"))
    if _subject_like(subject):
        return Phrase(subject, at + begin)
    named = _NAME_BEFORE.search(subject)  # "… a news conference at which state Attorney
    return Phrase(named[0], at + begin + named.start()) if named else None  # General X said"


# the capitalised words of a name right before a verb: its subject, after a long clause
_NAME_BEFORE = re.compile(r"(?:[A-Z][\w.’'-]*\s+){1,4}[A-Z][\w’'-]+\s*$")
# a name, then "who" and the speech verb: the one "who said" it
_WHO = re.compile(r"(?P<who>(?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w’'-]+),\s+who\s*$")


_PASSIVE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+$")  # "will be added"
# a word that may name a clause's subject: not only "and", "but" or punctuation
_CONTENT = re.compile(r"\b(?!(?:and|but|or|then|so|also|while)\b)[A-Za-z]\w*", re.IGNORECASE)
_AUX_TAIL = re.compile(rf"(?:\s+{_AUX_WORDS})+\s*$")
_QUOTED = re.compile(r"\bquoted (?!by\b)(?P<who>[^,;:“”\"]{2,80}?) as saying\b")
# "..., prompting the state's governor to ask: “…”": the one prompted speaks
_PROMPTED = re.compile(r"\b(?:prompting|prompted|leading|causing|forcing)\s+"
                       r"(?P<who>[^;:“”\"]{2,60}?),?\s+to\s+(?:ask|say|declare|tweet|write|"
                       r"exclaim|quip|respond|reply|warn|remark|wonder|lament)\b[^“”\"]{0,40}$")
# "X was quoted as saying", "X was quoted by Al Jazeera as saying": X
_QUOTED_PASSIVE = re.compile(r"(?P<who>[^,;:“”\"]{2,80}?)\s+(?:was|were)\s+(?:also\s+)?"
                             r"quoted\b(?:\s+by\s[^,;:“”\"]{2,60}?)?\s+as\s+(?:saying|telling)\b")


def _sentence_end(after: str, at: int) -> Phrase | None:
    """“…” by Friday, police said. / … as a whole, the report said. / “…” in recent days,
    according to one U.S. official."""
    according = _ACCORDING.search(after)
    if according:
        return Phrase(according["who"], at + according.start("who"), first=True)
    for verb in _active(_VERB, after):
        comma = after.rfind(",", 0, verb.start())
        subject = after[comma + 1:verb.start()]
        if comma >= 0 and len(subject.split()) <= _longest(subject) and _subject_like(subject):
            return Phrase(subject, at + comma + 1)
    return None


SUBJECT_WORDS = 5  # words of a subject at a sentence's end ("…, police in the city said")
NAMED_SUBJECT_WORDS = 10  # and of one that ends in a name ("…, top U.S. infectious disease
# expert Dr. Anthony Fauci said"): a name's roles run long


def _longest(subject: str) -> int:
    """How many words a subject at a sentence's end may have: more when it ends in a name."""
    words = subject.split()
    named = len(words) >= 2 and all(w[:1].isupper() for w in words[-2:])
    return NAMED_SUBJECT_WORDS if named else SUBJECT_WORDS


def _subject_like(region: str) -> bool:
    """Whether words right before a speech verb can be its subject: at most twelve words,
    not opening with a preposition, and holding a name, a pronoun or a determiner (or at
    most three words: "police", "officials")."""
    chunks = subject_chunks(region, first=False)
    if not chunks or len(chunks[0]) > 160:  # the subject's own words: "Asked on CNN if …, X"
        return False
    words = chunks[0].split()
    first = words[0].lower()
    if (first in ADVERBIAL or first in HEAD_ENDS or _PARTICIPLE.match(first)
            or words[-1].lower() in ("a", "an", "the")):
        return False  # "“…,” noting he had warned": the participle's subject is before
    return len(words) <= 12 and (len(words) <= 3 or first in PRONOUNS or first in DETERMINERS
                                 or any(w[:1].isupper() for w in words))


def subject_chunks(region: str, first: bool) -> list[str]:
    """The parts of an attributing phrase that can name the speaker, the likeliest first:
    the phrase's first part and its appositive ("X, a spokesman for Y," / "her nephew, Ravi
    Singh,"), adverbial parts skipped, when it is a main clause's subject or ends in a comma;
    else its last part, after any conjunction ("On Tuesday, Smith" / "and he")."""
    chunks = _chunks(region)
    if not chunks:
        return []
    if first or region.rstrip().endswith((",", "—", "–", " --")):
        chunks[0] = _LEADING.sub("", chunks[0]) or chunks[0]  # "while X, a spokesman, said"
        while len(chunks) > 1 and chunks[0].split()[0].lower() in ADVERBIAL:
            chunks = chunks[1:]
        return chunks[:2]
    last = _last_clause(chunks[-1])
    return [last] if last else []


def _last_clause(chunk: str) -> str:
    """A phrase's part after its last conjunction ("On Tuesday, Smith" / "and he"), not
    after an "and" that joins two nouns ("the actor and activist")."""
    start = 0
    for joint in CONJUNCTIONS.finditer(chunk):
        following = chunk[joint.end():].split(None, 1)[:1] or [""]
        noun = following[0][:1].islower() and following[0] not in DETERMINERS | PRONOUNS
        if not (joint.group().strip().lower() == "and" and noun):
            start = joint.end()
    return chunk[start:].strip()


_LEADING = re.compile(r"^(?:and|but|so|then|also|now|while|whereas|though|although)\s+",
                      re.IGNORECASE)


def _chunks(region: str) -> list[str]:
    """A phrase's comma-separated parts ("X, a spokesman for Y,"), asides in brackets out."""
    plain = _ASIDE.sub(" ", region.replace("\n", " "))
    parts = (c.strip() for c in _SEPARATOR.split(plain))
    return [c[:-1] if c.endswith(".") and c[-2:-1].islower() else c for c in parts if c]


_ASIDE = re.compile(r"\([^()]*\)")
_SEPARATOR = re.compile(r",|\s[—–]\s|—|–|\s--\s")  # not " - ", a tokenised hyphen
