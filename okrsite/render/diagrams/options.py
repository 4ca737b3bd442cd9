"""The settings a build passes to the diagram renderer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from okrsite.render.diagrams.errors import DiagramError


@dataclass(frozen=True, slots=True)
class DiagramOptions:
    enabled: bool = True
    max_nodes_per_level: int = 12  # past this, the rest of a level becomes one counted node
    cache_dir: Path = Path(".cache/okrsite")  # the renderer uses its `diagrams/` subfolder
    timeout: float = 60.0  # seconds one `dot` process may take

    def __post_init__(self) -> None:
        if self.max_nodes_per_level < 1:
            raise DiagramError("the diagram node limit per level must be at least 1")
        if self.timeout <= 0:
            raise DiagramError("the diagram timeout must be a positive number of seconds")
