"""The write stage: the only writer of ``output/``.

``tree`` writes only what changed, in place for small change sets or as a new tree swapped in;
``stamps`` what the last build wrote; ``in_place`` the small change sets; ``faults`` Ctrl-C and
failed writes, and what ``output/`` then holds.
"""
