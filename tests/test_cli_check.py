"""`okrsite check` and `okrsite schema` as users run them: a real process, its output and exit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from okrsite.commands.check import _github_command
from okrsite.model import Location
from okrsite.problems import Problem, Severity
from okrsite.spec.json_schema import content_schema_text

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
SUMMARY = (
    "okrsite check: OK: 1 north star, 1 value stream, 3 stages, 1 capability, 1 team, "
    "1 objective, 3 key results, 1 initiative (internal); 2026 Q4 progress 51% as of 2026-11-23"
)
BROKEN_CASE = """\
kind: Objective
id: lounge-comfort
title: Lounge comfort
period: 2026-H2
key_results:
  - {id: lounge-score, title: Lounge score, baseline: 3, target: 4, confidence: 1.5}
---
kind: Objective
id: someday
title: Someday
"""


def okrsite(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.run(
        [sys.executable, "-m", "okrsite", *args],
        cwd=cwd,
        env={**environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


# The example breaks five quality rules (test_quality_rules.py covers them): one objective, no
# owner (so its key results have none either), aligned to nothing, two of three stages without
# objectives, a confidence of 0.2 without a note. Off here, where signals and
# summaries are tested; `test_quality_findings_are_reported_by_default` checks them on.
RULES_OFF = "      rules: {OKR202: off, OKR203: off, OKR301: off, OKR401: off, OKR601: off}\n"
PROJECT_YML = "site_name: OKRs\nplugins:\n  - okrsite:\n" + RULES_OFF


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder whose `content/` is the issue's example."""
    shutil.copytree(FIXTURE, tmp_path / "content")
    (tmp_path / "mkdocs.yml").write_text(PROJECT_YML, "utf-8")
    return tmp_path


@pytest.fixture
def broken_project(project: Path) -> Path:
    (project / "content" / "lounge.yml").write_text(BROKEN_CASE)
    return project


RELAXED_YML = PROJECT_YML + "      stale_after: 60\n"
STALE = [
    "content/airline.yml:31:5: warning: key result 'checkin-wait-time': stale: no check-in for 53 "
    "days (the last on 2026-10-01); add a check-in, or update `current` (`done` for a milestone)",
    "content/airline.yml:40:5: warning: key result 'digital-adoption': stale: no check-in since "
    "its window opened on 2026-07-01 (145 days); add a check-in, or update `current` (`done` for "
    "a milestone)",
    "content/airline.yml:47:5: warning: key result 'checkin-satisfaction': stale: no check-in "
    "since its window opened on 2026-07-01 (145 days); add a check-in, or update `current` (`done` "
    "for a milestone)",
]


def test_clean_content_prints_the_summary(project: Path) -> None:
    """With `stale_after: 60` in mkdocs.yml the last check-in (53 days ago) is recent enough,
    but not the key results never checked in (145 days)."""
    (project / "mkdocs.yml").write_text(RELAXED_YML.replace("after: 60", "after: 146"), "utf-8")
    run = okrsite("check", "--as-of", "2026-11-23", cwd=project)
    assert (run.returncode, run.stdout, run.stderr) == (0, SUMMARY + "\n", "")


def test_stale_key_results_are_warnings(project: Path) -> None:
    run = okrsite("check", "--as-of", "2026-11-23", cwd=project)
    assert run.returncode == 0
    assert run.stdout.splitlines() == [*STALE, SUMMARY + "; 3 warnings"]
    (project / "mkdocs.yml").write_text(RELAXED_YML, "utf-8")
    relaxed = okrsite("check", "--as-of", "2026-11-23", cwd=project)
    assert relaxed.stdout.splitlines() == [*STALE[1:], SUMMARY + "; 2 warnings"]
    assert okrsite("check", "--strict", "--as-of", "2026-11-23", cwd=project).returncode == 1


