"""Outlet names: one outlet however its reports credit it (pure, but for reading the file).

``content/sources.yaml`` (optional, the editors') is keyed by the name readers see, each with
``aliases``, ``url``, ``country`` and free-form ``labels``; the main news agencies are known
without it (``AGENCIES``: "AP News" and "The Associated Press" are the Associated Press). Names
match ignoring letter case, spacing and punctuation (their URL part). ``credit`` gives an
article its outlet's name (as it is parsed: the parse memo keeps the result); with a
sources.yaml, an outlet it does not list gets a note with the closest name it does list.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from generator import taxonomy
from generator.errors import ContentError, Problem, SourcePos
from generator.model import Article, Outlet
from generator.util import files, frontmatter

try:  # libyaml when available
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

SOURCES_FILE = "sources.yaml"
UNLISTED = "outlet "  # how the note on an outlet sources.yaml does not list starts
OUTLET_KEYS = ("aliases", "url", "country", "labels")
_TEXT = "tag:yaml.org,2002:str"
# The main agencies, by the name readers see, with the names reports credit them by; a
# sources.yaml entry naming any of these names takes its place.
AGENCIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Associated Press", ("AP", "AP News", "The Associated Press", "Associated Press News",
                          "apnews.com")),
    ("Reuters", ("Thomson Reuters", "Reuters News", "reuters.com")),
    ("AFP", ("Agence France-Presse", "Agence France Presse", "AFP News", "France-Presse")),
    ("dpa", ("Deutsche Presse-Agentur", "Deutsche Presse Agentur")),
    ("EFE", ("Agencia EFE",)),
    ("ANSA", ("Agenzia ANSA",)),
    ("Xinhua", ("Xinhua News Agency", "Xinhua News")),
    ("Kyodo News", ("Kyodo",)),
    ("UPI", ("United Press International",)),
    ("Anadolu Agency", ("Anadolu", "AA")),
)


@dataclass(frozen=True, slots=True)
class Directory:
    """Every outlet known by name: sources.yaml's entries (``listed``), then the agencies."""

    by_key: dict[str, Outlet]  # url_key of a name or alias -> its outlet
    listed: tuple[Outlet, ...] = ()  # sources.yaml's outlets, in file order
    path: Path | None = None  # the sources.yaml read, if any
    version: str = ""  # a hash of its text: parses made with another are not reused

    def find(self, name: str) -> Outlet | None:
        """The outlet ``name`` names, if it is known."""
        return self.by_key.get(taxonomy.url_key(name))

    def suggestion(self, name: str) -> str:
        """A ' (did you mean "X"?)' for a name sources.yaml does not list, or ''."""
        names = {known: outlet.name for outlet in self.listed
                 for known in (outlet.name, *outlet.aliases)}
        close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.6)
        return f' (did you mean "{names[close[0]]}"?)' if close else ""


def directory(listed: Sequence[Outlet] = (), path: Path | None = None,
              version: str = "") -> Directory:
    """The directory of ``listed`` outlets (sources.yaml's) and the built-in agencies."""
    by_key: dict[str, Outlet] = {}
    for name, aliases in AGENCIES:
        agency = Outlet(name=name)
        for known in (name, *aliases):
            by_key[taxonomy.url_key(known)] = agency
    for outlet in listed:  # an editor's entry replaces every name of the agency it names
        replaced = {by_key[key] for key in _keys(outlet) if key in by_key}
        for key, found in list(by_key.items()):
            if found in replaced:
                by_key[key] = outlet
        for key in _keys(outlet):
            by_key[key] = outlet
    return Directory(by_key=by_key, listed=tuple(listed), path=path, version=version)


def _keys(outlet: Outlet) -> list[str]:
    return [taxonomy.url_key(known) for known in (outlet.name, *outlet.aliases)]


