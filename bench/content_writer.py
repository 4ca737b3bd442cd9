"""Writes an org as okrsite content: YAML files organised per department and team, like a real repo.

YAML is emitted as text (not through a YAML dumper) so the files look hand-written — flow-style
check-ins, literal-block descriptions — and so size L is written in seconds. Every string that is
not obviously a plain scalar is written as a JSON string, which YAML reads as a double-quoted
scalar, so no title can change meaning.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench.org import (
    Capability,
    CheckIn,
    Initiative,
    KeyResult,
    Objective,
    Org,
    Team,
    ValueStream,
)

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.&'()/%+-]*[A-Za-z0-9.)%]\Z")
_RESERVED = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"})


def scalar(text: str) -> str:
    """A block-context YAML scalar for `text`: plain when unambiguous, else double-quoted."""
    if (
        _PLAIN.match(text)
        and ": " not in text
        and " #" not in text
        and text.lower() not in _RESERVED
    ):
        return text
    return quoted(text)


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def block(key: str, text: str, indent: str) -> list[str]:
    """`key: |` followed by the text as a literal block (Markdown keeps its line breaks)."""
    lines = [f"{indent}{key}: |"]
    lines.extend(f"{indent}  {line}" if line else "" for line in text.split("\n"))
    return lines


@dataclass(frozen=True)
class EditTarget:
    """Where the runner changes one key result's `current` (1-based line in `path`)."""

    path: str
    line: int
    key_result: str
    value: float


@dataclass(frozen=True)
class WrittenContent:
    files: int
    bytes: int
    edit: EditTarget


class _Files:
    """Collects YAML documents per file, in insertion order, as lists of lines."""

    def __init__(self) -> None:
        self.lines: dict[str, list[str]] = {}
        self.edit: tuple[str, int] | None = None

    def add(self, path: str, document: list[str], edit_line: int | None = None) -> None:
        lines = self.lines.setdefault(path, [])
        if lines:
            lines.append("---")
        if edit_line is not None:
            self.edit = (path, len(lines) + edit_line + 1)
        lines.extend(document)


def _value_stream(stream: ValueStream) -> list[str]:
    lines = ["kind: ValueStream", f"id: {stream.id}", f"title: {scalar(stream.title)}"]
    lines.extend(block("description", stream.description, ""))
    lines.append("stages:")
    for stage in stream.stages:
        lines.append(f"  - id: {stage.id}")
        lines.append(f"    title: {scalar(stage.title)}")
        lines.append(f"    description: {quoted(stage.description)}")
    return lines


def _capability(capability: Capability) -> list[str]:
    lines = ["kind: Capability", f"id: {capability.id}", f"title: {scalar(capability.title)}"]
    if capability.parent is not None:
        lines.append(f"parent: {capability.parent.id}")
    lines.append(f"owner: {scalar(capability.owner)}")
    lines.append(f"description: {quoted(capability.description)}")
    return lines


def _team(team: Team) -> list[str]:
    lines = [
        "kind: Team",
        f"id: {team.id}",
        f"title: {scalar(team.title)}",
        f"level: {team.level}",
    ]
    if team.parent is not None:
        lines.append(f"parent: {team.parent.id}")
    lines.append(f"owner: {scalar(team.owner)}")
    if team.description:
        lines.append(f"description: {quoted(team.description)}")
    return lines


def _period(period: str | tuple[date, date]) -> str:
    if isinstance(period, str):
        return period
    return f"{{start: {period[0].isoformat()}, end: {period[1].isoformat()}}}"


def _objective(objective: Objective, edit: KeyResult) -> tuple[list[str], int | None]:
    lines = ["kind: Objective", f"id: {objective.id}", f"title: {scalar(objective.title)}"]
    lines.extend(block("description", objective.description, ""))
    lines.append(f"team: {objective.team.id}")
    lines.append(f"owner: {scalar(objective.owner)}")
    if objective.parent is not None:
        lines.append(f"parent: {objective.parent.id}")
    if objective.stage is not None:
        lines.append(f"stage: {objective.stage.id}")
    lines.append(f"outcome: {objective.outcome}")
    if objective.capabilities:
        lines.append(f"capabilities: [{', '.join(c.id for c in objective.capabilities)}]")
    lines.append(f"period: {_period(objective.period)}")
    if objective.visibility != "internal":
        lines.append(f"visibility: {objective.visibility}")
    if objective.tags:
        lines.append(f"tags: [{', '.join(objective.tags)}]")
    lines.append("key_results:")
    edit_line = None
    for key_result in objective.key_results:
        if key_result is edit:
            edit_line = len(lines) + _key_result_current_offset(key_result)
        lines.extend(_key_result(key_result))
    return lines, edit_line


