"""Find any entity, its score and its title by (kind, key), so templates never branch on kind."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from okrsite.compute.attention import INITIATIVE_SEVERITY, attention_key
from okrsite.compute.grades import GroupGrade
from okrsite.compute.health import Health
from okrsite.compute.needs_attention import Note, latest_note
from okrsite.compute.progress import SEVERITY, checkins_until, current_value, milestone_done
from okrsite.compute.scorecard import Score
from okrsite.compute.signals import NO_SIGNALS, SIGNAL_LABELS, KeyResultSignals, Signal
from okrsite.compute.wording import status_label
from okrsite.model import Entity, InitiativeStatus, KeyResult, KeyResultType
from okrsite.portal import Portal
from okrsite.urls import Kind


@dataclass(frozen=True)
class Lookup:
    portal: Portal

    def entities(self, kind: Kind) -> Mapping[str, Entity]:
        model = self.portal.model
        if kind is Kind.NORTH_STAR:  # read only when asked for: every page would depend on it
            return {model.north_star.key: model.north_star}
        by_kind: dict[Kind, Mapping[str, Entity]] = {
            Kind.VALUE_STREAM: model.value_streams,
            Kind.STAGE: model.stages,
            Kind.CAPABILITY: model.capabilities,
            Kind.TEAM: model.teams,
            Kind.OBJECTIVE: model.objectives,
            Kind.KEY_RESULT: model.key_results,
            Kind.INITIATIVE: model.initiatives,
        }
        return by_kind[kind]

    def entity(self, kind: Kind, key: str) -> Entity:
        return self.entities(kind)[key]

    def score(self, kind: Kind, key: str) -> Score | None:
        """The entity's score; None for kinds that have no progress (initiatives)."""
        card = self.portal.scorecard
        scores: dict[Kind, Mapping[str, Score]] = {
            Kind.VALUE_STREAM: card.value_streams,
            Kind.STAGE: card.stages,
            Kind.CAPABILITY: card.capabilities,
            Kind.TEAM: card.teams,
            Kind.OBJECTIVE: card.objectives,
            Kind.KEY_RESULT: card.key_results,
        }
        if kind is Kind.NORTH_STAR:
            return card.north_star
        return scores[kind].get(key) if kind in scores else None

    def current(self, key_result: KeyResult) -> float | None:
        """The value progress is computed from, at the as-of date."""
        return current_value(key_result, self.portal.scorecard.as_of)

    def done(self, key_result: KeyResult) -> bool:
        return milestone_done(key_result, self.portal.scorecard.as_of)

    def last_checkin(self, kind: Kind, key: str) -> date | None:
        """The latest check-in up to the as-of date: of the key result, or of any key result of
        the objective. A commit that moved only a target or a title is an edit, not a reading."""
        model, as_of = self.portal.model, self.portal.scorecard.as_of
        keys = model.objectives[key].key_results if kind is Kind.OBJECTIVE else (key,)
        days = [c.date for k in keys for c in checkins_until(model.key_results[k].checkins, as_of)]
        return max(days, default=None)

    def latest_note(self, objective: str) -> Note | None:
        """What the objective's key results last said at a check-in."""
        model = self.portal.model
        keys = model.objectives[objective].key_results
        return latest_note(model, keys, self.portal.scorecard.as_of)

    def confidence(self, key_result: KeyResult) -> float | None:
        """As written on the key result, else from the latest check-in that gives one."""
        if key_result.confidence is not None:
            return key_result.confidence
        given = [
            c.confidence
            for c in checkins_until(key_result.checkins, self.portal.scorecard.as_of)
            if c.confidence is not None
        ]
        return given[-1] if given else None

    def current_and_next(self, objectives: Iterable[str]) -> tuple[list[str], list[str]]:
        """A group's objectives in the current cycle, and those planned only for later ones
        (objectives of closed cycles only are shown per cycle, by `past_cycles`)."""
        card, model = self.portal.scorecard, self.portal.model
        now: list[str] = []
        later: list[str] = []
        for key in objectives:
            period = model.objectives[key].period
            if card.in_cycle[key]:
                now.append(key)
            elif period is not None and period.window.start > card.cycle.window.end:
                later.append(key)
        return now, later

    def past_cycles(self, group: str, key: str) -> Mapping[str, GroupGrade]:
        """A group's result in each closed cycle, by cycle id (`group`: value-stream, stage,
        capability, team or outcome)."""
        grades = self.portal.scorecard.group_grades
        found: Mapping[str, GroupGrade] = grades.get(f"{group}/{key}", {})
        return found

    def group_score(self, group: str, key: str) -> Score:
        """A group's live score in the current cycle (`group` as for `past_cycles`)."""
        return self.portal.scorecard.roll_ups(group)[key]

    def progress_then(self, group: str, key: str | None = None) -> float | None:
        """The previous cycle's progress on the same day of its cycle (compute/comparison.py):
        a group's (`group`, `key`), or the whole portal's (`group` "north-star")."""
        name = group if key is None else f"{group}/{key}"
        return self.portal.scorecard.progress_then.get(name)

    def cycle_titles(self) -> dict[str, str]:
        """Every cycle's title by id, for an index's cycle filter."""
        return dict(self.portal.scorecard.cycle_titles.items())

    def cycle_title(self, cycle_id: str) -> str:
        """A cycle's title, read apart from its results: a page naming a cycle does not change
        when the cycle's score does."""
        return self.portal.scorecard.cycle_titles[cycle_id]

    def initiative_cycles(self, key: str) -> list[str]:
        """The cycles of the objectives an initiative serves (through its key results), in
        date order: the cycles it is work of; one serving none is the current cycle's work."""
        model, card = self.portal.model, self.portal.scorecard
        found = {
            cycle_id
            for key_result in model.initiatives[key].key_results
            if key_result in model.key_results
            for cycle_id in card.cycles_of[model.key_results[key_result].objective]
        }
        return sorted(found) or [card.cycle.id]

    def measured(self, key_results: Iterable[str]) -> list[str]:
        """The key results that count as progress: all but health metrics."""
        model = self.portal.model
        return [k for k in key_results if model.key_results[k].type is not KeyResultType.HEALTH]

    def kept_healthy(self, key_results: Iterable[str]) -> list[str]:
        """The health metrics among these key results, for a "Health" section."""
        model = self.portal.model
        return [k for k in key_results if model.key_results[k].type is KeyResultType.HEALTH]

    def health_of_objectives(self, objectives: Iterable[str]) -> list[str]:
        """The health metrics of these objectives, in their written order."""
        model = self.portal.model
        return self.kept_healthy(k for o in objectives for k in model.objectives[o].key_results)

    def health(self, key_result: str) -> Health:
        return self.portal.scorecard.health[key_result]

    def signals(self, key_result: str) -> KeyResultSignals:
        """A key result's honest signals (compute/signals.py); none for most."""
        return self.portal.scorecard.signals.get(key_result, NO_SIGNALS)

    def signal_kinds(self, key_result: str) -> str:
        """The kinds of a key result's signals for an index's filter: `none` when it has none."""
        kinds = dict.fromkeys(s.kind.value for s in self.signals(key_result).signals)
        return " ".join(kinds) or "none"

    def signal_titles(self) -> dict[str, str]:
        """The names of the signal filter's values."""
        return {
            "none": "No signals",
            **{kind.value: label for kind, label in SIGNAL_LABELS.items()},
        }

    def objective_signals(self, objectives: Iterable[str]) -> list[tuple[str, Signal]]:
        """Every signal of these objectives' key results, in their written order."""
        model = self.portal.model
        return [
            (key, signal)
            for objective in objectives
            for key in model.objectives[objective].key_results
            for signal in self.signals(key).signals
        ]

    def stale_count(self, team: str) -> int:
        """How many of a team's key results are stale."""
        return self.portal.scorecard.stale_by_team.get(team, 0)

    # index pages: their order, sort keys and filter names ------------------------------------
    def by_attention(self, kind: Kind) -> tuple[str, ...]:
        """Objectives or key results, what needs action first (compute/attention.py)."""
        return self.portal.scorecard.attention[Kind(kind).value]

    def attention_sort(self, score: Score) -> str:
        """A status cell's sort key for the browser: `0 -0.32` (severity, then the gap)."""
        severity, lag = attention_key(score)
        return f"{severity} {lag!r}"

    def initiative_severity(self, status: InitiativeStatus) -> int:
        return INITIATIVE_SEVERITY[status]

    def statuses(self, initiatives: bool = False) -> list[str]:
        """A status filter's values, worst first: the order its options take."""
        if initiatives:
            return [
                s.value for s in sorted(INITIATIVE_SEVERITY, key=INITIATIVE_SEVERITY.__getitem__)
            ]
        return [s.value for s in sorted(SEVERITY, key=SEVERITY.__getitem__)]

    def status_titles(self, initiatives: bool = False) -> dict[str, str]:
        """A status filter's values and their names."""
        return {status: status_label(status) for status in self.statuses(initiatives)}

    def titles(self, kind: Kind) -> dict[str, str]:
        """Every title of a kind by key, for a filter whose rows carry keys (team, stage)."""
        return {key: entity.title for key, entity in self.entities(kind).items()}
