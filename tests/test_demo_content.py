"""The demo content: the portal `make serve` shows and the example users copy from.

It must validate without a warning, contain the format specification's check-in example (with
only the owner and the opt-out the quality rules asked for added), pass the OKR quality rules or
say why not, and agree with the JSON Schema its files point editors at.
"""

from __future__ import annotations

import json
import posixpath
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import fields
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from okrsite.cli import main
from okrsite.load import load_content

SCHEMA_LINE = "# yaml-language-server: $schema="


def content_files(demo_content: Path) -> list[Path]:
    return sorted(p for p in demo_content.rglob("*") if p.suffix in {".yml", ".yaml"})


def test_demo_content_validates_without_problems(demo_content):
    assert [str(problem) for problem in load_content(demo_content).problems] == []


# What the demo adds to the specification's example because the quality rules ask for it (OKR202)
ADDED_OWNER = "owner: Henrik Larsen\n"


def without_opt_outs(text: str) -> Iterator[str]:
    """The lines of `text` less each `ignore:` key and the lines indented below it."""
    ignore_indent = None
    for line in text.splitlines(True):
        indent = len(line) - len(line.lstrip(" "))
        if ignore_indent is not None and indent > ignore_indent:
            continue
        ignore_indent = indent if line.lstrip(" ").startswith("ignore:") else None
        if ignore_indent is None:
            yield line


def test_demo_content_holds_the_specification_example_and_only_adds_an_owner_and_opt_outs(
    demo_content, repo_root
):
    """Comments, the objective's owner and opt-outs aside, byte for byte the example of the
    format specification (issue 2)."""
    demo = (demo_content / "airline-check-in.yml").read_text(encoding="utf-8")
    example = (repo_root / "tests/fixtures/minimal/airline.yml").read_text(encoding="utf-8")
    kept = [line for line in without_opt_outs(demo) if not line.startswith("#")]
    assert ADDED_OWNER in kept
    assert "".join(line for line in kept if line != ADDED_OWNER) == example


def test_the_demo_passes_the_quality_rules_and_every_exception_says_why(
    demo_content, repo_root, monkeypatch, capsys
):
    """`okrsite check` as the portal runs it (./mkdocs.yml, which leaves `rules` at their
    defaults) finds no OKR quality problem: each entity meets a rule or opts out of it, and every
    opt-out gives the reason its page shows."""
    assert "rules:" not in (repo_root / "mkdocs.yml").read_text(encoding="utf-8")
    monkeypatch.chdir(repo_root)
    assert main(["check", "content", "--format", "json"]) == 0
    problems = json.loads(capsys.readouterr().out)
    assert [p["message"] for p in problems if p.get("rule", "").startswith("OKR")] == []

    model = load_content(demo_content).model
    assert model is not None
    collections = [getattr(model, f.name) for f in fields(model)]
    entities = [model.north_star, *model.outcomes.values()]
    entities += [e for c in collections if isinstance(c, Mapping) for e in c.values()]
    opt_outs = [(entity.id, code, reason) for entity in entities for code, reason in entity.ignored]
    assert opt_outs, "the demo shows how an exception is written"
    assert [(entity, code) for entity, code, reason in opt_outs if not reason.strip()] == []


def test_every_file_points_editors_at_the_schema(demo_content):
    for path in content_files(demo_content):
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line.startswith(SCHEMA_LINE), path
        relative = first_line.removeprefix(SCHEMA_LINE).strip()
        folder = path.parent.relative_to(demo_content).as_posix()
        assert posixpath.normpath(posixpath.join(folder, relative)) == "okrsite.schema.json", path


def test_the_committed_schema_is_what_okrsite_schema_prints(demo_content):
    printed = subprocess.run(
        [sys.executable, "-m", "okrsite", "schema"], capture_output=True, text=True, check=True
    ).stdout
    committed = (demo_content / "okrsite.schema.json").read_text(encoding="utf-8")
    assert json.loads(printed) == json.loads(committed), "run `make schema`"


def test_the_guides_format_reference_is_what_okrsite_schema_prints(repo_root):
    printed = subprocess.run(
        [sys.executable, "-m", "okrsite", "schema", "--markdown"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    committed = (repo_root / "docs" / "guide" / "reference.md").read_text(encoding="utf-8")
    assert printed == committed, "run `make schema`"


class _EditorLoader(yaml.SafeLoader):
    """Reads dates as the strings an editor's YAML language server sees."""


_EditorLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


@pytest.fixture(scope="module")
def schema_validator(demo_content) -> Draft202012Validator:
    schema = json.loads((demo_content / "okrsite.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_every_document_satisfies_the_schema(demo_content, schema_validator):
    checked = 0
    for path in content_files(demo_content):
        for document in yaml.load_all(path.read_text(encoding="utf-8"), Loader=_EditorLoader):
            errors = [error.message for error in schema_validator.iter_errors(document)]
            assert errors == [], f"{path}: {document.get('id')}"
            checked += 1
    assert checked > 50
