"""How numbers, statuses and dates read on a page: always with their unit, never colour only."""

from __future__ import annotations

from okrsite.compute.wording import band_label, grade_text, status_label, whole_percent

__all__ = [
    "band_label",
    "grade",
    "number",
    "percent",
    "percent_number",
    "status_label",
    "with_unit",
]


def grade(value: float | None) -> str:
    """`0.6`; no grade (no key results) reads as a dash."""
    return "—" if value is None else grade_text(value)


def percent(fraction: float | None) -> str:
    """`53%`; an undefined progress reads as a dash, never as 0%."""
    return "—" if fraction is None else f"{whole_percent(fraction)}%"


def percent_number(fraction: float | None) -> int | None:
    return None if fraction is None else whole_percent(fraction)


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
