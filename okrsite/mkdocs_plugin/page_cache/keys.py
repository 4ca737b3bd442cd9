"""Fingerprints of everything a page's finished HTML depends on besides the page itself.

Each is computed once per build; a page's keys combine them with what belongs to that page.
Anything that cannot be fingerprinted reliably (an object whose text names its memory address)
still goes in as that text: the key then differs in every process, the cache never hits, and
the site is built the ordinary way.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePath
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from okrsite.mkdocs_plugin.git_dates import GIT_DATES
from okrsite.render.pages.render import PAGE_DATE
from okrsite.site_cache.key import distribution_versions, folder_files

# Settings that change where or how MkDocs runs, never a page's HTML; the nav is fingerprinted
# from the built navigation (okrsite rewrites `nav`), plugins and theme on their own.
_NOT_IN_PAGES = frozenset(
    "config_file_path docs_dir site_dir dev_addr watch strict remote_branch remote_name "
    "exclude_docs draft_docs not_in_nav validation nav pages plugins theme hooks".split()
)
_SHAPING_DISTRIBUTIONS = (
    "mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "markupsafe",
    "jieba",  # Material's search splits Chinese text with it when installed
)  # fmt: skip


def stable(value: Any) -> Any:
    """A JSON-ready copy of a configuration value, the same in every process when it can be."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Mapping):
        return {str(key): stable(item) for key, item in sorted(value.items(), key=_text_key)}
    if isinstance(value, (set, frozenset)):
        return sorted((stable(item) for item in value), key=json.dumps)
    if isinstance(value, (list, tuple)):
        return [stable(item) for item in value]
    if isinstance(value, PurePath):
        return value.as_posix()
    if isinstance(value, functools.partial):  # a configured slugify (Material's blog, toc)
        return ["partial", stable(value.func), stable(value.args), stable(value.keywords)]
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    return f"{type(value).__module__}.{type(value).__qualname__}:{value}"


def _text_key(item: tuple[Any, Any]) -> str:
    return str(item[0])


def digest(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _files_digest(files: Iterable[tuple[str, bytes]]) -> str:
    """Files by name and content (not dates: a fresh clone has new ones)."""
    return digest([[name, hashlib.sha256(data).hexdigest()] for name, data in files])


_PLUGIN = Path(__file__).resolve().parents[1]
_PAGE_CODE = ("plugin.py", "raw_html.py")  # with page_cache/: how a page goes through the cache
_CODE = _files_digest(
    (name, data)
    for name, data in folder_files(_PLUGIN)
    if name in _PAGE_CODE or (name.startswith("page_cache/") and name.endswith(".py"))
)


def build_fingerprint(config: MkDocsConfig) -> str:
    """The configuration, plugins, theme (its files in custom_dir) and the installed versions."""
    settings = {key: stable(value) for key, value in config.items() if key not in _NOT_IN_PAGES}
    plugins = [(name, _plugin_print(plugin)) for name, plugin in config.plugins.items()]
    theme = config.theme
    custom_dir = theme.custom_dir
    theme_print = {
        "name": theme.name,
        "settings": stable(dict(theme.items())),
        "folders": [Path(folder).as_posix() for folder in theme.dirs if folder != custom_dir],
        "custom_dir": _files_digest(folder_files(Path(custom_dir))) if custom_dir else None,
    }
    versions = distribution_versions(_SHAPING_DISTRIBUTIONS)
    return digest(settings, plugins, theme_print, versions, _CODE)


def _plugin_print(plugin: Any) -> Any:
    """A plugin by its settings; a `hooks:` file (a module, without settings) by its code."""
    if hasattr(plugin, "config"):
        return stable(dict(plugin.config))
    return hashlib.sha256(Path(plugin.__file__).read_bytes()).hexdigest()


# Pages' dates (okrsite's and mkdocs-git-revision-date-localized's values), which no navigation
# shows (a page's own are in its `shell_fingerprint`): else every commit to the content would
# change the navigation of every page.
_DATES = (PAGE_DATE, *GIT_DATES, "git_site_revision_date_localized")


def nav_fingerprint(nav: Navigation) -> str:
    """The navigation every page shell shows: titles, addresses, nesting, and pages' meta."""
    return digest(_nav_items(nav.items))


def _nav_items(items: Iterable[Any]) -> list[Any]:
    shown: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            shown.append(["section", item.title, _nav_items(item.children)])
        elif isinstance(item, Page):
            meta = {key: value for key, value in item.meta.items() if not key.startswith(_DATES)}
            shown.append(["page", item.title, item.url, stable(meta)])
        elif isinstance(item, Link):
            shown.append(["link", item.title, item.url])
        else:
            shown.append(["other", stable(item)])
    return shown


def shell_fingerprint(page: Page) -> list[Any]:
    """What of a page itself its shell shows, beyond the content and table of contents (its
    sections: tabs, sidebar and breadcrumbs; seated by okrsite when the nav does not list it)."""
    neighbours = [
        [other.title, other.url] if other is not None else None
        for other in (page.previous_page, page.next_page)
    ]
    ancestors = [section.title for section in page.ancestors]  # okrsite seats some (sections.py)
    return [
        page.url, page.title, stable(page.meta), page.update_date, page.canonical_url,
        page.abs_url, page.edit_url, page.is_homepage, neighbours, ancestors,
    ]  # fmt: skip
