"""The options of a build, parsed from the settings (`okrsite/settings.py`) and passed down:
what decides the numbers and what is published (`PortalSettings`), and how the site is drawn
(`SiteOptions`). Plain values, the same for every engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from okrsite.compute.cycles import CycleRule
from okrsite.compute.grades import GradeBands
from okrsite.compute.progress import Thresholds
from okrsite.model import Visibility
from okrsite.render.badges.options import BadgeOptions
from okrsite.render.diagrams.options import DiagramOptions
from okrsite.render.pages.nav import NAV_SECTION_PAGES


@dataclass(frozen=True)
class HistorySettings:
    """How much git history to read (`enabled=False`: only the written check-ins count)."""

    enabled: bool = True
    max_commits: int = 2000
    since: date | None = None


@dataclass(frozen=True)
class PortalSettings:
    """What decides the numbers and what is published (the same for every engine)."""

    as_of: date
    visibility: Visibility = Visibility.INTERNAL
    thresholds: Thresholds = field(default_factory=Thresholds)
    cycles: CycleRule = field(default_factory=CycleRule)  # roll-ups count the current one's
    grade_bands: GradeBands = field(default_factory=GradeBands)
    history: HistorySettings = field(default_factory=HistorySettings)


@dataclass(frozen=True)
class SiteOptions:
    """How the site is drawn; none of these change a number."""

    override_dir: Path | None = None  # the user's template overrides, checked first
    diagrams: DiagramOptions = field(default_factory=DiagramOptions)
    badges: BadgeOptions = field(default_factory=BadgeOptions)
    changes_days: int = 60
    changes_max_entries: int = 200
    nav_section_pages: int = NAV_SECTION_PAGES  # larger nav sections show only their index
    site_name: str = "OKRs"
