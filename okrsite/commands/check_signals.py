"""The honest signals `okrsite check` reports: the portal's own (compute/signals.py), worked out
from the same published model, git history and settings, each at its key result's location."""

from __future__ import annotations

from pathlib import Path

from okrsite.compute.scorecard import Scorecard, score_model
from okrsite.compute.signals import (
    SIGNAL_LABELS,
    SignalInputs,
    SignalKind,
    key_result_signals,
    signal_inputs,
)
from okrsite.history import merge_history, read_history
from okrsite.model import Model
from okrsite.options import PortalSettings
from okrsite.problems import Problem, Severity
from okrsite.publish import published_model
from okrsite.relations import build_relations

_WHAT_TO_DO = {
    SignalKind.MOVED_GOALPOST: "if it was meant, say why in a `rebaselined: [{date, reason}]` "
    "entry on the key result (on its objective for the period)",
    SignalKind.STALE: "add a check-in, or update `current` (`done` for a milestone)",
}


def scored_with_signals(
    model: Model, content_dir: Path, settings: PortalSettings
) -> tuple[Scorecard, list[Problem], tuple[str, ...]]:
    """The published model's scorecard, a problem per signal, and git's warnings.

    A signal that `warns` is a warning (`--strict` fails on it); the others are notices.
    """
    inputs = SignalInputs()
    notices: tuple[str, ...] = ()
    if settings.history.enabled:
        history = read_history(
            content_dir, max_commits=settings.history.max_commits, since=settings.history.since
        )
        model, notices = merge_history(model, history), history.warnings
        inputs = signal_inputs(model, history)
    shown = published_model(model, settings.visibility)
    card = score_model(
        shown, build_relations(shown), settings.as_of, settings.thresholds, cycles=settings.cycles
    )
    found = key_result_signals(shown, settings.as_of, card.cycle, inputs, settings.signals)
    problems = []
    for key, signals in found.items():
        key_result = shown.key_results[key]
        for signal in signals.signals:
            label = SIGNAL_LABELS[signal.kind]
            message = f"key result '{key_result.id}': {label}: {signal.detail}"
            if signal.explanation:
                message += f" (explained: {signal.explanation.strip().splitlines()[0]})"
            elif signal.kind in _WHAT_TO_DO:
                message += f"; {_WHAT_TO_DO[signal.kind]}"
            severity = Severity.WARNING if signal.warns else Severity.NOTICE
            problems.append(Problem(key_result.location, severity, message, signal.kind.value))
    return card, problems, notices
