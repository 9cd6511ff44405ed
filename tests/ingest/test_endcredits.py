"""End credits -> source (and publisher); the credit line leaves the body."""

from __future__ import annotations

import pytest

from generator.ingest import clean_text
from generator.ingest.endcredits import parse_credit


@pytest.mark.parametrize(("line", "expected"), [
    ("Source: Reuters", ("Reuters", None)),
    ("Source: Al Jazeera and news agencies", ("Al Jazeera", "Al Jazeera")),
    ("SOURCE: AFP, Reuters", ("AFP", None)),
    ("Source: officials familiar with the talks said the deal was close.", None),
    ("Sources say the deal is close.", None),
])
def test_parse_credit(line: str, expected: tuple[str, str | None] | None) -> None:
    assert parse_credit(line) == expected


def test_credit_sets_source_and_publisher() -> None:
    report = clean_text("Talks resume in Doha\n\nNegotiators met again on Monday after a "
                        "week-long pause, officials said.\n\nSource: Al Jazeera and news agencies\n")
    assert (report.source, report.publisher) == ("Al Jazeera", "Al Jazeera")
    assert "Source" not in report.body
