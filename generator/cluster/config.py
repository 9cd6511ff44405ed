"""The clusterer's input record and its one fixed setting (data only, no I/O)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

NO_DAY = 2**63 - 1  # the day number of a report without a date (int64's largest)


@dataclass(frozen=True, slots=True)
class ClusterDoc:
    """One report as the clusterer sees it.

    ``date`` None means unknown (no time penalty; compared with every story). ``story`` set means
    the report already belongs to that story: it is kept as is and seeds the story.
    """

    key: str
    title: str
    text: str
    date: dt.date | None
    source: str = ""
    story: str | None = None


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """The one default setting, used for short leads and full articles alike.

    A pair's raw similarity is ``body_weight * cos(body) + headline_weight * cos(headline)``
    (weights normalised to sum 1), times ``1 - day_decay * days apart``; reports are compared
    only within ``window_days``. Decisions use the pair's standardised similarity ``z``: how many
    standard deviations it lies above what each of the two reports scores with the other reports
    of its window (see ``cluster_graph``). The background of a report is shrunk towards
    ``background_mean`` / ``background_sd`` with the weight of ``background_weight`` reports,
    and blended with the background of the window without the report's near neighbours (more
    than ``neighbour_clip`` prior sds above the prior mean), the more the fewer other reports
    are left in it (half at ``sparse_count``).

    Undated reports have no window: they are linked by ``cos / sqrt(scale_a * scale_b)``, a
    report's scale being its similarity with its ``undated_neighbour``-th nearest report (far
    enough to lie outside its own story), halved unless each is among the ``undated_mutual``
    nearest of the other and multiplied by ``undated_close_share`` when each is among the
    ``undated_close`` nearest of the other, and grouped by average link (``cluster_undated``):
    two groups of at most ``rising_free_size`` reports join at ``undated_threshold``; with a
    bigger group the bar is ``undated_big_threshold``, times ``(bigger size /
    rising_free_size) ** -undated_falling_power`` for a small group joining it, and times
    ``(smaller size / rising_free_size) ** rising_power`` when both are bigger (there and in
    the merge pass: look-alike events, big and evenly linked across, are kept apart). A dated
    report
    left alone in its story is offered again to stories up to ``wide_window_days`` away, and
    then each new story whose reports' wide windows hold at most ``wide_story_crowd``
    reports, whole (``cluster_late``).
    """

    threshold: float = 4.75  # a report joins the best story whose score (in z) reaches this
    merge_threshold: float = 4.5  # two new stories are merged when their score reaches this
    window_days: int = 4
    day_decay: float = 0.2  # at most 1 / window_days, so the whole window still counts
    body_weight: float = 0.7
    headline_weight: float = 0.3
    max_link_share: float = 0.5  # story score = share * best link + (1 - share) * mean link
    graph_floor: float = 1.0  # weaker links count as 0 (unrelated)
    background_mean: float = 0.01
    background_sd: float = 0.02
    background_weight: float = 10.0
    background_sd_cap: float = 3.0
    background_clip: float = 6.0  # links this clear (in z) are left out of the background
    neighbour_clip: float = 3.0  # a near neighbour: this many prior sds above the prior mean
    sparse_count: float = 10.0  # a window of this many others besides them is half sparse
    # only the opening of a long body is used: the news is up top (1,400 rather than 1,000
    # characters: full-text ECB+ dev 0.891 -> 0.896, spread over two years 0.917 -> 0.931, #24)
    body_chars: int = 1400
    lead_chars: int = 400  # the lead paragraph(s) count twice
    # undated reports: two groups of at most 4 reports join when their mean local link reaches
    # 3.3; with a bigger group, the bar starts from 2.8 (2.6 for all before the pairs of two
    # nearest counted 3 times: a small story is mostly such pairs, a big one mostly not; 3.4
    # before the scale floor below came down, which left AllSides undated at 0.7999)
    undated_threshold: float = 3.3
    undated_big_threshold: float = 2.8
    # two groups of more than 4 reports each: the bar times (smaller size / 4) ** 0.7, for
    # the undated and in the merge pass (#24: ECB+ dev 0.896 -> 0.924, look-alike events
    # within ten days 0.897 -> 0.911, synthetic streams of 250 a day 0.960 -> 0.970; the
    # others unchanged, stories of short leads holding a few reports; free size 3-5 and power
    # 0.5-1 give ECB+ 0.900-0.924; not in the wide tier, see ``cluster_late``)
    rising_free_size: int = 4
    rising_power: float = 0.7
    undated_neighbour: int = 30  # a report's scale: its similarity with its 30th nearest report
    # the smallest scale: of a report with few neighbours, as in a small site, where its 30th
    # nearest is no background (#24, with the bar above at 3.3: each ECB+ topic clustered on
    # its own, undated, 0.825 -> 0.945, each ECB+ event alone 0.806 -> 0.971; ECB+ dev 0.909
    # -> 0.916; AllSides undated 0.801 both; the dated rows unchanged; 0.05-0.02 tried: 0.02
    # joins look-alike events in the small sites, P 0.99 -> 0.95)
    undated_scale_floor: float = 0.025
    undated_mutual: int = 15  # a pair among the 15 nearest of both reports counts in full
    undated_other_share: float = 0.5  # any other pair counts half
    # a pair among the 2 nearest of both reports counts 3 times: a report's nearest few are
    # mostly of its story (nearest is of its story for 68% of AllSides leads undated), and
    # two reports each nearest the other are a story far more surely than two of a crowded
    # topic. With the bars above and the fall below (#24): AllSides undated 0.780 -> 0.801
    # (P 0.832 -> 0.842, R 0.734 -> 0.763; alone 276 -> 203 reports, swallowed 158 -> 129),
    # ECB+ dev 0.924 -> 0.909 (P 0.981 -> 0.948, R 0.873), the dated rows unchanged. One bar
    # for all sizes gives at best 0.800 with ECB+ 0.88-0.91; 2 nearest beat 1, 3 or 4; shares
    # 2-3.5 give AllSides undated 0.796-0.802.
    undated_close: int = 2
    undated_close_share: float = 3.0
    # a report or a group of at most 4 joins a bigger group at the bar times (bigger size /
    # 4) ** -0.1: a growing story's later reports are each less like all the rest (#24: ECB+
    # dev 0.896 -> 0.909 with the bars above; 0.3-0.4 let the pieces of one look-alike event
    # join the other's story)
    undated_falling_power: float = 0.1
    undated_floor: float = 1.0  # weaker local links count as 0
    wide_window_days: int = 30  # a lone dated report is offered to stories this far away
    wide_neighbour: int = 30  # its scale: its similarity with its 30th nearest report there
    wide_threshold: float = 3.5  # and it joins a story whose mean link reaches this
    wide_story_threshold: float = 10.0  # then a new story joins one whose mean link reaches this
    wide_story_crowd: int = 300  # if its reports' wide windows hold at most this many reports
    wide_scale_floor: float = 0.02  # the smallest scale there (a report alone in its weeks)
