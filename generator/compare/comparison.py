"""Compare the reports of a story: agreed facts, disputed facts, what only one report says,
quotations, and where each report came from. Pure and deterministic: no network, no model.

``compare(story)`` gives a ``Comparison``; ``comparison_json`` its JSON form (the shape is
documented there). Every item names the reports (article slugs) and the exact sentences,
with the sentence ids that ``generator.sentences.sentence_anchors`` puts on report pages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.compare.agreed import named_claims, statement, whole
from generator.compare.align import article_sentences, sentences_of
from generator.compare.claims import is_claim
from generator.compare.disputes import disputes
from generator.compare.facts import DATE, MONTHS, QUANTITY, WEEKDAYS, Fact
from generator.compare.items import (
    AgreedFact,
    Analysis,
    Dispute,
    Mention,
    QuoteItem,
    UniqueItem,
    analyse,
)
from generator.compare.provenance import Provenance, provenance
from generator.compare.quotes import QuoteMention, report_quotes, same_quote, wording_changes
from generator.compare.unique import (
    DISTINCTIVE,
    counterparts,
    find_fact,
    unique_items,
    vocabularies,
)
from generator.model import Story
from generator.sentences import Paragraph, paragraph_parser

__all__ = ["AgreedFact", "Comparison", "Dispute", "Mention", "QuoteItem", "UniqueItem",
           "compare", "comparison_json", "unique_of"]


@dataclass(frozen=True, slots=True)
class Comparison:
    """What a story's reports agree on, dispute, and say alone; empty for a single report."""

    agreed: tuple[AgreedFact, ...] = ()
    disputed: tuple[Dispute, ...] = ()  # disputes of substance only
    variants: tuple[Dispute, ...] = ()  # spelling variants of names
    unique: tuple[tuple[str, tuple[UniqueItem, ...]], ...] = ()  # (slug, items), report order
    quotes: tuple[QuoteItem, ...] = ()
    provenance: Provenance | None = None

    @property
    def empty(self) -> bool:
        """True when there is nothing to compare (fewer than two reports)."""
        return self.provenance is None


def compare(story: Story, found: Mapping[str, Sequence[Paragraph]] | None = None
            ) -> Comparison:
    """Compare every report of a story with the others (empty for one report). ``found``:
    the paragraphs of reports by slug, as rendering their pages recorded them
    (``sentences.PARAGRAPHS``); the other reports' bodies are parsed here."""
    analysis = _analysis(story, found or {})
    if analysis is None:
        return Comparison()
    articles = analysis.articles
    substantive, variants = disputes(analysis)
    quotes = _quotes(analysis)
    return Comparison(
        agreed=tuple(_agreed_facts(analysis) + named_claims(analysis)
                     + _agreed_quotes(quotes, len(articles))),
        disputed=tuple(substantive), variants=tuple(variants),
        unique=_unique(analysis, substantive + variants, {a.slug for a in articles}),
        quotes=tuple(quotes),
        provenance=provenance(articles, analysis.sentences, analysis.space))


def unique_of(story: Story, slugs: Collection[str],
              found: Mapping[str, Sequence[Paragraph]] | None = None
              ) -> tuple[tuple[str, tuple[UniqueItem, ...]], ...]:
    """What only each report of ``slugs`` says, as ``compare(story).unique`` gives it,
    without the agreed facts, quotes and provenance: what a day's new reports add, for the
    daily editions. ``found``: the reports' paragraphs where rendering recorded them (as
    ``compare`` takes them), so the story as it stood on an earlier day is not parsed again."""
    analysis = _analysis(story, found or {})
    if analysis is None:
        return ()
    substantive, variants = disputes(analysis)
    return _unique(analysis, substantive + variants, slugs)


def _unique(analysis: Analysis, disputed: Sequence[Dispute], slugs: Collection[str]
            ) -> tuple[tuple[str, tuple[UniqueItem, ...]], ...]:
    """(slug, what only it says) of each report of ``slugs``, in report order; a value a
    side of a dispute shows is no report's own detail."""
    disputed_values = {(m.slug, m.value) for d in disputed for m in d.sides}
    vocabulary = vocabularies(analysis)
    return tuple((a.slug, tuple(unique_items(analysis, i, disputed_values, vocabulary)))
                 for i, a in enumerate(analysis.articles) if a.slug in slugs)


def _analysis(story: Story, found: Mapping[str, Sequence[Paragraph]]) -> Analysis | None:
    """The analysis of a story's reports; None when there are fewer than two, or no words."""
    articles = story.articles
    if len(articles) < 2:
        return None
    # a parser only for reports whose page render did not record them (a few hundred µs)
    parser = None if all(a.slug in found for a in articles) else paragraph_parser()
    texts = [sentences_of(a.slug, found[a.slug]) if a.slug in found
             else article_sentences(a, parser) for a in articles]
    if not any(s.text.split() for report in texts for s in report):
        return None  # no report has a word (images, rules, an empty body)
    return analyse(articles, texts)


