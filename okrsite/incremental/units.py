"""Units of a render and the one rule that decides when a unit's last result is reused.

A renderer lists its units (a page, a badge subject, an entity's part of an export, a diagram):
a key, the inputs it is made from besides the portal, and a function that makes it by reading
the portal through `Rereading.portal`. `Rereading.results` gives each unit a `Kept` result: the
previous render's when its inputs are equal and none of what it read changed (`reads.py`),
otherwise made now. A renderer never learns which.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from okrsite.incremental.reads import Read, ReadLog, changed_reads, watched_portal
from okrsite.portal import Portal

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class Kept(Generic[T]):
    """One result of a render with what decided it: its inputs and what it read."""

    inputs: object
    reads: frozenset[Read]
    value: T


@dataclass(frozen=True, slots=True)
class Unit(Generic[K, T]):
    """One piece of output: reused as a whole or made again as a whole."""

    key: K
    inputs: object  # what it is made from besides the portal (compared with ==)
    make: Callable[[], T]


# The last render's results of one renderer, and its units now.
Batch = tuple[Mapping[Any, Kept[Any]] | None, Sequence[Unit[Any, Any]]]


class Rereading:
    """One render of a portal: records what each result reads, and reuses the results of the
    render of `previous` (None: nothing to reuse) whose inputs and reads are unchanged."""

    def __init__(self, portal: Portal, previous: Portal | None) -> None:
        self.log = ReadLog()
        self.source, self.previous = portal, previous  # as given: what `portal` watches
        self.portal = watched_portal(portal, self.log)
        self.changed = changed_reads(previous, portal) if previous is not None else None
        self.made = 0  # results computed, not reused

    def reusable(self, old: Kept[T] | None, inputs: object) -> bool:
        """The one rule: same inputs, and nothing it read changed."""
        changed = self.changed
        return (
            old is not None
            and changed is not None
            and old.inputs == inputs
            and changed.isdisjoint(old.reads)
        )

    def results(self, *batches: Batch) -> list[dict[Any, Kept[Any]]]:
        """Each batch's units, in order, with their results (reused or made now)."""
        found: list[dict[Any, Kept[Any] | None]] = []
        todo: list[tuple[dict[Any, Kept[Any] | None], Unit[Any, Any]]] = []
        for previous, units in batches:
            kept: dict[Any, Kept[Any] | None] = {}
            for unit in units:
                old = previous.get(unit.key) if previous is not None else None
                if self.reusable(old, unit.inputs):
                    kept[unit.key] = old
                else:
                    kept[unit.key] = None  # a place in the order, filled below
                    todo.append((kept, unit))
            found.append(kept)
        made = [self._made(unit) for _, unit in todo]
        for (kept, unit), result in zip(todo, made, strict=True):
            kept[unit.key] = result
        self.made += len(todo)
        results = [
            {k: result for k, result in kept.items() if result is not None} for kept in found
        ]
        for by_key in results:
            for result in by_key.values():
                self.log.extend(result.reads)  # they count for the enclosing unit, if any
        return results

    def kept_or_made(
        self, previous: Mapping[K, Kept[T]] | None, unit: Unit[K, T]
    ) -> tuple[Kept[T], bool]:
        """One unit made inside another (a table row of a page), here, and whether it was made
        now. Either way its reads count for the enclosing one."""
        old = previous.get(unit.key) if previous is not None else None
        if old is not None and self.reusable(old, unit.inputs):
            self.log.extend(old.reads)
            return old, False
        return self._made(unit), True

    def _made(self, unit: Unit[K, T]) -> Kept[T]:
        with self.log.scope() as reads:
            value = unit.make()
        return Kept(unit.inputs, frozenset(reads), value)


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
