"""What loading and rendering a portal hands to a site engine, whether fresh or from the cache."""

from __future__ import annotations

from dataclasses import dataclass

from okrsite.artifacts import Artifact
from okrsite.problems import Problem
from okrsite.render.pages import NavEntry


@dataclass(frozen=True)
class PortalFiles:
    artifacts: list[Artifact]
    nav: list[NavEntry]


@dataclass(frozen=True)
class RenderedPortal:
    """The portal's files (None when content errors stopped the load), with what was said while
    loading it: engines report `problems` and `notices` on every build, cached or not."""

    problems: list[Problem]
    notices: tuple[str, ...]
    files: PortalFiles | None
    key: str | None = None  # the cache key it was made under; None: not cacheable
    from_cache: bool = False
    cache_error: str | None = None  # why it could not be stored, for an engine to mention
