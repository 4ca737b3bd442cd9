"""What the Review page and the rule pages show of the quality review the scorecard holds:
findings grouped by the team that can act on them, worst first, and each rule's own.

A coach works through a team at a time, so findings go to the team of the objective they are
about (a key result's objective's team); findings about stages, capabilities and objectives
without a team form a group of their own, last.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from textwrap import indent
from typing import Any

import yaml

from okrsite.portal import SEVERITIES, Portal
from okrsite.problems import Severity
from okrsite.quality.checks import Finding, entities
from okrsite.quality.rules import RULES, RULES_BY_CODE, Rule
from okrsite.render.pages.trees import depth_first, roots

RULE_ORDER = {rule.code: number for number, rule in enumerate(RULES)}

Found = tuple[Finding, Severity]


@dataclass(frozen=True)
class TeamFindings:
    team: str | None  # None: about no team's objective (stages, capabilities, teamless objectives)
    findings: list[Found]


def review_context(portal: Portal) -> Mapping[str, Any]:
    card, model = portal.scorecard, portal.model
    found = [item for items in card.findings.values() for item in items]
    excused = [item for items in card.excused.values() for item in items]
    grouped: dict[str | None, list[Found]] = {}
    for item in found:
        grouped.setdefault(team_of(portal, item[0]), []).append(item)
    team_order = [
        key for key, _ in depth_first(roots({k: t.parent for k, t in model.teams.items()}),
                                      portal.relations.team_children)
    ]  # fmt: skip
    teams = [TeamFindings(team, worst_first(portal, grouped[team])) for team in team_order
             if team in grouped]  # fmt: skip
    if None in grouped:
        teams.append(TeamFindings(None, worst_first(portal, grouped[None])))
    return {
        "teams": teams,
        "severity_counts": severity_counts(found),
        "rule_counts": {code: sum(f.code == code for f, _ in found) for code in RULE_ORDER},
        "excused_counts": {code: sum(f.code == code for f, _ in excused) for code in RULE_ORDER},
        "excused": by_rule(portal, excused),
        "rules": RULES,
    }


def rule_context(portal: Portal, code: str) -> Mapping[str, Any]:
    card = portal.scorecard
    rule = RULES_BY_CODE[code]
    return {
        "rule": rule,
        "setting_example": setting_example(rule),
        "config": card.quality_rules[code],
        "found": worst_first(
            portal, (i for items in card.findings.values() for i in items if i[0].code == code)
        ),
        "excused": by_rule(
            portal, (i for items in card.excused.values() for i in items if i[0].code == code)
        ),
    }


def setting_example(rule: Rule) -> str:
    """The `rules` setting that changes this rule, as a user writes it in mkdocs.yml."""
    lines = [
        "plugins:",
        "  - okrsite:",
        "      rules:",
        f"        {rule.code}: error  # or warning, notice, off",
    ]
    if rule.settings:
        settings = {n: list(v) if isinstance(v, tuple) else v for n, v in rule.settings.items()}
        flow = yaml.safe_dump({"severity": "warning", **settings}, default_flow_style=True,
                              sort_keys=False, width=70)  # fmt: skip
        lines.append(f"        {rule.name}: {indent(flow.strip(), ' ' * 10).lstrip()}")
    return "\n".join(lines)


def team_of(portal: Portal, finding: Finding) -> str | None:
    """The team whose objective the finding is about, or the team it is about."""
    kind, key = finding.entity
    model = portal.model
    if kind == "team":
        return key
    if kind == "key-result":
        kind, key = "objective", model.key_results[key].objective
    return model.objectives[key].team if kind == "objective" else None


def worst_first(portal: Portal, items: Iterable[Found]) -> list[Found]:
    """Errors first, then warnings, notices; within one, as `place` orders them."""
    return sorted(items, key=lambda item: (SEVERITIES.index(item[1]), *place(portal, item[0])))


def by_rule(portal: Portal, items: Iterable[tuple[Finding, str]]) -> list[tuple[Finding, str]]:
    return sorted(items, key=lambda item: place(portal, item[0]))


def place(portal: Portal, finding: Finding) -> tuple[int, str, str]:
    """In the rules' order, then by the title of what it is about."""
    kind, key = finding.entity
    return (RULE_ORDER[finding.code], entities(portal.model, kind)[key].title.casefold(), key)


def severity_counts(found: Iterable[Found]) -> list[tuple[Severity, int]]:
    """How many findings at each severity, worst first, zeros left out."""
    listed = [severity for _, severity in found]
    return [(severity, listed.count(severity)) for severity in SEVERITIES if severity in listed]
