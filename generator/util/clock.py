"""The build's clock, apart from the stages that use it, so that a check of whether a build has
anything to do (``cache.fresh``) reads it without importing them."""

from __future__ import annotations

import datetime as dt
import os


def now() -> dt.datetime:
    """The build's clock: SOURCE_DATE_EPOCH when set (reproducible builds), else UTC now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(tz=dt.UTC)


def today() -> dt.date:
    """The build's notion of today (see ``now``)."""
    return now().date()
