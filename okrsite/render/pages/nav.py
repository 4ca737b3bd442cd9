"""The portal's navigation, as the `nav:` structure of mkdocs.yml (engine-neutral data).

Value streams hold their stages, capabilities and teams nest as trees, objectives, key results
and initiatives are listed; the pages of a section too large to list (the `nav_section_pages`
setting) are reached from its index page, and an engine seats them in the section of their kind
(`home_index`), so they still show which tab they belong to and their breadcrumbs. Page entries
are bare paths, so their titles come from the pages' front matter (already escaped); section
titles are escaped here for the same reason: MkDocs and Material print nav titles as HTML.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Mapping
from typing import Any

from okrsite.portal import Portal
from okrsite.render.pages.plan import CHANGES_SECTION, INDEX_TITLES, REVIEW_TITLE
from okrsite.render.pages.trees import roots
from okrsite.urls import REVIEW_SECTION, SECTIONS, Kind, SiteUrls

NavEntry = str | dict[str, Any]
# Shorter than their pages' titles ("Traceability matrix", "Recent changes"), so every tab fits a
# laptop's screen, beside a handbook's own tabs too; the pages keep their full titles.
SHORT_LABELS = {"matrix": "Matrix", CHANGES_SECTION: "Changes"}
NAV_SECTION_PAGES = 100  # the default of the `nav_section_pages` setting
# The nav section of each folder of entity pages: stages sit with their value streams.
_HOME_SECTIONS = {**{folder: folder for folder in SECTIONS.values()}, "stages": "value-streams",
                  "cycles": "cycles"}  # fmt: skip


def home_index(urls: SiteUrls, source: str) -> str | None:
    """The index page of the nav section a generated page belongs to, by its folder; None for
    pages outside any section (the overview, the changes page)."""
    if not source.startswith(urls.prefix):
        return None
    folder, slash, _ = source[len(urls.prefix) :].partition("/")
    section = _HOME_SECTIONS.get(folder) if slash else None
    return urls.index_source(section) if section else None


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

    def section(name: str, entries: list[NavEntry], pages: int) -> NavEntry:
        """Always a section, even when it lists only its index: pages it does not list are
        seated in it (`home_index`)."""
        listed = entries if pages <= section_pages else []
        return {INDEX_TITLES[name]: [urls.index_source(name), *listed]}

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
        section(
            "key-results",
            [urls.page_source(Kind.KEY_RESULT, k) for k in model.key_results],
            len(model.key_results),
        ),
        section(
            "initiatives",
            [urls.page_source(Kind.INITIATIVE, k) for k in model.initiatives],
            len(model.initiatives),
        ),
        {INDEX_TITLES["owners"]: urls.index_source("owners")},
        {SHORT_LABELS["matrix"]: urls.index_source("matrix")},
        {SHORT_LABELS[CHANGES_SECTION]: urls.index_source(CHANGES_SECTION)},
        *review_nav(portal, urls),
    ]


def review_nav(portal: Portal, urls: SiteUrls) -> list[NavEntry]:
    """The Review page and a page per rule, when the portal publishes the review."""
    codes = portal.scorecard.quality_rules
    if not codes:
        return []
    return [{REVIEW_TITLE: [urls.index_source(REVIEW_SECTION), *map(urls.rule_source, codes)]}]


def placed_nav(user_nav: list[Any], portal: list[NavEntry], home: str) -> list[Any] | None:
    """The user's nav with its entry for the portal's home page (`home`) replaced by the
    portal's nav, in place: a titled entry (`- OKRs: okrs/index.md`) becomes a section of that
    title holding the portal's sections, a bare one (`- okrs/index.md`) makes way for the
    sections themselves. Only the first such entry, wherever it is nested; None when the
    user's nav names none.

    Why: a handbook places the portal as one part of its own navigation, and the entry for
    the portal's home page is what a handbook writes to link the portal anyway.
    """
    found = False

    def placed(entries: list[Any]) -> list[Any]:
        nonlocal found
        out: list[Any] = []
        for entry in entries:
            if found:
                out.append(entry)
            elif isinstance(entry, str) and _same_page(entry, home):
                found = True
                out.extend(portal)
            elif isinstance(entry, dict):
                out.append({title: placed_value(value) for title, value in entry.items()})
            else:
                out.append(entry)
        return out

    def placed_value(value: Any) -> Any:
        nonlocal found
        if found:
            return value
        if isinstance(value, str) and _same_page(value, home):
            found = True
            return list(portal)
        return placed(value) if isinstance(value, list) else value

    nav = placed(user_nav)
    return nav if found else None


def _same_page(written: str, source: str) -> bool:
    """Whether a nav entry's path names the page at `source` (`./okrs/index.md` does)."""
    return posixpath.normpath(written.strip()) == source
