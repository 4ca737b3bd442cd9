"""Which parts of a portal each rendered file read, so that after an edit only the files that
read something the edit changed are rendered again (`mkdocs serve` at bench size M: one key
result edited, some 50 of 6,457 pages touched).

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
    Callable,
    Hashable,
    ItemsView,
    Iterator,
    KeysView,
    Mapping,
    ValuesView,
)
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from typing import Any, Generic, TypeVar

from okrsite.compute.scorecard import Score
from okrsite.model import Entity
from okrsite.portal import Portal

Read = tuple[str, str | None]  # (namespace, key); None: the namespace as a whole
KEYS = "#keys"  # the keys of a namespace and their order (no id starts with "#")
V = TypeVar("V")
T = TypeVar("T")
U = TypeVar("U", bound=Hashable)
_MISSING = object()
_PARTS = ("model", "relations", "scorecard")


class ReadLog:
    """Collects the reads made while a scope is open; reads outside any scope are not kept."""

    def __init__(self) -> None:
        self._open: set[Read] | None = None

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


@dataclass(frozen=True, slots=True)
class Kept(Generic[T]):
    """One result of a render with what decided it: its inputs and what it read."""

    inputs: object
    reads: frozenset[Read]
    value: T


class Rereading:
    """One render of a portal that records what each of its results reads, and reuses results
    of the previous render (`Kept`, by unit) whose inputs and reads are unchanged."""

    def __init__(self, portal: Portal, previous: Portal | None) -> None:
        self.log = ReadLog()
        self.source, self.previous = portal, previous  # as given: what `portal` watches
        self.portal = watched_portal(portal, self.log)
        self.changed = changed_reads(previous, portal) if previous is not None else None
        self.made = 0  # results computed, not reused

    def result(
        self,
        kept: Mapping[U, Kept[T]] | None,
        unit: U,
        inputs: object,
        make: Callable[[], T],
    ) -> Kept[T]:
        """The kept result of `unit` if still valid, else a new one (counted in `made`)."""
        found, made = self.kept_or_made(kept, unit, inputs, make)
        self.made += made
        return found

    def kept_or_made(
        self,
        kept: Mapping[U, Kept[T]] | None,
        unit: U,
        inputs: object,
        make: Callable[[], T],
    ) -> tuple[Kept[T], bool]:
        """`result` without the count, and whether it was made now. Either way the result's
        reads count for the enclosing scope (a page whose table rows are results too)."""
        changed = self.changed
        old = kept.get(unit) if kept is not None and changed is not None else None
        if old is not None and changed is not None:
            if old.inputs == inputs and changed.isdisjoint(old.reads):
                self.log.extend(old.reads)
                return old, False
        with self.log.scope() as reads:
            value = make()
        return Kept(inputs, frozenset(reads), value), True


class Derived(Generic[T]):
    """Values many results share (a diagram's box for an entity is in many diagrams), made once
    per render. A result that uses one reads the value itself, not what it was made from: an
    edit that leaves the value alone (a progress that still rounds to 42 %) renders nothing
    again; one that changes it is a change of `(namespace, unit)`."""

    def __init__(
        self,
        rereading: Rereading,
        namespace: str,
        make: Callable[[str], T],
        previous: Mapping[str, Kept[T]] | None,
    ) -> None:
        self._rereading, self._namespace, self._make = rereading, namespace, make
        self.kept: dict[str, Kept[T]] = {}
        changed = rereading.changed
        if changed is None or previous is None:
            return
        for unit, old in previous.items():
            try:
                new: Kept[T] | None = old if changed.isdisjoint(old.reads) else self._made(unit)
            except KeyError:  # what it was made from is gone: so is the value
                new = None
            if new is not None:
                self.kept[unit] = new
            if new is None or new.value != old.value:
                changed.update(((namespace, unit), (namespace, None)))

    def _made(self, unit: str) -> Kept[T]:
        with self._rereading.log.scope(apart=True) as reads:
            value = self._make(unit)
        return Kept(None, frozenset(reads), value)

    def get(self, unit: str) -> T:
        self._rereading.log.add(self._namespace, unit)
        if unit not in self.kept:
            self.kept[unit] = self._made(unit)
        return self.kept[unit].value


class KeptByUnit(Generic[U, T]):
    """Results of one kind (an entity's export JSON, its badge files) kept from one render to
    the next: each is made again only when its inputs or what it read changed."""

    def __init__(self) -> None:
        self._before: dict[U, Kept[T]] = {}
        self._now: dict[U, Kept[T]] = {}
        self._made_from: Portal | None = None
        self.made = 0  # this render: results made, not reused

    def begin(self, rereading: Rereading) -> None:
        """A render starts: what the last one made may be reused if it was made from the portal
        this one compares with (not when that render failed later and was never kept)."""
        fits = self._made_from is not None and self._made_from is rereading.previous
        self._before, self._now, self.made = self._now if fits else {}, {}, 0
        self._made_from = rereading.source

    def get(self, rereading: Rereading, unit: U, inputs: object, make: Callable[[], T]) -> T:
        found, made = rereading.kept_or_made(self._before, unit, inputs, make)
        self._now[unit] = found
        self.made += made
        return found.value
