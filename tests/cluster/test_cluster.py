"""Story clustering: similarity, windowing, merging, ids, determinism, JSONL entry point."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cluster import blocks as cluster_blocks
from generator.cluster import features as cluster_features
from generator.cluster import graph as cluster_graph
from generator.cluster import inputs as cluster_input
from generator.cluster import late as cluster_late
from generator.cluster import pipeline as cluster
from generator.cluster import text as cluster_text
from generator.cluster import undated as cluster_undated
from generator.cluster.config import NO_DAY
from generator.cluster.graph import IntArray, similarity_graph
from generator.cluster.merge import Placement, merge_new_stories
from generator.cluster.pipeline import (
    ClusterConfig,
    ClusterDoc,
    assign,
    cluster_jsonl,
    lead_key,
    story_id,
)
from generator.cluster.undated import place_undated
from generator.tfidf import ENGLISH_STOP_WORDS
from generator.util import forked
from tests.helpers import modules_loaded

CORPUS = Path(__file__).parent.parent / "fixtures" / "cluster" / "corpus.jsonl"
# eight reports of one NFL game (ECB+ topic 29, CC BY 3.0, cltl/ecbPlus) over three days,
# with nothing else near them in time
QUIET_WEEK = CORPUS.with_name("quiet_week.jsonl")
# three more reports of that game: two in its week, one ("29_9ecb") two weeks later
QUIET_WEEK_LATE = CORPUS.with_name("quiet_week_late.jsonl")
# fifteen undated full-text reports of two look-alike events (ECB+ topic 3, CC BY 3.0,
# cltl/ecbPlus): a killer's sentencing in Atlanta, a convict's escape in Texas
LOOK_ALIKE = CORPUS.with_name("look_alike_escapes.jsonl")
# seven undated full-text reports of one event (ECB+ topic 37, CC BY 3.0, cltl/ecbPlus):
# quakes in West Papua, the whole collection of a small site
SMALL_SITE = CORPUS.with_name("small_site.jsonl")


def corpus(path: Path = CORPUS) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def docs(rows: list[dict[str, str]] | None = None) -> list[ClusterDoc]:
    return [ClusterDoc(key=r["id"], title=r["title"], text=r["text"],
                       date=dt.date.fromisoformat(r["date"]), source=r["source"])
            for r in (corpus() if rows is None else rows)]


def partition(assignment: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for key, story in assignment.items():
        groups.setdefault(story, set()).add(key)
    return {frozenset(g) for g in groups.values()}


def true_partition() -> set[frozenset[str]]:
    return partition({r["id"]: r["story"] for r in corpus()})


@pytest.fixture(scope="module")
def assigned() -> dict[str, str]:
    return assign(docs())


def test_fixture_corpus_is_clustered_exactly(assigned: dict[str, str]) -> None:
    assert partition(assigned) == true_partition()


@pytest.mark.parametrize("one, other", [
    ("taliban-wire", "vaccine-unicef"),  # same day, both about Afghanistan
    ("mars-a", "trade-a"),  # same day, both about China
    ("haiti-quake-a", "haiti-moise-a"),  # same day, same country, different events
])
def test_unrelated_reports_sharing_a_country_stay_apart(assigned: dict[str, str], one: str,
                                                        other: str) -> None:
    assert assigned[one] != assigned[other]


def test_short_lead_full_article_and_rewrite_form_one_story(assigned: dict[str, str]) -> None:
    ids = {assigned[k] for k in ("taliban-wire", "taliban-full", "taliban-rewrite")}
    assert ids == {"2021-07-08-taliban-captures-key-afghan-border-crossing"}


def test_similarity_prefers_same_event_over_shared_country() -> None:
    reports = docs()
    keys = [d.key for d in reports]
    vectors = cluster_features.vectors(reports, ClusterConfig())
    similarity = (vectors @ vectors.T).toarray()

    def sim(a: str, b: str) -> float:
        return float(similarity[keys.index(a), keys.index(b)])

    assert sim("taliban-wire", "taliban-full") > 3 * sim("taliban-wire", "vaccine-unicef")
    assert sim("mars-a", "mars-b") > 3 * sim("mars-a", "trade-a")
    assert sim("taliban-wire", "taliban-wire") == pytest.approx(1.0, abs=1e-5)


def test_entities_names_places_and_numbers() -> None:
    body = ("KABUL, July 8 - Fighters in Herat seized the Islam Qala crossing. The Supreme Court "
            "said 1,200 people. In Washington, Joe Biden spoke.")
    tokens = cluster_features.entities("", body)
    assert {"e_islam_qala", "e_supreme_court", "e_herat", "e_kabul", "e_joe_biden",
            "e_washington"} <= set(tokens)
    assert cluster_features.words("Costs rose 20% to $3.5 in 2021")[1] == [
        "n_20%", "n_$3.5", "n_2021"]


def test_markdown_is_read_as_plain_text() -> None:
    assert cluster_text.plain("**Bold** [link text](https://x.org) and `code`") == (
        "Bold link text and code")


def shifted(doc: ClusterDoc, key: str, days: int) -> ClusterDoc:
    assert doc.date is not None
    return replace(doc, key=key, date=doc.date + dt.timedelta(days=days))


def test_a_late_copy_joins_its_story_within_the_wide_window_and_not_beyond() -> None:
    reports = docs()
    wire = next(d for d in reports if d.key == "taliban-wire")
    result = assign([*reports, shifted(wire, "next-day", 1), shifted(wire, "next-month", 30)])
    assert result["next-day"] == result["taliban-wire"]
    assert result["next-month"] == result["taliban-wire"]  # a copy crawled weeks later
    result = assign([*reports, shifted(wire, "two-months-on", 60)])
    assert result["two-months-on"] != result["taliban-wire"]


def test_a_new_dated_report_joins_a_story_an_editor_made_of_undated_reports() -> None:
    reports = [replace(d, date=None, story="pinned-mars") for d in docs()
               if d.key.startswith("mars")]
    copy = replace(docs()[0], key="new", title=reports[0].title, text=reports[0].text,
                   date=dt.date(2021, 5, 15))
    assert assign([*reports, copy])["new"] == "pinned-mars"


def test_a_lone_report_beyond_the_ordinary_window_joins_only_a_very_similar_story() -> None:
    reports = docs()
    late = [shifted(d, f"{d.key}-late", 12) for d in reports if d.key == "vaccine-local"]
    result = assign([*reports, *late])
    assert result["vaccine-local-late"] == result["vaccine-unicef"]
    assert len(set(result.values())) == len(true_partition())


def test_reports_of_one_event_alone_in_their_window_form_one_story() -> None:
    reports = docs(corpus(QUIET_WEEK))
    assert len(set(assign(reports).values())) == 1
    assert len(set(assign([*docs(), *reports]).values())) == len(true_partition()) + 1


def test_without_the_sparse_window_fallback_a_quiet_weeks_story_falls_apart() -> None:
    # the window holds little but the story itself: measured against it, its own links
    # look ordinary (the fixture above is one where the fallback makes the difference; the
    # wide tier would mend it, by its lone reports' low scale floor and its pass over whole
    # stories, so both are left out here)
    alone = replace(ClusterConfig(), sparse_count=1e-9, wide_story_threshold=float("inf"),
                    wide_scale_floor=0.05)
    assert len(set(assign(docs(corpus(QUIET_WEEK)), alone).values())) > 2


def test_pieces_of_one_event_alone_in_their_weeks_are_joined_as_wholes() -> None:
    # half the game's reports 12 days on: each half a story of its own after the online
    # and merge passes; offered whole, the later half joins the first
    game = docs(corpus(QUIET_WEEK))
    later = {d.key for d in game[4:]}
    reports = [*docs(), *(shifted(d, d.key, 12) if d.key in later else d for d in game)]
    assert partition(assign(reports)) == true_partition() | {frozenset(d.key for d in game)}
    no_story_pass = replace(ClusterConfig(), wide_story_threshold=float("inf"))
    assert len({assign(reports, no_story_pass)[d.key] for d in game}) == 2
    # a window holding more reports than the bound is no quiet one: its stories stay as made
    crowded = replace(ClusterConfig(), wide_story_crowd=len(game) - 1)
    assert len({assign(reports, crowded)[d.key] for d in game}) == 2


def test_a_lone_report_alone_in_its_weeks_joins_its_story() -> None:
    # 15 days on, nothing near it: its 30th nearest report is far below its story's
    # reports, and its scale is the floor, which a higher floor would make ordinary links
    game = docs(corpus(QUIET_WEEK))
    reports = [shifted(d, d.key, 15) if k == 1 else d for k, d in enumerate(game)]
    assert len(set(assign(reports).values())) == 1
    higher_floor = replace(ClusterConfig(), wide_scale_floor=0.05)
    assert len(set(assign(reports, higher_floor).values())) == 2


def undated_docs(path: Path) -> list[ClusterDoc]:
    return [ClusterDoc(key=r["id"], title=r["title"], text=r["text"], date=None,
                       source=r["source"]) for r in corpus(path)]


def test_full_texts_are_read_far_enough_to_name_their_event() -> None:
    # two reports of the escape open on its aftermath (a prison agency's shake-up, a
    # dateline for a title); the escapee's name comes after their first 1,000 characters
    reports = undated_docs(LOOK_ALIKE)
    truth = partition({r["id"]: r["story"] for r in corpus(LOOK_ALIKE)})
    assert partition(assign(reports)) == truth
    crowded = replace(ClusterConfig(), undated_scale_floor=0.05)  # scaled as a big collection
    assert partition(assign(reports, crowded)) == truth
    assert partition(assign(reports, replace(crowded, body_chars=1000))) != truth


def test_a_small_site_of_undated_reports_of_one_event_is_one_story() -> None:
    """Where a report has no 30th nearest, its scale is the floor: low enough that the
    reports of one event, whose shared words a collection of them makes common, still
    join (at 0.05 they were three stories); another event's reports stay apart."""
    reports = undated_docs(SMALL_SITE)
    assert len(set(assign(reports).values())) == 1
    crowded = replace(ClusterConfig(), undated_scale_floor=0.05)
    assert len(set(assign(reports, crowded).values())) > 1
    game = [replace(d, date=None) for d in docs(corpus(QUIET_WEEK))]
    truth = partition({d.key: "quake" for d in reports} | {d.key: "game" for d in game})
    assert partition(assign(reports + game)) == truth


