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
    meaning: str  # Markdown, a sentence or two: the guide's table of settings is made of these
    shown_default: str = ""  # how the guide shows the default, when not the value itself


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "content",
        "content",
        _text,
        "the folder of YAML; `mkdocs serve` watches it and rebuilds on save",
    ),
    Setting(
        "prefix",
        "",
        _prefix,
        "folder the portal's pages, badges and exports live in, e.g. `okrs` or `teams/okrs` "
        "(letters, digits, `.`, `_`, `-`)",
        shown_default='`""` (the site root)',
    ),
    Setting(
        "as_of",
        None,
        _optional_date,
        "the date every number is computed at (`2026-11-23`)",
        shown_default="`SOURCE_DATE_EPOCH`, else today (UTC)",
    ),
    Setting(
        "on_track",
        0.10,
        _fraction,
        "largest gap (expected − progress) that is still on track",
    ),
    Setting(
        "at_risk",
        0.25,
        _fraction,
        "largest gap that is at risk rather than off track; not below `on_track`",
    ),
    Setting(
        "cycle",
        CycleLength.QUARTER.value,
        _choice([c.value for c in CycleLength]),
        "the OKR cycle (`quarter`, `half`, `year`, `month`): every roll-up counts only the "
        "objectives whose period overlaps the current one (the one holding `as_of`); an objective "
        "without a period belongs to the current one",
    ),
    Setting(
        "year_start",
        1,
        _month,
        "the month (1–12) a fiscal year starts in; a fiscal year is named by the year it ends in "
        "(`7`: `fy2027-q1` is July–September 2026)",
    ),
    Setting(
        "grading_days",
        14,
        _days,
        "teams grade a cycle in the days after it ends: check-ins dated up to this many days after"
        " a key result's window are accepted and count toward that cycle's grade; later ones are "
        "an error",
    ),
    Setting(
        "aspirational_met",
        0.7,
        _fraction,
        "the grade at which an `ambition: aspirational` objective counts as met (a committed one: "
        "1.0)",
    ),
    Setting(
        "partly_met",
        0.4,
        _fraction,
        "the grade from which an objective that is not met counts as partly met rather than missed",
    ),
    Setting(
        "stale_after",
        14,
        _days,
        "days without a check-in after which a key result whose window is open is marked stale",
    ),
    Setting(
        "since_days",
        30,
        _whole,
        'days the overview\'s "Since" looks back: the objectives whose status got worse or '
        "recovered since then",
    ),
    Setting(
        "visibility",
        Visibility.INTERNAL.value,
        _choice([v.value for v in Visibility]),
        "publish objectives up to this level (`public`, `internal`, `confidential`); the rest "
        "appear nowhere in the output",
    ),
    Setting(
        "diagrams",
        True,
        _flag,
        "draw the traceability diagrams (needs Graphviz's `dot`); `false` builds without them and "
        "without Graphviz",
    ),
    Setting(
        "diagram_max_nodes",
        12,
        _whole,
        "past this many nodes in one level of a diagram, the rest become one counted node linking "
        "to the full list",
    ),
    Setting(
        "diagram_timeout",
        60,
        _seconds,
        "seconds one `dot` process may take before the build stops and names the diagram",
    ),
    Setting(
        "cache_dir",
        ".cache/okrsite",
        _text,
        "where okrsite keeps what it rendered between builds: `diagrams/` (one SVG per diagram; "
        "entries unused for 30 days are deleted), `site/` (the whole rendered portal, see [Large "
        "portals](large-portals.md); only the newest entry) and `pages.sqlite` (see `page_cache`; "
        "rows of pages gone are deleted); safe to delete, safe to share between builds",
    ),
    Setting(
        "badge_style",
        BadgeStyle.FLAT.value,
        _choice([s.value for s in BadgeStyle]),
        "badge look: `flat`, `flat-square` or `for-the-badge`",
    ),
    Setting(
        "badge_label",
        DEFAULT_LABEL,
        _text,
        "text on the left of every badge, with the fields `{id}`, `{title}`, `{short_title}` (the "
        'title cut at a word to at most 32 characters, ending in "…") and `{kind}`',
    ),
    Setting(
        "history",
        True,
        _flag,
        "read past values from the git history of the content folder; `false` uses the written "
        "`checkins` only",
    ),
    Setting(
        "history_max_commits",
        2000,
        _whole,
        "read at most this many of the newest commits that changed the content",
    ),
    Setting(
        "history_since",
        None,
        _optional_date,
        "ignore commits before this date (`2026-01-01`)",
        shown_default="none",
    ),
    Setting(
        "changes_days",
        60,
        _whole,
        'the "Recent changes" page and the feed cover this many days up to the as-of date',
    ),
    Setting(
        "changes_max_entries",
        200,
        _whole,
        "at most this many changes on that page and in the feed",
    ),
    Setting(
        "nav_section_pages",
        NAV_SECTION_PAGES,
        _whole,
        "a navigation section (value streams with their stages, capabilities, teams, objectives, "
        "key results, initiatives) with more pages than this shows only its index page, which "
        "lists them all; its pages still show their tab and breadcrumbs; see [Large "
        "portals](large-portals.md)",
    ),
    Setting(
        "page_cache",
        True,
        _flag,
        "MkDocs only: reuse what MkDocs made of a generated page in an earlier build (its HTML, "
        "search entries and finished page) when nothing it depends on changed, kept in "
        "`cache_dir/pages.sqlite`; the site is byte for byte the same. Off by itself when another "
        "plugin or a hook is configured; see [Large portals](large-portals.md)",
    ),
    Setting(
        "rules",
        None,
        _rules,
        "OKR quality rules `okrsite check` reviews: a severity (`error`, `warning`, `notice`, "
        "`off`) or `{severity, <setting>: value}` per rule code or name; `okrsite check --rules` "
        "lists them",
        shown_default="each rule's own",
    ),
    Setting(
        "review_page",
        True,
        _flag,
        "publish the quality review: a Review page listing the current findings by team, and a "
        "page per rule (why, examples, settings); `false` for a company that prefers not to "
        "publish it",
    ),
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
