"""What a story page shows besides the comparison: each report's name in citations, the
coverage at a glance, what each later report adds, how the story grew; and the dates as
readers see them (pure).

A date without a time of day is shown as a day: no page invents a time for it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise
from typing import Protocol, TypeVar

from markupsafe import Markup

from generator.model import Article, Date, Story, sort_key, unknown_source


class _Carried(Protocol):
    """A comparison item told by one or more reports (a quotation: ``QuoteItem``)."""

    @property
    def mentions(self) -> Sequence[object]: ...


CarriedT = TypeVar("CarriedT", bound=_Carried)

ADDED_SHOWN = 4  # new facts named per report; the rest are counted
# words that say how much or when, not of what: a detail of these and figures alone ("$500",
# "July 26", "three times", "20 feet away", "about 30 days") tells a reader nothing out of
# its sentence, which the page shows under "Only in one report"
_BARE_WORDS = frozenset("""
    a an the of per and or to at in on by from up over under about around roughly nearly
    almost approximately some just only least most more than less fewer another additional
    other first last next this that each every half quarter dozen dozens hundred hundreds
    thousand thousands million millions billion billions trillion one two three four five six
    seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen
    nineteen twenty thirty forty fifty sixty seventy eighty ninety percent per cent pct
    percentage point points times time second seconds minute minutes hour hours day days week
    weeks month months year years decade decades ago later earlier early late away long old
    left since until am pm a.m p.m noon midnight morning afternoon evening night tonight today
    yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december jan feb mar
    apr jun jul aug sep sept oct nov dec dollar dollars cent cents euro euros pound pounds yen
    yuan rupee rupees rupiah usd eur gbp foot feet inch inches yard yards mile miles meter
    meters metre metres kilometer kilometers kilometre kilometres km m mph kph kg kilogram
    kilograms ton tons tonne tonnes degree degrees
""".split())
TITLE_CHARS = 48  # of a title that tells two reports of one outlet apart


@dataclass(frozen=True, slots=True)
class Coverage:
    """A story's coverage: its outlets, where they are from, the editors' labels as counts."""

    outlets: int  # known outlets (a report of ``UNKNOWN_SOURCE`` is of none)
    countries: tuple[tuple[str, int], ...]  # country -> outlets, most first
    labels: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]  # label -> (value, outlets)
    unknown: int = 0  # reports whose outlet is unknown


@dataclass(frozen=True, slots=True)
class Addition:
    """What a report after the first says that no other report does (``unique``)."""

    facts: tuple[str, ...]  # the new figures and names, as the comparison gives them
    more: int  # further facts not named
    sentences: int  # every sentence only this report has


@dataclass(frozen=True, slots=True)
class Step:
    """One report on the timeline, with the story's size once it was out."""

    article: Article
    reports: int
    outlets: int
    new_outlet: bool


def iso_date(value: Date) -> str:
    """ISO 8601, as written in front matter."""
    return value.isoformat()


def human_date(value: Date, day: Callable[[dt.date], str] | None = None) -> str:
    """'8 July 2021' (and the time, when there is one); ``day``: ``human_day`` or a memo of
    it, for plain dates."""
    if not isinstance(value, dt.datetime):
        return (day or human_day)(value)
    return (f"{value.day} {value:%B %Y}, {value:%H:%M}"
            + (f" {value:%Z}" if value.tzinfo else ""))


def marked(sentence: str, phrases: Sequence[str]) -> Markup:
    """The sentence, escaped, with each phrase in ``<mark>`` where it first stands as words
    of its own (else where it first appears: "7" is not the 7 of "17"), never inside one
    marked already: a detail only one report gives ("9.1 temblor") or a disputed value is
    read in its sentence, not alone."""
    spans: list[tuple[int, int]] = []
    for phrase in filter(None, phrases):
        found = [m.start() for m in re.finditer(re.escape(phrase), sentence)]
        free = [at for at in found
                if not any(at < end and start < at + len(phrase) for start, end in spans)]
        whole = [at for at in free if _stands_alone(sentence, at, at + len(phrase))]
        if whole or free:
            at = (whole or free)[0]
            spans.append((at, at + len(phrase)))
    out, last = [], 0
    for start, end in sorted(spans):
        out += [escape(sentence[last:start], quote=False), "<mark>",
                escape(sentence[start:end], quote=False), "</mark>"]
        last = end
    return Markup("".join([*out, escape(sentence[last:], quote=False)]))


def over_time(slugs: Sequence[str], articles: Sequence[Article]) -> bool:
    """Whether the reports of ``slugs`` (a dispute's sides, in order) were each published
    after the one before: a toll that rose reads as one (58 -> 59), bounds two outlets gave
    the same day do not ("more than 180" / "at least 150")."""
    when = {a.slug: sort_key(a.date) for a in articles}
    times = [when[slug] for slug in slugs if slug in when]
    return len(times) == len(slugs) and all(a < b for a, b in pairwise(times))


def _stands_alone(text: str, start: int, end: int) -> bool:
    """No letter or digit runs into ``text[start:end]`` on either side."""
    return not (start and text[start - 1].isalnum()) and not (
        end < len(text) and text[end].isalnum())


def by_reach(quotes: Sequence[CarriedT]) -> list[CarriedT]:
    """Quotations carried by more reports first (the story's own), each group in its order
    of first appearance: the page shows the first dozen."""
    return sorted(quotes, key=lambda quote: -len(quote.mentions))


