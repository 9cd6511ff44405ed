"""The story comparison scored on real news: the labelled stories of eval/compare_real/.

Each story's reports go through the real path (the inbox cleaner, the article text the build
writes, its parse), are forced into one story, and compared; what ``story.json`` would say is
matched against the labels (eval/compare_real/README.md says how they were made):

- disputes: a disputed item (not a spelling variant) is right when two of the values it shows
  are two different values of one labelled dispute; a labelled dispute is found when some
  item is right for it;
- agreed: an agreed item is right when what it shows (its key or a mention's words) is the
  value of a labelled agreed claim; a claim is found when an item is right for it;
- quotes: a labelled quotation is found when a quote item holds its words in that report's
  wording of it (the item's mention in that report);
  its speaker is right when the item's speaker names the same person (a last name in common);
- unique and provenance: each "only in one report" item the story page shows and each relation
  it names (copy, rewrite, same wire story) is looked up in a reader's verdicts
  (``eval/compare_real/judged/``, keyed by story, report and the item's normalised text);
  precision is the share of judged items a reader found right, ``junk`` counts unique items
  judged boilerplate or debris, ``unjudged`` counts shown items with no verdict yet (new
  output after a change: judge them). Of the held-out part only a fixed sample is judged
  (``in_sample``).

Figures come per part: dev (tune on it) and held out (quote these). Dev has two halves by a
second hash (``split.dev_half``): read examples of dev-a, keep a rule when dev-b does not get
worse. Run: ``python eval/eval_compare_real.py [-v] [--part dev|dev-a|dev-b|held-out|all]
[--batch N]`` (one batch only).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "eval" / "compare_real"))

from pages import page_text  # noqa: E402
from pick_batch import batch_of  # noqa: E402
from split import dev_half, held_out  # noqa: E402

from generator import content, ingest  # noqa: E402
from generator.compare.comparison import compare, comparison_json  # noqa: E402
from generator.errors import DigestError  # noqa: E402
from generator.ingest import inbox  # noqa: E402
from generator.model import Article, Story  # noqa: E402

LABELS = REPO / "eval" / "compare_real" / "labels"
JUDGED = REPO / "eval" / "compare_real" / "judged"
DATA = REPO.parent / "shared" / "data"
SOURCES = {"ecbplus_dev": "clustering/ecbplus_dev.jsonl", "allsides": "clustering/allsides.jsonl"}
UNDATED = dt.date(2010, 1, 1)  # ECB+ reports have no date: one day for all of them

_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
               "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "dozens": 24})
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3,
           "m": 1e6, "bn": 1e9}
# thousands may be split by ", " as tokenised text writes them ("2, 029")
_NUMBER = re.compile(r"(?<!\d)(\d{1,3}(?:,\s?\d{3})+(?!\d)|\d[\d,]*(?:\.\d+)?)\s*"
                     r"(thousand|million|billion|trillion|bn|k|m)?\b", re.IGNORECASE)
# a time of day, "2:30 a.m.", "8: 30pm", "2 p. m.": hours and minutes on a 24-hour clock
_TIME = re.compile(r"\b(\d{1,2})(?:\s?:\s?(\d{2}))?\s*(?:([ap])\.?\s?m\b\.?)?", re.IGNORECASE)


def normal(value: str) -> str:
    """A value as the labels and the items are compared: a time of day as H:MM (24-hour),
    else its first number (digits or words, with a scale word), else its lowercased words."""
    text = value.lower().replace("\u2019", "'")
    clock = _TIME.search(text)
    if clock and (clock[2] or clock[3]):
        hour = int(clock[1]) % 12 + (12 if clock[3] == "p" else 0) if clock[3] else int(clock[1])
        return f"{hour}:{clock[2] or '00'}"
    found = _NUMBER.search(text)
    if found:
        number = float(re.sub(r"[,\s]", "", found[1]))
        number *= _SCALES.get((found[2] or "").lower(), 1)
        return f"{number:g}"
    for word in re.findall(r"[a-z]+", text):
        if word in _WORDS:
            return f"{_WORDS[word]:g}"
    return " ".join(re.findall(r"\w+", text))


@dataclass
class Tally:
    """Right items of all shown, and labelled items found of all labelled."""

    right: int = 0
    shown: int = 0
    found: int = 0
    labelled: int = 0
    misses: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        """precision (right/shown) and recall (found/labelled)."""
        precision = f"{self.right / self.shown:6.1%}" if self.shown else "    - "
        recall = f"{self.found / self.labelled:6.1%}" if self.labelled else "    - "
        return (f"{name:<16} precision {precision} ({self.right}/{self.shown})   "
                f"recall {recall} ({self.found}/{self.labelled})")


def reports_of(label: Mapping[str, Any]) -> list[tuple[str, str, str, dt.date]]:
    """(id, source, raw text, date) of each report of a labelled story, from the data."""
    wanted = set(label["reports"])
    if label["set"] == "extraction":  # one page, its headline and true body (quotes only)
        return [(page, "", page_text(page), UNDATED) for page in sorted(wanted)]
    if label["set"] == "seeds":
        seeds = DATA.parent / "seeds"
        return [(p.stem, "", p.read_text(encoding="utf-8"), UNDATED)
                for p in sorted(seeds.glob("*.txt")) if p.stem in wanted]
    rows = [json.loads(line) for line in
            (DATA / SOURCES[label["set"]]).read_text(encoding="utf-8").splitlines()]
    # a headline, then the text (ECB+'s title is its first sentence: the headline a wire
    # story's first sentence would be), as a text dump of the report holds them
    return [(r["id"], "" if label["set"] == "ecbplus_dev" else r["source"],
             f"{r['title']}\n\n{r['text']}\n",
             dt.date.fromisoformat(r["date"][:10]) if r["date"] else UNDATED)
            for r in rows if r["id"] in wanted]


# the second report of a story of one page (a story is compared from two reports): one
# sentence of its own, no figure, name or quotation of the page's
FILLER = ("filler", "", "A second report\n\nThe weather was mild across the region.\n",
          UNDATED)


def story_of(label: Mapping[str, Any]) -> Story:
    """The labelled story's reports, cleaned and loaded as the build would, in one story; a
    story of one report gets ``FILLER`` beside it."""
    articles: list[Article] = []
    found = reports_of(label)
    for report_id, source, raw, day in found + ([FILLER] if len(found) == 1 else []):
        try:
            report = ingest.clean_text(raw)
        except DigestError:
            continue
        meta = inbox.article_meta(report, report.date or day, report.date is None,
                                  label["story"], f"inbox/{report_id}.txt")
        if source and report.source is None:
            meta["source"] = source
        text = inbox.render_article(meta, report.body)
        articles.append(content.parse_article(text, Path(f"{report_id}.md"))[0])
    articles.sort(key=lambda a: (a.day, a.slug))
    return Story(id=label["story"], headline=articles[0].title, summary="",
                 articles=tuple(articles), lead=articles[0])


def score_disputes(data: Mapping[str, Any], label: Mapping[str, Any], tally: Tally) -> None:
    """Disputed items against the labelled disputes."""
    wanted = [{normal(side["value"]) for side in d["sides"]} for d in label["disputes"]]
    found = [False] * len(wanted)
    for item in data["disputed"]:
        if item["kind"] == "variant":
            continue
        shown = {normal(side["text"]) for side in item["sides"]}
        hits = [k for k, values in enumerate(wanted) if len(shown & values) >= 2]
        tally.shown += 1
        tally.right += bool(hits)
        for k in hits:
            found[k] = True
        tally.misses.append(f"{label['story']}: {'right' if hits else 'wrong'} dispute "
                            f"{item['kind']} {item['about']!r}: {sorted(shown)}")
    tally.labelled += len(wanted)
    tally.found += sum(found)
    tally.misses += [f"{label['story']}: missed dispute {d['about']!r}: "
                     f"{[s['value'] for s in d['sides']]}"
                     for d, hit in zip(label["disputes"], found, strict=True) if not hit]


def score_agreed(data: Mapping[str, Any], label: Mapping[str, Any], tally: Tally) -> None:
    """Agreed items against the labelled agreed claims."""
    wanted = [normal(claim["value"]) for claim in label["agreed"]]
    found = [False] * len(wanted)
    for item in data["agreed"]:
        shown = {normal(item["key"]), normal(item["label"])}
        shown |= {normal(m["text"]) for m in item["mentions"]}
        hits = [k for k, value in enumerate(wanted)
                if value in shown or any(value and value in s.split() for s in shown)
                or any(len(value) > 3 and value in s for s in shown)]
        tally.shown += 1
        tally.right += bool(hits)
        for k in hits:
            found[k] = True
        if not hits:
            tally.misses.append(f"{label['story']}: wrong agreed {item['kind']} "
                                f"{item['label']!r}")
    tally.labelled += len(wanted)
    tally.found += sum(found)
    tally.misses += [f"{label['story']}: missed agreed {c['claim']!r}"
                     for c, hit in zip(label["agreed"], found, strict=True) if not hit]


_FUNCTION = frozenset("a an the of in at on for and to his her its their de la le el".split())


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def same_person(one: str | None, other: str | None) -> bool:
    """Whether two speaker names name one person or body: a word in common that is not a
    function word (a last name, "Su" of "Lisa Su", or "police"), or both none."""
    if not one or not other:
        return not one and not other
    return bool({w for w in _words(one).split() if w not in _FUNCTION}
                & {w for w in _words(other).split() if w not in _FUNCTION})


def score_quotes(data: Mapping[str, Any], label: Mapping[str, Any], found: Tally,
                 speakers: Tally) -> None:
    """Labelled quotations found, and their speakers right."""
    # each report's own wording of each quotation (a mention's text), with the speaker
    items = [(m["slug"], _words(m["text"]), q["speaker"])
             for q in data["quotes"] for m in q["mentions"]]
    for quote in label["quotes"]:
        words = _words(quote["quote"])[:60]
        hit = next((item for item in items if quote["report"] == item[0]
                    and (words in item[1] or item[1][:60] in words)), None)
        found.labelled += 1
        if hit is None:
            found.misses.append(f"{label['story']}: missed quote {quote['quote'][:50]!r}")
            continue
        found.found += 1
        speakers.shown += 1
        if same_person(hit[2], quote["speaker"]):
            speakers.right += 1
        else:
            speakers.misses.append(f"{label['story']}: speaker {hit[2]!r}, labelled "
                                   f"{quote['speaker']!r}: {quote['quote'][:50]!r}")


@dataclass
class Judged:
    """Shown items a reader judged right, of those judged; junk; shown items not judged."""

    right: int = 0
    judged: int = 0
    junk: int = 0
    unjudged: int = 0
    misses: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        """precision (right/judged), junk and unjudged counts."""
        precision = f"{self.right / self.judged:6.1%}" if self.judged else "    - "
        return (f"{name:<16} precision {precision} ({self.right}/{self.judged})   "
                f"junk {self.junk}   unjudged {self.unjudged}")


def norm(text: str) -> str:
    """Text as verdicts are keyed: lowercased, straight quotes, single spaces."""
    text = text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
    return " ".join(text.lower().split())


def in_sample(story: str, report: str, sentence: str) -> bool:
    """Whether a held-out item is in the judged sample (a fifth, by a hash fixed before
    any held-out item was read)."""
    key = f"{story}|{report}|{' '.join(sentence.lower().split())}"
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) % 5 == 0


def verdicts(name: str, key: Sequence[str]) -> dict[tuple[str, ...], dict[str, str]]:
    """The rows of ``judged/<name>.tsv`` by their key columns (normalised)."""
    path = JUDGED / f"{name}.tsv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return {tuple(norm(row[k]) for k in key): row for row in rows}


UNIQUE_KEY = ("story", "report", "kind", "shown", "sentence")
RELATION_KEY = ("story", "first", "second", "relation", "derived")
VARIANT_KEY = ("story", "first", "second")


def score_unique(data: Mapping[str, Any], story: str, judged: Mapping[tuple[str, ...],
                 Mapping[str, str]], tally: Judged, sampled: bool) -> None:
    """The story page's "only in one report" items against the verdicts."""
    for slug, items in data["unique"].items():
        for item in items:
            shown = (", ".join(item["details"]) if item["kind"] == "detail" and item["details"]
                     else item["sentence"])
            if sampled and not in_sample(story, slug, item["sentence"]):
                continue
            row = judged.get(tuple(norm(v) for v in (story, slug, item["kind"], shown,
                                                      item["sentence"])))
            if row is None:
                tally.unjudged += 1
                tally.misses.append(f"{story}\t{slug}\t{item['kind']}\t{shown}\t"
                                    f"{item['sentence']}\t(unjudged)")
                continue
            tally.judged += 1
            tally.right += row["verdict"] == "TRUE"
            tally.junk += row["verdict"] == "JUNK"
            if row["verdict"] != "TRUE":
                tally.misses.append(f"{story}: {row['verdict']} {shown[:90]!r} "
                                    f"({row['where_or_why']})")


