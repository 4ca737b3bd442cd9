"""Generated pages dated by okrsite for mkdocs-git-revision-date-localized-plugin.

Why: that plugin dates a page by the last commit of its source file. A generated page has no
file, so the plugin dates it by the clock of the build, without a warning (its `strict` and
`fallback_to_build_date` options concern files outside git, not generated ones): every page of
the portal then says "changed today" and every build writes other bytes. okrsite knows when what
a page shows last changed: its `okrsite_updated` front matter (`render/pages/render.py`). After
the plugin has set its values in `page.meta`, a generated page's are set again from that date,
formatted by the plugin itself as it formats a commit of that day (midnight in its `timezone`).
A page without one (a listing of undated entities, the changes page) gets the as-of date: the
day its numbers are true, the same in every build with that date.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from okrsite.mkdocs_plugin.internals import git_date_formats
from okrsite.render.pages.render import PAGE_DATE

PLUGIN_MODULE = "mkdocs_git_revision_date_localized_plugin"
GIT_DATES = ("git_revision_date_localized", "git_creation_date_localized")  # its page dates


def git_date_plugin(config: MkDocsConfig) -> Any | None:
    """The build's mkdocs-git-revision-date-localized-plugin, if it is on."""
    for plugin in config.plugins.values():
        if type(plugin).__module__.startswith(PLUGIN_MODULE) and plugin.config.get("enabled"):
            return plugin
    return None


def date_generated_page(plugin: Any, page: Page, as_of: date) -> None:
    """Give a generated page okrsite's date where the plugin gave it the build's: the values it
    set in `page.meta` (a page it excludes has none) are set again, and no others."""
    day = page.meta.get(PAGE_DATE)
    if not isinstance(day, date):
        day = as_of
    settings = plugin.config
    locale = getattr(page.file, "locale", None) or page.meta.get("locale") or settings["locale"]
    timestamp = _midnight(day, settings.get("timezone") or "UTC")
    shown = git_date_formats(plugin, timestamp, str(locale), spans=True)
    raw = git_date_formats(plugin, timestamp, str(locale), spans=False)
    if shown is None or raw is None:
        return
    kind = settings["type"]
    value = shown[kind] + (shown["iso_date"] if kind == "timeago" else "")  # as the plugin does
    for name in GIT_DATES:
        if name not in page.meta:
            continue
        page.meta[name] = value
        for variant, text in raw.items():
            if f"{name}_raw_{variant}" in page.meta:
                page.meta[f"{name}_raw_{variant}"] = text


def _midnight(day: date, zone: str) -> int:
    """The start of `day` in the plugin's time zone, which it converts timestamps to."""
    try:
        where = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        where = ZoneInfo("UTC")
    return int(datetime.combine(day, time(), where).timestamp())
