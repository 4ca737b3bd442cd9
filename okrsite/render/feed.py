"""The Atom feed of recent changes (`feed.xml`), so people subscribe instead of polling the portal.

Built with ElementTree, which escapes every value; characters XML cannot carry at all are dropped
first. Nothing depends on the clock: entries are dated by their change day and the feed by its
newest entry (or the as-of date), and ids are derived from entity and day, so rebuilding the same
content gives the same bytes and readers never see an entry twice.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from urllib.parse import quote, urlsplit

from okrsite.artifacts import Artifact
from okrsite.compute.changes import Change, ChangeDay, why
from okrsite.compute.grades import CycleResult, CycleState
from okrsite.compute.signals import SIGNAL_LABELS, Signal
from okrsite.compute.wording import band_label, grade_text
from okrsite.model import KeyResult, KeyResultType, Objective
from okrsite.portal import Portal
from okrsite.render.changes import changes_url
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
    portal: Portal,
    changes: tuple[ChangeDay, ...],
    urls: SiteUrls,
    *,
    site_name: str,
    days: int = 60,
) -> Artifact:
    """The feed: each change of the last `days` (the `changes_days` setting), and an entry for
    each cycle that closed in them, with its results."""
    feed = ET.Element("feed", xmlns=ATOM)  # plain names under a default namespace: ElementTree
    # would otherwise want Atom's unqualified attributes qualified too
    closed = closed_cycles(portal, days)
    newest = max(
        [*(day.day for day in changes[:1]), *(entry_updated(portal, r) for r in closed)],
        default=portal.scorecard.as_of,
    )
    add(feed, "title", f"{site_name}: recent changes")
    add(feed, "subtitle", "Key results and objectives whose progress or status changed")
    add(feed, "id", feed_id(urls))
    add(feed, "updated", timestamp(newest))
    author = add(feed, "author")
    add(author, "name", site_name)
    add(feed, "link", rel="alternate", type="text/html", href=href(urls, changes_url(urls)))
    if urls.site_url:
        add(feed, "link", rel="self", type="application/atom+xml", href=href(urls, feed_url(urls)))
    pending = list(closed)  # newest first, as the change days
    for change_day in changes:
        while pending and closing_day(pending[0]) >= change_day.day:
            add_cycle_entry(feed, portal, urls, pending.pop(0))
        for key, signal in change_day.moves:
            add_move_entry(feed, portal, urls, change_day.day, key, signal)
        for change in change_day.changes:
            add_entry(feed, portal, urls, change_day.day, change)
    for result in pending:
        add_cycle_entry(feed, portal, urls, result)
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
    status = moved(status_label(change.before.status), status_label(change.after.status))
    progress = moved(percent(change.before.progress), percent(change.after.progress))
    add(entry, "title", f"{entity.title}: {status}, {progress}")
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


def add_move_entry(
    feed: ET.Element, portal: Portal, urls: SiteUrls, day: date, key: str, signal: Signal
) -> None:
    """A goalpost moved: said as on the key result's page, with the reason if one was given."""
    key_result = portal.model.key_results[key]
    entry = add(feed, "entry")
    add(entry, "title", f"{key_result.title}: {signal.detail}")
    assert signal.move is not None  # a moved-goalpost signal always has its move
    add(entry, "id", entry_id(urls, "goalpost", f"{key}/{signal.move.field}", day))
    add(entry, "updated", timestamp(day))
    page = urls.page_url(Kind.KEY_RESULT, key)
    add(entry, "link", rel="alternate", type="text/html", href=href(urls, page))
    add(entry, "category", term=signal.kind.value, label=SIGNAL_LABELS[signal.kind])
    reason = f" Explained: {signal.explanation}" if signal.explanation else " No reason was given."
    add(entry, "summary", f"{signal.detail}.{reason}", type="text")


def closing_day(result: CycleResult) -> date:
    """The first day after a cycle: the day it closed."""
    return result.cycle.window.end + timedelta(days=1)


def closed_cycles(portal: Portal, days: int) -> list[CycleResult]:
    """Cycles that closed in the last `days` before the as-of date, newest first."""
    as_of = portal.scorecard.as_of
    return sorted(
        (
            result
            for result in portal.scorecard.cycles.values()
            if result.state is CycleState.PAST
            and as_of - timedelta(days=days) < closing_day(result) <= as_of
        ),
        key=closing_day,
        reverse=True,
    )


def entry_updated(portal: Portal, result: CycleResult) -> date:
    """When a closed cycle's entry last changed: its closing day, then the day its grading
    ended (grades are final from then), so readers see the final results as an update."""
    final = (result.grading_until or result.cycle.window.end) + timedelta(days=1)
    return final if final <= portal.scorecard.as_of else closing_day(result)


def add_cycle_entry(feed: ET.Element, portal: Portal, urls: SiteUrls, result: CycleResult) -> None:
    cycle = result.cycle
    entry = add(feed, "entry")
    graded = "no grade" if result.score is None else f"grade {grade_text(result.score)}"
    add(entry, "title", f"{cycle.title} closed: {graded}")
    add(entry, "id", entry_id(urls, "cycle", cycle.id, closing_day(result)))
    add(entry, "updated", timestamp(entry_updated(portal, result)))
    add(entry, "link", rel="alternate", type="text/html", href=href(urls, urls.cycle_url(cycle.id)))
    add(entry, "category", term="cycle", label="Cycle")
    add(entry, "summary", cycle_summary(portal, result), type="text")


def cycle_summary(portal: Portal, result: CycleResult) -> str:
    cycle = result.cycle
    objectives = len(result.objectives)
    parts = [f"{cycle.title} ({cycle.window.start} to {cycle.window.end}) closed."]
    if result.score is not None:
        parts.append(f"Grade {grade_text(result.score)} ({percent(result.score)}).")
    tally = ", ".join(f"{count} {band_label(band)}" for band, count in result.bands)
    parts.append(f"{objectives} objective{'s' if objectives != 1 else ''}: {tally}.")
    if result.grading_until is not None and portal.scorecard.as_of <= result.grading_until:
        parts.append(f"Grading is open until {result.grading_until}: grades may still change.")
    return " ".join(parts)


def summary(change: Change, entity: Objective | KeyResult) -> str:
    """The row of the changes page in a sentence each, unchanged parts said once."""
    parts = [
        f"Status {moved(status_label(change.before.status), status_label(change.after.status))}.",
        f"Progress {moved(percent(change.before.progress), percent(change.after.progress))}.",
    ]
    if isinstance(entity, KeyResult):
        before, after = (value_text(entity, v) for v in (change.value_before, change.value_after))
        parts.append(f"Value {moved(before, after)}.")
    parts.append(f"Why: {why(change)}{f' ({change.note})' if change.note else ''}.")
    return " ".join(parts)


def moved(before: str, after: str) -> str:
    return after if before == after else f"{before} → {after}"


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


def entry_id(urls: SiteUrls, kind: Kind | str, key: str, day: date) -> str:
    """A tag URI on the site's host when it is known, else a URN; both stable for entity + day."""
    if urls.site_url:
        address = urlsplit(urls.site_url)
        if address.hostname:
            path = quote(address.path.rstrip("/") + "/" + urls.prefix)
            return f"tag:{address.hostname},{day.isoformat()}:{path}{kind}/{key}"
    return f"urn:okrsite:change{urn_part(urls.prefix)}:{kind}:{key}:{day.isoformat()}"


def urn_part(prefix: str) -> str:
    """`:okrs` for the prefix `okrs/`, nothing at the site root: two portals, two sets of ids."""
    return ":" + quote(prefix.strip("/"), safe="/") if prefix else ""
