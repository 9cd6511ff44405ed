"""Where reports come from: the agencies they credit, which copies or rewords which, and the
lines the story page shows of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from generator.compare import comparison as compare
from generator.compare.provenance import Relation, credits, lineage
from tests.helpers import article, story


@pytest.mark.parametrize(("source", "body", "expected"), [
    ("Reuters", "Plain text.", ("Reuters",)),
    ("Daily", "CAP and AP-style, then (AP) and Agence France-Presse, dpa.", ("AP", "AFP", "dpa")),
    ("Daily", "Reporting by Associated Press; XinhuaNet and IRNA-like wording.", ("AP",)),
    ("Daily", "No agency here: Reutersville, PTIs, UPIs.", ()),
    ("Daily", "Kyodo first.\n\nThen Bloomberg and Kyodo again, EFE last.",
     ("Kyodo", "Bloomberg", "EFE")),
])
def test_credits_whole_words_in_order(source: str, body: str, expected: tuple[str, ...]) -> None:
    assert credits(article("a", source=source, body=body)) == expected


def _pair(first: str, second: str, days: tuple[int, int]) -> tuple[str | None, str]:
    """(derived, relation) of two reports dated July ``days`` 2021."""
    result = compare.compare(story(
        "s", article("a", body=first, source="AP", date=dt.date(2021, 7, days[0])),
        article("b", body=second, source="Reuters", date=dt.date(2021, 7, days[1]))))
    assert result.provenance is not None
    relation = result.provenance.relations[0]
    return relation.derived, relation.relation


LONG = ("Floods swept through the valley on Sunday after the dam burst. Rescuers pulled 40 "
        "people from the water near the old mill. The river rose five metres in an hour. "
        "Officials opened three shelters in the school and the town hall. Roads to the north "
        "stayed closed on Monday.")
COPIED = LONG.replace("Officials opened", "The officials opened")


def test_of_a_copy_the_later_report_is_derived() -> None:
    assert _pair(LONG, COPIED, (8, 9)) == ("b", "copy")
    assert _pair(LONG, COPIED, (9, 8)) == ("a", "copy")


def test_sharing_one_quotation_is_no_copy() -> None:
    quote = ("“We will rebuild every home, every road and every bridge in this valley, and we "
             "will start tomorrow morning,” the governor said on television.")
    first = quote + " Floods swept the valley."
    second = quote + " The army sent boats."
    derived, relation = _pair(first, second, (8, 8))
    assert derived is None and relation not in ("copy", "rewrite")


def test_two_outlets_telling_one_event_in_their_own_words_are_no_rewrite() -> None:
    """Each sentence of the second has a close one in the first (the same facts), but they
    share few runs of words: two outlets' own reports."""
    first = ("The earthquake struck the coastal city of Manokwari early on Sunday. Hundreds of "
             "buildings collapsed in the old town near the harbour. Rescuers searched the "
             "rubble for survivors through the night. Officials said at least four people "
             "died and dozens were hurt. The airport runway was split by the quake.")
    second = ("Early Sunday a quake hit coastal Manokwari. In the old harbour town hundreds "
              "of buildings fell down. Through the night rescuers dug in rubble for survivors. "
              "Four deaths and dozens of injuries were reported by officials.")
    derived, relation = _pair(first, second, (8, 8))
    assert relation != "rewrite" and derived is None


BRIEF = ("On Sunday the dam burst, and a flood hit the valley. Near the mill, rescuers took 40 "
         "people from the water. Within one hour, the river rose five metres.")
MORE = (" Farmers in the lower valley lost most of their cattle and their winter feed. The "
        "regional governor promised money for every family that lost a house. Engineers had "
        "warned about cracks in the dam wall two years ago, a local paper wrote. Schools in the "
        "district will stay shut for the rest of the week. Volunteers from nearby towns brought "
        "blankets, water and bread to the shelters.")


def test_a_rewrite_in_few_runs_of_words_retells_most_of_the_original() -> None:
    """The brief tells three of the five sentences in its own words: a rewrite. Of a report
    twice as long it tells three of ten: a report of its own."""
    assert _pair(LONG, BRIEF, (8, 8)) == ("b", "rewrite")
    assert _pair(LONG + MORE, BRIEF, (8, 8)) == (None, "independent")


