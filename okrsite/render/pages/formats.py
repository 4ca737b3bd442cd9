"""How numbers, statuses and dates read on a page: always with their unit, never colour only."""

from __future__ import annotations

from okrsite.model import InitiativeStatus, Status

STATUS_LABELS: dict[str, str] = {
    Status.NOT_STARTED: "not started",
    Status.ON_TRACK: "on track",
    Status.AT_RISK: "at risk",
    Status.OFF_TRACK: "off track",
    Status.DONE: "done",
    Status.UNKNOWN: "no progress yet",
    InitiativeStatus.PLANNED: "planned",
    InitiativeStatus.IN_PROGRESS: "in progress",
    InitiativeStatus.BLOCKED: "blocked",
    InitiativeStatus.CANCELLED: "cancelled",
}


def percent(fraction: float | None) -> str:
    """`53%`; an undefined progress reads as a dash, never as 0%."""
    return "—" if fraction is None else f"{round(fraction * 100)}%"


def percent_number(fraction: float | None) -> int | None:
    return None if fraction is None else round(fraction * 100)


def number(value: float | None) -> str:
    """At most two decimals, no trailing zeros, thousands separated: 12, 10.4, 1,250."""
    if value is None:
        return "—"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def with_unit(value: float | None, unit: str) -> str:
    """`10.4 min`, `62%`, `3.9`: units that are symbols hug the number."""
    if value is None:
        return "—"
    if not unit:
        return number(value)
    joiner = "" if unit in {"%", "‰", "°"} else " "
    return f"{number(value)}{joiner}{unit}"


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)
