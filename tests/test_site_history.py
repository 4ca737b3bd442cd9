"""End to end: the demo in a fresh git repository whose commits only edit `current`, built once
with the real `mkdocs build`; the trend, burn-up, changes page, feed and "last updated" show
the committed values. A shallow clone builds with a warning (and fails under --strict)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from history_repo import GitRepo, committed_series, git
from mkdocs_runs import build_in_process, demo_config

from okrsite.compute.wording import whole_percent

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

ROOT = Path(__file__).resolve().parent.parent
DEMO_FILE = "content/airline-check-in.yml"
ADOPTION_LINE = "    current: 62\n"  # digital-adoption, baseline 35, target 80
ADOPTION_TITLE = "Increase digital check-in adoption rate to 80%"
WAIT_UNIT_LINE = "    unit: min\n"  # checkin-wait-time's, the first `unit: min` of the file
COMMITS = [("2026-07-01", 62), ("2026-09-15", 66), ("2026-10-20", 70), ("2026-11-10", 71)]
WAIT_CHECKINS = [(date(2026, 8, 1), 11.2), (date(2026, 10, 1), 10.4)]  # written in the YAML


def mkdocs(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def demo_files(adoption: int) -> dict[str, str | bytes]:
    """The demo project (content, docs, mkdocs.yml) with digital-adoption's `current` set."""
    files: dict[str, str | bytes] = {
        path.relative_to(ROOT).as_posix(): path.read_bytes()
        for folder in ("content", "docs")
        for path in sorted((ROOT / folder).rglob("*"))
        if path.is_file()
    }
    demo = (ROOT / DEMO_FILE).read_text("utf-8")
    assert demo.count(ADOPTION_LINE) == 1
    files[DEMO_FILE] = demo.replace(ADOPTION_LINE, f"    current: {adoption}\n")
    files["mkdocs.yml"] = demo_config(
        "changes_days: 150", "changes_max_entries: 1000", "diagrams: false", as_of="2026-11-23"
    )
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = GitRepo(tmp_path_factory.mktemp("okr-repo"))
    first_day, first_value = COMMITS[0]
    repo.commit(demo_files(first_value), first_day, "the demo")
    for day, value in COMMITS[1:]:
        repo.commit({DEMO_FILE: demo_files(value)[DEMO_FILE]}, day, f"adoption {value}%")
    edited = demo_files(COMMITS[-1][1])[DEMO_FILE].replace(WAIT_UNIT_LINE, "    unit: minutes\n")
    repo.commit({DEMO_FILE: edited}, "2026-11-20", "wait time in minutes")  # an edit, no reading
    done = mkdocs(repo.root, "-d", "site")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return repo.root / "site"


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text("utf-8"), "html.parser")


def objective_progress(day: date, adoption: int) -> float:
    """streamline-check-in by the formulas of docs/guide/numbers.md: mean of wait time (written
    check-ins, 12→9), adoption (35→80) and satisfaction (3.9 of 3.5→4.5)."""
    waits = [value for when, value in WAIT_CHECKINS if when <= day]
    wait = (12 - (waits[-1] if waits else 12)) / 3
    return (wait + (adoption - 35) / 45 + (3.9 - 3.5) / 1) / 3


def test_the_trend_shows_each_committed_value(site: Path) -> None:
    svg = page(site, "key-results/digital-adoption").find("figure", class_="okr-trend")
    points = [circle.title.text for circle in svg.find_all("circle")]
    carried = "2026-11-23: 71%, no check-in since 2026-11-10"  # no reading on the as-of date
    assert points == [f"{day}: {value}%" for day, value in COMMITS] + [carried]
    last = svg.find_all("circle")[-1]
    assert "okr-trend__point--carried" in last["class"]
    assert "no check-in since 2026-11-10" in svg.figcaption.text


def test_the_burn_up_steps_on_commits_and_written_check_ins(site: Path) -> None:
    table = page(site, "objectives/streamline-check-in").find("details", class_="okr-burnup__data")
    rows = [[td.text for td in tr.find_all("td")][:2] for tr in table.tbody.find_all("tr")]
    days = ["2026-07-01", "2026-08-01", "2026-09-15", "2026-10-01", "2026-10-20", "2026-11-10"]
    expected = []
    for day in [*days, "2026-11-23"]:
        adoption = [value for committed, value in COMMITS if committed <= day][-1]
        progress = objective_progress(date.fromisoformat(day), adoption)
        expected.append([day, f"{whole_percent(progress)}%"])
    assert rows == expected[::-1]


def test_the_changes_page_lists_each_commit_old_to_new(site: Path) -> None:
    changes = page(site, "changes")
    found = []
    for heading in changes.find_all("h2"):
        for row in heading.find_next("table").tbody.find_all("tr"):
            cells = row.find_all("td")
            if cells[0].a and cells[0].a.text == ADOPTION_TITLE and "→" in cells[3].text:
                found.append((heading.get("id"), cells[3].text))
    assert found == [
        ("2026-11-10", "70% → 71%"),
        ("2026-10-20", "66% → 70%"),
        ("2026-09-15", "62% → 66%"),
    ]


def test_the_feed_has_an_entry_per_commit(site: Path) -> None:
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo and feed.version == "atom10"
    adoption = [e for e in feed.entries if e.title.startswith(ADOPTION_TITLE)]
    checked_in = [e for e in adoption if e.summary.endswith("Why: checked in.")]
    assert [(e.updated[:10], e.summary.split("Value ")[1].split(".")[0]) for e in checked_in] == [
        ("2026-11-10", "70% → 71%"),
        ("2026-10-20", "66% → 70%"),
        ("2026-09-15", "62% → 66%"),
    ]
    head_link = page(site, "about").find("link", type="application/atom+xml")
    assert (
        head_link is not None
        and (site / "about" / head_link["href"]).resolve() == (site / "feed.xml").resolve()
    )


def test_last_check_in_is_the_last_reading_not_the_last_edit(site: Path) -> None:
    adoption = page(site, "key-results/digital-adoption").find(class_="okr-updated")
    wait = page(site, "key-results/checkin-wait-time").find(class_="okr-updated")
    objective = page(site, "objectives/streamline-check-in").find(class_="okr-updated")
    team = page(site, "teams/airport-ops").find(class_="okr-updated")

    assert adoption.text == "Last check-in 2026-11-10 (13 days before 2026-11-23)"
    # the unit changed on 11-20: an edit; the last value was checked in on 10-01
    assert wait.text == (
        "Last check-in 2026-10-01 (53 days before 2026-11-23) · last edited 2026-11-20"
    )
    assert objective.text.startswith("Last check-in 2026-11-10 (13 days before 2026-11-23)")
    assert team is None or team.text.startswith("Last updated ")


def test_a_shallow_clone_builds_with_a_warning_and_fails_strict(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    repo = committed_series(tmp_path / "full")
    repo.commit(
        {
            "mkdocs.yml": "site_name: T\nplugins:\n  - okrsite:\n      as_of: 2026-11-23\n"
            "      diagrams: false\n",
            "docs/about.md": "# About\n",
        },
        "2026-10-06",
    )
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{repo.root}", "shallow")
    shallow = tmp_path / "shallow"

    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        build_in_process(shallow, shallow / "site")
    strict = mkdocs(shallow, "--strict", "-d", "strict-site")

    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("shallow clone" in w and "fetch-depth: 0" in w for w in warnings), warnings
    assert (shallow / "site" / "objectives" / "check-in" / "index.html").is_file()
    assert strict.returncode == 1 and "shallow clone" in strict.stderr
    assert "Traceback" not in strict.stderr
