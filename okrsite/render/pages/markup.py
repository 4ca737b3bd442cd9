"""Turning user-written text into markup that is safe wherever a page puts it.

Descriptions are Markdown rendered here, in the core, and then sanitised, because the page body
hands them to the site engine as raw HTML that it will not touch again. Titles meet three
places with different rules: HTML (Jinja autoescape), Markdown headings (where `*`, `[` or `:`
would be syntax) and the engine's own templates, which print front-matter titles (and tags)
unescaped.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

import markdown
import nh3
import yaml
from markupsafe import Markup

_MARKDOWN_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "smarty", "toc"]
_MARKDOWN_CONFIG = {"toc": {"baselevel": 3}}  # `#` in a description becomes h3
_SAFE_SCHEMES = {"http", "https", "mailto"}
_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h3", "h4", "h5", "h6", "hr",
    "i", "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead",
    "tr", "ul",
}  # fmt: skip


@functools.cache
def _converter() -> markdown.Markdown:
    """One converter, reset between descriptions: building one costs more than converting."""
    return markdown.Markdown(
        extensions=_MARKDOWN_EXTENSIONS,
        extension_configs=_MARKDOWN_CONFIG,
        output_format="html",
    )


def description_html(text: str) -> Markup:
    """Markdown to HTML, then sanitised: no raw HTML, scripts, handlers or unsafe URLs survive.

    Headings start at h3 so a description never competes with the page's own sections.
    """
    if not text.strip():
        return Markup("")
    rendered = _converter().reset().convert(text)
    cleaned = nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}},
        url_schemes=_SAFE_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return Markup(cleaned)


def safe_link_url(url: str) -> str | None:
    """The URL if it is http(s), mailto or relative; None for anything a browser could run."""
    stripped = url.strip()
    if not stripped or any(ord(c) < 32 for c in stripped):
        return None
    parts = urlsplit(stripped)
    if parts.scheme:
        return stripped if parts.scheme.lower() in _SAFE_SCHEMES else None
    if stripped.startswith("//"):
        return None  # scheme-relative: an external host with no declared scheme
    return stripped


def is_external(url: str) -> bool:
    return bool(urlsplit(url).scheme)


def markdown_text(text: str) -> Markup:
    """Text for a Markdown heading or paragraph that shows exactly as typed.

    Every character that is not a letter, digit or space becomes a numeric character
    reference, so no Markdown or extension syntax (`*`, `[`, `:emoji:`, `<tag>`) can fire.
    """
    return Markup("".join(c if c.isalnum() or c == " " else f"&#{ord(c)};" for c in text))


_CODE_SPAN = re.compile(r"`([^`]+)`")


def code_spans(text: str) -> Markup:
    """A message written for the terminal (`okrsite check`) on a page: escaped, with its
    `backticked` names (settings, keys) shown as code."""
    return Markup(_CODE_SPAN.sub(r"<code>\1</code>", html.escape(text, quote=False)))


def front_matter_title(title: str) -> str:
    """A YAML (JSON-compatible) string for `title:`, HTML-escaped.

    MkDocs and Material print `page.title` without escaping in the navigation, `<title>` and
    the search index, so the value must already be HTML; escaped, it displays as typed.
    """
    return json.dumps(html.escape(title, quote=True), ensure_ascii=False)


_ONE_LINE = 1 << 30  # PyYAML folds lines longer than its `width`


def front_matter_tags(tags: Sequence[str]) -> str:
    """The YAML line `tags: [...]`, each tag HTML-escaped: Material's tags plugin prints tag
    names unescaped, as MkDocs prints titles. Dumped by PyYAML, never formatted by hand, and
    ASCII only (other characters as YAML escapes), so no tag can end the line or the list."""
    escaped = [html.escape(tag, quote=True) for tag in tags]
    return yaml.safe_dump({"tags": escaped}, default_flow_style=None, width=_ONE_LINE)


def narrow(page: str) -> str:
    """The page with every character above U+00FF written as an HTML character reference, which
    the browser shows the same. Python stores a string with even one such character (an arrow,
    a dash, a curly quote in a diagram) at two bytes per character: at bench size M9Q, 54,000
    pages, that is a gigabyte of a build's peak memory. Safe for a page body: its user text sits
    in HTML or in Markdown headings, where references are markup too (no code spans)."""
    if page.isascii():
        return page
    return page.encode("latin-1", "xmlcharrefreplace").decode("latin-1")


def first_paragraph(text: str) -> str:
    """The first paragraph of a Markdown description as plain text: a summary for lists."""
    return description_html(text.strip().split("\n\n", 1)[0]).striptags()
