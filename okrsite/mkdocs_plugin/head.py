"""The feed link in each page's head: the one piece of page chrome okrsite adds to the theme.

Done after rendering rather than through a `main.html` override, so a user's own override of
Material's `main.html` keeps working and still gets the link. The link is relative even with a
`site_url`: Material reads every `<link rel="alternate">` as another language's copy of the site
and fetches `sitemap.xml` from its host, which must then be the host serving the page (a preview
or a mirror, not only the public address).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from okrsite.urls import SiteUrls


def with_feed_link(html: str, urls: SiteUrls, page_url: str, feed: str, site_name: str) -> str:
    href = urls.relative(page_url, feed)
    link = Markup(
        '<link rel="alternate" type="application/atom+xml" title="{}" href="{}">\n'
    ).format(f"{site_name}: recent changes", href)
    head_end = html.find("</head>")
    if head_end < 0:
        return html
    return html[:head_end] + str(escape(link)) + html[head_end:]
