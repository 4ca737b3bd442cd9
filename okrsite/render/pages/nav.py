"""The portal's navigation, as the `nav:` structure of mkdocs.yml (engine-neutral data).

Value streams hold their stages, capabilities and teams nest as trees, objectives are listed;
key results and initiatives are reached from their indexes and pages. Page entries are bare
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


def portal_nav(portal: Portal, urls: SiteUrls) -> list[NavEntry]:
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

    def section(name: str, entries: list[NavEntry]) -> NavEntry:
        index = urls.index_source(name)
        return {INDEX_TITLES[name]: [index, *entries] if entries else index}

    streams = [
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
        section("value-streams", streams),
        section(
            "capabilities",
            [
                tree(Kind.CAPABILITY, k, capability_titles, relations.capability_children)
                for k in capability_roots
            ],
        ),
        section(
            "teams",
            [tree(Kind.TEAM, k, team_titles, relations.team_children) for k in team_roots],
        ),
        section("objectives", [urls.page_source(Kind.OBJECTIVE, k) for k in model.objectives]),
        section("key-results", []),
        section("initiatives", []),
        section("matrix", []),
        {CHANGES_TITLE: urls.index_source(CHANGES_SECTION)},
    ]