def score_provenance(data: Mapping[str, Any], story: str, judged: Mapping[tuple[str, ...],
                     Mapping[str, str]], tally: Judged) -> None:
    """The relations the story page names (``shown``, not independent) against the verdicts."""
    for relation in data["provenance"].get("relations", []):
        if relation["relation"] == "independent" or not relation.get("shown", True):
            continue
        first, second = sorted(relation["reports"])
        row = judged.get(tuple(norm(v) for v in (story, first, second, relation["relation"],
                                                  relation["derived"] or "")))
        if row is None:
            tally.unjudged += 1
            tally.misses.append(f"{story}: unjudged {relation['relation']} {first} {second} "
                                f"derived {relation['derived']}")
            continue
        tally.judged += 1
        tally.right += row["verdict"] == "PLAUSIBLE"
        if row["verdict"] != "PLAUSIBLE":
            tally.misses.append(f"{story}: NOT {relation['relation']} {first} {second} "
                                f"({row['why']})")


def score_variants(data: Mapping[str, Any], story: str, judged: Mapping[tuple[str, ...],
                   Mapping[str, str]], tally: Judged) -> None:
    """The spelling variants the story page shows against the verdicts (either order)."""
    for item in data["disputed"]:
        if item["kind"] != "variant":
            continue
        first, second = (norm(side["text"]) for side in item["sides"])
        row = judged.get((norm(story), first, second)) or judged.get((norm(story), second, first))
        if row is None:
            tally.unjudged += 1
            tally.misses.append(f"{story}: unjudged variant {first!r} / {second!r}")
            continue
        tally.judged += 1
        tally.right += row["verdict"] == "TRUE"
        if row["verdict"] != "TRUE":
            tally.misses.append(f"{story}: NOT variant {first!r} / {second!r} ({row['why']})")


