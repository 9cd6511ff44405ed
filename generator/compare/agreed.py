"""Named claims every report states: a name with what is said of it ("AMD agreed to buy
SeaMicro", "charged with manslaughter"), not the bare name.

A name is what claims are aligned on, so a name alone is never an agreed item. It is one
when every report names it (the same name, or one of its forms: ``same_name``) and, near the
name in every report, uses the same word for what happened to it or what it is: a content
word, not a reporting verb, a stopword or another name. The item shows the words of the
first report from the name to that word ("seized the Islam Qala border crossing"), with the
sentence of each report. A statement cut after ``LONGEST`` words, or one that cuts a
quotation open or runs a heading into the lead, is no claim (``whole``). At most ``MOST``
such items, those told in most shared words first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from generator.compare.facts import STOPWORDS, WORD, stem
from generator.compare.items import AgreedFact, Analysis, Mention
from generator.compare.names import Name, NameIndex, same_name

NEAR = 8  # words from a name that tell what is said of it
MOST = 3  # named claims shown, at most
SHARED = 2  # words near the name that every report uses
LONGEST = 20  # words of the statement shown, at most
SHORTEST = 6  # words of a clause that says something of a name
LEAD = 6  # words before the name, at most, that the statement starts with
REPORTING = frozenset(("said", "says", "say", "told", "tell", "according", "added", "reported",
                       "report", "statement", "news", "agency", "spokesman", "spokeswoman",
                       "official", "officials", "also", "would", "could", "will", "can", "new",
                       "like", "just", "one", "two", "year", "years", "time", "people", "week",
                       "day", "last", "first", "since", "now", "still", "well", "being"))
_CLAUSE_END = re.compile(r"[,;:—–]\s")
# a word that opens a clause inside a clause: "... fled into Tajikistan as the Taliban captured"
_JOINT = re.compile(r"\s(?:as|while|after|when|because|since|which|who|whom|whose|where|"
                    r"although|though|but|before|until|whereas)\s")
_INTO = re.compile(r"(?:\s(?:in|of|at|on|by|for|from|with|to|during|under|through))+$")


def named_claims(analysis: Analysis) -> list[AgreedFact]:
    """The named claims every report of the story states (see the module's text)."""
    count = len(analysis.articles)
    outlets = {a.source.lower() for a in analysis.articles}
    found: list[tuple[int, int, AgreedFact]] = []
    seen: list[str] = []
    indexes = [NameIndex.of(keys) for keys in analysis.name_keys[1:]]
    for order, (row, name) in enumerate(_first_names(analysis)):
        if name.key in outlets or any(same_name(name.key, key) for key in seen):
            continue
        seen.append(name.key)
        if not all(index.names(name.key) for index in indexes):
            continue  # a name some report does not give
        spots = [_spots(analysis, r, name) for r in range(count)]
        shared = set.intersection(*(set().union(*(words for _, words in s)) for s in spots))
        if len(shared) >= SHARED:
            item = _item(analysis, row, name, spots, shared)
            if whole(item.label):
                found.append((-len(shared), order, item))
    chosen: list[AgreedFact] = []
    for _, _, item in sorted(found, key=lambda f: f[:2]):
        if len(chosen) < MOST and all(item.mentions[0].sentence_id != c.mentions[0].sentence_id
                                      for c in chosen):  # one item per sentence of the first
            chosen.append(item)
    return chosen


def _first_names(analysis: Analysis) -> Iterator[tuple[int, Name]]:
    """The names of the first report, each with its sentence row, in order."""
    for row, sentence_names in enumerate(analysis.names[0]):
        for name in sentence_names:
            yield row, name


def _spots(analysis: Analysis, report: int, name: Name) -> list[tuple[int, set[str]]]:
    """Each sentence of a report naming ``name``, with the content words near it."""
    forms = {key for key in analysis.name_keys[report] if same_name(key, name.key)}
    spots: list[tuple[int, set[str]]] = []
    if not forms:
        return spots
    for row, sentence_names in enumerate(analysis.names[report]):
        for other in sentence_names:
            if other.key in forms:
                spots.append((row, _near(analysis.sentences[report][row].text, other)))
    return spots


def _near(sentence: str, name: Name) -> set[str]:
    """Stems of the lowercase content words within ``NEAR`` words of a name."""
    before = WORD.findall(sentence[:name.start])[-NEAR:]
    after = WORD.findall(sentence[name.end:])[:NEAR]
    return {stem(w) for w in before + after if w[0].islower() and w not in STOPWORDS
            and w not in REPORTING and len(w) > 2}


def _item(analysis: Analysis, row: int, name: Name,
          spots: Sequence[Sequence[tuple[int, set[str]]]], shared: set[str]) -> AgreedFact:
    """The agreed item of a name: the first report's words from the name to a shared word,
    and in each report the first sentence naming it with a shared word."""
    rows = [next(r for r, words in report if words & shared) for report in spots]
    sentence = analysis.sentences[0][rows[0]].text
    where = next((n for n in analysis.names[0][rows[0]] if n.key == name.key or
                  same_name(n.key, name.key)), name)
    mentions = tuple(Mention(s.slug, s.sentence_id, s.text, _as_written(analysis, r, row_, name),
                             name.key)
                     for r, row_ in enumerate(rows)
                     for s in (analysis.sentences[r][row_],))
    return AgreedFact("name", name.key, _statement(sentence, where), mentions)


def whole(statement: str) -> bool:
    """Whether a statement reads as one short claim in the report's voice: it is not cut
    after ``LONGEST`` words (a clause that long says more than one thing), it does not cut a
    quotation open ("...refugees” back to the island", "states that “no entity...") and
    does not run a heading into the lead (its first two words told again later: "Smith wins
    the title Smith won the title on Sunday")."""
    marks = statement.count('"') + statement.count("“") + statement.count("”")
    if statement.endswith("…") or marks % 2:
        return False
    words = statement.split()
    return not any(words[at:at + 2] == words[:2] for at in range(2, len(words) - 1))


def _as_written(analysis: Analysis, report: int, row: int, name: Name) -> str:
    """The name as the report writes it in that sentence."""
    return next((n.text for n in analysis.names[report][row]
                 if n.key == name.key or same_name(n.key, name.key)), name.text)


def _statement(sentence: str, name: Name) -> str:
    """What the report says of the name: ``statement``."""
    return statement(sentence, name.start, name.end)


def statement(sentence: str, begin: int, finish: int, joint: bool = False) -> str:
    """The clause of the sentence that holds ``sentence[begin:finish]`` (with the next clause
    when it is too short to say anything, and ``LEAD`` words or fewer before it from the
    sentence's start), cut after ``LONGEST`` words: what the report says of a name or a
    figure. With ``joint``, a clause longer than that ends where a clause it holds after
    them begins (``_JOINT``), if it is left long enough."""
    bounds = [0] + [m.end() for m in _CLAUSE_END.finditer(sentence)] + [len(sentence)]
    start = max(b for b in bounds if b <= begin)
    end = min(b for b in bounds if b >= finish)
    while len(sentence[start:end].split()) < SHORTEST and (start > 0 or end < len(sentence)):
        end = min([b for b in bounds if b > end] or [len(sentence)])  # a list of names:
        start = max([b for b in bounds if b < start] or [0])  # the clauses around it
    if len(sentence[:start].split()) <= LEAD:
        start = 0
    if joint and len(sentence[start:end].split()) > LONGEST:  # up to the next clause it holds
        inner = _JOINT.search(sentence, finish, end)  # ("fled into Tajikistan as the Taliban…")
        held = _INTO.sub("", sentence[start:inner.start()]) if inner else ""  # "in which"
        if SHORTEST <= len(held.split()) <= LONGEST:
            end = start + len(held)
    words = sentence[start:end].split()
    cut = " ".join(words[:LONGEST]).strip(" ,;:—–-.")
    return cut + "…" if len(words) > LONGEST else cut


__all__ = ["named_claims", "statement", "whole"]
