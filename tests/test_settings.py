"""`okrsite.settings`: defaults, a clear message naming the setting for every bad value, paths
relative to the project, a real `mkdocs build` that stops cleanly, and the guide's settings table
kept in step."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from okrsite.compute.cycles import CycleLength, CycleRule
from okrsite.compute.grades import GradeBands
from okrsite.compute.progress import Thresholds
from okrsite.model import Visibility
from okrsite.render.badges import BadgeStyle
from okrsite.settings import SETTING_NAMES, SETTINGS, SettingsError, read_settings
from okrsite.settings_reference import settings_reference

ROOT = Path(__file__).resolve().parent.parent
BASE = Path("/projects/portal")


def read(**values: object):
    return read_settings(values, base_dir=BASE)


def test_defaults() -> None:
    settings = read_settings({}, base_dir=BASE, site_name="Airline")
    site, portal = settings.site, settings.portal

    assert settings.content_dir == BASE / "content"
    assert settings.prefix == ""
    assert portal.visibility is Visibility.INTERNAL
    assert portal.thresholds == Thresholds(0.10, 0.25)
    assert (portal.history.enabled, portal.history.max_commits, portal.history.since) == (
        True,
        2000,
        None,
    )
    assert site.diagrams.enabled and site.diagrams.max_nodes_per_level == 12
    assert site.diagrams.timeout == 60 and site.diagrams.cache_dir == BASE / ".cache/okrsite"
    assert (site.badges.style, site.badges.label) == (BadgeStyle.FLAT, "{short_title}")
    assert (site.changes_days, site.changes_max_entries, site.site_name) == (60, 200, "Airline")


def test_as_of_defaults_to_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23T00:00:00Z
    assert read().portal.as_of == date(2026, 11, 23)
    assert read(as_of="2026-07-01").portal.as_of == date(2026, 7, 1)
    assert read(as_of=date(2026, 8, 2)).portal.as_of == date(2026, 8, 2)


def test_every_value_is_used() -> None:
    settings = read(
        content="okrs/yaml",
        prefix="/teams/okrs/",
        on_track=0.05,
        at_risk=0.3,
        visibility="public",
        diagrams=False,
        diagram_max_nodes=3,
        diagram_timeout=2.5,
        cache_dir="build/cache",
        badge_style="for-the-badge",
        badge_label="{kind}: {title}",
        history=False,
        history_max_commits=50,
        history_since="2026-01-01",
        changes_days=7,
        changes_max_entries=9,
        review_page=False,
    )
    site, portal = settings.site, settings.portal
    assert portal.review_page is False

    assert settings.content_dir == BASE / "okrs/yaml" and settings.prefix == "teams/okrs/"
    assert portal.thresholds == Thresholds(0.05, 0.3)
    assert portal.visibility is Visibility.PUBLIC
    assert portal.history.enabled is False and portal.history.max_commits == 50
    assert portal.history.since == date(2026, 1, 1)
    assert site.diagrams.enabled is False and site.diagrams.max_nodes_per_level == 3
    assert site.diagrams.timeout == 2.5 and site.diagrams.cache_dir == BASE / "build/cache"
    assert site.badges.style is BadgeStyle.FOR_THE_BADGE
    assert site.badges.label_for(id="x", title="T", kind="stage") == "stage: T"
    assert (site.changes_days, site.changes_max_entries) == (7, 9)


def test_absolute_paths_stay_absolute(tmp_path: Path) -> None:
    settings = read(content=str(tmp_path / "c"), cache_dir=str(tmp_path / "cache"))
    assert settings.content_dir == tmp_path / "c"
    assert settings.site.diagrams.cache_dir == tmp_path / "cache"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("content", 5),
        ("prefix", ["okrs"]),
        ("prefix", "../outside"),
        ("prefix", "okrs/../.."),
        ("prefix", "my okrs"),
        ("prefix", "okrs?page=1"),
        ("prefix", "okrs\\win"),
        ("as_of", "2026-13-01"),
        ("as_of", "yesterday"),
        ("on_track", 1.5),
        ("on_track", "0.1"),
        ("at_risk", -0.1),
        ("at_risk", True),
        ("visibility", "secret"),
        ("visibility", "Public"),
        ("diagrams", "no"),
        ("diagrams", 0),
        ("diagram_max_nodes", 0),
        ("diagram_max_nodes", 2.5),
        ("diagram_timeout", 0),
        ("diagram_timeout", float("inf")),
        ("diagram_timeout", float("nan")),
        ("diagram_timeout", "60s"),
        ("cache_dir", False),
        ("badge_style", "plastic"),
        ("badge_label", "{name}"),
        ("badge_label", "{id"),
        ("badge_label", "  "),
        ("history", "yes"),
        ("history_max_commits", -1),
        ("history_since", "last year"),
        ("changes_days", 0),
        ("changes_max_entries", True),
        ("cycle", "quarterly"),
        ("cycle", "Q"),
        ("year_start", 0),
        ("year_start", 13),
        ("year_start", "july"),
        ("year_start", True),
        ("grading_days", -1),
        ("grading_days", 2.5),
        ("aspirational_met", 1.2),
        ("partly_met", "0.4"),
        ("review_page", "no"),
        ("rules", {"OKR999": "off"}),
    ],
)
def test_a_bad_value_names_its_setting(name: str, value: object) -> None:
    with pytest.raises(SettingsError, match=f"`{name}`"):
        read(**{name: value})


def test_thresholds_must_be_in_order() -> None:
    with pytest.raises(SettingsError, match="on_track <= at_risk"):
        read(on_track=0.3, at_risk=0.2)


def test_unknown_names_are_listed_with_the_known_ones() -> None:
    with pytest.raises(SettingsError) as raised:
        read(diagram=False, Prefix="okrs")
    message = str(raised.value)
    assert "unknown okrsite setting(s): Prefix, diagram" in message
    assert all(name in message for name in SETTING_NAMES)


def test_a_bad_source_date_epoch_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "tomorrow")
    with pytest.raises(SettingsError, match="SOURCE_DATE_EPOCH"):
        read()


def test_null_means_the_default() -> None:
    assert read(prefix=None, diagrams=None) == read()


def test_every_default_is_a_valid_value() -> None:
    for setting in SETTINGS:
        if setting.default is not None:
            assert setting.parse(setting.name, setting.default) is not None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("entry", "named"),
    [("visibility: secret", "`visibility`"), ("diagram: false", "unknown okrsite setting")],
)
def test_a_real_build_with_a_bad_setting_stops_cleanly(
    tmp_path: Path, entry: str, named: str
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: T\nplugins:\n  - okrsite:\n      content: content\n      {entry}\n",
        "utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert named in done.stderr and "(in the okrsite entry of mkdocs.yml)" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not (tmp_path / "site").exists()


def test_the_guides_settings_page_is_made_from_the_settings_table() -> None:
    page = (ROOT / "docs" / "guide" / "settings.md").read_text("utf-8")
    listed = re.findall(r"^\| `([a-z_]+)` \|", page, re.M)

    assert page == settings_reference(), "run `make schema`"
    assert listed == list(SETTING_NAMES)


def test_partly_met_cannot_be_above_met() -> None:
    with pytest.raises(SettingsError, match="partly_met <= aspirational_met"):
        read(aspirational_met=0.5, partly_met=0.6)


def test_cycle_settings_reach_the_portal_settings() -> None:
    settings = read(cycle="half", year_start=4, grading_days=0)
    assert settings.portal.cycles == CycleRule(CycleLength.HALF, 4, 0)
    assert read().portal.cycles == CycleRule(CycleLength.QUARTER, 1, 14)
    assert read(aspirational_met=0.6, partly_met=0.3).portal.grade_bands == GradeBands(0.6, 0.3)