def test_a_window_without_near_neighbours_falls_back_to_the_prior() -> None:
    config = ClusterConfig()
    floor = config.background_mean + config.neighbour_clip * config.background_sd
    sims = np.array([[floor + 0.2]])  # two reports, each the other's near neighbour
    block = cluster_blocks.Block(0, np.array([1], np.int32), np.array([0], np.int32),
                                 sims[0], np.array(sims[0].tolist() * 2),
                                 np.array((sims[0] ** 2).tolist() * 2))
    sums = (block.total, block.squares)
    counts = np.ones(2)
    row, _, z = cluster_graph._standardised([block], sums, counts, config)
    expected = (sims[0, 0] - config.background_mean) / config.background_sd
    assert row.tolist() == [1] and z.tolist() == pytest.approx([expected])


def test_a_late_report_of_a_big_story_joins_it_though_the_story_fills_its_wide_window() -> None:
    # the late report's 10th nearest report is one of the story's own: measured against
    # that, the story looks ordinary to it; its 30th nearest lies outside the story
    reports = [*docs(), *docs(corpus(QUIET_WEEK)), *docs(corpus(QUIET_WEEK_LATE))]
    game = {d.key for d in reports if d.date is not None and d.date.year == 2020}
    assert len({assign(reports)[key] for key in game}) == 1
    tenth = replace(ClusterConfig(), wide_neighbour=10)
    assert len({assign(reports, tenth)[key] for key in game}) == 2


