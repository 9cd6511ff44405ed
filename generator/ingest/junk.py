"""Scraping markers and page widgets: lines that are never part of an article.

Each pattern matches a *whole* line, so real sentences that start with the same words
("Share prices fell...", "Advertisement revenue rose...") are never touched.
"""

from __future__ import annotations

import re
from dataclasses import replace

from generator.ingest.state import BARRIER, State

_SOCIAL = (r"facebook|twitter|x|whatsapp|linkedin|pinterest|reddit|email|e-mail|messenger|"
           r"telegram|flipboard|tumblr|print|sms|copy link|copy url|google\+?")

# Whole-line patterns (case-insensitive) for markers, widgets and banners.
_WHOLE_LINE = re.compile(
    r"""(?ix)
    \[ad_?\d*\]
    | (advertisement|advertising|advertisements|sponsored|sponsored\ content|ad|ads|promoted)
      (\ -\ (story|article)\ continues\ below)?
    | (story|article)\ continues\ (below|after\ (this\ )?(advertisement|ad))
    | source\ link | source\ links | original\ source
    | (share|tweet|pin|email|like|follow)(\ (this|the))?(\ (article|story|post|page|link))?
      (\ (on|via|with|by)\ (""" + _SOCIAL + r"""))?:?
    | (""" + _SOCIAL + r""")
    | (click|tap)\ to\ (share|print|email|tweet)\b.{0,60}
    | share\ on\ \S+ | share\ via\ \S+ | shares? | \d+\ shares? | \d+\ comments? | comments?
    | (view|show|load|read|see)\ (all\ )?(more\ )?(comments?|replies|photos|images|gallery)
    | reply | report | flag | \d+\ (likes?|points?) | \d+\ comments? | comments?
    | (post|leave|add)\ a\ (comment|reply) | (sign\ in|log\ in|register)(\ to\ comment)?
    | (subscribe|sign\ up|log\ in|sign\ in|login|logout|log\ out|register|menu|search|close|home
      |skip\ to\ (main\ )?content|back\ to\ top|top|next|previous|prev|loading\.*|caption
      |toggle\ caption|hide\ caption|enlarge\ this\ image|expand|collapse|play|watch|listen
      |video|photos?|gallery|image|zoom|open\ in\ app|download\ the\ app|continue\ reading)
    | \d{1,3}\ ?/\ ?\d{1,3} | (image|photo|slide|picture)\ \d+\ (of|/)\ ?\d* | \d+\ of\ \d+
    | (image|photo|slide)s?\ \d+ | \d+\ (photos|images|slides)
    | (tags?|topics?|filed\ under|categories|category)\ ?:.{0,80}
    | (read|see)\ (more|also|next)\b.{0,120} | also\ read\b.{0,120} | further\ reading:?
    | (click|tap)\ here\b.{0,100}
    | .{0,60}\b(all\ rights\ reserved)\b.{0,100}
    | (©|\(c\)|copyright|&copy;)\ ?(\d{4}|(?-i:[A-Z])).{0,120}  # not "Copyright lawyers ..."
    | .{0,80}may\ not\ be\ (published|reproduced|redistributed|rewritten).{0,80}
    """
)

# Lines a page shows around teasers: "... [VIDEO]" links and "2H ago" stamps. They stay in
# while the main run is found (as menu-like lines they count against a run of teasers).
_TEASER_LINE = re.compile(
    r"""(?ix)
    .{0,200}\[\ ?(video|watch|pics?|photos?|gallery|insight|reaction|poll|live|listen|latest
      |update|opinion|analysis|quiz|interview|revealed|explained)\ ?\]\ ?\|?
    | ((published|updated|posted)\ )?(about\ )?(\d{1,3}|an?)\ ?(m|h|d|mins?|minutes?|hrs?|hours?
      |days?|weeks?|months?)\ ago
    """
)

# Short lines about newsletters, cookies, subscriptions and consent banners.
_BANNER_TOPIC = re.compile(r"(?i)\b(newsletters?|cookies?|(un)?subscri\w+|inbox|privacy policy|"
                           r"terms of (use|service)|consent|notifications?|ad ?blocker|paywall|"
                           r"spam|affiliate commission)\b")
_BANNER_ACTION = re.compile(r"(?i)\b(sign up|signup|subscribe|accept|agree|enable|allow|delivered|"
                            r"get (the|our|all)|receive|register|by (clicking|continuing|using)|"
                            r"manage|settings|turn on|disable|already a subscriber|log ?in|"
                            r"unsubscribe|(purchase|buy) through|send me)\b")
