"""Badges as Artifacts: an SVG and its shields.io endpoint JSON for every badge subject."""

from __future__ import annotations

from okrsite.artifacts import Artifact
from okrsite.portal import Portal
from okrsite.render.badges.endpoint import endpoint_json
from okrsite.render.badges.options import BadgeOptions
from okrsite.render.badges.subjects import BadgeSubject, badge_subjects
from okrsite.render.badges.svg import badge_svg
from okrsite.render.badges.wording import BadgeWording, badge_wording
from okrsite.urls import SiteUrls


def subject_wording(subject: BadgeSubject, options: BadgeOptions) -> BadgeWording:
    label = options.label_for(
        id=subject.entity.id, title=subject.entity.title, kind=subject.kind.value
    )
    return badge_wording(label, subject.score)


def badge_files(
    subject: BadgeSubject, options: BadgeOptions, urls: SiteUrls, key: str
) -> list[Artifact]:
    """The SVG and JSON of one subject, placed at the badge paths of `key` (its id or an alias)."""
    wording = subject_wording(subject, options)
    return [
        Artifact(urls.badge_url(subject.kind, key), badge_svg(wording, options.style)),
        Artifact(urls.badge_url(subject.kind, key, "json"), endpoint_json(wording)),
    ]


def badge_artifacts(portal: Portal, urls: SiteUrls, options: BadgeOptions) -> list[Artifact]:
    return [
        artifact
        for subject in badge_subjects(portal)
        for artifact in badge_files(subject, options, urls, subject.entity.key)
    ]
