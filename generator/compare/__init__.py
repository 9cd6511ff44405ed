"""The compare stage: a story's reports -> what they agree on, dispute, give alone, quote, and
copy from each other (pure).

``comparison`` puts it together (``compare``, ``comparison_json``: ``story.json``'s keys);
``facts``, ``kinds`` and ``claims`` read figures and dates with what they count; ``names``,
``align`` and ``items`` the names, sentence alignment and the analysis of a story; ``conflicts``
and ``disputes`` the disputes; ``agreed``, ``unique``, ``quotes`` (with ``speakers`` and
``referents``) and ``provenance`` the other items; ``days`` what each day's reports add, for the
editions. Importing the package loads none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.util.lazy import exports, of

if TYPE_CHECKING:
    from generator.compare.comparison import Comparison, compare, comparison_json, unique_of

__all__ = ["Comparison", "compare", "comparison_json", "unique_of"]
__getattr__ = exports(__name__, of("generator.compare.comparison", "Comparison", "compare",
                                   "comparison_json", "unique_of"))
