"""Quotations in a report, who said them, and the same quotation across reports.

A quotation is text in double quotes (curly or straight) of three words or more, its lines
joined with spaces. Its speaker is the one the attribution grammar of its sentence names
(``compare_speakers``: "…,” X said / said X / X told CNN: X, not CNN), resolved against what
the report said before it (``compare_referents``: "he said", "the mayor said", a surname
alone). A quotation with no attribution in its sentence is the words of the one a sentence
of reported speech or of a speech act just before names ("X said …", "X assailed him in a
tweet", "X praised the deal"), else goes on
the quotation before it, when that one ended at most two sentences earlier (or ended the
paragraph before), else is the words of the name that opens its own sentence as subject
("Pfizer plans to apply “as soon as possible”"); else the report names no speaker (a guess
at whom it was telling about is wrong more often than right). A quotation left open at the
end of its paragraph runs on into the next paragraph that opens with a quotation mark (wire
style) and, unattributed, has the speaker named there.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from generator.compare.align import Sentence
from generator.compare.names import Name, names, same_name
from generator.compare.quotemarks import (
    QuoteSpan,
    is_quotation,
    is_term,
    masked,
    quote_spans,
    sentence_bounds,
    single_quote_spans,
)
from generator.compare.referents import (
    CONNECTORS,
    OPENING,
    POSSESSIVE,
    Context,
    context_at,
    full_name,
    is_person,
    speaker,
    titled,
)
from generator.compare.speakers import ADVERBIAL, DETERMINERS, Phrase, attribution, reported
from generator.ingest.stamps import stamp_end


@dataclass(frozen=True, slots=True)
class QuoteMention:
    """One quotation as one report gives it: the words inside the quotes and its sentence."""

    slug: str
    speaker: str | None
    quote: str
    sentence_id: str
    sentence: str


@dataclass(frozen=True, slots=True)
class _Said:
    """The last quotation's speaker, and where its quotation ended (paragraph, sentence)."""

    who: str | None
    paragraph: int
    sentence: int


def report_quotes(sentences: Sequence[Sentence], known_names: Collection[str],
                  sentence_names: Sequence[Sequence[Name]] | None = None
                  ) -> list[QuoteMention]:
    """Every quotation of a report with its speaker, in order. ``sentence_names``: the
    ``names`` of each sentence with ``known_names``, if already found (a paragraph without
    quotation marks has the names of its sentences, one per line)."""
    found: list[QuoteMention] = []
    before = Context()
    said = _Said(None, -2, 0)
    runs_on: list[int] = []  # quotations left open at their paragraphs' ends, no speaker
    # a report with no double mark writes its quotations in single ones (British style)
    spans_of = (quote_spans if any(c in s.text for s in sentences for c in '"“”')
                else single_quote_spans)
    for p, group in enumerate(_paragraphs(sentences)):
        text = "\n".join(s.text for s in group)  # a line break: names never span sentences
        spans = spans_of(text)
        outside = masked(text, spans) if spans else text
        first = len(found)
        mentions = titled([n for s in group for n in sentence_names[s.index]]
                           if sentence_names is not None and not spans
                           else names(outside, known_names), outside)
        if spans:
            said = _paragraph_quotes(group, p, outside, spans, mentions, before,
                                     known_names, said, found)
            runs_on = _run_on(found, runs_on, first, not text[:spans[0].start].strip(),
                              spans[-1])
        else:  # "Buchan said his co-star would …": a quotation next may go on with it
            last = (len(outside) - len(group[-1].text), len(outside))
            who = _reported_by(outside, last, mentions, before, known_names)
            said = _Said(who, p, len(group) - 1) if who else _Said(None, -2, 0)
            runs_on = []
        before = context_at(outside, mentions, before, len(outside))
    return _pulled(found)


def _pulled(found: list[QuoteMention]) -> list[QuoteMention]:
    """A quotation the report gives twice, once on its own (a pull quote, a standfirst)
    and once with its speaker, is that speaker's both times."""
    said = [m for m in found if m.speaker]
    return [next((replace(m, speaker=s.speaker) for s in said
                  if wording_ratio(m.quote, s.quote) >= PULLED or _within(m.quote, s.quote)),
                 m) if m.speaker is None else m for m in found]


