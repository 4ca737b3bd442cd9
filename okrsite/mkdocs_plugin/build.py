"""Load and render the portal for one MkDocs build, through the render cache of `site_cache`.

A new process (`mkdocs build`) reads an unchanged portal back from `<cache_dir>/site/`; under
`mkdocs serve`, where one plugin instance lives across rebuilds, the last result is reused from
memory when nothing changed, and after an edit only what it touched is parsed and rendered
again (`okrsite.site.Session`). Either way the content's warnings are logged again, so every build
says the same and `--strict` fails the same.
"""

from __future__ import annotations

import threading

from mkdocs.exceptions import PluginError

from okrsite.mkdocs_plugin.log import log
from okrsite.problems import Severity
from okrsite.render.diagrams import DiagramError
from okrsite.settings import Settings
from okrsite.site import Session
from okrsite.site_cache import (
    PortalFiles,
    RenderedPortal,
    fill_session,
    render_portal,
    store_portal,
)
from okrsite.urls import SiteUrls


class PortalBuilder:
    def __init__(self) -> None:
        self._last: RenderedPortal | None = None
        self._session: Session | None = None
        self._unstored: Settings | None = None  # settings of a render not yet in the cache
        self._lock = threading.Lock()  # a build waits for the warm-up filling the session

    def build(self, settings: Settings, urls: SiteUrls) -> PortalFiles:
        try:
            with self._lock:
                rendered = render_portal(
                    settings,
                    urls,
                    previous=self._last,
                    session=self._session,
                    store=self._session is None,
                )
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
        if self._session is not None:
            self._unstored = settings
            if rendered is not self._last and not rendered.from_cache:
                (pages, diagrams), (all_pages, all_diagrams) = (
                    self._session.rerender.made,
                    self._session.rerender.totals,
                )
                log.info(
                    f"rendered {pages} of {all_pages} pages, {diagrams} of {all_diagrams} diagrams"
                )
                for page, kinds in self._session.rerender.whole_kind_pages.items():
                    log.debug(
                        f"{page} reads every entry of {', '.join(kinds)}: an edit of any one "
                        "renders it again"
                    )
        self._last = rendered
        return rendered.files  # the same object when reused from memory

    def warm_up(self, settings: Settings, urls: SiteUrls) -> None:
        """Under `mkdocs serve`, when the first build came from the render cache, fill the
        session in the background while the user looks at the site: else the first edit
        would load and render everything, seconds on a large portal."""
        session = self._session
        if session is None or session.frame is not None:  # not serving, or filled already
            return

        def fill() -> None:
            with self._lock:
                try:
                    fill_session(settings, urls, session)
                except Exception as error:  # noqa: BLE001 - the next build meets it and says so
                    log.debug(f"okrsite: warming up for the next edit failed: {error}")

        threading.Thread(target=fill, name="okrsite-warm-up", daemon=True).start()

    def forget(self, *, serving: bool = False) -> None:
        """Drop what earlier builds kept; `serving`: keep what lets the next builds of this
        process (`mkdocs serve`) parse, read and render only what changed. The last render of a
        server is stored in the render cache here, so a build after it starts warm."""
        if self._last is not None and self._unstored is not None:
            stored = store_portal(self._unstored, self._last)
            if stored.cache_error is not None:
                log.info(stored.cache_error)
        self._unstored = None
        self._last = None
        self._session = Session() if serving else None
