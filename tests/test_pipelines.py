"""The shipped CI pipelines: valid YAML, the needed steps, only real commands and options."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement

from okrsite.pipelines import pipeline_files

GITHUB = ".github/workflows/okrsite.yml"
GITLAB = ".gitlab-ci.yml"


def load(path: str) -> dict[Any, Any]:
    return yaml.safe_load(pipeline_files()[path])


def github_steps() -> list[dict[str, Any]]:
    return [step for job in load(GITHUB)["jobs"].values() for step in job.get("steps", ())]


def run_lines() -> list[str]:
    """Every shell line both pipelines run."""
    lines = [line for step in github_steps() if "run" in step for line in step["run"].splitlines()]
    gitlab = load(GITLAB)
    for job in gitlab.values():
        if isinstance(job, dict):
            lines += job.get("before_script", []) + job.get("script", [])
    return [part.strip() for line in lines for part in line.split("&&")]


def test_files_and_requirement() -> None:
    files = pipeline_files()

    assert set(files) == {GITHUB, GITLAB, "requirements.txt"}
    assert Requirement(files["requirements.txt"].strip()).name == "okrsite"
    assert pipeline_files("okrsite @ git+https://example.com/okrsite.git")["requirements.txt"] == (
        "okrsite @ git+https://example.com/okrsite.git\n"
    )


def test_github_checks_pull_requests_and_deploys_main_to_pages() -> None:
    workflow = load(GITHUB)
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    steps = {step.get("uses", "").split("@")[0]: step for step in github_steps()}
    deploy = workflow["jobs"]["deploy"]

    assert {"pull_request", "push", "schedule"} <= set(triggers)
    assert triggers["push"]["branches"] == ["main"]
    assert steps["actions/checkout"]["with"]["fetch-depth"] == 0
    assert steps["actions/setup-python"]["with"]["python-version"] == "3.12"
    assert steps["actions/cache"]["with"]["path"] == ".cache/okrsite"
    assert steps["actions/upload-pages-artifact"]["with"]["path"] == "site"
    assert "pull_request" in steps["actions/upload-pages-artifact"]["if"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    runs = [line for step in github_steps() if "run" in step for line in [step["run"]]]
    assert runs.index("okrsite check content --format github") < runs.index(
        "mkdocs build --strict --site-dir site"
    )
    assert any("apt-get install" in run and "graphviz" in run for run in runs)


def test_gitlab_publishes_public_from_the_default_branch() -> None:
    pipeline = load(GITLAB)
    pages = pipeline["pages"]

    assert pipeline["variables"]["GIT_DEPTH"] == "0"
    assert ".cache/okrsite" in pipeline["cache"]["paths"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert "mkdocs build --strict --site-dir public" in pages["script"]
    assert pipeline["check"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    setup = pipeline[".okrsite-setup"]["before_script"]
    assert any("graphviz" in line and "git" in line for line in setup)
    assert "pip install -r requirements.txt" in setup


COMMANDS = sorted(
    {line for line in run_lines() if line.split()[0] in {"okrsite", "mkdocs"}},
)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_okrsite_and_mkdocs_command_uses_real_options(command: str) -> None:
    words = shlex.split(command)
    program, subcommand, arguments = words[0], words[1], words[2:]
    # The console script installed beside the Python running the tests, as `pip install okrsite`
    # puts it beside the pipeline's Python: never whatever else is on PATH.
    installed = Path(sys.executable).parent / program
    assert installed.is_file(), f"{program} is not installed beside {sys.executable}"
    help_text = subprocess.run(
        [str(installed), subcommand, "--help"], capture_output=True, text=True, check=True
    ).stdout

    for position, word in enumerate(arguments):
        if word.startswith("--"):
            assert re.search(rf"(^|[\s,]){re.escape(word)}\b", help_text), (command, word)
            value = arguments[position + 1] if position + 1 < len(arguments) else ""
            choices = re.search(rf"{re.escape(word)} \{{([^}}]+)\}}", help_text)
            if choices:
                assert value in choices.group(1).split(","), (command, word, value)


def test_the_commands_cover_what_the_pipelines_must_do() -> None:
    assert COMMANDS == [
        "mkdocs build --strict --site-dir public",
        "mkdocs build --strict --site-dir site",
        "okrsite check content --format github",
        "okrsite check content --format sarif > okrsite.sarif",
        "okrsite check content --format text",
    ]


@pytest.mark.parametrize("name", ["github-actions.yml", "github-actions-zensical.yml"])
def test_github_uploads_the_findings_to_code_scanning(name: str) -> None:
    """The annotations step still fails the job; after it, also when it failed, the findings
    are written as SARIF and uploaded, except from a fork's pull request (a read-only token),
    without failing the job where code scanning is not available."""
    workflow = yaml.safe_load(files("okrsite.pipelines").joinpath(name).read_text("utf-8"))
    build = workflow["jobs"]["build"]
    steps = build["steps"]
    named = {step["id"]: step for step in steps if "id" in step}
    check, sarif = named["check"], named["sarif"]
    (upload,) = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-")]

    assert check["run"] == "okrsite check content --format github"
    assert "if" not in check and "continue-on-error" not in check
    command, written = sarif["run"].split(" > ")
    assert command == "okrsite check content --format sarif"
    assert upload["uses"] == "github/codeql-action/upload-sarif@v4"
    assert upload["with"] == {"sarif_file": written, "category": "okrsite"}
    assert steps.index(check) < steps.index(sarif) < steps.index(upload)
    assert sarif["if"] == "${{ !cancelled() && steps.check.outcome != 'skipped' }}"
    assert upload["if"].startswith("${{ !cancelled() && steps.sarif.outcome != 'skipped' && (")
    assert "github.event.pull_request.head.repo.full_name == github.repository" in upload["if"]
    assert upload["continue-on-error"] is True
    assert build["permissions"] == {
        "contents": "read",
        "security-events": "write",
        "actions": "read",
    }
    assert workflow["permissions"] == {"contents": "read"}, "the other jobs stay read-only"
