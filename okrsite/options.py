"""What decides the numbers and what is published, parsed from the settings
(`okrsite/settings.py`) or the command line and passed down. Plain values, the same for every
engine; how the site is drawn is `okrsite.render.site_options`, which commands that only count
need not load."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from okrsite.compute.cycles import CycleRule
from okrsite.compute.grades import GradeBands
from okrsite.compute.progress import Thresholds
from okrsite.compute.signals import SignalRules
from okrsite.model import Visibility
from okrsite.quality.config import RuleConfig, read_rules


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
    signals: SignalRules = field(default_factory=SignalRules)
    since_days: int = 30  # the overview's "what got worse, what recovered" window
    rules: Mapping[str, RuleConfig] = field(default_factory=read_rules)  # quality/config.py
    review_page: bool = True  # publish the quality review: the Review page and rule pages