def test_graph_has_no_pair_outside_the_window() -> None:
    reports = docs()
    days = np.array([d.date.toordinal() if d.date else NO_DAY for d in reports],
                    dtype=np.int64)
    config = ClusterConfig()
    graph = sp.coo_matrix(similarity_graph(cluster_features.vectors(reports, config), days,
                                           config))
    assert graph.nnz > 0
    assert np.all(np.abs(days[graph.row] - days[graph.col]) <= config.window_days)
    assert np.all(graph.row != graph.col)


def test_undated_report_is_compared_with_every_story() -> None:
    reports = docs()
    undated = replace(next(d for d in reports if d.key == "mars-b"), key="undated", date=None)
    result = assign([*reports, undated])
    assert result["undated"] == result["mars-a"]


def test_story_of_undated_reports_only() -> None:
    reports = [replace(d, date=None) for d in docs() if d.key.startswith("football")]
    result = assign(reports)
    assert set(result.values()) == {"undated-italy-beat-england-on-penalties"}


def test_an_undated_report_changes_no_link_between_dated_ones() -> None:
    reports = docs()
    copy = replace(next(d for d in reports if d.key == "mars-b"), key="undated", date=None)
    config = ClusterConfig()
    # the IDF moves with every report: the same vectors, with and without the undated one
    vectors = cluster_features.vectors([*reports, copy], config)
    days = np.array([d.date.toordinal() if d.date else NO_DAY for d in [*reports, copy]],
                    np.int64)
    alone = similarity_graph(vectors[:len(reports)], days[:len(reports)], config).toarray()
    together = similarity_graph(vectors, days, config).toarray()[:len(reports), :len(reports)]
    assert np.array_equal(alone, together)


def test_undated_reports_are_not_chained_by_single_links() -> None:
    config = ClusterConfig()
    strong = 2 * config.undated_threshold - 0.1  # a pair, but not half a pair on average
    links = (np.array([0, 1]), np.array([1, 2]), np.array([strong, strong]))
    labels = place_undated(np.full(3, -1, dtype=np.int64), [0, 1, 2], links,
                           config.undated_threshold)
    assert labels.tolist() == [0, 0, 1]


def test_reports_offered_in_one_piece_start_together_and_join_as_a_whole() -> None:
    # reports 0 and 1 start as one group though unlinked; report 2 links 9 with report 0
    # only: 4.5 on average over the group's two pairs
    links = (np.array([0]), np.array([2]), np.array([9.0]))
    unplaced = np.full(3, -1, dtype=np.int64)
    assert place_undated(unplaced, [0, 1, 2], links, 5.0, [7, 7, 8]).tolist() == [0, 0, 1]
    assert place_undated(unplaced, [0, 1, 2], links, 4.0, [7, 7, 8]).tolist() == [0, 0, 0]
    assert place_undated(unplaced, [0, 1, 2], links, 5.0).tolist() == [0, 1, 0]  # each alone


def test_an_undated_report_joins_the_best_story_but_never_joins_two() -> None:
    config = ClusterConfig()
    links = (np.array([0, 1, 3]), np.array([2, 2, 2]), np.array([9.0, 8.0, 7.0]))
    labels = place_undated(np.array([0, 1, -1, 1]), [2], links, config.undated_threshold)
    assert labels.tolist() == [0, 1, 0, 1]  # story 1 links 7.5 on average: less than 9


def test_a_reports_kth_nearest_similarity_is_read_from_its_pairs() -> None:
    rows, cols = np.array([0, 0, 0, 1]), np.array([1, 2, 3, 2])
    sims = np.array([0.9, 0.3, 0.4, 0.01])
    second, first = cluster_undated.nearest(rows, cols, sims, 4, (2, 1))
    assert second.tolist() == [0.4, 0.01, 0.01, 0.0]  # report 3 is in one pair only
    assert first.tolist() == [0.9, 0.9, 0.3, 0.4]


def test_a_pair_outside_the_nearest_of_either_report_counts_half() -> None:
    config = replace(ClusterConfig(), undated_scale_floor=0.1, undated_floor=0.0)
    rows, cols, sims = np.array([0, 0]), np.array([1, 2]), np.array([0.4, 0.2])
    # report 0's nearest one is report 1; no pair is among the two nearest of both
    near = [np.full(3, 0.1), np.array([0.4, 0.4, 0.2]), np.full(3, 0.9)]
    links = cluster_undated.local_links(rows, cols, sims, near, config)[2]
    assert links.tolist() == pytest.approx([4.0, 1.0])  # 0.2 / 0.1, halved


