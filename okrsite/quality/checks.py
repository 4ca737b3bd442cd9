"""What each OKR quality rule looks for: one function per rule, reading the published model and
its scorecard (the current cycle is the one that holds the as-of date) and yielding findings.
A check never changes a number; `rules.py` names and documents each one, `config.py` decides
which run and at what severity.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from okrsite.compute.scorecard import Scorecard
from okrsite.model import KeyResultType, Location, Model, Objective, TeamLevel

ACTIVITY_WORDS = (
    "launch", "implement", "help", "consult", "analyse", "analyze", "participate", "support",
    "build", "create", "develop", "write", "run", "hold", "organise", "organize", "deliver",
    "start", "work",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Finding:
    """One place where the content breaks a rule. Equal wherever it was written, like the
    entities, so moving text in a file changes no page that lists findings."""

    code: str
    location: Location = field(compare=False)
    message: str
    entity: tuple[str, str]  # (kind, key): where the portal links to


@dataclass(frozen=True)
class RuleContext:
    model: Model
    card: Scorecard

    def current(self, objective: str) -> bool:
        return self.card.in_cycle.get(objective, False)

    def excuse(self, finding: Finding) -> str | None:
        """The reason ("" if none is given) when the entity the finding is about lists its rule
        under `ignore:`; None when it does not."""
        kind, key = finding.entity
        ignored = entities(self.model, kind)[key].ignored
        return next((reason for code, reason in ignored if code == finding.code), None)


Check = Callable[[RuleContext, Mapping[str, Any]], Iterator[Finding]]


def entities(model: Model, kind: str) -> Mapping[str, Any]:
    """The model's entities of a kind a finding can be about."""
    by_kind: dict[str, Mapping[str, Any]] = {
        "objective": model.objectives,
        "key-result": model.key_results,
        "team": model.teams,
        "stage": model.stages,
        "capability": model.capabilities,
    }
    return by_kind[kind]


def current_objectives(ctx: RuleContext) -> Iterator[tuple[str, Objective]]:
    """The objectives of the current cycle, the ones most rules review."""
    return ((key, o) for key, o in ctx.model.objectives.items() if ctx.current(key))


def on_objective(code: str, key: str, objective: Objective, message: str) -> Finding:
    return Finding(code, objective.location, message, ("objective", key))


def too_many_key_results(ctx: RuleContext, settings: Mapping[str, Any]) -> Iterator[Finding]:
    for key, objective in current_objectives(ctx):
        count = len(objective.key_results)
        if count > settings["max"]:
            yield on_objective(
                "OKR101",
                key,
                objective,
                f"objective '{objective.id}' has {count} key results, more than {settings['max']}: "
                "keep the few that best show the outcome, move the rest to health metrics",
            )


def too_few_key_results(ctx: RuleContext, settings: Mapping[str, Any]) -> Iterator[Finding]:
    for key, objective in current_objectives(ctx):
        metrics = [
            k
            for k in objective.key_results
            if ctx.model.key_results[k].type is KeyResultType.METRIC
        ]
        if len(metrics) < settings["min"]:
            yield on_objective(
                "OKR102",
                key,
                objective,
                f"objective '{objective.id}' has {len(metrics)} metric key result"
                f"{'' if len(metrics) == 1 else 's'}, fewer than {settings['min']}: add measures "
                "that show it from another side (speed and quality, adoption and satisfaction)",
            )


def all_milestones(ctx: RuleContext, settings: Mapping[str, Any]) -> Iterator[Finding]:
    for key, objective in current_objectives(ctx):
        types = {ctx.model.key_results[k].type for k in objective.key_results}
        if types == {KeyResultType.MILESTONE}:
            yield on_objective(
                "OKR103",
                key,
                objective,
                f"objective '{objective.id}' has only milestones as key results: a to-do list, "
                "not an outcome; add a metric that shows the change the milestones should bring",
            )


def activity_key_result(ctx: RuleContext, settings: Mapping[str, Any]) -> Iterator[Finding]:
    words = {word.casefold() for word in settings["words"]}
    for key, key_result in ctx.model.key_results.items():
        first = key_result.title.split(maxsplit=1)[0].strip(",.:;").casefold()
        if ctx.current(key_result.objective) and first in words:
            yield Finding(
                "OKR104",
                key_result.location,
                f"key result '{key_result.id}' starts with \"{key_result.title.split()[0]}\": it "
                "reads as an activity or output; reword it as the outcome it should change "
                '("Raise kiosk use from 20% to 60%", not "Launch kiosks")',
                ("key-result", key),
            )


def too_many_objectives(ctx: RuleContext, settings: Mapping[str, Any]) -> Iterator[Finding]:
    counts = Counter(o.team for _, o in current_objectives(ctx) if o.team)
    for team, count in sorted(counts.items()):
        if count > settings["max"]:
            found = ctx.model.teams[team]
            yield Finding(
                "OKR201",
                found.location,
                f"team '{found.id}' has {count} objectives in {ctx.card.cycle.title}, more than "
                f"{settings['max']}: focus on the few that matter most this cycle",
                ("team", team),
            )


