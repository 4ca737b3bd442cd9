"""Read each YAML document against its kind's record, collecting drafts of entities.

A draft is what one mapping said, already type-checked, but not yet connected to anything:
ids are not yet known to be unique and references not yet known to exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from okrsite.load.yaml_reader import Document, MarkedDict
from okrsite.model import DEFAULT_OUTCOMES
from okrsite.problems import Problem
from okrsite.spec.kinds import KINDS
from okrsite.spec.types import Located, RecordRead, Reporter, did_you_mean, shown

# The namespaces ids live in; each is unique within itself, compared case-insensitively.
NORTH_STAR = "north star"
VALUE_STREAM = "value stream"
STAGE = "stage"
CAPABILITY = "capability"
TEAM = "team"
OBJECTIVE = "objective"
KEY_RESULT = "key result"
INITIATIVE = "initiative"
OUTCOME = "outcome"

_NAMESPACE_OF_KIND = {
    "NorthStar": NORTH_STAR,
    "ValueStream": VALUE_STREAM,
    "Capability": CAPABILITY,
    "Team": TEAM,
    "Objective": OBJECTIVE,
    "Initiative": INITIATIVE,
}


@dataclass(frozen=True)
class Draft:
    """One entity as written: its namespace, what it held, and who holds it (if nested)."""

    namespace: str
    read: RecordRead
    holder: str | None = None  # key of the objective / value stream / north star holding it
    position: int = 0  # place among its siblings (stages keep their order)

    @property
    def id(self) -> str:
        return self.read.values["id"]

    @property
    def key(self) -> str:
        return self.id.lower()


def read_documents(documents: list[Document], problems: list[Problem]) -> list[Draft]:
    """Drafts of every entity with a readable id, in file order (nested ones after holders)."""
    drafts: list[Draft] = []
    for document in documents:
        reporter = Reporter(document.path, problems)
        value = document.value
        if not isinstance(value, MarkedDict):
            reporter.error(
                document.mark,
                f"a document must be a mapping with `kind:` and `id:`, not {shown(value)}",
            )
            continue
        kind = value.get("kind")
        if not isinstance(kind, str) or kind not in KINDS:  # a list or mapping is unhashable
            kinds = ", ".join(KINDS)
            if "kind" not in value:
                reporter.error(value.mark, f"document has no `kind`; add one of {kinds}")
            else:
                hint = did_you_mean(str(kind), list(KINDS))
                reporter.error(
                    value.value_marks["kind"],
                    f"unknown kind {shown(kind)}{hint}; use one of {kinds}",
                )
            continue
        read = KINDS[kind].read(value, value.mark, reporter, kind)
        if "id" not in read.values:
            continue
        draft = Draft(_NAMESPACE_OF_KIND[kind], read)
        drafts.append(draft)
        drafts.extend(_nested(draft))
    return drafts


def _nested(holder: Draft) -> list[Draft]:
    field = {NORTH_STAR: "outcomes", VALUE_STREAM: "stages", OBJECTIVE: "key_results"}.get(
        holder.namespace
    )
    namespace = {NORTH_STAR: OUTCOME, VALUE_STREAM: STAGE, OBJECTIVE: KEY_RESULT}.get(
        holder.namespace
    )
    if field is None or namespace is None:
        return []
    if holder.namespace == NORTH_STAR and field not in holder.read.where:
        at = holder.read.at
        return [
            Draft(OUTCOME, RecordRead(at, {"id": key, "title": title}, {}), holder.key, position)
            for position, (key, title) in enumerate(DEFAULT_OUTCOMES)
        ]
    items: tuple[Located, ...] = holder.read.get(field, ())
    return [
        Draft(namespace, item.value, holder.key, position)
        for position, item in enumerate(items)
        if "id" in item.value.values
    ]