# Banners address the reader ("you", "our") or start with a command; reported speech does not.
_BANNER_VOICE = re.compile(r"(?i)\b(you|your|our|we|us)\b|^(sign|subscribe|get|join|enter|"
                           r"accept|click|tap|enable|allow|turn|register|create|already|log)\b|"
                           r"^I (agree|consent|accept)\b")
_BANNER_MAX_WORDS = 40
_COOKIE_BANNER = re.compile(r"(?i)\bcookies?\b.*\b(website|site|browser|experience|consent)\b|"
                            r"\b(website|site|browser|experience|consent)\b.*\bcookies?\b")
_COOKIE_BANNER_MAX_WORDS = 120


def is_junk_line(text: str) -> bool:
    """True for a scraping marker, widget label, counter, banner or copyright notice."""
    if _WHOLE_LINE.fullmatch(text.strip(" .:|•·-–—>»«")):
        return True
    return is_banner(text)


def is_banner(text: str) -> bool:
    """A short newsletter, cookie or subscription prompt."""
    words = len(text.split())
    if (words <= _COOKIE_BANNER_MAX_WORDS and _COOKIE_BANNER.search(text)
            and _BANNER_VOICE.search(text)):
        return True
    return (words <= _BANNER_MAX_WORDS and not any(q in text for q in "“”\"")
            and _BANNER_TOPIC.search(text) is not None
            and _BANNER_ACTION.search(text) is not None
            and _BANNER_VOICE.search(text) is not None)


# Headers of the sections that follow an article: related links, reader comments, teasers.
_SECTION_END = re.compile(
    r"""(?ix)
    (related|more|recommended|popular|trending|latest|top|most\ (read|popular|viewed|shared)
     |editor'?s\ picks?|don'?t\ miss|also\ on|around\ the\ web|elsewhere|more\ from\ .{1,40}
     |more\ (on|in|about)\ .{1,40}|(read|watch|see)\ (these|this|more)\ next|up\ next
     |what\ to\ read\ next|in\ case\ you\ missed\ it|keep\ reading|recent|you\ (may|might)
     \ (also\ )?(like|enjoy|be\ interested\ in)(\ these\ posts)?|recommended\ for\ you)
    (\ (articles?|stories|posts|content|coverage|news|headlines|topics|links|videos?|reads?
       |reading|galleries|on\ \S+(\ \S+)?))?(\ .{1,3})?
    | (\d+\ )?(responses?|replies|reactions?|comments?)\ (to|on)\ .{1,120}
    | comments?\ \(\d+\) | \d+\ (responses|replies) | reader\ comments | comments\ are\ closed
    | (leave|post|add|write|submit)\ (a|your|new)\ (comment|reply|response)(\ cancel\ reply)?
    | join\ the\ (discussion|conversation) | share\ your\ thoughts.{0,40} | discussion
    | what\ do\ you\ think\?? | tell\ us\ what\ you\ think.{0,10} | conversation
    | about\ the\ author | (previous|next|older|newer)\ (post|article|story)\b.{0,120}
    """
)
_COMMENTER = re.compile(r"\S{1,40} (says|said|wrote|replied):", re.IGNORECASE)


def is_section_end(text: str) -> bool:
    """A header that starts what comes after an article: related links, comments, teasers."""
    return (_SECTION_END.fullmatch(text.strip(" .:|•·-–—>»«")) is not None
            or _COMMENTER.fullmatch(text.strip()) is not None)


def drop_junk(state: State) -> State:
    """Remove marker and widget lines; section headers stay as barriers for the main run."""
    kept = []
    for block in state.blocks:
        if is_section_end(block.text):
            kept.append(replace(block, kind=BARRIER))
        elif not is_junk_line(block.text):
            kept.append(block)
    return replace(state, blocks=tuple(kept))


def is_teaser_line(text: str) -> bool:
    """A link to another page (``… [VIDEO]``) or a time-ago stamp (``2H ago``)."""
    return _TEASER_LINE.fullmatch(text.strip(" .:|•·-–—>»«")) is not None


def drop_teaser_lines(state: State) -> State:
    """Remove teaser links and time-ago stamps once the main run is found."""
    return replace(state, blocks=tuple(b for b in state.blocks if not is_teaser_line(b.text)))


def drop_barriers(state: State) -> State:
    """Section headers have done their work once the article is found."""
    return replace(state, blocks=tuple(b for b in state.blocks if b.kind != BARRIER))
