"""``digest check --explain FILE``: each line the cleaning left out of the body, and the rule
that took it (into the title, a caption, the date ...) or dropped it."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from generator.ingest import pipeline
from generator.ingest.decode import decode, fail, read_bytes
from generator.ingest.html_input import html_state
from generator.ingest.state import Block, Rule, State
from generator.util import files

# What each rule does with the lines it takes out of the body; a rule not named here is
# shown by its name alone.
_WHAT: dict[str, str] = {
    "take_title": "taken as the title",
    "mark_captions": "taken as a photo credit",
    "drop_junk": "dropped: a marker, widget, banner or copyright line",
    "keep_main_run": "dropped: outside the article's main run of prose",
    "drop_repeats": "dropped: repeats an earlier paragraph",
    "drop_about_box": "dropped: an 'About <name>' box under the article (a bio)",
    "drop_teaser_lines": "dropped: a teaser link or a time-ago stamp",
    "drop_title_repeats": "dropped: repeats the title",
    "take_byline": "taken as the byline (author or source)",
    "take_publication_date": "taken as the publication date",
    "take_subtitle": "taken as the subtitle",
    "collect_captions": "taken as a photo caption (images)",
    "take_end_credits": "taken as the end credit (source)",
    "drop_stray_short_lines": "dropped: a short line that is no sentence (page furniture)",
    "drop_barriers": "dropped: a section header that ends the article",
    "take_tags": "taken as tags",
    "take_dateline": "taken as the dateline (where the report was filed)",
    "take_run_in_stamp": "taken as the publication date (a page's stamp run into the text)",
}
PART = " (the start of a line)", " (the end of a line)", " (a part of a line)"


@dataclass(frozen=True, slots=True)
class Left:
    """One line the body left out: where it was, its text, the rule and what it did."""

    line: int
    text: str
    rule: str
    what: str

    def shown(self, path: Path, width: int = 100) -> str:
        """``path:line: rule: what: "text"``, the text cut to ``width`` characters."""
        text = self.text if len(self.text) <= width else self.text[: width - 1] + "…"
        return f"{path}:{self.line}: {self.rule}: {self.what}: \"{text}\""


def explain_state(state: State, rules: tuple[Rule, ...] = pipeline.RULES
                  ) -> tuple[Left, ...]:
    """Run the rules on ``state`` one at a time; each line that leaves the body (and the lines
    kept above a page's article) is blamed on the rule it left with, in line order."""
    left: list[Left] = []
    for rule in rules:
        before = _alive(state)
        state = rule(state)
        after = {b.line: b for b in _alive(state).values()}
        name = getattr(rule, "__name__", repr(rule))
        what, blamed = _WHAT.get(name, "left out"), f"{rule.__module__.rsplit('.', 1)[-1]}.{name}"
        for line, block in before.items():
            if line not in after:
                left.append(Left(line, block.text, blamed, what))
            elif (cut := _cut(block.text, after[line].text)) is not None:
                left.append(Left(line, cut[0], blamed, what + cut[1]))
    unused = "dropped: above the article's main run, and no byline or date"
    left += [Left(b.line, b.text, "mainrun.keep_main_run", unused) for b in state.lead_in]
    return tuple(sorted(left, key=lambda item: item.line))


def _cut(was: str, now: str) -> tuple[str, str] | None:
    """The words a rule took from a line it kept ("Posted Oct 26, 2011 8: 57 AM CDT" of
    the lede it opened), and where they were; None when it took none (a line rewritten
    with no word lost: spaces, a mark)."""
    if now == was:
        return None
    if now and was.endswith(now):
        taken, where = was[: len(was) - len(now)], PART[0]
    elif now and was.startswith(now):
        taken, where = was[len(now):], PART[1]
    else:
        pieces = difflib.SequenceMatcher(None, was, now, autojunk=False).get_opcodes()
        taken = " … ".join(was[i:j].strip() for op, i, j, _, _ in pieces
                           if op in ("delete", "replace") and re.search(r"\w", was[i:j]))
        where = PART[2]
    return (taken.strip(), where) if re.search(r"\w", taken) else None


def _alive(state: State) -> dict[int, Block]:
    return {b.line: b for b in (*state.lead_in, *state.blocks) if b.text}


def explain_path(path: Path) -> tuple[tuple[Left, ...], str | None]:
    """The lines of an inbox file the body left out, and a note on what the line numbers
    count (an HTML page's are the lines of the main text trafilatura extracted)."""
    name = path.name.lower()
    if name.endswith(".md"):
        raise fail(path, 0, "a .md report is not cleaned (it is taken as written); --explain "
                            "takes a .txt or an HTML file")
    text, _ = decode(read_bytes(path), path)
    if name.endswith(files.PAGE_SUFFIXES):
        return explain_state(html_state(text)), ("line numbers count the lines of the main "
                                                 "text trafilatura extracted from the page")
    return explain_state(pipeline.initial_state(text)), None