def _agreed_facts(analysis: Analysis) -> list[AgreedFact]:
    """The figures and dates every report gives (each once), shown as the first report
    that says what the figure counts tells it (``_label``)."""
    result: dict[tuple[str, str], AgreedFact] = {}
    count = len(analysis.articles)
    for row, sentence_facts in enumerate(analysis.facts[0]):
        sentence = analysis.sentences[0][row].text
        for fact in sentence_facts:
            claim = is_claim(sentence, fact, so_far=True)
            if not claim and not _told_whole(fact):
                continue  # a year, a score, a part: no figure of the story
            found = [(0, row, fact)]
            for j in range(1, count):
                other = find_fact(analysis, j, fact, counterparts(analysis, 0, row, j))
                if other is None:
                    break
                found.append((j, *other))
            mentions = tuple(analysis.mention(j, r, f.phrase, f.key) for j, r, f in found)
            shown = fact if claim else _stated(analysis, found)
            if len(found) == count and shown is not None and _statement(shown, mentions):
                said = next(analysis.sentences[j][r].text for j, r, f in found if f is shown)
                label = _label(said, shown)
                if shown.kind == DATE and _BARE_DAY.fullmatch(label):  # "Thursday": as
                    label = next((told for j, r, f in found if not _BARE_DAY.fullmatch(
                        told := _label(analysis.sentences[j][r].text, f))), label)  # another
                    # report tells it ("July 15"; one at least writes it out: ``_statement``)
                if any(item.label == label for item in result.values()):
                    label = _own_words(shown)  # "200 districts in 34 provinces": one
                    # statement once, then the figure with what it counts ("34 provinces")
                result.setdefault((fact.kind, fact.key),
                                  AgreedFact(fact.kind, fact.key, label, mentions))
    return list(result.values())


def _own_words(fact: Fact) -> str:
    """A figure's phrase without the participle it runs into ("34 provinces comprising":
    "34 provinces"), when a noun is left before it."""
    words = fact.phrase.split()
    while len(words) > 2 and words[-1].lower().endswith(("ing", "ed")):
        words.pop()
    return " ".join(words)


# a date shown as a weekday or a relative day alone, which no reader takes for a claim
_BARE_DAY = re.compile(r"(?i)(?:(?:early|late|on|last|next|this)\s+)?(?:monday|tuesday|wednesday|"
                       r"thursday|friday|saturday|sunday|today|yesterday|tomorrow)"
                       r"(?:\s+(?:morning|afternoon|evening|night))?")


def _label(sentence: str, fact: Fact) -> str:
    """What an agreed figure or date is shown as: the clause of the sentence that tells it
    ("Taliban fighters had seized five districts in Herat"; a long one up to a clause inside
    it: "more than 1,000 Afghan security personnel fled into Tajikistan", not "... as the
    Taliban captured ..."), a short statement, not the figure alone; its own words ("five
    districts") when the clause does not read as one (``agreed.whole``)."""
    told = statement(sentence, fact.start, fact.end, joint=True)
    if whole(told) and len(told.split()) > len(fact.phrase.split()):
        return told
    return _phrase(sentence, fact)


def _phrase(sentence: str, fact: Fact) -> str:
    """A figure's own words as a label: the phrase it is counted in, without the words of
    its clause it runs into ("18 scientists stated Thursday", "two ballistic missiles off"),
    and whole where it stops inside an abbreviation ("Two senior U" of "U.S.")."""
    at = sentence.find(fact.phrase, fact.start)
    phrase = fact.phrase
    if at >= 0 and (tail := _ABBREVIATED.match(sentence, at + len(phrase))):
        phrase += tail[0]  # "U" + ".S."
    words = phrase.split()
    figure = len(fact.text.split())
    while len(words) > figure and _RUNS_ON.fullmatch(words[-1].strip(",;:").lower()):
        words.pop()
    return " ".join(words)


# a word a figure's phrase runs on into: a day or a month, a verb of its clause, a word of
# place or time ("off", "after", "last")
_RUNS_ON = re.compile(rf"(?:{'|'.join(WEEKDAYS + list(MONTHS))}|[a-z]+ed|made|off|after|before|"
                      r"last|next|ago|on|in|at|by|for)")
_ABBREVIATED = re.compile(r"(?:\.[A-Z])+\.")  # the rest of "U.S.", "U.K."


def _told_whole(fact: Fact) -> bool:
    """A figure the first report gives without saying what it counts in a way that makes it
    a claim ("a staggering 4,901 more than in 2019"), which is agreed when every report
    gives it and one says what it counts: a figure no two things of a story share (a whole
    one of three digits or more, not a year)."""
    return (fact.kind == QUANTITY and fact.value >= DISTINCTIVE and fact.value == int(fact.value)
            and not _YEAR.fullmatch(fact.text.strip()))


