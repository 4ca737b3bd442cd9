"""`okrsite check`: validate the content and report every problem, for editors, people and CI.

Exit codes: 0 clean (warnings allowed unless `--strict`), 1 problems that fail the check,
2 usage errors (bad option, missing content directory).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from importlib.metadata import version
from typing import TYPE_CHECKING, Any

from okrsite.commands.check_signals import scored_with_signals
from okrsite.commands.options import (
    OptionError,
    add_as_of,
    add_content_dir,
    add_cycles,
    add_visibility,
    configured_site,
    content_dir,
    portal_settings,
)
from okrsite.commands.sarif import sarif_log
from okrsite.compute.as_of import AsOfError
from okrsite.compute.scorecard import Scorecard
from okrsite.load import load_content
from okrsite.model import Model
from okrsite.options import PortalSettings
from okrsite.problems import Problem, Severity, has_errors, sort_problems
from okrsite.publish import published_model
from okrsite.quality.checks import RuleContext
from okrsite.quality.config import review
from okrsite.quality.rules import RULES, RULES_BY_CODE
from okrsite.urls import SiteUrls

if TYPE_CHECKING:  # loaded only with ./mkdocs.yml (commands/options.py: configured_site)
    from okrsite.engines.mkdocs_yml import SiteConfig


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "check",
        help="validate the content and report every problem",
        description="Validate every YAML file below CONTENT_DIR and report all problems as "
        "path:line:col: severity: message.",
    )
    add_content_dir(parser)
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument(
        "--format",
        choices=("text", "github", "json", "sarif"),
        default="text",
        help="text (default), github (GitHub Actions annotations), json (a list of problems) or "
        "sarif (a SARIF 2.1.0 log, for GitHub code scanning and SARIF viewers)",
    )
    add_as_of(parser)
    add_visibility(
        parser, "summarise what a build publishing up to this level would show (default: internal)"
    )
    add_cycles(parser)
    parser.add_argument(
        "--rules",
        action="store_true",
        help="list the OKR quality rules and their settings, then stop",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    if args.rules:
        print(rules_listing())
        return 0
    try:
        site = configured_site()
        settings = portal_settings(args, site)
    except (AsOfError, OptionError) as exc:
        print(f"okrsite check: {exc}", file=sys.stderr)
        return 2
    folder = content_dir(args, site)
    if not folder.is_dir():
        print(
            f"okrsite check: content directory '{folder}' does not exist; "
            "create it or pass the right path",
            file=sys.stderr,
        )
        return 2
    result = load_content(folder, grading_days=settings.cycles.grading_days)
    model, problems, card = result.model, result.problems, None
    if model is not None:
        card, signals, notices = scored_with_signals(model, folder, settings)
        shown = published_model(model, settings.visibility)
        problems = sort_problems([*problems, *signals, *quality_problems(shown, card, settings)])
        for notice in notices:
            print(f"okrsite check: {notice}", file=sys.stderr)
    failed = has_errors(problems, strict=args.strict) or model is None
    if args.format == "json":
        print(json.dumps([_as_json(p) for p in problems], indent=2, ensure_ascii=False))
    elif args.format == "sarif":
        log = sarif_log(
            problems,
            RULES,
            version=version("okrsite"),
            complete=model is not None,
            help_uris=rule_pages(site),
        )
        print(json.dumps(log, indent=2, ensure_ascii=False, sort_keys=True))
    else:
        show = _github_command if args.format == "github" else str
        for problem in problems:
            print(show(problem))
        if failed or model is None or card is None:
            print(_tally(problems), file=sys.stderr)
        else:
            print(_summary(model, card, settings, problems))
    return 1 if failed else 0


def quality_problems(model: Model, card: Scorecard, settings: PortalSettings) -> list[Problem]:
    """The OKR quality rules' findings, as problems at the severity the `rules` setting gives."""
    return [
        Problem(
            finding.location,
            severity,
            f"{finding.code} {RULES_BY_CODE[finding.code].name}: {finding.message}",
            finding.code,
        )
        for finding, severity in review(RuleContext(model, card), settings.rules).findings
    ]


def rule_pages(site: SiteConfig | None) -> dict[str, str]:
    """Each rule's page in the published portal, when ./mkdocs.yml gives its address and the
    portal publishes the review; otherwise none."""
    if site is None or not site.site_url or not site.settings.portal.review_page:
        return {}
    urls = SiteUrls(site.settings.prefix, site.use_directory_urls, site.site_url)
    return {rule.code: str(urls.absolute(urls.rule_url(rule.code))) for rule in RULES}


def rules_listing() -> str:
    """Every rule: code, name, default severity, what it finds and its settings."""
    lines = []
    for rule in RULES:
        settings = ", ".join(
            f"{name}={' '.join(value) if isinstance(value, tuple) else value}"
            for name, value in rule.settings.items()
        )
        lines.append(f"{rule.code} {rule.name} ({rule.severity.value}): {rule.summary}")
        if settings:
            lines.append(f"    settings: {settings}")
    return "\n".join(lines)


def _as_json(problem: Problem) -> dict[str, Any]:
    where = problem.location
    return {
        "path": where.path,
        "line": where.line,
        "col": where.col,
        "severity": problem.severity.value,
        "message": problem.message,
        **({"rule": problem.rule} if problem.rule else {}),
    }


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github_command(problem: Problem) -> str:
    """A GitHub Actions workflow command, so the pull request shows it on the diff."""
    where = problem.location
    properties = ",".join(
        f"{name}={_escape_property(str(value))}"
        for name, value in (("file", where.path), ("line", where.line), ("col", where.col))
    )
    return f"::{problem.severity.value} {properties}::{_escape_data(problem.message)}"


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def _tally(problems: Iterable[Problem]) -> str:
    severities = [p.severity for p in problems]
    errors = _count(severities.count(Severity.ERROR), "error", "errors")
    warnings = _count(severities.count(Severity.WARNING), "warning", "warnings")
    return f"okrsite check: {errors}, {warnings}"


def _summary(
    model: Model, card: Scorecard, settings: PortalSettings, problems: list[Problem]
) -> str:
    """One line: what a build at this visibility would publish, and how far the current cycle
    has come. Scores only: grades and cycle comparisons are the portal's, not the summary's."""
    shown = published_model(model, settings.visibility)
    counts = ", ".join(
        _count(len(items), singular, plural)
        for items, singular, plural in (
            (shown.value_streams, "value stream", "value streams"),
            (shown.stages, "stage", "stages"),
            (shown.capabilities, "capability", "capabilities"),
            (shown.teams, "team", "teams"),
            (shown.objectives, "objective", "objectives"),
            (shown.key_results, "key result", "key results"),
            (shown.initiatives, "initiative", "initiatives"),
        )
    )
    progress = card.north_star.progress
    overall = "undefined" if progress is None else f"{progress:.0%}"
    warnings = sum(p.severity is Severity.WARNING for p in problems)
    notes = sum(p.severity is Severity.NOTICE for p in problems)
    noted = "".join(
        f"; {_count(count, singular, plural)}"
        for count, singular, plural in (
            (warnings, "warning", "warnings"),
            (notes, "notice", "notices"),
        )
        if count
    )
    return (
        f"okrsite check: OK: 1 north star, {counts} ({settings.visibility.value}); "
        f"{card.cycle.title} progress {overall} as of {settings.as_of.isoformat()}{noted}"
    )
