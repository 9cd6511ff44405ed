"""Credits: agencies a report names, in order of first mention, only as whole words."""

from __future__ import annotations

import pytest

from generator.compare_provenance import credits
from tests.helpers import article


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