def test_as_of_defaults_to_source_date_epoch(project: Path) -> None:
    (project / "mkdocs.yml").write_text(RELAXED_YML.replace("after: 60", "after: 146"), "utf-8")
    run = okrsite("check", cwd=project, env={"SOURCE_DATE_EPOCH": "1795392000"})  # 2026-11-23
    assert run.stdout == SUMMARY + "\n"


def test_visibility_changes_what_is_summarised(project: Path) -> None:
    run = okrsite(
        "check", "content", "--as-of", "2026-11-23", "--visibility", "public", cwd=project
    )
    assert run.returncode == 0
    assert "0 objectives, 0 key results, 0 initiatives (public); 2026 Q4 progress undefined" in (
        run.stdout
    )


def test_errors_in_text_format(broken_project: Path) -> None:
    run = okrsite("check", "--as-of", "2026-11-23", cwd=broken_project)
    assert run.returncode == 1
    assert run.stdout.splitlines() == [
        "content/lounge.yml:6:81: error: `confidence` must lie between 0 and 1 (0.7 means 70%), "
        "not 1.5",
        "content/lounge.yml:8:1: warning: objective 'someday' has no `period`, so its status "
        "cannot be judged; add one like 2026-Q4",
        "content/lounge.yml:8:1: warning: objective 'someday' has no key results, so its "
        "progress is undefined; add `key_results`",
    ]
    assert run.stderr == "okrsite check: 1 error, 2 warnings\n"


def test_warnings_pass_unless_strict(project: Path) -> None:
    (project / "mkdocs.yml").write_text(RELAXED_YML.replace("after: 60", "after: 146"), "utf-8")
    (project / "content" / "someday.yml").write_text(BROKEN_CASE.split("---\n")[1])
    relaxed = okrsite("check", "--as-of", "2026-11-23", cwd=project)
    assert relaxed.returncode == 0
    assert relaxed.stdout.splitlines()[-1] == (
        SUMMARY.replace("1 objective", "2 objectives") + "; 2 warnings; 1 notice"
    )  # the notice: OKR102, `someday` has no key results
    strict = okrsite("check", "--strict", "--as-of", "2026-11-23", cwd=project)
    assert strict.returncode == 1
    assert strict.stderr == "okrsite check: 0 errors, 2 warnings\n"


def test_github_format_escapes_properties_and_data(tmp_path: Path) -> None:
    content = tmp_path / "a,b:c"
    shutil.copytree(FIXTURE, content)
    (content / "lounge.yml").write_text(BROKEN_CASE)
    run = okrsite("check", "a,b:c", "--format", "github", "--as-of", "2026-11-23", cwd=tmp_path)
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert lines[0] == (
        "::error file=a%2Cb%3Ac/lounge.yml,line=6,col=81::`confidence` must lie between 0 and 1 "
        "(0.7 means 70%25), not 1.5"
    )
    assert lines[1].startswith("::warning file=a%2Cb%3Ac/lounge.yml,line=8,col=1::objective ")
    assert len(lines) == 3


def test_github_escaping_of_line_breaks() -> None:
    problem = Problem(Location("x,y.yml", 3, 4), Severity.WARNING, "100% sure\r\nsecond line")
    assert _github_command(problem) == (
        "::warning file=x%2Cy.yml,line=3,col=4::100%25 sure%0D%0Asecond line"
    )


def test_json_format(broken_project: Path) -> None:
    run = okrsite("check", "--format", "json", "--as-of", "2026-11-23", cwd=broken_project)
    assert run.returncode == 1
    problems = json.loads(run.stdout)
    assert problems[0] == {
        "path": "content/lounge.yml",
        "line": 6,
        "col": 81,
        "severity": "error",
        "message": "`confidence` must lie between 0 and 1 (0.7 means 70%), not 1.5",
    }
    assert [p["severity"] for p in problems] == ["error", "warning", "warning"]


