"""The config that lets Zensical build the generated folder as the site of the user's mkdocs.yml.

Zensical reads mkdocs.yml but skips plugins it does not implement, okrsite among them, so it
needs the portal as files (`okrsite generate`) and a config pointing at them. That config
inherits everything from the user's mkdocs.yml (`INHERIT:`, which Zensical merges key by key
and extends lists) and sets only what the plugin would have set:

- `docs_dir`: the generated folder (the user's docs plus the portal). Zensical requires it to
  be inside the folder of the config file, so the config is written beside mkdocs.yml and
  relative paths there (`custom_dir`, `site_dir`, snippets) keep their meaning;
- `nav`: the portal's sections, appended to the user's `nav` by Zensical's merge; without a
  user `nav`, the portal's sections come first and then the user's pages, as the plugin does.
  Where the user's `nav` names the portal's home page, the plugin puts the portal there
  (`placed_nav`); Zensical's merge can only append, so the sections follow the user's nav
  and `okrsite generate` says so (`zensical_nav_notices`);
- `extra_css` / `extra_javascript`: the portal's stylesheets and scripts, appended likewise.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from okrsite.render.pages import NavEntry
from okrsite.render.pages.nav import placed_nav
from okrsite.urls import SiteUrls

HEADER = (
    "# Written by `okrsite generate` for Zensical: the site of {parent} with the OKR portal.\n"
    "# Build with `zensical build -f {name}`; regenerate instead of editing.\n"
)


def _sort_key(path: str) -> tuple[tuple[str, ...], bool, str]:
    """MkDocs' order of files: folder by folder, each folder's index first."""
    parts = PurePosixPath(path).parts
    return (parts[:-1], parts[-1] != "index.md", parts[-1])


def _folder_title(name: str) -> str:
    """A nav section title from a folder name, as MkDocs makes it."""
    title = name.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def user_pages_nav(pages: list[str]) -> list[NavEntry]:
    """The user's Markdown pages nested by folder, the nav MkDocs would build without `nav:`."""
    nested: list[NavEntry] = []
    for page in sorted(pages, key=_sort_key):
        branch = nested
        for folder in PurePosixPath(page).parent.parts:
            title = _folder_title(folder)
            found = next((e for e in branch if isinstance(e, dict) and title in e), None)
            if found is None:
                found = {title: []}
                branch.append(found)
            branch = found[title]
        branch.append(page)
    return nested


def _posix_relative(path: Path, start: Path) -> str:
    return PurePosixPath(Path(os.path.relpath(path.resolve(), start.resolve()))).as_posix()


def zensical_config(
    *,
    mkdocs_yml: Path,
    out_dir: Path,
    portal_nav: list[NavEntry],
    user_nav: list[Any] | None,
    user_pages: list[str],
    stylesheets: list[str],
    scripts: list[str],
    config_path: Path,
) -> str:
    """The text of the Zensical config written at `config_path` (beside `mkdocs_yml`)."""
    nav = portal_nav if user_nav is not None else [*portal_nav, *user_pages_nav(user_pages)]
    settings: dict[str, Any] = {
        "INHERIT": _posix_relative(mkdocs_yml, config_path.parent),
        "docs_dir": _posix_relative(out_dir, config_path.parent),
        "extra_css": stylesheets,
        "extra_javascript": scripts,
        "nav": nav,
    }
    header = HEADER.format(parent=mkdocs_yml.name, name=config_path.name)
    body = yaml.safe_dump(settings, sort_keys=False, allow_unicode=True, width=100)
    return header + body


def zensical_nav_notices(
    user_nav: list[Any] | None, portal_nav: list[NavEntry], urls: SiteUrls
) -> list[str]:
    """Where the Zensical site's nav differs from the plugin's: the entry of the user's nav for
    the portal's home page, which the plugin replaces by the portal's sections, stays a link
    (Zensical extends an inherited `nav`, it cannot replace an entry of it)."""
    home = urls.overview_source()
    if user_nav is None or not urls.prefix or placed_nav(user_nav, portal_nav, home) is None:
        return []
    return [
        f"the nav of mkdocs.yml names the portal's home page '{home}', where the MkDocs "
        "build places the portal's sections; Zensical can only append to an inherited nav, "
        "so in its site that entry links to the overview and the sections follow your nav"
    ]
