"""YAML front matter: split a Markdown file into (mapping, body) and write one back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ContentError, Problem, SourcePos

try:  # libyaml when available: same results, several times faster
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

FENCE = "---"


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed Markdown file: its front matter text and data, and its body."""

    meta: dict[str, Any]
    meta_text: str
    body: str
    body_line: int  # 1-based line where the body starts


def parse(text: str, path: Path) -> Document:
    """Split ``---``-fenced YAML front matter from the body; errors carry file:line."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        raise ContentError([Problem(SourcePos(path, 1),
                                    "no front matter: the file must start with a line '---', "
                                    "then YAML fields (title, source, date...), then '---'")])
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE)
    except StopIteration:
        raise ContentError([Problem(SourcePos(path, 1),
                                    "front matter is not closed: add a line '---' after the last "
                                    "field")]) from None
    meta_text = "\n".join(lines[1:end])
    try:
        data = yaml.load(meta_text, Loader=_Loader) if meta_text.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise ContentError([Problem(SourcePos(path, line),
                                    f"invalid YAML in front matter: {problem}; quote values "
                                    "that contain ': ' or start with a special character")]
                           ) from None
    except (ValueError, OverflowError) as exc:  # a well-formed but impossible date or time
        raise ContentError([Problem(SourcePos(path, _bad_value_line(lines[1:end])),
                                    f"invalid value in front matter ({exc}); write dates as "
                                    "YYYY-MM-DD, or quote the value")]) from None
    if not isinstance(data, dict):
        raise ContentError([Problem(SourcePos(path, 2),
                                    "front matter must be YAML 'key: value' lines")])
    start = end + 1
    while start < len(lines) - 1 and not lines[start].strip():
        start += 1
    body = "\n".join(lines[start:])
    return Document(meta=data, meta_text=meta_text, body=body, body_line=start + 1)


def _bad_value_line(meta_lines: list[str]) -> int:
    """1-based file line of the first front matter line YAML cannot turn into a value."""
    for number, line in enumerate(meta_lines, start=2):
        try:
            yaml.load(line, Loader=_Loader)
        except (ValueError, OverflowError):
            return number
        except yaml.YAMLError:
            continue
    return 1


def dump(meta: dict[str, Any], body: str) -> str:
    """Front matter (keys in the given order) and body, as the text of a Markdown file."""
    meta_text = yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                          default_flow_style=False, width=1_000_000)  # one line per field
    return f"{FENCE}\n{meta_text}{FENCE}\n\n{body.strip()}\n"
