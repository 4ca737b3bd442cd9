"""Honest signals on key results: goalposts moved after the window opened, check-ins gone stale,
confidence low or falling. Worked out once, here, from the model (git's values already joined
as check-ins) and what git says moved; pages, exports and `okrsite check` show the same list.

A signal is a marker beside the status, never a status: progress stays computed against the
goalposts of today, and a moved goalpost also shows what progress would be against the original.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from okrsite.compute.cycles import Cycle
from okrsite.compute.progress import checkins_until, key_result_progress
from okrsite.compute.scorecard import key_result_window
from okrsite.compute.wording import number, with_unit
from okrsite.history.read import GIT_SOURCE, GoalpostMove, History
from okrsite.history.snapshot import Written
from okrsite.model import KeyResult, KeyResultType, Model, Objective, Rebaseline, Window
from okrsite.urls import Kind

EXPLAINS_DAYS = 7  # a `rebaselined` entry explains moves committed on its day and the week after
CONFIDENCE_LOW = 0.3
CONFIDENCE_DROP = 0.3
CONFIDENCE_DAYS = 30
_SLACK = 1e-9  # 0.8 - 0.5 is 0.30000000000000004, a drop of 0.3 all the same


class SignalKind(StrEnum):
    MOVED_GOALPOST = "moved-goalpost"
    STALE = "stale"
    LOW_CONFIDENCE = "low-confidence"
    CONFIDENCE_DROP = "confidence-drop"


SIGNAL_LABELS = {
    SignalKind.MOVED_GOALPOST: "moved goalpost",
    SignalKind.STALE: "stale",
    SignalKind.LOW_CONFIDENCE: "low confidence",
    SignalKind.CONFIDENCE_DROP: "confidence falling",
}


@dataclass(frozen=True)
class Signal:
    kind: SignalKind
    since: date | None
    detail: str  # one sentence, the same on pages, in exports and in `okrsite check`
    explanation: str = ""  # a moved goalpost's reason: explained moves are shown, not warned
    move: GoalpostMove | None = None

    @property
    def warns(self) -> bool:
        """Whether `okrsite check` warns (so `--strict` fails the pull request): an unexplained
        move or a stale key result; the rest are notices, worth reading but never a failure."""
        return self.kind in WARNING_KINDS and not self.explanation


@dataclass(frozen=True)
class KeyResultSignals:
    signals: tuple[Signal, ...] = ()
    # progress against the goalposts as they were when the window opened (moved goalposts only)
    original_progress: float | None = None
    original: tuple[tuple[str, Written], ...] = ()  # the moved goalposts' first values


NO_SIGNALS = KeyResultSignals()
# The kinds that warn unless explained; SARIF's rule descriptions give them level warning
WARNING_KINDS = frozenset({SignalKind.MOVED_GOALPOST, SignalKind.STALE})


@dataclass(frozen=True)
class SignalRules:
    """When a key result counts as stale (the `stale_after` setting)."""

    stale_after: int = 14


@dataclass(frozen=True)
class SignalInputs:
    """What git says beyond values, by the entities' keys of today (`signal_inputs` joins what
    was written under their aliases): goalpost moves, the days a commit touched a key result's
    value, `done` or `status`, and the day one first wrote it."""

    moves: Mapping[tuple[Kind, str], tuple[GoalpostMove, ...]] = field(default_factory=dict)
    checked_on: Mapping[str, tuple[date, ...]] = field(default_factory=dict)
    created_on: Mapping[str, date] = field(default_factory=dict)  # the commit that wrote it


def key_result_signals(
    model: Model,
    as_of: date,
    current: Cycle,
    inputs: SignalInputs,
    rules: SignalRules,
) -> dict[str, KeyResultSignals]:
    """Each key result's signals as of the day, in a fixed order: moves, stale, confidence."""
    found: dict[str, KeyResultSignals] = {}
    for key, key_result in model.key_results.items():
        objective = model.objectives[key_result.objective]
        window = key_result_window(key_result, objective) or current.window
        moves = _moves(key_result, objective, window, as_of, inputs)
        signals = [_moved(key_result, objective, move) for move in moves]
        open_now = window.start <= as_of <= window.end
        if open_now:
            checked = inputs.checked_on.get(key, ())
            created = inputs.created_on.get(key)
            signals.extend(_stale(key_result, window, created, checked, as_of, rules))
            signals.extend(_confidence(key_result, as_of))
        if signals:
            original = _original(moves)
            found[key] = KeyResultSignals(
                tuple(signals), _original_progress(key_result, original, as_of), original
            )
    return found


