"""Work remembered by key: get what a store has, make what it lacks, store that (Hugo's
``GetOrCreate``, many keys at a time).

A stage that makes files worth remembering (listings, feeds) does not take a cache: it
describes each file as a ``Work``, named by what it shows, and returns the lot. ``make_all``
makes every one (a build with no cache, a test); the cache layer (``cache.memo.Remembered``)
turns each ``Work``'s name into a key, takes what its store holds and makes the rest through
``remember``."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

K = TypeVar("K", bound=Hashable)


class Store(Protocol):
    """What ``remember`` needs of a store: bytes by key, many at a time."""

    def get_many(self, keys: Iterable[str]) -> dict[str, bytes]: ...

    def put_many(self, items: Mapping[str, bytes]) -> None: ...


@dataclass(frozen=True, slots=True)
class Work:
    """A file a stage would make. ``about`` is everything it shows but its stories (path,
    template, title, its place in a pagination...), ``None`` for a file not worth
    remembering; ``stories`` the ids of the stories it shows (the cache adds each one's key);
    ``make`` makes it from its ``parts`` as made (files of their own, remembered apart: one
    edited story re-encodes one entry of ``stories.json``, not 10,000)."""

    about: str | None
    stories: tuple[str, ...]
    make: Callable[[Mapping[str, bytes]], bytes]
    parts: Mapping[str, Work] = field(default_factory=dict)


def work_of(about: str | None, stories: tuple[str, ...], make: Callable[[], bytes]) -> Work:
    """A ``Work`` of no parts: ``make`` makes it from nothing else."""
    return Work(about, stories, lambda _: make())


def ready(data: bytes) -> Work:
    """A file made already (a theme's static file, a redirect): nothing to remember."""
    return work_of(None, (), lambda: data)


def make_all(work: Mapping[K, Work]) -> dict[K, bytes]:
    """Every file of ``work`` made, in its order."""
    return {item: one.make(make_all(one.parts)) for item, one in work.items()}


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
