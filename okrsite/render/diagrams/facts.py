"""What a diagram node says about an entity: its title, its progress and its status, by kind.

Numbers come from the Scorecard; this module only chooses which score belongs to which node.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from okrsite.model import Entity
from okrsite.portal import Portal
from okrsite.urls import Kind

# Outcome categories are nodes too, but have no page of their own.
OUTCOME: Literal["outcome"] = "outcome"
NodeKind = Kind | Literal["outcome"]

NOUNS: dict[NodeKind, tuple[str, str]] = {
    Kind.NORTH_STAR: ("north star", "north stars"),
    OUTCOME: ("outcome", "outcomes"),
    Kind.VALUE_STREAM: ("value stream", "value streams"),
    Kind.STAGE: ("stage", "stages"),
    Kind.CAPABILITY: ("capability", "capabilities"),
    Kind.TEAM: ("team", "teams"),
    Kind.OBJECTIVE: ("objective", "objectives"),
    Kind.KEY_RESULT: ("key result", "key results"),
    Kind.INITIATIVE: ("initiative", "initiatives"),
}


@dataclass(frozen=True, slots=True)
class NodeFacts:
    title: str
    status: str  # a Status, InitiativeStatus or HealthState value; names the node's CSS class
    progress: float | None  # 0–1; None when undefined or when the kind has no progress


def entity_of(portal: Portal, kind: Kind, key: str) -> Entity:
    model = portal.model
    if kind is Kind.NORTH_STAR:
        return model.north_star
    tables = {
        Kind.VALUE_STREAM: model.value_streams,
        Kind.STAGE: model.stages,
        Kind.CAPABILITY: model.capabilities,
        Kind.TEAM: model.teams,
        Kind.OBJECTIVE: model.objectives,
        Kind.KEY_RESULT: model.key_results,
        Kind.INITIATIVE: model.initiatives,
    }
    return tables[kind][key]


def entity_facts(portal: Portal, kind: Kind, key: str) -> NodeFacts:
    title = entity_of(portal, kind, key).title
    if kind is Kind.INITIATIVE:
        return NodeFacts(title, portal.model.initiatives[key].status.value, None)
    card = portal.scorecard
    if kind is Kind.KEY_RESULT and key in card.health:  # kept within bounds, never progress
        return NodeFacts(title, card.health[key].state.value, None)
    scores = {
        Kind.VALUE_STREAM: card.value_streams,
        Kind.STAGE: card.stages,
        Kind.CAPABILITY: card.capabilities,
        Kind.TEAM: card.teams,
        Kind.OBJECTIVE: card.objectives,
        Kind.KEY_RESULT: card.key_results,
    }
    score = card.north_star if kind is Kind.NORTH_STAR else scores[kind][key]
    return NodeFacts(title, score.status.value, score.progress)


def outcome_facts(portal: Portal, key: str) -> NodeFacts:
    score = portal.scorecard.outcomes[key]
    return NodeFacts(portal.model.outcomes[key].title, score.status.value, score.progress)
