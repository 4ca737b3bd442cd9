"""Traceability diagrams: DOT built from a Portal, drawn by Graphviz, embedded as inline SVG.

The pages renderer asks for every diagram at once, because `dot` is fastest over many graphs
together; it gets back inline SVG markup for each page that has a diagram.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from okrsite.portal import Portal
from okrsite.render.diagrams.engine import draw
from okrsite.render.diagrams.errors import DiagramError
from okrsite.render.diagrams.graph import DiagramSource
from okrsite.render.diagrams.labels import Box, Boxes
from okrsite.render.diagrams.options import DiagramOptions
from okrsite.render.diagrams.traceability import all_diagrams, diagram_units
from okrsite.render.reads import Kept, Rereading
from okrsite.urls import Kind, SiteUrls

__all__ = ["DiagramError", "DiagramOptions", "DiagramsMemo", "redraw_diagrams", "render_diagrams"]


def render_diagrams(
    portal: Portal, urls: SiteUrls, options: DiagramOptions
) -> Mapping[tuple[Kind, str], str]:
    """Inline SVG per page, keyed by the page's (kind, key); the overview is the north star's.

    Pages with a diagram: the overview, every stage, capability, objective and team. Raises
    DiagramError with a message fit for the user when Graphviz is missing or fails.
    """
    if not options.enabled:
        return {}
    sources = list(all_diagrams(portal, urls, options.max_nodes_per_level))
    markup = draw(sources, options.cache_dir, options.timeout)
    return {source.page: svg for source, svg in zip(sources, markup, strict=True)}


@dataclass(frozen=True)
class DiagramsMemo:
    """One render's diagrams: each page's source (with what it read) and its inline SVG."""

    sources: Mapping[tuple[Kind, str], Kept[DiagramSource]]
    markup: Mapping[tuple[Kind, str], str]
    boxes: Mapping[str, Kept[Box]]


def redraw_diagrams(
    rereading: Rereading, urls: SiteUrls, options: DiagramOptions, previous: DiagramsMemo | None
) -> DiagramsMemo:
    """`render_diagrams` for a rereading: only diagrams whose reads changed since `previous`
    are built and drawn again (building every source costs about 1 s at bench size M)."""
    if not options.enabled:
        return DiagramsMemo({}, {}, {})
    boxes = Boxes(rereading.portal, rereading, previous.boxes if previous else None)
    units = diagram_units(rereading.portal, urls, options.max_nodes_per_level, boxes)
    sources = {
        page: rereading.result(previous.sources if previous else None, page, None, build)
        for page, build in units
    }
    fresh = [
        page
        for page, kept in sources.items()
        if previous is None or previous.sources.get(page) is not kept
    ]
    svgs = draw([sources[page].value for page in fresh], options.cache_dir, options.timeout)
    drawn = dict(zip(fresh, svgs, strict=True))
    markup = {
        page: drawn[page] if page in drawn else previous.markup[page]  # type: ignore[union-attr]
        for page in sources
    }
    return DiagramsMemo(sources, markup, boxes.derived.kept if boxes.derived else {})
