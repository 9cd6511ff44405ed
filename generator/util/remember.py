"""Work remembered by key: get what a store has, make what it lacks, store that (Hugo's
``GetOrCreate``, many keys at a time). The stages that remember pages and feeds do it through
this one helper instead of spelling out the get-many / make-missing / put-many loop each."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Protocol, TypeVar

K = TypeVar("K", bound=Hashable)


class Store(Protocol):
    """What ``remember`` needs of a store: bytes by key, many at a time."""

    def get_many(self, keys: Iterable[str]) -> dict[str, bytes]: ...

    def put_many(self, items: Mapping[str, bytes]) -> None: ...


def remember(store: Store | None, keys: Mapping[K, str],
             make: Callable[[K], bytes]) -> dict[K, bytes]:
    """``{item: make(item)}`` for each item of ``keys`` (in its order), taking from ``store``
    what it holds under an item's key and storing what was made; with no store, all is made."""
    if store is None:
        return {item: make(item) for item in keys}
    found = store.get_many(keys.values())
    made: dict[K, bytes] = {}
    fresh: dict[str, bytes] = {}
    for item, key in keys.items():
        data = found.get(key)
        if data is None:
            data = fresh[key] = make(item)
        made[item] = data
    if fresh:
        store.put_many(fresh)
    return made