def test_existing_ids_are_kept_and_new_reports_join_them(assigned: dict[str, str]) -> None:
    reports = docs()
    late = {"taliban-rewrite", "vaccine-local", "trade-b"}
    first = assign([d for d in reports if d.key not in late])
    seeded = [replace(d, story=first[d.key]) if d.key not in late else d for d in reports]
    second = assign(seeded)
    assert all(second[k] == first[k] for k in first)
    assert partition(second) == true_partition()
    assert second["trade-b"] == first["trade-a"]


def test_given_story_values_are_never_changed_or_merged() -> None:
    reports = docs()
    seeded = [replace(d, story="odd-one") if d.key == "mars-a" else
              replace(d, story="other") if d.key == "mars-b" else d for d in reports]
    result = assign(seeded)
    assert result["mars-a"] == "odd-one"
    assert result["mars-b"] == "other"
    assert len({result[k] for k in result if k.startswith("mars")}) == 2


def test_merge_pass_joins_new_stories_and_spares_existing_ones() -> None:
    config = ClusterConfig()
    days = np.zeros(6, dtype=np.int64)
    # stories: 0 and 1 existing; 2, 3, 4 new; 2-3 strongly linked, 0-1 strongly linked, 4 alone
    place = Placement(np.array([0, 1, 2, 3, 4, 4]), days, [[0], [0], [0], [0], [0, 0]],
                      existing=2, config=config)
    strong = config.merge_threshold + 1
    pairs = [(0, 1), (2, 3)]
    rows = [a for a, b in pairs] + [b for a, b in pairs]
    cols = [b for a, b in pairs] + [a for a, b in pairs]
    graph = sp.csr_matrix((np.full(len(rows), strong), (rows, cols)), shape=(6, 6))
    labels = merge_new_stories(place, graph)
    assert labels.tolist() == [0, 1, 2, 2, 4, 4]


def test_merge_pass_can_join_a_new_story_to_an_existing_one() -> None:
    config = ClusterConfig()
    place = Placement(np.array([0, 1, 2]), np.zeros(3, dtype=np.int64), [[0], [0], [0]],
                      existing=1, config=config)
    strong = config.merge_threshold + 1
    graph = sp.csr_matrix((np.full(2, strong), ([0, 2], [2, 0])), shape=(3, 3))
    assert merge_new_stories(place, graph).tolist() == [0, 1, 0]


def test_same_input_same_output_whatever_the_order() -> None:
    reports = docs()
    first = assign(reports)
    assert assign(reports) == first
    assert assign(list(reversed(reports))) == first


def test_duplicate_keys_are_rejected() -> None:
    reports = docs()
    with pytest.raises(ValueError, match="duplicate key"):
        assign([*reports, reports[0]])


def test_empty_input() -> None:
    assert assign([]) == {}


def test_story_id_slug_and_dedup() -> None:
    day = dt.date(2021, 7, 8)
    headline = "Taliban captures key Afghan border crossing with Iran: Officials"
    base = "2021-07-08-taliban-captures-key-afghan-border-crossing"
    assert story_id(day, headline, set()) == base
    assert story_id(day, headline, {base}) == base + "-2"
    assert story_id(day, headline, {base, base + "-2"}) == base + "-3"
    assert story_id(day, "Über — café: “Déjà vu” at 5%", set()) == "2021-07-08-uber-cafe-deja-vu-at-5"
    assert story_id(None, "No date here", set()) == "undated-no-date-here"
    assert story_id(day, " -- ", set()) == "2021-07-08-story"


def test_lead_is_the_longest_original_report() -> None:
    reports = docs()
    taliban = [d for d in reports if d.key.startswith("taliban")]
    assert lead_key(taliban) == "taliban-full"
    original = next(d for d in reports if d.key == "taliban-wire")
    copy = shifted(original, "syndicated", 1)
    copy = replace(copy, text=copy.text + " Copyright 2021. All rights reserved. Share this.")
    assert lead_key([copy, original]) == "taliban-wire"
    assert lead_key([original]) == "taliban-wire"


def test_cluster_jsonl_writes_one_line_per_article_and_ignores_labels() -> None:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    out = io.StringIO()
    count = cluster_jsonl([*lines, ""], out)
    written = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(lines) == len(written)
    assert [w["id"] for w in written] == [json.loads(line)["id"] for line in lines]
    assert all(set(w) == {"id", "story"} for w in written)
    assert partition({w["id"]: w["story"] for w in written}) == true_partition()
    assert {w["story"] for w in written}.isdisjoint({"border", "vaccines", "mars"})


def test_cluster_jsonl_reads_date_times_and_missing_dates() -> None:
    lines = [json.dumps({"id": "a", "title": "Italy win Euro 2020", "text": "Italy won.",
                         "date": "2021-07-11T22:15:00-07:00"}),
             json.dumps({"id": "b", "title": "Something else", "text": "Unrelated."})]
    out = io.StringIO()
    assert cluster_jsonl(lines, out) == 2
    stories = [json.loads(line)["story"] for line in out.getvalue().splitlines()]
    assert stories == ["2021-07-11-italy-win-euro-2020", "undated-something-else"]


