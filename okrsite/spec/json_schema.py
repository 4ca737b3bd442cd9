"""The JSON Schema (draft 2020-12) of one content document, generated from `spec.kinds`.

Editors apply it to every `---` document of a file (yaml-language-server), so it describes one
document: `kind` selects which kind's keys apply.
"""

from __future__ import annotations

import json
from typing import Any

from okrsite.spec.kinds import KINDS

SCHEMA_ID = "https://okrsite.dev/schema/content-v1.json"


def content_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "okrsite content document (format version 1)",
        "description": "One YAML document of an okrsite content directory; `kind` says what it is.",
        "type": "object",
        "required": ["kind", "id", "title"],
        "properties": {"kind": {"enum": list(KINDS)}},
        "allOf": [
            {
                "if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
                "then": {"$ref": f"#/$defs/{name}"},
            }
            for name in KINDS
        ],
        "$defs": {name: record.json_schema() for name, record in KINDS.items()},
    }


def content_schema_text() -> str:
    """The schema as stable, readable JSON (sorted keys, so output never churns)."""
    return json.dumps(content_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