def _key_result_fields(key_result: KeyResult) -> list[tuple[str, str]]:
    fields = [("id", key_result.id), ("title", scalar(key_result.title))]
    if key_result.type == "milestone":
        fields.append(("type", "milestone"))
    if key_result.unit:
        fields.append(("unit", scalar(key_result.unit)))
    for name in ("baseline", "target", "current"):
        value = getattr(key_result, name)
        if value is not None:
            fields.append((name, number(value)))
    if key_result.done is not None:
        fields.append(("done", "true" if key_result.done else "false"))
    if key_result.indicator:
        fields.append(("indicator", key_result.indicator))
    if key_result.due is not None:
        fields.append(("due", key_result.due.isoformat()))
    if key_result.weight is not None:
        fields.append(("weight", number(key_result.weight)))
    if key_result.confidence is not None:
        fields.append(("confidence", number(key_result.confidence)))
    if key_result.owner:
        fields.append(("owner", scalar(key_result.owner)))
    return fields


def _key_result_current_offset(key_result: KeyResult) -> int:
    names = [name for name, _ in _key_result_fields(key_result)]
    return names.index("current")


def _checkin(checkin: CheckIn) -> str:
    parts = [f"date: {checkin.date.isoformat()}"]
    if checkin.value is not None:
        parts.append(f"value: {number(checkin.value)}")
    if checkin.done is not None:
        parts.append(f"done: {'true' if checkin.done else 'false'}")
    if checkin.confidence is not None:
        parts.append(f"confidence: {number(checkin.confidence)}")
    if checkin.note:
        parts.append(f"note: {quoted(checkin.note)}")
    return "{" + ", ".join(parts) + "}"


def _key_result(key_result: KeyResult) -> list[str]:
    fields = _key_result_fields(key_result)
    lines = [f"  - {fields[0][0]}: {fields[0][1]}"]
    lines.extend(f"    {name}: {value}" for name, value in fields[1:])
    if key_result.checkins:
        lines.append("    checkins:")
        lines.extend(f"      - {_checkin(checkin)}" for checkin in key_result.checkins)
    return lines


def _initiative(initiative: Initiative) -> list[str]:
    lines = ["kind: Initiative", f"id: {initiative.id}", f"title: {scalar(initiative.title)}"]
    if initiative.type != "initiative":
        lines.append(f"type: {initiative.type}")
    if initiative.parent is not None:
        lines.append(f"parent: {initiative.parent.id}")
    lines.append(f"status: {initiative.status}")
    if initiative.key_results:
        lines.append(f"key_results: [{', '.join(kr.id for kr in initiative.key_results)}]")
    if initiative.capabilities:
        lines.append(f"capabilities: [{', '.join(c.id for c in initiative.capabilities)}]")
    lines.append(f"owner: {scalar(initiative.owner)}")
    if initiative.start is not None:
        lines.append(f"start: {initiative.start.isoformat()}")
    if initiative.end is not None:
        lines.append(f"end: {initiative.end.isoformat()}")
    lines.append(f"description: {quoted(initiative.description)}")
    if initiative.links:
        lines.append("links:")
        for title, url in initiative.links:
            lines.append(f"  - {{title: {quoted(title)}, url: {quoted(url)}}}")
    return lines


def _root_of(capability: Capability) -> Capability:
    while capability.parent is not None:
        capability = capability.parent
    return capability


def content_files(org: Org) -> tuple[dict[str, str], EditTarget]:
    """Every content file's text by content-relative path, and where the edit target sits."""
    files = _Files()
    files.add(
        "north-star.yml",
        [
            "kind: NorthStar",
            "id: north-star",
            f"title: {scalar(org.north_star_title)}",
            *block("description", org.north_star_description, ""),
        ],
    )
    for stream in org.value_streams:
        files.add(f"value-streams/{stream.id}.yml", _value_stream(stream))
    for capability in org.capabilities:
        files.add(f"capabilities/{_root_of(capability).id}.yml", _capability(capability))
    for team in org.teams:
        files.add(team.file, _team(team))
        for objective in team.objectives:
            document, edit_line = _objective(objective, org.edit_target)
            files.add(team.file, document, edit_line)
    for initiative in org.initiatives:
        files.add(initiative.file, _initiative(initiative))
    assert files.edit is not None, "the edit target is a key result of some objective"
    path, line = files.edit
    edit = EditTarget(path, line, org.edit_target.id, float(org.edit_target.current or 0))
    texts = {path: "\n".join(lines) + "\n" for path, lines in files.lines.items()}
    return texts, edit


def write_content(org: Org, content_dir: Path) -> WrittenContent:
    texts, edit = content_files(org)
    total = 0
    for relative, text in texts.items():
        path = content_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return WrittenContent(len(texts), total, edit)
