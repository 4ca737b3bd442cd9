"""What a valid content tree turns into: the issue's example, periods, ids and aliases."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from okrsite.load import load_content
from okrsite.model import KeyResultType, Model
from okrsite.spec.types import period_window

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
BROKEN = Path(__file__).parent / "broken"


def load_with(tmp_path: Path, extra: str) -> Model | None:
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(FIXTURE / "airline.yml", content / "airline.yml")
    (content / "extra.yml").write_text(extra, encoding="utf-8")
    result = load_content(content, relative_to=tmp_path)
    assert [p for p in result.problems if p.severity == "error"] == []
    return result.model


def test_the_issue_example_validates_into_the_model() -> None:
    result = load_content(FIXTURE)
    assert result.problems == []
    model = result.model
    assert model is not None
    assert model.north_star.id == "north-star"
    assert [o.key for o in model.north_star.outcomes] == [
        "customer",
        "operational",
        "financial",
        "strategic",
    ]
    assert model.value_streams["passenger-journey"].stages == ("book", "check-in", "board")
    assert model.stages["board"].position == 2
    assert model.stages["board"].value_stream == "passenger-journey"
    objective = model.objectives["streamline-check-in"]
    assert (objective.stage, objective.outcome, objective.team) == (
        "check-in",
        "customer",
        "airport-ops",
    )
    assert objective.capabilities == ("digital-check-in",)
    assert objective.period is not None
    assert objective.period.window.start == date(2026, 7, 1)
    assert objective.period.window.end == date(2026, 12, 31)
    assert objective.key_results == (
        "checkin-wait-time",
        "digital-adoption",
        "checkin-satisfaction",
    )
    wait = model.key_results["checkin-wait-time"]
    assert (wait.type, wait.baseline, wait.target, wait.unit) == (
        KeyResultType.METRIC,
        12.0,
        9.0,
        "min",
    )
    assert [(c.date, c.value, c.confidence) for c in wait.checkins] == [
        (date(2026, 8, 1), 11.2, None),
        (date(2026, 10, 1), 10.4, 0.7),
    ]
    assert wait.checkins[1].location is not None
    assert str(wait.checkins[1].location).endswith("airline.yml:39:9")
    assert model.key_results["digital-adoption"].current == 62.0
    kiosks = model.initiatives["self-service-kiosks"]
    assert kiosks.key_results == ("checkin-wait-time", "digital-adoption")
    assert kiosks.status == "in-progress"
    assert [(link.title, link.url) for link in kiosks.links] == [
        ("Epic OPS-412", "https://tracker.example.com/browse/OPS-412")
    ]
    assert list(model.key_results) == sorted(model.key_results)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-H1", date(2026, 1, 1), date(2026, 6, 30)),
        ("2026-H2", date(2026, 7, 1), date(2026, 12, 31)),
        ("2028-02", date(2028, 2, 1), date(2028, 2, 29)),
        ("2026-12", date(2026, 12, 1), date(2026, 12, 31)),
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_period_windows(text: str, start: date, end: date) -> None:
    assert period_window(text) == (start, end)


@pytest.mark.parametrize("text", ["2026-Q0", "2026-H3", "2026-13", "2026-00", "26-Q1", "Q4"])
def test_not_periods(text: str) -> None:
    assert period_window(text) is None


def test_references_ignore_case_and_follow_aliases(tmp_path: Path) -> None:
    model = load_with(
        tmp_path,
        """\
kind: Capability
id: Self-Service
title: Self service
aliases: [kiosk-era]
---
kind: Objective
id: Faster-Boarding
title: Faster boarding
stage: BOARD
team: Airport-Ops
capabilities: [kiosk-era]
period: 2026-Q4
key_results:
  - {id: Boarding-Time, title: Board in 20 minutes, baseline: 30, target: 20}
""",
    )
    assert model is not None
    objective = model.objectives["faster-boarding"]
    assert objective.id == "Faster-Boarding"
    assert (objective.stage, objective.team, objective.capabilities) == (
        "board",
        "airport-ops",
        ("self-service",),
    )
    assert model.capabilities["self-service"].aliases == ("kiosk-era",)
    assert model.key_results["boarding-time"].objective == "faster-boarding"


def test_own_outcomes_replace_the_defaults(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    text = (
        (FIXTURE / "airline.yml")
        .read_text()
        .replace(
            "title: Become the airline passengers recommend first\n",
            "title: Become the airline passengers recommend first\n"
            "outcomes:\n"
            "  - {id: customer, title: Happy passengers}\n"
            "  - {id: green, title: Green}\n",
            1,
        )
    )
    (content / "airline.yml").write_text(text)
    result = load_content(content)
    assert result.problems == []
    assert result.model is not None
    assert [(o.key, o.title) for o in result.model.north_star.outcomes] == [
        ("customer", "Happy passengers"),
        ("green", "Green"),
    ]


def test_milestones_and_defaults(tmp_path: Path) -> None:
    model = load_with(
        tmp_path,
        """\
kind: Objective
id: launch
title: Launch the app
period: 2026-H2
visibility: public
key_results:
  - id: app-live
    title: App live in stores
    type: milestone
    due: 2026-10-31
    weight: 2
    checkins:
      - {date: 2026-08-01, done: false, note: beta}
      - {date: 2026-10-01, done: true}
---
kind: Initiative
id: app-store-listing
title: App store listing
type: story
parent: self-service-kiosks
""",
    )
    assert model is not None
    milestone = model.key_results["app-live"]
    assert (milestone.type, milestone.weight, milestone.due) == (
        KeyResultType.MILESTONE,
        2.0,
        date(2026, 10, 31),
    )
    assert [c.done for c in milestone.checkins] == [False, True]
    assert model.objectives["launch"].visibility == "public"
    story = model.initiatives["app-store-listing"]
    assert (story.type, story.parent, story.status) == ("story", "self-service-kiosks", "planned")
