"""Recent changes: per day, old → new progress, status and value, equal to what was committed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from history_repo import committed_series, git, objective_yaml, portal_of, small_model

from okrsite.compute.progress import metric_progress
from okrsite.model import CheckIn, Model, Status, Visibility
from okrsite.portal import Portal, assemble_portal
from okrsite.render.changes import ChangeDay, recent_changes, render_changes_page
from okrsite.urls import Kind, SiteUrls

AS_OF = date(2026, 10, 10)


def moves(changes: tuple[ChangeDay, ...], kind: Kind, key: str) -> list[tuple]:
    return [
        (day.day, c.value_before, c.value_after, c.before.status, c.after.status)
        for day in changes
        for c in day.changes
        if (c.kind, c.key) == (kind, key)
    ]


@pytest.fixture
def portal(tmp_path: Path) -> Portal:
    repo = committed_series(tmp_path / "repo")
    return portal_of(repo.root / "content", AS_OF)


def test_changes_equal_the_committed_values_newest_first(portal: Portal) -> None:
    changes = recent_changes(portal, days=120)

    # 07-01 wrote the key results: their creation, not a change
    assert [day.day for day in changes] == [date(2026, 10, 5), date(2026, 9, 1), date(2026, 8, 3)]
    assert [m[:3] for m in moves(changes, Kind.KEY_RESULT, "wait-time")] == [
        (date(2026, 10, 5), 11.0, 10.5),
        (date(2026, 9, 1), 11.5, 11.0),
        (date(2026, 8, 3), 12.0, 11.5),
    ]
    assert moves(changes, Kind.KEY_RESULT, "kiosk-launch") == [
        (date(2026, 9, 1), False, True, Status.OFF_TRACK, Status.DONE)
    ]
    assert moves(changes, Kind.KEY_RESULT, "adoption") == []  # never changed after creation
    latest = changes[0].changes
    assert [(c.kind, c.key) for c in latest] == [
        (Kind.OBJECTIVE, "check-in"),
        (Kind.KEY_RESULT, "wait-time"),
    ]
    wait = latest[1]
    assert wait.before.progress == pytest.approx(metric_progress(12, 9, 11.0))
    assert wait.after.progress == pytest.approx(metric_progress(12, 9, 10.5))


def test_the_newest_state_matches_the_portal(portal: Portal) -> None:
    newest = recent_changes(portal, days=120)[0]

    for change in newest.changes:
        scores = (
            portal.scorecard.objectives
            if change.kind is Kind.OBJECTIVE
            else portal.scorecard.key_results
        )
        assert change.after.progress == pytest.approx(scores[change.key].progress)


def test_written_check_ins_win_over_the_commit_of_the_same_day(tmp_path: Path) -> None:
    repo = committed_series(tmp_path / "repo")
    written = objective_yaml(10.5, launched=True).replace(
        "target: 9\n", "target: 9\n    checkins:\n      - {date: 2026-08-03, value: 11.2}\n"
    )
    repo.commit({"content/okrs.yml": written}, "2026-10-06")

    changes = recent_changes(portal_of(repo.root / "content", AS_OF), days=120)

    assert [m[:3] for m in moves(changes, Kind.KEY_RESULT, "wait-time")] == [
        (date(2026, 10, 5), 11.0, 10.5),
        (date(2026, 9, 1), 11.2, 11.0),
        (date(2026, 8, 3), 12.0, 11.2),
    ]


def test_with_history_off_only_written_check_ins_make_changes(tmp_path: Path) -> None:
    repo = committed_series(tmp_path / "repo")

    portal = portal_of(repo.root / "content", AS_OF, history=False)

    assert recent_changes(portal, days=120) == ()
    model = small_model(wait=None, wait_checkins=(CheckIn(date=date(2026, 9, 9), value=10.0),))
    changes = recent_changes(assemble_portal(model, AS_OF), days=120)
    assert [m[:3] for m in moves(changes, Kind.KEY_RESULT, "wait-time")] == [
        (date(2026, 9, 9), 12, 10.0)
    ]


def test_bounds_on_days_and_entries(portal: Portal) -> None:
    last_forty_days = recent_changes(portal, days=40)
    three_entries = recent_changes(portal, days=120, max_entries=3)

    assert [day.day for day in last_forty_days] == [date(2026, 10, 5), date(2026, 9, 1)]
    assert [(day.day, len(day.changes)) for day in three_entries] == [
        (date(2026, 10, 5), 2),
        (date(2026, 9, 1), 1),
    ]


def test_check_ins_after_the_as_of_date_are_not_changes_yet(portal: Portal) -> None:
    earlier = assemble_portal(portal.model, date(2026, 9, 15))

    assert [day.day for day in recent_changes(earlier, days=120)] == [
        date(2026, 9, 1),
        date(2026, 8, 3),
    ]


def test_hidden_objectives_never_appear(portal: Portal) -> None:
    hidden = {
        key: replace(o, visibility=Visibility.CONFIDENTIAL)
        for key, o in portal.model.objectives.items()
    }
    model = Model(
        north_star=portal.model.north_star,
        objectives=hidden,
        key_results=portal.model.key_results,
    )

    published = assemble_portal(model, AS_OF, publish_up_to=Visibility.INTERNAL)

    assert recent_changes(published, days=120) == ()


@pytest.mark.parametrize(
    ("urls", "source", "href"),
    [
        (SiteUrls("okrs"), "okrs/changes/index.md", "../key-results/wait-time/"),
        (SiteUrls("", directory_urls=False), "changes/index.md", "../key-results/wait-time.html"),
    ],
)
def test_the_page_lists_each_day_with_links(
    portal: Portal, urls: SiteUrls, source: str, href: str
) -> None:
    changes = recent_changes(portal, days=120)

    page = render_changes_page(portal, changes, urls, days=120, feed_path="feed.xml")

    assert page.path == source
    assert page.content.startswith('---\ntitle: "Recent changes"\n---\n')
    assert [line for line in page.content.splitlines() if line.startswith("## ")] == [
        "## 2026-10-05",
        "## 2026-09-01",
        "## 2026-08-03",
    ]
    soup = BeautifulSoup(page.content, "html.parser")
    rows = [row.get_text(" ", strip=True) for row in soup.select("tr.okr-change")]
    assert rows[:2] == [
        "Objective Faster check-in 48% → 53% on track → on track",
        "Key result Wait time down 33% → 50% at risk → on track 11 → 10.5",
    ]
    assert soup.find("a", string="Wait time down")["href"] == href
    assert soup.find("a", type="application/atom+xml")["href"] == href.split("key-results")[0] + (
        "feed.xml"
    )


def test_the_page_escapes_titles_and_says_when_nothing_changed() -> None:
    model = small_model()
    hostile = replace(
        model.key_results["wait-time"],
        title="<script>alert(1)</script>",
        checkins=(CheckIn(date=date(2026, 9, 1), value=10.0),),
    )
    portal = assemble_portal(
        Model(
            north_star=model.north_star,
            objectives=model.objectives,
            key_results={**model.key_results, "wait-time": hostile},
        ),
        AS_OF,
    )

    page = render_changes_page(portal, recent_changes(portal), SiteUrls(), days=60, feed_path=None)
    quiet = render_changes_page(portal, (), SiteUrls(), days=60, feed_path=None)

    assert "<script>" not in page.content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.content
    assert "No progress or status changed in the 60 days up to 2026-10-10." in quiet.content
    assert "feed" not in quiet.content.lower()


def test_the_page_is_the_same_from_another_clone(portal: Portal, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", str(tmp_path / "repo"), str(clone))
    again = portal_of(clone / "content", AS_OF)

    first = render_changes_page(portal, recent_changes(portal), SiteUrls(), days=60, feed_path=None)
    second = render_changes_page(again, recent_changes(again), SiteUrls(), days=60, feed_path=None)

    assert first == second
    assert "## 2026-10-05" in first.content
