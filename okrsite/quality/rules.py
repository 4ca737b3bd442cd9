"""The rules of good OKRs that `okrsite check` reviews, each with a stable code, a name, why it
matters, a bad and a good example, a default severity and its settings. One definition feeds
the checker, `okrsite check --rules` and the documentation, so they never disagree.

A rule reads the published model and its scorecard (the current cycle is the one that holds
the as-of date) and yields findings; it never changes a number.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from okrsite.compute.scorecard import Scorecard
from okrsite.model import KeyResultType, Location, Model, Objective, TeamLevel
from okrsite.problems import Severity

ACTIVITY_WORDS = (
    "launch", "implement", "help", "consult", "analyse", "analyze", "participate", "support",
    "build", "create", "develop", "write", "run", "hold", "organise", "organize", "deliver",
    "start", "work",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Finding:
    """One place where the content breaks a rule."""

    code: str
    location: Location
    message: str
    entity: tuple[str, str]  # (kind, key): where the portal links to


@dataclass(frozen=True)
class RuleContext:
    model: Model
    card: Scorecard

    def current(self, objective: str) -> bool:
        return self.card.in_cycle.get(objective, False)

    def opted_out(self, finding: Finding) -> bool:
        """Whether the entity the finding is about lists its rule under `ignore:`."""
        kind, key = finding.entity
        entities: Mapping[str, Any] = {
            "objective": self.model.objectives,
            "key-result": self.model.key_results,
            "team": self.model.teams,
            "stage": self.model.stages,
            "capability": self.model.capabilities,
        }[kind]
        return any(code == finding.code for code, _ in entities[key].ignored)


Check = Callable[[RuleContext, Mapping[str, Any]], Iterator[Finding]]


def current_objectives(ctx: RuleContext) -> Iterator[tuple[str, Objective]]:
    """The objectives of the current cycle, the ones most rules review."""
    return ((key, o) for key, o in ctx.model.objectives.items() if ctx.current(key))


def on_objective(code: str, key: str, objective: Objective, message: str) -> Finding:
    return Finding(code, objective.location, message, ("objective", key))


@dataclass(frozen=True)
class Rule:
    code: str  # OKR101: the hundreds say the family (1 key results, 2 teams, 3 alignment, ...)
    name: str  # too-many-key-results
    summary: str  # one line, as `okrsite check --rules` lists it
    why: str
    bad: str  # YAML
    good: str  # YAML
    severity: Severity
    check: Check
    settings: Mapping[str, Any] = field(default_factory=dict)  # name: default


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
    covered = {c for _, o in current_objectives(ctx) for c in o.capabilities}
    for key, capability in ctx.model.capabilities.items():
        if key not in covered:
            yield Finding(
                "OKR402",
                capability.location,
                f"capability '{capability.id}' has no objective in {ctx.card.cycle.title}",
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
            low = checkin.confidence is not None and checkin.confidence < settings["below"]
            if low and not checkin.note.strip() and ctx.current(key_result.objective):
                yield Finding(
                    "OKR601",
                    checkin.location or key_result.location,
                    f"key result '{key_result.id}': the check-in of {checkin.date} has confidence "
                    f"{checkin.confidence:g} and no note: say what stands in the way",
                    ("key-result", key),
                )


RULES: tuple[Rule, ...] = (
    Rule(
        "OKR101", "too-many-key-results", "an objective has more than 5 key results",
        "Past a handful, key results stop focusing the team and turn into a dashboard; the "
        "common advice is 3 to 5.",
        "key_results: [k1, k2, k3, k4, k5, k6, k7]", "key_results: [k1, k2, k3]",
        Severity.WARNING, too_many_key_results, {"max": 5},
    ),
    Rule(
        "OKR102", "too-few-key-results", "an objective has fewer than 2 metric key results",
        "One number can be met in ways that miss the objective; a second measure from another "
        "side (quality beside speed) keeps it honest.",
        "key_results:\n  - {id: wait, title: Cut wait time to 9 min}",
        "key_results:\n  - {id: wait, title: Cut wait time to 9 min}\n"
        "  - {id: csat, title: Raise check-in satisfaction from 3.5 to 4.5}",
        Severity.NOTICE, too_few_key_results, {"min": 2},
    ),
    Rule(
        "OKR103", "all-milestones", "every key result of an objective is a milestone",
        "Milestones say work was done, not that anything changed for a customer or the "
        "business: an objective measured only by them is a project plan.",
        "key_results:\n  - {id: kiosks, title: Kiosks installed, type: milestone}",
        "key_results:\n  - {id: kiosks, title: Kiosks installed, type: milestone}\n"
        "  - {id: use, title: Raise kiosk use from 20% to 60%, baseline: 20, target: 60}",
        Severity.WARNING, all_milestones,
    ),
    Rule(
        "OKR104", "activity-key-result", "a key result starts with an activity word",
        "Google's playbook: key results that consult, help, analyse or participate describe "
        "activities, not outcomes; a key result should say what changes and by how much.",
        "title: Launch self-service kiosks", "title: Raise kiosk check-ins from 20% to 60%",
        Severity.WARNING, activity_key_result, {"words": ACTIVITY_WORDS},
    ),
    Rule(
        "OKR201", "too-many-objectives", "a team has more than 5 objectives in the cycle",
        "Objectives say what matters most; a team with many has not chosen. The common advice "
        "is 1 to 3, at most 5.",
        "# seven objectives with team: airport-ops in 2026-Q4", "# three of them",
        Severity.WARNING, too_many_objectives, {"max": 5},
    ),
    Rule(
        "OKR202", "objective-without-owner", "an objective has no owner",
        "An objective everyone owns is one no one answers for; one owner per goal is the rule "
        "of every OKR practice.",
        "id: faster-check-in\ntitle: Faster check-in", "id: faster-check-in\ntitle: Faster "
        "check-in\nowner: Ana Ruiz",
        Severity.WARNING, objective_without_owner,
    ),
    Rule(
        "OKR301", "not-aligned", "an objective below company level has no parent",
        "Aligned OKRs cascade: an objective that serves nothing above it may be local work "
        "the company's goals do not need.",
        "team: airport-ops   # a department\n# no parent", "team: airport-ops\nparent: "
        "recommend-first",
        Severity.WARNING, not_aligned,
    ),
    Rule(
        "OKR302", "nobody-aligns", "a company objective has no objective aligned to it",
        "A company objective no department or team carries is a wish: nobody plans work for it.",
        "# company objective, no objective with parent: recommend-first",
        "# a department objective with parent: recommend-first",
        Severity.NOTICE, nobody_aligns,
    ),
    Rule(
        "OKR401", "stage-not-covered", "a value-stream stage has no objective in the cycle",
        "Value streams show where customers get value; a stage nobody improves this cycle should "
        "be a choice, not an oversight.",
        "# stage check-in, no objective with stage: check-in", "stage: check-in",
        Severity.NOTICE, stage_not_covered,
    ),
    Rule(
        "OKR402", "capability-not-covered", "a capability has no objective in the cycle",
        "Capabilities left without objectives for long decay; see which ones this cycle leaves.",
        "# capability digital-check-in, no objective lists it",
        "capabilities: [digital-check-in]",
        Severity.NOTICE, capability_not_covered,
    ),
    Rule(
        "OKR501", "due-after-period", "a key result is due after its objective's period",
        "A key result due after the objective's period cannot be graded with it.",
        "period: 2026-Q4\n# key result\ndue: 2027-02-01", "period: 2026-Q4\n# key result\n"
        "due: 2026-12-15",
        Severity.ERROR, due_after_period,
    ),
    Rule(
        "OKR601", "low-confidence-without-note", "a check-in with confidence below 0.3 has no note",
        "Low confidence is a call for help; without a note no one knows what help.",
        "- {date: 2026-11-02, value: 12, confidence: 0.2}",
        "- {date: 2026-11-02, value: 12, confidence: 0.2, note: Vendor slipped to January}",
        Severity.WARNING, low_confidence_without_note, {"below": 0.3},
    ),
)  # fmt: skip
RULES_BY_CODE = {rule.code: rule for rule in RULES}
RULES_BY_NAME = {rule.name: rule for rule in RULES}
