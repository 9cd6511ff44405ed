"""Golden tests: whole raw reports in, every Report field and the exact body out.

Regenerate on purpose with ``pytest --update-golden`` (then review the diff).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.ingest import clean_path
from generator.ingest.endcredits import parse_credit
from generator.ingest.escape import plain_text
from generator.ingest.junk import is_junk_line
from generator.model import Report

GOLDEN = Path(__file__).parent.parent / "fixtures" / "ingest" / "golden"
INPUTS = sorted(p for p in GOLDEN.iterdir()
                if p.suffix in (".txt", ".html", ".md") and ".expected" not in p.name)


def report_fields(report: Report) -> dict[str, Any]:
    """Every field but the body, as JSON-ready values."""
    return {
        "title": report.title, "source": report.source, "subtitle": report.subtitle,
        "publisher": report.publisher,
        "date": report.date.isoformat() if report.date is not None else None,
        "date_inferred": report.date_inferred, "dateline": report.dateline,
        "author": report.author,
        "images": [{"caption": i.caption, "credit": i.credit} for i in report.images],
        "tags": list(report.tags), "notes": list(report.notes),
    }


def _update_requested(request: pytest.FixtureRequest) -> bool:
    try:
        return bool(request.config.getoption("--update-golden", default=False))
    except ValueError:  # the option is not registered
        return False


@pytest.mark.parametrize("raw", INPUTS, ids=[p.name for p in INPUTS])
def test_golden(raw: Path, request: pytest.FixtureRequest) -> None:
    report = clean_path(raw)
    fields_path = raw.with_name(raw.name + ".expected.json")
    body_path = raw.with_name(raw.name + ".expected.md")
    fields = report_fields(report)
    if _update_requested(request):
        fields_path.write_text(json.dumps(fields, indent=2, ensure_ascii=False) + "\n",
                               encoding="utf-8")
        body_path.write_text(report.body + "\n", encoding="utf-8")
    assert fields == json.loads(fields_path.read_text(encoding="utf-8"))
    assert report.body + "\n" == body_path.read_text(encoding="utf-8")


@pytest.mark.parametrize("raw", [p for p in INPUTS if p.suffix == ".txt"],
                         ids=[p.name for p in INPUTS if p.suffix == ".txt"])
def test_wire_copy_keeps_every_sentence_in_order(raw: Path) -> None:
    """Each raw line is the title, the subtitle, a caption, a marker or credit, or a paragraph
    (the first one minus its dateline), and the paragraphs keep their order."""
    report = clean_path(raw)
    paragraphs = iter(plain_text(report.body).split("\n\n"))
    lines = [line.strip() for line in raw.read_text(encoding="utf-8").split("\n") if line.strip()]
    accounted_for = [report.subtitle, *(i.caption for i in report.images)]
    for line in lines[1:]:
        if is_junk_line(line) or parse_credit(line) or any(a and a in line for a in accounted_for):
            continue
        paragraph = next(paragraphs)
        assert line.endswith(paragraph), (line, paragraph)
    assert next(paragraphs, None) is None
