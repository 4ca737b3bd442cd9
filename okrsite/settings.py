"""The okrsite settings a user writes under `plugins: - okrsite:` in mkdocs.yml, read in one place.

Every engine (the MkDocs plugin, `okrsite generate` for Zensical) passes the same mapping here,
so names, defaults and checks exist once. Paths are relative to the folder of mkdocs.yml.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from okrsite.compute.as_of import AsOfError, resolve_as_of
from okrsite.compute.cycles import CycleLength, CycleRule
from okrsite.compute.grades import GradeBands
from okrsite.compute.progress import Thresholds
from okrsite.compute.signals import SignalRules
from okrsite.model import Visibility
from okrsite.options import HistorySettings, PortalSettings
from okrsite.quality.config import RuleConfig, RulesError, read_rules
from okrsite.render.badges import BadgeOptions, BadgeOptionsError, BadgeStyle
from okrsite.render.badges.options import DEFAULT_LABEL
from okrsite.render.diagrams import DiagramError, DiagramOptions
from okrsite.render.pages.nav import NAV_SECTION_PAGES
from okrsite.render.site_options import SiteOptions
from okrsite.urls import normalize_prefix


class SettingsError(ValueError):
    """A setting has a value okrsite cannot use; the message names the setting and the fix."""


def _text(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise SettingsError(f"okrsite setting `{name}` must be text, not {value!r}")
    return value


def _rules(name: str, value: Any) -> dict[str, RuleConfig]:
    try:
        return read_rules(value)
    except RulesError as exc:
        raise SettingsError(f"okrsite setting {exc}") from None


def _flag(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise SettingsError(f"okrsite setting `{name}` must be true or false, not {value!r}")
    return value


def _whole(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SettingsError(f"okrsite setting `{name}` must be a whole number of 1 or more")
    return value


def _days(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SettingsError(f"okrsite setting `{name}` must be a whole number of days, 0 or more")
    return value


def _fraction(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise SettingsError(f"okrsite setting `{name}` must be a number from 0 to 1")
    return float(value)


def _seconds(name: str, value: Any) -> float:
    number = not isinstance(value, bool) and isinstance(value, int | float)
    if not number or not math.isfinite(value) or value <= 0:
        raise SettingsError(f"okrsite setting `{name}` must be a positive number of seconds")
    return float(value)


_PREFIX_PART = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")


def _prefix(name: str, value: Any) -> str:
    """Folder names only: `..` or odd characters would put pages outside the site or break URLs."""
    parts = [part for part in _text(name, value).strip().strip("/").split("/") if part]
    if not all(_PREFIX_PART.fullmatch(part) for part in parts):
        raise SettingsError(
            f"okrsite setting `{name}` must be folder names of letters, digits, `.`, `_` and `-` "
            f"separated by `/`, like okrs or teams/okrs, not {value!r}"
        )
    return "/".join(parts)


def _optional_date(name: str, value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise SettingsError(f"okrsite setting `{name}` must be a date like 2026-11-23") from None


def _month(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 12:
        raise SettingsError(
            f"okrsite setting `{name}` must be the month a year starts in, 1 (January) to 12"
        )
    return value


def _choice(choices: list[str]) -> Callable[[str, Any], str]:
    def parse(name: str, value: Any) -> str:
        if value not in choices:
            raise SettingsError(f"okrsite setting `{name}` must be one of {', '.join(choices)}")
        return str(value)

    return parse


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    parse: Callable[[str, Any], Any]


SETTINGS: tuple[Setting, ...] = (
    Setting("content", "content", _text),
    Setting("prefix", "", _prefix),
    Setting("as_of", None, _optional_date),
    Setting("on_track", 0.10, _fraction),
    Setting("at_risk", 0.25, _fraction),
    Setting("cycle", CycleLength.QUARTER.value, _choice([c.value for c in CycleLength])),
    Setting("year_start", 1, _month),
    Setting("grading_days", 14, _days),
    Setting("aspirational_met", 0.7, _fraction),
    Setting("partly_met", 0.4, _fraction),
    Setting("stale_after", 14, _days),
    Setting("since_days", 30, _whole),
    Setting("visibility", Visibility.INTERNAL.value, _choice([v.value for v in Visibility])),
    Setting("diagrams", True, _flag),
    Setting("diagram_max_nodes", 12, _whole),
    Setting("diagram_timeout", 60, _seconds),
    Setting("cache_dir", ".cache/okrsite", _text),
    Setting("badge_style", BadgeStyle.FLAT.value, _choice([s.value for s in BadgeStyle])),
    Setting("badge_label", DEFAULT_LABEL, _text),
    Setting("history", True, _flag),
    Setting("history_max_commits", 2000, _whole),
    Setting("history_since", None, _optional_date),
    Setting("changes_days", 60, _whole),
    Setting("changes_max_entries", 200, _whole),
    Setting("nav_section_pages", NAV_SECTION_PAGES, _whole),
    Setting("page_cache", True, _flag),
    Setting("rules", None, _rules),
    Setting("review_page", True, _flag),
)
SETTING_NAMES = tuple(setting.name for setting in SETTINGS)


@dataclass(frozen=True)
class Settings:
    """Everything one build needs to know, whatever engine runs it."""

    content_dir: Path
    prefix: str
    portal: PortalSettings
    site: SiteOptions
    page_cache: bool = True  # MkDocs only: reuse unchanged generated pages (mkdocs_plugin)


def read_settings(
    values: Mapping[str, Any],
    *,
    base_dir: Path,
    override_dir: Path | None = None,
    site_name: str = "OKRs",
) -> Settings:
    """Check and resolve the user's settings; unknown names and bad values raise SettingsError."""
    unknown = sorted(set(values) - set(SETTING_NAMES))
    if unknown:
        raise SettingsError(
            f"unknown okrsite setting(s): {', '.join(unknown)}; known: {', '.join(SETTING_NAMES)}"
        )
    v = {
        s.name: s.parse(s.name, s.default if values.get(s.name) is None else values[s.name])
        for s in SETTINGS
    }
    if v["partly_met"] > v["aspirational_met"]:
        raise SettingsError("okrsite settings need partly_met <= aspirational_met (grades, 0 to 1)")
    if v["on_track"] > v["at_risk"]:
        raise SettingsError("okrsite settings need on_track <= at_risk (gaps, 0 to 1)")
    try:
        as_of = resolve_as_of(v["as_of"])
        diagrams = DiagramOptions(
            enabled=v["diagrams"],
            max_nodes_per_level=v["diagram_max_nodes"],
            cache_dir=base_dir / v["cache_dir"],
            timeout=v["diagram_timeout"],
        )
    except (AsOfError, DiagramError) as exc:
        raise SettingsError(f"okrsite: {exc}") from None
    try:
        badges = BadgeOptions(style=BadgeStyle(v["badge_style"]), label=v["badge_label"])
    except BadgeOptionsError as exc:
        raise SettingsError(f"okrsite setting `badge_label`: {exc}") from None
    portal = PortalSettings(
        as_of=as_of,
        visibility=Visibility(v["visibility"]),
        thresholds=Thresholds(v["on_track"], v["at_risk"]),
        cycles=CycleRule(CycleLength(v["cycle"]), v["year_start"], v["grading_days"]),
        grade_bands=GradeBands(v["aspirational_met"], v["partly_met"]),
        history=HistorySettings(v["history"], v["history_max_commits"], v["history_since"]),
        signals=SignalRules(v["stale_after"]),
        since_days=v["since_days"],
        rules=v["rules"],
        review_page=v["review_page"],
    )
    site = SiteOptions(
        override_dir=override_dir,
        diagrams=diagrams,
        badges=badges,
        changes_days=v["changes_days"],
        changes_max_entries=v["changes_max_entries"],
        nav_section_pages=v["nav_section_pages"],
        site_name=site_name,
    )
    return Settings(
        base_dir / v["content"], normalize_prefix(v["prefix"]), portal, site, v["page_cache"]
    )
