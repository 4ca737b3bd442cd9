"""Health metrics, hand-computed: kept within bounds, healthy or breached since a day, never
counted as progress; and the loader's messages for badly written ones."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from history_repo import HERE, NORTH_STAR_YAML, small_model

from okrsite.compute.health import HealthState, health_of
from okrsite.compute.progress import Thresholds
from okrsite.load import load_content
from okrsite.model import CheckIn, KeyResult, KeyResultType, Status
from okrsite.portal import Portal, assemble_portal
from okrsite.render.badges.artifacts import badge_artifacts, subject_wording
from okrsite.render.badges.colors import STATUS_COLORS
from okrsite.render.badges.options import BadgeOptions
from okrsite.render.badges.subjects import badge_subject
from okrsite.render.diagrams.facts import entity_facts
from okrsite.render.diagrams.labels import state_text
from okrsite.render.exports import export_files
from okrsite.urls import Kind, SiteUrls

AS_OF = date(2026, 11, 23)


def uptime(*values: tuple[date, float], current: float | None = None, **bounds: float) -> KeyResult:
    return KeyResult(
        id="uptime",
        title="Uptime",
        objective="check-in",
        type=KeyResultType.HEALTH,
        unit="%",
        current=current,
        keep_above=bounds.get("above", 99.5),
        keep_below=bounds.get("below"),
        checkins=tuple(CheckIn(date=day, value=value) for day, value in values),
        location=HERE,
    )


def test_healthy_and_never_breached() -> None:
    health = health_of(uptime((date(2026, 10, 1), 99.9), (date(2026, 11, 1), 99.5)), AS_OF)
    assert (health.state, health.value, health.breach) == (HealthState.HEALTHY, 99.5, None)


def test_breached_since_the_first_value_of_the_breach_that_lasts() -> None:
    values = ((date(2026, 9, 1), 99.0), (date(2026, 10, 1), 99.8), (date(2026, 10, 20), 99.1))
    health = health_of(uptime(*values, (date(2026, 11, 2), 98.7)), AS_OF)
    assert (health.state, health.value, health.breach) == (
        HealthState.BREACHED,
        98.7,
        date(2026, 10, 20),
    )


def test_healthy_again_names_the_last_breach() -> None:
    values = ((date(2026, 9, 1), 99.0), (date(2026, 10, 1), 99.2), (date(2026, 11, 1), 99.7))
    health = health_of(uptime(*values), AS_OF)
    assert (health.state, health.breach) == (HealthState.HEALTHY, date(2026, 10, 1))


def test_current_is_the_latest_value_and_later_check_ins_wait() -> None:
    key_result = uptime((date(2026, 12, 1), 90.0), current=99.9)  # the check-in is after as-of
    assert health_of(key_result, AS_OF).state is HealthState.HEALTHY
    assert health_of(uptime(), AS_OF).state is HealthState.UNKNOWN


@pytest.mark.parametrize(("value", "state"), [(40, "healthy"), (60, "healthy"), (61, "breached")])
def test_both_bounds_are_inclusive(value: float, state: str) -> None:
    key_result = uptime(current=value, above=40, below=60)
    assert health_of(key_result, AS_OF).state == state


def test_a_health_metric_never_counts_as_progress() -> None:
    model = small_model()
    model = replace(
        model,
        objectives={
            "check-in": replace(
                model.objectives["check-in"],
                key_results=(*model.objectives["check-in"].key_results, "uptime"),
            )
        },
        key_results={**model.key_results, "uptime": uptime(current=90.0)},
    )
    with_health = assemble_portal(model, AS_OF, thresholds=Thresholds()).scorecard
    without = assemble_portal(small_model(), AS_OF, thresholds=Thresholds()).scorecard
    assert with_health.key_results["uptime"].progress is None
    assert with_health.objectives["check-in"] == without.objectives["check-in"]
    assert with_health.health["uptime"].state is HealthState.BREACHED


HEALTH_YAML = """\
kind: Objective
id: check-in
title: Faster check-in
period: 2026-H2
key_results:
  - id: uptime
    title: Kiosk uptime
    type: health
    unit: "%"
{extra}"""


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("", "health metric 'uptime' has no bounds; add `keep_above`, `keep_below` or both"),
        ("    keep_above: 99.5\n    target: 100\n", "`target` is not for a health metric"),
        ("    keep_above: 60\n    keep_below: 40\n", "keep_below (40) is under keep_above (60)"),
        (
            "    keep_above: 99.5\n    checkins:\n      - {date: 2026-08-01, done: true}\n",
            "a check-in of a health key result needs `value`",
        ),
    ],
)
def test_badly_written_health_metrics_are_named(tmp_path: Path, extra: str, message: str) -> None:
    (tmp_path / "ns.yml").write_text(NORTH_STAR_YAML)
    (tmp_path / "okrs.yml").write_text(HEALTH_YAML.format(extra=extra))
    problems = [str(p) for p in load_content(tmp_path).problems]
    assert any(message in p for p in problems), problems


def test_bounds_on_a_metric_are_an_error(tmp_path: Path) -> None:
    (tmp_path / "ns.yml").write_text(NORTH_STAR_YAML)
    text = HEALTH_YAML.format(extra="    baseline: 1\n    target: 2\n    keep_above: 1\n")
    (tmp_path / "okrs.yml").write_text(text.replace("type: health", "type: metric"))
    problems = [str(p) for p in load_content(tmp_path).problems]
    assert any("`keep_above` is for health metrics" in p for p in problems), problems


def health_portal() -> Portal:
    model = small_model()
    objective = model.objectives["check-in"]
    model = replace(
        model,
        objectives={"check-in": replace(objective, key_results=(*objective.key_results, "uptime"))},
        key_results={
            **model.key_results,
            "uptime": uptime((date(2026, 10, 1), 98.0), (date(2026, 11, 1), 99.8)),
        },
    )
    return assemble_portal(model, AS_OF)


def test_exports_carry_the_state_and_the_badge_says_it() -> None:
    portal = health_portal()
    files = export_files(portal, SiteUrls())
    document = json.loads(files["okrs.json"])
    [kr] = [k for k in document["key_results"] if k["id"] == "uptime"]
    assert (kr["keep_above"], kr["keep_below"], kr["progress"]) == (99.5, None, None)
    assert kr["health"] == {"state": "healthy", "value": 99.8, "breach": "2026-10-01"}
    rows = list(csv.DictReader(io.StringIO(files["key-results.csv"], newline="")))
    assert {row["id"]: row["health"] for row in rows} == {
        "adoption": "",
        "kiosk-launch": "",
        "uptime": "healthy",
        "Wait-Time": "",
    }
    badges = {a.path: a.content for a in badge_artifacts(portal, SiteUrls(), BadgeOptions())}
    endpoint = json.loads(badges["badges/key-result/uptime.json"])
    assert (endpoint["message"], endpoint["color"]) == ("healthy", STATUS_COLORS[Status.ON_TRACK])
    # the subject carries the state, so an alias's badge and an embed's alt text say it too
    subject = badge_subject(portal, Kind.KEY_RESULT, "uptime")
    assert subject is not None
    assert subject_wording(subject, BadgeOptions()).message == "healthy"


def test_a_diagram_box_says_the_state_not_progress() -> None:
    facts = entity_facts(health_portal(), Kind.KEY_RESULT, "uptime")
    assert (facts.status, facts.progress, state_text(facts)) == ("healthy", None, "healthy")
