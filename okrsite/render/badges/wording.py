"""What a badge says: its label, its message and its colour, from the Scorecard only.

Progress shows as a whole percent rounded DOWN, so 99.6% reads 99% and "100%" appears only
when the work is done; a score without progress shows its status alone.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from okrsite.compute.scorecard import Score
from okrsite.render.badges.colors import STATUS_COLORS

_NOT_XML = frozenset("\ufffe\uffff")  # noncharacters XML 1.0 forbids
_FLOAT_SLACK = 1e-9  # 0.29 * 100 is 28.999999999999996 in binary floating point


@dataclass(frozen=True, slots=True)
class BadgeWording:
    label: str
    message: str
    color: str  # hex without "#", as shields.io takes it

    @property
    def text(self) -> str:
        """The whole badge as one line, for `<title>`, `aria-label` and alt text."""
        return f"{self.label}: {self.message}"


def whole_percent(progress: float) -> int:
    """Progress 0–1 as an integer percent, rounded down (see module docstring)."""
    return math.floor(progress * 100 + _FLOAT_SLACK)


def status_words(score: Score) -> str:
    return score.status.value.replace("-", " ")


def badge_message(score: Score) -> str:
    if score.progress is None:
        return status_words(score)
    return f"{whole_percent(score.progress)}% · {status_words(score)}"


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