def test_a_date_the_build_inferred_says_nothing_of_which_came_first() -> None:
    """The copy dated later by inference is not therefore the copy: of one text cut short
    and its whole, the cut one is."""
    result = compare.compare(story(
        "s", article("a", body=LONG + MORE, date=dt.date(2021, 7, 9), date_inferred=True),
        article("b", body=LONG, source="AP", date=dt.date(2021, 7, 8))))
    assert result.provenance is not None
    assert result.provenance.relations[0].derived == "b"


def test_of_two_copies_of_one_day_the_one_cut_short_is_derived() -> None:
    assert _pair(LONG + MORE, LONG, (8, 8)) == ("b", "copy")
    assert _pair(LONG, LONG + MORE, (8, 8)) == ("a", "copy")


def _copy(derived: str, original: str, containment: float) -> Relation:
    first, second = sorted((derived, original))
    return Relation(first, second, "copy", containment, containment, (1.0, 1.0), derived,
                    original)


def test_each_derived_report_is_shown_from_its_closest_original_only() -> None:
    """Four copies of one text on four days: three lines on the page, each later copy from
    the one it shares most wording with, not the six pairs they make."""
    days = (8, 9, 10, 11)
    bodies = (LONG, COPIED, COPIED.replace("stayed closed", "were closed"),
              COPIED.replace("Rescuers pulled", "Rescuers then pulled"))
    result = compare.compare(story("s", *(
        article(slug, body=body, source=source, date=dt.date(2021, 7, day))
        for slug, body, source, day in zip("abcd", bodies, ("AP", "Reuters", "AFP", "BBC"),
                                           days, strict=True))))
    assert result.provenance is not None
    relations = result.provenance.relations
    assert sum(r.relation == "copy" for r in relations) == 6
    shown = sorted((r.derived, r.original) for r in relations if r.shown)
    assert [derived for derived, _ in shown] == ["b", "c", "d"]
    assert all(original < derived for derived, original in shown)  # each from an earlier one


def test_the_lines_shown_never_make_a_circle() -> None:
    """A from B, C from A, B from C (each pair's direction told apart): the weakest link
    that would close the circle is not shown, and the report it left is the root."""
    relations = lineage([_copy("a", "b", 0.9), _copy("c", "a", 0.85), _copy("b", "c", 0.8)],
                        "abc")
    assert [(r.derived, r.original) for r in relations if r.shown] == [("a", "b"), ("c", "a")]


def test_a_same_wire_line_is_shown_only_between_reports_no_line_joins() -> None:
    wire = Relation("a", "c", "same wire story", 0.5, 0.1, (0.4, 0.4))
    other = Relation("c", "d", "same wire story", 0.5, 0.1, (0.4, 0.4))
    relations = lineage([_copy("c", "a", 0.9), wire, other], "acd")
    assert [r.shown for r in relations] == [True, False, True]


def test_a_later_copy_that_is_the_whole_of_an_earlier_cut_one_is_the_same_wire_story() -> None:
    """The earlier report is the later one's text cut short: a cut copy is no original of
    the whole, and the later is no copy of what it holds more of. Both carry one text."""
    assert _pair(LONG, LONG + MORE, (8, 9)) == (None, "same wire story")
    assert _pair(LONG + MORE, LONG, (8, 9)) == ("b", "copy")  # the later, cut one copies


def test_of_originals_equally_close_the_earliest_is_shown() -> None:
    """Three copies of one text: the last is as close to either earlier one; it is shown
    from the earliest, whatever their whole-text similarity says."""
    relations = lineage([_copy("b", "a", 1.0), _replace_similarity(_copy("c", "a", 1.0), 0.5),
                         _replace_similarity(_copy("c", "b", 1.0), 0.9)], "abc")
    assert sorted((r.derived, r.original) for r in relations if r.shown) == [("b", "a"),
                                                                             ("c", "a")]


def _replace_similarity(relation: Relation, similarity: float) -> Relation:
    return replace(relation, similarity=similarity)
