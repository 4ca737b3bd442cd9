"""Walking the `parent` trees (capabilities, teams, initiatives, objectives) for display."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def ancestors(key: str, parent_of: Mapping[str, str | None]) -> list[str]:
    """From the root down to the direct parent of `key` (validated content has no cycles)."""
    chain: list[str] = []
    parent = parent_of.get(key)
    while parent is not None and parent not in chain:
        chain.append(parent)
        parent = parent_of.get(parent)
    return chain[::-1]


def depth_first(
    roots: Iterable[str], children: Mapping[str, tuple[str, ...]], depth: int = 0
) -> list[tuple[str, int]]:
    """Each key with its depth, parents before children, siblings in model order."""
    rows: list[tuple[str, int]] = []
    for root in roots:
        rows.append((root, depth))
        rows.extend(depth_first(children.get(root, ()), children, depth + 1))
    return rows


def roots(parent_of: Mapping[str, str | None]) -> list[str]:
    """Keys whose parent is missing (or not published), in model order."""
    return [key for key, parent in parent_of.items() if parent is None or parent not in parent_of]
