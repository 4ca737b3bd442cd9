"""`okrs.json`: the whole published model with its computed numbers, for other tools to read.

Shape (described by `schema.py`): top-level `as_of` plus one entry per kind; every entity has
`id`, `title`, `url` and its references by id (the spelling its author wrote); measurable ones
carry `progress` and `expected` (0–1, four decimals, null when undefined) and `status`, read
from the Scorecard. Lists keep model order, keys a fixed order, so the text never churns.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Any

from okrsite.compute.grades import CycleResult, CycleState
from okrsite.compute.health import Health
from okrsite.compute.progress import checkins_until, current_value, milestone_done
from okrsite.compute.scorecard import Score
from okrsite.compute.signals import NO_SIGNALS
from okrsite.incremental.units import Unit
from okrsite.model import Entity, KeyResultType
from okrsite.portal import Portal
from okrsite.urls import Kind, SiteUrls

EXPORT_DECIMALS = 4

Json = dict[str, Any]


def rounded(share: float | None) -> float | None:
    """A 0–1 share as exported: four decimals, None kept (undefined is not zero)."""
    return None if share is None else round(share, EXPORT_DECIMALS)


def entity_url(urls: SiteUrls, kind: Kind, key: str) -> str:
    """Absolute when `site_url` is set, else relative to the site root."""
    url = urls.page_url(kind, key)
    return urls.absolute(url) or url


def _ids(entities: Mapping[str, Entity], keys: Iterable[str]) -> list[str]:
    return [entities[key].id for key in keys]


def _id(entities: Mapping[str, Entity], key: str | None) -> str | None:
    return None if key is None else entities[key].id


def _common(entity: Entity, url: str) -> Json:
    return {
        "id": entity.id,
        "title": entity.title,
        "url": url,
        "description": entity.description,
        "tags": list(entity.tags),
        "aliases": list(entity.aliases),
        "links": [{"title": link.title, "url": link.url} for link in entity.links],
    }


def _score(score: Score) -> Json:
    return {
        "progress": rounded(score.progress),
        "expected": rounded(score.expected),
        "status": score.status.value,
    }


def _value_stream(portal: Portal, key: str, url: str) -> Json:
    model, stream = portal.model, portal.model.value_streams[key]
    return {
        **_common(stream, url),
        "stages": _ids(model.stages, stream.stages),
        **_score(portal.scorecard.value_streams[key]),
    }


def _stage(portal: Portal, key: str, url: str) -> Json:
    model, stage = portal.model, portal.model.stages[key]
    return {
        **_common(stage, url),
        "value_stream": model.value_streams[stage.value_stream].id,
        "position": stage.position,
        **_score(portal.scorecard.stages[key]),
    }


def _capability(portal: Portal, key: str, url: str) -> Json:
    model, capability = portal.model, portal.model.capabilities[key]
    return {
        **_common(capability, url),
        "parent": _id(model.capabilities, capability.parent),
        "owner": capability.owner,
        **_score(portal.scorecard.capabilities[key]),
    }


def _team(portal: Portal, key: str, url: str) -> Json:
    model, team = portal.model, portal.model.teams[key]
    return {
        **_common(team, url),
        "level": team.level.value,
        "parent": _id(model.teams, team.parent),
        "owner": team.owner,
        **_score(portal.scorecard.teams[key]),
    }


def _objective(portal: Portal, key: str, url: str) -> Json:
    model, objective, card = portal.model, portal.model.objectives[key], portal.scorecard
    period = objective.period
    return {
        **_common(objective, url),
        "stage": _id(model.stages, objective.stage),
        "capabilities": _ids(model.capabilities, objective.capabilities),
        "outcome": _id(model.outcomes, objective.outcome),
        "team": _id(model.teams, objective.team),
        "owner": objective.owner,
        "parent": _id(model.objectives, objective.parent),
        "period": None
        if period is None
        else {
            "label": period.label,
            "start": period.window.start.isoformat(),
            "end": period.window.end.isoformat(),
        },
        "visibility": objective.visibility.value,
        "key_results": _ids(model.key_results, objective.key_results),
        "ambition": objective.ambition.value,
        "retrospective": objective.retrospective,
        "cycles": list(card.cycles_of.get(key, ())),
        "grades": {
            cycle: {"grade": rounded(grade.value), "band": grade.band and grade.band.value}
            for cycle, grade in card.grades.get(key, {}).items()
        },
        **_score(card.objectives[key]),
    }


def _key_result(portal: Portal, key: str, url: str) -> Json:
    model, as_of = portal.model, portal.scorecard.as_of
    key_result = model.key_results[key]
    milestone = key_result.type is KeyResultType.MILESTONE
    return {
        **_common(key_result, url),
        "objective": model.objectives[key_result.objective].id,
        "type": key_result.type.value,
        "unit": key_result.unit,
        "baseline": key_result.baseline,
        "target": key_result.target,
        "current": None if milestone else current_value(key_result, as_of),
        "done": milestone_done(key_result, as_of) if milestone else None,
        "indicator": key_result.indicator,
        "due": None if key_result.due is None else key_result.due.isoformat(),
        "keep_above": key_result.keep_above,
        "keep_below": key_result.keep_below,
        "health": _health(portal.scorecard.health.get(key)),
        "weight": key_result.weight,
        "confidence": key_result.confidence,
        "owner": key_result.owner,
        "checkins": [
            {
                "date": checkin.date.isoformat(),
                "value": checkin.value,
                "done": checkin.done,
                "confidence": checkin.confidence,
                "note": checkin.note,
            }
            for checkin in checkins_until(key_result.checkins, as_of)
        ],
        "rebaselined": [
            {"date": entry.date.isoformat(), "reason": entry.reason}
            for entry in key_result.rebaselined
        ],
        "signals": [
            {
                "kind": signal.kind.value,
                "since": None if signal.since is None else signal.since.isoformat(),
                "detail": signal.detail,
                "explanation": signal.explanation or None,
            }
            for signal in portal.scorecard.signals.get(key, NO_SIGNALS).signals
        ],
        **_score(portal.scorecard.key_results[key]),
    }


def _health(health: Health | None) -> Json | None:
    """A health metric's state; None for key results that count as progress."""
    if health is None:
        return None
    breach = None if health.breach is None else health.breach.isoformat()
    return {"state": health.state.value, "value": health.value, "breach": breach}


