"""Hand the portal's artifacts to MkDocs as generated files, and its sections to the nav."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import file_sort_key
from mkdocs.utils import nest_paths

from okrsite.artifacts import Artifact
from okrsite.mkdocs_plugin.dirty import portal_file
from okrsite.render.pages import NavEntry
from okrsite.render.pages.nav import placed_nav
from okrsite.render.pages.render import PAGE_DATE
from okrsite.urls import SiteUrls

MakeFile = Callable[[MkDocsConfig, Artifact, InclusionLevel], File]


def shown_path(docs_dir: str, src_uri: str) -> str:
    """A docs file as the user would type it: relative to the working directory when inside."""
    path = Path(docs_dir, src_uri)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def nav_paths(entries: Iterable[NavEntry]) -> set[str]:
    """Every page path named anywhere in a nav structure."""
    found: set[str] = set()
    for entry in entries:
        if isinstance(entry, str):
            found.add(entry)
        else:
            for value in entry.values():
                found |= nav_paths([value] if isinstance(value, str) else value)
    return found


def nav_front_matter(artifacts: list[Artifact], nav: list[NavEntry]) -> tuple[str, ...]:
    """The front matter (title, meta) of every generated page the nav lists: the nav on every
    page shows their titles, which `nav` itself, a list of bare paths, leaves out. Not their
    dates, which no nav shows: else a new check-in would make every page anew."""
    in_nav = nav_paths(nav)
    return tuple(
        _DATE_LINE.sub("", artifact.content.partition("\n---\n")[0])
        for artifact in artifacts
        if artifact.path in in_nav and isinstance(artifact.content, str)
    )


_DATE_LINE = re.compile(rf"^{PAGE_DATE}: .*$", re.M)


def add_artifacts(
    files: Files,
    artifacts: list[Artifact],
    nav: list[NavEntry],
    config: MkDocsConfig,
    make: MakeFile = portal_file,
) -> Files:
    """Add every artifact as a file `make` makes; pages outside the portal's nav are marked so
    MkDocs won't list them.

    A user file at the same path as a generated one stops the build: silently replacing
    either would lose content.
    """
    in_nav = nav_paths(nav)
    users = files.src_uris
    for artifact in artifacts:
        if artifact.path in users:
            raise PluginError(
                f"okrsite: '{shown_path(config.docs_dir, artifact.path)}' is also a page okrsite "
                "generates; rename or remove your file, or set the okrsite plugin's `prefix:` "
                "so the portal lives in its own folder"
            )
    for artifact in artifacts:
        inclusion = (
            InclusionLevel.UNDEFINED
            if not artifact.is_page or artifact.path in in_nav
            else InclusionLevel.NOT_IN_NAV
        )
        files.append(make(config, artifact, inclusion))
    return files


def merged_nav(
    user_nav: list | None,
    portal: list[NavEntry],
    files: Files,
    generated: set[str],
    urls: SiteUrls,
) -> list:
    """The nav of the site: where the user's nav names the portal's home page (prefixed
    portals only), the portal's nav in its place (`placed_nav`); else the user's nav followed
    by the portal's; without a user nav, the portal's sections first, then the user's own pages
    as MkDocs would have listed them.

    Without a prefix the portal's home is the site's home page, and a nav naming `index.md`
    keeps meaning a link to it, as before placing existed."""
    if user_nav is not None:
        placed = placed_nav(user_nav, portal, urls.overview_source()) if urls.prefix else None
        return placed if placed is not None else [*user_nav, *portal]
    user_pages = sorted(
        (f for f in files.documentation_pages() if f.src_uri not in generated),
        key=file_sort_key,
    )
    return [*portal, *nest_paths(f.src_uri for f in user_pages if f.inclusion.is_in_nav())]
