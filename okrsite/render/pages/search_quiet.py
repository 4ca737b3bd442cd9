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

What search does index it should read cleanly: an entity page's facts open its search preview.
"""

from __future__ import annotations

import re

from markupsafe import Markup

SEARCH_EXCLUDE = "data-search-exclude"
FACT_SEPARATOR = "<template> · </template>"  # for search only: inert, the page shows a grid
_VALUE_BEFORE_NAME = re.compile(r"\s*</dd>\s*(?=<dt>)")


def separated_facts(pairs: str) -> Markup:
    """A facts list (`<dt>` name, `<dd>` value, ...) as site search reads it: `Progress 53% ·
    Status off track`, not `Progress53% Statusoff track`. Material's search keeps only the
    text of a list of terms, run together, so a space parts each name from its value and a
    separator follows every value but the last: in a `<template>` (an element a `<dl>` may hold
    between its pairs), which browsers never show, screen readers skip and search still reads."""
    spaced = str(pairs).replace("</dt><dd>", "</dt> <dd>")
    return Markup(_VALUE_BEFORE_NAME.sub(f"</dd>{FACT_SEPARATOR}", spaced))
