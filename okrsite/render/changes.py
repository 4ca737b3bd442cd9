"""What changed: per day, the key results and objectives whose progress or status moved, and
the goalposts moved that day (compute/signals.py).

A day's change is the difference its check-ins made, both sides judged on that day (same expected
line), so only updates show up, not the passing of time. Every number, before and after, comes
from `okrsite.compute.timeline`, which scores the model as it stood on a past day.
The commit that first wrote a key result is its creation, not a change, and is not listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import jinja2

from okrsite.artifacts import Artifact
from okrsite.compute.scorecard import Score, Scorecard
from okrsite.compute.signals import Signal, SignalKind
from okrsite.compute.timeline import score_objectives, value_at
from okrsite.history.read import GIT_SOURCE
from okrsite.model import KeyResult, Model, Status
from okrsite.portal import Portal
from okrsite.render.pages.environment import page_environment
from okrsite.render.pages.links import PageLinks
from okrsite.render.pages.lookup import Lookup
from okrsite.render.pages.markup import front_matter_title
from okrsite.render.pages.plan import CHANGES_SECTION, CHANGES_TITLE
from okrsite.urls import Kind, SiteUrls

CHANGES_TEMPLATE = "okrsite/changes.md.jinja"


@dataclass(frozen=True, slots=True)
class Change:
    """One entity's move on one day; values (metric number or milestone done) for key results."""

    kind: Kind  # OBJECTIVE or KEY_RESULT
    key: str
    before: Score
    after: Score
    value_before: float | bool | None = None
    value_after: float | bool | None = None


@dataclass(frozen=True, slots=True)
class ChangeDay:
    day: date
    changes: tuple[Change, ...]  # each objective, then its key results in written order
    moves: tuple[tuple[str, Signal], ...] = ()  # (key result, its moved-goalpost signal)


def recent_changes(
    portal: Portal, *, days: int = 60, max_entries: int = 200
) -> tuple[ChangeDay, ...]:
    """Changes of the last `days` days up to the as-of date, newest first, at most `max_entries`."""
    model, as_of = portal.model, portal.scorecard.as_of
    first = as_of - timedelta(days=days - 1)
    updated_on: dict[date, set[str]] = {}
    for key, key_result in model.key_results.items():
        for checkin in key_result.checkins[created_in_git(key_result) :]:
            if first <= checkin.date <= as_of:
                updated_on.setdefault(checkin.date, set()).add(key)
    moved_on = goalposts_moved(portal, first)
    found: list[ChangeDay] = []
    room = max_entries
    for day in sorted(updated_on.keys() | moved_on.keys(), reverse=True):
        if room <= 0:
            break
        moves = tuple(moved_on.get(day, ()))[:room]
        room -= len(moves)
        changes = changes_on(model, day, updated_on.get(day, set()), portal.scorecard)[:room]
        if changes or moves:
            found.append(ChangeDay(day, changes, moves))
            room -= len(changes)
    return tuple(found)


def goalposts_moved(portal: Portal, first: date) -> dict[date, list[tuple[str, Signal]]]:
    """The moved-goalpost signals from `first` on, by day, in the key results' order."""
    moved_on: dict[date, list[tuple[str, Signal]]] = {}
    for key, found in portal.scorecard.signals.items():
        for signal in found.signals:
            if signal.kind is SignalKind.MOVED_GOALPOST and signal.since and signal.since >= first:
                moved_on.setdefault(signal.since, []).append((key, signal))
    return moved_on


def created_in_git(key_result: KeyResult) -> int:
    """1 when the first check-in is the commit that wrote the key result: a creation, not a
    change (a first commit of a whole portal would otherwise list everything); else 0."""
    return int(bool(key_result.checkins) and key_result.checkins[0].source == GIT_SOURCE)


def changes_on(model: Model, day: date, updated: set[str], card: Scorecard) -> tuple[Change, ...]:
    """Score the objectives touched that day with and without that day's check-ins."""
    if not updated:
        return ()
    objectives = sorted(
        {model.key_results[key].objective for key in updated},
        key=lambda key: (model.objectives[key].title.casefold(), key),
    )
    before = score_objectives(model, objectives, day, card.thresholds, include_day=False)
    after = score_objectives(model, objectives, day, card.thresholds, include_day=True)
    changes: list[Change] = []
    for objective in objectives:
        if moved(before.objectives[objective], after.objectives[objective]):
            changes.append(
                Change(
                    Kind.OBJECTIVE,
                    objective,
                    before.objectives[objective],
                    after.objectives[objective],
                )
            )
        for key in model.objectives[objective].key_results:
            if key in updated and moved(before.key_results[key], after.key_results[key]):
                changes.append(
                    Change(
                        Kind.KEY_RESULT,
                        key,
                        before.key_results[key],
                        after.key_results[key],
                        value_at(model.key_results[key], day, include_day=False),
                        value_at(model.key_results[key], day, include_day=True),
                    )
                )
    return tuple(changes)


def moved(before: Score, after: Score) -> bool:
    return before.progress != after.progress or before.status != after.status


def changes_url(urls: SiteUrls) -> str:
    return urls.index_url(CHANGES_SECTION)


def render_changes_page(
    portal: Portal,
    changes: tuple[ChangeDay, ...],
    urls: SiteUrls,
    *,
    days: int,
    feed_path: str | None,
    override_dir: Path | None = None,
    environment: jinja2.Environment | None = None,
) -> Artifact:
    """The "Recent changes" page (`changes/index.md` below the prefix), linked to every entity.
    A given `environment` (of `page_environment(override_dir)`) saves compiling templates."""
    links = PageLinks(urls, changes_url(urls))
    body = (
        (environment or page_environment(override_dir))
        .get_template(CHANGES_TEMPLATE)
        .render(
            page_title=CHANGES_TITLE,
            portal=portal,
            model=portal.model,
            relations=portal.relations,
            scores=portal.scorecard,
            as_of=portal.scorecard.as_of,
            lookup=Lookup(portal),
            links=links,
            Status=Status,
            change_days=changes,
            days=days,
            feed_href=links.file(feed_path) if feed_path else None,
        )
    )
    text = f"---\ntitle: {front_matter_title(CHANGES_TITLE)}\n---\n\n{body.strip()}\n"
    return Artifact(urls.index_source(CHANGES_SECTION), text)
