"""Traceability diagrams: DOT built from a Portal, drawn by Graphviz, embedded as inline SVG.

Every diagram is built before the pages, which embed its inline SVG markup; each is also
written beside its page as a file of its own, to open full size (standalone.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from okrsite.incremental.units import Kept, Rereading, Unit
from okrsite.portal import Portal
from okrsite.render.diagrams.engine import draw
from okrsite.render.diagrams.errors import DiagramError
from okrsite.render.diagrams.graph import DiagramSource
from okrsite.render.diagrams.labels import Box, Boxes
from okrsite.render.diagrams.options import DiagramOptions
from okrsite.render.diagrams.traceability import diagram_units
from okrsite.urls import Kind, SiteUrls

__all__ = ["DiagramError", "DiagramOptions", "DrawnDiagrams", "draw_diagrams", "render_diagrams"]


@dataclass(frozen=True)
class DrawnDiagrams:
    """One render's diagrams: each page's source (with what it read) and its inline SVG."""

    sources: Mapping[tuple[Kind, str], Kept[DiagramSource]]
    markup: Mapping[tuple[Kind, str], str]
    boxes: Mapping[str, Kept[Box]]


def draw_diagrams(
    rereading: Rereading, urls: SiteUrls, options: DiagramOptions, previous: DrawnDiagrams | None
) -> DrawnDiagrams:
    """Inline SVG per page, keyed by the page's (kind, key); the overview is the north star's.

    Pages with a diagram: the overview, every stage, capability, objective and team. Only
    diagrams whose reads changed since `previous` are built and drawn again (building every
    source costs about 1 s at bench size M); `dot` draws them all in one run, as it is fastest
    over many graphs together. Raises DiagramError with a message fit for the user when
    Graphviz is missing or fails.
    """
    if not options.enabled:
        return DrawnDiagrams({}, {}, {})
    boxes = Boxes(rereading, previous.boxes if previous else None)
    units = diagram_units(boxes, urls, options.max_nodes_per_level)
    [sources] = rereading.results(
        (
            previous.sources if previous else None,
            [Unit(page, None, build) for page, build in units],
        ),
    )
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
    return DrawnDiagrams(sources, markup, boxes.derived.kept)


def render_diagrams(
    portal: Portal, urls: SiteUrls, options: DiagramOptions
) -> Mapping[tuple[Kind, str], str]:
    """The diagrams of a portal drawn once: `draw_diagrams` with nothing to reuse."""
    return draw_diagrams(Rereading(portal, None), urls, options, None).markup
