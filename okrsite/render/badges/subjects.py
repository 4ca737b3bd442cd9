"""Which entities get a badge, each with its kind and its Score.

Everything measurable gets one: the north star, value streams, stages, capabilities, teams,
objectives and key results. Initiatives have no progress of their own, so no badge.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from okrsite.compute.health import Health
from okrsite.compute.scorecard import Score
from okrsite.model import Entity
from okrsite.portal import Portal
from okrsite.urls import Kind


@dataclass(frozen=True, slots=True)
class BadgeSubject:
    kind: Kind
    entity: Entity
    score: Score
    health: Health | None = None  # a health metric's state: its badge says that, not progress


def _subject(portal: Portal, kind: Kind, key: str, entity: Entity, score: Score) -> BadgeSubject:
    health = portal.scorecard.health.get(key) if kind is Kind.KEY_RESULT else None
    return BadgeSubject(kind, entity, score, health)


def _scored_kinds(portal: Portal) -> list[tuple[Kind, Mapping[str, Entity], Mapping[str, Score]]]:
    model, card = portal.model, portal.scorecard
    return [
        (Kind.VALUE_STREAM, model.value_streams, card.value_streams),
        (Kind.STAGE, model.stages, card.stages),
        (Kind.CAPABILITY, model.capabilities, card.capabilities),
        (Kind.TEAM, model.teams, card.teams),
        (Kind.OBJECTIVE, model.objectives, card.objectives),
        (Kind.KEY_RESULT, model.key_results, card.key_results),
    ]


def badge_subjects(portal: Portal) -> list[BadgeSubject]:
    """Every badge of the portal, north star first, then kind by kind in model order."""
    subjects = [BadgeSubject(Kind.NORTH_STAR, portal.model.north_star, portal.scorecard.north_star)]
    for kind, entities, scores in _scored_kinds(portal):
        subjects.extend(
            _subject(portal, kind, key, entity, scores[key]) for key, entity in entities.items()
        )
    return subjects


def badge_subject_keys(portal: Portal) -> list[tuple[Kind, str]]:
    """What `badge_subjects` lists, by kind and key: reading only the keys."""
    keys = [(Kind.NORTH_STAR, portal.model.north_star.key)]
    for kind, entities, _ in _scored_kinds(portal):
        keys.extend((kind, key) for key in entities)
    return keys


def badge_subject(portal: Portal, kind: Kind, key: str) -> BadgeSubject | None:
    """The badge subject for one page, or None for kinds without a badge (initiatives)."""
    if kind is Kind.NORTH_STAR:
        return BadgeSubject(kind, portal.model.north_star, portal.scorecard.north_star)
    for scored_kind, entities, scores in _scored_kinds(portal):
        if scored_kind is kind:
            return _subject(portal, kind, key, entities[key], scores[key])
    return None
