"""The news agencies and wire services that reports name in their titles and bylines."""

from __future__ import annotations

import re

AGENCIES = ("Reuters", "AP", "AP News", "Associated Press", "AFP", "Agence France-Presse",
            "Bloomberg", "Al Jazeera", "BBC", "BBC News", "CNN", "UPI", "dpa", "DPA", "Xinhua",
            "EFE", "ANSA", "Kyodo", "Kyodo News", "Yonhap", "TASS", "PTI", "IANS", "ANI")
AGENCY_ALTERNATIVES = "|".join(sorted(map(re.escape, AGENCIES), key=len, reverse=True))
# "The Associated Press", "Reuters", "AFP staff": a line that only names an agency
_AGENCY_LINE = re.compile(rf"(?:The )?(?:{AGENCY_ALTERNATIVES})(?: (?:staff|reporters?|"
                          r"wires?))?", re.IGNORECASE)


def agency_named(text: str) -> str | None:
    """The agency ``text`` is nothing but the name of (as written, with its "The"), or None."""
    text = text.strip(" .,;:|-–—")
    found = _AGENCY_LINE.fullmatch(text)
    if found is None or not text[0].isupper():
        return None
    return re.sub(r"(?i) (?:staff|reporters?|wires?)$", "", text)
