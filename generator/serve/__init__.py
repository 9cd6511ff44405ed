"""``digest serve``: ``server`` the watch loop and rebuilds, ``web`` the HTTP side and the
reload script, ``preview`` the quick preview of an edit before the full rebuild.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.util.lazy import exports, of

if TYPE_CHECKING:
    from generator.serve.server import DevServer, run

__all__ = ["DevServer", "run"]
__getattr__ = exports(__name__, of("generator.serve.server", "DevServer", "run"))
