"""The JSON Schema: valid draft 2020-12, accepts the example and the demo content, and agrees
with the validator on what is wrong."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from okrsite.load import load_content
from okrsite.spec.json_schema import content_schema

ROOT = Path(__file__).parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
VALIDATOR = jsonschema.Draft202012Validator(
    content_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def as_json(document: Any) -> Any:
    """What an editor sees: YAML dates are plain strings in JSON."""
    return json.loads(json.dumps(document, default=str))


def documents_in(folder: Path) -> list[tuple[str, Any]]:
    found = []
    for path in sorted([*folder.rglob("*.yml"), *folder.rglob("*.yaml")]):
        for number, document in enumerate(yaml.safe_load_all(path.read_text("utf-8"))):
            if document is not None:
                found.append((f"{path.relative_to(ROOT)}#{number}", as_json(document)))
    return found


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(content_schema())
    assert content_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_accepts_the_example() -> None:
    documents = documents_in(FIXTURE)
    assert len(documents) == 6
    for name, document in documents:
        assert list(VALIDATOR.iter_errors(document)) == [], name


def test_schema_accepts_the_demo_content() -> None:
    documents = documents_in(ROOT / "content")
    if not documents:
        pytest.skip("no demo content yet")
    for name, document in documents:
        errors = [error.message for error in VALIDATOR.iter_errors(document)]
        assert errors == [], name


BASE_OBJECTIVE = {
    "kind": "Objective",
    "id": "faster-boarding",
    "title": "Faster boarding",
    "period": "2026-Q4",
    "key_results": [{"id": "boarding-time", "title": "Board", "baseline": 30, "target": 20}],
}


@pytest.mark.parametrize(
    ("change", "validator_message"),
    [
        ({}, None),
        ({"titel": "x"}, "unknown key 'titel' in Objective (did you mean 'title'?)"),
        ({"id": "bad id"}, "`id` 'bad id' contains ' '"),
        ({"id": "index"}, "`id` 'index' is a reserved name"),
        ({"period": "2026-Q5"}, "`period` must be a period like 2026-Q4"),
        ({"period": {"start": "2026-07-01"}}, "period has no `end`"),
        ({"visibility": "secret"}, "`visibility` must be one of public, internal, confidential"),
        ({"key_results": [{"id": "k", "title": "K", "weight": 0}]}, "`weight` must be greater"),
        ({"key_results": [{"id": "k", "title": "K", "confidence": 2}]}, "`confidence` must lie"),
        ({"key_results": [{"id": "k", "title": "K", "due": "2026-02-30"}]}, "`due` must be a date"),
        ({"links": [{"title": "x", "url": "javascript:alert(1)"}]}, "`url` must start with"),
        ({"tags": "one"}, "`tags` must be a list"),
    ],
)
def test_schema_and_validator_agree(
    change: dict[str, Any], validator_message: str | None, tmp_path: Path
) -> None:
    document = {**BASE_OBJECTIVE, **change}
    schema_errors = list(VALIDATOR.iter_errors(as_json(document)))
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(FIXTURE / "airline.yml", content / "airline.yml")
    (content / "case.yml").write_text(yaml.safe_dump(document))
    messages = [p.message for p in load_content(content).problems if p.severity == "error"]
    if validator_message is None:
        assert schema_errors == []
        assert messages == []
    else:
        assert schema_errors != []
        assert any(m.startswith(validator_message) for m in messages), messages


def test_schema_rejects_unknown_kind_and_missing_id() -> None:
    assert list(VALIDATOR.iter_errors({"kind": "Objectiv", "id": "x", "title": "X"}))
    assert list(VALIDATOR.iter_errors({"kind": "Team", "title": "X"}))
