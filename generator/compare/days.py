"""What an edition shows of a story on each day that takes the comparison to work out: what
each of that day's reports adds (pure but for the comparison it is handed).

Worked out where the story is rendered and compared (``render.story_pages``), beside the
comparison of the whole story, which gives the last day's; stored beside the story's pages.
Not the lead the story had on an earlier day: that is the clusterer's rule
(``edition_pages.as_it_stood``), and the page cache does not follow the clustering code.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from generator import editions, story_view
from generator.editions import EditionStory
from generator.model import Article, Story
from generator.story_view import Addition

Unique = Sequence[tuple[str, Sequence[object]]]  # the comparison's ``unique`` items by slug
UniqueOf = Callable[[Story, Collection[str]], Unique]  # ``compare.unique_of``


@dataclass(frozen=True, slots=True)
class StoryDay:
    """What an edition shows of a story on one day that takes the comparison to work out:
    what each of that day's reports adds. A pure function of the story's reports up to that
    day (the lead the story had then is the clusterer's rule: ``as_it_stood``, apart)."""

    adds: Mapping[str, str]  # slug -> what the report adds, as a sentence

    def as_data(self) -> dict[str, str]:
        """Plain data for the build cache (``from_data`` reads it back)."""
        return dict(self.adds)

    @classmethod
    def from_data(cls, data: Mapping[str, str]) -> StoryDay:
        """The day ``as_data`` gave."""
        return cls(adds=dict(data))


def story_days(story: Story, whole: Unique, unique_of: UniqueOf) -> dict[str, StoryDay]:
    """ISO day -> ``StoryDay`` of every day the story is in an edition; ``whole``: the
    unique items of the comparison of the whole story, which are the last day's (then the
    story is whole), so a story whose reports all came out on one day is compared once;
    the earlier days' come from ``unique_of`` the story as it stood."""
    if story.notes is not None and not story.notes.editions:
        return {}
    days: dict[str, StoryDay] = {}
    for day in sorted({article.day for article in story.articles}):
        item = editions.story_on(story, day)
        days[day.isoformat()] = (StoryDay(adds_of(story, item.new, whole)) if item.complete
                                 else day_of(item, unique_of))
    return days


def whole_story_days(story: Story) -> dict[str, StoryDay]:
    """``story_days`` with the comparison of the whole story made here (what rendering the
    story gives, when that is not at hand)."""
    from generator.compare import (
        comparison as compare,  # scipy: imported only when an edition is made
    )

    whole = compare.unique_of(story, {article.slug for article in story.articles})
    return story_days(story, whole, compare.unique_of)


def day_of(item: EditionStory, unique_of: UniqueOf) -> StoryDay:
    """The ``StoryDay`` of one edition's story, from ``unique_of`` its reports up to then."""
    new = {article.slug for article in item.new}
    return StoryDay(adds_of(item.story, item.new, unique_of(item.story, new)))  # the day's own


def adds_of(story: Story, new: Sequence[Article], unique: Unique) -> dict[str, str]:
    """slug -> what the report adds, of the reports ``new`` of ``story``, from the
    comparison's ``unique`` items."""
    slugs = {article.slug for article in new}
    return {slug: adds_text(addition)
            for slug, addition in story_view.additions(story, unique).items() if slug in slugs}


def adds_text(addition: Addition) -> str:
    """'Adds: 40 ships, a week early (3 points no earlier report makes)'."""
    points = f"{addition.sentences} point{'s' if addition.sentences != 1 else ''}"
    if not addition.facts:
        return f"Adds {points} no earlier report makes."
    more = f" and {addition.more} more" if addition.more else ""
    return f"Adds: {', '.join(addition.facts)}{more} ({points} no earlier report makes)."
