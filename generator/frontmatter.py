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
        raise ContentError([yaml_error(exc, path, meta_text, first_line=2)]) from None
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


# Errors in something opened and never closed: the parser gives up where it runs out (at the
# end of the front matter for a quote), but the mistake is where it opened: context -> the fix
_OPENED = {
    "while scanning a quoted scalar": "close the quote opened on this line",
    "while parsing a flow sequence": "close the '[' opened on this line with ']'",
    "while parsing a flow mapping": "close the '{' opened on this line with '}'",
    "while scanning a simple key": "write this line as 'key: value'",
}
_QUOTE_FIX = "quote values that contain ': ' or start with a special character"


def yaml_error(exc: yaml.YAMLError, path: Path, text: str, first_line: int = 1,
               what: str = "front matter") -> Problem:
    """A YAML error in ``text`` (file line ``first_line`` onwards) as one line at the file line
    of the mistake, saying how to fix it; ``what`` names the YAML (front matter, site.yaml)."""
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML refuses anywhere
        code = exc.character if isinstance(exc.character, int) else 0  # int for text input
        return Problem(SourcePos(path, _line_at(text, text.find(chr(code)), first_line)),
                       f"invalid YAML in {what}: character U+{code:04X} is not allowed "
                       f"({exc.reason}); delete it")
    problem = str(getattr(exc, "problem", None) or str(exc).split("\n", 1)[0])
    problem_mark = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    problem_line = (_line_at(text, problem_mark.index, first_line) if problem_mark is not None
                    else first_line)
    if context in _OPENED and context_mark is not None:
        line = _line_at(text, context_mark.index, first_line)
        where = f" (line {problem_line})" if problem_line != line else ""
        return Problem(SourcePos(path, line), f"invalid YAML in {what}: {problem}{where} "
                                              f"{context}; {_OPENED[context]}")
    return Problem(SourcePos(path, problem_line), f"invalid YAML in {what}: {problem}; "
                                                  f"{_QUOTE_FIX}")


def _line_at(text: str, index: int, first_line: int) -> int:
    """The file line of character ``index`` of ``text`` (lines end at '\\n' only, as in an
    editor; YAML also counts U+2028 and U+0085), or ``first_line`` when it is not known."""
    return text.count("\n", 0, index) + first_line if index >= 0 else first_line


def key_line(meta_text: str, key: str) -> int:
    """The file line of the front matter line that starts with ``key:`` (lines counted as
    ``yaml_error`` counts them), or the first field's line when there is none."""
    for number, line in enumerate(meta_text.split("\n"), start=2):
        if line.startswith(f"{key}:"):
            return number
    return 2


def dump(meta: dict[str, Any], body: str) -> str:
    """Front matter (keys in the given order) and body, as the text of a Markdown file."""
    meta_text = yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                          default_flow_style=False, width=1_000_000)  # one line per field
    return f"{FENCE}\n{meta_text}{FENCE}\n\n{body.strip()}\n"
