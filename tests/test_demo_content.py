"""The demo content: the portal `make serve` shows and the example users copy from.

It must validate without a warning, contain the format specification's check-in example
exactly, and agree with the JSON Schema its files point editors at.
"""

from __future__ import annotations

import json
import posixpath
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from okrsite.load import load_content

SCHEMA_LINE = "# yaml-language-server: $schema="


def content_files(demo_content: Path) -> list[Path]:
    return sorted(p for p in demo_content.rglob("*") if p.suffix in {".yml", ".yaml"})


def test_demo_content_validates_without_problems(demo_content):
    assert [str(problem) for problem in load_content(demo_content).problems] == []


def test_demo_content_holds_the_specification_example_exactly(demo_content, repo_root):
    """Comments aside, byte for byte the example of the format specification (issue 2)."""
    demo = (demo_content / "airline-check-in.yml").read_text(encoding="utf-8")
    example = (repo_root / "tests/fixtures/minimal/airline.yml").read_text(encoding="utf-8")
    assert "".join(line for line in demo.splitlines(True) if not line.startswith("#")) == example


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
