"""What one historical version of a content file says: key-result values and entity fingerprints.

Past versions were never validated, so this reads only what history needs (kinds, ids, `current`,
`done`) with a plain walk over the parsed YAML, skipping anything that does not fit. It is much
faster than the full loader, which keeps positions for error messages history never prints.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class Measure:
    """What a key result said at one version: `current` (metrics) and `done` (milestones)."""

    value: float | None
    done: bool | None


@dataclass(frozen=True, slots=True)
class Snapshot:
    measures: Mapping[str, Measure]  # key-result key → its values in this version
    fingerprints: Mapping[EntityRef, str]  # entity → its written form, to see what changed


class BrokenVersion(ValueError):
    """This version of the file is not readable YAML (it may have been fixed later)."""


DOCUMENT_START = re.compile(rb"^(?=---(?:[ \t\r\n]|$))", re.MULTILINE)

Found = tuple[EntityRef, str, Measure | None]  # an entity, its fingerprint, its values


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
        for part in DOCUMENT_START.split(content):
            for ref, fingerprint, measure in self.entities_of(part):
                fingerprints[ref] = fingerprint
                if measure is not None:
                    measures[ref[1]] = measure
        return Snapshot(measures, fingerprints)

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
    return Measure(
        value=finite_number(key_result.get("current")),
        done=done if isinstance(done, bool) else None,
    )


def finite_number(value: Any) -> float | None:
    """A number a past version wrote, or None for text, booleans, NaN, infinities, huge ints."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None
