"""A page's legal footer: copyright and trademark notices, terms, and the disclaimers beside
them. Long ones pass for prose, so the main run may grow into them (or be one of them).

A *strong* legal line is one no article sentence reads like ("All rights reserved", "may not
be reproduced", "© 2019 ..."); a *disclaimer* line speaks of the site itself ("The information
provided on this website ...", "Consult your physician ..."). Disclaimers only count next to a
strong line, and words an article may use (privacy policy, trademark) are neither.
"""

from __future__ import annotations

import re

_STRONG = re.compile(
    r"""(?ix)
    \ball\ rights\ reserved\b | © | \(c\)\ ?\d{4} | \bcopyright\ ?(©\ ?)?\d{4}
    | \bmay\ not\ be\ (re)?(published|produced|distributed|broadcast|rewritten|copied)
    | \b(is\ an?|are)\ (registered\ )?trademarks?\ of\b | \bprior\ written\ (permission|consent)
    | \b(use\ of|registration\ on)\ (or\ use\ of\ )?this\ (web)?site\b
    | \bconstitutes\ (your\ )?acceptance\b | \bquotes\ (are\ )?delayed\b
    | \bmarket\ data\ (is\ )?(provided|powered)\ by\b
    | \bnot\ (been\ )?evaluated\ by\ the\ food\ and\ drug\ administration\b
    """
)
_DISCLAIMER = re.compile(
    r"""(?ix)
    \b(this|our)\ (web\ ?)?site\b | \binformation\ (provided|contained)\ (on|in)\b
    | \bconsult\ (your|a)\ (physician|doctor|professional)\b | \bresults\ (may\ )?vary\b
    | \bnot\ intended\ (to|for|as)\b | \binformational\ purposes\b | \bdisclaimer\b
    """
)
FOOTER_SHARE = 2 / 3  # more than this share of a stretch's lines are disclaimers: a footer


def is_legal_line(text: str) -> bool:
    """A copyright, trademark or terms notice that no article sentence reads like."""
    return _STRONG.search(text) is not None


def is_disclaimer(text: str) -> bool:
    """A legal line, or a line about the site itself (its information, terms, results)."""
    return is_legal_line(text) or _DISCLAIMER.search(text) is not None


def legal_cut(texts: list[str]) -> int:
    """How many lines at the end of a stretch of prose are a legal footer: all of them when
    it holds a legal line and is nearly all disclaimers, else its last lines that are legal
    (a copyright notice glued under an article), else none."""
    if not any(is_legal_line(t) for t in texts):
        return 0
    if sum(is_disclaimer(t) for t in texts) > FOOTER_SHARE * len(texts):
        return len(texts)
    cut = 0
    while cut < len(texts) and is_legal_line(texts[len(texts) - 1 - cut]):
        cut += 1
    return cut
