"""Ready-to-paste snippets that show an entity's badge and link to its page, for other wikis.

Each snippet is escaped for its own language; titles go into alt text only, because the badge
image itself keeps its numbers current while pasted text would go stale. Links are absolute
(from `site_url`). Without `site_url` the snippets fall back to paths from the site root
(`/okrs/objectives/x/`), which work only when pasted on the same host; `embed_notice` returns
the sentence the page shows above them to say so (and the MkDocs plugin warns once per build,
okrsite/mkdocs_plugin/site_url.py). Confluence wiki markup has no escape inside
image attributes, so its snippet carries no alt text; reStructuredText takes an option value
as plain text (its writers escape it), so there the alt needs only to be one line.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import quote

from okrsite.portal import Portal
from okrsite.render.badges import badge_subject
from okrsite.render.badges.wording import one_line
from okrsite.urls import Kind, SiteUrls

NOTICE_WITHOUT_SITE_URL = (
    "This site has no site_url configured, so these snippets use paths from the site root "
    "and work only on the same host. Set site_url for links that work anywhere."
)

# RFC 3986 reserved and unreserved characters that are safe in every target language:
# parentheses, brackets, quotes, spaces and angle brackets are percent-encoded.
_URL_SAFE = "-._~:/?#@!$&*+,;=%"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!>])")  # Python-Markdown's escapable set


@dataclass(frozen=True, slots=True)
class Snippet:
    label: str  # shown to people: "Markdown"
    language: str  # code-block language for highlighting
    text: str


def _url(urls: SiteUrls, site_relative: str) -> str:
    address = urls.absolute(site_relative) or "/" + site_relative
    return quote(address, safe=_URL_SAFE)


def markdown_text(text: str) -> str:
    """Backslash escapes that CommonMark and Python-Markdown both honour; `<` as an entity."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;")


def asciidoc_attribute(text: str) -> str:
    """A double-quoted attribute value inside an inline macro's brackets."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("]", "\\]")
    return escaped.replace("{", "\\{")


def _snippets(alt: str, image: str, page: str) -> list[Snippet]:
    return [
        Snippet("Markdown", "markdown", f"[![{markdown_text(alt)}]({image})]({page})"),
        Snippet(
            "HTML",
            "html",
            f'<a href="{html.escape(page)}"><img src="{html.escape(image)}" '
            f'alt="{html.escape(alt)}"></a>',
        ),
        Snippet(
            "reStructuredText",
            "rst",
            f".. image:: {image}\n   :alt: {alt}\n   :target: {page}",
        ),
        Snippet(
            "AsciiDoc", "asciidoc", f'image:{image}[alt="{asciidoc_attribute(alt)}",link="{page}"]'
        ),
        Snippet("Confluence wiki markup", "text", f"[!{image}!|{page}]"),
    ]


def embed_snippets(portal: Portal, urls: SiteUrls, kind: Kind, key: str) -> list[Snippet]:
    """Snippets for one entity page; empty for kinds without a badge (initiatives)."""
    subject = badge_subject(portal, kind, key)
    if subject is None:
        return []
    alt = f"{one_line(subject.entity.title)}: OKR progress badge"
    image = _url(urls, urls.badge_url(kind, key))
    page = _url(urls, urls.page_url(kind, key))
    return _snippets(alt, image, page)


def embed_notice(urls: SiteUrls) -> str | None:
    """What to say above the snippets: None when links are absolute, else the caveat."""
    return None if urls.site_url else NOTICE_WITHOUT_SITE_URL
