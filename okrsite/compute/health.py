"""Health metrics: measures to keep within bounds (uptime ≥ 99.5 %), apart from progress.

A health metric is never progress and never enters a roll-up: objectives and groups show it in
its own section, as healthy or breached, with the time since its last breach. Its values are
read like a metric's: the check-ins up to the as-of date (written, or committed), then `current`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from okrsite.compute.progress import checkins_until
from okrsite.model import KeyResult, KeyResultType, Model


class HealthState(StrEnum):
    HEALTHY = "healthy"
    BREACHED = "breached"
    UNKNOWN = "unknown"  # no value yet


@dataclass(frozen=True)
class Health:
    state: HealthState
    value: float | None
    # breached: the first day of the breach that still lasts; healthy: the last day a value
    # was outside the bounds (None: never, as far as the values go)
    breach: date | None


def within(key_result: KeyResult, value: float) -> bool:
    above, below = key_result.keep_above, key_result.keep_below
    return (above is None or value >= above) and (below is None or value <= below)


def health_of(key_result: KeyResult, as_of: date) -> Health:
    """The state of the latest value, and since when it holds."""
    dated = [
        (c.date, c.value) for c in checkins_until(key_result.checkins, as_of) if c.value is not None
    ]
    if key_result.current is not None:
        dated.append((as_of, key_result.current))
    if not dated:
        return Health(HealthState.UNKNOWN, None, None)
    latest = dated[-1][1]
    if not within(key_result, latest):
        start = dated[-1][0]
        for day, value in reversed(dated):
            if within(key_result, value):
                break
            start = day
        return Health(HealthState.BREACHED, latest, start)
    last = next((day for day, value in reversed(dated) if not within(key_result, value)), None)
    return Health(HealthState.HEALTHY, latest, last)


def health_metrics(model: Model, as_of: date) -> Mapping[str, Health]:
    """Every health metric's state, by key."""
    return {
        key: health_of(key_result, as_of)
        for key, key_result in model.key_results.items()
        if key_result.type is KeyResultType.HEALTH
    }
