"""Reports -> stories (pure): online assignment in date order, then a merge pass.

Each report is a weighted TF-IDF vector (body with names, places and numbers; headline; see
``cluster_features``). Pairs are only compared within ``window_days`` of each other (blocked by
day in ``cluster_graph``, never all pairs) and scored as ``z``: how far their similarity stands
above what each report scores with the rest of its window. Reports with a ``story`` keep it and
seed that story. The dated others are placed one by one in date order (ties by key): a
report joins the best story scoring at least ``threshold``, else starts a new story. A
story's score is the mean of its best link and its mean link over its members in the window
(``cluster_merge``). A merge pass then joins new stories scoring ``merge_threshold`` with each
other or with one existing story; two existing stories are never merged, ids never renamed.
A new report still alone is then offered to stories up to 30 days away (``cluster_late``: a
late copy joins only a story it is very similar to), and then each new story in quiet weeks,
whole (where the z of its reports were measured against little but their own story, it may
be left in pieces: a piece joins another only when far more alike). Undated reports come
last, with their own rule (``cluster_undated``): locally scaled links, grouped by average
link, never chaining two stories already made.

When most reports already have a story (a rebuild adding a few), only the reports within two
windows of a new one are read (``nearby``): they are all that the new reports are compared with
or scored against, so adding one report to 10,000 costs little. The IDF then comes from
those reports; on the development set this moved 3-10 of 39-740 new reports and left BCubed
F1 within 0.001. (The wide tier then reaches only the stories among them.)
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence, Set
from typing import TextIO

import numpy as np
import numpy.typing as npt
from slugify import slugify

from generator import slugs
from generator.cluster.config import NO_DAY, ClusterConfig, ClusterDoc
from generator.cluster.text import plain, plain_words
from generator.util import forked

IntArray = npt.NDArray[np.int64]

HEADLINE_WORDS = 6
_SHINGLE = 4
_COPY_CHARS = 1000
_NEAR_COPY = 0.6  # share of a report's 4-word shingles found in an earlier report
_PARALLEL_LEADS = 500  # fewer new stories than this: their leads are chosen here

__all__ = ["ClusterConfig", "ClusterDoc", "assign", "cluster_jsonl", "lead_key", "story_id"]


def assign(docs: Sequence[ClusterDoc],
           config: ClusterConfig = ClusterConfig()) -> dict[str, str]:  # noqa: B008 (frozen)
    """key -> story id for every doc (see the module docstring for the rule)."""
    if not docs:
        return {}
    counts = Counter(d.key for d in docs)
    if len(counts) != len(docs):
        twice = sorted(k for k, count in counts.items() if count > 1)[:3]
        raise ValueError(f"duplicate key(s) {twice}: give every report a unique key")
    days = np.array([d.date.toordinal() if d.date else NO_DAY for d in docs], dtype=np.int64)
    taken = {d.story for d in docs if d.story is not None}
    near = nearby(days, np.array([d.story is None for d in docs], dtype=bool), config)
    return {d.key: d.story for d in docs if d.story is not None} | _assign(
        [docs[i] for i in near.tolist()], days[near], taken, config)


def nearby(days: IntArray, new: npt.NDArray[np.bool_], config: ClusterConfig) -> IntArray:
    """Indices of the reports that can bear on placing the ``new`` ones: those within two
    windows of a new report's day (its window, and each of its neighbours' windows, which
    make their background), and the undated. All when a new report is undated."""
    if not new.any():
        return np.zeros(0, dtype=np.int64)
    new_days = np.unique(days[new])
    if new.all() or new_days[-1] == NO_DAY:
        return np.arange(len(days))
    reach = 2 * config.window_days
    after = np.searchsorted(new_days, days).clip(max=len(new_days) - 1)
    before = (after - 1).clip(min=0)
    gap = np.minimum(np.abs(days - new_days[after]), np.abs(days - new_days[before]))
    return np.flatnonzero((gap <= reach) | (days == NO_DAY))


def _assign(docs: Sequence[ClusterDoc], days: IntArray, taken: Set[str],
            config: ClusterConfig) -> dict[str, str]:
    """key -> story id for the docs without a story; ``taken``: every story id in use."""
    if not docs:
        return {}
    # scipy (a third of a second to import) only when there is work for it
    from generator.cluster import features as cluster_features
    from generator.cluster import graph as cluster_graph
    from generator.cluster.late import reoffer
    from generator.cluster.merge import Placement, merge_new_stories
    from generator.cluster.undated import place_undated

    vectors = cluster_features.vectors(docs, config)
    graph, local = cluster_graph.similarity_graphs(vectors, days, config)
    existing = sorted({d.story for d in docs if d.story is not None})
    number = {story: k for k, story in enumerate(existing)}
    place = Placement.seeded(days, [number[d.story] if d.story is not None else -1
                                    for d in docs], len(existing), config)
    new = sorted((i for i, d in enumerate(docs) if d.story is None),
                 key=lambda i: (days[i], docs[i].key))
    dated_new = [i for i in new if days[i] != NO_DAY]
    place.place_all(dated_new, graph)
    labels = reoffer(merge_new_stories(place, graph), np.array(dated_new, dtype=np.int64),
                     vectors, days, len(existing), config)
    labels = place_undated(labels, [i for i in new if days[i] == NO_DAY], local,
                           config.undated_threshold,
                           rising=(config.rising_free_size, config.rising_power),
                           big=(config.undated_big_threshold, config.undated_falling_power))
    return _name_stories(docs, labels, existing, taken)


def _name_stories(docs: Sequence[ClusterDoc], labels: IntArray, existing: list[str],
                  taken: Set[str]) -> dict[str, str]:
    """Existing labels keep their id; each new story gets one from its earliest date and lead."""
    members: dict[int, list[int]] = {}
    for i, label in enumerate(labels.tolist()):
        members.setdefault(label, []).append(i)
    names = {k: name for k, name in enumerate(existing)}
    taken = set(taken)
    fresh = [label for label in members if label >= len(existing)]
    fresh.sort(key=lambda label: _story_order(docs, members[label]))
    groups = [[docs[i] for i in members[label]] for label in fresh]
    for label, reports, lead in zip(fresh, groups, _lead_keys(groups), strict=True):
        headline = next(d.title for d in reports if d.key == lead)
        dates = [d.date for d in reports if d.date is not None]
        names[label] = story_id(min(dates) if dates else None, headline, taken)
        taken.add(names[label])
    return {doc.key: names[int(label)] for doc, label in zip(docs, labels, strict=True)}


def _lead_keys(groups: Sequence[Sequence[ClusterDoc]]) -> list[str]:
    """``lead_key`` of every group, split over the CPUs when there are many."""
    return forked.split_map(_leads_of, groups, _PARALLEL_LEADS)


def _leads_of(groups: Sequence[Sequence[ClusterDoc]]) -> list[str]:
    return [lead_key(group) for group in groups]


def _story_order(docs: Sequence[ClusterDoc], members: list[int]) -> tuple[dt.date, str]:
    """New stories are named oldest first (ties by smallest key), so de-dup is deterministic."""
    dates = [day for i in members if (day := docs[i].date) is not None]
    return (min(dates) if dates else dt.date.max, min(docs[i].key for i in members))


def lead_key(docs: Sequence[ClusterDoc]) -> str:
    """The key of a story's lead: its longest report that is not a near-copy.

    Length is the text's length in characters. A report is a near-copy when at least 60% of
    the 4-word shingles of its opening (1,000 characters) occur in the opening of one report
    that comes before it (by date, then key; undated last). Ties go to the earliest report.
    """
    if not docs:
        raise ValueError("lead_key needs at least one report")
    ordered = sorted(docs, key=lambda d: (d.date or dt.date.max, d.key))
    if len(ordered) == 1:
        return ordered[0].key
    lengths = [len(d.text.strip()) for d in ordered]
    by_length = sorted(range(len(ordered)), key=lambda k: (-lengths[k], k))
    shingles: dict[int, set[tuple[str, ...]]] = {}

    def shingles_of(k: int) -> set[tuple[str, ...]]:
        if k not in shingles:  # the opening is enough to tell a copy
            opening = ordered[k].text[:_COPY_CHARS]
            lowered = opening.lower()  # links are found case-sensitively: lower after them
            words = plain(opening).lower().split() if "http" in lowered else plain_words(lowered)
            shingles[k] = set(zip(*(words[i:] for i in range(_SHINGLE)), strict=False))
        return shingles[k]

    for k in by_length:
        if not any(_contained(shingles_of(k), shingles_of(e)) for e in range(k)):
            return ordered[k].key
    return ordered[by_length[0]].key


def _contained(part: set[tuple[str, ...]], whole: set[tuple[str, ...]]) -> bool:
    return bool(part) and len(part & whole) >= _NEAR_COPY * len(part)


def story_id(date: dt.date | None, headline: str, taken: Set[str]) -> str:
    """'YYYY-MM-DD-' + slug of the headline's first 6 words, made unique with -2, -3 ...

    Without a date the prefix is 'undated-'; a headline without words gives 'story'. A longer
    headline's six words lose the stop words they end with (``slugs.phrase_end``).
    """
    words = [w for w in plain(headline).split() if re.search(r"\w", w)]
    slug = slugify(" ".join(words[:HEADLINE_WORDS]))
    if len(words) > HEADLINE_WORDS:
        slug = slugs.phrase_end(slug)
    prefix = f"{date.isoformat()}-" if date else "undated-"
    base = prefix + (slug or "story")
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def cluster_jsonl(lines: Iterable[str], out: TextIO) -> int:
    """Cluster JSON articles (one per line) with the default setting; write id/story lines.

    Input fields: ``id``, ``title``, ``text``, ``date`` (ISO 8601), ``source``; any ``story``
    field is ignored. Texts are cleaned and missing dates inferred as the build's cleaner
    does (``cluster_input``). Output: ``{"id": ..., "story": ...}`` per article, in input
    order.
    """
    from generator.cluster.inputs import record_docs  # the cleaner's rules: only for this

    docs = record_docs([json.loads(line) for line in lines if line.strip()])
    stories = assign(docs)
    for doc in docs:
        out.write(json.dumps({"id": doc.key, "story": stories[doc.key]}, ensure_ascii=False))
        out.write("\n")
    return len(docs)
