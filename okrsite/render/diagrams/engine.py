"""Diagram sources in, inline SVG out: from the disk cache when possible, else drawn by `dot`.

The cache holds the finished inline markup, keyed by everything it is made from: Graphviz's
version, the DOT source, the texts added after `dot` (titles, description, tooltips) and the
code of the post-processing step itself, so a change to any of them draws the diagram anew.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from okrsite.render.diagrams import svg
from okrsite.render.diagrams.cache import RenderCache
from okrsite.render.diagrams.dot import DotJob, find_dot, graphviz_version, render_documents
from okrsite.render.diagrams.graph import DiagramSource

_POST_PROCESSING = hashlib.sha256(Path(svg.__file__).read_bytes()).hexdigest()


def fingerprint(source: DiagramSource) -> str:
    """Everything besides Graphviz that decides the inline SVG of a source."""
    return json.dumps(
        [_POST_PROCESSING, source.dot, source.title, source.description, source.tooltips],
        ensure_ascii=False,
        sort_keys=True,
    )


def draw(sources: Sequence[DiagramSource], cache_dir: Path, timeout: float) -> list[str]:
    """Inline SVG for each source, in order."""
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
    jobs = [DotJob(source.name, source.dot) for source in cold.values()]
    documents = render_documents(dot, jobs, timeout)
    for (key, source), document in zip(cold.items(), documents, strict=True):
        drawn[key] = svg.inline_svg(document, source)
        cache.put(key, drawn[key])
    cache.prune()
    return [drawn[key] for key in keys]
