"""Hand the portal's artifacts to MkDocs as generated files, and its sections to the nav."""

from __future__ import annotations

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
    page shows their titles, which `nav` itself, a list of bare paths, leaves out."""
    in_nav = nav_paths(nav)
    return tuple(
        artifact.content.partition("\n---\n")[0]
        for artifact in artifacts
        if artifact.path in in_nav and isinstance(artifact.content, str)
    )


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
    user_nav: list | None, portal: list[NavEntry], files: Files, generated: set[str]
) -> list:
    """The user's nav followed by the portal's; without a user nav, the portal's sections
    first, then the user's own pages as MkDocs would have listed them."""
    if user_nav is not None:
        return [*user_nav, *portal]
    user_pages = sorted(
        (f for f in files.documentation_pages() if f.src_uri not in generated),
        key=file_sort_key,
    )
    return [*portal, *nest_paths(f.src_uri for f in user_pages if f.inclusion.is_in_nav())]
