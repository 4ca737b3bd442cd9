"""The build's warning when mkdocs.yml has no `site_url`: badge snippets then break when pasted.

Every entity page offers snippets that show its badge elsewhere (okrsite/render/embeds.py).
Without `site_url` their links are paths from the site root, which resolve against whatever
host they are pasted on. The pages say so, but only to whoever opens their embed block; the
warning tells whoever builds the site, once per build. `mkdocs serve` always has a `site_url`
(its own address), so it never warns.
"""

from __future__ import annotations

from okrsite.mkdocs_plugin.log import log
from okrsite.urls import SiteUrls

NO_SITE_URL_WARNING = (
    "mkdocs.yml sets no `site_url`, so the badge embed snippets on the portal's pages link with "
    "paths from the site root, which break when pasted into another site (a wiki, a README). "
    "Set `site_url` in mkdocs.yml to the portal's public address, e.g. "
    "`site_url: https://okrs.example.com/`, for absolute links."
)


def warn_without_site_url(urls: SiteUrls) -> None:
    if not urls.site_url:
        log.warning(NO_SITE_URL_WARNING)
