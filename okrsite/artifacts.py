"""What the core hands to a site engine: files by path, with their content.

The MkDocs plugin turns each into `File.generated`; `okrsite generate` writes them to disk.
Paths are POSIX, relative to the docs root, and already include the configured prefix.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Artifact:
    path: str
    content: str | bytes

    @property
    def is_page(self) -> bool:
        return self.path.endswith(".md")
