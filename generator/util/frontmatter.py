"""YAML front matter: split a Markdown file into (mapping, body) and write one back.

Editors' files are refused, never rewritten, when they hold what no page or feed can carry:
a control character anywhere in the file (or written as an escape in a quoted value), a YAML
alias (a few hundred bytes of them expand to gigabytes), a field given twice.
"""

from __future__ import annotations

import reprlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ContentError, Problem, SourcePos
from generator.util import files

try:  # libyaml when available: same results, several times faster
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

FENCE = "---"
SHOWN = 60  # characters of a value quoted in a message: never the whole value
ALIASES = "YAML aliases ('&'/'*') are not allowed in front matter; write the value out"


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed Markdown file: its front matter text and data, and its body."""

    meta: dict[str, Any]
    meta_text: str
    body: str
    body_line: int  # 1-based line where the body starts


class _Refused(yaml.YAMLError):
    """Front matter YAML reads but we refuse: the message, at character ``index``."""

    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index
        self.message = message


class _Duplicate(yaml.YAMLError):
    """A key given twice in one mapping: the key, and where each one is."""

    def __init__(self, key: object, first: int, again: int) -> None:
        super().__init__(key)
        self.key, self.first, self.again = key, first, again


class _StrictLoader(_Loader):
    """The safe loader (libyaml's when built) refusing a key given twice in one mapping
    (PyYAML would keep the last one without a word)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep)
        if len(mapping) == len(node.value):  # every key once (the common case: no search)
            return mapping
        first: dict[object, int] = {}
        for key_node, _ in node.value:  # keys as the mapping holds them: 'title' and
            key = self.construct_object(key_node)  # "title", 1 and 0x1 are one key
            index = key_node.start_mark.index
            if first.setdefault(key, index) != index:
                raise _Duplicate(key, first[key], index)
        return mapping


def parse(text: str, path: Path) -> Document:
    """Split ``---``-fenced YAML front matter from the body; errors carry file:line."""
    _refuse_not_text(text, path)
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
    data = _load(meta_text, path)
    start = end + 1
    while start < len(lines) - 1 and not lines[start].strip():
        start += 1
    body = "\n".join(lines[start:])
    return Document(meta=data, meta_text=meta_text, body=body, body_line=start + 1)


def _load(meta_text: str, path: Path) -> dict[str, Any]:
    """The front matter's mapping; ContentError on the line of the first thing refused."""
    try:
        _refuse_aliases(meta_text)
        data = yaml.load(meta_text, Loader=_StrictLoader) if meta_text.strip() else {}
    except _Refused as exc:
        raise ContentError([Problem(SourcePos(path, _line_at(meta_text, exc.index, 2)),
                                    exc.message)]) from None
    except _Duplicate as exc:
        line, first = (_line_at(meta_text, index, 2) for index in (exc.again, exc.first))
        where = f"also on line {first}" if first != line else "twice on this line"
        raise ContentError([Problem(SourcePos(path, line), f"duplicate field {shown(exc.key)} "
                                                           f"({where}): keep one")]) from None
    except yaml.YAMLError as exc:
        raise ContentError([yaml_error(exc, path, meta_text, first_line=2)]) from None
    except (ValueError, OverflowError) as exc:  # a well-formed but impossible date or time
        raise ContentError([Problem(SourcePos(path, _bad_value_line(meta_text.split("\n"))),
                                    f"invalid value in front matter ({exc}); write dates as "
                                    "YYYY-MM-DD, or quote the value")]) from None
    if not isinstance(data, dict):
        raise ContentError([Problem(SourcePos(path, 2),
                                    "front matter must be YAML 'key: value' lines")])
    escaped = _escaped_not_text(data)
    if escaped is not None:
        key, message = escaped
        raise ContentError([Problem(SourcePos(path, key_line(meta_text, str(key))),
                                    f"{key}: {message}")])
    return data


def _refuse_not_text(text: str, path: Path) -> None:
    """ContentError at the first character no page or feed may carry (ESC, other controls),
    wherever it is in the file: an editor's file is refused, never cleaned."""
    found = files.not_text(text)
    if found is None:
        return
    index, message = found
    count = len(files.NOT_TEXT.findall(text))
    more = f" (the file has {count} such characters)" if count > 1 else ""
    raise ContentError([Problem(SourcePos(path, _line_at(text, index, 1)), message + more)])


def _refuse_aliases(meta_text: str) -> None:
    """_Refused at the first anchor or alias: front matter never needs them, and a few hundred
    bytes of aliases expand to gigabytes. The tokens are only scanned when one may be there;
    a YAML error is left for the load to report (it stops before building anything)."""
    if "&" not in meta_text and "*" not in meta_text:
        return
    try:
        for token in yaml.scan(meta_text, Loader=_Loader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                raise _Refused(token.start_mark.index, ALIASES)
    except _Refused:
        raise
    except yaml.YAMLError:
        return


def _escaped_not_text(data: dict[Any, Any]) -> tuple[Any, str] | None:
    """The top-level key whose value (or key) holds a character no page may carry, written as
    an escape in quotes (``"\\e"``): the raw character was refused with the file."""
    for key, value in data.items():
        stack: list[Any] = [key, value]
        while stack:  # a loop, not recursion: nesting may be deep
            item = stack.pop()
            if isinstance(item, str):
                found = files.not_text(item)
                if found is not None:
                    return key, found[1].replace("; delete it", "; delete the '\\' escape "
                                                                "that writes it")
            elif isinstance(item, dict):
                stack.extend((*item.keys(), *item.values()))
            elif isinstance(item, list):
                stack.extend(item)
    return None


def shown(value: object, limit: int = SHOWN) -> str:
    """A value in a message: quoted as Python writes it, cut to about ``limit`` characters
    (never the whole value: one may be megabytes, or share parts that repeat)."""
    if isinstance(value, str):
        return repr(value[:limit] + ("..." if len(value) > limit else ""))
    short = reprlib.Repr()
    short.maxlevel, short.maxother, short.maxstring = 2, limit, limit
    text = short.repr(value)
    return text[:limit] + ("..." if len(text) > limit else "")


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