def _within(part: str, whole: str) -> bool:
    """The words of ``part`` run on in ``whole`` (case and punctuation ignored)."""
    words, within = _words(part), _words(whole)
    return any(within[k:k + len(words)] == words for k in range(len(within) - len(words) + 1))


def _run_on(found: list[QuoteMention], runs_on: list[int], first: int, opens: bool,
            last: QuoteSpan) -> list[int]:
    """A quotation left open at the end of its paragraph goes on in the next one, which
    opens with a quotation mark (wire style: no closing mark before a quotation that runs
    on): when the report named no speaker for it, it has the next paragraph's first one.
    ``runs_on``: such quotations before this paragraph, whose mentions start at ``first``;
    ``opens``: it opens with a quotation. Gives those left open at its end."""
    pending = runs_on if opens and first < len(found) else []
    if pending and found[first].speaker is not None:
        for k in pending:
            found[k] = replace(found[k], speaker=found[first].speaker)
        pending = []
    if last.closed or not is_quotation(last):
        return []
    only = first == len(found) - 1  # the paragraph is that one quotation
    return (pending if only else []) + ([len(found) - 1] if found[-1].speaker is None else [])


def _paragraph_quotes(group: Sequence[Sentence], p: int, outside: str,
                      spans: list[QuoteSpan], mentions: Sequence[Name], before: Context,
                      known_names: Collection[str], said: _Said,
                      found: list[QuoteMention]) -> _Said:
    """Append the quotations of paragraph ``p`` (``outside``: its text with the quotations
    masked) to ``found``. Gives the last speaker and where that quotation ended, for a
    quotation that goes on in the next paragraph (none if this one goes on after it)."""
    bounds = sentence_bounds(outside, spans)
    everyone = before.persons + tuple(_people(mentions, before.persons))
    for k, span in enumerate(spans):
        if not is_quotation(span) or is_term(outside, span):
            continue
        phrase = attribution(outside, spans, k, bounds)
        first = _sentence_index(bounds, span.start)
        if phrase is not None:
            who = _resolved(phrase, outside, mentions, before, known_names, everyone)
        elif first > 0 and not (said.paragraph == p and said.sentence >= first - 1) and (
                reporter := _reported_by(outside, bounds[first - 1], mentions, before,
                                         known_names, everyone)):
            who = reporter  # "X said his co-star was …" just before: X goes on
        elif (said.paragraph == p and first - said.sentence <= 2) or (
                said.paragraph == p - 1 and first == 0):
            who = said.who  # a quotation that goes on after its attribution
        elif subject := _own_subject(outside, bounds[first], span.start, mentions, everyone):
            who = subject  # "Pfizer plans to seek approval “as soon as possible”"
        else:  # none: the report does not say (a guess is wrong more often than not)
            who = None
        said = _Said(who, p, _sentence_index(bounds, max(span.start, span.end - 1)))
        where = _sentence_at(group, span.start)
        found.append(QuoteMention(where.slug, _cleaned(who), span.words.rstrip(" ,"),
                                  where.sentence_id, where.text))
    if said.paragraph == p and said.sentence == len(bounds) - 1:
        return said
    # the paragraph went on after its last quotation: a sentence of reported speech that
    # ends it ("Yellen said the Treasury would …") may go on in the next
    who = _reported_by(outside, bounds[-1], mentions, before, known_names, everyone)
    return _Said(who, p, len(bounds) - 1) if who else _Said(None, -2, 0)


def _cleaned(who: str | None) -> str | None:
    """A speaker without a page's stamp run into it ("2: 30 AM A Brooklyn woman": a stamp
    inside a dump's text), and none at all when no letter is left ("-", a hyphen of an
    "out - of - band" a dump spaced out)."""
    if who is None:
        return None
    who = who[stamp_end(who, bare_time=True):].strip()
    return who if any(c.isalpha() for c in who) else None


