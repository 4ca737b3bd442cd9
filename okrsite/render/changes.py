"""The "Recent changes" page: each day's changes (compute/changes.py), newest first."""

from __future__ import annotations

from pathlib import Path

import jinja2

from okrsite.artifacts import Artifact
from okrsite.compute.changes import ChangeDay
from okrsite.model import Status
from okrsite.portal import Portal
from okrsite.render.pages.environment import page_environment
from okrsite.render.pages.links import PageLinks
from okrsite.render.pages.lookup import Lookup
from okrsite.render.pages.markup import front_matter_title
from okrsite.render.pages.plan import CHANGES_SECTION, CHANGES_TITLE
from okrsite.urls import SiteUrls

CHANGES_TEMPLATE = "okrsite/changes.md.jinja"


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
