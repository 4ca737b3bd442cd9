"""Load and render the portal for one MkDocs build, reusing the last result when nothing changed.

Under `mkdocs serve` one plugin instance lives across rebuilds; a rebuild triggered by editing a
user page should not reload and re-render the whole portal.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from okrsite.artifacts import Artifact
from okrsite.mkdocs_plugin.log import log
from okrsite.problems import Severity
from okrsite.render.pages import NavEntry, portal_nav
from okrsite.site import PortalSettings, SiteOptions, load_portal, site_artifacts
from okrsite.urls import SiteUrls


@dataclass(frozen=True)
class PortalBuild:
    artifacts: list[Artifact]
    nav: list[NavEntry]


def _fingerprint(folders: list[Path], *settings: object) -> str:
    """Changes when any file below the folders or any setting changes."""
    digest = hashlib.sha256(repr(settings).encode())
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
    return digest.hexdigest()


class PortalBuilder:
    def __init__(self) -> None:
        self._last: tuple[str, PortalBuild] | None = None

    def build(
        self, content_dir: Path, settings: PortalSettings, urls: SiteUrls, options: SiteOptions
    ) -> PortalBuild:
        folders = [content_dir] + ([options.override_dir] if options.override_dir else [])
        key = _fingerprint(folders, content_dir, settings, urls, options)
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        portal, problems = load_portal(content_dir, settings)
        for problem in problems:
            report = log.error if problem.severity is Severity.ERROR else log.warning
            report(f"{problem.location}: {problem.message}")
        if portal is None:
            errors = sum(p.severity is Severity.ERROR for p in problems)
            raise PluginError(
                f"okrsite: the content in '{content_dir}' has {errors} error(s), listed above "
                "with file:line; fix them (`okrsite check` shows the same list) and build again"
            )
        built = PortalBuild(site_artifacts(portal, urls, options), portal_nav(portal, urls))
        self._last = (key, built)
        return built

    def forget(self) -> None:
        self._last = None
