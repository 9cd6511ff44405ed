"""Measure the story clusterer on labelled JSONL collections.

Runs ``cluster.pipeline.cluster_jsonl`` exactly as ``digest cluster --input FILE.jsonl`` does
(default setting, true ``story`` labels withheld), then prints BCubed precision / recall / F1
over articles, pairwise F1, stories found vs true, and seconds. With ``--data`` a folder, one
table of the four dev variants (#24): AllSides as given (its dates leak the answer), AllSides
with realistic dates, AllSides undated (every date removed) and ECB+ dev (undated look-alike
events, scored against the event). Tune on all four together, never on one. A fifth row
gives ECB+ dev dates spread over two years (``spread_dates``): each event alone in its weeks,
the sparse windows of real-dated full-text news, which AllSides' crowded days never show;
a sixth the same with the two look-alike events of each ECB+ topic within ten days of each
other, where a rule that joins stories in quiet weeks may join the wrong ones; a seventh
each ECB+ topic (two look-alike events, 10-40 reports) clustered on its own, undated: the
whole collection of a small site (``small_sites``).

    python eval/eval_cluster.py --data ../shared/data/clustering
    python eval/eval_cluster.py --data ../shared/data/clustering/allsides.jsonl
    python eval/eval_cluster.py --data ../shared/data/clustering --causes

``--one-event`` adds the AllSides rows scored against a gold whose stories a reader judged one
news event are joined (``cluster_judged/allsides_pairs.tsv``: SAME; then SAME or FOLLOW-UP):
AllSides splits one event into a story a day or an angle, which a digest would not.

``--causes`` adds, for each variant, the table of errors by cause (``causes``): each report
not in the main piece of its story (the found story holding most of it), by the days
between it and that piece and by where it went (alone, into another piece of its story, or
into another story); and the
reports of a story whose main piece another story owns (swallowed). Each line gives the
reports and the BCubed F1 an oracle would gain by fixing just them.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sys
import time
import zlib
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.cluster.config import ClusterConfig  # noqa: E402
from generator.cluster.pipeline import cluster_jsonl  # noqa: E402


def bcubed(predicted: Mapping[str, str], truth: Mapping[str, str]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 averaged over articles."""
    pairs = Counter((predicted[k], truth[k]) for k in truth)
    pred_sizes = Counter(predicted[k] for k in truth)
    true_sizes = Counter(truth.values())
    precision = sum(pairs[(predicted[k], truth[k])] / pred_sizes[predicted[k]] for k in truth)
    recall = sum(pairs[(predicted[k], truth[k])] / true_sizes[truth[k]] for k in truth)
    precision, recall = precision / len(truth), recall / len(truth)
    return precision, recall, _f1(precision, recall)


