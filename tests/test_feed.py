"""The Atom feed: valid for a real feed parser, one entry per change, stable ids, escaped text."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import feedparser
import pytest
from history_repo import committed_series, objective_yaml, portal_of

from okrsite.compute.changes import recent_changes
from okrsite.compute.wording import grade_text
from okrsite.portal import Portal, assemble_portal
from okrsite.render.feed import feed_url, render_feed
from okrsite.render.pages.formats import percent
from okrsite.urls import SiteUrls

AS_OF = date(2026, 10, 10)


@pytest.fixture
def portal(tmp_path: Path) -> Portal:
    return portal_of(committed_series(tmp_path / "repo").root / "content", AS_OF)


def parse(text: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_every_change_is_an_entry_with_the_committed_values(portal: Portal) -> None:
    changes = recent_changes(portal, days=120)

    feed = render_feed(portal, changes, SiteUrls("okrs"), site_name="SkyWay OKRs")
    parsed = parse(feed.content)

    assert feed.path == "okrs/feed.xml" == feed_url(SiteUrls("okrs"))
    assert parsed.feed.title == "SkyWay OKRs: recent changes"
    assert parsed.feed.updated == "2026-10-05T00:00:00Z"
    # every change, and the close of 2026 Q3 (its own test below)
    assert len(parsed.entries) == sum(len(day.changes) for day in changes) + 1
    wait = [e for e in parsed.entries if e.tags[0].term == "key-result" and "Wait" in e.title]
    assert [(e.updated, e.summary) for e in wait] == [
        (
            "2026-10-05T00:00:00Z",
            "Status at risk → on track. Progress 33% → 50%. Value 11 → 10.5. Why: checked in.",
        ),
        (
            "2026-09-19T00:00:00Z",
            "Status on track → at risk. Progress 33%. Value 11. "
            "Why: time passed: 43% expected by now.",
        ),
        (
            "2026-09-01T00:00:00Z",
            "Status at risk → on track. Progress 16% → 33%. Value 11.5 → 11. Why: checked in.",
        ),
        (
            "2026-08-19T00:00:00Z",
            "Status on track → at risk. Progress 16%. Value 11.5. "
            "Why: time passed: 26% expected by now.",
        ),
        (
            "2026-08-03T00:00:00Z",
            "Status at risk → on track. Progress 0% → 16%. Value 12 → 11.5. Why: checked in.",
        ),
        (
            "2026-07-20T00:00:00Z",
            "Status on track → at risk. Progress 0%. Value 12. "
            "Why: time passed: 10% expected by now.",
        ),
    ]
    assert wait[0].title == "Wait time down: at risk → on track, 33% → 50%"
    assert wait[1].title == "Wait time down: on track → at risk, 33%"
    assert wait[0].id == "urn:okrsite:change:okrs:key-result:wait-time:2026-10-05"
    assert wait[0].link == "key-results/wait-time/"  # relative to the feed, without site_url
    assert len({e.id for e in parsed.entries}) == len(parsed.entries)


def test_links_are_absolute_and_ids_are_tag_uris_when_the_site_url_is_known(
    portal: Portal,
) -> None:
    urls = SiteUrls("okrs", directory_urls=False, site_url="https://okr.example.com/portal/")

    parsed = parse(
        render_feed(portal, recent_changes(portal, days=120), urls, site_name="S").content
    )

    assert parsed.feed.id == "https://okr.example.com/portal/okrs/feed.xml"
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links == {
        "self": "https://okr.example.com/portal/okrs/feed.xml",
        "alternate": "https://okr.example.com/portal/okrs/changes/index.html",
    }
    entry = parsed.entries[0]
    assert entry.id == "tag:okr.example.com,2026-10-05:/portal/okrs/objective/check-in"
    assert entry.link == "https://okr.example.com/portal/okrs/objectives/check-in.html"


def test_ids_stay_the_same_when_later_commits_arrive(tmp_path: Path) -> None:
    repo = committed_series(tmp_path / "repo")
    portal = portal_of(repo.root / "content", AS_OF)
    before = parse(
        render_feed(portal, recent_changes(portal, days=120), SiteUrls(), site_name="S").content
    )
    repo.commit({"content/okrs.yml": objective_yaml(10, launched=True)}, "2026-10-20")
    later = portal_of(repo.root / "content", date(2026, 10, 25))

    after = parse(
        render_feed(later, recent_changes(later, days=120), SiteUrls(), site_name="S").content
    )

    def changes_of(parsed: feedparser.FeedParserDict) -> dict[str, tuple[str, str]]:
        return {e.id: (e.updated, e.title) for e in parsed.entries if e.tags[0].term != "cycle"}

    assert changes_of(before).items() < changes_of(after).items()
    # a closed cycle keeps its id; its `updated` moves once its grades are final
    cycles = [{e.id for e in feed.entries if e.tags[0].term == "cycle"} for feed in (before, after)]
    assert cycles[0] == cycles[1] == {"urn:okrsite:change:cycle:2026-q3:2026-10-01"}


def test_user_text_is_escaped_and_unencodable_characters_dropped(portal: Portal) -> None:
    hostile = '<b>Wait</b> & \x01\x1b "time" ]]> \ud800'
    key_results = {
        **portal.model.key_results,
        "wait-time": replace(portal.model.key_results["wait-time"], title=hostile),
    }
    model = replace(portal.model, key_results=key_results)
    hostile_portal = assemble_portal(model, AS_OF)

    feed = render_feed(
        hostile_portal, recent_changes(hostile_portal, days=120), SiteUrls(), site_name="A & <B>"
    )
    parsed = parse(feed.content)

    assert "<b>" not in feed.content
    assert parsed.feed.title == "A & <B>: recent changes"
    titles = [e.title for e in parsed.entries if e.tags[0].term == "key-result"]
    assert '<b>Wait</b> &  "time" ]]> : at risk → on track, 33% → 50%' in titles


def test_the_same_input_gives_the_same_bytes(portal: Portal, tmp_path: Path) -> None:
    again = portal_of(tmp_path / "repo" / "content", AS_OF)

    first = render_feed(portal, recent_changes(portal, days=120), SiteUrls(), site_name="S")
    second = render_feed(again, recent_changes(again, days=120), SiteUrls(), site_name="S")

    assert first == second


def test_a_quiet_period_is_still_a_valid_feed(portal: Portal) -> None:
    # no change and no cycle closed in the last 5 days (Q3 closed on 10-01)
    parsed = parse(render_feed(portal, (), SiteUrls(), site_name="S", days=5).content)

    assert parsed.entries == []
    assert parsed.feed.updated == "2026-10-10T00:00:00Z"
    assert parsed.feed.id == "urn:okrsite:feed"


def test_a_cycle_that_closed_is_an_entry_with_its_results(portal: Portal) -> None:
    """Q3 closed on 10-01 (the first day after it); on 10-10 it is still in its 14 grading
    days, so the entry says so; from 10-15 its grades are final and the entry is updated."""
    changes = recent_changes(portal, days=120)
    parsed = parse(render_feed(portal, changes, SiteUrls("okrs"), site_name="S", days=120).content)
    [closed] = [e for e in parsed.entries if e.tags[0].term == "cycle"]
    q3 = portal.scorecard.cycles["2026-q3"]
    assert q3.score is not None
    assert closed.title == f"2026 Q3 closed: grade {grade_text(q3.score)}"
    assert closed.updated == "2026-10-01T00:00:00Z"
    assert closed.id == "urn:okrsite:change:okrs:cycle:2026-q3:2026-10-01"
    assert closed.link == "cycles/2026-q3/"
    assert closed.summary == (
        f"2026 Q3 (2026-07-01 to 2026-09-30) closed. Grade {grade_text(q3.score)} "
        f"({percent(q3.score)}). 1 objective: 0 met, 1 partly met, 0 missed. "
        "Grading is open until 2026-10-14: grades may still change."
    )
    order = [e.updated for e in parsed.entries]
    assert order == sorted(order, reverse=True)  # among the changes, by date

    later = replace(portal, scorecard=replace(portal.scorecard, as_of=date(2026, 11, 23)))
    parsed = parse(render_feed(later, (), SiteUrls("okrs"), site_name="S", days=60).content)
    [closed] = parsed.entries
    assert closed.updated == "2026-10-15T00:00:00Z" == parsed.feed.updated
    assert "Grading is open" not in closed.summary
    parsed = parse(render_feed(later, (), SiteUrls("okrs"), site_name="S", days=30).content)
    assert parsed.entries == []  # closed 53 days before: out of a 30-day feed