# what a label is scored on; a label's ``labelled`` names fewer (batch 5: quotes only)
ALL_MEASURES = ("disputes", "agreed", "quotes", "unique", "provenance")


def labels(part: str, batch: int | None = None) -> Iterable[dict[str, Any]]:
    """The labelled stories of a part (dev, its halves dev-a and dev-b, held-out or all), by
    story id; with ``batch``, only those labelled in that batch (the one a label's notes name,
    ``pick_batch.batch_of``: a batch labelled after the code was tuned measures it afresh)."""
    for path in sorted(LABELS.glob("*.json")):
        label: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        story = label["story"]
        if batch is not None and batch_of(label) != batch:
            continue
        if part == "all" or (part == "held-out") == held_out(story) and (
                part in ("dev", "held-out") or part == dev_half(story)):
            yield label


def evaluate(part: str, batch: int | None = None) -> tuple[int, dict[str, Tally],
                                                         dict[str, Judged]]:
    """(stories, tallies by labelled measure, tallies by judged measure) of one part."""
    tallies = {name: Tally() for name in ("disputes", "agreed", "quotes found", "speakers")}
    judged = {name: Judged() for name in ("unique", "provenance", "variants")}
    unique_verdicts = verdicts("unique", UNIQUE_KEY)
    relation_verdicts = verdicts("provenance", RELATION_KEY)
    variant_verdicts = verdicts("variants", VARIANT_KEY)
    count = 0
    for label in labels(part, batch):
        data = comparison_json(compare(story_of(label)))
        scored = label.get("labelled", ALL_MEASURES)
        if "disputes" in scored:
            score_disputes(data, label, tallies["disputes"])
            score_variants(data, label["story"], variant_verdicts, judged["variants"])
        if "agreed" in scored:
            score_agreed(data, label, tallies["agreed"])
        if "quotes" in scored:
            score_quotes(data, label, tallies["quotes found"], tallies["speakers"])
        if "unique" in scored:
            score_unique(data, label["story"], unique_verdicts, judged["unique"],
                         held_out(label["story"]))
        if "provenance" in scored:
            score_provenance(data, label["story"], relation_verdicts, judged["provenance"])
        count += 1
    return count, tallies, judged


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures of each part asked for; ``-v`` lists what was wrong or missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("dev", "dev-a", "dev-b", "held-out", "all"),
                        default=None, help="one part (default: dev, then held out); dev-a and "
                        "dev-b are the halves of dev (tune on dev-a, check on dev-b)")
    parser.add_argument("--batch", type=int, default=None,
                        help="only the stories labelled in this batch (README.md)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list what was wrong (on dev parts only)")
    args = parser.parse_args(argv)
    for part in [args.part] if args.part else ["dev", "held-out"]:
        count, tallies, judged = evaluate(part, args.batch)
        batch = f", batch {args.batch}" if args.batch is not None else ""
        print(f"compare on real news, {part}{batch}: {count} labelled stories")
        for name, tally in tallies.items():
            print(tally.line(name))
        for name, verdict in judged.items():
            print(verdict.line(name))
        if args.verbose and part not in ("held-out", "all"):  # held-out ones are never shown
            for tally in tallies.values():
                for miss in tally.misses:
                    print(f"  {miss}")
            for verdict in judged.values():
                for miss in verdict.misses:
                    print(f"  {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
