"""The rendered portal, kept on disk between processes: an unchanged portal is not rendered again.

Loading and rendering a large portal costs seconds of CPU, and every `mkdocs build` or
`okrsite generate` is a new process. The result is stored in `<cache_dir>/site/` under a hash of
everything it depends on (`key.py`), and a later build with the same key reads it back instead,
in a fraction of the time. Both engines call
`render_portal`; it returns what the uncached path returns, problems and notices included, so
warnings are reported (and `--strict` fails) the same on a hit as on a miss.
"""

from __future__ import annotations

from collections.abc import Callable

from okrsite.artifacts import Artifact
from okrsite.render.pages import portal_nav
from okrsite.settings import Settings
from okrsite.site import LoadedPortal, Session, load_portal, site_artifacts
from okrsite.site_cache.entry import read_entry, write_entry
from okrsite.site_cache.key import Uncacheable, cache_key, frame_key
from okrsite.site_cache.rendered import PortalFiles, RenderedPortal
from okrsite.urls import SiteUrls

__all__ = ["PortalFiles", "RenderedPortal", "fill_session", "render_portal", "store_portal"]


def render_portal(
    settings: Settings,
    urls: SiteUrls,
    *,
    previous: RenderedPortal | None = None,
    session: Session | None = None,
    store: bool = True,
) -> RenderedPortal:
    """The portal's files from the cache when nothing changed, else loaded and rendered (and
    stored, unless `store` is false: `mkdocs serve` stores only its last render, with
    `store_portal`, as writing 100 MB after every edit would cost it a third of a second).
    `previous`, a result of this process, is reused without reading the disk; a `session` of
    this process makes a render after an edit render only what the edit touched. Raises
    DiagramError as `site_artifacts` does.
    """
    frame = _guarded(lambda: frame_key(settings, urls))
    key = _guarded(lambda: cache_key(settings, urls, frame)) if frame is not None else None
    if key is not None and previous is not None and previous.key == key:
        return previous
    folder = settings.site.diagrams.cache_dir / "site"
    cached = read_entry(folder, key) if key is not None else None
    if cached is not None:
        return cached
    loaded, artifacts = _loaded_and_rendered(settings, urls, session, frame)
    if loaded.portal is None or artifacts is None:
        return RenderedPortal(loaded.problems, loaded.notices, None)
    nav = portal_nav(loaded.portal, urls, settings.site.nav_section_pages)
    rendered = RenderedPortal(loaded.problems, loaded.notices, PortalFiles(artifacts, nav), key)
    # Content edited while rendering (`mkdocs serve`) must not be stored under the old key.
    if key is None or _guarded(lambda: cache_key(settings, urls, frame)) != key:
        return RenderedPortal(rendered.problems, rendered.notices, rendered.files)
    return store_portal(settings, rendered) if store else rendered


def store_portal(settings: Settings, rendered: RenderedPortal) -> RenderedPortal:
    """Write a rendered portal with a key to the cache; the result tells when that failed."""
    if rendered.key is None or rendered.files is None or rendered.from_cache:
        return rendered
    folder = settings.site.diagrams.cache_dir / "site"
    try:
        write_entry(folder, rendered.key, rendered)
    except OSError as error:  # a read-only checkout still builds, only without the cache
        reason = f"cannot write the render cache in {folder}: {error.strerror or error}"
        files = rendered.files
        return RenderedPortal(
            rendered.problems, rendered.notices, files, rendered.key, cache_error=reason
        )
    return rendered


def fill_session(settings: Settings, urls: SiteUrls, session: Session) -> None:
    """Load and render into `session` only, as a render would: `mkdocs serve` does it after a
    first build read from the cache, so that its first edit renders only what it touched.
    Content errors leave the session as it was; raises DiagramError as `site_artifacts` does."""
    frame = _guarded(lambda: frame_key(settings, urls))
    if frame is not None:
        _loaded_and_rendered(settings, urls, session, frame)


def _loaded_and_rendered(
    settings: Settings, urls: SiteUrls, session: Session | None, frame: str | None
) -> tuple[LoadedPortal, list[Artifact] | None]:
    """The loaded portal and its files (None when content errors stopped the load), through
    the session when there is one and the frame is known."""
    loaded = load_portal(settings.content_dir, settings.portal, session=session)
    if loaded.portal is None:
        return loaded, None
    rerender = session.enter(frame) if session is not None and frame is not None else None
    return loaded, site_artifacts(
        loaded.portal, urls, settings.site, loaded.last_updated, rerender=rerender
    )


def _guarded(compute: Callable[[], str]) -> str | None:
    """A key, or None when something it covers cannot be read or known (then no caching)."""
    try:
        return compute()
    except (OSError, Uncacheable):  # an unreadable file is the loader's to report
        return None
