"""Badges as Artifacts: an SVG and its shields.io endpoint JSON for every badge subject."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from okrsite.artifacts import Artifact
from okrsite.incremental.units import Rereading, Unit
from okrsite.portal import Portal
from okrsite.render.badges.endpoint import endpoint_json
from okrsite.render.badges.options import BadgeOptions
from okrsite.render.badges.subjects import (
    BadgeSubject,
    badge_subject,
    badge_subject_keys,
)
from okrsite.render.badges.svg import badge_svg
from okrsite.render.badges.wording import (
    BadgeWording,
    badge_wording,
    cycle_wording,
    health_wording,
)
from okrsite.urls import Kind, SiteUrls


def subject_wording(subject: BadgeSubject, options: BadgeOptions) -> BadgeWording:
    label = options.label_for(
        id=subject.entity.id, title=subject.entity.title, kind=subject.kind.value
    )
    if subject.health is not None:
        return health_wording(label, subject.health)
    return badge_wording(label, subject.score)


def badge_files(
    subject: BadgeSubject, options: BadgeOptions, urls: SiteUrls, key: str
) -> list[Artifact]:
    """The SVG and JSON of one subject, placed at the badge paths of `key` (its id or an alias)."""
    wording = subject_wording(subject, options)
    return _svg_and_json(wording, options, partial(urls.badge_url, subject.kind, key))


BadgeKey = tuple[Kind | str, str]  # a subject's kind ("cycle" for a cycle), and its key or alias


def badge_units(
    portal: Portal, urls: SiteUrls, options: BadgeOptions
) -> list[Unit[BadgeKey, list[Artifact]]]:
    """Each badge subject's files, then each cycle's."""
    units: list[Unit[BadgeKey, list[Artifact]]] = [
        Unit((kind, key), None, partial(_files_of, portal, options, urls, kind, key))
        for kind, key in badge_subject_keys(portal)
    ]
    units.extend(
        Unit(("cycle", cycle_id), None, partial(_cycle_files, portal, options, urls, cycle_id))
        for cycle_id in portal.scorecard.cycles
    )
    return units


def badge_artifacts(portal: Portal, urls: SiteUrls, options: BadgeOptions) -> list[Artifact]:
    """Every subject's badge files, for a portal rendered once."""
    rereading = Rereading(portal, None)
    [made] = rereading.results((None, badge_units(rereading.portal, urls, options)))
    return [artifact for kept in made.values() for artifact in kept.value]


def _files_of(
    portal: Portal, options: BadgeOptions, urls: SiteUrls, kind: Kind, key: str
) -> list[Artifact]:
    subject = badge_subject(portal, kind, key)
    assert subject is not None, f"{kind} has no badges"
    return badge_files(subject, options, urls, key)


def _cycle_files(
    portal: Portal, options: BadgeOptions, urls: SiteUrls, cycle_id: str
) -> list[Artifact]:
    result = portal.scorecard.cycles[cycle_id]
    label = options.label_for(id=cycle_id, title=result.cycle.title, kind="cycle")
    wording = cycle_wording(label, result, portal.scorecard.north_star)
    return _svg_and_json(wording, options, partial(urls.cycle_badge_url, cycle_id))


def _svg_and_json(
    wording: BadgeWording, options: BadgeOptions, path: Callable[[str], str]
) -> list[Artifact]:
    """A badge and its shields.io endpoint JSON; `path` gives each one's path by suffix."""
    return [
        Artifact(path("svg"), badge_svg(wording, options.style)),
        Artifact(path("json"), endpoint_json(wording)),
    ]
