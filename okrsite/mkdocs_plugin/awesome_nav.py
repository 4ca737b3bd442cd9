"""The portal's navigation for mkdocs-awesome-nav (v3): one generated `.nav.yml`, in the
portal's folder.

awesome-nav builds the whole navigation in `on_nav` from the `.nav.yml` of each folder, which
it looks up in MkDocs' `Files` (`MkdocsFilesContext`: `files.get_file_from_path`, then
`content_string`; the same in 3.0.0 and 3.3.0), so a generated file is read as a written one.
The file okrsite hands it lists the portal's sections as `portal_nav` orders and titles them,
with paths relative to the portal's folder, then any other page of that folder (as awesome-nav
lists pages no `.nav.yml` names). The user's own `.nav.yml` files place and title the folder
(`- OKRs: okrs`) and govern the rest of the site. Pages the nav leaves out
(`nav_section_pages`) are not in awesome-nav's view at all (it reads pages in the nav only)
and are seated in their section afterwards, as without it (`sections.py`).

A `.nav.yml` of the user's in a folder of the portal stops the build: in the portal's own
folder it would be replaced by okrsite's, in a folder below it ignored (okrsite's names every
page of the portal), and neither should happen unseen.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from typing import Any

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from okrsite.mkdocs_plugin.files import shown_path
from okrsite.render.pages import NavEntry
from okrsite.urls import SiteUrls

DEFAULT_FILENAME = ".nav.yml"  # awesome-nav's `filename` option
HEADER = "# Made by okrsite at every build for mkdocs-awesome-nav: the OKR portal's sections\n"
# Every page of the portal's folder the list leaves out, as awesome-nav lists unnamed pages; a
# folder of the portal matches too, and drops out as an empty section.
UNLISTED = {"glob": "*", "ignore_no_matches": True}


def nav_filename(plugin: Any) -> str:
    """The name awesome-nav reads in each folder (its `filename` option)."""
    name = getattr(plugin, "config", {}).get("filename")
    return name if isinstance(name, str) and name else DEFAULT_FILENAME


def portal_nav_files(
    plugin: Any,
    files: Files,
    docs_dir: str,
    portal: list[NavEntry],
    urls: SiteUrls,
    generated: Iterable[str],
) -> list[tuple[str, str]]:
    """The `.nav.yml` (path, text) that places the portal's sections in awesome-nav's nav;
    stops the build at a file of the user's it would replace or make useless."""
    filename = nav_filename(plugin)
    folders = _portal_folders(urls.prefix, generated)
    for file in files:
        folder, name = _folder(file.src_uri), posixpath.basename(file.src_uri)
        if name == filename and folder in folders:
            raise PluginError(_refusal(shown_path(docs_dir, file.src_uri), folder, filename, urls))
    text = yaml.safe_dump(
        {"nav": [*_relative(portal, urls.prefix), UNLISTED]},
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    return [(f"{urls.prefix}{filename}", HEADER + text)]


def nav_sources(plugin: Any, files: Files) -> tuple[str, ...]:
    """The text of every `.nav.yml` of this build, the user's and okrsite's: what the
    navigation every page shows is made from, besides the pages' titles."""
    filename = nav_filename(plugin)
    named = sorted(
        (f for f in files if posixpath.basename(f.src_uri) == filename), key=lambda f: f.src_uri
    )
    return tuple(f"{f.src_uri}\n{f.content_string}" for f in named)


def _folder(src_uri: str) -> str:
    """`okrs/teams/x.md` -> `okrs/teams/`; a file at the docs root -> ``."""
    folder = posixpath.dirname(src_uri)
    return f"{folder}/" if folder else ""


def _portal_folders(prefix: str, generated: Iterable[str]) -> set[str]:
    """The portal's folder and every folder below it that holds a generated file (without a
    prefix, the docs root and the portal's own folders only: the user's stay theirs)."""
    folders = {prefix}
    for path in generated:
        folder = _folder(path)
        while folder.startswith(prefix) and folder not in folders:
            folders.add(folder)
            folder = _folder(folder.rstrip("/"))
    return folders


def _relative(entries: list[NavEntry], prefix: str) -> list[NavEntry]:
    """The portal's nav with paths relative to its folder, as a `.nav.yml` there names them."""

    def relative(value: Any) -> Any:
        if isinstance(value, str):
            if not value.startswith(prefix):
                raise ValueError(f"the portal's nav names '{value}', outside '{prefix}'")
            return value[len(prefix) :]
        if isinstance(value, dict):
            return {title: relative(item) for title, item in value.items()}
        return [relative(item) for item in value]

    return [relative(entry) for entry in entries]


def _refusal(shown: str, folder: str, filename: str, urls: SiteUrls) -> str:
    prefix = urls.prefix
    if folder == prefix and prefix:
        return (
            f"okrsite: '{shown}' would be replaced: okrsite writes the {filename} of the "
            f"portal's folder '{prefix}' for awesome-nav, listing the portal's sections in its "
            f"order. Remove your file, and place and title the portal from the folder above "
            f"(e.g. `- OKRs: {prefix.rstrip('/').rpartition('/')[2]}` in its {filename})"
        )
    if folder == prefix:
        return (
            f"okrsite: '{shown}' would be replaced: without a `prefix:` the portal lives at the "
            f"docs root, where okrsite writes the {filename} listing the portal's sections for "
            "awesome-nav. Set the okrsite plugin's `prefix:` (e.g. `okrs`) so the portal gets a "
            f"folder of its own, and place it from your {filename} (`- OKRs: okrs`)"
        )
    return (
        f"okrsite: '{shown}' is in a folder of the OKR portal, whose navigation okrsite writes "
        f"('{prefix}{filename}' names every page of the portal), so awesome-nav would ignore "
        "it; remove it"
    )