SITE_MENU = "Skip to main content\nMenu\nSearch\nSubscribe\n"
SITE_FOOTER = ("\nAdvertisement\nShare on Facebook\nShare on Twitter\n\nMost read stories\n\n"
               "Harbour Authority Approves Riverside Ferry Terminal Expansion Plan\n"
               "Glenmoor Council Votes To Reopen Historic Lakeside Library Branch\n"
               "Northfield Orchestra Names Elena Varga As New Principal Conductor\n"
               "Regional Transit Board Delays Decision On Weekend Tram Fares\n"
               "Local Bakery Chain Marbleton Breads Opens Tenth Shop Downtown\n")


def test_cluster_jsonl_strips_the_page_junk_two_reports_of_one_site_share() -> None:
    # two unrelated reports of one day, scraped from one site with its menu and footer
    site = {"taliban-wire", "vaccine-unicef"}
    rows = [{**r, "text": SITE_MENU + r["text"] + SITE_FOOTER} if r["id"] in site else r
            for r in corpus()]
    out = io.StringIO()
    cluster_jsonl([json.dumps(r) for r in rows], out)
    result = {row["id"]: row["story"] for row in map(json.loads, out.getvalue().splitlines())}
    assert partition(result) == true_partition()
    raw = assign(docs(rows))  # the same texts as they were: the junk makes them one story
    assert raw["taliban-wire"] == raw["vaccine-unicef"]


def test_junk_lines_go_and_what_follows_the_article_is_cut() -> None:
    text = ("Related\nAdvertisement\nShare prices fell on Monday.\n\n3 comments\n"
            "Traders sold.\nMost read stories\nAnother story's headline")
    assert cluster_input.strip_junk(text) == "Share prices fell on Monday.\n\nTraders sold."
    long = "Rates held.\n" + "word " * 1000 + "\nAdvertisement\nThe end."
    assert cluster_input.strip_junk(long) == long  # only the opening is cleaned


def test_cluster_jsonl_needs_ids() -> None:
    with pytest.raises(ValueError, match="line 1: article has no 'id'"):
        cluster_jsonl([json.dumps({"title": "x"})], io.StringIO())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab Éé_1²½\u0301-x'’ \n"), max_size=40))
def test_fast_word_runs_equal_the_letter_pattern(text: str) -> None:
    assert cluster_features._letter_runs(text) == cluster_features._WORD.findall(text)


