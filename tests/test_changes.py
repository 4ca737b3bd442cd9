"""Recent changes: per day, old → new progress, status and value, equal to what was committed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from history_repo import committed_series, git, objective_yaml, portal_of, small_model

from okrsite.compute.changes import Cause, ChangeDay, recent_changes, why
from okrsite.compute.progress import metric_progress
from okrsite.model import CheckIn, Model, Status, Visibility
from okrsite.portal import Portal, assemble_portal
from okrsite.render.changes import render_changes_page
from okrsite.urls import Kind, SiteUrls

AS_OF = date(2026, 10, 10)


def moves(
    changes: tuple[ChangeDay, ...], kind: Kind, key: str, cause: Cause = Cause.CHECK_IN
) -> list[tuple]:
    return [
        (day.day, c.value_before, c.value_after, c.before.status, c.after.status)
        for day in changes
        for c in day.changes
        if (c.kind, c.key, c.cause) == (kind, key, cause)
    ]


def days_checked_in(changes: tuple[ChangeDay, ...]) -> list[date]:
    return [day.day for day in changes if any(c.cause is Cause.CHECK_IN for c in day.changes)]


@pytest.fixture
def portal(tmp_path: Path) -> Portal:
    repo = committed_series(tmp_path / "repo")
    return portal_of(repo.root / "content", AS_OF)


def test_changes_equal_the_committed_values_newest_first(portal: Portal) -> None:
    changes = recent_changes(portal, days=120)

    # 07-01 wrote the key results: their creation, not a change
    assert days_checked_in(changes) == [date(2026, 10, 5), date(2026, 9, 1), date(2026, 8, 3)]
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

    assert days_checked_in(recent_changes(portal, days=120)) == []
    model = small_model(wait=None, wait_checkins=(CheckIn(date=date(2026, 9, 9), value=10.0),))
    changes = recent_changes(assemble_portal(model, AS_OF), days=120)
    assert [m[:3] for m in moves(changes, Kind.KEY_RESULT, "wait-time")] == [
        (date(2026, 9, 9), 12, 10.0)
    ]


def test_bounds_on_days_and_entries(portal: Portal) -> None:
    last_forty_days = recent_changes(portal, days=40)
    three_entries = recent_changes(portal, days=120, max_entries=3)

    assert [day.day for day in last_forty_days] == [
        date(2026, 10, 5),
        date(2026, 9, 19),
        date(2026, 9, 6),
        date(2026, 9, 1),
    ]
    assert [(day.day, len(day.changes)) for day in three_entries] == [
        (date(2026, 10, 5), 2),
        (date(2026, 9, 19), 1),
    ]


def test_check_ins_after_the_as_of_date_are_not_changes_yet(portal: Portal) -> None:
    earlier = assemble_portal(portal.model, date(2026, 9, 15))

    assert days_checked_in(recent_changes(earlier, days=120)) == [
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
    headings = [line for line in page.content.splitlines() if line.startswith("## ")]
    assert headings[:4] == ["## 2026-10-05", "## 2026-09-19", "## 2026-09-06", "## 2026-09-01"]
    soup = BeautifulSoup(page.content, "html.parser")
    rows = [row.get_text(" ", strip=True) for row in soup.select("tr.okr-change")]
    assert rows[:3] == [
        "Objective Faster check-in on track 48% → 53% Key results checked in",
        "Key result Wait time down at risk → on track 33% → 50% 11 → 10.5 Checked in",
        "Key result Wait time down on track → at risk 33% 11 Time passed: 43% expected by now",
    ]
    assert soup.select_one("tr.okr-change--worse") is not None
    assert "1 got better" in soup.find("p", class_="okr-change-tally").get_text()
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


def test_time_alone_changes_a_status_on_the_day_it_happens(portal: Portal) -> None:
    """Window 07-01..12-31 (183 days); on track while expected − progress <= 10 %, at risk
    while <= 25 %. Wait time sits at 0 % until 08-03: 19/183 = 10.4 % expected on 07-20 puts it
    at risk; at 1/6 from 08-03, 49/183 = 26.8 % on 08-19 leaves a 10.1 % gap; at 1/3 from 09-01,
    80/183 = 43.7 % on 09-19 a 10.4 % gap. The milestone, undone, is off track at 46/183 = 25.1 %
    (08-16)."""
    changes = recent_changes(portal, days=120)

    assert moves(changes, Kind.KEY_RESULT, "wait-time", Cause.TIME) == [
        (date(2026, 9, 19), 11.0, 11.0, Status.ON_TRACK, Status.AT_RISK),
        (date(2026, 8, 19), 11.5, 11.5, Status.ON_TRACK, Status.AT_RISK),
        (date(2026, 7, 20), 12.0, 12.0, Status.ON_TRACK, Status.AT_RISK),
    ]
    assert moves(changes, Kind.KEY_RESULT, "kiosk-launch", Cause.TIME) == [
        (date(2026, 8, 16), False, False, Status.AT_RISK, Status.OFF_TRACK),
        (date(2026, 7, 20), False, False, Status.ON_TRACK, Status.AT_RISK),
    ]
    slip = next(c for day in changes if day.day == date(2026, 9, 19) for c in day.changes)
    assert slip.direction == "worse"
    assert slip.after.expected == pytest.approx(80 / 183)
    assert why(slip) == "time passed: 43% expected by now"


def test_rows_where_a_reader_sees_nothing_change_are_dropped(tmp_path: Path) -> None:
    """A check-in repeating the value, or moving progress within the same whole percent, is no
    change; a new value is, even when status and percent stay."""
    checkins = (
        CheckIn(date=date(2026, 7, 10), value=11.0),
        CheckIn(date=date(2026, 7, 11), value=11.0),  # the same value again
        CheckIn(date=date(2026, 7, 12), value=10.99),  # 33.67 %: still 33 %, but a new value
        CheckIn(date=date(2026, 7, 13), value=10.995),  # 33.5 %: the value is new
    )
    portal = assemble_portal(small_model(wait=None, wait_checkins=checkins), date(2026, 7, 14))

    changes = recent_changes(portal, days=14)

    assert [day for day, *_ in moves(changes, Kind.KEY_RESULT, "wait-time")] == [
        date(2026, 7, 13),
        date(2026, 7, 12),
        date(2026, 7, 10),
    ]
    objective_days = [day for day, *_ in moves(changes, Kind.OBJECTIVE, "check-in")]
    assert objective_days == [date(2026, 7, 10)]  # (1/3 + 1/9 + 0) / 3: 14 % from then on


def test_a_key_result_added_later_does_not_pull_its_objective_down_before(tmp_path: Path) -> None:
    repo = committed_series(tmp_path / "repo")
    extra = objective_yaml(10.5, launched=True) + (
        "  - id: bags\n    title: Bags on time\n    baseline: 0\n    target: 100\n    current: 10\n"
    )
    repo.commit({"content/okrs.yml": extra}, "2026-10-08")

    portal = portal_of(repo.root / "content", AS_OF)
    changes = recent_changes(portal, days=120)

    added = [c for day in changes for c in day.changes if c.cause is Cause.ADDED]
    assert [(c.key, c.before.progress, c.after.progress) for c in added] == [
        (
            "check-in",
            pytest.approx((0.5 + 5 / 45 + 1) / 3),
            pytest.approx((0.5 + 5 / 45 + 1 + 0.1) / 4),
        )
    ]
    assert moves(changes, Kind.KEY_RESULT, "bags") == []  # its creation is not a change
    earlier = [c for day in changes if day.day < date(2026, 10, 8) for c in day.changes]
    assert all(c.key != "bags" for c in earlier)
