"""netlify.toml's ``[[headers]]`` rules, matched as Netlify matches them, and a local server
that sends them, so tests see the site as it is deployed (Content-Security-Policy included).

What is implemented (it follows ``netlify dev``, whose rules are Netlify's own code:
``@netlify/headers-parser`` and the CLI's ``headersForPath``):

- ``for`` is matched against the request's path (no query), case-insensitively, with or
  without a trailing slash. ``*`` matches any characters, ``/`` included; a ``*`` that is a
  whole segment also matches nothing, so ``/*`` matches ``/`` and ``/static/*`` matches
  ``/static``. ``:name`` matches one segment. Anything else is literal.
- Every rule whose ``for`` matches applies, in the order of the file. When two matching
  rules set the same header (names compared case-insensitively), the later rule's value
  wins: in our netlify.toml the more specific rules come later, so they override ``/*``.
- A value given as a list, or as a string with commas, becomes one ``a, b`` value.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import tomllib
import urllib.parse
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.helpers import loopback

REPO = Path(__file__).resolve().parents[2]
NETLIFY_TOML = REPO / "netlify.toml"


@dataclass(frozen=True, slots=True)
class HeaderRule:
    """One ``[[headers]]`` block: its ``for`` pattern and the headers it sets."""

    pattern: str
    regex: re.Pattern[str]
    values: tuple[tuple[str, str], ...]


def pattern_regex(pattern: str) -> re.Pattern[str]:
    """The regular expression a ``for`` pattern stands for (see the module docstring)."""
    parts = [part.rstrip() for part in pattern.strip().split("/") if part.strip()]
    body = ""
    for part in parts:
        if part == "*":
            body += "(?:/.*)?"
        elif part.startswith(":"):
            body += "/[^/]+"
        else:
            body += "/" + ".*".join(re.escape(piece) for piece in part.split("*"))
    return re.compile(f"^{body}/?$" if body else "^/$", re.IGNORECASE)


def header_value(name: str, raw: object) -> str:
    """A header's value as Netlify sends it: list items and comma-separated parts joined."""
    if isinstance(raw, list) and all(isinstance(item, str) for item in raw):
        return ", ".join(item.strip() for item in raw)
    if isinstance(raw, str):
        return ", ".join(re.split(r"\s*,\s*", raw.strip()))
    raise ValueError(f"netlify.toml: header {name!r} must be a string or a list of strings")


def parse_rules(config: Mapping[str, object]) -> list[HeaderRule]:
    """The ``[[headers]]`` rules of a parsed netlify.toml, in file order."""
    blocks = config.get("headers", [])
    if not isinstance(blocks, list):
        raise ValueError("netlify.toml: `headers` must be an array of tables ([[headers]])")
    rules = []
    for number, block in enumerate(blocks, start=1):
        pattern, values = block.get("for"), block.get("values", {})
        if not isinstance(pattern, str) or not isinstance(values, dict):
            raise ValueError(f"netlify.toml: [[headers]] number {number} needs `for` = "
                             "\"/path\" and a [headers.values] table")
        rules.append(HeaderRule(pattern, pattern_regex(pattern), tuple(
            (name.strip(), header_value(name, raw)) for name, raw in values.items())))
    return rules


def load_rules(path: Path = NETLIFY_TOML) -> list[HeaderRule]:
    """The ``[[headers]]`` rules of the netlify.toml at ``path``."""
    with path.open("rb") as file:
        return parse_rules(tomllib.load(file))


def headers_for(rules: Sequence[HeaderRule], url_path: str) -> dict[str, str]:
    """The headers Netlify sends for a request of ``url_path`` (a query is ignored)."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(url_path).path) or "/"
    chosen: dict[str, tuple[str, str]] = {}
    for rule in rules:
        if rule.regex.match(path):
            chosen.update((name.lower(), (name, value)) for name, value in rule.values)
    return dict(chosen.values())


class NetlifyHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site with the headers of ``rules`` and, like Netlify, its 404.html
    (status 404) for paths that have no file. Requests are not logged."""

    def __init__(self, *args: Any, rules: Sequence[HeaderRule], **kwargs: Any) -> None:
        self.rules = rules  # set first: the base class handles the request in __init__
        super().__init__(*args, **kwargs)

    def end_headers(self) -> None:
        """Adds the matching rules' headers to every response."""
        for name, value in headers_for(self.rules, self.path).items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        """A 404 sends the site's own 404.html, as Netlify does."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """A folder without index.html is a 404 on Netlify, not a listing."""
        self.send_error(404)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet: no line per request in the test output."""
        return


@contextlib.contextmanager
def serving(site: Path, rules: Sequence[HeaderRule] | None = None) -> Iterator[str]:
    """The built ``site`` served on 127.0.0.1 (a free port) with netlify.toml's headers (or
    ``rules``); yields its base URL and stops the server afterwards."""
    handler = functools.partial(NetlifyHandler, directory=str(site),
                                rules=tuple(load_rules() if rules is None else rules))
    with loopback(handler) as base:
        yield f"{base}/"
