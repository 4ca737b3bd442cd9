"""`okrs.json`: the whole published model with its computed numbers, for other tools to read.

Shape (described by `schema.py`): top-level `as_of` plus one entry per kind; every entity has
`id`, `title`, `url` and its references by id (the spelling its author wrote); measurable ones
carry `progress` and `expected` (0–1, four decimals, null when undefined) and `status`, read
from the Scorecard. Lists keep model order, keys a fixed order, so the text never churns.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from okrsite.compute.progress import checkins_until, current_value, milestone_done
from okrsite.compute.scorecard import Score
from okrsite.model import Entity, KeyResult, KeyResultType, Model, Objective
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


def _objective(model: Model, objective: Objective, url: str, score: Score) -> Json:
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
        **_score(score),
    }


def _key_result(portal: Portal, key_result: KeyResult, url: str, score: Score) -> Json:
    model, as_of = portal.model, portal.scorecard.as_of
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
        **_score(score),
    }


def okrs_document(portal: Portal, urls: SiteUrls) -> Json:
    model, card = portal.model, portal.scorecard
    star = model.north_star

    def url(kind: Kind, key: str) -> str:
        return entity_url(urls, kind, key)

    return {
        "as_of": card.as_of.isoformat(),
        "north_star": {
            **_common(star, url(Kind.NORTH_STAR, star.key)),
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
        "value_streams": [
            {
                **_common(stream, url(Kind.VALUE_STREAM, key)),
                "stages": _ids(model.stages, stream.stages),
                **_score(card.value_streams[key]),
            }
            for key, stream in model.value_streams.items()
        ],
        "stages": [
            {
                **_common(stage, url(Kind.STAGE, key)),
                "value_stream": model.value_streams[stage.value_stream].id,
                "position": stage.position,
                **_score(card.stages[key]),
            }
            for key, stage in model.stages.items()
        ],
        "capabilities": [
            {
                **_common(capability, url(Kind.CAPABILITY, key)),
                "parent": _id(model.capabilities, capability.parent),
                "owner": capability.owner,
                **_score(card.capabilities[key]),
            }
            for key, capability in model.capabilities.items()
        ],
        "teams": [
            {
                **_common(team, url(Kind.TEAM, key)),
                "level": team.level.value,
                "parent": _id(model.teams, team.parent),
                "owner": team.owner,
                **_score(card.teams[key]),
            }
            for key, team in model.teams.items()
        ],
        "objectives": [
            _objective(model, objective, url(Kind.OBJECTIVE, key), card.objectives[key])
            for key, objective in model.objectives.items()
        ],
        "key_results": [
            _key_result(portal, key_result, url(Kind.KEY_RESULT, key), card.key_results[key])
            for key, key_result in model.key_results.items()
        ],
        "initiatives": [
            {
                **_common(initiative, url(Kind.INITIATIVE, key)),
                "type": initiative.type.value,
                "parent": _id(model.initiatives, initiative.parent),
                "status": initiative.status.value,
                "key_results": _ids(model.key_results, initiative.key_results),
                "capabilities": _ids(model.capabilities, initiative.capabilities),
                "owner": initiative.owner,
                "start": None if initiative.start is None else initiative.start.isoformat(),
                "end": None if initiative.end is None else initiative.end.isoformat(),
            }
            for key, initiative in model.initiatives.items()
        ],
    }


def json_text(document: Any) -> str:
    """Stable, readable JSON: fixed key order, two-space indent, UTF-8, no NaN."""
    return _dumps(document) + "\n"


class JsonFragments:
    """`json_text` of an export document whose entities are encoded once and kept by content.

    The json module indents in pure Python (0.35 s for the document at bench size M); under
    `mkdocs serve` an edit changes a handful of its 10,000 entities, so each entity's text is
    kept (for the next call only) by the `repr` of its value, which tells apart everything JSON
    does. The output is byte for byte `json_text(document)`.
    """

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}

    def json_text(self, document: Mapping[str, Any]) -> str:
        kept, self._texts = self._texts, {}
        members = []
        for name, value in document.items():
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                items = ",\n".join(f"    {_indented(self._text(item, kept), 4)}" for item in value)
                members.append(f"  {_dumps(name)}: [\n{items}\n  ]")
            else:
                members.append(f"  {_dumps(name)}: {_indented(_dumps(value), 2)}")
        return "{\n" + ",\n".join(members) + "\n}\n" if members else "{}\n"

    def _text(self, item: dict[str, Any], kept: dict[str, str]) -> str:
        key = repr(item)
        text = kept.get(key) or self._texts.get(key) or _dumps(item)
        self._texts[key] = text
        return text


def _dumps(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)


def _indented(text: str, spaces: int) -> str:
    """Nested one level deeper: JSON text has line breaks only between its tokens."""
    return text.replace("\n", "\n" + " " * spaces)
