"""What a badge says: its label, its message and its colour, from the Scorecard only.

The message is `okrsite.compute.wording.progress_and_status`, as on pages and diagrams.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from okrsite.compute.grades import CycleResult, CycleState
from okrsite.compute.health import Health, HealthState
from okrsite.compute.scorecard import Score
from okrsite.compute.wording import grade_text, progress_and_status
from okrsite.model import Status
from okrsite.render.badges.colors import STATUS_COLORS

_NOT_XML = frozenset("\ufffe\uffff")  # noncharacters XML 1.0 forbids


@dataclass(frozen=True, slots=True)
class BadgeWording:
    label: str
    message: str
    color: str  # hex without "#", as shields.io takes it

    @property
    def text(self) -> str:
        """The whole badge as one line, for `<title>`, `aria-label` and alt text."""
        return f"{self.label}: {self.message}"


def badge_message(score: Score) -> str:
    return progress_and_status(score.progress, score.status)


def one_line(text: str) -> str:
    """Text fit for a single SVG line: control characters dropped, whitespace runs collapsed.

    XML 1.0 cannot carry most control characters even escaped, and a badge has one line.
    """
    kept = "".join(
        " " if character.isspace() else character
        for character in text
        if character.isspace()
        or (unicodedata.category(character) not in ("Cc", "Cs") and character not in _NOT_XML)
    )
    return " ".join(kept.split())


def badge_wording(label: str, score: Score) -> BadgeWording:
    return BadgeWording(one_line(label), badge_message(score), STATUS_COLORS[score.status])


def health_wording(label: str, health: Health) -> BadgeWording:
    """A health metric's badge: its state (green, red; grey without a value), never progress."""
    colors = {
        HealthState.HEALTHY: STATUS_COLORS[Status.ON_TRACK],
        HealthState.BREACHED: STATUS_COLORS[Status.OFF_TRACK],
        HealthState.UNKNOWN: STATUS_COLORS[Status.UNKNOWN],
    }
    message = "no value yet" if health.state is HealthState.UNKNOWN else health.state.value
    return BadgeWording(one_line(label), message, colors[health.state])


def cycle_wording(label: str, result: CycleResult, north_star: Score) -> BadgeWording:
    """A cycle's badge: a closed one's grade (blue, as done), the current one's progress and
    status so far (the north star's), a later one not scored yet."""
    if result.state is CycleState.PAST:
        message = "no grade" if result.score is None else f"grade {grade_text(result.score)}"
        return BadgeWording(one_line(label), message, STATUS_COLORS[Status.DONE])
    if result.state is CycleState.CURRENT:
        return badge_wording(label, north_star)
    return BadgeWording(one_line(label), "not scored yet", STATUS_COLORS[Status.NOT_STARTED])
