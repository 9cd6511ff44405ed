"""Heading ids: the anchors plugin's ids, repeats numbered in linear time."""

from __future__ import annotations

from markdown_it import MarkdownIt

from generator.headings import UniqueSlugs, heading_anchors


def ids(body: str) -> list[str]:
    md = MarkdownIt("commonmark").use(heading_anchors, min_level=2, max_level=4)
    return [str(t.attrGet("id")) for t in md.parse(body) if t.type == "heading_open"
            and t.attrGet("id")]


def test_repeats_are_numbered_as_the_anchors_plugin_numbers_them() -> None:
    body = "## Same\n\n## Same\n\n## Same 1\n\n## Same\n\n# Top\n\n##### Deep\n\n### `Code` it"
    # the second "Same" took same-1, so "Same 1" gets same-1-1 and the fourth "Same" same-2
    assert ids(body) == ["same", "same-1", "same-1-1", "same-2", "code-it"]


def test_a_suffix_taken_by_another_heading_is_skipped() -> None:
    slugs = UniqueSlugs({"x-2"})
    assert [slugs.add("x") for _ in range(4)] == ["x", "x-1", "x-3", "x-4"]
    assert slugs.add("x-1") == "x-1-1"


def test_twenty_thousand_repeats_get_twenty_thousand_ids() -> None:
    found = ids("\n\n".join(["## Same heading"] * 20_000))
    assert len(set(found)) == 20_000 and found[-1] == "same-heading-19999"
