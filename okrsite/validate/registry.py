"""Who is who: every id and alias per namespace, duplicates reported, references resolved.

Ids and aliases share one namespace per kind and are compared lowercased, because they become
URL segments and file names on case-insensitive file systems.
"""

from __future__ import annotations

from okrsite.model import Location
from okrsite.problems import Problem, error, warning
from okrsite.spec.types import Located, did_you_mean
from okrsite.validate.documents import Draft

_KIND_TO_DEFINE = {
    "north star": "NorthStar",
    "value stream": "ValueStream",
    "stage": "a stage in a ValueStream's `stages`",
    "capability": "Capability",
    "team": "Team",
    "objective": "Objective",
    "key result": "a key result in an Objective's `key_results`",
    "initiative": "Initiative",
    "outcome": "an outcome in the NorthStar's `outcomes`",
}


class Registry:
    """Drafts by namespace and key, first one wins; aliases map former keys to current ones."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.drafts: dict[str, dict[str, Draft]] = {}
        self.aliases: dict[str, dict[str, str]] = {}
        self._claimed: dict[str, dict[str, tuple[str, Location]]] = {}  # key -> (spelling, where)

    def add(self, draft: Draft) -> bool:
        """Register a draft's id and aliases; False (and an error) if its id is taken."""
        claimed = self._claimed.setdefault(draft.namespace, {})
        where = draft.read.location("id")
        if not self._claim(claimed, draft.namespace, draft.id, where, "id"):
            return False
        self.drafts.setdefault(draft.namespace, {})[draft.key] = draft
        aliases: tuple[Located, ...] = draft.read.get("aliases", ())
        for alias in aliases:
            if alias.value.lower() == draft.key:
                self.problems.append(
                    error(alias.at, f"alias '{alias.value}' is the id itself; remove it")
                )
            elif self._claim(claimed, draft.namespace, alias.value, alias.at, "alias"):
                self.aliases.setdefault(draft.namespace, {})[alias.value.lower()] = draft.key
        return True

    def _claim(
        self,
        claimed: dict[str, tuple[str, Location]],
        namespace: str,
        name: str,
        where: Location,
        what: str,
    ) -> bool:
        key = name.lower()
        if key in claimed:
            spelling, first = claimed[key]
            self.problems.append(
                error(
                    where,
                    f"duplicate {namespace} {what} '{name}': '{spelling}' is already used at "
                    f"{first}; {namespace} ids and aliases must be unique "
                    "(compared case-insensitively)",
                )
            )
            return False
        claimed[key] = (name, where)
        return True

    def keys(self, namespace: str) -> dict[str, Draft]:
        return self.drafts.get(namespace, {})

    def resolve(self, namespace: str, name: str, where: Location) -> str | None:
        """The key a reference names (following aliases), or None after an error."""
        key = name.lower()
        if key in self.keys(namespace):
            return key
        current = self.aliases.get(namespace, {}).get(key)
        if current is not None:
            spelling = self.keys(namespace)[current].id
            self.problems.append(
                warning(
                    where,
                    f"'{name}' is a former id of {namespace} '{spelling}'; write '{spelling}'",
                )
            )
            return current
        known = [draft.id for draft in self.keys(namespace).values()]
        hint = did_you_mean(name, known)
        self.problems.append(
            error(
                where,
                f"no {namespace} has the id '{name}'{hint}; "
                f"fix the reference or define it ({_KIND_TO_DEFINE[namespace]})",
            )
        )
        return None
