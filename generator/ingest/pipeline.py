"""The cleaning rules in order, and the Report they produce.

Order matters: captions are recognised before widgets are dropped (a caption may open with a
copyright sign), the main run is found before bylines and dates are looked for around it,
the standfirst is recognised by the caption after it, and headings last, once only prose is left.
"""

from __future__ import annotations

from dataclasses import replace

from generator.ingest import (
    boxes,
    byline,
    captions,
    dates,
    endcredits,
    headings,
    junk,
    mainrun,
    stamps,
    tags,
    title,
)
from generator.ingest.escape import escape_markdown
from generator.ingest.hygiene import normalize_noting, split_blocks
from generator.ingest.state import HEADING, Rule, State, with_note
from generator.model import Report

RULES: tuple[Rule, ...] = (
    title.take_title,
    captions.mark_captions,
    junk.drop_junk,
    mainrun.keep_main_run,
    mainrun.drop_repeats,
    boxes.drop_about_box,
    junk.drop_teaser_lines,
    title.drop_title_repeats,
    stamps.take_run_in_stamp,
    byline.take_byline,
    dates.take_publication_date,
    title.take_subtitle,
    byline.take_dateline,
    captions.collect_captions,
    endcredits.take_end_credits,
    headings.mark_headings,
    headings.drop_stray_short_lines,
    junk.drop_barriers,
    dates.infer_date,
    tags.take_tags,
)

DROPPED_NOTE_SHARE = 0.3  # tell the editor when this share of the lines was thrown away


def initial_state(text: str) -> State:
    """Normalised text split into blocks, ready for the rules (with a note when control
    characters were dropped)."""
    text, note = normalize_noting(text)
    blocks = split_blocks(text)
    return State(blocks=blocks, input_lines=len(blocks), notes=(note,) if note else ())


def run(state: State, rules: tuple[Rule, ...] = RULES) -> State:
    """Apply each rule in turn."""
    for rule in rules:
        state = rule(state)
    return state


def to_report(state: State) -> Report:
    """The final state as a Report, body escaped as Markdown, with notes for the editor."""
    state = _final_notes(state)
    parts = [("## " if b.kind == HEADING else "") + escape_markdown(b.text) for b in state.blocks]
    return Report(
        title=state.title, body="\n\n".join(parts), source=state.source,
        subtitle=state.subtitle, publisher=state.publisher, date=state.date,
        date_inferred=state.date_inferred, dateline=state.dateline, author=state.author,
        images=state.images, tags=state.tags, notes=state.notes,
    )


def _final_notes(state: State) -> State:
    if state.source is None:
        state = with_note(state, "no source found")
    if not state.blocks:
        state = with_note(state, "no body text found")
    kept = len(state.blocks) + len(state.images) + 1 + bool(state.subtitle)
    if state.input_lines and not state.extracted:
        dropped = 1 - min(kept, state.input_lines) / state.input_lines
        if dropped >= DROPPED_NOTE_SHARE:
            state = with_note(state, f"dropped {dropped:.0%} of lines")
    return replace(state)
