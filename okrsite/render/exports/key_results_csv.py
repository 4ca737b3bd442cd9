"""`key-results.csv`: one row per published key result, for spreadsheets.

Columns: id, title, type, objective, stage, team, owner, baseline, current, target, unit,
progress, expected, status, health (a health metric's `healthy` or `breached`), signals, url;
`signals` names the kinds of the key result's signals (`moved-goalpost; stale`), empty without
any. Numbers are plain decimals (progress and expected
as 0–1 with four decimals, like `okrs.json`); a milestone's `current` is `done` or `not done`
and its baseline and target stay empty. Text a spreadsheet would run as a formula (starting with
`=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'`; numbers we write are left
alone, so a negative baseline stays a number. UTF-8 without BOM, CRLF line ends (RFC 4180).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from functools import partial

from okrsite.compute.progress import current_value, milestone_done
from okrsite.compute.signals import NO_SIGNALS
from okrsite.incremental.units import Unit
from okrsite.model import KeyResult, KeyResultType
from okrsite.portal import Portal
from okrsite.render.exports.document import entity_url, rounded
from okrsite.urls import Kind, SiteUrls

COLUMNS = (
    "id",
    "title",
    "type",
    "objective",
    "stage",
    "team",
    "owner",
    "baseline",
    "current",
    "target",
    "unit",
    "progress",
    "expected",
    "status",
    "health",
    "signals",
    "url",
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str | None) -> str:
    """Text as a cell that a spreadsheet shows as text and never evaluates."""
    if not text:
        return ""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def spreadsheet_number(number: float | None) -> str:
    """`12`, `-9.3`, `0.5333`; empty for undefined."""
    if number is None:
        return ""
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def _health(portal: Portal, key: str) -> str:
    """A health metric's state (`healthy`, `breached`, `unknown`); empty for the others."""
    health = portal.scorecard.health.get(key)
    return "" if health is None else health.state.value


def _current(key_result: KeyResult, portal: Portal) -> str:
    as_of = portal.scorecard.as_of
    if key_result.type is KeyResultType.MILESTONE:
        return "done" if milestone_done(key_result, as_of) else "not done"
    return spreadsheet_number(current_value(key_result, as_of))


Row = tuple[str, ...]


def _row(portal: Portal, urls: SiteUrls, key: str) -> Row:
    model = portal.model
    key_result = model.key_results[key]
    objective = model.objectives[key_result.objective]
    stage = model.stages[objective.stage].id if objective.stage else None
    team = model.teams[objective.team].id if objective.team else None
    score = portal.scorecard.key_results[key]
    signals = portal.scorecard.signals.get(key, NO_SIGNALS).signals
    return (
        spreadsheet_text(key_result.id),
        spreadsheet_text(key_result.title),
        key_result.type.value,
        spreadsheet_text(objective.id),
        spreadsheet_text(stage),
        spreadsheet_text(team),
        spreadsheet_text(key_result.owner),
        spreadsheet_number(key_result.baseline),
        _current(key_result, portal),
        spreadsheet_number(key_result.target),
        spreadsheet_text(key_result.unit),
        spreadsheet_number(rounded(score.progress)),
        spreadsheet_number(rounded(score.expected)),
        score.status.value,
        _health(portal, key),
        "; ".join(dict.fromkeys(s.kind.value for s in signals)),
        spreadsheet_text(entity_url(urls, Kind.KEY_RESULT, key)),
    )


def csv_units(portal: Portal, urls: SiteUrls) -> list[Unit[str, Row]]:
    """One row per published key result: the units of `key-results.csv`."""
    return [Unit(key, None, partial(_row, portal, urls, key)) for key in portal.model.key_results]


def key_results_csv(rows: Iterable[Row]) -> str:
    """The CSV text of the rows, below the header."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue()