def _initiative(portal: Portal, key: str, url: str) -> Json:
    model, initiative = portal.model, portal.model.initiatives[key]
    return {
        **_common(initiative, url),
        "type": initiative.type.value,
        "parent": _id(model.initiatives, initiative.parent),
        "status": initiative.status.value,
        "key_results": _ids(model.key_results, initiative.key_results),
        "capabilities": _ids(model.capabilities, initiative.capabilities),
        "owner": initiative.owner,
        "start": None if initiative.start is None else initiative.start.isoformat(),
        "end": None if initiative.end is None else initiative.end.isoformat(),
    }


Entry = Callable[[Portal, str, str], Json]  # (portal, key, url) -> one entity's JSON
Part = tuple[str, str]  # (section, key): one entity's place in the document

# (member name, kind, the model's mapping of that kind, its entry), in the document's order
SECTIONS: tuple[tuple[str, Kind, str, Entry], ...] = (
    ("value_streams", Kind.VALUE_STREAM, "value_streams", _value_stream),
    ("stages", Kind.STAGE, "stages", _stage),
    ("capabilities", Kind.CAPABILITY, "capabilities", _capability),
    ("teams", Kind.TEAM, "teams", _team),
    ("objectives", Kind.OBJECTIVE, "objectives", _objective),
    ("key_results", Kind.KEY_RESULT, "key_results", _key_result),
    ("initiatives", Kind.INITIATIVE, "initiatives", _initiative),
)


def _head(portal: Portal, urls: SiteUrls) -> Json:
    """The members before the sections: the as-of date and the north star."""
    model, card = portal.model, portal.scorecard
    star = model.north_star
    return {
        "as_of": card.as_of.isoformat(),
        "north_star": {
            **_common(star, entity_url(urls, Kind.NORTH_STAR, star.key)),
            "outcomes": [
                {
                    "id": outcome.id,
                    "title": outcome.title,
                    "description": outcome.description,
                    **_score(card.outcomes[outcome.key]),
                }
                for outcome in star.outcomes
            ],
            **_score(card.north_star),
        },
        "cycle": card.cycle.id,
        "cycles": [_cycle(result, urls) for result in card.cycles.values()],
    }


def _cycle(result: CycleResult, urls: SiteUrls) -> Json:
    """A cycle: closed ones with their mean `grade` and band counts, the current one with its
    `progress` so far, next ones with neither."""
    cycle, past = result.cycle, result.state is CycleState.PAST
    return {
        "id": cycle.id,
        "title": cycle.title,
        "start": cycle.window.start.isoformat(),
        "end": cycle.window.end.isoformat(),
        "state": result.state.value,
        "url": urls.absolute(urls.cycle_url(cycle.id)) or urls.cycle_url(cycle.id),
        "badge": urls.absolute(urls.cycle_badge_url(cycle.id)) or urls.cycle_badge_url(cycle.id),
        "objectives": len(result.objectives),
        "progress": rounded(result.score) if result.state is CycleState.CURRENT else None,
        "grade": rounded(result.score) if past else None,
        "bands": {band.value: count for band, count in result.bands} if past else None,
    }


def json_text(document: Any) -> str:
    """Stable, readable JSON: fixed key order, two-space indent, UTF-8, no NaN."""
    return _dumps(document) + "\n"


def json_units(portal: Portal, urls: SiteUrls) -> list[Unit[Part, str]]:
    """Each entity's JSON text, indented as an item of its section: the units of `okrs.json`.

    Why units: the json module indents in pure Python, and building the document's
    dictionaries costs as much again; under `mkdocs serve` an edit changes a handful of a large
    portal's thousands of entities.
    """
    return [
        Unit((name, key), url, partial(_entry_text, entry, portal, key, url))
        for name, kind, entities, entry in SECTIONS
        for key in getattr(portal.model, entities)
        for url in (entity_url(urls, kind, key),)
    ]


def okrs_json(portal: Portal, urls: SiteUrls, texts: Mapping[Part, str]) -> str:
    """`okrs.json` from its units' texts: exactly what `json_text` makes of the whole document
    (its members in order, each section a list of its entities in model order)."""
    members = [
        f"  {_dumps(name)}: {_indented(_dumps(value), 2)}"
        for name, value in _head(portal, urls).items()
    ]
    for name, _, entities, _ in SECTIONS:
        listed = ",\n".join(f"    {texts[(name, key)]}" for key in getattr(portal.model, entities))
        members.append(f"  {_dumps(name)}: " + (f"[\n{listed}\n  ]" if listed else "[]"))
    return "{\n" + ",\n".join(members) + "\n}\n"


def _entry_text(entry: Entry, portal: Portal, key: str, url: str) -> str:
    """One entity's JSON, indented as an item of its section."""
    return _indented(_dumps(entry(portal, key, url)), 4)


def _dumps(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)


def _indented(text: str, spaces: int) -> str:
    """Nested one level deeper: JSON text has line breaks only between its tokens."""
    return text.replace("\n", "\n" + " " * spaces)
