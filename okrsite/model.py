"""The validated OKR model: frozen dataclasses that every view reads.

Nothing here knows about YAML, MkDocs or HTML. Ids keep the spelling the author wrote (`id`);
every cross-reference is stored as the lowercased `key` of its target, which is also the key of
the dictionaries in `Model` and the last part of every URL.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value was written, so a message can point at it (line and column are 1-based)."""

    path: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


class Status(StrEnum):
    """Status of a key result, objective or roll-up; also the allowed `status:` overrides."""

    NOT_STARTED = "not-started"
    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"
    DONE = "done"
    UNKNOWN = "unknown"  # no key results, so no progress to judge


class Ambition(StrEnum):
    """How far an objective reaches: a committed one is met at 1.0, an aspirational one earlier
    (the `aspirational_met` setting, 0.7 by default, the practice Google made known)."""

    COMMITTED = "committed"
    ASPIRATIONAL = "aspirational"


class InitiativeStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    BLOCKED = "blocked"
    CANCELLED = "cancelled"


class Visibility(StrEnum):
    """Ordered from most to least open; a build publishes everything up to a chosen level."""

    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"

    @property
    def rank(self) -> int:
        return list(Visibility).index(self)


class TeamLevel(StrEnum):
    COMPANY = "company"
    DEPARTMENT = "department"
    TEAM = "team"
    INDIVIDUAL = "individual"


class KeyResultType(StrEnum):
    METRIC = "metric"
    MILESTONE = "milestone"
    HEALTH = "health"  # a measure kept within bounds (keep_above/keep_below): never progress


class InitiativeType(StrEnum):
    INITIATIVE = "initiative"
    EPIC = "epic"
    FEATURE = "feature"
    STORY = "story"


INDICATORS = ("speed", "quality", "cost", "satisfaction", "adoption", "revenue", "other")
DEFAULT_OUTCOMES = (
    ("customer", "Customer"),
    ("operational", "Operational"),
    ("financial", "Financial"),
    ("strategic", "Strategic"),
)


@dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Window:
    """The closed date interval a period covers (both ends inclusive)."""

    start: date
    end: date


@dataclass(frozen=True, slots=True)
class Period:
    """A period as written (`2026-Q4`, `2026-H1`, `2026-03`, `2026`, or a start/end pair)."""

    label: str
    window: Window


@dataclass(frozen=True, kw_only=True)
class Entity:
    """Keys every kind shares."""

    id: str
    title: str
    description: str = ""
    tags: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    aliases: tuple[str, ...] = ()
    # Where it was written, for messages only: no page shows it, so two entities that differ
    # only here are equal (a comment line added above them re-renders nothing).
    location: Location = field(compare=False)
    # quality rules this entity is an exception to: (code, reason), shown on its page
    ignored: tuple[tuple[str, str], ...] = ()

    @property
    def key(self) -> str:
        """The lowercased id: dictionary key, reference target and URL segment."""
        return self.id.lower()


@dataclass(frozen=True, kw_only=True)
class Outcome(Entity):
    pass


@dataclass(frozen=True, kw_only=True)
class NorthStar(Entity):
    outcomes: tuple[Outcome, ...]


@dataclass(frozen=True, kw_only=True)
class Stage(Entity):
    value_stream: str  # key of its ValueStream
    position: int  # 0-based order inside the value stream


@dataclass(frozen=True, kw_only=True)
class ValueStream(Entity):
    stages: tuple[str, ...]  # stage keys, in order


@dataclass(frozen=True, kw_only=True)
class Capability(Entity):
    parent: str | None = None
    owner: str | None = None


@dataclass(frozen=True, kw_only=True)
class Team(Entity):
    level: TeamLevel
    parent: str | None = None
    owner: str | None = None


@dataclass(frozen=True, kw_only=True)
class CheckIn:
    date: date
    value: float | None = None  # metric key results
    done: bool | None = None  # milestone key results
    confidence: float | None = None
    note: str = ""
    source: str = "yaml"  # "yaml" for written check-ins; history readers may add others
    location: Location | None = field(default=None, compare=False)  # for messages only


@dataclass(frozen=True)
class Rebaseline:
    """A goalpost moved on purpose, with why: it explains the moves of its day and the week
    after (compute/signals.py)."""

    date: date
    reason: str


@dataclass(frozen=True, kw_only=True)
class KeyResult(Entity):
    objective: str  # key of the objective that holds it
    type: KeyResultType = KeyResultType.METRIC
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    current: float | None = None
    done: bool | None = None
    indicator: str | None = None
    due: date | None = None
    keep_above: float | None = None  # health metrics: the bounds the value must stay within
    keep_below: float | None = None
    weight: float = 1.0
    confidence: float | None = None
    owner: str | None = None
    status: Status | None = None  # explicit override
    checkins: tuple[CheckIn, ...] = ()  # sorted by date
    rebaselined: tuple[Rebaseline, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Objective(Entity):
    stage: str | None = None
    capabilities: tuple[str, ...] = ()
    outcome: str | None = None
    team: str | None = None
    owner: str | None = None
    parent: str | None = None
    period: Period | None = None
    status: Status | None = None  # explicit override
    visibility: Visibility = Visibility.INTERNAL
    key_results: tuple[str, ...] = ()  # key-result keys, in written order
    ambition: Ambition = Ambition.COMMITTED
    retrospective: str = ""  # Markdown: what was learned, written when its cycle is graded
    rebaselined: tuple[Rebaseline, ...] = ()  # explains moves of its period


@dataclass(frozen=True, kw_only=True)
class Initiative(Entity):
    type: InitiativeType = InitiativeType.INITIATIVE
    parent: str | None = None
    status: InitiativeStatus = InitiativeStatus.PLANNED
    key_results: tuple[str, ...] = ()
    capabilities: tuple[str, ...] = ()
    owner: str | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Model:
    """One whole, validated content tree. Mappings are keyed by lowercased id, in sorted order."""

    north_star: NorthStar
    value_streams: Mapping[str, ValueStream] = field(default_factory=dict)
    stages: Mapping[str, Stage] = field(default_factory=dict)
    capabilities: Mapping[str, Capability] = field(default_factory=dict)
    teams: Mapping[str, Team] = field(default_factory=dict)
    objectives: Mapping[str, Objective] = field(default_factory=dict)
    key_results: Mapping[str, KeyResult] = field(default_factory=dict)
    initiatives: Mapping[str, Initiative] = field(default_factory=dict)

    @property
    def outcomes(self) -> Mapping[str, Outcome]:
        return {outcome.key: outcome for outcome in self.north_star.outcomes}
