"""How the site is drawn, parsed from the settings (`okrsite/settings.py`); none of these
change a number (those are `okrsite.options.PortalSettings`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from okrsite.render.badges.options import BadgeOptions
from okrsite.render.diagrams.options import DiagramOptions
from okrsite.render.pages.nav import NAV_SECTION_PAGES


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
