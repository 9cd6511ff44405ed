"""A package's public names, imported on first use (PEP 562): a package ``__init__`` lists
its face without loading the modules behind it (scipy, trafilatura, Jinja2 stay unloaded until
a name that needs them is used)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def exports(package: str, names: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: each public name of ``names`` taken from its
    module (name -> module path), any other an ``AttributeError``."""
    def __getattr__(name: str) -> Any:
        if name not in names:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(names[name]), name)
    return __getattr__


def of(module: str, *names: str) -> dict[str, str]:
    """``names`` all taken from ``module``, for ``exports``."""
    return dict.fromkeys(names, module)