def objective_without_owner(ctx: RuleContext, settings: Mapping[str, Any]) -> Iterator[Finding]:
    for key, objective in current_objectives(ctx):
        if not objective.owner:
            yield on_objective(
                "OKR202",
                key,
                objective,
                f"objective '{objective.id}' has no owner: name the one person who answers for "
                "it (`owner:`)",
            )


def key_result_without_owner(ctx: RuleContext, settings: Mapping[str, Any]) -> Iterator[Finding]:
    for key, key_result in ctx.model.key_results.items():
        objective = ctx.model.objectives[key_result.objective]
        inherited = objective.owner if settings["objective_owner_counts"] else None
        if ctx.current(key_result.objective) and not (key_result.owner or inherited):
            yield Finding(
                "OKR203",
                key_result.location,
                f"key result '{key_result.id}' has no owner"
                + (" and neither has its objective" if settings["objective_owner_counts"] else "")
                + ": name the person who moves this number (`owner:`)",
                ("key-result", key),
            )


def not_aligned(ctx: RuleContext, settings: Mapping[str, Any]) -> Iterator[Finding]:
    for key, objective in current_objectives(ctx):
        team = ctx.model.teams.get(objective.team) if objective.team else None
        below_company = team is not None and team.level is not TeamLevel.COMPANY
        if below_company and not objective.parent:
            yield on_objective(
                "OKR301",
                key,
                objective,
                f"objective '{objective.id}' of a {team.level.value if team else ''} is aligned "
                "to nothing: set `parent:` to the objective above it that it serves",
            )


def nobody_aligns(ctx: RuleContext, settings: Mapping[str, Any]) -> Iterator[Finding]:
    children = {o.parent for _, o in current_objectives(ctx)}
    for key, objective in current_objectives(ctx):
        team = ctx.model.teams.get(objective.team) if objective.team else None
        company = team is not None and team.level is TeamLevel.COMPANY
        if company and key not in children:
            yield on_objective(
                "OKR302",
                key,
                objective,
                f"company objective '{objective.id}' has no objective aligned to it in "
                f"{ctx.card.cycle.title}: which departments or teams carry it?",
            )


def stage_not_covered(ctx: RuleContext, settings: Mapping[str, Any]) -> Iterator[Finding]:
    covered = {o.stage for _, o in current_objectives(ctx)}
    for key, stage in ctx.model.stages.items():
        if key not in covered:
            yield Finding(
                "OKR401",
                stage.location,
                f"stage '{stage.id}' has no objective in {ctx.card.cycle.title}: a gap in the "
                "value stream, or a stage the company chose not to improve this cycle",
                ("stage", key),
            )


def capability_not_covered(ctx: RuleContext, settings: Mapping[str, Any]) -> Iterator[Finding]:
    """A capability counts as covered when it, or any capability below it, has an objective:
    as its page counts progress "including everything below"."""
    capabilities = ctx.model.capabilities
    covered: set[str] = set()
    for listed in {c for _, o in current_objectives(ctx) for c in o.capabilities}:
        walked: str | None = listed
        while walked is not None and walked not in covered and walked in capabilities:
            covered.add(walked)
            walked = capabilities[walked].parent
    for key, capability in capabilities.items():
        if key not in covered:
            yield Finding(
                "OKR402",
                capability.location,
                f"capability '{capability.id}' has no objective in {ctx.card.cycle.title}, "
                "nor has any capability below it: a gap, or one the company chose to leave",
                ("capability", key),
            )


def due_after_period(ctx: RuleContext, settings: Mapping[str, Any]) -> Iterator[Finding]:
    for key, key_result in ctx.model.key_results.items():
        objective = ctx.model.objectives[key_result.objective]
        end = objective.period.window.end if objective.period else None
        if key_result.due and end and key_result.due > end:
            yield Finding(
                "OKR501",
                key_result.location,
                f"key result '{key_result.id}' is due {key_result.due}, after its objective's "
                f"period ends ({end}): move the date in, or the key result to a later objective",
                ("key-result", key),
            )


def low_confidence_without_note(ctx: RuleContext, settings: Mapping[str, Any]) -> Iterator[Finding]:
    for key, key_result in ctx.model.key_results.items():
        for checkin in key_result.checkins:
            if checkin.date > ctx.card.as_of:
                break  # sorted by date; later ones are not written yet as of this build
            low = checkin.confidence is not None and checkin.confidence < settings["below"]
            if low and not checkin.note.strip() and ctx.current(key_result.objective):
                yield Finding(
                    "OKR601",
                    checkin.location or key_result.location,
                    f"key result '{key_result.id}': the check-in of {checkin.date} has confidence "
                    f"{checkin.confidence:g} and no note: say what stands in the way",
                    ("key-result", key),
                )
