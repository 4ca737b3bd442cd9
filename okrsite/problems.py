"""Problems found in content: values with a location, collected and reported together."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from okrsite.model import Location


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"  # worth reading, never a failed check (e.g. a key result's low confidence)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the content, with where it is and what to do about it."""

    location: Location
    severity: Severity
    message: str
    # What found it: a quality rule's code ("OKR101", okrsite/quality/rules.py), a signal's
    # kind ("stale", compute/signals.py), or "" for the content's own checks (reading, schema)
    rule: str = ""

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"


def error(location: Location, message: str) -> Problem:
    return Problem(location, Severity.ERROR, message)


def warning(location: Location, message: str) -> Problem:
    return Problem(location, Severity.WARNING, message)


def has_errors(problems: list[Problem], *, strict: bool = False) -> bool:
    """True when the build must stop: any error, or with `strict` any warning too."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(p.severity in failing for p in problems)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Order by file, line, column so output is stable and reads top to bottom."""
    return sorted(
        problems,
        key=lambda p: (p.location.path, p.location.line, p.location.col, p.message),
    )
