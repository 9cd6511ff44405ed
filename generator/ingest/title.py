"""Title and outlet: ``… - AP News``, ``… | BBC``, ``… Reuters``; the standfirst as subtitle."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.ingest.state import CAPTION, PARA, RANK_TITLE, State, with_note, with_source

# News agencies and wire services that scrapers glue to the end of a title with no separator.
AGENCIES = ("Reuters", "AP", "AP News", "Associated Press", "AFP", "Agence France-Presse",
            "Bloomberg", "Al Jazeera", "BBC", "BBC News", "CNN", "UPI", "dpa", "DPA", "Xinhua",
            "EFE", "ANSA", "Kyodo", "Kyodo News", "Yonhap", "TASS", "PTI", "IANS", "ANI")
_SEPARATOR = re.compile(r"\s+(?:[|–—·•»:]{1,2}|-{1,2})\s+")
_AGENCY_ALTERNATIVES = "|".join(sorted(map(re.escape, AGENCIES), key=len, reverse=True))
_AGENCY_SUFFIX = re.compile(rf"\s+(?P<outlet>{_AGENCY_ALTERNATIVES})$")
_MAX_OUTLET_WORDS = 5
_MIN_TITLE_WORDS = 3
_MAX_SUBTITLE_WORDS = 60


def split_outlet(line: str) -> tuple[str, str | None]:
    """``"Title - Outlet"`` -> ``("Title", "Outlet")``; ``("Title", None)`` when none is named."""
    parts = _SEPARATOR.split(line)
    if len(parts) > 1 and _is_outlet(parts[-1]):
        title = " - ".join(parts[:-1]).strip()
        if len(title.split()) >= _MIN_TITLE_WORDS:
            return title, parts[-1].strip()
    suffix = _AGENCY_SUFFIX.search(line)
    if suffix and len(line[: suffix.start()].split()) >= _MIN_TITLE_WORDS:
        return line[: suffix.start()].strip(), suffix.group("outlet")
    return line, None


def _is_outlet(text: str) -> bool:
    """Outlet names are short and capitalised (or a domain like ``nytimes.com``)."""
    words = text.split()
    if re.fullmatch(r"[\w.-]+\.[a-z]{2,6}", text):
        return True
    if not 0 < len(words) <= _MAX_OUTLET_WORDS or text.endswith(("?", "!", ".")):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in {"of", "the", "and", "&"}
               for w in words)


def take_title(state: State) -> State:
    """The first line is the title; an outlet appended to it becomes the source."""
    if state.title or not state.blocks:
        return state if state.title else with_note(state, "no title found")
    first, rest = state.blocks[0], state.blocks[1:]
    title, outlet = split_outlet(first.text)
    state = replace(state, title=title, blocks=rest)
    return with_source(state, outlet, RANK_TITLE) if outlet else state


def drop_title_repeats(state: State) -> State:
    """A full page repeats the headline above the article; drop lines that equal the title."""
    key = _key(state.title)
    kept = tuple(b for b in state.blocks if not key or _key(split_outlet(b.text)[0]) != key)
    return replace(state, blocks=kept, lead_in=tuple(b for b in state.lead_in
                                                      if _key(b.text) != key))


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def take_subtitle(state: State) -> State:
    """A standfirst: the first paragraph, when the lead photo's caption follows it."""
    blocks = state.blocks
    if state.subtitle or len(blocks) < 3:
        return state
    first, second = blocks[0], blocks[1]
    if (first.kind == PARA and second.kind == CAPTION and blocks[2].kind == PARA
            and len(first.text.split()) <= _MAX_SUBTITLE_WORDS and first.text[0] not in "“\"'‘"):
        return replace(state, subtitle=first.text, blocks=blocks[1:])
    return state
