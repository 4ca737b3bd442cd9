"""Seat the generated pages the nav does not list in the nav section of their kind.

Why: the nav lists a section's pages only up to `nav_section_pages` (render/pages/nav.py), and
MkDocs gives an unlisted page no parent, so Material draws it with no active tab, an empty
sidebar and no breadcrumbs. With its section as parent (MkDocs' public `Page.parent`, which
`Page.ancestors` and Material's tabs, sidebar and `navigation.path` read), it shows where it
belongs, while the nav every page carries stays as short as the setting keeps it.
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section

from okrsite.render.pages.nav import home_index
from okrsite.urls import SiteUrls


def seat_unlisted_pages(
    nav: Navigation, files: Files, generated_pages: Iterable[str], urls: SiteUrls
) -> None:
    """Give each unlisted generated page its section as parent."""
    listed = {id(page) for page in nav.pages}
    sections: dict[str, Section] = {
        page.file.src_uri: page.parent for page in nav.pages if page.parent is not None
    }
    for source in sorted(generated_pages):
        file = files.get_file_from_path(source)
        page = file.page if file is not None else None
        if page is None or id(page) in listed or page.parent is not None:
            continue
        home = home_index(urls, source)
        section = sections.get(home) if home is not None else None
        if section is not None:
            page.parent = section
