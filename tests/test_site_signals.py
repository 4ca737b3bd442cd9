"""End to end: a project in a git repository whose target moves after the window opened, built
with the real `mkdocs build`; every place the issue names shows the same signal."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from history_repo import NORTH_STAR_YAML, GitRepo, git
from mkdocs_runs import build_in_process

pytestmark = pytest.mark.slow  # builds a site

MKDOCS_YML = """\
site_name: Signals
theme: {name: material}
plugins:
  - okrsite:
      as_of: 2026-11-23
      diagrams: false
      changes_days: 90
"""


def objective(target: int) -> str:
    return f"""\
kind: Objective
id: check-in
title: Faster check-in
team: ground
period: {{start: 2026-07-01, end: 2026-12-31}}
key_results:
  - id: wait-time
    title: Wait <b>time</b> down
    unit: min
    baseline: 12
    target: {target}
    current: 10.5
    checkins:
      - {{date: 2026-11-20, value: 10.5, confidence: 0.8}}
  - id: adoption
    title: Adoption up
    baseline: 35
    target: 80
    current: 62
  - id: uptime
    title: Kiosk uptime
    type: health
    unit: "%"
    keep_above: 99.5
    checkins:
      - {{date: 2026-11-20, value: 98.9}}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("signals")
    repo = GitRepo(root / "project")
    team = "kind: Team\nid: ground\ntitle: Ground crew\n"
    files = {"mkdocs.yml": MKDOCS_YML, "docs/.keep": "", "content/ns.yml": NORTH_STAR_YAML}
    files["content/team.yml"] = team
    repo.commit({**files, "content/okrs.yml": objective(8)}, "2026-06-20", "Plan")
    repo.commit({"content/okrs.yml": objective(10)}, "2026-10-12", "Lower <the> target")
    sha = git(repo.root, "rev-parse", "--short=7", "HEAD").strip()
    return build_in_process(repo.root, root / "site"), sha


def page(site_dir: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / path / "index.html").read_text("utf-8"), "html.parser")


def test_the_key_result_page_names_the_move_and_both_progresses(site: tuple[Path, str]) -> None:
    site_dir, sha = site
    box = page(site_dir, "key-results/wait-time").select_one(".okr-signals")
    assert box is not None
    text = " ".join(box.get_text(" ").split())
    assert f"target moved from 8 min to 10 min on 2026-10-12 in {sha} “Lower <the> target”" in text
    # against the original target (10.5 − 12) / (8 − 12) = 37.5 %, today's (10.5 − 12) / (10 − 12)
    assert "Progress against the goalposts the window opened with (target 8 min): 37%" in text
    assert "against today's: 75%" in text


def test_the_objective_page_and_the_index_show_it(site: tuple[Path, str]) -> None:
    site_dir, _ = site
    listed = page(site_dir, "objectives/check-in").select(".okr-signal-list li")
    texts = [" ".join(li.get_text(" ").split()) for li in listed]
    assert [text.split(" on ")[0] for text in texts] == [
        "Wait <b>time</b> down : moved goalpost target moved from 8 min to 10 min",
        "Adoption up : stale no check-in since its window opened",
    ]
    team = page(site_dir, "teams/ground")
    assert [li.select_one("a").get_text() for li in team.select(".okr-signal-list li")] == [
        "Wait <b>time</b> down",
        "Adoption up",
    ]  # the health metric was checked in three days ago: not stale
    facts = " ".join(team.select_one(".okr-facts").get_text(" ").split())
    assert "Check-ins 1 key result without a check-in for 14+ days" in facts
    rows = page(site_dir, "key-results").select("tr[data-signal]")
    assert {row.select_one("code").get_text(): row["data-signal"] for row in rows} == {
        "adoption": "stale",
        "wait-time": "moved-goalpost",
        "uptime": "none",
    }


def test_exports_and_the_feed_carry_it(site: tuple[Path, str]) -> None:
    site_dir, sha = site
    document = json.loads((site_dir / "okrs.json").read_text("utf-8"))
    signals = {kr["id"]: kr["signals"] for kr in document["key_results"]}
    assert signals["wait-time"] == [
        {
            "kind": "moved-goalpost",
            "since": "2026-10-12",
            "detail": f"target moved from 8 min to 10 min on 2026-10-12 in {sha} "
            "“Lower <the> target”",
            "explanation": None,
        }
    ]
    assert [s["kind"] for s in signals["adoption"]] == ["stale"]
    rows = list(csv.DictReader(io.StringIO((site_dir / "key-results.csv").read_text("utf-8"))))
    assert {row["id"]: row["signals"] for row in rows} == {
        "wait-time": "moved-goalpost",
        "adoption": "stale",
        "uptime": "",
    }
    feed = feedparser.parse((site_dir / "feed.xml").read_bytes())
    moved = [e for e in feed.entries if "moved" in e.title]
    assert [e.title for e in moved] == [
        f"Wait <b>time</b> down: target moved from 8 min to 10 min on 2026-10-12 in {sha} "
        "“Lower <the> target”"
    ]
    assert "No reason was given." in moved[0].summary
    changes = page(site_dir, "changes").get_text(" ")
    assert "target moved from 8 min to 10 min" in " ".join(changes.split())


def test_a_breached_health_metric_is_shown_apart_from_progress(site: tuple[Path, str]) -> None:
    site_dir, _ = site
    for path in ("objectives/check-in", "teams/ground", ""):
        shown = (
            page(site_dir, path)
            if path
            else BeautifulSoup((site_dir / "index.html").read_text("utf-8"), "html.parser")
        )
        table = shown.select_one(".okr-table--health")
        assert table is not None, path
        row = " ".join(table.select_one("tbody tr").get_text(" ").split())
        assert (
            "Kiosk uptime" in row
            and "≥ 99.5%" in row
            and "breached since 2026-11-20 (3 days ago)" in row
        )
    key_results = page(site_dir, "objectives/check-in").select_one(".okr-table--key-results")
    assert "Kiosk uptime" not in key_results.get_text()  # not among what counts as progress
    document = json.loads((site_dir / "okrs.json").read_text("utf-8"))
    [objective] = document["objectives"]
    # progress is the metrics' alone: wait time 0.75 and adoption (62 - 35) / 45 = 0.6
    assert objective["progress"] == pytest.approx(0.675)
