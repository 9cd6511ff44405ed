"""The build cache's values as bytes: msgpack (data only: reading it runs no code, unlike
pickle), each sealed with a CRC-32 so a damaged value reads as missing, not as garbage.

A cache file can end up in a repository the site is built from (``git add -f``): whatever its
bytes, reading them must not run code, and must not crash the build.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Sized
from typing import Any

import msgpack

from generator.errors import DigestError

_DATE, _DATETIME = 1, 2  # msgpack extension codes: ISO 8601 text
CACHE_FOLDER = "content/.digest/.cache/"


class Damaged(DigestError):
    """A cache value that passed its checksum but is not one ``dumps`` could write."""


def sealed(value: bytes) -> bytes:
    """``value`` followed by its CRC-32, little-endian: the CRC of the whole is then the
    constant ``RESIDUE``, which ``crc_ok`` tests without slicing."""
    return value + zlib.crc32(value).to_bytes(4, "little")


RESIDUE = zlib.crc32(sealed(b""))


def dumps(value: Any) -> bytes:
    """Serialise a cache value: msgpack, with dates and datetimes as ISO 8601 extensions.
    Tuples and lists both come back as tuples."""
    data: bytes = msgpack.packb(value, default=_extension, use_bin_type=True, datetime=False)
    return data


def loads(data: bytes, shape: type | None = None, size: int | None = None) -> Any:
    """Read a value written by ``dumps``; data that is not one, or not of the ``shape`` (and
    ``size``) asked for, raises ``Damaged``. Reading runs no code, whatever the bytes (unlike
    pickle: a cache file committed to a repository the site is built from is data, not a
    program)."""
    try:
        value = msgpack.unpackb(data, use_list=False, raw=False, strict_map_key=False,
                                ext_hook=_from_extension)
    except (ValueError, TypeError, msgpack.UnpackException) as exc:
        raise damaged(str(exc) or type(exc).__name__) from None
    if shape is not None and (not isinstance(value, shape) or (
            size is not None and isinstance(value, Sized) and len(value) != size)):
        raise damaged(f"a {type(value).__name__} where a {shape.__name__} belongs")
    return value


def damaged(why: str) -> Damaged:
    """The error for a cache value that is no value of ours."""
    return Damaged(f"the build cache holds a value it cannot read ({why}); delete "
                   f"{CACHE_FOLDER} and build again")


def _extension(value: object) -> msgpack.ExtType:
    if isinstance(value, dt.datetime):  # before date: a datetime is a date
        return msgpack.ExtType(_DATETIME, value.isoformat().encode("ascii"))
    if isinstance(value, dt.date):
        return msgpack.ExtType(_DATE, value.isoformat().encode("ascii"))
    raise TypeError(f"the build cache cannot hold a {type(value).__name__}")


def _from_extension(code: int, data: bytes) -> Any:
    if code == _DATETIME:
        return dt.datetime.fromisoformat(data.decode("ascii"))
    if code == _DATE:
        return dt.date.fromisoformat(data.decode("ascii"))
    return msgpack.ExtType(code, data)


def crc_ok(value: bytes) -> bool:
    """Whether a ``sealed`` value is whole (its CRC-32 matches)."""
    return len(value) >= 4 and zlib.crc32(value) == RESIDUE


__all__ = ["Damaged", "crc_ok", "damaged", "dumps", "loads", "sealed"]
