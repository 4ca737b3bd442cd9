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
from okrsite.compute.changes import recent_changes
from okrsite.compute.signals import SignalInputs, signal_inputs
from okrsite.history import HistoryMemo, last_updated, merge_history, read_history
from okrsite.incremental.units import Kept, Rereading
from okrsite.load import load_content
from okrsite.load.file_memo import FileMemo
from okrsite.options import PortalSettings
from okrsite.portal import Portal, assemble_portal
from okrsite.problems import Problem
from okrsite.render.badges.artifacts import BadgeKey, badge_units
from okrsite.render.changes import render_changes_page
from okrsite.render.diagrams import DrawnDiagrams, draw_diagrams
from okrsite.render.diagrams.standalone import diagram_files
from okrsite.render.embeds import embed_notice, embed_snippets
from okrsite.render.exports import csv_units, export_artifacts, export_texts, json_units
from okrsite.render.exports.document import Part
from okrsite.render.exports.key_results_csv import Row
from okrsite.render.feed import FEED_PATH, render_feed
from okrsite.render.pages import Embed
from okrsite.render.pages.environment import THEME_PACKAGE, page_environment
from okrsite.render.pages.render import PageRenderer, RenderedPages
from okrsite.render.redirects import redirect_artifacts
from okrsite.render.site_options import SiteOptions
from okrsite.urls import Kind, SiteUrls

DIAGRAM_STYLESHEET = "assets/okrsite/okrsite-diagrams.css"
STYLESHEETS = ("assets/okrsite/okrsite.css", DIAGRAM_STYLESHEET)
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
    result = load_content(
        content_dir,
        relative_to=relative_to,
        memo=files,
        grading_days=settings.cycles.grading_days,
    )
    if result.model is None:
        return LoadedPortal(None, result.problems)
    model = result.model
    notices: tuple[str, ...] = ()
    updated: Mapping[tuple[Kind, str], date] = {}
    inputs = SignalInputs()
    if settings.history.enabled:
        read = session.history.read if session else read_history
        history = read(
            content_dir, max_commits=settings.history.max_commits, since=settings.history.since
        )
        model, notices = merge_history(model, history), history.warnings
        inputs = signal_inputs(model, history)
    portal = assemble_portal(
        model,
        settings.as_of,
        settings.visibility,
        settings.thresholds,
        settings.cycles,
        settings.grade_bands,
        inputs,
        settings.signals,
        settings.since_days,
        settings.rules if settings.review_page else None,
    )
    if settings.history.enabled:
        updated = last_updated(portal.model, history, settings.as_of)
    return LoadedPortal(portal, result.problems, notices, updated)


@dataclass
class Rerender:
    """What a render keeps for the next render in the same process (`mkdocs serve`), which
    then renders only what an edit touched (`okrsite/incremental/`). Valid only for renders
    with the same URLs, options and templates: the caller keeps one per such setup. Filled
    only by a render that ended whole: a failed one leaves the last whole render's."""

    portal: Portal | None = None  # the portal the kept results were rendered from
    pages: RenderedPages | None = None
    diagrams: DrawnDiagrams | None = None
    badges: Mapping[BadgeKey, Kept[list[Artifact]]] | None = None
    json_parts: Mapping[Part, Kept[str]] | None = None
    csv_rows: Mapping[str, Kept[Row]] | None = None
    environment: jinja2.Environment | None = None  # the page templates, compiled once
    made: tuple[int, int] = (0, 0)  # last render: pages and diagrams made, not reused
    totals: tuple[int, int] = (0, 0)  # last render: pages and diagrams in all
    # last render: pages made that read a whole kind (every objective, ...), and which kinds
    whole_kind_pages: dict[str, list[str]] = field(default_factory=dict)


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

    With `rerender`, what the portal's changes since the render that filled it left valid is
    reused, and it is filled for the next render.
    """
    rerender = rerender or Rerender()
    rereading = Rereading(portal, rerender.portal)
    drawn = draw_diagrams(rereading, urls, options.diagrams, rerender.diagrams)
    diagrams_made = rereading.made
    environment = rerender.environment or page_environment(options.override_dir)
    read = rereading.portal

    def embeds_for(read_from: Portal, kind: Kind, key: str) -> list[Embed]:
        return [Embed(s.label, s.text) for s in embed_snippets(read_from, urls, kind, key)]

    pages = PageRenderer(
        rereading,
        urls,
        environment,
        diagram_for=lambda kind, key: drawn.markup.get((kind, key)),
        embeds_for=embeds_for,
        embed_notice=embed_notice(urls),
        updated=updated,
        previous=rerender.pages,
    )
    bodies, badges, json_parts, csv_rows = rereading.results(
        (rerender.pages.bodies if rerender.pages else None, pages.units()),
        (rerender.badges, badge_units(read, urls, options.badges)),
        (rerender.json_parts, json_units(read, urls)),
        (rerender.csv_rows, csv_units(read, urls)),
    )
    rendered = pages.finish(bodies)
    changes = recent_changes(
        portal, days=options.changes_days, max_entries=options.changes_max_entries
    )
    artifacts = [
        *rendered.artifacts,
        render_changes_page(
            portal,
            changes,
            urls,
            days=options.changes_days,
            feed_path=FEED_PATH,
            environment=environment,
        ),
        render_feed(portal, changes, urls, site_name=options.site_name, days=options.changes_days),
        *(artifact for kept in badges.values() for artifact in kept.value),
        *diagram_files(drawn.markup, urls, _asset_text(DIAGRAM_STYLESHEET)),
        *redirect_artifacts(portal, urls, options.badges),
        *export_artifacts(export_texts(read, urls, json_parts, csv_rows), urls),
        *asset_artifacts(urls),
    ]
    before = rerender.pages.bodies if rerender.pages else {}
    made_now = {source: body for source, body in bodies.items() if before.get(source) is not body}
    rerender.portal, rerender.pages, rerender.diagrams = portal, rendered, drawn
    rerender.badges, rerender.json_parts, rerender.csv_rows = badges, json_parts, csv_rows
    rerender.environment = environment
    rerender.made = (len(made_now), diagrams_made)
    rerender.whole_kind_pages = {
        source: kinds
        for source, body in made_now.items()
        if (kinds := rereading.log.whole_kinds(body.reads))
    }
    rerender.totals = (len(rendered.artifacts), len(drawn.sources))
    return artifacts


def _asset_text(path: str) -> str:
    return (files(THEME_PACKAGE) / "assets" / Path(path).name).read_text("utf-8")


def asset_artifacts(urls: SiteUrls) -> list[Artifact]:
    """The stylesheets and the table script the pages use, below the prefix."""
    return [Artifact(urls.file_url(path), _asset_text(path)) for path in (*STYLESHEETS, SCRIPT)]
