"""Every YAML example in the README and the guide is right: content examples validate against
the content format's JSON Schema (a key-results excerpt as part of an objective), a whole
portal loads without a problem, the okrsite entries of `mkdocs.yml` examples are settings
okrsite accepts, and everything else is YAML."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from okrsite.load import load_content
from okrsite.settings import read_settings
from okrsite.spec.json_schema import content_schema

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs" / "guide").glob("*.md"))]
BLOCK = re.compile(r"^```ya?ml\n(.*?)^```", re.S | re.M)
VALIDATOR = Draft202012Validator(
    content_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
)


class EditorLoader(yaml.SafeLoader):
    """Reads dates as the strings an editor's YAML language server checks against the schema."""


EditorLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)
A_PLACE = {"kind": "Objective", "id": "example", "title": "An objective the excerpt belongs to"}


def examples() -> list[Any]:
    found = []
    for page in PAGES:
        text = page.read_text("utf-8")
        for match in BLOCK.finditer(text):
            line = text[: match.start()].count("\n") + 2
            found.append(pytest.param(match.group(1), id=f"{page.relative_to(ROOT)}:{line}"))
    return found


def content_errors(document: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(document)]


@pytest.mark.parametrize("example", examples())
def test_every_yaml_example_is_right(example: str, tmp_path: Path) -> None:
    documents = [d for d in yaml.load_all(example, EditorLoader) if d is not None]
    for document in documents:
        if isinstance(document, list):  # an excerpt of an objective's key results
            assert content_errors({**A_PLACE, "key_results": document}) == []
        elif "kind" in document:
            assert content_errors(document) == []
        elif "key_results" in document:
            assert content_errors({**A_PLACE, **document}) == []
        elif "plugins" in document:
            entries = [p["okrsite"] for p in document["plugins"] if isinstance(p, dict)]
            for entry in entries:
                read_settings(entry or {}, base_dir=tmp_path)  # raises on a bad setting
    if any(isinstance(d, dict) and d.get("kind") == "NorthStar" for d in documents):
        (tmp_path / "okrs.yml").write_text(example, "utf-8")  # a whole portal: it loads
        loaded = load_content(tmp_path)
        assert loaded.model is not None and loaded.problems == [], loaded.problems


def test_the_examples_are_found() -> None:
    assert len(examples()) >= 8