def _moves(
    key_result: KeyResult,
    objective: Objective,
    window: Window,
    as_of: date,
    inputs: SignalInputs,
) -> list[GoalpostMove]:
    """Moves committed after the window's first day, up to the as-of date, oldest first."""
    written = (
        *inputs.moves.get((Kind.KEY_RESULT, key_result.key), ()),
        *inputs.moves.get((Kind.OBJECTIVE, objective.key), ()),
    )
    return sorted(
        (m for m in written if window.start < m.day <= as_of),
        key=lambda m: (m.day, m.field != "period", m.field),
    )


def _moved(key_result: KeyResult, objective: Objective, move: GoalpostMove) -> Signal:
    unit = key_result.unit if move.field in {"baseline", "target"} else ""
    before, after = _shown(move.before, unit), _shown(move.after, unit)
    if move.before is None:
        change = f"{move.field} set to {after}"
    elif move.after is None:
        change = f"{move.field} removed (was {before})"
    else:
        change = f"{move.field} moved from {before} to {after}"
    where = "the objective's " if move.field == "period" else ""
    subject = f" “{move.subject}”" if move.subject else ""
    detail = f"{where}{change} on {move.day.isoformat()} in {move.commit}{subject}"
    entries = objective.rebaselined if move.field == "period" else key_result.rebaselined
    return Signal(
        SignalKind.MOVED_GOALPOST, move.day, detail, _explanation(move, key_result, entries), move
    )


def _explanation(move: GoalpostMove, key_result: KeyResult, entries: Iterable[Rebaseline]) -> str:
    """The reason given for a move: in its own commit, in a `rebaselined` entry dated up to a
    week before it, or in a written check-in note of its day."""
    if move.explanation:
        return move.explanation
    for entry in entries:
        if entry.date <= move.day <= entry.date + timedelta(days=EXPLAINS_DAYS):
            return entry.reason
    for checkin in key_result.checkins:
        if checkin.date == move.day and checkin.source != GIT_SOURCE and checkin.note.strip():
            return checkin.note
    return ""


def _shown(value: Written, unit: str) -> str:
    if isinstance(value, float):
        return with_unit(value, unit)
    return "nothing" if value is None else value


def _original(moves: list[GoalpostMove]) -> tuple[tuple[str, Written], ...]:
    first: dict[str, Written] = {}
    for move in moves:
        first.setdefault(move.field, move.before)
    return tuple(sorted(first.items()))


def _original_progress(
    key_result: KeyResult, original: tuple[tuple[str, Written], ...], as_of: date
) -> float | None:
    """Progress against the baseline and target the window opened with (None when neither
    moved, or the key result is no metric)."""
    first = dict(original)
    baseline, target = (
        first.get("baseline", key_result.baseline),
        first.get("target", key_result.target),
    )
    moved = "baseline" in first or "target" in first
    if not moved or key_result.type is not KeyResultType.METRIC:
        return None
    if not isinstance(baseline, float) or not isinstance(target, float):
        return None
    return key_result_progress(replace(key_result, baseline=baseline, target=target), as_of)


