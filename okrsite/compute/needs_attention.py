"""Who needs help this cycle, team by team: objectives off track or at risk, blocked initiatives
and key results whose check-ins went stale. The overview's dashboard shows it, so a leader sees
in one place what the indexes would show only filtered one kind at a time.

Only the current cycle counts: a closed cycle's misses are graded, not fixed, and a later
cycle's objectives have not started.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from okrsite.compute.attention import attention_key
from okrsite.compute.progress import checkins_until
from okrsite.compute.scorecard import Scorecard
from okrsite.compute.signals import SignalKind
from okrsite.model import InitiativeStatus, Model, Status

NEEDS_HELP = (Status.OFF_TRACK, Status.AT_RISK)


@dataclass(frozen=True, slots=True)
class TeamAttention:
    team: str | None  # None: objectives no team owns
    objectives: tuple[str, ...]  # off track, then at risk, the furthest behind first
    blocked: tuple[str, ...]  # initiatives
    stale: tuple[str, ...]  # key results

    @property
    def size(self) -> int:
        return len(self.objectives) + len(self.blocked) + len(self.stale)


@dataclass(frozen=True, slots=True)
class Note:
    """The latest check-in note of an objective's key results: what its owner last said."""

    day: date
    text: str
    key_result: str


def needs_attention(model: Model, card: Scorecard) -> tuple[TeamAttention, ...]:
    """Teams with something that needs help, the most off-track objectives first."""
    objectives: dict[str | None, list[str]] = {}
    for key in sorted(
        (k for k, o in model.objectives.items() if card.in_cycle[k]),
        key=lambda k: (*attention_key(card.objectives[k]), k),
    ):
        if card.objectives[key].status in NEEDS_HELP:
            objectives.setdefault(model.objectives[key].team, []).append(key)
    blocked: dict[str | None, list[str]] = {}
    for key, initiative in model.initiatives.items():
        objective_keys = [model.key_results[kr].objective for kr in initiative.key_results]
        current = not objective_keys or any(card.in_cycle[o] for o in objective_keys)
        if initiative.status is InitiativeStatus.BLOCKED and current:
            team = next((model.objectives[o].team for o in objective_keys), None)
            blocked.setdefault(team, []).append(key)
    stale: dict[str | None, list[str]] = {}
    for key, found in card.signals.items():
        if any(signal.kind is SignalKind.STALE for signal in found.signals):
            objective = model.objectives[model.key_results[key].objective]
            stale.setdefault(objective.team, []).append(key)
    teams = [
        TeamAttention(
            team,
            tuple(objectives.get(team, ())),
            tuple(blocked.get(team, ())),
            tuple(stale.get(team, ())),
        )
        for team in {*objectives, *blocked, *stale}
    ]
    return tuple(sorted(teams, key=lambda t: team_order(t, card, model)))


def team_order(team: TeamAttention, card: Scorecard, model: Model) -> tuple[int, int, str, str]:
    off_track = sum(1 for key in team.objectives if card.objectives[key].status is Status.OFF_TRACK)
    known = model.teams.get(team.team) if team.team else None
    title = known.title if known else "\uffff"  # no team: last
    return (-off_track, -team.size, title.casefold(), team.team or "")


def latest_note(model: Model, key_results: Iterable[str], as_of: date) -> Note | None:
    """The newest check-in note up to the as-of date among these key results."""
    notes = [
        Note(checkin.date, checkin.note.strip(), key)
        for key in key_results
        for checkin in checkins_until(model.key_results[key].checkins, as_of)
        if checkin.note.strip()
    ]
    return max(notes, key=lambda note: (note.day, note.key_result), default=None)
