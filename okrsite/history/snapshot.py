"""What one historical version of a content file says: key-result values, goalposts and entity
fingerprints.

Past versions were never validated, so this reads only what history needs (kinds, ids, `current`,
`done`, `status`, the goalposts and their explanations) with a plain walk over the parsed YAML,
skipping anything that does not fit. It is much faster than the full loader, which keeps
positions for error messages history never prints.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from okrsite.load.nesting import MAX_NESTING, too_deep_at
from okrsite.urls import Kind

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

KINDS = {
    "northstar": Kind.NORTH_STAR,
    "valuestream": Kind.VALUE_STREAM,
    "capability": Kind.CAPABILITY,
    "team": Kind.TEAM,
    "objective": Kind.OBJECTIVE,
    "initiative": Kind.INITIATIVE,
}
NESTED = {
    Kind.VALUE_STREAM: ("stages", Kind.STAGE),
    Kind.OBJECTIVE: ("key_results", Kind.KEY_RESULT),
}

EntityRef = tuple[Kind, str]  # (kind, lowercased id)


# What a key result is measured against, and an objective's window: a change of one of these
# after the window opened is a moved goalpost (compute/signals.py).
KEY_RESULT_GOALPOSTS = ("baseline", "target", "unit", "type", "due")
OBJECTIVE_GOALPOSTS = ("period",)
GOALPOSTS = {Kind.KEY_RESULT: KEY_RESULT_GOALPOSTS, Kind.OBJECTIVE: OBJECTIVE_GOALPOSTS}

Written = float | str | None  # a goalpost as written: a number, or its text (dates, periods)


@dataclass(frozen=True, slots=True)
class Measure:
    """What a key result said at one version: `current` (metrics), `done` (milestones) and a
    `status` override, whose change counts as a check-in too."""

    value: float | None
    done: bool | None
    status: str | None = None


@dataclass(frozen=True, slots=True)
class Goalposts:
    """An entity's goalposts at one version, and the explanations written beside them (check-in
    notes and `rebaselined` reasons): a commit that adds an explanation explains its moves."""

    values: tuple[Written, ...]  # in the order of GOALPOSTS[kind]
    explanations: frozenset[str]


@dataclass(frozen=True, slots=True)
class Snapshot:
    measures: Mapping[str, Measure]  # key-result key → its values in this version
    fingerprints: Mapping[EntityRef, str]  # entity → its written form, to see what changed
    goalposts: Mapping[EntityRef, Goalposts]  # key results and objectives


class BrokenVersion(ValueError):
    """This version of the file is not readable YAML (it may have been fixed later)."""


DOCUMENT_START = re.compile(rb"^(?=---(?:[ \t\r\n]|$))", re.MULTILINE)

# an entity, its fingerprint, its values (key results) and goalposts (key results, objectives)
Found = tuple[EntityRef, str, Measure | None, Goalposts | None]


class SnapshotReader:
    """Reads file versions, parsing each distinct YAML document once.

    A commit usually edits one document of a many-document file; the others come from the cache,
    which is what makes long histories of big files cheap. A `---` at the start of a line begins
    a new document, so the file is split there and each part parsed on its own.
    """

    def __init__(self) -> None:
        self.parts: dict[bytes, list[Found]] = {}

    def read(self, content: bytes) -> Snapshot:
        measures: dict[str, Measure] = {}
        fingerprints: dict[EntityRef, str] = {}
        goalposts: dict[EntityRef, Goalposts] = {}
        for part in DOCUMENT_START.split(content):
            for ref, fingerprint, measure, posts in self.entities_of(part):
                fingerprints[ref] = fingerprint
                if measure is not None:
                    measures[ref[1]] = measure
                if posts is not None:
                    goalposts[ref] = posts
        return Snapshot(measures, fingerprints, goalposts)

    def entities_of(self, part: bytes) -> list[Found]:
        if part not in self.parts:
            if too_deep_at(part) is not None:
                raise BrokenVersion(f"nested deeper than {MAX_NESTING} levels")
            try:
                documents = list(yaml.load_all(part.decode("utf-8-sig"), Loader=SafeLoader))
            except (UnicodeDecodeError, ValueError, RecursionError, yaml.YAMLError) as failure:
                raise BrokenVersion(str(failure)) from None
            self.parts[part] = [
                (
                    (kind, key),
                    repr(written),
                    measure_of(written) if kind is Kind.KEY_RESULT else None,
                    goalposts_of(written, GOALPOSTS[kind]) if kind in GOALPOSTS else None,
                )
                for document in documents
                for kind, key, written in entities(document)
            ]
        return self.parts[part]


def entities(document: Any) -> Iterator[tuple[Kind, str, Mapping[str, Any]]]:
    """Each entity a document writes (nested stages and key results too), with its mapping."""
    if not isinstance(document, dict):
        return
    kind = KINDS.get(str(document.get("kind", "")).lower())
    key = key_of(document)
    if kind is None or key is None:
        return
    yield kind, key, document
    if kind in NESTED:
        field, nested_kind = NESTED[kind]
        nested = document.get(field)
        for item in nested if isinstance(nested, list) else ():
            nested_key = key_of(item) if isinstance(item, dict) else None
            if nested_key is not None:
                yield nested_kind, nested_key, item


def key_of(mapping: Mapping[str, Any]) -> str | None:
    written = mapping.get("id")
    if isinstance(written, bool) or not isinstance(written, str | int):
        return None
    return str(written).lower()


def measure_of(key_result: Mapping[str, Any]) -> Measure:
    done = key_result.get("done")
    status = key_result.get("status")
    return Measure(
        value=finite_number(key_result.get("current")),
        done=done if isinstance(done, bool) else None,
        status=status if isinstance(status, str) else None,
    )


def goalposts_of(entity: Mapping[str, Any], names: tuple[str, ...]) -> Goalposts:
    return Goalposts(
        tuple(written(entity.get(name)) for name in names), frozenset(explanations(entity))
    )


def written(value: Any) -> Written:
    """A goalpost comparable across versions: `80` and `80.0` are the same target; a date is
    `2026-10-12`, a period its name (`2026-Q4`) or `2026-07-01..2026-12-31`."""
    if value is None:
        return None
    number = finite_number(value)
    if number is not None:
        return number
    if isinstance(value, dict):
        return f"{written(value.get('start'))}..{written(value.get('end'))}"
    return value.isoformat() if isinstance(value, date) else str(value)


def explanations(entity: Mapping[str, Any]) -> Iterator[str]:
    """Each check-in note and `rebaselined` reason written on the entity, dated."""
    for field, text in (("checkins", "note"), ("rebaselined", "reason")):
        entries = entity.get(field)
        for entry in entries if isinstance(entries, list) else ():
            if isinstance(entry, dict) and isinstance(entry.get(text), str) and entry[text].strip():
                yield f"{entry.get('date')}\0{entry[text]}"


def finite_number(value: Any) -> float | None:
    """A number a past version wrote, or None for text, booleans, NaN, infinities, huge ints."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None