def _stale(
    key_result: KeyResult,
    window: Window,
    created: date | None,
    checked_on: tuple[date, ...],
    as_of: date,
    rules: SignalRules,
) -> list[Signal]:
    """No check-in (written, or a commit that changed the value, `done` or `status`) in the
    window for `stale_after` days or more; without one, counted from the window's start or from
    the commit that wrote the key result, whichever is later. The values of commits joined as
    check-ins are left to `checked_on`, which does not count that first commit."""
    written = checkins_until(key_result.checkins, as_of)
    days = [c.date for c in written if c.source != GIT_SOURCE]
    days.extend(day for day in checked_on if day <= as_of)
    last = max((day for day in days if day >= window.start), default=None)
    start = max(window.start, created or window.start)
    since_day = last or start
    waited = (as_of - since_day).days
    if waited < rules.stale_after:
        return []
    became = since_day + timedelta(days=rules.stale_after)
    if last is not None:
        detail = f"no check-in for {waited} days (the last on {last.isoformat()})"
    elif start == window.start:
        detail = f"no check-in since its window opened on {start.isoformat()} ({waited} days)"
    else:
        detail = f"no check-in since it was written on {start.isoformat()} ({waited} days)"
    return [Signal(SignalKind.STALE, became, detail)]


def _confidence(key_result: KeyResult, as_of: date) -> list[Signal]:
    """Confidence below 0.3, or down by 0.3 or more within 30 days: the early warning that
    progress alone gives too late."""
    dated = [
        (c.date, c.confidence)
        for c in checkins_until(key_result.checkins, as_of)
        if c.confidence is not None
    ]
    if not dated:
        if key_result.confidence is not None and key_result.confidence < CONFIDENCE_LOW:
            text = number(key_result.confidence)
            return [Signal(SignalKind.LOW_CONFIDENCE, None, f"confidence {text}")]
        return []
    day, latest = dated[-1]
    signals = []
    if latest < CONFIDENCE_LOW:
        since = day
        for earlier_day, earlier in reversed(dated):
            if earlier >= CONFIDENCE_LOW:
                break
            since = earlier_day
        detail = f"confidence {number(latest)} since {since.isoformat()}"
        signals.append(Signal(SignalKind.LOW_CONFIDENCE, since, detail))
    start = day - timedelta(days=CONFIDENCE_DAYS)
    window = [(d, c) for d, c in dated[:-1] if d >= start]
    if window and (as_of - day).days <= CONFIDENCE_DAYS:
        top_day, top = max(window, key=lambda pair: (pair[1], pair[0]))
        if top - latest >= CONFIDENCE_DROP - _SLACK:
            detail = (
                f"confidence fell from {number(top)} to {number(latest)} between "
                f"{top_day.isoformat()} and {day.isoformat()}"
            )
            signals.append(Signal(SignalKind.CONFIDENCE_DROP, day, detail))
    return signals


def signal_inputs(model: Model, history: History) -> SignalInputs:
    """What git says, under the keys of today: an entity renamed with `aliases` keeps the
    moves and check-in days written under its former ids."""

    def names(key: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
        return (key, *(alias.lower() for alias in aliases))

    moves: dict[tuple[Kind, str], tuple[GoalpostMove, ...]] = {}
    checked_on: dict[str, tuple[date, ...]] = {}
    created_on: dict[str, date] = {}
    entities = (
        *((Kind.OBJECTIVE, o) for o in model.objectives.values()),
        *((Kind.KEY_RESULT, k) for k in model.key_results.values()),
    )
    for kind, entity in entities:
        known_as = names(entity.key, entity.aliases)
        found = [m for name in known_as for m in history.moves.get((kind, name), ())]
        if found:
            moves[(kind, entity.key)] = tuple(sorted(found, key=lambda m: m.day))
        if kind is Kind.KEY_RESULT:
            days = {d for name in known_as for d in history.checked_on.get(name, ())}
            if days:
                checked_on[entity.key] = tuple(sorted(days))
            created = [history.created_on[name] for name in known_as if name in history.created_on]
            if created:
                created_on[entity.key] = min(created)
    return SignalInputs(moves, checked_on, created_on)


def stale_by_team(model: Model, signals: Mapping[str, KeyResultSignals]) -> dict[str, int]:
    """How many of each team's key results are stale (teams with none are left out)."""
    counts: dict[str, int] = {}
    for key, found in signals.items():
        team = model.objectives[model.key_results[key].objective].team
        if team is not None and any(s.kind is SignalKind.STALE for s in found.signals):
            counts[team] = counts.get(team, 0) + 1
    return dict(sorted(counts.items()))