def human_day(value: dt.date) -> str:
    """'8 July 2021'."""
    return f"{value.day} {value:%B %Y}"


def report_labels(articles: Sequence[Article]) -> dict[str, str]:
    """A short name per report for citations: its publisher or source; two reports of one
    outlet are told apart by their time, else by their title (never by a number)."""
    names = {a.slug: a.publisher or a.source for a in articles}
    shared = Counter(names.values())
    times = Counter((names[a.slug], human_date(a.date)) for a in articles)
    labels: dict[str, str] = {}
    for article in articles:
        name = names[article.slug]
        if shared[name] == 1:
            labels[article.slug] = name
        elif times[(name, human_date(article.date))] == 1:
            labels[article.slug] = f"{name}, {human_date(article.date)}"
        else:
            labels[article.slug] = f"{name}, “{short_title(article.title)}”"
    return labels


def short_title(title: str) -> str:
    """The title cut at a word to about ``TITLE_CHARS``, with an ellipsis."""
    if len(title) <= TITLE_CHARS:
        return title
    return title[:TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def coverage(story: Story) -> Coverage:
    """How many outlets, from which countries, and the labels sources.yaml gives them, each
    outlet counted once; reports of an unknown source are counted apart."""
    first: dict[str, Article] = {}
    for article in story.articles:
        if not unknown_source(article.source):
            first.setdefault(article.source, article)
    countries = Counter(a.outlet_country for a in first.values() if a.outlet_country)
    by_label: dict[str, Counter[str]] = {}
    for article in first.values():
        for label, value in article.outlet_labels:
            by_label.setdefault(label, Counter())[value] += 1
    return Coverage(outlets=len(first), countries=_most_first(countries),
                    labels=tuple((label, _most_first(values))
                                 for label, values in by_label.items()),
                    unknown=story.unknown_reports)


def _most_first(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _widest(facts: list[str]) -> list[str]:
    """The facts without those another one holds ("four people" beside "At least four
    people", told in two sentences of the report), in order."""
    def within(fact: str, other: str) -> bool:
        return fact != other and re.search(rf"(?<!\w){re.escape(fact)}(?!\w)", other,
                                           re.IGNORECASE) is not None
    return [fact for fact in facts if not any(within(fact, other) for other in facts)]


def telling(detail: str) -> bool:
    """Whether a detail names what it counts or tells of ("nine rules violations", "a $60,000
    fine", "9.1 temblor"), not only how much or when ("$500", "July 26", "three times")."""
    return any(word not in _BARE_WORDS for word in re.findall(r"[^\W\d_]+(?:\.[^\W\d_])*",
                                                               detail.lower()))


# what the sentence says was done to what a detail counts, right after it: "At least 50
# people were hospitalised" is told "At least 50 people hospitalised"
_DONE_TO = re.compile(r"\s+(?:were|was|have been|has been|had been|are|is|being)\s+"
                      r"(?:(?:all|also|later|then|reportedly|seriously|badly|critically)\s+)?"
                      r"([a-z]{3,}ed|hurt|shot|hit|slain|stolen|beaten)\b(?!\s+to\b)")


# a detail after one of these is inside another phrase ("the decision to walk away from the
# $8 billion project was confirmed": the decision was)
_INSIDE = re.compile(r"\b(?:of|from|to|in|on|at|by|for|with|about|against|over|under|between|"
                     r"into|during|among)\s+(?:(?:the|a|an|its|their|"
                     r"his|her)\s+)?$", re.IGNORECASE)


def _told_with(detail: str, sentence: str) -> str:
    """The detail with the participle its sentence tells of it right after it ("were
    hospitalised", "have been destroyed"), if any and if the detail is what it is told of
    (not inside a phrase: ``_INSIDE``)."""
    at = sentence.find(detail)
    if at < 0 or _INSIDE.search(sentence, 0, at):
        return detail
    done = _DONE_TO.match(sentence, at + len(detail))
    return f"{detail} {done[1]}" if done else detail


def additions(story: Story, unique: Sequence[tuple[str, Sequence[object]]]
              ) -> dict[str, Addition]:
    """What each report after the first adds, from the comparison's ``unique`` items (slug,
    items with ``kind``, ``sentence`` and ``details``), the details named only when
    ``telling``, each with what its sentence says was done to it (``_told_with``); reports
    that add nothing are left out."""
    items: Mapping[str, Sequence[object]] = dict(unique)
    added: dict[str, Addition] = {}
    for article in story.articles[1:]:
        found = items.get(article.slug, ())
        facts = _widest(list(dict.fromkeys(
            _told_with(detail, getattr(item, "sentence", ""))
            for item in found for detail in getattr(item, "details", ()) or ()
            if telling(detail))))
        if found:
            added[article.slug] = Addition(facts=tuple(facts[:ADDED_SHOWN]),
                                           more=max(0, len(facts) - ADDED_SHOWN),
                                           sentences=len(found))
    return added


def growth(story: Story) -> list[Step]:
    """The story report by report, oldest first, with how many reports and (known) outlets
    it had once each was out."""
    seen: set[str] = set()
    steps: list[Step] = []
    for number, article in enumerate(story.articles, start=1):
        known = not unknown_source(article.source)  # no outlet is known to be new
        new = known and article.source not in seen
        if known:
            seen.add(article.source)
        steps.append(Step(article=article, reports=number, outlets=len(seen), new_outlet=new))
    return steps
