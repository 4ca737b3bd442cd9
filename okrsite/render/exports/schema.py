"""The JSON Schema (draft 2020-12) of `okrs.json`, published beside it as `okrs.schema.json`.

It documents the export for the tools that read it (every property has a description) and
pins its shape for ours: the tests validate every export against it, with no extra keys
allowed, so the document and its schema cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from okrsite.compute.grades import Band, CycleState
from okrsite.compute.health import HealthState
from okrsite.compute.signals import SignalKind
from okrsite.model import (
    INDICATORS,
    Ambition,
    InitiativeStatus,
    InitiativeType,
    KeyResultType,
    Status,
    TeamLevel,
    Visibility,
)

EXPORT_SCHEMA_ID = "https://okrsite.dev/schema/okrs-export-v1.json"

Schema = dict[str, Any]


def _text(description: str) -> Schema:
    return {"type": "string", "description": description}


def _optional(schema: Schema) -> Schema:
    kind = schema.get("type")
    if kind is not None:
        return {**schema, "type": [kind, "null"]}
    return {"anyOf": [schema, {"type": "null"}], "description": schema.get("description", "")}


def _ids(description: str) -> Schema:
    return {"type": "array", "items": {"type": "string"}, "description": description}


def _date(description: str) -> Schema:
    return {"type": "string", "format": "date", "description": description}


def _share(description: str) -> Schema:
    return {"type": ["number", "null"], "minimum": 0, "maximum": 1, "description": description}


def _enum(values: list[str], description: str) -> Schema:
    return {"enum": values, "description": description}


_SCORE: Schema = {
    "progress": _share(
        "How far it has come, 0–1, rounded to 4 decimals; null when nothing can be measured."
    ),
    "expected": _share(
        "Where it should be by as_of (elapsed share of its period), 0–1; null without a period."
    ),
    "status": _enum([s.value for s in Status], "Progress judged against the expected line."),
}

_COMMON: Schema = {
    "id": _text("The id as written; URLs use it lowercased."),
    "title": _text("Human-readable name."),
    "url": _text("Its page: absolute when the site sets site_url, else relative to the site root."),
    "description": _text("Markdown description, as written."),
    "tags": _ids("Tags, as written."),
    "aliases": _ids("Former ids; their old URLs redirect to this page."),
    "links": {
        "type": "array",
        "description": "Related links.",
        "items": {
            "type": "object",
            "required": ["title", "url"],
            "additionalProperties": False,
            "properties": {"title": {"type": "string"}, "url": {"type": "string"}},
        },
    },
}


def _entity(description: str, properties: Schema, scored: bool = True) -> Schema:
    every = {**_COMMON, **properties, **(_SCORE if scored else {})}
    return {
        "type": "object",
        "description": description,
        "required": list(every),
        "additionalProperties": False,
        "properties": every,
    }


def _list_of(definition: str, description: str) -> Schema:
    return {"type": "array", "items": {"$ref": f"#/$defs/{definition}"}, "description": description}


_NUMBER = {"type": ["number", "null"]}
_CYCLE: Schema = {
    "id": _text("2026-q3, 2026-h2, 2026, 2026-09; fy2027-q1 for a fiscal year."),
    "title": _text("2026 Q3, FY2027 Q1, September 2026."),
    "start": _date("First day."),
    "end": _date("Last day."),
    "state": _enum([s.value for s in CycleState], "Closed, the current one, or later."),
    "url": _text("The cycle's page: absolute when the site sets site_url, else site-relative."),
    "badge": _text("The cycle's SVG badge (a .json beside it is its shields.io endpoint)."),
    "objectives": {"type": "integer", "minimum": 0, "description": "How many belong to it."},
    "progress": _share("The current cycle's north-star progress so far; null otherwise."),
    "grade": _share("A closed cycle's mean grade; null otherwise."),
    "bands": {
        "type": ["object", "null"],
        "description": "A closed cycle's objectives met, partly met and missed; null otherwise.",
        "additionalProperties": {"type": "integer", "minimum": 0},
    },
}


def export_schema() -> Schema:
    person = _optional(_text("Who owns it (free text)."))
    definitions: Schema = {
        "north_star": _entity(
            "The one north star everything serves; its numbers roll up every objective.",
            {
                "outcomes": {
                    "type": "array",
                    "description": "Outcome categories of the north star, with roll-ups.",
                    "items": {
                        "type": "object",
                        "required": ["id", "title", "description", *_SCORE],
                        "additionalProperties": False,
                        "properties": {
                            "id": _text("Outcome id."),
                            "title": _text("Outcome name."),
                            "description": _text("Outcome description."),
                            **_SCORE,
                        },
                    },
                }
            },
        ),
        "value_stream": _entity(
            "A value stream: stages in order; numbers roll up its stages' objectives.",
            {"stages": _ids("Stage ids, in order.")},
        ),
        "stage": _entity(
            "A stage of a value stream; numbers roll up its objectives.",
            {
                "value_stream": _text("Id of its value stream."),
                "position": {"type": "integer", "minimum": 0, "description": "0-based order."},
            },
        ),
        "capability": _entity(
            "A capability; numbers roll up the objectives that build it.",
            {"parent": _optional(_text("Id of the parent capability.")), "owner": person},
        ),
        "team": _entity(
            "A team; numbers roll up its objectives.",
            {
                "level": _enum([level.value for level in TeamLevel], "Level in the org."),
                "parent": _optional(_text("Id of the parent team.")),
                "owner": person,
            },
        ),
        "objective": _entity(
            "An objective; progress is the weighted mean of its key results.",
            {
                "stage": _optional(_text("Id of its stage.")),
                "capabilities": _ids("Ids of the capabilities it builds."),
                "outcome": _optional(_text("Id of the north-star outcome it serves.")),
                "team": _optional(_text("Id of the team that owns it.")),
                "owner": person,
                "parent": _optional(_text("Id of the objective it contributes to.")),
                "period": {
                    "type": ["object", "null"],
                    "description": "The period it runs over (both ends inclusive).",
                    "required": ["label", "start", "end"],
                    "additionalProperties": False,
                    "properties": {
                        "label": _text("As written, e.g. 2026-Q4."),
                        "start": _date("First day."),
                        "end": _date("Last day."),
                    },
                },
                "visibility": _enum([v.value for v in Visibility], "Who may see it."),
                "key_results": _ids("Ids of its key results, in written order."),
                "ambition": _enum(
                    [a.value for a in Ambition],
                    "committed (met at a grade of 1.0) or aspirational (met earlier).",
                ),
                "retrospective": _text("Markdown: what was learned, as written."),
                "cycles": _ids("Ids of the cycles it belongs to (those its period overlaps)."),
                "grades": {
                    "type": "object",
                    "description": "Its grade in each closed cycle it belongs to, by cycle id.",
                    "additionalProperties": {
                        "type": "object",
                        "required": ["grade", "band"],
                        "additionalProperties": False,
                        "properties": {
                            "grade": _share("Progress on the cycle's last day, 0–1."),
                            "band": {"enum": [*(b.value for b in Band), None]},
                        },
                    },
                },
            },
        ),
        "cycle": {
            "type": "object",
            "description": "An OKR cycle (quarter, half, year or month).",
            "required": list(_CYCLE),
            "additionalProperties": False,
            "properties": _CYCLE,
        },
        "key_result": _entity(
            "A key result; progress is the share of the way from baseline to target.",
            {
                "objective": _text("Id of its objective."),
                "type": _enum([t.value for t in KeyResultType], "Metric or milestone."),
                "unit": _text("Unit of baseline, current and target."),
                "baseline": {**_NUMBER, "description": "Starting value (metrics)."},
                "target": {**_NUMBER, "description": "Target value (metrics)."},
                "current": {
                    **_NUMBER,
                    "description": "Value as of as_of: `current`, else the latest check-in, "
                    "else the baseline (metrics; null for milestones).",
                },
                "done": {
                    "type": ["boolean", "null"],
                    "description": "Whether the milestone is done as of as_of (null for metrics).",
                },
                "indicator": _optional(_enum(list(INDICATORS), "What kind of indicator it is.")),
                "due": _optional(_date("Due date within the objective's period.")),
                "keep_above": {
                    **_NUMBER,
                    "description": "Health metrics: the value must stay at or above this.",
                },
                "keep_below": {
                    **_NUMBER,
                    "description": "Health metrics: the value must stay at or below this.",
                },
                "health": _optional(
                    {
                        "type": "object",
                        "description": "A health metric's state (null for key results that "
                        "count as progress; a health metric's progress is always null).",
                        "required": ["state", "value", "breach"],
                        "additionalProperties": False,
                        "properties": {
                            "state": _enum([s.value for s in HealthState], "Within bounds?"),
                            "value": _NUMBER,
                            "breach": _optional(
                                _date(
                                    "Breached: the first day of the breach that lasts; "
                                    "healthy: the last day outside the bounds (null: never)."
                                )
                            ),
                        },
                    }
                ),
                "weight": {"type": "number", "description": "Weight in the objective's mean."},
                "confidence": {**_NUMBER, "description": "Owner's confidence, 0–1."},
                "owner": person,
                "checkins": {
                    "type": "array",
                    "description": "Check-ins up to as_of, oldest first.",
                    "items": {
                        "type": "object",
                        "required": ["date", "value", "done", "confidence", "note"],
                        "additionalProperties": False,
                        "properties": {
                            "date": _date("Day of the check-in."),
                            "value": _NUMBER,
                            "done": {"type": ["boolean", "null"]},
                            "confidence": _NUMBER,
                            "note": {"type": "string"},
                        },
                    },
                },
                "rebaselined": {
                    "type": "array",
                    "description": "Goalposts moved on purpose, each with why.",
                    "items": {
                        "type": "object",
                        "required": ["date", "reason"],
                        "additionalProperties": False,
                        "properties": {
                            "date": _date("Day the goalpost was moved."),
                            "reason": {"type": "string"},
                        },
                    },
                },
                "signals": {
                    "type": "array",
                    "description": "Honest signals as of as_of: moved goalposts, stale "
                    "check-ins, low or falling confidence (markers, not statuses).",
                    "items": {
                        "type": "object",
                        "required": ["kind", "since", "detail", "explanation"],
                        "additionalProperties": False,
                        "properties": {
                            "kind": _enum([k.value for k in SignalKind], "What the signal is."),
                            "since": _optional(_date("Day the signal began.")),
                            "detail": {"type": "string", "description": "One sentence."},
                            "explanation": _optional(
                                _text("A moved goalpost's reason, if one was given.")
                            ),
                        },
                    },
                },
            },
        ),
        "initiative": _entity(
            "Work that moves key results; it has a status of its own but no progress.",
            {
                "type": _enum([t.value for t in InitiativeType], "Initiative, epic, feature…"),
                "parent": _optional(_text("Id of the parent initiative.")),
                "status": _enum([s.value for s in InitiativeStatus], "Delivery status."),
                "key_results": _ids("Ids of the key results it moves."),
                "capabilities": _ids("Ids of the capabilities it builds."),
                "owner": person,
                "start": _optional(_date("Planned start.")),
                "end": _optional(_date("Planned end.")),
            },
            scored=False,
        ),
    }
    top: Schema = {
        "as_of": _date("The date every number is computed at."),
        "north_star": {"$ref": "#/$defs/north_star"},
        "cycle": _text(
            "Id of the current cycle, the one holding as_of; roll-ups count its objectives."
        ),
        "cycles": _list_of("cycle", "Every cycle some objective belongs to, and the current one."),
        "value_streams": _list_of("value_stream", "Value streams, by id."),
        "stages": _list_of("stage", "Stages, by id."),
        "capabilities": _list_of("capability", "Capabilities, by id."),
        "teams": _list_of("team", "Teams, by id."),
        "objectives": _list_of("objective", "Published objectives, by id."),
        "key_results": _list_of("key_result", "Key results of published objectives, by id."),
        "initiatives": _list_of("initiative", "Initiatives serving published key results."),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": EXPORT_SCHEMA_ID,
        "title": "okrsite export (okrs.json), version 1",
        "description": "The published OKRs of one okrsite build with computed progress and "
        "status. References between entities are by id; only what the build publishes appears.",
        "type": "object",
        "required": list(top),
        "additionalProperties": False,
        "properties": top,
        "$defs": definitions,
    }
