"""Plugins that build the navigation themselves, and what okrsite hands each instead of `nav`.

Why: okrsite places the portal in the navigation by writing `config.nav` (files.py
`merged_nav`). A plugin that makes the navigation from files of its own replaces that nav (and
mkdocs-awesome-nav says so with a warning, which fails `--strict`). With one of the plugins
named here on, okrsite leaves `nav` as the user wrote it and gives the plugin the portal's nav
as generated files of the kind it reads, so the portal shows in okrsite's order while the
user's own files for that plugin govern the rest of the site.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from okrsite.mkdocs_plugin import awesome_nav
from okrsite.render.pages import NavEntry
from okrsite.urls import SiteUrls

# (plugin, the user's files, docs_dir, the portal's nav, urls, generated paths) -> (path, text)s
NavFiles = Callable[
    [Any, Files, str, list[NavEntry], SiteUrls, Iterable[str]], list[tuple[str, str]]
]


@dataclass(frozen=True)
class NavOwner:
    """A plugin that makes the navigation: how okrsite recognises it, and hands it the portal."""

    package: str  # what users install, for messages
    module: str  # the module its plugin class is defined in (or a parent package of it)
    nav_files: NavFiles  # the files that give it the portal's nav; refuses a user's it replaces
    nav_sources: Callable[[Any, Files], tuple[str, ...]]  # the texts it reads the nav from


# To add one: read how the plugin finds its navigation (in its source, not its docs); write a
# module beside this one, as awesome_nav.py, with the two functions `NavOwner` names; list the
# plugin here by the module of its plugin class; build it in tests/test_handbook_nav.py.
NAV_OWNERS = (
    NavOwner(
        "mkdocs-awesome-nav",
        "mkdocs_awesome_nav",
        awesome_nav.portal_nav_files,
        awesome_nav.nav_sources,
    ),
)


@dataclass(frozen=True)
class ActiveNavOwner:
    """The nav-owning plugin of this build, with its plugin instance."""

    owner: NavOwner
    plugin: Any

    def portal_files(
        self,
        config: MkDocsConfig,
        files: Files,
        portal: list[NavEntry],
        urls: SiteUrls,
        generated: Iterable[str],
    ) -> list[File]:
        """The generated files that place the portal; excluded from the site as MkDocs
        excludes the user's (`.nav.yml` matches MkDocs' default `exclude_docs`), but read by
        the plugin, which looks them up in `files`."""
        made = self.owner.nav_files(self.plugin, files, config.docs_dir, portal, urls, generated)
        return [
            File.generated(config, path, content=text, inclusion=InclusionLevel.EXCLUDED)
            for path, text in made
        ]

    def sources(self, files: Files) -> tuple[str, ...]:
        return self.owner.nav_sources(self.plugin, files)


def nav_owner(config: MkDocsConfig) -> ActiveNavOwner | None:
    """The plugin of this build that makes the navigation, if one okrsite knows is on."""
    for plugin in config.plugins.values():
        module = type(plugin).__module__
        for owner in NAV_OWNERS:
            if module == owner.module or module.startswith(f"{owner.module}."):
                return ActiveNavOwner(owner, plugin)
    return None
