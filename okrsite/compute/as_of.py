"""The as-of date every number is computed at: given, else SOURCE_DATE_EPOCH, else today (UTC).

One date for a whole build keeps the output reproducible: the same content and as-of date give
the same site.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, date, datetime


class AsOfError(ValueError):
    """The as-of date given cannot be read; the message says what was expected."""


def resolve_as_of(
    given: str | date | datetime | None, environ: Mapping[str, str] | None = None
) -> date:
    environ = os.environ if environ is None else environ
    if isinstance(given, datetime):  # YAML reads `as_of: 2026-11-23 08:00` as a datetime
        return given.date()
    if isinstance(given, date):
        return given
    if given:
        try:
            return date.fromisoformat(str(given).strip())
        except ValueError:
            raise AsOfError(f"as-of date {given!r} is not an ISO date like 2026-11-23") from None
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC).date()
        except (ValueError, OverflowError, OSError):
            raise AsOfError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds since 1970"
            ) from None
    return datetime.now(UTC).date()
