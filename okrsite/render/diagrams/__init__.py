"""Traceability diagrams: DOT built from a Portal, drawn by Graphviz, embedded as inline SVG.

The pages renderer asks for every diagram at once, because `dot` is fastest over many graphs
together; it gets back inline SVG markup for each page that has a diagram.
"""

from __future__ import annotations

from collections.abc import Mapping

from okrsite.portal import Portal
from okrsite.render.diagrams.engine import draw
from okrsite.render.diagrams.errors import DiagramError
from okrsite.render.diagrams.options import DiagramOptions
from okrsite.render.diagrams.traceability import all_diagrams
from okrsite.urls import Kind, SiteUrls

__all__ = ["DiagramError", "DiagramOptions", "render_diagrams"]


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
