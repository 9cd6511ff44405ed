"""``remember``: what the store holds is taken, only the rest is made, and that is stored."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from generator.util.remember import remember


class Store:
    def __init__(self, held: dict[str, bytes]) -> None:
        self.held, self.asked, self.put = held, [], {}  # type: ignore[var-annotated]

    def get_many(self, keys: Iterable[str]) -> dict[str, bytes]:
        keys = list(keys)
        self.asked.append(keys)
        return {k: self.held[k] for k in keys if k in self.held}

    def put_many(self, items: Mapping[str, bytes]) -> None:
        self.put.update(items)


def test_only_what_the_store_lacks_is_made_and_stored_in_order() -> None:
    store = Store({"k-b": b"stored b"})
    made: list[str] = []

    def make(item: str) -> bytes:
        made.append(item)
        return f"made {item}".encode()

    got = remember(store, {"a": "k-a", "b": "k-b", "c": "k-c"}, make)
    assert list(got.items()) == [("a", b"made a"), ("b", b"stored b"), ("c", b"made c")]
    assert made == ["a", "c"] and store.put == {"k-a": b"made a", "k-c": b"made c"}
    assert store.asked == [["k-a", "k-b", "k-c"]]  # one read for all


def test_nothing_is_stored_when_all_was_held_and_all_is_made_without_a_store() -> None:
    store = Store({"k-a": b"x"})
    assert remember(store, {"a": "k-a"}, lambda item: b"never") == {"a": b"x"}
    assert store.put == {}
    assert remember(None, {"a": "", "b": ""}, lambda item: item.encode()) == {"a": b"a",
                                                                              "b": b"b"}
