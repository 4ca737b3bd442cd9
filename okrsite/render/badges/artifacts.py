"""Badges as Artifacts: an SVG and its shields.io endpoint JSON for every badge subject."""

from __future__ import annotations

from functools import partial

from okrsite.artifacts import Artifact
from okrsite.portal import Portal
from okrsite.render.badges.endpoint import endpoint_json
from okrsite.render.badges.options import BadgeOptions
from okrsite.render.badges.subjects import (
    BadgeSubject,
    badge_subject,
    badge_subject_keys,
    badge_subjects,
)
from okrsite.render.badges.svg import badge_svg
from okrsite.render.badges.wording import BadgeWording, badge_wording
from okrsite.render.reads import KeptByUnit, Rereading
from okrsite.urls import Kind, SiteUrls


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


KeptBadges = KeptByUnit[tuple[Kind, str], list[Artifact]]


def badge_artifacts(
    portal: Portal,
    urls: SiteUrls,
    options: BadgeOptions,
    kept: tuple[Rereading, KeptBadges] | None = None,
) -> list[Artifact]:
    """Every subject's badge files. With `kept`, the portal is the rereading's and the files
    of subjects an edit did not touch are the same objects as last time."""
    if kept is None:
        return [
            artifact
            for subject in badge_subjects(portal)
            for artifact in badge_files(subject, options, urls, subject.entity.key)
        ]
    rereading, files = kept
    files.begin(rereading)
    read = rereading.portal
    return [
        artifact
        for kind, key in badge_subject_keys(read)
        for artifact in files.get(
            rereading, (kind, key), None, partial(_files_of, read, options, urls, kind, key)
        )
    ]


def _files_of(
    portal: Portal, options: BadgeOptions, urls: SiteUrls, kind: Kind, key: str
) -> list[Artifact]:
    subject = badge_subject(portal, kind, key)
    assert subject is not None, f"{kind} has no badges"
    return badge_files(subject, options, urls, key)
