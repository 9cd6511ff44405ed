"""A page's legal footer is not its article; a copyright line glued under an article is cut
off, and sentences about privacy policies or trademarks stay."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.ingest import clean_path, clean_text
from generator.ingest.escape import plain_text
from generator.ingest.legal import is_disclaimer, is_legal_line, legal_cut

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
CASES = yaml.safe_load((FIXTURES / "legal.yaml").read_text(encoding="utf-8"))
MENU = "\n".join(["Home", "News", "World", "Business", "Sport", "Search"])


@pytest.mark.parametrize("line", CASES["legal"])
def test_legal_line(line: str) -> None:
    assert is_legal_line(line) and is_disclaimer(line)


@pytest.mark.parametrize("line", CASES["disclaimer"])
def test_disclaimer_is_not_legal_alone(line: str) -> None:
    assert is_disclaimer(line) and not is_legal_line(line)


@pytest.mark.parametrize("line", CASES["not_legal"])
def test_article_sentence_is_not_legal(line: str) -> None:
    assert not is_legal_line(line)


def test_legal_cut_takes_a_footer_whole_and_a_glued_notice_alone() -> None:
    footer = [*CASES["disclaimer"][:2], CASES["legal"][0]]
    assert legal_cut(footer) == 3
    article = [*CASES["not_legal"][:3], CASES["legal"][0]]
    assert legal_cut(article) == 1
    assert legal_cut(CASES["not_legal"]) == 0


def test_a_footer_that_outweighs_the_article_is_not_taken_for_it() -> None:
    report = clean_path(FIXTURES / "full_page" / "legal_footer_page.txt")
    body = plain_text(report.body)
    assert body.startswith("If you have a busy week ahead")
    assert "most of the dishes keep for four days" in body
    assert "Results vary" not in body and "trademark" not in body


def test_a_copyright_notice_under_a_page_article_is_cut_and_the_article_kept() -> None:
    paragraphs = list(CASES["not_legal"])
    text = "\n\n".join(["Court rules on song copyright", MENU, *paragraphs, CASES["legal"][2],
                        MENU]) + "\n"
    body = plain_text(clean_text(text).body)
    assert body.split("\n\n") == paragraphs


def test_a_market_data_notice_the_run_starts_with_is_cut() -> None:
    paragraphs = list(CASES["not_legal"])
    text = "\n\n".join(["Court rules on song copyright", MENU, CASES["legal"][5],
                        CASES["legal"][2], *paragraphs, MENU]) + "\n"
    body = plain_text(clean_text(text).body)
    assert body.split("\n\n") == paragraphs
