"""Deterministic synthetic news articles for the build benchmark (not a test).

``write_site(folder, count, seed)`` writes ``content/site.yaml`` and ``count`` article files in
``content/articles/``: stories of 1-6 related reports (the same event told by several outlets,
sharing sentences, names, numbers and quotes, each rewording some of them), with realistic
length (600-6,000 characters), headings, lists, quotes and links. ``unstoried`` is the share
of articles written without ``story:``, so the build's clusterer has real work to do.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

_START = dt.date(2023, 1, 1)
_WORDS = (
    "government officials said the new policy would take effect next week after months of "
    "talks between ministers and union leaders over pay and working conditions in the public "
    "sector while opposition parties warned that the plan could raise costs for families and "
    "small businesses across the region as prices continue to climb and growth slows "
    "economists expect the central bank to hold interest rates steady amid signs that "
    "inflation is easing but remains above target the report also found that exports fell "
    "sharply during the quarter as demand from major trading partners weakened and supply "
    "chains struggled to recover from earlier disruptions police confirmed that several "
    "people were injured in the incident and that an investigation was under way witnesses "
    "described scenes of confusion as emergency services arrived at the site hospital staff "
    "treated the wounded and local authorities urged residents to avoid the area until "
    "further notice the company announced plans to expand operations hire workers and invest "
    "in research over the coming years analysts said the move reflected growing confidence "
    "in the market despite uncertainty about regulation and competition from rivals abroad"
).split()
_NAMES = ("Amina Diallo", "Carlos Mendes", "Hiro Tanaka", "Olga Petrova", "James Whitfield",
          "Fatima Rahman", "Lukas Berger", "Priya Nair", "Samuel Okafor", "Elena Rossi",
          "Tomasz Nowak", "Mei Lin", "Daniel Cohen", "Aisha Bello", "Marco Silva")
_PLACES = ("Nairobi", "Lisbon", "Osaka", "Kyiv", "Manchester", "Dhaka", "Munich", "Chennai",
           "Lagos", "Naples", "Krakow", "Shenzhen", "Haifa", "Accra", "Porto", "Quito", "Hanoi")
_SOURCES = ("Reuters", "Associated Press", "AFP", "BBC News", "Al Jazeera", "The Guardian",
            "Deutsche Welle", "NPR", "France 24", "Nikkei Asia", "The Hindu", "Kyodo News")
_TOPICS = ("Economy", "Politics", "Health", "Energy", "Climate", "Transport", "Technology",
           "Education", "Security", "Trade", "Housing", "Labour", "Courts", "Elections")


def _sentence(rng: random.Random, facts: dict[str, str]) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(10, 24))]
    words.insert(rng.randint(0, len(words)), facts[rng.choice(list(facts))])
    return " ".join(words).capitalize() + "."


def _event(rng: random.Random) -> tuple[str, dict[str, str], list[str]]:
    """One story's shared material: a headline, its facts, and sentences every report may use."""
    place, name = rng.choice(_PLACES), rng.choice(_NAMES)
    facts = {"place": f"in {place}", "name": name, "count": f"{rng.randint(2, 900)} people",
             "money": f"${rng.randint(2, 90)} million", "day": "on Tuesday"}
    headline = (f"{name} {rng.choice(['says', 'warns', 'announces', 'rejects'])} "
                f"{' '.join(rng.choice(_WORDS) for _ in range(4))} in {place}")
    shared = [_sentence(rng, facts) for _ in range(rng.randint(8, 40))]
    return headline, facts, shared


def _body(rng: random.Random, facts: dict[str, str], shared: list[str]) -> str:
    """Markdown: paragraphs, a heading or two, a list, a quotation and links."""
    picked = [s if rng.random() < 0.7 else _sentence(rng, facts) for s in shared
              if rng.random() < 0.8] or shared[:3]
    blocks: list[str] = []
    for start in range(0, len(picked), 3):
        if start and rng.random() < 0.15:
            blocks.append(f"## {' '.join(rng.choice(_WORDS) for _ in range(3)).capitalize()}")
        blocks.append(" ".join(picked[start:start + 3]))
        if rng.random() < 0.1:
            blocks.append("\n".join(f"- {rng.choice(_WORDS)} {rng.choice(_WORDS)} "
                                    f"{rng.choice(_WORDS)}" for _ in range(rng.randint(2, 5))))
    speaker = facts["name"]
    blocks.insert(min(2, len(blocks)), f'"We will {rng.choice(_WORDS)} this," {speaker} said.')
    if rng.random() < 0.3:
        blocks.append(f"> {_sentence(rng, facts)}")
    blocks.append(f"Read more at [the agency](https://example.org/{rng.randint(1, 10**6)}) "
                  f"and *{rng.choice(_SOURCES)}*.")
    return "\n\n".join(blocks)


def article_text(title: str, source: str, date: dt.date, tags: list[str], story: str | None,
                 body: str) -> str:
    """An article file: YAML front matter and a Markdown body."""
    meta = [f'title: "{title}"', f"source: {source}", f"date: {date.isoformat()}",
            f"tags: [{', '.join(tags)}]"]
    if story is not None:
        meta.append(f"story: {story}")
    return "---\n" + "\n".join(meta) + "\n---\n\n" + body + "\n"


def write_site(folder: Path, count: int, seed: int = 7, unstoried: float = 0.0,
               per_day: int = 120) -> Path:
    """Write a content folder with ``count`` articles; returns the content folder."""
    rng = random.Random(seed)
    content = folder / "content"
    articles = content / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    (content / "site.yaml").write_text(
        'title: Bench Digest\ndescription: Synthetic news\nbase_url: "https://bench.example/"\n'
        "language: en\nauthor: Bench\n", encoding="utf-8")
    written, story_number = 0, 0
    while written < count:
        headline, facts, shared = _event(rng)
        day = _START + dt.timedelta(days=written // per_day)
        story = f"{day.isoformat()}-bench-story-{story_number}"
        tags = rng.sample(_TOPICS, 2) + [facts["place"].removeprefix("in ")]
        for report in range(min(rng.randint(1, 6), count - written)):
            date = day + dt.timedelta(days=rng.randint(0, 2))
            title = headline if report == 0 else f"{headline} ({rng.choice(_WORDS)})"
            text = article_text(title, rng.choice(_SOURCES), date, tags,
                                None if rng.random() < unstoried else story,
                                _body(rng, facts, shared))
            (articles / f"a{written:06d}-s{story_number}.md").write_text(text, encoding="utf-8")
            written += 1
        story_number += 1
    return content
