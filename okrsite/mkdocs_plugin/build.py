"""Load and render the portal for one MkDocs build, through the render cache of `site_cache`.

A new process (`mkdocs build`) reads an unchanged portal back from `<cache_dir>/site/`; under
`mkdocs serve`, where one plugin instance lives across rebuilds, the last result is reused from
memory when nothing changed. Either way the content's warnings are logged again, so every build
says the same and `--strict` fails the same.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from okrsite.mkdocs_plugin.log import log
from okrsite.problems import Severity
from okrsite.render.diagrams import DiagramError
from okrsite.settings import Settings
from okrsite.site_cache import PortalFiles, RenderedPortal, render_portal
from okrsite.urls import SiteUrls


class PortalBuilder:
    def __init__(self) -> None:
        self._last: RenderedPortal | None = None

    def build(self, settings: Settings, urls: SiteUrls) -> PortalFiles:
        try:
            rendered = render_portal(settings, urls, previous=self._last)
        except DiagramError as exc:
            raise PluginError(f"okrsite: {exc}") from None
        for problem in rendered.problems:
            report = log.error if problem.severity is Severity.ERROR else log.warning
            report(f"{problem.location}: {problem.message}")
        for notice in rendered.notices:
            log.warning(notice)
        if rendered.files is None:
            errors = sum(p.severity is Severity.ERROR for p in rendered.problems)
            raise PluginError(
                f"okrsite: the content in '{settings.content_dir}' has {errors} error(s), listed "
                "above with file:line; fix them (`okrsite check` shows the same list) and build "
                "again"
            )
        if rendered.cache_error is not None:
            log.info(f"{rendered.cache_error}; the next build renders the portal again")
        elif rendered.from_cache:
            log.debug("portal read from the render cache")
        self._last = rendered
        return rendered.files  # the same object when reused from memory

    def forget(self) -> None:
        self._last = None
