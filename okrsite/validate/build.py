"""Turn registered drafts into model entities, resolving every reference to a lowercased key.

Values that failed to read were reported already; here they fall back to neutral defaults so
the remaining checks can still run and report everything in one go (a model with errors is
never handed out).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from okrsite.model import (
    Ambition,
    Capability,
    CheckIn,
    Initiative,
    InitiativeStatus,
    InitiativeType,
    KeyResult,
    KeyResultType,
    Link,
    NorthStar,
    Objective,
    Outcome,
    Period,
    Rebaseline,
    Stage,
    Status,
    Team,
    TeamLevel,
    ValueStream,
    Visibility,
    Window,
)
from okrsite.spec.types import Located, RecordRead
from okrsite.validate.documents import (
    CAPABILITY,
    INITIATIVE,
    KEY_RESULT,
    OBJECTIVE,
    OUTCOME,
    STAGE,
    TEAM,
    Draft,
)
from okrsite.validate.registry import Registry

Resolve = Callable[[str, str, Any], str | None]


def common(read: RecordRead) -> dict[str, Any]:
    links: tuple[Located, ...] = read.get("links", ())
    return {
        "id": read.values["id"],
        "title": read.get("title", ""),
        "description": read.get("description", ""),
        "tags": tuple(tag.value for tag in read.get("tags", ())),
        "links": tuple(
            Link(link.value.get("title", ""), link.value.get("url", "")) for link in links
        ),
        "aliases": tuple(alias.value for alias in read.get("aliases", ())),
        "ignored": tuple(entry.value for entry in read.get("ignore", ())),
        "location": read.at,
    }


class Builder:
    """Builds entities of each kind from drafts, resolving references through the registry."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._held: dict[tuple[str, str | None], list[Draft]] = {}
        for namespace in (STAGE, KEY_RESULT):
            for draft in registry.keys(namespace).values():
                self._held.setdefault((namespace, draft.holder), []).append(draft)

    def held(self, namespace: str, holder: Draft) -> list[Draft]:
        """The stages of a value stream or key results of an objective, in written order."""
        return self._held.get((namespace, holder.key), [])

    def ref(self, namespace: str, read: RecordRead, name: str) -> str | None:
        value = read.get(name)
        if value is None:
            return None
        return self.registry.resolve(namespace, value, read.location(name))

    def refs(self, namespace: str, read: RecordRead, name: str) -> tuple[str, ...]:
        items: tuple[Located, ...] = read.get(name, ())
        keys = (self.registry.resolve(namespace, item.value, item.at) for item in items)
        return tuple(dict.fromkeys(key for key in keys if key is not None))

    def north_star(self, draft: Draft) -> NorthStar:
        outcomes = self.registry.keys(OUTCOME).values()
        built = tuple(Outcome(**common(o.read)) for o in outcomes if o.holder == draft.key)
        return NorthStar(**common(draft.read), outcomes=built)

    def value_stream(self, draft: Draft) -> ValueStream:
        stages = self.held(STAGE, draft)
        return ValueStream(**common(draft.read), stages=tuple(s.key for s in stages))

    def stage(self, draft: Draft) -> Stage:
        assert draft.holder is not None
        return Stage(**common(draft.read), value_stream=draft.holder, position=draft.position)

    def capability(self, draft: Draft) -> Capability:
        read = draft.read
        return Capability(
            **common(read), parent=self.ref(CAPABILITY, read, "parent"), owner=read.get("owner")
        )

    def team(self, draft: Draft) -> Team:
        read = draft.read
        return Team(
            **common(read),
            level=TeamLevel(read.get("level", TeamLevel.TEAM)),
            parent=self.ref(TEAM, read, "parent"),
            owner=read.get("owner"),
        )

    def objective(self, draft: Draft) -> Objective:
        read = draft.read
        period = read.get("period")
        status = read.get("status")
        own = self.held(KEY_RESULT, draft)
        return Objective(
            **common(read),
            stage=self.ref(STAGE, read, "stage"),
            capabilities=self.refs(CAPABILITY, read, "capabilities"),
            outcome=self.ref(OUTCOME, read, "outcome"),
            team=self.ref(TEAM, read, "team"),
            owner=read.get("owner"),
            parent=self.ref(OBJECTIVE, read, "parent"),
            period=Period(period[0], Window(period[1], period[2])) if period else None,
            status=Status(status) if status else None,
            visibility=Visibility(read.get("visibility", Visibility.INTERNAL)),
            key_results=tuple(k.key for k in own),
            ambition=Ambition(read.get("ambition", Ambition.COMMITTED)),
            retrospective=read.get("retrospective", ""),
            rebaselined=rebaselines(read),
        )

    def key_result(self, draft: Draft) -> KeyResult:
        read = draft.read
        assert draft.holder is not None
        status = read.get("status")
        checkins: tuple[Located, ...] = read.get("checkins", ())
        return KeyResult(
            **common(read),
            objective=draft.holder,
            type=KeyResultType(read.get("type", KeyResultType.METRIC)),
            unit=read.get("unit", ""),
            baseline=read.get("baseline"),
            target=read.get("target"),
            current=read.get("current"),
            done=read.get("done"),
            indicator=read.get("indicator"),
            due=read.get("due"),
            keep_above=read.get("keep_above"),
            keep_below=read.get("keep_below"),
            weight=read.get("weight", 1.0),
            confidence=read.get("confidence"),
            owner=read.get("owner"),
            status=Status(status) if status else None,
            checkins=tuple(
                CheckIn(
                    date=c.value.values["date"],
                    value=c.value.get("value"),
                    done=c.value.get("done"),
                    confidence=c.value.get("confidence"),
                    note=c.value.get("note", ""),
                    location=c.at,
                )
                for c in checkins
                if "date" in c.value.values  # an unreadable date is reported already
            ),
            rebaselined=rebaselines(read),
        )

    def initiative(self, draft: Draft) -> Initiative:
        read = draft.read
        return Initiative(
            **common(read),
            type=InitiativeType(read.get("type", InitiativeType.INITIATIVE)),
            parent=self.ref(INITIATIVE, read, "parent"),
            status=InitiativeStatus(read.get("status", InitiativeStatus.PLANNED)),
            key_results=self.refs(KEY_RESULT, read, "key_results"),
            capabilities=self.refs(CAPABILITY, read, "capabilities"),
            owner=read.get("owner"),
            start=read.get("start"),
            end=read.get("end"),
        )


def rebaselines(read: RecordRead) -> tuple[Rebaseline, ...]:
    entries: tuple[Located, ...] = read.get("rebaselined", ())
    return tuple(
        Rebaseline(e.value.values["date"], e.value.get("reason", ""))
        for e in entries
        if "date" in e.value.values  # an unreadable date is reported already
    )