def test_json_format_when_clean_is_an_empty_list(project: Path) -> None:
    (project / "mkdocs.yml").write_text(RELAXED_YML.replace("after: 60", "after: 146"), "utf-8")
    run = okrsite("check", "--format", "json", "--as-of", "2026-11-23", cwd=project)
    assert (run.returncode, json.loads(run.stdout)) == (0, [])


def test_json_names_the_signal_that_found_a_problem(project: Path) -> None:
    run = okrsite("check", "--format", "json", "--as-of", "2026-11-23", cwd=project)
    signals = [p for p in json.loads(run.stdout) if "stale: " in p["message"]]
    assert signals[0] == {
        "path": "content/airline.yml",
        "line": 31,
        "col": 5,
        "severity": "warning",
        "message": STALE[0].split(": warning: ")[1],
        "rule": "stale",
    }
    assert [p["rule"] for p in signals] == ["stale", "stale", "stale"]


def test_usage_errors_exit_2(project: Path) -> None:
    missing = okrsite("check", "nowhere", cwd=project)
    assert missing.returncode == 2
    assert missing.stderr == (
        "okrsite check: content directory 'nowhere' does not exist; "
        "create it or pass the right path\n"
    )
    bad_date = okrsite("check", "--as-of", "someday", cwd=project)
    assert bad_date.returncode == 2
    assert "as-of date 'someday' is not an ISO date like 2026-11-23" in bad_date.stderr
    bad_epoch = okrsite("check", cwd=project, env={"SOURCE_DATE_EPOCH": "soon"})
    assert bad_epoch.returncode == 2
    assert "SOURCE_DATE_EPOCH='soon' is not a whole number" in bad_epoch.stderr
    assert okrsite("check", "--format", "xml", cwd=project).returncode == 2
    assert okrsite(cwd=project).returncode == 2


def test_schema_command_prints_the_schema(tmp_path: Path) -> None:
    run = okrsite("schema", cwd=tmp_path)
    assert run.returncode == 0
    assert run.stdout == content_schema_text()
    assert json.loads(run.stdout)["$defs"]["Objective"]["title"] == "Objective"


def test_the_summary_is_of_the_cycle_the_settings_name(project: Path) -> None:
    run = okrsite(
        "check", "--as-of", "2026-11-23", "--cycle", "year", "--year-start", "7", cwd=project
    )
    assert run.returncode == 0, run.stderr
    assert "(internal); FY2027 progress " in run.stdout


@pytest.mark.parametrize("month", ["0", "13", "july"])
def test_a_year_start_that_is_no_month_is_refused(project: Path, month: str) -> None:
    run = okrsite("check", "--year-start", month, cwd=project)
    assert run.returncode == 2
    assert "--year-start: must be a month from 1 (January) to 12" in run.stderr


def test_check_loads_no_renderer(project: Path) -> None:
    """Only the command asked for is imported: CI's check starts 0.3 s sooner at size M."""
    (project / "mkdocs.yml").unlink()  # reading one loads the renderers' settings
    code = (
        "import sys\nfrom okrsite.cli import main\n"
        "status = main(['check', '--as-of', '2026-11-23'])\n"
        "print(status, sorted(m for m in sys.modules if m.startswith('okrsite.render')))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=False
    )
    assert run.stdout.strip().splitlines()[-1] == "0 []", run.stderr


MKDOCS_YML = (
    "site_name: OKRs\nplugins:\n  - okrsite:\n      cycle: year\n      year_start: 7\n" + RULES_OFF
)


def test_the_cycle_settings_of_mkdocs_yml_count_unless_options_say_otherwise(
    project: Path,
) -> None:
    """CI and the portal agree: check reads the plugin's settings from ./mkdocs.yml."""
    (project / "mkdocs.yml").write_text(MKDOCS_YML, "utf-8")
    run = okrsite("check", "--as-of", "2026-11-23", cwd=project)
    assert "(internal); FY2027 progress " in run.stdout, run.stderr
    run = okrsite("check", "--as-of", "2026-11-23", "--cycle", "half", cwd=project)
    assert "(internal); FY2027 H1 progress " in run.stdout, run.stderr


