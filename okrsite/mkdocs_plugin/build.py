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
from okrsite.render.diagrams import DiagramError
from okrsite.render.pages import NavEntry, portal_nav
from okrsite.settings import Settings
from okrsite.site import load_portal, site_artifacts
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

    def build(self, settings: Settings, urls: SiteUrls) -> PortalBuild:
        content_dir, options = settings.content_dir, settings.site
        folders = [content_dir] + ([options.override_dir] if options.override_dir else [])
        key = _fingerprint(folders, settings, urls)
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        loaded = load_portal(content_dir, settings.portal)
        for problem in loaded.problems:
            report = log.error if problem.severity is Severity.ERROR else log.warning
            report(f"{problem.location}: {problem.message}")
        for notice in loaded.notices:
            log.warning(notice)
        if loaded.portal is None:
            errors = sum(p.severity is Severity.ERROR for p in loaded.problems)
            raise PluginError(
                f"okrsite: the content in '{content_dir}' has {errors} error(s), listed above "
                "with file:line; fix them (`okrsite check` shows the same list) and build again"
            )
        try:
            artifacts = site_artifacts(loaded.portal, urls, options, loaded.last_updated)
        except DiagramError as exc:
            raise PluginError(f"okrsite: {exc}") from None
        built = PortalBuild(artifacts, portal_nav(loaded.portal, urls, options.nav_section_pages))
        self._last = (key, built)
        return built

    def forget(self) -> None:
        self._last = None
