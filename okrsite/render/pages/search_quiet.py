"""Parts of generated pages a site search should not index, and how they are marked.

Why: they repeat what other pages say or are not prose: charts and diagrams (axis labels,
dates, other entities' titles), the embed snippets (the same URLs on every page), the index
tables and matrix (one row per entity, each with its own page), and on entity pages the tables
of objectives and key results and the "Linked from" list (each row or item is another page's
title and numbers). Indexed, they push duplicate hits above the page a reader looks for; at
bench size M the first group was about 40 % of the markup Material's search plugin parsed in
every build and the second another 20 %, and Zensical refused the initiatives index (over its
16,384-token limit for one field). The templates mark such an element with the attribute
Material and Zensical both honour; the MkDocs plugin also keeps a marked block out of what
Material's search parser reads at all (mkdocs_plugin/raw_html.py).
"""

from __future__ import annotations

SEARCH_EXCLUDE = "data-search-exclude"
