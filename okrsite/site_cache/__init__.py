"""The rendered portal, kept on disk between processes: an unchanged portal is not rendered again.

Loading and rendering a large portal costs seconds (bench size M: ~13 s CPU for 17,362 files)
and every `mkdocs build` or `okrsite generate` is a new process. The result is stored in
`<cache_dir>/site/` under a hash of everything it depends on (`key.py`), and a later build with
the same key reads it back instead (well under a second at M). Both engines call
`render_portal`; it returns what the uncached path returns, problems and notices included, so
warnings are reported (and `--strict` fails) the same on a hit as on a miss.
"""

from __future__ import annotations

from okrsite.render.pages import portal_nav
from okrsite.settings import Settings
from okrsite.site import load_portal, site_artifacts
from okrsite.site_cache.entry import read_entry, write_entry
from okrsite.site_cache.key import Uncacheable, cache_key
from okrsite.site_cache.rendered import PortalFiles, RenderedPortal
from okrsite.urls import SiteUrls

__all__ = ["PortalFiles", "RenderedPortal", "render_portal"]


def render_portal(
    settings: Settings, urls: SiteUrls, *, previous: RenderedPortal | None = None
) -> RenderedPortal:
    """The portal's files from the cache when nothing changed, else loaded and rendered (and
    stored). `previous`, a result of this process (`mkdocs serve`), is reused without reading
    the disk. Raises DiagramError as `site_artifacts` does.
    """
    key = _key(settings, urls)
    if key is not None and previous is not None and previous.key == key:
        return previous
    folder = settings.site.diagrams.cache_dir / "site"
    cached = read_entry(folder, key) if key is not None else None
    if cached is not None:
        return cached
    loaded = load_portal(settings.content_dir, settings.portal)
    if loaded.portal is None:
        return RenderedPortal(loaded.problems, loaded.notices, None)
    artifacts = site_artifacts(loaded.portal, urls, settings.site, loaded.last_updated)
    nav = portal_nav(loaded.portal, urls, settings.site.nav_section_pages)
    rendered = RenderedPortal(loaded.problems, loaded.notices, PortalFiles(artifacts, nav), key)
    # Content edited while rendering (`mkdocs serve`) must not be stored under the old key.
    if key is None or _key(settings, urls) != key:
        return RenderedPortal(rendered.problems, rendered.notices, rendered.files)
    try:
        write_entry(folder, key, rendered)
    except OSError as error:  # a read-only checkout still builds, only without the cache
        reason = f"cannot write the render cache in {folder}: {error.strerror or error}"
        files = rendered.files
        return RenderedPortal(rendered.problems, rendered.notices, files, key, cache_error=reason)
    return rendered


def _key(settings: Settings, urls: SiteUrls) -> str | None:
    try:
        return cache_key(settings, urls)
    except (OSError, Uncacheable):  # an unreadable file is the loader's to report
        return None
