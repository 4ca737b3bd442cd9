"""Each page's diagram as a file of its own, for "Open full size" (most use: on a phone).

The file is the page's inline SVG at its natural size, carrying the diagram stylesheet, so it
looks as on the page and needs nothing else. It sits in the page's folder, so the links in it,
relative to the page, lead to the same pages. Made from the finished inline markup with a few
string edits (no parse): this runs on every render, for every diagram, cached or not.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from okrsite.artifacts import Artifact
from okrsite.render.diagrams.layout import drawn_size
from okrsite.urls import Kind, SiteUrls

_PAGE_SIZING = re.compile(r' style="[^"]*"')  # the one svg.py gives the root for the page
_PROLOG = '<?xml version="1.0" encoding="UTF-8"?>\n'


def standalone_svg(markup: str, stylesheet: str) -> str:
    """An SVG document from a diagram's inline markup (svg.py): the page's sizing gives way to
    a fixed height, as the root of a document has no column to fit."""
    end = markup.index(">")  # the root's start tag: `>` in attribute values is escaped
    start = markup[:end]
    height = drawn_size(start)[1]
    start = _PAGE_SIZING.sub(f' height="{height:g}pt"', start, count=1)
    style = f"<style><![CDATA[\n{stylesheet}]]></style>"
    return f"{_PROLOG}{start}>{style}{markup[end + 1 :]}\n"


def diagram_files(
    markup: Mapping[tuple[Kind, str], str], urls: SiteUrls, stylesheet: str
) -> list[Artifact]:
    """The full-size file of every page's diagram, in the order of the diagrams."""
    return [
        Artifact(urls.diagram_url(kind, key), standalone_svg(svg, stylesheet))
        for (kind, key), svg in markup.items()
    ]
