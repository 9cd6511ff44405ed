"""The cluster stage: articles -> story assignments, then ``Story`` objects (pure).

``pipeline`` is the algorithm (``assign``, ``cluster_jsonl``: the same in ``digest build`` and
``digest cluster``); ``features`` the report vectors, ``graph`` the similarity graph and its joins,
``late`` late copies and quiet weeks, ``undated`` reports without a date, ``merge`` the merge
pass, ``inputs`` the ``digest cluster`` input, ``text`` and ``config`` what they share;
``stories`` turns assignments and editor notes into stories. Importing the package loads none of
them (scipy comes with ``pipeline``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.util.lazy import exports, of

if TYPE_CHECKING:
    from generator.cluster.pipeline import assign, cluster_jsonl
    from generator.cluster.stories import group, make_story

__all__ = ["assign", "cluster_jsonl", "group", "make_story"]
__getattr__ = exports(__name__, {
    **of("generator.cluster.pipeline", "assign", "cluster_jsonl"),
    **of("generator.cluster.stories", "group", "make_story"),
})