def test_a_broken_mkdocs_yml_is_named_with_its_line(project: Path) -> None:
    (project / "mkdocs.yml").write_text(MKDOCS_YML.replace("year_start: 7", "year_start: 13"))
    run = okrsite("check", "--as-of", "2026-11-23", cwd=project)
    assert run.returncode == 2
    assert "mkdocs.yml:5:" in run.stderr and "year_start" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr
    given = okrsite(
        "check", "--as-of", "2026-11-23", "--cycle", "year", "--year-start", "7", cwd=project
    )
    assert given.returncode == 2, "options do not make a broken mkdocs.yml the portal's"
    (project / "mkdocs.yml").write_text(MKDOCS_YML)
    assert okrsite("check", "--as-of", "2026-11-23", cwd=project).returncode == 0


GRADED_LATE = """\
kind: Objective
id: graded-late
title: Graded late
period: 2026-Q3
key_results:
  - id: late-reading
    title: Late reading
    baseline: 0
    target: 10
    checkins:
      - {date: 2026-10-05, value: 8}
"""


def test_check_ins_in_the_grading_days_pass_and_later_ones_fail(project: Path) -> None:
    """Q3 ends 09-30; a reading of 10-05 is in the default 14 grading days, not in 3."""
    (project / "content" / "late.yml").write_text(GRADED_LATE, "utf-8")
    run = okrsite("check", "--as-of", "2026-11-23", cwd=project)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "check-in dated" not in run.stdout + run.stderr
    (project / "mkdocs.yml").write_text(
        "site_name: OKRs\nplugins:\n  - okrsite:\n      grading_days: 3\n", "utf-8"
    )
    run = okrsite("check", "--as-of", "2026-11-23", cwd=project)
    assert run.returncode == 1
    assert (
        "content/late.yml:11:9: error: check-in dated 2026-10-05 lies outside the key result's "
        "window 2026-07-01 – 2026-09-30 and its 3 grading days (until 2026-10-03, the "
        "`grading_days` setting)" in run.stdout + run.stderr
    )


def test_low_confidence_is_a_notice_that_never_fails_strict(project: Path) -> None:
    (project / "mkdocs.yml").write_text(RELAXED_YML.replace("after: 60", "after: 146"), "utf-8")
    airline = project / "content" / "airline.yml"
    text = airline.read_text("utf-8")
    assert "value: 10.4, confidence: 0.7}" in text
    airline.write_text(
        text.replace("value: 10.4, confidence: 0.7}", "value: 10.4, confidence: 0.2}")
    )
    run = okrsite("check", "--strict", "--as-of", "2026-11-23", cwd=project)
    assert run.returncode == 0, run.stdout
    assert run.stdout.splitlines() == [
        "content/airline.yml:31:5: notice: key result 'checkin-wait-time': low confidence: "
        "confidence 0.2 since 2026-10-01",
        SUMMARY + "; 1 notice",
    ]
    github = okrsite("check", "--format", "github", "--as-of", "2026-11-23", cwd=project)
    assert github.stdout.startswith("::notice file=content/airline.yml,line=31,col=5::")


def test_quality_findings_are_reported_by_default(project: Path) -> None:
    (project / "mkdocs.yml").unlink()
    run = okrsite("check", "--as-of", "2026-11-23", cwd=project)
    found = [line.split(": ", 2)[1:] for line in run.stdout.splitlines() if " OKR" in line]
    assert [(severity, message.split(":")[0]) for severity, message in found] == [
        ("notice", "OKR401 stage-not-covered"),
        ("notice", "OKR401 stage-not-covered"),
        ("warning", "OKR202 objective-without-owner"),
        ("warning", "OKR301 not-aligned"),
        ("warning", "OKR203 key-result-without-owner"),
        ("warning", "OKR203 key-result-without-owner"),
        ("warning", "OKR203 key-result-without-owner"),
    ]
    assert run.returncode == 0
