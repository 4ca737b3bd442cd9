"""Diagram sources in, inline SVG out: from the disk cache when possible, else drawn by `dot`.

The cache holds the finished inline markup, keyed by everything it is made from: Graphviz's
version, the DOT source, the texts added after `dot` (titles, description, tooltips) and the
code that picks its direction and size (layout.py) and post-processes it (svg.py), so a
change to any of them draws the diagram anew.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from okrsite.render.diagrams import layout, svg
from okrsite.render.diagrams.cache import RenderCache
from okrsite.render.diagrams.dot import DotJob, find_dot, graphviz_version, render_documents
from okrsite.render.diagrams.graph import DiagramSource

_POST_PROCESSING = hashlib.sha256(
    Path(layout.__file__).read_bytes() + Path(svg.__file__).read_bytes()
).hexdigest()


def fingerprint(source: DiagramSource) -> str:
    """Everything besides Graphviz that decides the inline SVG of a source."""
    return json.dumps(
        [_POST_PROCESSING, source.dot, source.title, source.description, source.tooltips],
        ensure_ascii=False,
        sort_keys=True,
    )


def _jobs(sources: Iterable[DiagramSource]) -> list[DotJob]:
    return [DotJob(source.name, source.dot) for source in sources]


def _finish(cache: RenderCache, key: str, document: str, source: DiagramSource) -> str:
    markup = svg.inline_svg(document, source)
    cache.put(key, markup)
    return markup


def draw(sources: Sequence[DiagramSource], cache_dir: Path, timeout: float) -> list[str]:
    """Inline SVG for each source, in order: drawn left to right, and again top to bottom
    when that is too wide for a phone (layout.py); the second pass draws only those."""
    if not sources:
        return []
    dot = find_dot()
    cache = RenderCache(cache_dir / "diagrams")
    version = graphviz_version(dot, cache, timeout)
    keys = [cache.key(version, fingerprint(source)) for source in sources]
    drawn: dict[str, str] = {}
    cold: dict[str, DiagramSource] = {}
    for key, source in zip(keys, sources, strict=True):
        if key not in drawn and key not in cold:
            cached = cache.get(key)
            if cached is None:
                cold[key] = source
            else:
                drawn[key] = cached
    wide: dict[str, tuple[DiagramSource, str]] = {}
    across = render_documents(dot, _jobs(cold.values()), timeout, layout.ACROSS)
    for (key, source), document in zip(cold.items(), across, strict=True):
        if layout.fits_a_phone(document):
            drawn[key] = _finish(cache, key, document, source)
        else:
            wide[key] = (source, document)
    down = render_documents(dot, _jobs(s for s, _ in wide.values()), timeout, layout.DOWN)
    for (key, (source, across_document)), down_document in zip(wide.items(), down, strict=True):
        drawn[key] = _finish(cache, key, layout.choose(across_document, down_document), source)
    cache.prune()
    return [drawn[key] for key in keys]