def load(content_dir: Path) -> tuple[Directory, list[Problem]]:
    """The directory of ``content/sources.yaml`` (the agencies alone when there is none), and
    the file's problems, each on its line."""
    path = content_dir / SOURCES_FILE
    if not path.is_symlink() and not path.exists():
        return directory(), []
    try:
        text, problems = files.read_checked(path, content_dir)
    except ContentError as exc:
        return directory(), list(exc.problems)
    except OSError as exc:
        return directory(), [Problem(SourcePos(path), f"cannot read the file ({exc.strerror}); "
                                                      f"make {SOURCES_FILE} a readable text file")]
    listed, found = read_outlets(path, text)
    version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return directory(listed, path, version), problems + found


def read_outlets(path: Path, text: str) -> tuple[list[Outlet], list[Problem]]:
    """The outlets of a sources.yaml ``text`` and its problems (``path:line: message``)."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        return [], [frontmatter.yaml_error(exc, path, text, 1, SOURCES_FILE)]
    except RecursionError:
        return [], [Problem(SourcePos(path, 1), f"invalid YAML in {SOURCES_FILE}: nested too "
                                                "deeply; write each outlet as in the README")]
    if root is None:
        return [], []
    if not isinstance(root, yaml.MappingNode):
        return [], [Problem(SourcePos(path, _line(root)), f"{SOURCES_FILE} must map each outlet's "
                            "name to its fields, e.g. 'Reuters:' then '  aliases: [...]'")]
    outlets: list[Outlet] = []
    problems: list[Problem] = []
    for name_node, fields_node in root.value:
        outlet, found = _outlet(path, name_node, fields_node)
        problems += found
        if outlet is not None:
            outlets.append(outlet)
    return outlets, problems + _shared_names(path, root, outlets)


def _outlet(path: Path, name_node: yaml.Node, node: yaml.Node
            ) -> tuple[Outlet | None, list[Problem]]:
    """One entry: its name and fields, or None and what is wrong with it."""
    name = _text(name_node)
    if name is None:
        return None, [Problem(SourcePos(path, _line(name_node)), "an outlet's name must be text "
                              "(quote it), e.g. 'Associated Press:'")]
    if _is_null(node):
        return Outlet(name=name), []
    if not isinstance(node, yaml.MappingNode):
        return None, [Problem(SourcePos(path, _line(node)), f"{name}: its fields must be "
                              f"'key: value' lines below it ({', '.join(OUTLET_KEYS)})")]
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for key_node, value_node in node.value:
        key = _text(key_node) or "?"
        value, message = _field(key, value_node)
        if message:
            problems.append(Problem(SourcePos(path, _line(key_node)), f"{name}: {message}"))
        elif key in values:
            problems.append(Problem(SourcePos(path, _line(key_node)),
                                    f"{name}: {key} given twice; keep one"))
        else:
            values[key] = value
    if problems:
        return None, problems
    return Outlet(name=name, **values), []


def _field(key: str, node: yaml.Node) -> tuple[object, str]:
    """An outlet's field as its Outlet value, or the message saying how to write it."""
    if key not in OUTLET_KEYS:
        return None, (f"unknown field {frontmatter.shown(key)}{_suggest(key)}; known fields: "
                      f"{', '.join(OUTLET_KEYS)}")
    if key == "aliases":
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        texts = [_text(item) for item in items]
        if not all(texts):
            return None, "aliases: must be a list of names, e.g. [AP, AP News]"
        return tuple(t for t in texts if t), ""
    if key == "labels":
        if not isinstance(node, yaml.MappingNode):
            return None, "labels: must be 'label: value' pairs, e.g. {lean: center}"
        pairs = [(_text(k), _text(v)) for k, v in node.value]
        if not all(k and v for k, v in pairs):
            return None, "labels: each label and value must be text, e.g. {owner: cooperative}"
        return tuple((k, v) for k, v in pairs if k and v), ""
    text = _text(node)
    if text is None:
        return None, f"{key}: must be text; quote it"
    if key == "url" and not is_web_address(text):
        return None, (f"url: {frontmatter.shown(text)} is not an http(s) address; write one "
                      "such as 'https://apnews.com/'")
    return text, ""


