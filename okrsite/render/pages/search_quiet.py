"""Parts of generated pages a site search should not index.

Why: they repeat what other pages say or are not prose: charts and diagrams (axis labels,
dates, other entities' titles), the embed snippets (the same URLs on every page) and the index
tables and matrix (one row per entity, each with its own page). Indexed, they push duplicate
hits above the page a reader looks for; at bench size M they were about 40 % of the markup
Material's search plugin parsed in every build. Engines that can leave page parts out of their
index match a part by the classes on its outermost element.
"""

from __future__ import annotations

SEARCH_QUIET_CLASSES = frozenset(
    {"okr-trend", "okr-diagram", "okr-embed__preview", "okr-index", "okr-matrix"}
)
