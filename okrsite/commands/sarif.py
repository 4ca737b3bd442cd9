"""`okrsite check --format sarif`: the problems as a SARIF 2.1.0 log, the format GitHub code
scanning reads (and SARIF viewers in editors), so findings become alerts that stay open until
the content is fixed, not annotations that only one run shows.

Every result says what found it (`Problem.rule`): a quality rule, a signal, or the content's own
checks. The log describes all of them whether they found anything or not, so its rules change
only when okrsite does, as GitHub asks ("SARIF support for code scanning" on docs.github.com:
which properties it reads, and its limits, such as names of at most 255 characters).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from okrsite.compute.signals import (
    CONFIDENCE_DAYS,
    CONFIDENCE_DROP,
    CONFIDENCE_LOW,
    WARNING_KINDS,
    SignalKind,
    SignalRules,
)
from okrsite.model import Location
from okrsite.problems import Problem, Severity
from okrsite.quality.rules import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/okrsite/"
SOURCE_ROOT = "%SRCROOT%"  # relative paths are below the folder `okrsite check` ran in
CONTENT = "content"  # the rule id of problems the content's own checks found (Problem.rule "")
FINGERPRINT = "okrsiteFinding/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "note"}
_SEMVER = re.compile(r"\d+\.\d+\.\d+")  # PEP 440 pre-releases (0.2.0rc1) are no SemVer
_VOLATILE = re.compile(r"('[^']*')|\d+")  # a quoted id is kept, any other number masked

# What each signal is and why it matters; docs/guide/signals.md says the same at length.
_SIGNALS = {
    SignalKind.MOVED_GOALPOST: (
        "a key result's goalposts moved after its window opened",
        "A commit changed the key result's baseline, target, unit, type or due date, or its "
        "objective's period, after the first day of the window: progress against goalposts "
        "moved mid-cycle looks better than it is. If the move was meant, say why in a "
        "`rebaselined: [{date, reason}]` entry; an explained move is a notice, not a warning.",
    ),
    SignalKind.STALE: (
        "a key result has had no check-in for a while",
        "The key result's window is open and its last check-in (written, or a commit that "
        "changed `current`, `done` or `status`) is `stale_after` days old or more (default "
        f"{SignalRules().stale_after}): a number nobody updates cannot say where the cycle "
        "stands. Add a check-in, or update `current` (`done` for a milestone).",
    ),
    SignalKind.LOW_CONFIDENCE: (
        f"a key result's latest confidence is below {CONFIDENCE_LOW:g}",
        "Whoever checks in expects to miss: the early warning that progress alone gives too "
        "late. Worth reading, never a failed check.",
    ),
    SignalKind.CONFIDENCE_DROP: (
        f"a key result's confidence fell by {CONFIDENCE_DROP:g} or more in {CONFIDENCE_DAYS} days",
        "The latest check-in's confidence is far below the highest of the days before it: "
        "something changed that the numbers do not show yet. Worth reading, never a failed "
        "check.",
    ),
}
_CONTENT_TEXT = (
    "the content cannot be read as written, or lacks what the portal needs",
    "YAML syntax, the content format (kinds, fields, types, ranges), references between "
    "entities, and what progress and status are judged by (a period, key results). Errors stop "
    "the build; warnings fail it only with `--strict`.",
)


def sarif_log(
    problems: Iterable[Problem],
    rules: Sequence[Rule],
    *,
    version: str,
    complete: bool,
    help_uris: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """One run of okrsite: every rule described, one result per problem.

    `version` is okrsite's; `complete` is False when the content could not be read into a
    model, so no quality rule or signal ran and their silence says nothing about the content.
    `help_uris`: each rule's page in the published portal, by code, where it has one (code
    scanning links an alert's rule help to it).
    """
    uris = help_uris or {}
    descriptors = [
        *(_rule_descriptor(rule) | _help_uri(uris.get(rule.code)) for rule in rules),
        *(_signal_descriptor(kind) for kind in SignalKind),
        _descriptor(CONTENT, *_CONTENT_TEXT, Severity.ERROR, "okr-content"),
    ]
    index = {descriptor["id"]: number for number, descriptor in enumerate(descriptors)}
    driver: dict[str, Any] = {
        "name": "okrsite",
        "informationUri": INFORMATION_URI,
        "version": version,
        "rules": descriptors,
    }
    if _SEMVER.fullmatch(version):
        driver["semanticVersion"] = version
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [{"executionSuccessful": complete}],
                # No absolute URI: it would name the machine and differ from run to run.
                "originalUriBaseIds": {
                    SOURCE_ROOT: {"description": {"text": "the folder okrsite check ran in"}}
                },
                "results": [_result(problem, index) for problem in problems],
            }
        ],
    }


def artifact_location(path: str) -> dict[str, str]:
    """A problem's file as SARIF wants it: a relative path as a URI reference against
    %SRCROOT% (the repository's root in CI, where GitHub looks the file up), percent-encoded
    so spaces, `%` or a `:` in a folder's name stay part of the path; any other as a file URI."""
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path, safe="/"), "uriBaseId": SOURCE_ROOT}


