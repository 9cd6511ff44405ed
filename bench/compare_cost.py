"""What the comparison costs: CPU seconds of ``compare()`` over the stories of a content
folder's articles (grouped by their ``story:``, those of two or more reports).

For counts that do not depend on the machine's load, run it under callgrind twice, with and
without ``--no-compare`` (the same parsing and imports, no comparison), and subtract:

    valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        python bench/compare_cost.py CONTENT --articles 160 [--no-compare]

bench/RESULTS.md (2026-12-08) has such counts for the bench's synthetic site.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import content  # noqa: E402
from generator.compare.comparison import compare  # noqa: E402
from generator.model import Article, Story  # noqa: E402


def stories_of(folder: Path, articles: int) -> list[Story]:
    """The stories of two or more reports among the first ``articles`` article files."""
    grouped: dict[str, list[Article]] = defaultdict(list)
    for path in sorted((folder / "articles").glob("*.md"))[:articles]:
        article = content.parse_article(path.read_text(encoding="utf-8"), path)[0]
        if article is not None and article.story:
            grouped[article.story].append(article)
    return [Story(id=key, headline=group[0].title, summary="",
                  articles=tuple(sorted(group, key=lambda a: (a.day, a.slug))), lead=group[0])
            for key, group in sorted(grouped.items()) if len(group) > 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("content", type=Path, help="a content folder (articles/*.md)")
    parser.add_argument("--articles", type=int, default=1000, help="how many article files")
    parser.add_argument("--no-compare", action="store_true", help="parse and group only")
    args = parser.parse_args()
    stories = stories_of(args.content, args.articles)
    started = time.process_time()
    if not args.no_compare:
        for story in stories:
            compare(story)
    print(f"{len(stories)} stories, {sum(len(s.articles) for s in stories)} reports: "
          f"{time.process_time() - started:.2f} CPU-s")


if __name__ == "__main__":
    main()
