"""The content format, version 1: every kind of document and every key it may hold.

The validator reads documents with these records and `okrsite schema` publishes them as JSON
Schema; this file is the single description of the format.
"""

from __future__ import annotations

from enum import StrEnum

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
from okrsite.quality.rules import RULES
from okrsite.spec.types import (
    Bool,
    Choice,
    Date,
    Field,
    Id,
    ListOf,
    Number,
    OptOut,
    PeriodType,
    Record,
    Ref,
    Text,
    Url,
)


def _values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


LINK = Record(
    "link",
    (
        Field("title", Text(), "the text shown for the link", required=True),
        Field("url", Url(), "the address (https://…)", required=True),
    ),
)


RULE_CODES = tuple(rule.code for rule in RULES)
OPT_OUT = OptOut(
    Record(
        "rule opt-out",
        (
            Field(
                "rule", Choice(RULE_CODES), "the quality rule's code, like OKR104", required=True
            ),
            Field("reason", Text(), "why this entity is an exception, shown on its page"),
        ),
    )
)


def _common(what: str) -> tuple[Field, ...]:
    """Keys every kind shares."""
    return (
        Field(
            "id",
            Id(),
            f"an id for the {what}: letters, digits, '.', '_', '-'; used lowercased in URLs",
            required=True,
        ),
        Field("title", Text(), f"a title for the {what}", required=True),
        Field("description", Text(markdown=True), "a longer description (Markdown)"),
        Field("tags", ListOf(Text(), unique=True), "free-form tags"),
        Field("links", ListOf(LINK), "related links, each {title, url}"),
        Field(
            "aliases",
            ListOf(Id(), unique=True),
            "former ids: their old URLs keep working and references to them still resolve",
        ),
        Field(
            "ignore",
            ListOf(OPT_OUT),
            "quality rules this entity is an exception to, each a code (OKR104) or "
            "{rule, reason}; shown on its page",
        ),
    )


COMMON_KEYS = _common("entity")  # as the reference documents them once


def _kind(name: str, what: str, *fields: Field, description: str = "") -> Record:
    kind = Field("kind", Choice((name,)), f"always {name}", required=True)
    return Record(name, (kind, *_common(what), *fields), description)


OUTCOME = Record(
    "outcome",
    _common("outcome")[:3],
    "An outcome category objectives contribute to.",
)
STAGE = Record("stage", _common("stage")[:3], "A step of a value stream, in order.")
SPAN = Record(
    "period",
    (
        Field("start", Date(), "the first day, like 2026-07-01", required=True),
        Field("end", Date(), "the last day, like 2026-12-31", required=True),
    ),
)
PERIOD = PeriodType(SPAN)
CHECKIN = Record(
    "check-in",
    (
        Field("date", Date(), "the day of the check-in, like 2026-08-01", required=True),
        Field("value", Number(), "the measured value (metric key results)"),
        Field("done", Bool(), "whether the milestone is reached (milestone key results)"),
        Field("confidence", Number(fraction=True), "confidence of reaching the target, 0–1"),
        Field("note", Text(markdown=True), "what happened (Markdown)"),
    ),
)
REBASELINE = Record(
    "rebaseline",
    (
        Field("date", Date(), "the day the goalpost was moved, like 2026-10-12", required=True),
        Field("reason", Text(), "why it was moved, for readers of the portal", required=True),
    ),
    "A goalpost moved on purpose: the change is shown with its reason, not warned about.",
)
_REBASELINED = Field(
    "rebaselined", ListOf(REBASELINE), "goalposts moved on purpose, each {date, reason}"
)
_STATUS = Choice(tuple(s for s in _values(Status) if s != Status.UNKNOWN))
KEY_RESULT = Record(
    "key result",
    (
        *_common("key result"),
        Field(
            "type",
            Choice(_values(KeyResultType)),
            "metric (default), milestone or health (kept in bounds)",
        ),
        Field("unit", Text(), "the unit of baseline, target and current, like min or %"),
        Field("baseline", Number(), "the value at the start (metric key results)"),
        Field("target", Number(), "the value to reach (metric key results)"),
        Field("current", Number(), "the latest value, if not given by check-ins"),
        Field("done", Bool(), "whether the milestone is reached (milestone key results)"),
        Field("indicator", Choice(INDICATORS), "what kind of change it measures"),
        Field("due", Date(), "the day it is due, ending its window early"),
        Field("keep_above", Number(), "health metrics: the value must stay at or above this"),
        Field("keep_below", Number(), "health metrics: the value must stay at or below this"),
        Field("weight", Number(positive=True), "weight in the objective's progress (default 1)"),
        Field("confidence", Number(fraction=True), "confidence of reaching the target, 0–1"),
        Field("owner", Text(), "who owns it"),
        Field("status", _STATUS, "a status that overrides the computed one"),
        Field("checkins", ListOf(CHECKIN), "measurements over time, oldest first"),
        _REBASELINED,
    ),
)

