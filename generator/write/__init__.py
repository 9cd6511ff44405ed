"""The write stage: the only writer of ``output/``.

``tree`` writes only what changed, in place for small change sets or as a new tree swapped in;
``stamps`` what the last build wrote; ``in_place`` the small change sets; ``faults`` Ctrl-C and
failed writes, and what ``output/`` then holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.util.lazy import exports, of

if TYPE_CHECKING:
    from generator.write.session import Session
    from generator.write.tree import replace_tree, scan_output

__all__ = ["replace_tree", "scan_output", "Session"]
__getattr__ = exports(__name__, {
    **of("generator.write.tree", "replace_tree", "scan_output"),
    **of("generator.write.session", "Session"),
})