def _own_subject(text: str, bound: tuple[int, int], at: int, mentions: Sequence[Name],
                 persons: Sequence[str]) -> str | None:
    """Whose words a quotation inside a sentence with no speech verb gives: the name that
    opens the sentence as its subject ("Now Merck will seek approval “as soon as possible”",
    "President Joe Biden … dismissed it as “part of the process”"); none for a quotation that
    opens its sentence, or a sentence opening with an adverbial ("In Washington, …")."""
    start = bound[0]
    if not text[start:at].strip(" \n“\"'‘"):
        return None
    name = next((n for n in mentions if start <= n.start < at), None)
    if name is None or not OPENING.fullmatch(text, start, name.start) or POSSESSIVE.match(
            text, name.end) or any(w.lower() in ADVERBIAL - _OPENERS
                                   for w in text[start:name.start].split()):
        return None
    return full_name(name.text, persons) if is_person(name, persons) else name.text


_OPENERS = frozenset(("now", "but", "and", "then", "still", "meanwhile", "also"))
PULLED = 0.8  # wording_ratio of a quotation given twice by one report


def _resolved(phrase: Phrase, text: str, mentions: Sequence[Name], before: Context,
              known_names: Collection[str], everyone: tuple[str, ...]) -> str | None:
    """Who an attributing phrase of a paragraph names, with what was said before it."""
    context = context_at(text, mentions, before, phrase.at)
    return speaker(phrase, known_names, replace(context, persons=everyone))


def _reported_by(text: str, bound: tuple[int, int], mentions: Sequence[Name],
                 before: Context, known_names: Collection[str],
                 everyone: tuple[str, ...] | None = None) -> str | None:
    """Who speaks in the sentence of reported speech at ``bound``, if it is one that names
    a person or a body ("Warren said …", "Microsoft said …", not "the source said")."""
    phrases = (reported(text[bound[0]:bound[1]], bound[0])
               or reported(text[bound[0]:bound[1]], bound[0], introduces=True))
    if phrases and everyone is None:
        everyone = before.persons + tuple(_people(mentions, before.persons))
    for phrase in phrases:
        who = _resolved(phrase, text, mentions, before, known_names, everyone or ())
        if who and (all(w[:1].isupper() or w in CONNECTORS or w in _NAME_JOINS
                        for w in who.split())  # "Customs and Border Protection"
                    or _of_a_body(who)):
            return who
    if not phrases and _ISSUED.search(text, bound[0], bound[1]):
        return _own_subject(text, bound, bound[1], mentions,
                            before.persons + tuple(_people(mentions, before.persons)))
    return None


_NAME_JOINS = frozenset(("and", "for", "on"))  # lowercase words inside a body's name


def _of_a_body(who: str) -> bool:
    """A body named by a description ("a three-judge panel", "the appeals court"), or people
    named by the body they speak for ("Fire officials", "Pentagon officials": a name, then
    a noun or two); not "the source" or "a spokesman"."""
    first, *rest = who.split()
    if who.split()[-1].lower() in _BODIES:  # "a three-judge panel", "the appeals court"
        return True
    return (first[:1].isupper() and first.lower() not in DETERMINERS and 0 < len(rest) <= 2
            and all(w.isalpha() and w.islower() for w in rest))


# bodies that speak as one, named by a description ("a three-judge panel ruled ...")
_BODIES = frozenset(("panel", "court", "jury", "committee", "commission", "board", "council",
                     "tribunal", "agency", "department", "ministry"))
# a sentence saying its subject put out a text ("X assailed him in a tweet"): the quotation
# next is that text's
_ISSUED = re.compile(r"\b(?:in|issued|released|posted|sent|published|wrote)\s+(?:a|an|the|"
                     r"his|her|its|their)\s+(?:[a-z]+\s+)?(?:statement|letter|tweet|post|memo|"
                     r"speech|message|op-ed|essay|filing)\b")


def _people(mentions: Sequence[Name], persons: Sequence[str]) -> list[str]:
    """The full names of the persons among a paragraph's names, in order."""
    found: list[str] = []
    for name in mentions:
        if is_person(name, list(persons) + found):
            found.append(full_name(name.text, list(persons) + found))
    return found


def _paragraphs(sentences: Sequence[Sentence]) -> list[list[Sentence]]:
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
    return list(by_paragraph.values())


def _sentence_index(bounds: Sequence[tuple[int, int]], offset: int) -> int:
    return next((k for k, b in enumerate(bounds) if offset < b[1] + 1), len(bounds) - 1)


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
