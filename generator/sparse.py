"""``scipy.sparse``, imported without the numpy submodules that nothing here uses.

scipy's array-API layer (``scipy._lib.array_api_compat.numpy``) copies numpy's namespace with
``from numpy import *``, and numpy's ``__all__`` names its lazily loaded submodules, so
importing scipy.sparse also imports numpy.f2py, numpy.testing, numpy.ma and numpy.polynomial:
about half of the quarter second scipy.sparse takes to import, paid by every
``digest cluster`` and every build that clusters or compares. Those submodules are put in
place first as lazy modules (``importlib.util.LazyLoader``, the standard library's way): each
is loaded, whole and as it is, the first time one of its attributes is used.

Modules that use scipy.sparse import it from here: ``from generator.sparse import sp``.
"""

from __future__ import annotations

import importlib.util
import sys

import numpy

# numpy submodules that scipy's ``from numpy import *`` loads and that neither scipy.sparse nor
# the generator uses (numpy.random is, by scipy)
UNUSED = ("f2py", "testing", "ma", "polynomial")


def defer(name: str) -> None:
    """Make ``numpy.<name>`` a module that loads itself on first use (if not loaded yet)."""
    full = f"numpy.{name}"
    if full in sys.modules:
        return
    spec = importlib.util.find_spec(full)
    if spec is None or spec.loader is None:
        return
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[full] = module
    loader.exec_module(module)
    # set as numpy's attribute too: numpy's own ``__getattr__`` would otherwise import it
    # again, find this module in sys.modules and ask numpy for the attribute, endlessly
    setattr(numpy, name, module)


for _name in UNUSED:
    defer(_name)

import scipy.sparse as sp  # noqa: E402 - after the numpy submodules are deferred

__all__ = ["sp"]
