"""A synthetic organisation with a realistic OKR graph, built from one seeded random generator.

The org is plain data (no YAML, no Markdown): the YAML writer and the plain reference site both
read it, so the okrsite build and the plain MkDocs build describe exactly the same entities.
Everything is drawn from `random.Random(seed)` in a fixed order, so a seed always gives the same
org; nothing iterates a set (string hashing is randomised per process).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from bench import words

AS_OF = date(2026, 11, 16)
"""The as-of date every benchmark build uses, so the generated site is reproducible."""

PERIODS: dict[str, tuple[date, date]] = {
    "2026": (date(2026, 1, 1), date(2026, 12, 31)),
    "2026-H2": (date(2026, 7, 1), date(2026, 12, 31)),
    "2026-Q4": (date(2026, 10, 1), date(2026, 12, 31)),
}
OUTCOMES = ("customer", "operational", "financial", "strategic")
TAGS = ("ai", "platform", "customer", "cost", "compliance", "growth", "reliability")


@dataclass(frozen=True)
class Size:
    """How big an org to generate; the remaining numbers follow from these."""

    name: str
    objectives: int
    key_results: int
    initiatives: int
    capabilities: int
    stages: int
    # quarters the objectives are spread over, the last the current one (2026-Q4): an org that
    # keeps its closed quarters; teams are shaped by one quarter's objectives
    quarters: int = 1


SIZES: dict[str, Size] = {
    "S": Size("S", objectives=50, key_results=200, initiatives=50, capabilities=10, stages=5),
    "SM": Size("SM", 200, 800, 200, 40, 20),  # a fifth of M: quick to profile, same shape
    "M": Size("M", 1_000, 4_000, 1_000, 200, 100),
    "L": Size("L", 10_000, 40_000, 10_000, 2_000, 1_000),
    # eight closed quarters of M beside the current one: what a portal kept for two years holds
    "M9Q": Size("M9Q", 9_000, 36_000, 9_000, 200, 100, quarters=9),
}


def _quarter_before(back: int) -> tuple[date, date]:
    """The window of the quarter `back` quarters before 2026-Q4."""
    month = 2026 * 12 + 9 - 3 * back  # months since year 0; 2026-Q4 starts in October
    start = date(month // 12, month % 12 + 1, 1)
    after = month + 3
    return start, date(after // 12, after % 12 + 1, 1) - timedelta(days=1)


@dataclass(slots=True)
class Stage:
    id: str
    title: str
    description: str


@dataclass(slots=True)
class ValueStream:
    id: str
    title: str
    description: str
    stages: list[Stage]


@dataclass(slots=True)
class Capability:
    id: str
    title: str
    description: str
    parent: Capability | None
    owner: str
    depth: int
    children: list[Capability] = field(default_factory=list)


@dataclass(slots=True)
class Team:
    id: str
    title: str
    level: str
    parent: Team | None
    owner: str
    description: str
    file: str  # content-relative path of the YAML file holding it
    children: list[Team] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)


@dataclass(slots=True)
class CheckIn:
    date: date
    value: float | None = None
    done: bool | None = None
    confidence: float | None = None
    note: str = ""


@dataclass(slots=True)
class KeyResult:
    id: str
    title: str
    objective: Objective
    type: str  # "metric" or "milestone"
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    current: float | None = None
    done: bool | None = None
    indicator: str | None = None
    due: date | None = None
    weight: float | None = None
    confidence: float | None = None
    owner: str | None = None
    decimals: int = 0
    checkins: list[CheckIn] = field(default_factory=list)


@dataclass(slots=True)
class Objective:
    id: str
    title: str
    description: str
    team: Team
    owner: str
    outcome: str
    period: str | tuple[date, date]
    visibility: str
    stage: Stage | None = None
    parent: Objective | None = None
    capabilities: list[Capability] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    key_results: list[KeyResult] = field(default_factory=list)
    children: list[Objective] = field(default_factory=list)

    @property
    def window(self) -> tuple[date, date]:
        return PERIODS[self.period] if isinstance(self.period, str) else self.period


@dataclass(slots=True)
class Initiative:
    id: str
    title: str
    description: str
    type: str
    status: str
    owner: str
    file: str
    parent: Initiative | None = None
    key_results: list[KeyResult] = field(default_factory=list)
    capabilities: list[Capability] = field(default_factory=list)
    start: date | None = None
    end: date | None = None
    links: list[tuple[str, str]] = field(default_factory=list)
    children: list[Initiative] = field(default_factory=list)


@dataclass(slots=True)
class Org:
    size: Size
    seed: int
    north_star_title: str
    north_star_description: str
    value_streams: list[ValueStream]
    capabilities: list[Capability]
    teams: list[Team]
    objectives: list[Objective]
    key_results: list[KeyResult]
    initiatives: list[Initiative]
    edit_target: KeyResult  # the key result the runner edits for the "warm after edit" phase

    @property
    def stages(self) -> list[Stage]:
        return [stage for stream in self.value_streams for stage in stream.stages]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class _Names:
    """Hands out unique ids (and matching titles) for one kind: `payments`, `payments-2`, …"""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def take(self, title: str) -> tuple[str, str]:
        slug = slugify(title)
        count = self._seen.get(slug, 0) + 1
        self._seen[slug] = count
        if count == 1:
            return slug, title
        return f"{slug}-{count}", f"{title} {count}"


class _Builder:
    """Builds one org; each method draws from the shared random generator in a fixed order."""

    def __init__(self, size: Size, seed: int) -> None:
        self.size = size
        self.rng = random.Random(seed)

    # Text ------------------------------------------------------------------------------
    def person(self) -> str:
        return f"{self.rng.choice(words.FIRST_NAMES)} {self.rng.choice(words.LAST_NAMES)}"

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.rng.sample(words.SENTENCES, sentences))

    def rich_description(self, subject: str) -> str:
        """A few paragraphs of Markdown: emphasis, a list, sometimes a link."""
        rng = self.rng
        parts = [f"**Why {subject.lower()} matters now.** {self.paragraph(2)}"]
        bullets = rng.sample(words.SENTENCES, rng.randint(2, 4))
        parts.append("\n".join(f"- {line}" for line in bullets))
        if rng.random() < 0.3:
            parts.append(
                f"See the [{subject} dashboard](https://dashboards.example.com/"
                f"{slugify(subject)}) for the live numbers."
            )
        return "\n\n".join(parts)

    # Structure -------------------------------------------------------------------------
    def value_streams(self) -> list[ValueStream]:
        count = max(1, self.size.stages // 10)
        per_stream = [self.size.stages // count] * count
        for index in range(self.size.stages % count):
            per_stream[index] += 1
        names, streams = _Names(), []
        for index, stage_count in enumerate(per_stream):
            base = words.VALUE_STREAMS[index % len(words.VALUE_STREAMS)]
            line = index // len(words.VALUE_STREAMS)
            title = base if line == 0 else f"{base} ({words.PRODUCT_LINES[line - 1]})"
            stream_id, title = names.take(title)
            first = self.rng.randrange(len(words.STAGES))
            stages = []
            for position in range(stage_count):
                stage_title = words.STAGES[(first + position) % len(words.STAGES)]
                if position >= len(words.STAGES):
                    stage_title = f"{stage_title} {position // len(words.STAGES) + 1}"
                stages.append(
                    Stage(f"{stream_id}-{slugify(stage_title)}", stage_title, self.paragraph(1))
                )
            streams.append(ValueStream(stream_id, title, self.paragraph(2), stages))
        return streams

    def capabilities(self) -> list[Capability]:
        rng, names = self.rng, _Names()
        roots = max(2, self.size.capabilities // 8)
        found: list[Capability] = []
        for index in range(self.size.capabilities):
            if index < roots:
                domain = words.DOMAINS[index % len(words.DOMAINS)]
                parent, title = None, domain
            else:
                parent = rng.choice([c for c in found[-40:] if c.depth < 2] or found[:roots])
                title = f"{parent.title} {rng.choice(words.CAPABILITY_NOUNS)}"
            capability_id, title = names.take(title)
            capability = Capability(
                capability_id,
                title,
                self.paragraph(1),
                parent,
                self.person(),
                0 if parent is None else parent.depth + 1,
            )
            if parent is not None:
                parent.children.append(capability)
            found.append(capability)
        return found

    def teams(self) -> tuple[list[Team], list[int]]:
        """The team tree and how many objectives each team owns (same order as the teams)."""
        rng, size = self.rng, self.size
        per_quarter = size.objectives // size.quarters
        company_objectives = max(2, per_quarter // 200)
        departments = max(2, round(per_quarter**0.5 / 3))
        rest = per_quarter - company_objectives - 3 * departments
        individuals = rest // 10
        team_objectives = rest - 2 * individuals
        team_count = max(1, team_objectives // 4)

        names = _Names()
        company = Team("company", "Company", "company", None, self.person(), "", "company.yml")
        company.description = self.paragraph(2)
        teams, quotas = [company], [company_objectives]
        dept_list = []
        for index in range(departments):
            base = words.DEPARTMENTS[index % len(words.DEPARTMENTS)]
            line = index // len(words.DEPARTMENTS)
            title = base if line == 0 else f"{words.PRODUCT_LINES[line - 1]} {base}"
            dept_id, title = names.take(title)
            dept = Team(
                dept_id,
                title,
                "department",
                company,
                self.person(),
                self.paragraph(2),
                f"{dept_id}/department.yml",
            )
            company.children.append(dept)
            dept_list.append(dept)
            teams.append(dept)
            quotas.append(3)
        team_list = []
        for index in range(team_count):
            dept = dept_list[index % departments]
            title = f"{rng.choice(words.DOMAINS)} {rng.choice(words.TEAM_SUFFIXES)}"
            team_id, title = names.take(title)
            team = Team(
                team_id,
                title,
                "team",
                dept,
                self.person(),
                self.paragraph(2),
                f"{dept.id}/{team_id}.yml",
            )
            dept.children.append(team)
            team_list.append(team)
            teams.append(team)
            quotas.append(team_objectives // team_count + (index < team_objectives % team_count))
        for _ in range(individuals):
            team = rng.choice(team_list)
            person_id, person = names.take(self.person())
            individual = Team(person_id, person, "individual", team, person, "", team.file)
            team.children.append(individual)
            teams.append(individual)
            quotas.append(2)
        return teams, [quota * size.quarters for quota in quotas]

    def objectives(
        self, teams: list[Team], quotas: list[int], stages: list[Stage], caps: list[Capability]
    ) -> list[Objective]:
        rng, found = self.rng, []
        for team, quota in zip(teams, quotas, strict=True):
            upstream = self._upstream_objectives(team)
            for number in range(1, quota + 1):
                domain = rng.choice(words.DOMAINS)
                title = (
                    f"{rng.choice(words.OBJECTIVE_VERBS)} the {domain} "
                    f"{rng.choice(words.OBJECTIVE_NOUNS)} {rng.choice(words.OBJECTIVE_BENEFITS)}"
                )
                objective = Objective(
                    id=f"{team.id}-o{number}",
                    title=title,
                    description=self.rich_description(domain),
                    team=team,
                    owner=team.owner if team.level == "individual" else self.person(),
                    outcome=rng.choice(OUTCOMES),
                    period=self._period(team.level, number),
                    visibility=self._visibility(team.level),
                )
                if rng.random() < 0.85:
                    objective.stage = rng.choice(stages)
                if rng.random() < 0.7:
                    objective.capabilities = rng.sample(caps, rng.randint(1, min(3, len(caps))))
                objective.tags = sorted(rng.sample(TAGS, rng.randint(0, 2)))
                if upstream and rng.random() < 0.85:
                    objective.parent = rng.choice(upstream)
                    objective.parent.children.append(objective)
                team.objectives.append(objective)
                found.append(objective)
        return found

    def _upstream_objectives(self, team: Team) -> list[Objective]:
        """Objectives a team's objectives may align to: its parent's, else its grandparent's."""
        parent = team.parent
        while parent is not None and not parent.objectives:
            parent = parent.parent
        return parent.objectives if parent is not None else []

    def _period(self, level: str, number: int) -> str | tuple[date, date]:
        """A team's objectives take turns over the quarters (the current one first); those of
        the current quarter get the periods of a single-quarter org."""
        back = (number - 1) % self.size.quarters
        if back:
            return _quarter_before(back)
        roll = self.rng.random()
        if roll < 0.05:
            return (date(2026, 8, 1), date(2027, 1, 31))
        if level in ("company", "department"):
            return "2026" if roll < 0.4 else "2026-H2"
        if level == "individual":
            return "2026-Q4"
        return "2026-Q4" if roll < 0.35 else "2026-H2"

    def _visibility(self, level: str) -> str:
        roll = self.rng.random()
        if level == "individual":
            return "confidential" if roll < 0.2 else "internal"
        share_public = 0.7 if level in ("company", "department") else 0.3
        return "public" if roll < share_public else "internal"

    def key_results(self, objectives: list[Objective]) -> list[KeyResult]:
        rng = self.rng
        counts = [4] * len(objectives)
        extra = self.size.key_results - 4 * len(objectives)
        for index in range(abs(extra)):
            counts[index % len(counts)] += 1 if extra > 0 else -1
        for _ in range(len(objectives)):  # shuffle counts between objectives, keeping the total
            give, take = rng.randrange(len(counts)), rng.randrange(len(counts))
            if counts[give] > 2 and counts[take] < 6:
                counts[give] -= 1
                counts[take] += 1
        found = []
        for objective, count in zip(objectives, counts, strict=True):
            for number in range(1, count + 1):
                key_result = self._key_result(objective, f"{objective.id}-kr{number}")
                objective.key_results.append(key_result)
                found.append(key_result)
        return found

    def _key_result(self, objective: Objective, key_result_id: str) -> KeyResult:
        rng = self.rng
        start, end = objective.window
        due = None
        if rng.random() < 0.2 and (end - start).days > 60:
            due = start + timedelta(days=rng.randint(45, (end - start).days))
        window_end = due or end
        owner = self.person() if rng.random() < 0.4 else None
        if rng.random() < 0.15:
            key_result = self._milestone(objective, key_result_id, start, window_end)
        else:
            key_result = self._metric(objective, key_result_id, start, window_end)
        key_result.due, key_result.owner = due, owner
        if rng.random() < 0.15:
            key_result.weight = rng.choice((0.5, 2, 3))
        if rng.random() < 0.2:
            key_result.confidence = rng.choice((0.5, 0.6, 0.7, 0.8, 0.9))
        return key_result

    def _metric(self, objective: Objective, key_result_id: str, start: date, end: date):
        rng = self.rng
        name, unit, low, high, direction, indicator, decimals = rng.choice(words.METRICS)
        baseline = round(rng.uniform(low, high), decimals)
        change = rng.uniform(0.1, 0.4) * abs(baseline if baseline else high)
        target = round(baseline + direction * change, decimals)
        if direction > 0 and unit == "%":
            target = min(target, 99.99 if decimals == 2 else 99)
        if target == baseline:
            target = round(baseline + direction * 10**-decimals, decimals)
        verb = rng.choice(words.RISE_VERBS if target > baseline else words.FALL_VERBS)
        spaced_unit = f" {unit}" if unit and unit != "%" else unit
        title = (
            f"{verb} {name} from {_number(baseline, decimals)}{spaced_unit} "
            f"to {_number(target, decimals)}{spaced_unit}"
        )
        key_result = KeyResult(
            key_result_id,
            title,
            objective,
            "metric",
            unit=unit,
            baseline=baseline,
            target=target,
            indicator=indicator,
            decimals=decimals,
        )
        reach = rng.uniform(-0.1, 1.2)  # where the line is heading: falling short … overshooting
        dates = self._checkin_dates(start, end)
        for index, day in enumerate(dates):
            share = reach * (index + 1) / (len(dates) + 1) + rng.uniform(-0.05, 0.05)
            value = round(baseline + share * (target - baseline), decimals)
            checkin = CheckIn(day, value=value)
            if rng.random() < 0.3:
                checkin.confidence = rng.choice((0.4, 0.5, 0.6, 0.7, 0.8, 0.9))
            if rng.random() < 0.1:
                checkin.note = rng.choice(words.NOTES)
            key_result.checkins.append(checkin)
        if rng.random() < 0.4:
            last = key_result.checkins[-1].value if key_result.checkins else baseline
            key_result.current = round(last + reach * 0.05 * (target - baseline), decimals)
        return key_result

    def _milestone(self, objective: Objective, key_result_id: str, start: date, end: date):
        rng = self.rng
        template = rng.choice(words.MILESTONES)
        title = template.format(domain=rng.choice(words.DOMAINS), market=rng.choice(words.MARKETS))
        key_result = KeyResult(key_result_id, title, objective, "milestone", indicator="other")
        finished = rng.random() < 0.3
        dates = self._checkin_dates(start, end, weekly_share=0.0)
        for index, day in enumerate(dates):
            key_result.checkins.append(CheckIn(day, done=finished and index == len(dates) - 1))
        if not dates and rng.random() < 0.5:
            key_result.done = finished
        return key_result

    def _checkin_dates(self, start: date, end: date, weekly_share: float = 0.3) -> list[date]:
        """Weekly or monthly check-in dates inside the window, up to the as-of date."""
        roll = self.rng.random()
        last = min(end, AS_OF)
        if roll < 0.1 or last <= start:
            return []
        if roll < 0.1 + weekly_share:
            day, step, dates = start + timedelta(days=7), timedelta(days=7), []
            while day <= last:
                dates.append(day)
                day += step
            return dates
        dates, year, month = [], start.year, start.month
        while True:
            month += 1
            if month > 12:
                year, month = year + 1, 1
            day = date(year, month, 1)
            if day > last:
                return dates
            dates.append(day)

    def initiatives(self, teams: list[Team], caps: list[Capability]) -> list[Initiative]:
        """Initiative trees per team file, sized by each file's share of the objectives."""
        units: list[tuple[Team, list[KeyResult]]] = []
        for team in teams:
            if team.level == "individual":
                continue
            pool = [
                key_result
                for member in (team, *[c for c in team.children if c.level == "individual"])
                for objective in member.objectives
                if objective.visibility != "confidential"
                for key_result in objective.key_results
            ]
            units.append((team, pool))
        total_objectives = self.size.objectives
        found: list[Initiative] = []
        done_objectives = 0
        for team, pool in units:
            before = round(self.size.initiatives * done_objectives / total_objectives)
            done_objectives += len(team.objectives) + sum(
                len(c.objectives) for c in team.children if c.level == "individual"
            )
            after = round(self.size.initiatives * done_objectives / total_objectives)
            found.extend(self._initiative_tree(team, pool, after - before, caps))
        return found

    def _initiative_tree(
        self, team: Team, pool: list[KeyResult], count: int, caps: list[Capability]
    ) -> list[Initiative]:
        rng, tree = self.rng, []
        kinds = ("initiative", "epic", "feature", "story")
        for number in range(1, count + 1):
            parents = [i for i in tree if i.type != "story"]
            parent = rng.choice(parents) if parents and rng.random() < 0.6 else None
            kind = "initiative" if parent is None else kinds[kinds.index(parent.type) + 1]
            domain = rng.choice(words.DOMAINS)
            title = rng.choice(words.INITIATIVE_TITLES[kind]).format(domain=domain)
            start = date(2026, rng.randint(1, 10), rng.randint(1, 28))
            initiative = Initiative(
                id=f"{team.id}-{kind[0]}{number}",
                title=title,
                description=self.paragraph(rng.randint(1, 3)),
                type=kind,
                status=rng.choices(
                    ("planned", "in-progress", "done", "blocked", "cancelled"),
                    weights=(3, 5, 3, 1, 0.5),
                )[0],
                owner=self.person(),
                file=team.file,
                parent=parent,
                start=start,
                end=start + timedelta(days=rng.randint(14, 120)),
            )
            if parent is None or rng.random() < 0.3:
                initiative.key_results = rng.sample(pool, min(len(pool), rng.randint(1, 3)))
            if rng.random() < 0.5:
                initiative.capabilities = rng.sample(caps, rng.randint(1, min(2, len(caps))))
            if rng.random() < 0.3:
                ticket = f"{team.id[:3].upper()}-{rng.randint(100, 9999)}"
                initiative.links = [
                    (f"{kind.title()} {ticket}", f"https://tracker.example.com/browse/{ticket}")
                ]
            if parent is not None:
                parent.children.append(initiative)
            tree.append(initiative)
        return tree


def _number(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


def build_org(size: Size, seed: int = 1) -> Org:
    """The whole org for a size and seed; the same arguments always give the same org."""
    builder = _Builder(size, seed)
    streams = builder.value_streams()
    capabilities = builder.capabilities()
    teams, quotas = builder.teams()
    stages = [stage for stream in streams for stage in stream.stages]
    objectives = builder.objectives(teams, quotas, stages, capabilities)
    key_results = builder.key_results(objectives)
    initiatives = builder.initiatives(teams, capabilities)
    edit_target = next(
        kr
        for kr in key_results
        if kr.type == "metric" and kr.current is not None and kr.objective.team.level == "team"
    )
    return Org(
        size=size,
        seed=seed,
        north_star_title="Become the company customers recommend first",
        north_star_description=builder.paragraph(3),
        value_streams=streams,
        capabilities=capabilities,
        teams=teams,
        objectives=objectives,
        key_results=key_results,
        initiatives=initiatives,
        edit_target=edit_target,
    )
