"""Which parts of a portal each rendered file read, so that after an edit only the files that
read something the edit changed are rendered again (`mkdocs serve`: one key result edited
touches a few dozen of a large portal's thousands of pages).

A render that wants to be repeated cheaply reads a *watched* copy of the portal: every mapping
of the model, the relations and the scorecard is wrapped so that a lookup records
`(namespace, key)`, iterating over keys or counting them records `(namespace, KEYS)` and
iterating over values records `(namespace, None)`, into the scope that is open.
After the next load, `changed_reads` compares the old portal with the new one the same way, and
a file is reused only when none of its reads changed. Fields that are not mappings (the as-of
date, the thresholds) are not watched: when one of them changes, everything is rendered again.
"""

from __future__ import annotations

from collections.abc import (
    ItemsView,
    Iterator,
    KeysView,
    Mapping,
    ValuesView,
)
from contextlib import contextmanager
from dataclasses import fields, replace
from typing import Any, TypeVar

from okrsite.compute.scorecard import Score
from okrsite.model import Entity
from okrsite.portal import Portal

Read = tuple[str, str | None]  # (namespace, key); None: the namespace as a whole
KEYS = "#keys"  # the keys of a namespace and their order (no id starts with "#")
V = TypeVar("V")
_MISSING = object()
_PARTS = ("model", "relations", "scorecard")


class ReadLog:
    """Collects the reads made while a scope is open; reads outside any scope are not kept."""

    def __init__(self) -> None:
        self._open: set[Read] | None = None
        self.kinds: set[str] = set()  # namespaces that are mappings (`watched_portal` fills it)

    @contextmanager
    def scope(self, *, apart: bool = False) -> Iterator[set[Read]]:
        """Reads made inside also count for the enclosing scope, unless `apart`."""
        outer, self._open = self._open, set()
        try:
            yield self._open
        finally:
            inner, self._open = self._open, outer
            if outer is not None and not apart:
                outer |= inner

    def add(self, namespace: str, key: str | None) -> None:
        if self._open is not None:
            self._open.add((namespace, key))

    def open_reads(self) -> frozenset[Read]:
        """What the innermost open scope has read so far."""
        return frozenset(self._open or ())

    def extend(self, reads: frozenset[Read]) -> None:
        """Reads made earlier that count again now (a result reused inside another)."""
        if self._open is not None:
            self._open |= reads

    def whole_kinds(self, reads: frozenset[Read]) -> list[str]:
        """The mappings these reads iterated over as a whole: an edit of any one entry of
        them makes the reader's result stale (the debug log names such pages)."""
        return sorted(
            namespace for namespace, key in reads if key is None and namespace in self.kinds
        )


class Watched(Mapping[str, V]):
    """A read-only mapping that tells its log which keys were looked up."""

    __slots__ = ("_data", "_namespace", "_log")

    def __init__(self, data: Mapping[str, V], namespace: str, log: ReadLog) -> None:
        self._data, self._namespace, self._log = data, namespace, log

    def __getitem__(self, key: str) -> V:
        self._log.add(self._namespace, key)
        return self._data[key]

    def get(self, key: str, default: Any = None) -> Any:
        self._log.add(self._namespace, key)
        return self._data.get(key, default)

    def __contains__(self, key: object) -> bool:
        self._log.add(self._namespace, key if isinstance(key, str) else None)
        return key in self._data

    def __iter__(self) -> Iterator[str]:
        self._log.add(self._namespace, KEYS)
        return iter(self._data)

    def __len__(self) -> int:
        self._log.add(self._namespace, KEYS)
        return len(self._data)

    def keys(self) -> KeysView[str]:
        self._log.add(self._namespace, KEYS)
        return self._data.keys()

    def values(self) -> ValuesView[V]:
        self._log.add(self._namespace, None)
        return self._data.values()

    def items(self) -> ItemsView[str, V]:
        self._log.add(self._namespace, None)
        return self._data.items()


class WatchedValue:
    """One object (the north star, its score) whose every attribute read is a read of it."""

    __slots__ = ("_target", "_namespace", "_log")

    def __init__(self, target: object, namespace: str, log: ReadLog) -> None:
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_namespace", namespace)
        object.__setattr__(self, "_log", log)

    def __getattr__(self, name: str) -> Any:
        self._log.add(self._namespace, None)
        return getattr(self._target, name)

    def __eq__(self, other: object) -> bool:
        self._log.add(self._namespace, None)
        return bool(self._target == (other._target if isinstance(other, WatchedValue) else other))

    def __hash__(self) -> int:
        return hash(self._target)


def _watchable(value: object) -> bool:
    return isinstance(value, (Entity, Score))


def watched_portal(portal: Portal, log: ReadLog) -> Portal:
    """The same portal, whose mappings and single entities report every read to `log`."""
    parts = {}
    for part in _PARTS:
        original = getattr(portal, part)
        wrapped: dict[str, Any] = {}
        for item in fields(original):
            value = getattr(original, item.name)
            namespace = f"{part}.{item.name}"
            if isinstance(value, Mapping):
                wrapped[item.name] = Watched(value, namespace, log)
                log.kinds.add(namespace)
            elif _watchable(value):
                wrapped[item.name] = WatchedValue(value, namespace, log)
        parts[part] = replace(original, **wrapped)
    return Portal(**parts)


def changed_reads(old: Portal, new: Portal) -> set[Read] | None:
    """Every read whose answer differs between the two portals; None when a field that is not
    watched changed (then nothing rendered from `old` can be trusted)."""
    changed: set[Read] = set()
    for part in _PARTS:
        before, after = getattr(old, part), getattr(new, part)
        for item in fields(before):
            namespace = f"{part}.{item.name}"
            was, now = getattr(before, item.name), getattr(after, item.name)
            if isinstance(was, Mapping) and isinstance(now, Mapping):
                keys = {
                    k
                    for k in was.keys() | now.keys()
                    if was.get(k, _MISSING) != now.get(k, _MISSING)
                }
                reordered = list(was) != list(now)
                if keys or reordered:
                    changed.add((namespace, None))
                    changed.update((namespace, key) for key in keys)
                if reordered:
                    changed.add((namespace, KEYS))
            elif was != now:
                if not (_watchable(was) and _watchable(now)):
                    return None
                changed.add((namespace, None))
    return changed
