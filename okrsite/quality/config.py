"""The `rules` setting: each rule's severity ("error", "warning", "notice" or "off") and its
settings, by code or name: `rules: {OKR101: error, activity-key-result: {words: [launch]}}`.
Unknown rules and settings of the wrong type are refused with a message, never ignored."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from okrsite.problems import Severity
from okrsite.quality.checks import Finding, RuleContext
from okrsite.quality.rules import RULES, RULES_BY_CODE, RULES_BY_NAME, Rule

OFF = "off"
LEVELS = (*(s.value for s in Severity), OFF)


class RulesError(ValueError):
    """The `rules` setting cannot be used; the message says what to change."""


@dataclass(frozen=True)
class RuleConfig:
    severity: Severity | None  # None: off
    settings: Mapping[str, Any]


def read_rules(values: Any = None) -> dict[str, RuleConfig]:
    """Every rule's configuration: the defaults, changed where `values` says."""
    if values is None:
        values = {}
    if not isinstance(values, Mapping):
        raise RulesError("`rules` must be a mapping of rule code or name to a severity")
    chosen = {rule.code: RuleConfig(rule.severity, dict(rule.settings)) for rule in RULES}
    for name, value in values.items():
        rule = RULES_BY_CODE.get(str(name)) or RULES_BY_NAME.get(str(name))
        if rule is None:
            known = ", ".join(f"{r.code} ({r.name})" for r in RULES)
            raise RulesError(f"`rules`: no rule '{name}'; known: {known}")
        chosen[rule.code] = _one(rule, value)
    return chosen


def _one(rule: Rule, value: Any) -> RuleConfig:
    if not isinstance(value, Mapping):
        return RuleConfig(_severity(rule, value), dict(rule.settings))
    given = dict(value)
    severity = _severity(rule, given.pop("severity", rule.severity.value))
    settings = dict(rule.settings)
    for name, setting in given.items():
        if name not in rule.settings:
            allowed = ", ".join(["severity", *rule.settings])
            raise RulesError(f"`rules: {rule.code}`: no setting '{name}'; it has: {allowed}")
        settings[name] = _typed(rule, name, setting)
    return RuleConfig(severity, settings)


def _severity(rule: Rule, value: Any) -> Severity | None:
    if value is False or value == OFF:
        return None
    if value not in LEVELS:
        raise RulesError(f"`rules: {rule.code}` must be one of {', '.join(LEVELS)}, not {value!r}")
    return Severity(value)


def _typed(rule: Rule, name: str, value: Any) -> Any:
    """The value if it has the default's type (a whole number for a float is fine)."""
    default = rule.settings[name]
    where = f"`rules: {rule.code}: {name}`"
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise RulesError(f"{where} must be true or false, not {value!r}")
        return value
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise RulesError(f"{where} must be a list of words")
        return tuple(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RulesError(f"{where} must be a number, not {value!r}")
    if isinstance(default, int) and not isinstance(value, int):
        raise RulesError(f"{where} must be a whole number, not {value!r}")
    return value


@dataclass(frozen=True)
class Review:
    """What the rules that are on found: the findings at the severity they are reported at,
    and apart from them those an entity's `ignore:` excuses, with its reason ("" if none)."""

    findings: tuple[tuple[Finding, Severity], ...]
    excused: tuple[tuple[Finding, str], ...]


def review(context: RuleContext, config: Mapping[str, RuleConfig]) -> Review:
    """Every rule that is on, run once over the published model, in the rules' order."""
    findings: list[tuple[Finding, Severity]] = []
    excused: list[tuple[Finding, str]] = []
    for rule in RULES:
        chosen = config.get(rule.code, RuleConfig(rule.severity, rule.settings))
        if chosen.severity is None:
            continue
        for finding in rule.check(context, chosen.settings):
            reason = context.excuse(finding)
            if reason is None:
                findings.append((finding, chosen.severity))
            else:
                excused.append((finding, reason))
    return Review(tuple(findings), tuple(excused))