def fingerprint(rule_id: str, uri: str, message: str) -> str:
    """The same value for the same finding after unrelated edits: the rule, the file and the
    message, never the line (an edit above moves it), with numbers outside quoted ids masked,
    since they change while the finding stays (days since the last check-in, how many key
    results). GitHub matches alerts by its own hash of the line's text, which upload-sarif
    adds; this is for the other tools that compare results by `partialFingerprints`."""
    stable = _VOLATILE.sub(lambda found: found.group(1) or "0", message)
    return hashlib.sha256("\0".join((rule_id, uri, stable)).encode()).hexdigest()


def pascal_case(name: str) -> str:
    """`too-many-key-results` as `TooManyKeyResults`: the SARIF standard's example and
    Microsoft's SARIF validator (which GitHub points to) give a rule's name as one Pascal-case
    identifier; the code, `OKR101`, stays its stable id."""
    return "".join(part.capitalize() for part in name.split("-"))


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    setting = (
        f"Set its severity (error, warning, notice, off) in the `rules` setting, e.g. "
        f"`rules: {{{rule.name}: notice}}`, or exempt one entity with `ignore: [{rule.code}]`."
    )
    bad, good = rule.bad.rstrip("\n"), rule.good.rstrip("\n")
    text = f"{rule.why}\n\nBreaks the rule:\n\n{bad}\n\nKeeps it:\n\n{good}\n\n{setting}"
    markdown = (
        f"{rule.why}\n\nBreaks the rule:\n\n```yaml\n{bad}\n```\n\n"
        f"Keeps it:\n\n```yaml\n{good}\n```\n\n{setting}"
    )
    return _descriptor(
        rule.code, rule.summary, rule.why, rule.severity, "okr-quality", pascal_case(rule.name)
    ) | {"help": {"text": text, "markdown": markdown}}


def _help_uri(uri: str | None) -> dict[str, str]:
    return {"helpUri": uri} if uri else {}


def _signal_descriptor(kind: SignalKind) -> dict[str, Any]:
    level = Severity.WARNING if kind in WARNING_KINDS else Severity.NOTICE
    return _descriptor(kind.value, *_SIGNALS[kind], level, "okr-signal")


def _descriptor(
    rule_id: str, summary: str, why: str, level: Severity, tag: str, name: str = ""
) -> dict[str, Any]:
    return {
        "id": rule_id,
        "name": name or pascal_case(rule_id),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": why},
        "help": {"text": why},  # GitHub requires it
        "defaultConfiguration": {"level": LEVELS[level]},
        "properties": {"tags": [tag]},
    }


def _result(problem: Problem, index: dict[str, int]) -> dict[str, Any]:
    rule_id = problem.rule or CONTENT
    artifact = artifact_location(problem.location.path)
    return {
        "ruleId": rule_id,
        "ruleIndex": index[rule_id],
        "level": LEVELS[problem.severity],
        "message": {"text": problem.message},
        "locations": [{"physicalLocation": _physical(artifact, problem.location)}],
        "partialFingerprints": {
            FINGERPRINT: fingerprint(rule_id, artifact["uri"], problem.message)
        },
    }


def _physical(artifact: dict[str, str], where: Location) -> dict[str, Any]:
    """The file and, when known, where in it: SARIF's lines and columns start at 1, so a
    position below that (none is written today) leaves the result about the whole file."""
    region = {}
    if where.line >= 1:
        region["startLine"] = where.line
        if where.col >= 1:
            region["startColumn"] = where.col
    return {"artifactLocation": artifact, **({"region": region} if region else {})}
