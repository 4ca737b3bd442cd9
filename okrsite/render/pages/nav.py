"""The portal's navigation, as the `nav:` structure of mkdocs.yml (engine-neutral data).

Value streams hold their stages, capabilities and teams nest as trees, objectives are listed;
key results and initiatives are reached from their indexes and pages, and so are the pages of
any section too large to list (the `nav_section_pages` setting). Page entries are bare
paths, so their titles come from the pages' front matter (already escaped); section titles are
escaped here for the same reason: MkDocs and Material print nav titles as HTML.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from okrsite.portal import Portal
from okrsite.render.pages.plan import CHANGES_SECTION, CHANGES_TITLE, INDEX_TITLES
from okrsite.render.pages.trees import roots
from okrsite.urls import Kind, SiteUrls

NavEntry = str | dict[str, Any]
NAV_SECTION_PAGES = 100  # the default of the `nav_section_pages` setting


def portal_nav(
    portal: Portal, urls: SiteUrls, section_pages: int = NAV_SECTION_PAGES
) -> list[NavEntry]:
    """The nav; a section with more than `section_pages` pages shows only its index page.

    Why the limit: MkDocs themes draw the whole navigation into every page, so a build costs
    about pages x nav entries (at 1,000 objectives, 6,457 pages x 1,650 entries: most of the
    build), and a sidebar of a thousand links helps no reader; the index page lists them all.
    """
    model, relations = portal.model, portal.relations

    def tree(kind: Kind, key: str, titles: Mapping[str, str], children: Mapping) -> NavEntry:
        below = children.get(key, ())
        if not below:
            return urls.page_source(kind, key)
        return {
            html.escape(titles[key]): [
                urls.page_source(kind, key),
                *(tree(kind, child, titles, children) for child in below),
            ]
        }

    def section(name: str, entries: list[NavEntry], pages: int = 0) -> NavEntry:
        index = urls.index_source(name)
        listed = entries if pages <= section_pages else []
        return {INDEX_TITLES[name]: [index, *listed] if listed else index}

    streams: list[NavEntry] = [
        {
            html.escape(stream.title): [
                urls.page_source(Kind.VALUE_STREAM, key),
                *(urls.page_source(Kind.STAGE, stage) for stage in stream.stages),
            ]
        }
        for key, stream in model.value_streams.items()
    ]
    capability_titles = {k: c.title for k, c in model.capabilities.items()}
    capability_roots = roots({k: c.parent for k, c in model.capabilities.items()})
    team_titles = {k: t.title for k, t in model.teams.items()}
    team_roots = roots({k: t.parent for k, t in model.teams.items()})
    return [
        {"Overview": urls.overview_source()},
        section(
            "cycles",
            [urls.cycle_source(c) for c in reversed(list(portal.scorecard.cycles))],
            len(portal.scorecard.cycles),
        ),
        section("value-streams", streams, len(model.value_streams) + len(model.stages)),
        section(
            "capabilities",
            [
                tree(Kind.CAPABILITY, k, capability_titles, relations.capability_children)
                for k in capability_roots
            ],
            len(model.capabilities),
        ),
        section(
            "teams",
            [tree(Kind.TEAM, k, team_titles, relations.team_children) for k in team_roots],
            len(model.teams),
        ),
        section(
            "objectives",
            [urls.page_source(Kind.OBJECTIVE, k) for k in model.objectives],
            len(model.objectives),
        ),
        section("key-results", []),
        section("initiatives", []),
        section("owners", []),
        section("matrix", []),
        {CHANGES_TITLE: urls.index_source(CHANGES_SECTION)},
    ]
