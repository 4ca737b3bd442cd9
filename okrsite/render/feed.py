"""The Atom feed of recent changes (`feed.xml`), so people subscribe instead of polling the portal.

Built with ElementTree, which escapes every value; characters XML cannot carry at all are dropped
first. Nothing depends on the clock: entries are dated by their change day and the feed by its
newest entry (or the as-of date), and ids are derived from entity and day, so rebuilding the same
content gives the same bytes and readers never see an entry twice.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from urllib.parse import quote, urlsplit

from okrsite.artifacts import Artifact
from okrsite.model import KeyResult, KeyResultType, Objective
from okrsite.portal import Portal
from okrsite.render.changes import Change, ChangeDay, changes_url
from okrsite.render.pages.formats import percent, status_label, with_unit
from okrsite.urls import Kind, SiteUrls

FEED_PATH = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
KIND_NAMES = {Kind.OBJECTIVE: "Objective", Kind.KEY_RESULT: "Key result"}


def feed_url(urls: SiteUrls) -> str:
    """Where the feed lives, site-relative: for the `<link rel="alternate">` in every page head."""
    return urls.file_url(FEED_PATH)


def render_feed(
    portal: Portal, changes: tuple[ChangeDay, ...], urls: SiteUrls, *, site_name: str
) -> Artifact:
    feed = ET.Element("feed", xmlns=ATOM)  # plain names under a default namespace: ElementTree
    # would otherwise want Atom's unqualified attributes qualified too
    newest = changes[0].day if changes else portal.scorecard.as_of
    add(feed, "title", f"{site_name}: recent changes")
    add(feed, "subtitle", "Key results and objectives whose progress or status changed")
    add(feed, "id", feed_id(urls))
    add(feed, "updated", timestamp(newest))
    author = add(feed, "author")
    add(author, "name", site_name)
    add(feed, "link", rel="alternate", type="text/html", href=href(urls, changes_url(urls)))
    if urls.site_url:
        add(feed, "link", rel="self", type="application/atom+xml", href=href(urls, feed_url(urls)))
    for change_day in changes:
        for change in change_day.changes:
            add_entry(feed, portal, urls, change_day.day, change)
    ET.indent(feed)
    body = ET.tostring(feed, encoding="unicode")
    return Artifact(feed_url(urls), f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n')


def add_entry(feed: ET.Element, portal: Portal, urls: SiteUrls, day: date, change: Change) -> None:
    entity = (
        portal.model.objectives[change.key]
        if change.kind is Kind.OBJECTIVE
        else portal.model.key_results[change.key]
    )
    entry = add(feed, "entry")
    moved = f"{percent(change.before.progress)} → {percent(change.after.progress)}"
    add(entry, "title", f"{entity.title}: {moved}")
    add(entry, "id", entry_id(urls, change.kind, change.key, day))
    add(entry, "updated", timestamp(day))
    add(
        entry,
        "link",
        rel="alternate",
        type="text/html",
        href=href(urls, urls.page_url(change.kind, change.key)),
    )
    add(entry, "category", term=change.kind.value, label=KIND_NAMES[change.kind])
    add(entry, "summary", summary(change, entity), type="text")


def summary(change: Change, entity: Objective | KeyResult) -> str:
    parts = [
        f"Progress {percent(change.before.progress)} → {percent(change.after.progress)}.",
        f"Status {status_label(change.before.status)} → {status_label(change.after.status)}.",
    ]
    if isinstance(entity, KeyResult):
        before, after = (value_text(entity, v) for v in (change.value_before, change.value_after))
        parts.append(f"Value {before} → {after}.")
    return " ".join(parts)


def value_text(key_result: KeyResult, value: float | bool | None) -> str:
    if key_result.type is KeyResultType.MILESTONE:
        return "done" if value else "not done"
    return with_unit(None if isinstance(value, bool) else value, key_result.unit)


def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(
        parent,
        tag,
        {name: NOT_XML.sub("", value) for name, value in attributes.items()},
    )
    if text is not None:
        element.text = NOT_XML.sub("", text)
    return element


def timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def href(urls: SiteUrls, url: str) -> str:
    """Absolute when the site's address is known, else relative to the feed itself."""
    return urls.absolute(url) or urls.relative(feed_url(urls), url)


def feed_id(urls: SiteUrls) -> str:
    return urls.absolute(feed_url(urls)) or "urn:okrsite:feed" + urn_part(urls.prefix)


def entry_id(urls: SiteUrls, kind: Kind, key: str, day: date) -> str:
    """A tag URI on the site's host when it is known, else a URN; both stable for entity + day."""
    if urls.site_url:
        address = urlsplit(urls.site_url)
        if address.hostname:
            path = quote(address.path.rstrip("/") + "/" + urls.prefix)
            return f"tag:{address.hostname},{day.isoformat()}:{path}{kind.value}/{key}"
    return f"urn:okrsite:change{urn_part(urls.prefix)}:{kind.value}:{key}:{day.isoformat()}"


def urn_part(prefix: str) -> str:
    """`:okrs` for the prefix `okrs/`, nothing at the site root: two portals, two sets of ids."""
    return ":" + quote(prefix.strip("/"), safe="/") if prefix else ""
