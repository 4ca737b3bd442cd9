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
SHORT_TITLE_LIMIT = 32  # characters of a title shown on a badge, the ellipsis included
_LOOSE_ENDS = " ,;:-–—/(&"  # left dangling before the ellipsis by a cut


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


def short_title(title: str) -> str:
    """The title on one line and at most SHORT_TITLE_LIMIT characters, ending in "…" when cut.

    A badge sits in other pages' running text, so a whole long title would outgrow it. The cut
    falls after the last whole word that leaves room for the ellipsis; a first word too long for
    that (or leaving under half the room) is cut inside, never between a letter and its marks.
    """
    line = one_line(title)
    if len(line) <= SHORT_TITLE_LIMIT:
        return line
    room = SHORT_TITLE_LIMIT - 1  # for the ellipsis
    word_end = room if line[room] == " " else line.rfind(" ", 0, room)
    cut = word_end if word_end >= room // 2 else room
    while cut > 0 and _joined(line[cut - 1], line[cut]):
        cut -= 1
    kept = line[:cut]
    return (kept.rstrip(_LOOSE_ENDS) or kept) + "…"


def _joined(before: str, after: str) -> bool:
    """True when `after` belongs to the glyph `before` starts: a combining mark, a variation
    selector or skin tone, or anything after a zero-width joiner."""
    return (
        before == "\u200d"
        or unicodedata.category(after) in ("Mn", "Me", "Cf")
        or 0x1F3FB <= ord(after) <= 0x1F3FF
    )


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