NORTH_STAR = _kind(
    "NorthStar",
    "north star",
    Field(
        "outcomes",
        ListOf(OUTCOME),
        "outcome categories; default customer, operational, financial, strategic",
    ),
    description="The one goal everything rolls up to; exactly one in the content.",
)
VALUE_STREAM = _kind(
    "ValueStream",
    "value stream",
    Field("stages", ListOf(STAGE), "the stages, in order; stage ids are unique across streams"),
)
CAPABILITY = _kind(
    "Capability",
    "capability",
    Field("parent", Ref("capability"), "the capability this one is part of"),
    Field("owner", Text(), "who owns it"),
)
TEAM = _kind(
    "Team",
    "team",
    Field("level", Choice(_values(TeamLevel)), "company, department, team or individual"),
    Field("parent", Ref("team"), "the team this one belongs to"),
    Field("owner", Text(), "who leads it"),
)
OBJECTIVE = _kind(
    "Objective",
    "objective",
    Field("stage", Ref("stage"), "the value-stream stage it improves"),
    Field("capabilities", ListOf(Ref("capability"), unique=True), "capabilities it builds"),
    Field("outcome", Ref("outcome"), "the north-star outcome it serves"),
    Field("team", Ref("team"), "the team that owns it"),
    Field("owner", Text(), "who owns it"),
    Field("parent", Ref("objective"), "the objective it aligns to, up the cascade"),
    Field("period", PERIOD, "when it runs: 2026-Q4, 2026-H1, 2026-03, 2026 or {start, end}"),
    Field("status", _STATUS, "a status that overrides the computed one"),
    Field("visibility", Choice(_values(Visibility)), "who may see it (default internal)"),
    Field("key_results", ListOf(KEY_RESULT), "its key results"),
    Field("ambition", Choice(_values(Ambition)), "committed (default, met at 1.0) or aspirational"),
    Field("retrospective", Text(), "what was learned, in Markdown, once its cycle is graded"),
    _REBASELINED,
)
INITIATIVE = _kind(
    "Initiative",
    "initiative",
    Field("type", Choice(_values(InitiativeType)), "initiative (default), epic, feature, story"),
    Field("parent", Ref("initiative"), "the initiative this one is part of"),
    Field("status", Choice(_values(InitiativeStatus)), "planned (default), in-progress, …"),
    Field(
        "key_results",
        ListOf(Ref("key result"), unique=True),
        "ids of the key results it supports (at least one unless it has a parent)",
    ),
    Field("capabilities", ListOf(Ref("capability"), unique=True), "capabilities it builds"),
    Field("owner", Text(), "who owns it"),
    Field("start", Date(), "the day work starts"),
    Field("end", Date(), "the day work ends"),
)

KINDS: dict[str, Record] = {
    record.title: record
    for record in (NORTH_STAR, VALUE_STREAM, CAPABILITY, TEAM, OBJECTIVE, INITIATIVE)
}