_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def _stated(analysis: Analysis, found: Sequence[tuple[int, int, Fact]]) -> Fact | None:
    """The first of a figure's mentions (report, sentence row, fact) whose sentence makes
    it a claim of something counted ("4,901 additional murders"), if any."""
    return next((fact for report, row, fact in found if fact.counted and is_claim(
        analysis.sentences[report][row].text, fact, so_far=True)), None)


def _statement(fact: Fact, mentions: Sequence[Mention]) -> bool:
    """Whether an agreed fact says something on its own: a figure with what it counts, or a
    date that one report at least writes with its day or month; not a weekday alone, "today"
    or a bare number (names are what claims are about, not claims: none is agreed)."""
    if fact.kind == DATE:
        return any(c.isdigit() for m in mentions for c in m.text)
    return bool(fact.counted or fact.dimension)


def _quotes(analysis: Analysis) -> list[QuoteItem]:
    """Quotations grouped across reports, in order of first appearance."""
    groups: list[list[QuoteMention]] = []
    for report, sentence_names in zip(analysis.sentences, analysis.names, strict=True):
        for quote in report_quotes(report, analysis.known_names, sentence_names):
            group = next((g for g in groups if same_quote(g[0], quote)
                          and all(m.slug != quote.slug for m in g)), None)
            if group is None:
                groups.append([quote])
            else:
                group.append(quote)
    return [_quote_item(group) for group in groups]


def _quote_item(group: Sequence[QuoteMention]) -> QuoteItem:
    """A quotation across reports; its speaker the one most of them name (ties: the first
    named), so one report's misreading does not override the others'."""
    first = group[0]
    named = Counter(m.speaker for m in group if m.speaker)
    speaker = max(named, key=lambda s: (named[s], -_first_at(group, s))) if named else None
    mentions = tuple(Mention(m.slug, m.sentence_id, m.sentence, m.quote) for m in group)
    changes = tuple((m.slug, tuple(wording_changes(first.quote, m.quote))) for m in group[1:])
    same = all(not change for _, change in changes)
    return QuoteItem(speaker, first.quote, mentions, same,
                     tuple(c for c in changes if c[1]))


def _first_at(group: Sequence[QuoteMention], speaker: str) -> int:
    return next(k for k, m in enumerate(group) if m.speaker == speaker)


def _agreed_quotes(quotes: Sequence[QuoteItem], count: int) -> list[AgreedFact]:
    return [AgreedFact("quote", q.speaker or "", q.quote, q.mentions)
            for q in quotes if len(q.mentions) == count]


def _mention_json(mention: Mention) -> dict[str, str]:
    result = {"slug": mention.slug, "sentence_id": mention.sentence_id,
              "sentence": mention.sentence, "text": mention.text}
    if mention.value:
        result["value"] = mention.value
    return result


def comparison_json(c: Comparison) -> dict[str, Any]:
    """The comparison as JSON data with keys ``agreed``, ``disputed`` (substance first, then
    spelling variants with kind "variant"), ``unique`` (by article slug), ``quotes`` and
    ``provenance``; every mention has slug, sentence_id, sentence, text (and value)."""
    prov = c.provenance
    return {
        "agreed": [{"kind": a.kind, "key": a.key, "label": a.label,
                    "mentions": [_mention_json(m) for m in a.mentions]} for a in c.agreed],
        "disputed": [{"kind": d.kind, "about": d.about, "relation": d.relation,
                      "sides": [_mention_json(m) for m in d.sides]}
                     for d in c.disputed + c.variants],
        "unique": {slug: [{"kind": u.kind, "sentence_id": u.sentence_id,
                           "sentence": u.sentence, "details": list(u.details)} for u in items]
                   for slug, items in c.unique},
        "quotes": [{"speaker": q.speaker, "quote": q.quote, "same_wording": q.same_wording,
                    "mentions": [_mention_json(m) for m in q.mentions],
                    "changes": [{"slug": slug, "changes": [list(pair) for pair in pairs]}
                                for slug, pairs in q.changes]} for q in c.quotes],
        "provenance": {} if prov is None else {
            "original": prov.original,
            "reports": [{"slug": r.slug, "source": r.source, "publisher": r.publisher,
                         "credits": list(r.credits), "sentences": r.sentences}
                        for r in prov.reports],
            "relations": [{"reports": [r.first, r.second], "relation": r.relation,
                           "similarity": r.similarity, "containment": r.containment,
                           "coverage": {r.first: r.coverage[0], r.second: r.coverage[1]},
                           "derived": r.derived, "original": r.original, "shown": r.shown}
                          for r in prov.relations]},
    }
