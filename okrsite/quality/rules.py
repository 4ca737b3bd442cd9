"""The rules of good OKRs that `okrsite check` reviews, each with a stable code, a name, why it
matters, a bad and a good example, a default severity and its settings. One definition feeds
the checker, `okrsite check --rules`, SARIF's rule descriptions and the portal's rule pages,
so they never disagree. What each rule looks for is in `checks.py`; the examples, tested
against the rules themselves, in `examples.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from okrsite.problems import Severity
from okrsite.quality import checks
from okrsite.quality.checks import ACTIVITY_WORDS, Check
from okrsite.quality.examples import EXAMPLES


@dataclass(frozen=True)
class Rule:
    code: str  # OKR101: the hundreds say the family (1 key results, 2 ownership and focus,
    # 3 alignment, 4 coverage, 5 dates, 6 check-ins)
    name: str  # too-many-key-results
    summary: str  # one line, as `okrsite check --rules` lists it
    why: str
    severity: Severity
    check: Check
    settings: Mapping[str, Any] = field(default_factory=dict)  # name: default
    setting_help: Mapping[str, str] = field(default_factory=dict)  # name: what it sets

    @property
    def bad(self) -> str:
        """YAML that breaks the rule (added to the examples' background)."""
        return EXAMPLES[self.code][0]

    @property
    def good(self) -> str:
        """YAML that breaks no rule."""
        return EXAMPLES[self.code][1]


RULES: tuple[Rule, ...] = (
    Rule(
        "OKR101", "too-many-key-results", "an objective has more than 5 key results",
        "Past a handful, key results stop focusing the team and turn into a dashboard; the "
        "common advice is 3 to 5. Numbers worth watching that are not the point of this "
        "cycle belong in health metrics (`type: health`).",
        Severity.WARNING, checks.too_many_key_results, {"max": 5},
        {"max": "the most key results an objective may have"},
    ),
    Rule(
        "OKR102", "too-few-key-results", "an objective has fewer than 2 metric key results",
        "One number can be met in ways that miss the objective; a second measure from another "
        "side (quality beside speed, satisfaction beside adoption) keeps it honest. Milestones "
        "and health metrics do not count: only metrics measure the change.",
        Severity.NOTICE, checks.too_few_key_results, {"min": 2},
        {"min": "the fewest metric key results an objective may have"},
    ),
    Rule(
        "OKR103", "all-milestones", "every key result of an objective is a milestone",
        "Milestones say work was done, not that anything changed for a customer or the "
        "business: an objective measured only by them is a project plan, a to-do list rather "
        "than an outcome.",
        Severity.WARNING, checks.all_milestones,
    ),
    Rule(
        "OKR104", "activity-key-result", "a key result starts with an activity word",
        "Google's OKR playbook: key results that consult, help, analyse or participate "
        "describe activities, not outcomes. A key result says what changes and by how much; "
        "the work that changes it is an initiative.",
        Severity.WARNING, checks.activity_key_result, {"words": ACTIVITY_WORDS},
        {"words": "first words that make a key result read as an activity (any case)"},
    ),
    Rule(
        "OKR201", "too-many-objectives", "a team has more than 5 objectives in the cycle",
        "Objectives say what matters most; a team with many has not chosen. The common advice "
        "is 1 to 3, at most 5, per team and cycle.",
        Severity.WARNING, checks.too_many_objectives, {"max": 5},
        {"max": "the most objectives a team may have in one cycle (its own, not its children's)"},
    ),
    Rule(
        "OKR202", "objective-without-owner", "an objective has no owner",
        "An objective everyone owns is one no one answers for; one owner per goal is the rule "
        "of every OKR practice.",
        Severity.WARNING, checks.objective_without_owner,
    ),
    Rule(
        "OKR203", "key-result-without-owner", "a key result has no one who owns it",
        "Someone must move each number and report it at check-ins. A key result without an "
        "owner of its own is its objective's owner's, as the owners index shows; with that "
        "setting off, every key result must name its own.",
        Severity.WARNING, checks.key_result_without_owner, {"objective_owner_counts": True},
        {"objective_owner_counts": "whether the objective's owner owns key results that name none"},
    ),
    Rule(
        "OKR301", "not-aligned", "an objective below company level has no parent",
        "Aligned OKRs cascade from the company down: an objective that serves nothing above it "
        "may be local work the company's goals do not need, or a link someone forgot.",
        Severity.WARNING, checks.not_aligned,
    ),
    Rule(
        "OKR302", "nobody-aligns", "a company objective has no objective aligned to it",
        "A company objective no department or team carries in the cycle is a wish: nobody "
        "plans work for it.",
        Severity.NOTICE, checks.nobody_aligns,
    ),
    Rule(
        "OKR401", "stage-not-covered", "a value-stream stage has no objective in the cycle",
        "Value streams show where customers get value; a stage nobody improves this cycle "
        "should be a choice, not an oversight.",
        Severity.NOTICE, checks.stage_not_covered,
    ),
    Rule(
        "OKR402", "capability-not-covered", "a capability has no objective in the cycle",
        "Capabilities left without objectives for long decay. A capability counts as covered "
        "when it or any capability below it has an objective in the cycle.",
        Severity.NOTICE, checks.capability_not_covered,
    ),
    Rule(
        "OKR501", "due-after-period", "a key result is due after its objective's period",
        "A key result due after its objective's period cannot be graded with it at the end of "
        "the cycle. (A period that ends before it starts is refused as an error when the "
        "content is read.)",
        Severity.ERROR, checks.due_after_period,
    ),
    Rule(
        "OKR601", "low-confidence-without-note", "a check-in with confidence below 0.3 has no note",
        "Low confidence is a call for help; without a note no one knows what help.",
        Severity.WARNING, checks.low_confidence_without_note, {"below": 0.3},
        {"below": "the confidence (0 to 1) under which a check-in needs a note"},
    ),
)  # fmt: skip
RULES_BY_CODE = {rule.code: rule for rule in RULES}
RULES_BY_NAME = {rule.name: rule for rule in RULES}
