"""A whole portal as files: from content to Portal, and from Portal to every Artifact.

Site engines call these two functions and nothing else of the core: the MkDocs plugin hands the
artifacts to MkDocs in memory, `okrsite generate` writes them to disk for other engines.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from pathlib import Path

import jinja2

from okrsite.artifacts import Artifact
from okrsite.history import HistoryMemo, last_updated, merge_history, read_history
from okrsite.load import load_content
from okrsite.load.file_memo import FileMemo
from okrsite.options import PortalSettings, SiteOptions
from okrsite.portal import Portal, assemble_portal
from okrsite.problems import Problem
from okrsite.render.badges import badge_artifacts
from okrsite.render.badges.artifacts import KeptBadges
from okrsite.render.changes import recent_changes, render_changes_page
from okrsite.render.diagrams import DiagramsMemo, redraw_diagrams, render_diagrams
from okrsite.render.embeds import embed_notice, embed_snippets
from okrsite.render.exports import export_artifacts
from okrsite.render.exports.artifacts import KeptExports
from okrsite.render.feed import FEED_PATH, render_feed
from okrsite.render.pages import Embed, render_pages
from okrsite.render.pages.environment import THEME_PACKAGE, page_environment
from okrsite.render.pages.render import PagesMemo
from okrsite.render.reads import Rereading
from okrsite.render.redirects import redirect_artifacts
from okrsite.urls import Kind, SiteUrls

STYLESHEETS = ("assets/okrsite/okrsite.css", "assets/okrsite/okrsite-diagrams.css")
SCRIPT = "assets/okrsite/okrsite.js"


@dataclass(frozen=True)
class LoadedPortal:
    """A published portal (None when errors stop it), with what was said while loading it."""

    portal: Portal | None
    problems: list[Problem]  # content problems, each with a location
    notices: tuple[str, ...] = ()  # warnings without a location (e.g. a shallow git clone)
    last_updated: Mapping[tuple[Kind, str], date] = field(default_factory=dict)


def load_portal(
    content_dir: Path,
    settings: PortalSettings,
    *,
    relative_to: Path | None = None,
    session: Session | None = None,
) -> LoadedPortal:
    """Load, join git history, publish and score: everything before rendering."""
    files = session.files if session else None
    result = load_content(content_dir, relative_to=relative_to, memo=files)
    if result.model is None:
        return LoadedPortal(None, result.problems)
    model = result.model
    notices: tuple[str, ...] = ()
    updated: Mapping[tuple[Kind, str], date] = {}
    if settings.history.enabled:
        read = session.history.read if session else read_history
        history = read(
            content_dir, max_commits=settings.history.max_commits, since=settings.history.since
        )
        model, notices = merge_history(model, history), history.warnings
    portal = assemble_portal(model, settings.as_of, settings.visibility, settings.thresholds)
    if settings.history.enabled:
        updated = last_updated(portal.model, history, settings.as_of)
    return LoadedPortal(portal, result.problems, notices, updated)


@dataclass
class Rerender:
    """What a render keeps for the next render in the same process (`mkdocs serve`), which
    then renders only what an edit touched (`okrsite/render/reads.py`). Valid only for renders
    with the same URLs, options and templates: the caller keeps one per such setup."""

    portal: Portal | None = None  # the portal the kept results were rendered from
    pages: PagesMemo | None = None
    diagrams: DiagramsMemo | None = None
    environment: jinja2.Environment | None = None  # the page templates, compiled once
    exports: KeptExports = field(default_factory=KeptExports)
    badges: KeptBadges = field(default_factory=KeptBadges)
    made: tuple[int, int] = (0, 0)  # last render: pages and diagrams made, not reused
    totals: tuple[int, int] = (0, 0)  # last render: pages and diagrams in all


@dataclass
class Session:
    """What a process that renders the same site again and again (`mkdocs serve`) keeps between
    renders: files that did not change are not parsed again, git history that did not change is
    not read again, pages and diagrams an edit did not touch are not rendered again.

    `frame` names what the kept renders assumed besides the content (settings, URLs,
    templates, okrsite itself); a render under another frame starts its `rerender` afresh.
    """

    frame: str | None = None
    files: FileMemo = field(default_factory=FileMemo)
    history: HistoryMemo = field(default_factory=HistoryMemo)
    rerender: Rerender = field(default_factory=Rerender)

    def enter(self, frame: str) -> Rerender:
        if frame != self.frame:
            self.frame, self.rerender = frame, Rerender()
        return self.rerender


def site_artifacts(
    portal: Portal,
    urls: SiteUrls,
    options: SiteOptions,
    updated: Mapping[tuple[Kind, str], date] | None = None,
    *,
    rerender: Rerender | None = None,
) -> list[Artifact]:
    """Every generated file of the portal, pages first, in a stable order.

    With `rerender`, pages are rendered again only where the portal changed since the render
    that filled it, and it is filled for the next one.
    """
    if rerender is None:
        rereading, diagrams = None, render_diagrams(portal, urls, options.diagrams)
    else:
        rereading = Rereading(portal, rerender.portal)
        drawn = redraw_diagrams(rereading, urls, options.diagrams, rerender.diagrams)
        diagrams, diagrams_made = drawn.markup, rereading.made
        rerender.environment = rerender.environment or page_environment(options.override_dir)
    environment = rerender.environment if rerender else None

    def embeds_for(read_from: Portal, kind: Kind, key: str) -> list[Embed]:
        return [Embed(s.label, s.text) for s in embed_snippets(read_from, urls, kind, key)]

    def changes_pages() -> list[Artifact]:
        changes = recent_changes(
            portal, days=options.changes_days, max_entries=options.changes_max_entries
        )
        page = render_changes_page(
            portal,
            changes,
            urls,
            days=options.changes_days,
            feed_path=FEED_PATH,
            override_dir=options.override_dir,
            environment=environment,
        )
        return [page, render_feed(portal, changes, urls, site_name=options.site_name)]

    def badges() -> list[Artifact]:
        kept = (rereading, rerender.badges) if rerender and rereading else None
        return [
            *badge_artifacts(portal, urls, options.badges, kept),
            *redirect_artifacts(portal, urls, options.badges),
        ]

    def exports() -> list[Artifact]:
        return export_artifacts(
            portal, urls, (rereading, rerender.exports) if rerender and rereading else None
        )

    pages = render_pages(
        portal,
        urls,
        override_dir=options.override_dir,
        diagram_for=lambda kind, key: diagrams.get((kind, key)),
        embeds_for=embeds_for,
        embed_notice=embed_notice(urls),
        updated=updated or {},
        rereading=rereading,
        previous=rerender.pages if rerender else None,
        environment=environment,
        beside=[changes_pages, badges, exports],
    )
    if rerender is not None and rereading is not None:
        rerender.portal, rerender.pages, rerender.diagrams = portal, pages.memo, drawn
        rerender.made = (rereading.made - diagrams_made, diagrams_made)
        rerender.totals = (len(pages.artifacts), len(drawn.sources))
    artifacts = [*pages.artifacts, *(a for made in pages.beside for a in made)]
    artifacts.extend(asset_artifacts(urls))
    return artifacts


def asset_artifacts(urls: SiteUrls) -> list[Artifact]:
    """The stylesheets and the table script the pages use, below the prefix."""
    assets = files(THEME_PACKAGE) / "assets"
    return [
        Artifact(urls.file_url(path), (assets / Path(path).name).read_text("utf-8"))
        for path in (*STYLESHEETS, SCRIPT)
    ]