def pairwise(predicted: Mapping[str, str], truth: Mapping[str, str]) -> tuple[float, float, float]:
    """Precision, recall and F1 over pairs of articles put in the same story."""
    def same_pairs(counts: Counter[object]) -> int:
        return sum(c * (c - 1) // 2 for c in counts.values())

    both = same_pairs(Counter((predicted[k], truth[k]) for k in truth))
    pred = same_pairs(Counter(predicted[k] for k in truth))
    true = same_pairs(Counter(truth.values()))
    precision = both / pred if pred else 1.0
    recall = both / true if true else 1.0
    return precision, recall, _f1(precision, recall)


def causes(predicted: Mapping[str, str], truth: Mapping[str, str],
           days: Mapping[str, int | None]) -> list[tuple[str, int, float]]:
    """(cause, reports, BCubed F1 gained if just they were right) of the errors, biggest
    gain first. ``days``: each report's day number (None: undated).

    A story's main piece is the found story holding most of its reports (ties: the first
    name). A report outside it is split off, by the fewest days to a report of the main
    piece (same day, next day, within the window, within the wide window, beyond) and by
    where it is (alone, in another piece its story holds most of, or in another story):
    fixed, it joins the main piece. A report in
    its main piece when another story holds most of that piece is swallowed: fixed, it and
    the other reports of its story there leave it for a story of their own."""
    main = _main_pieces(predicted, truth)
    owner = _main_pieces({k: truth[k] for k in truth}, {k: predicted[k] for k in truth})
    sizes = Counter(predicted[k] for k in truth)
    in_main: dict[str, list[str]] = {}
    for key in truth:
        if predicted[key] == main[truth[key]]:
            in_main.setdefault(truth[key], []).append(key)
    found: dict[str, list[str]] = {}
    for key in truth:
        story, piece = truth[key], predicted[key]
        if piece == main[story]:
            if owner[piece] != story:
                found.setdefault("swallowed by another story", []).append(key)
            continue
        gap = _gap(days, key, in_main[story])
        where = ("alone" if sizes[piece] == 1 else "in another piece of its story"
                 if owner[piece] == story else "in another story")
        found.setdefault(f"split off, {gap}, {where}", []).append(key)
    now = bcubed(predicted, truth)[2]
    rows = [(cause, len(keys), bcubed(_fixed(predicted, truth, main, cause, keys), truth)[2] - now)
            for cause, keys in found.items()]
    return sorted(rows, key=lambda row: (-row[2], row[0]))


def _main_pieces(predicted: Mapping[str, str], truth: Mapping[str, str]) -> dict[str, str]:
    """Each true story's found story holding most of its reports (ties: the first name)."""
    counts = Counter((truth[k], predicted[k]) for k in truth)
    main: dict[str, tuple[int, str]] = {}
    for (story, piece), count in counts.items():
        if story not in main or (-count, piece) < (-main[story][0], main[story][1]):
            main[story] = (count, piece)
    return {story: piece for story, (_, piece) in main.items()}


def _gap(days: Mapping[str, int | None], key: str, main: list[str]) -> str:
    """The days from ``key`` to the nearest report of ``main``, as a class of the windows."""
    config = ClusterConfig()
    day = days[key]
    apart = [abs(day - other) for k in main if day is not None and (other := days[k]) is not None]
    if not apart:
        return "undated"
    gap = min(apart)
    if gap <= 1:
        return ("same day", "next day")[gap]
    if gap <= config.window_days:
        return f"2-{config.window_days} days"
    if gap <= config.wide_window_days:
        return f"{config.window_days + 1}-{config.wide_window_days} days"
    return f"over {config.wide_window_days} days"


def _fixed(predicted: Mapping[str, str], truth: Mapping[str, str], main: Mapping[str, str],
           cause: str, keys: list[str]) -> dict[str, str]:
    """``predicted`` with the reports ``keys`` of ``cause`` put right (see ``causes``)."""
    fixed = dict(predicted)
    for key in keys:
        fixed[key] = ("\0own " + truth[key]) if cause.startswith("swallowed") else main[truth[key]]
    return fixed


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


VARIANTS = (  # (name, file, dates: "given", "none", "spread" or "look-alike")
    ("AllSides", "allsides.jsonl", "given"),
    ("AllSides, realistic dates", "allsides_realistic_dates.jsonl", "given"),
    ("AllSides, undated", "allsides.jsonl", "none"),
    ("ECB+ dev", "ecbplus_dev.jsonl", "given"),
    ("ECB+ dev, events spread over two years", "ecbplus_dev.jsonl", "spread"),
    ("ECB+ dev, spread, look-alike events within ten days", "ecbplus_dev.jsonl", "look-alike"),
    ("ECB+ dev, each topic a small site of its own, undated", "ecbplus_dev.jsonl", "small"),
)
_SPREAD_START = dt.date(2015, 1, 1)
_SPREAD_DAYS = 730
# a report's day after its event's, as ``allsides_realistic_dates.jsonl`` spreads them:
# (share of reports up to here, first offset, offsets to choose from)
_OFFSETS = ((0.45, 0, 1), (0.70, 1, 1), (0.78, -1, 1), (0.92, 2, 3), (1.0, 7, 24))


def _hashed(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def spread_dates(records: list[dict[str, object]],
                 look_alike: bool = False) -> list[dict[str, object]]:
    """The records with dates made up, deterministically: each story a day in two years,
    each report that day or one offset from it as real feeds spread them. ``look_alike``:
    the stories of one ECB+ topic (the label's part before "_": two look-alike events)
    within ten days of each other, the test of a rule that joins stories in quiet weeks."""
    spread = []
    for record in records:
        story = str(record["story"])
        if look_alike:
            topic = _hashed(story.split("_")[0]) % _SPREAD_DAYS
            event = _SPREAD_START + dt.timedelta(days=topic + _hashed(story) % 11)
        else:
            event = _SPREAD_START + dt.timedelta(days=_hashed(story) % _SPREAD_DAYS)
        share = _hashed(str(record["id"])) % 1000 / 1000
        _, first, choices = next(o for o in _OFFSETS if share < o[0])
        offset = first + _hashed(f"{record['id']}/day") % choices
        spread.append({**record, "date": (event + dt.timedelta(days=offset)).isoformat()})
    return spread


def clustered(path: Path, dates: str = "given",
              ) -> tuple[dict[str, str], dict[str, str], dict[str, int | None], float]:
    """(predicted, true story, day number or None) of each article of the file, clustered with
    ``dates`` as given, "none" removed or "spread" made up (``spread_dates``), and seconds."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    if dates == "none":
        records = [{**r, "date": None} for r in records]
    elif dates in ("spread", "look-alike"):
        records = spread_dates(records, look_alike=dates == "look-alike")
    truth = {str(r["id"]): str(r["story"]) for r in records}
    days = {str(r["id"]): dt.date.fromisoformat(str(r["date"])[:10]).toordinal()
            if r.get("date") else None for r in records}
    lines = [json.dumps({k: v for k, v in r.items() if k != "story"}) for r in records]
    out = io.StringIO()
    started = time.perf_counter()
    cluster_jsonl(lines, out)
    seconds = time.perf_counter() - started
    predicted = {}
    for line in out.getvalue().splitlines():
        row = json.loads(line)
        predicted[row["id"]] = row["story"]
    return predicted, truth, days, seconds


def small_sites(path: Path) -> dict[str, float]:
    """Each ECB+ topic (its two look-alike events) clustered on its own, undated: the
    collection of a small site, 10-40 reports, where a report's 30th nearest is no
    background (``ClusterConfig.undated_scale_floor``); scored over all reports."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    topics: dict[str, list[dict[str, object]]] = {}
    for record in records:
        topics.setdefault(str(record["story"]).split("_")[0], []).append(record)
    predicted, truth = {}, {}
    started = time.perf_counter()
    for topic, group in sorted(topics.items()):
        out = io.StringIO()
        cluster_jsonl([json.dumps({**{k: v for k, v in r.items() if k != "story"},
                                   "date": None}) for r in group], out)
        for line in out.getvalue().splitlines():
            row = json.loads(line)
            predicted[row["id"]] = f"{topic}/{row['story']}"
        truth.update({str(r["id"]): str(r["story"]) for r in group})
    return _scores(predicted, truth, time.perf_counter() - started)


def _scores(predicted: Mapping[str, str], truth: Mapping[str, str],
            seconds: float) -> dict[str, float]:
    b_p, b_r, b_f = bcubed(predicted, truth)
    p_p, p_r, p_f = pairwise(predicted, truth)
    return {"articles": len(truth), "bcubed_precision": b_p, "bcubed_recall": b_r,
            "bcubed_f1": b_f, "pairwise_precision": p_p, "pairwise_recall": p_r,
            "pairwise_f1": p_f, "stories_found": len(set(predicted.values())),
            "stories_true": len(set(truth.values())), "seconds": seconds}


def evaluate(path: Path, dates: str = "given") -> dict[str, float]:
    """Cluster the file's articles (``dates`` as for ``clustered``) and score them against
    its ``story`` labels."""
    if dates == "small":
        return small_sites(path)
    predicted, truth, _, seconds = clustered(path, dates)
    return _scores(predicted, truth, seconds)


JUDGED_PAIRS = Path(__file__).resolve().parent / "cluster_judged" / "allsides_pairs.tsv"


def one_event(truth: Mapping[str, str], joined: frozenset[str],
              pairs: Path = JUDGED_PAIRS) -> dict[str, str]:
    """The true stories with each judged pair of ``joined`` verdicts made one (its stories'
    ids, transitively: the smallest id names the joined story)."""
    with pairs.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    parent: dict[str, str] = {}

    def root(story: str) -> str:
        while parent.get(story, story) != story:
            story = parent[story]
        return story

    for row in rows:
        if row["verdict"] in joined:
            a, b = sorted((root(row["a"]), root(row["b"])))
            if a != b:
                parent[b] = a
    return {key: root(story) for key, story in truth.items()}


def print_one_event(data: Path) -> None:
    """The AllSides rows against the AllSides gold and the two one-event golds."""
    print("\n| AllSides variant | gold | BCubed P | BCubed R | BCubed F1 | true stories |\n"
          "|---|---|---:|---:|---:|---:|")
    for name, file, dates in VARIANTS[:3]:
        predicted, truth, _, _ = clustered(data / file, dates)
        for gold, joined in (("AllSides", frozenset()), ("one event (SAME)", frozenset({"SAME"})),
                             ("one event or follow-up", frozenset({"SAME", "FOLLOW-UP"}))):
            t = one_event(truth, joined)
            p, r, f = bcubed(predicted, t)
            print(f"| {name} | {gold} | {p:.3f} | {r:.3f} | {f:.3f} | {len(set(t.values()))} |")


def print_causes(name: str, path: Path, dates: str) -> None:
    """The table of ``causes`` of one variant."""
    predicted, truth, days, _ = clustered(path, dates)
    print(f"\n{name}: BCubed F1 {bcubed(predicted, truth)[2]:.3f}\n\n"
          "| cause | reports | F1 gained if fixed |\n|---|---:|---:|")
    for cause, reports, gain in causes(predicted, truth, days):
        print(f"| {cause} | {reports} | {gain:+.3f} |")


def main() -> None:
    """Print the scores as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True,
                        help="a labelled JSONL file, or the folder of the four dev variants")
    parser.add_argument("--one-event", action="store_true",
                        help="also score the AllSides rows against the one-event golds")
    parser.add_argument("--causes", action="store_true",
                        help="also print each variant's errors by cause (see ``causes``)")
    args = parser.parse_args()
    if args.data.is_dir():
        print("| variant | BCubed P | BCubed R | BCubed F1 | pairwise F1 | stories found / true "
              "| s |\n|---|---:|---:|---:|---:|---:|---:|")
        for name, file, dates in VARIANTS:
            r = evaluate(args.data / file, dates)
            print(f"| {name} | {r['bcubed_precision']:.3f} | {r['bcubed_recall']:.3f} | "
                  f"{r['bcubed_f1']:.3f} | {r['pairwise_f1']:.3f} | {r['stories_found']} / "
                  f"{r['stories_true']} | {r['seconds']:.2f} |")
        if args.one_event:
            print_one_event(args.data)
        for name, file, dates in VARIANTS if args.causes else ():
            if dates == "small":  # many collections: no one table of causes
                continue
            print_causes(name, args.data / file, dates)
        return
    if args.causes:
        print_causes(args.data.name, args.data, "given")
        return
    result = evaluate(args.data)
    print(f"# Story clustering on {args.data.name}\n")
    print("| measure | value |\n|---|---|")
    for name, value in result.items():
        print(f"| {name} | {value:.4f} |" if isinstance(value, float) else f"| {name} | {value} |")


if __name__ == "__main__":
    main()
