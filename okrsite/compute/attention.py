"""The order lists put things in so that what needs a reader's action comes first: the worst
status (`progress.SEVERITY`), and within one status the furthest behind plan (the gap between
expected progress and progress). Index pages list objectives and key results in this order,
so it holds without JavaScript; the same key goes into each row for the browser's sorting.
The live scorecard holds the order (`Scorecard.attention`, filled by `assemble_portal`); past
days scored for timelines go without it.
"""

from __future__ import annotations

from collections.abc import Mapping

from okrsite.compute.progress import SEVERITY
from okrsite.compute.scorecard import Score, Scorecard
from okrsite.model import InitiativeStatus

# An initiative's status is set by hand: blocked work needs help first, finished or cancelled
# work needs nothing.
INITIATIVE_SEVERITY: dict[InitiativeStatus, int] = {
    InitiativeStatus.BLOCKED: 0,
    InitiativeStatus.IN_PROGRESS: 1,
    InitiativeStatus.PLANNED: 2,
    InitiativeStatus.DONE: 3,
    InitiativeStatus.CANCELLED: 4,
}
_NO_GAP = -2.0  # sorts after every real gap (gaps lie between -1 and 1)
_GAP_DIGITS = 4  # enough to order whole percents; short and the same in every build


def gap(score: Score) -> float | None:
    """How far progress lags the expected line, 0–1 (negative: ahead); None when either is
    undefined."""
    if score.progress is None or score.expected is None:
        return None
    return score.expected - score.progress


def attention_key(score: Score) -> tuple[int, float]:
    """Sorts ascending into attention order: severity, then the biggest gap first."""
    behind = gap(score)
    lag = round(-(behind if behind is not None else _NO_GAP), _GAP_DIGITS) + 0.0  # never -0.0
    return SEVERITY[score.status], lag


def by_attention(keys: list[str], scores: Mapping[str, Score]) -> list[str]:
    """`keys` in attention order; equal keys keep their written order."""
    return sorted(keys, key=lambda key: attention_key(scores[key]))


def attention_orders(card: Scorecard) -> dict[str, tuple[str, ...]]:
    """The live scorecard's objectives and key results in attention order, by kind (the
    scorecard's `attention`)."""
    return {
        "objective": tuple(by_attention(list(card.objectives), card.objectives)),
        "key-result": tuple(by_attention(list(card.key_results), card.key_results)),
    }
