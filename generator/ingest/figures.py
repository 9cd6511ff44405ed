"""Photo captions and credits from an HTML page's figures (``<figure>`` with ``<figcaption>``),
which trafilatura leaves out of the main text."""

from __future__ import annotations

import re
from typing import Any

from generator.ingest.captions import split_caption
from generator.ingest.hygiene import normalize
from generator.model import Image

_CREDIT_CLASS = re.compile(r"(?i)credit|copyright|byline|source|author")
_CREDIT_LABEL = re.compile(r"(?i)^(?:(?:photo(?:graph)?|image|picture|media)s?"
                           r"(?: (?:credit|copyright|source))?|credit|copyright)\s?:?\s")
_CAPTION_LABEL = re.compile(r"(?i)^(?:image|photo|picture|media) caption\s")
_NOT_ARTICLE = frozenset(("aside", "nav", "footer", "header"))
_MAX_FIGURES = 40
_MAX_CREDIT_WORDS = 8
_MAX_CAPTION_CHARS = 600


def page_images(root: Any) -> tuple[Image, ...]:
    """Each figure's caption and credit, in page order, each once; the credit is an element
    whose class names it (``credit``, ``copyright``), else the end of the caption
    (``… REUTERS/Jane Doe``)."""
    images: list[Image] = []
    for figure in root.iter("figure") if root is not None else ():
        image = _figure_image(figure)
        if image is not None and image not in images:
            images.append(image)
        if len(images) == _MAX_FIGURES:
            break
    return tuple(images)


def _figure_image(figure: Any) -> Image | None:
    captions = list(figure.iter("figcaption"))
    if not captions or _outside_article(figure) or _is_teaser(captions[0]):
        return None
    credit_parts = [_text(e) for e in figure.iter() if isinstance(e.tag, str)
                    and _CREDIT_CLASS.search(str(e.get("class", "")))]
    credit = next((c for c in credit_parts if 0 < len(c.split()) <= _MAX_CREDIT_WORDS), None)
    text = _CAPTION_LABEL.sub("", _text(captions[0]))
    if credit and text.endswith(credit):
        text = text[: -len(credit)].strip()
    elif credit and text.startswith(credit):
        text = text[len(credit):].strip()
    if credit is None:
        split = split_caption(text)
        if split is not None:
            text, credit = split.text, split.credit
    if not text and not credit or len(text) > _MAX_CAPTION_CHARS:
        return None
    return Image(text, _without_label(credit))


def _outside_article(element: Any) -> bool:
    """Inside a sidebar, menu or footer: another article's picture."""
    return any(parent.tag in _NOT_ARTICLE for parent in element.iterancestors())


def _is_teaser(caption: Any) -> bool:
    """A caption that is mostly a link is a teaser for another page."""
    linked = sum(len(_text(link)) for link in caption.iter("a"))
    return linked > len(_text(caption)) / 2


def _without_label(credit: str | None) -> str | None:
    """``(Image credit: Jane Doe)`` -> ``Jane Doe``."""
    if credit is None:
        return None
    return _CREDIT_LABEL.sub("", credit.strip().strip("()[]")).strip() or None


def _text(element: Any) -> str:
    return normalize(" ".join("".join(element.itertext()).split())).strip()