def _shared_names(path: Path, root: yaml.MappingNode, outlets: Sequence[Outlet]
                  ) -> list[Problem]:
    """A name or alias of two outlets: it could not say which one a report means."""
    owner: dict[str, str] = {}
    problems: list[Problem] = []
    lines = {_text(k): _line(k) for k, _ in root.value}
    for outlet in outlets:
        for known in dict.fromkeys((outlet.name, *outlet.aliases)):
            other = owner.setdefault(taxonomy.url_key(known), outlet.name)
            if other != outlet.name:
                problems.append(Problem(SourcePos(path, lines.get(outlet.name, 1)),
                                        f"{outlet.name}: {known!r} also names {other!r}; keep "
                                        "it under one outlet"))
    return problems


def _suggest(key: str) -> str:
    close = difflib.get_close_matches(key, OUTLET_KEYS, n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _text(node: yaml.Node) -> str | None:
    """A node's text, or None when it is not a non-empty text (a number, a list...)."""
    if (isinstance(node, yaml.ScalarNode) and node.tag == _TEXT and node.value.strip()
            and files.not_text(node.value) is None):
        return " ".join(node.value.split())
    return None


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def report_address_problem(value: object) -> str:
    """Why a ``url:`` is no report's address on its outlet ("" when it is one: http(s) text)."""
    if isinstance(value, str) and is_web_address(value.strip()):
        return ""
    return (f"{frontmatter.shown(value)} is not an http(s) address; write the report's address "
            "on its outlet, e.g. 'https://apnews.com/article/...', or remove the field")


def is_web_address(url: str) -> bool:
    """An http(s) address with a host and no spaces (the original of a report, an outlet)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return (parts.scheme in ("http", "https") and bool(parts.netloc)
            and not any(c.isspace() for c in url))


def credit(article: Article, known: Directory,
           find: Callable[[str], Outlet | None] | None = None) -> Article:
    """The article with its outlet's name as ``source`` (and ``publisher``), the name it
    credited in ``credited`` when that differs, and what sources.yaml says of the outlet;
    the article itself when nothing changes (a warm build's digests stay known). ``find``:
    ``known.find`` or a memo of it."""
    find = find or known.find
    outlet = find(article.source)
    publisher = find(article.publisher) if article.publisher else None
    changes: dict[str, Any] = {}
    if outlet is not None and outlet.name != article.source:
        changes.update(source=outlet.name, credited=article.source)
    info = (outlet.url, outlet.country, outlet.labels) if outlet is not None else (None, None, ())
    if info != (article.outlet_url, article.outlet_country, article.outlet_labels):
        changes.update(outlet_url=info[0], outlet_country=info[1], outlet_labels=info[2])
    if publisher is not None and publisher.name != article.publisher:
        changes["publisher"] = publisher.name
    return replace(article, **changes) if changes else article


def resolve(articles: Sequence[Article], known: Directory) -> list[Article]:
    """``credit`` of each article."""
    find = finder(known)
    return [credit(article, known, find) for article in articles]


def finder(known: Directory) -> Callable[[str], Outlet | None]:
    """``known.find`` looking each name up once (a site credits a few hundred outlets,
    10,000s of times; a lookup makes the name's URL part)."""
    found: dict[str, Outlet | None] = {}

    def find(name: str) -> Outlet | None:
        if name not in found:
            found[name] = known.find(name)
        return found[name]

    return find


def unlisted(known: Directory, article: Article, meta_text: str,
             find: Callable[[str], Outlet | None] | None = None) -> list[Problem]:
    """A note when a sources.yaml does not list the article's outlet, on its ``source:``
    line (``meta_text``: its front matter; ``find``: as ``credit`` takes it)."""
    if known.path is None or (find or known.find)(article.source) is not None:
        return []
    return [Problem(SourcePos(article.path, frontmatter.key_line(meta_text, "source")),
                    f"{UNLISTED}{frontmatter.shown(article.source)} is not in {SOURCES_FILE}"
                    f"{known.suggestion(article.source)}; add it there, or as an alias of its "
                    "outlet", "note")]


def of_articles(articles: Sequence[Article]) -> Directory:
    """The directory of the content folder the articles were loaded from
    (``content/articles/<slug>.md``), its problems left to ``content.load_articles``."""
    if not articles:
        return directory()
    return load(articles[0].path.parent.parent)[0]