@given(st.text(alphabet=st.sampled_from("aB1$,.%_ -x9'"), max_size=40))
def test_the_ascii_patterns_find_in_ascii_text_what_the_unicode_ones_find(text: str) -> None:
    assert cluster_features._WORD_RUN_ASCII.findall(text) == cluster_features._WORD_RUN.findall(
        text)
    assert cluster_features._NUMBER_ASCII.findall(text) == cluster_features._NUMBER.findall(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aBi1$,.%_ -x9'\n\t\x1cé\u212a"), max_size=40))
def test_words_are_the_letter_runs_and_numbers_the_patterns_find(text: str) -> None:
    # the ASCII path splits at every other character instead; "\u212a" (Kelvin) lowers to "k"
    found, numbers = cluster_features.words(text)
    assert found == [w for w in cluster_features._WORD.findall(text.lower())
                     if w not in ENGLISH_STOP_WORDS]
    assert numbers == ["n_" + n for t in cluster_features._NUMBER.findall(text)
                       if len(n := t.replace(",", "")) > 1]


def test_text_beyond_ascii_keeps_its_letters_and_digits() -> None:
    assert cluster_features.words("Café naïve fjörd 12 and ١٢") == (
        ["café", "naïve", "fjörd"], ["n_12", "n_١٢"])
    assert cluster_features.words("Cafe naive 12") == (["cafe", "naive"], ["n_12"])


def test_word_runs_split_digits_and_underscores() -> None:
    assert cluster_features._letter_runs("covid19 vaccine snake_case a1bc x½yz") == [
        "covid", "vaccine", "snake", "case", "bc", "x½yz"]  # ½ is not a decimal digit


def test_unused_hashed_columns_are_dropped_and_similarities_kept() -> None:
    reports = docs()
    vectors = cluster_features.vectors(reports, ClusterConfig())
    assert vectors.shape[1] == len(np.unique(vectors.indices)) < 2**21
    again = cluster_features._used_columns(sp.csr_matrix(vectors[:, ::-1]))
    assert abs(again @ again.T - vectors @ vectors.T).max() < 1e-6


def test_placement_takes_reports_in_the_order_given() -> None:
    config = ClusterConfig()
    strong = 3 * config.threshold  # a story's score mixes its best and its mean link
    # 0-1 strong, 1-2 strong, 0-2 absent: 2 joins 1's story only once 1 is placed
    graph = sp.csr_matrix((np.full(4, strong), ([0, 1, 1, 2], [1, 0, 2, 1])), shape=(3, 3))
    days = np.zeros(3, dtype=np.int64)
    forward = Placement.seeded(days, [-1, -1, -1], 0, config)
    forward.place_all([0, 1, 2], graph)
    assert forward.labels.tolist() == [0, 0, 0]
    skipped = Placement.seeded(days, [-1, -1, -1], 0, config)
    skipped.place_all([0, 2, 1], graph)
    assert skipped.labels.tolist() == [0, 0, 1]  # 2 came before 1: a story of its own
    assert skipped.story_days == [[0, 0], [0]]


def many_reports(count: int) -> list[ClusterDoc]:
    base = docs()
    return [replace(base[k % len(base)], key=f"r{k}", title=f"{base[k % len(base)].title} {k}")
            for k in range(count)]


def counts_equal(a: tuple[sp.csr_matrix, sp.csr_matrix],
                 b: tuple[sp.csr_matrix, sp.csr_matrix]) -> bool:
    return all((x != y).nnz == 0 and x.shape == y.shape for x, y in zip(a, b, strict=True))


def test_counts_split_over_forked_children_equal_counts_made_here(
        monkeypatch: pytest.MonkeyPatch) -> None:
    reports, config = many_reports(50), ClusterConfig()
    monkeypatch.setattr(cluster_features, "_PARALLEL_MIN", 10)
    monkeypatch.setattr(forked, "workers", lambda: 3)
    monkeypatch.setattr(forked, "can_fork", lambda: True)  # other tests leave threads
    sizes: list[int] = []
    serial = cluster_features.hashed_counts

    def counted(share: list[ClusterDoc], config: ClusterConfig) -> tuple[sp.csr_matrix, ...]:
        sizes.append(len(share))  # only calls in this process are seen
        return serial(share, config)

    monkeypatch.setattr(cluster_features, "hashed_counts", counted)
    parallel = cluster_features._parallel_counts(reports, config)
    assert sizes == [17]  # this process counted the first third, two children the rest
    assert counts_equal(parallel, serial(reports, config))


def test_the_graph_split_over_forked_children_is_the_graph_made_here(
        monkeypatch: pytest.MonkeyPatch) -> None:
    reports, config = many_reports(60), ClusterConfig()
    vectors = cluster_features.vectors(reports, config)
    days = np.array([d.date.toordinal() if d.date else NO_DAY for d in reports], np.int64)
    days[::7] = NO_DAY  # undated reports make blocks of their own
    serial = cluster_graph.similarity_graph(vectors, days, config)
    monkeypatch.setattr(cluster_graph, "_PARALLEL_MIN", 10)
    monkeypatch.setattr(forked, "workers", lambda: 2)
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    here: list[int] = []
    collect = cluster_blocks.collect_all

    def counted(x: sp.csr_matrix, sorted_days: IntArray, spans: list[Any]) -> list[Any]:
        here.append(len(spans))  # only calls in this process are seen
        return collect(x, sorted_days, spans)

    monkeypatch.setattr(cluster_blocks, "collect_all", counted)
    parallel = cluster_graph.similarity_graph(vectors, days, config)
    sorted_days = np.sort(days)
    total = len(cluster_blocks.spans(sorted_days, int(np.sum(sorted_days != NO_DAY)), config))
    assert len(here) == 1 and 0 < here[0] < total  # a child took the other blocks
    assert (parallel != serial).nnz == 0 and parallel.nnz > 0


def test_wide_pairs_found_in_forked_children_are_the_pairs_found_here(
        monkeypatch: pytest.MonkeyPatch) -> None:
    reports, config = many_reports(60), replace(ClusterConfig(), wide_window_days=2)
    vectors = cluster_features.vectors(reports, config)
    days = np.array([d.date.toordinal() if d.date else NO_DAY for d in reports], np.int64)
    days[::7] = NO_DAY  # pairs with an undated report are found too
    days[1::7] += 5  # runs of offered reports cut where they span more than the wide window
    offered = np.flatnonzero(days != NO_DAY)[::2]  # dated, as ``reoffer`` offers them
    monkeypatch.setattr(cluster_late, "_CHUNK", 4)  # runs of at most 4 offered reports
    serial = cluster_late._wide_pairs(vectors, days, offered, config)
    monkeypatch.setattr(cluster_late, "_PARALLEL_MIN", 10)
    monkeypatch.setattr(forked, "workers", lambda: 2)
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    parallel = cluster_late._wide_pairs(vectors, days, offered, config)
    assert len(serial[0]) > 100 and all(  # bit for bit, in the same order
        a.dtype == b.dtype and np.array_equal(a, b) for a, b in zip(serial, parallel, strict=True))


def test_group_sums_add_each_groups_links_in_the_order_given() -> None:
    rng = np.random.default_rng(4)
    group = rng.integers(-1, 40, 300)  # -1: not in a group
    rows, cols = rng.integers(0, 300, 5000), rng.integers(0, 300, 5000)
    link = rng.random(5000) * 10.0 ** rng.integers(-8, 3, 5000)  # sums that round
    expected: dict[tuple[int, int], float] = {}
    for a, b, value in zip(group[rows].tolist(), group[cols].tolist(), link.tolist(),
                           strict=True):
        if a >= 0 and b >= 0 and a != b and max(a, b) >= 20:
            key = (min(a, b), max(a, b))
            expected[key] = expected.get(key, 0.0) + value  # one by one, in order
    sums = cluster_undated._group_sums(group, (rows, cols, link), 20)
    assert sums == expected and len(sums) > 100  # bit for bit
    assert cluster_undated._group_sums(group, (rows[:0], cols[:0], link[:0]), 20) == {}


def test_only_reports_within_two_windows_of_a_new_one_are_read() -> None:
    config = ClusterConfig()  # window 4 days: reach 8
    days = np.array([0, 5, 8, 9, 30, 38, 39, NO_DAY], dtype=np.int64)
    new = np.array([True, False, False, False, True, False, False, False])
    assert cluster.nearby(days, new, config).tolist() == [0, 1, 2, 4, 5, 7]
    assert cluster.nearby(days, np.zeros(8, dtype=bool), config).tolist() == []
    undated_new = np.array([False] * 7 + [True])
    assert cluster.nearby(days, undated_new, config).tolist() == list(range(8))


def test_far_away_stories_are_not_read_but_their_ids_stay_taken() -> None:
    reports = [d for d in docs() if d.key.startswith("taliban")]
    far = ClusterDoc(key="far", title="Elsewhere", text="Other news.", date=dt.date(2022, 1, 1),
                     story="2021-07-08-taliban-captures-key-afghan-border-crossing")
    result = assign([*reports, far])
    assert result["far"] == far.story
    assert {result[d.key] for d in reports} == {
        "2021-07-08-taliban-captures-key-afghan-border-crossing-2"}


def test_a_rebuild_reads_only_the_reports_near_the_new_ones(
        monkeypatch: pytest.MonkeyPatch) -> None:
    reports = docs()
    first = assign(reports)
    old = [replace(d, story=first[d.key], date=dt.date(2020, 1, 1)) for d in reports]
    read: list[int] = []
    real = cluster_features.vectors

    def counted(subset: list[ClusterDoc], config: ClusterConfig) -> sp.csr_matrix:
        read.append(len(subset))
        return real(subset, config)

    monkeypatch.setattr(cluster_features, "vectors", counted)
    added = replace(reports[0], key="added", story=None)
    assert assign([*old, added])["added"] != first[reports[0].key]  # no old report in reach
    assert read == [1]
    assert assign([*old[1:], replace(old[0], story=None)])[reports[0].key] == first[
        reports[0].key]
    assert read == [1, len(reports)]


def test_choosing_a_lead_or_an_id_imports_no_scipy() -> None:
    loaded = modules_loaded(
        "import datetime as dt\nfrom generator.cluster import pipeline as cluster\n"
        "doc = cluster.ClusterDoc('a', 'Title here', 'Body text.', dt.date(2021, 7, 8))\n"
        "cluster.lead_key([doc]); cluster.story_id(doc.date, doc.title, set())")
    assert "generator.cluster.pipeline" in loaded
    assert "scipy" not in loaded and "sklearn" not in loaded


def test_leads_chosen_in_forked_children_are_the_leads_chosen_here(
        monkeypatch: pytest.MonkeyPatch) -> None:
    reports = many_reports(40)
    groups = [reports[k:k + 4] for k in range(0, 40, 4)]
    serial = [lead_key(group) for group in groups]
    monkeypatch.setattr(cluster, "_PARALLEL_LEADS", 2)
    monkeypatch.setattr(forked, "workers", lambda: 2)
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    here: list[int] = []
    choose = cluster.lead_key

    def counted(group: list[ClusterDoc]) -> str:
        here.append(1)  # only calls in this process are seen
        return choose(group)

    monkeypatch.setattr(cluster, "lead_key", counted)
    assert cluster._lead_keys(groups) == serial
    assert len(here) == 5  # this process chose half the leads, a child the other half


def test_counts_hashed_in_batches_are_the_counts_hashed_at_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    reports, config = many_reports(30), ClusterConfig()
    whole = cluster_features.hashed_counts(reports, config)
    monkeypatch.setattr(cluster_features, "_TOKEN_BATCH", 7)
    assert counts_equal(cluster_features.hashed_counts(reports, config), whole)
    none = cluster_features.hashed_counts([], config)
    assert none[0].shape[0] == 0 and none[1].shape[0] == 0


def test_busy_days_are_split_into_products_of_bounded_size(
        monkeypatch: pytest.MonkeyPatch) -> None:
    reports, config = many_reports(60), ClusterConfig()
    vectors = cluster_features.vectors(reports, config)
    days = np.array([d.date.toordinal() if d.date else NO_DAY for d in reports], np.int64)
    days[::9] = NO_DAY
    whole = cluster_graph.similarity_graph(vectors, days, config)
    monkeypatch.setattr(cluster_blocks, "_MAX_PAIRS", 50)
    sorted_days = np.sort(days)
    dated = int(np.sum(sorted_days != NO_DAY))
    spans = cluster_blocks.spans(sorted_days, dated, config)
    assert [row for start, stop, _, _ in spans for row in range(start, stop)] == list(range(60))
    assert all((stop - start) * (stop - first) <= max(50, stop - first)
               for start, stop, first, _ in spans)
    assert all(sorted_days[first] >= sorted_days[start] - config.window_days
               and (first == 0 or sorted_days[first - 1] < sorted_days[start] - config.window_days)
               for start, _, first, _ in spans if start < dated)  # the whole window, no more
    split = cluster_graph.similarity_graph(vectors, days, config)
    assert len(spans) > 10 and split.nnz == whole.nnz > 0
    assert np.array_equal(split.indices, whole.indices)
    assert np.allclose(split.data, whole.data, rtol=1e-12)  # sums added in another order


@pytest.mark.parametrize("day_decay", [0.0, 0.2])
@pytest.mark.parametrize("start", [24, 25])  # rows of one day (as _spans makes them), of two
def test_a_blocks_pairs_and_sums_are_those_of_every_pair_taken_one_by_one(
        day_decay: float, start: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    x = sp.random(40, 60, density=0.2, format="csr", dtype=np.float32, random_state=rng)
    days = np.repeat(np.arange(5), 8).astype(np.int64)  # rows 24-31 on day 3, 32-39 on day 4
    stop, first = start + 8, 10
    monkeypatch.setattr(cluster_blocks, "_COMMON_SHARE", 0.2)  # both parts of the split used
    split = cluster_blocks.Split.of(x)
    assert split.common.nnz > 0 and split.rare.nnz > 0
    block = cluster_blocks.collect(split, days, (start, stop, first, day_decay))
    dense = (x @ x.T).toarray().astype(np.float64)
    total, squares, kept = np.zeros(stop - first), np.zeros(stop - first), {}
    for i in range(start, stop):
        for j in range(first, i):
            sim = dense[i, j] * max(0.0, 1.0 - day_decay * (days[i] - days[j]))
            for k in (i - first, j - first):
                total[k] += sim
                squares[k] += sim * sim
            if sim >= cluster_blocks.RAW_FLOOR:
                kept[(i, j)] = sim
    got = dict(zip(zip(block.rows.tolist(), block.cols.tolist(), strict=True),
                   block.sims.tolist(), strict=True))
    assert block.first == first and got.keys() == kept.keys() and len(kept) > 20
    assert np.allclose([got[pair] for pair in kept], list(kept.values()), rtol=1e-6)
    assert np.allclose(block.total, total) and np.allclose(block.squares, squares)


@pytest.mark.parametrize(("share", "most", "common"), [
    (0.0, 512, 300), (0.1, 512, None), (0.1, 5, 5), (2.0, 512, 0)])
@pytest.mark.parametrize(("dense_rows", "chunk"), [(64, 4096), (1, 4096), (1, 7)])
def test_the_dense_and_sparse_parts_multiply_to_the_whole_product(
        share: float, most: int, common: int | None, dense_rows: int, chunk: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster_blocks, "_DENSE_ROWS", dense_rows)  # 1: every block dense
    monkeypatch.setattr(cluster_blocks, "_WINDOW_CHUNK", chunk)  # 7: windows made dense in parts
    rng = np.random.default_rng(5)
    frequent = sp.random(50, 20, density=0.6, format="csr", dtype=np.float32, random_state=rng)
    rare = sp.random(50, 280, density=0.02, format="csr", dtype=np.float32, random_state=rng)
    x = sp.csr_matrix(sp.hstack([rare[:, :140], frequent, rare[:, 140:]]))
    monkeypatch.setattr(cluster_blocks, "_COMMON_SHARE", share)
    monkeypatch.setattr(cluster_blocks, "_MAX_COMMON", most)
    split = cluster_blocks.Split.of(x)
    used = np.bincount(x.indices, minlength=300)
    expected = common if common is not None else int(np.sum(used >= 5))
    assert split.common.shape == (50, expected) and split.rare.shape == x.shape
    assert split.common.nnz + split.rare.nnz == x.nnz
    if 0 < expected < 300:  # the dense columns are the most used ones
        assert split.rare.nnz and used[np.unique(split.rare.indices)].max() <= np.sort(used)[-expected]
    for start, stop, first in [(0, 50, 0), (30, 41, 12), (49, 50, 3)]:
        product = split.product(start, stop, first)
        whole = (x[start:stop] @ x[first:stop].T).toarray()
        assert product.dtype == np.float64 and product.shape == whole.shape
        assert np.allclose(product, whole, rtol=1e-6, atol=0)


def test_the_blocks_multiply_on_one_thread_per_process() -> None:
    from threadpoolctl import threadpool_info

    x = cluster_blocks.Split.of(sp.random(80, 40, density=0.3, format="csr", dtype=np.float32,
                                          random_state=np.random.default_rng(1)))
    seen: list[int] = []
    calls: list[str] = []
    products = {name: getattr(cluster_blocks.Split, name)
                for name in ("product", "sparse_product")}

    def counted(name: str) -> Any:
        def product(split: Any, start: int, stop: int, first: int) -> Any:
            calls.append(name)
            seen.extend(pool["num_threads"] for pool in threadpool_info()
                        if pool["user_api"] == "blas")
            return products[name](split, start, stop, first)
        return product

    with pytest.MonkeyPatch.context() as patch:
        for name in products:
            patch.setattr(cluster_blocks.Split, name, counted(name))
        cluster_blocks.collect_all(x, np.zeros(80, np.int64),
                                   [(0, 10, 0, 0.0), (10, 30, 0, 0.0), (0, 80, 0, 0.0)])
    assert calls == ["sparse_product", "product"]  # the first two spans in one product
    assert seen and set(seen) == {1}


def test_blocks_multiplied_in_runs_are_the_blocks_multiplied_one_by_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(11)
    x = sp.random(120, 300, density=0.05, format="csr", dtype=np.float32, random_state=rng)
    monkeypatch.setattr(cluster_blocks, "_COMMON_SHARE", 0.2)  # both parts of the split used
    split = cluster_blocks.Split.of(np.sqrt(x))
    days = np.repeat(np.arange(30), 4).astype(np.int64)  # four reports a day
    spans = cluster_blocks.spans(days, 120, ClusterConfig())
    runs = cluster_blocks.runs(spans)
    assert [span for run in runs for span in run] == spans
    assert max(map(len, runs)) > 5 and all(  # a run's product: its rows, all their columns
        (run[-1][1] - run[0][0]) * (run[-1][1] - run[0][2]) <= cluster_blocks._RUN_PAIRS
        for run in runs if len(run) > 1)
    alone = [cluster_blocks.collect(split, days, span) for span in spans]
    together = cluster_blocks.collect_all(split, days, spans)
    assert len(together) == len(alone) == 30
    for a, b in zip(alone, together, strict=True):  # bit for bit
        assert a.first == b.first and np.array_equal(a.rows, b.rows)
        assert np.array_equal(a.cols, b.cols) and np.array_equal(a.sims, b.sims)
        assert np.array_equal(a.total, b.total) and np.array_equal(a.squares, b.squares)
    assert sum(len(b.sims) for b in alone) > 100
