"""One diagram under construction: entity boxes with their links, and levels kept small.

Nodes are named n0, n1… so no title ever becomes a DOT identifier; labels and links reach DOT
escaped (labels.py), and the full titles travel beside the DOT source so the SVG
post-processing can put them back exactly as typed. Past a set number of nodes a level is
collapsed into counted nodes, so a diagram stays small whatever the size of the organisation.
The source sets no direction (`rankdir`): the renderer picks the one that fits the page (layout.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

import graphviz

from okrsite.render.diagrams.facts import NOUNS, OUTCOME, NodeKind
from okrsite.render.diagrams.labels import Box, Boxes, dot_label, dot_text, xml_safe
from okrsite.urls import Kind, SiteUrls

Relation = Literal["traces", "lifts", "outcome"]
MORE = "more"  # identity prefix of counted nodes

FONT_SIZE = 11  # of every box's text, in points: the SVG's units
_GRAPH_ATTRIBUTES = {
    "bgcolor": "transparent",
    "nodesep": "0.25",
    "ranksep": "0.4",  # inches between levels; at 0.5, 2 more demo diagrams overflow a phone
}
_NODE_ATTRIBUTES = {
    "shape": "box",
    "style": "rounded",
    "fontname": "Helvetica,Arial,sans-serif",
    "fontsize": str(FONT_SIZE),
    "margin": "0.12,0.06",
}
_EDGE_ATTRIBUTES = {"arrowsize": "0.6"}
_EDGE_STYLES: dict[Relation, dict[str, str]] = {
    "traces": {"class": "okrsite-edge"},
    "lifts": {"class": "okrsite-edge okrsite-edge-lifts", "style": "dashed"},
    "outcome": {"class": "okrsite-edge okrsite-edge-outcome", "style": "dashed"},
}


@dataclass(frozen=True, slots=True)
class DiagramSource:
    """A diagram ready for `dot`, and what its SVG needs that DOT cannot carry exactly."""

    page: tuple[Kind, str]  # the page that embeds it
    name: str  # how error messages call it
    graph_id: str  # prefix of every id in its SVG, unique across the site
    dot: str
    title: str
    description: str
    tooltips: Mapping[str, str]  # SVG id of a node group -> the entity's full title


@dataclass(frozen=True, slots=True)
class Group:
    """Children of one node on the next level, and where the full list of them lives."""

    parent: str  # node name
    children: Sequence[str]  # entity keys
    full_list_url: str  # site-relative URL


def graph_id_of(page: tuple[Kind, str]) -> str:
    kind, key = page
    return f"okrsite-{kind.value}-{re.sub(r'[^a-z0-9_-]', '_', key)}"


def allocate(counts: Sequence[int], budget: int) -> list[int]:
    """Share `budget` places among groups one at a time in turn, so no group starves the rest."""
    shares = [0] * len(counts)
    remaining = budget
    while remaining > 0:
        grew = False
        for index, count in enumerate(counts):
            if remaining > 0 and shares[index] < count:
                shares[index] += 1
                remaining -= 1
                grew = True
        if not grew:
            break
    return shares


class TraceGraph:
    """Builds one diagram's DOT source; nodes are named n0, n1… so no title becomes an id."""

    def __init__(
        self, boxes: Boxes, urls: SiteUrls, page: tuple[Kind, str], max_nodes_per_level: int
    ) -> None:
        self.boxes = boxes
        self.portal = boxes.portal
        self.urls = urls
        self.page = page
        self.max_nodes = max_nodes_per_level
        self.page_url = urls.page_url(*page)
        self.graph_id = graph_id_of(page)
        self._digraph = graphviz.Digraph(
            name=self.graph_id,
            graph_attr={**_GRAPH_ATTRIBUTES, "id": self.graph_id},
            node_attr=_NODE_ATTRIBUTES,
            edge_attr=_EDGE_ATTRIBUTES,
        )
        self._names: dict[tuple[NodeKind | str, str], str] = {}
        self._edges: set[tuple[str, str]] = set()
        self._tooltips: dict[str, str] = {}
        self._shown: Counter[NodeKind] = Counter()
        self._hidden: dict[NodeKind, set[str]] = {}

    # Nodes ---------------------------------------------------------------------------------
    def has(self, kind: NodeKind, key: str) -> bool:
        return (kind, key) in self._names

    def node(self, kind: NodeKind, key: str) -> str:
        """The node of an entity or outcome, added on first use."""
        return self.outcome(key) if kind == OUTCOME else self.entity(Kind(kind), key)

    def entity(self, kind: Kind, key: str) -> str:
        """The node of an entity; the page's own entity is highlighted."""
        if (kind, key) not in self._names:
            focus = " okrsite-focus" if (kind, key) == self.page else ""
            classes = f"okrsite-kind-{kind.value}{focus}"
            self._add((kind, key), self.boxes.of(kind, key), self.urls.page_url(kind, key), classes)
        return self._names[(kind, key)]

    def outcome(self, key: str) -> str:
        """Outcome categories have no page; they link to their row on the overview."""
        if (OUTCOME, key) not in self._names:
            url = f"{self.urls.overview_url()}#outcome-{quote(key, safe='')}"
            self._add((OUTCOME, key), self.boxes.of(OUTCOME, key), url, f"okrsite-kind-{OUTCOME}")
        return self._names[(OUTCOME, key)]

    def _add(self, identity: tuple[NodeKind, str], box: Box, url: str, classes: str) -> None:
        name = f"n{len(self._names)}"
        self._names[identity] = name
        self._shown[identity[0]] += 1
        element_id = f"{self.graph_id}-{name}"
        self._tooltips[element_id] = box.title
        self._digraph.node(
            name,
            label=box.label,
            href=dot_text(self._href(url)),
            id=element_id,
            **{"class": f"okrsite-node {classes} okrsite-status-{box.status}"},
        )

    def _counted(self, hidden: Sequence[str], kind: NodeKind, url: str, more: bool) -> str:
        """A node standing for entities left out, linking to where they are all listed."""
        self._hidden.setdefault(kind, set()).update(hidden)
        count = len(hidden)
        name = f"n{len(self._names)}"
        self._names[(MORE, name)] = name
        element_id = f"{self.graph_id}-{name}"
        noun = NOUNS[kind][0 if count == 1 else 1]
        text = f"+{count} more {noun}" if more else f"{count} {noun}"
        self._tooltips[element_id] = f"{text}: see the full list"
        self._digraph.node(
            name,
            label=dot_label([text]),
            href=dot_text(self._href(url)),
            id=element_id,
            style="rounded,dashed",
            **{"class": f"okrsite-node okrsite-more okrsite-kind-{kind}"},
        )
        return name

    def _href(self, url: str) -> str:
        path, hash_mark, fragment = url.partition("#")
        return self.urls.relative(self.page_url, path) + hash_mark + fragment

    # Edges and levels ----------------------------------------------------------------------
    def edge(self, tail: str, head: str, relation: Relation = "traces") -> None:
        if (tail, head) not in self._edges:
            self._edges.add((tail, head))
            self._digraph.edge(tail, head, **_EDGE_STYLES[relation])

    def level(
        self,
        kind: NodeKind,
        groups: Sequence[Group],
        relation: Relation = "traces",
        shared_full_list_url: str | None = None,
    ) -> list[str]:
        """Add the children of several parents as one level of at most `max_nodes` new nodes.

        Places are shared fairly among parents; what does not fit becomes a counted node per
        parent linking to that parent's full list, or one counted node for the whole level
        linking to `shared_full_list_url`. Returns the keys shown, in order.
        """
        seen: set[str] = set()
        fresh: list[list[str]] = []
        for group in groups:
            new = [c for c in group.children if c not in seen and not self.has(kind, c)]
            seen.update(new)
            fresh.append(new)
        shares = allocate([len(new) for new in fresh], self.max_nodes)
        shown = {key for new, share in zip(fresh, shares, strict=True) for key in new[:share]}
        shown_in_order: list[str] = []
        hidden_anywhere: dict[str, None] = {}
        hidden_parents: list[str] = []
        for group in groups:
            hidden = []
            for child in group.children:
                if child in shown or self.has(kind, child):
                    if child in shown and not self.has(kind, child):
                        shown_in_order.append(child)
                    self.edge(group.parent, self.node(kind, child), relation)
                else:
                    hidden.append(child)
            if hidden and shared_full_list_url is None:
                more = len(hidden) < len(group.children)
                counted = self._counted(hidden, kind, group.full_list_url, more)
                self.edge(group.parent, counted, relation)
            elif hidden:
                hidden_anywhere.update(dict.fromkeys(hidden))
                hidden_parents.append(group.parent)
        if hidden_anywhere and shared_full_list_url is not None:
            counted = self._counted(list(hidden_anywhere), kind, shared_full_list_url, True)
            for parent in hidden_parents:
                self.edge(parent, counted, relation)
        return shown_in_order

    # Result --------------------------------------------------------------------------------
    def source(self, title: str, intro: str) -> DiagramSource:
        kind, key = self.page
        return DiagramSource(
            page=self.page,
            name=f"the diagram of {NOUNS[kind][0]} {key!r}",
            graph_id=self.graph_id,
            dot=self._digraph.source,
            title=xml_safe(title),
            description=xml_safe(f"{intro} {self._census()} Each box links to its page."),
            tooltips=dict(self._tooltips),
        )

    def _census(self) -> str:
        """`Shows 1 north star, 12 objectives (37 more not shown).`"""
        parts = []
        for kind in NOUNS:
            shown = self._shown[kind]
            hidden = sum(not self.has(kind, key) for key in self._hidden.get(kind, ()))
            if shown or hidden:
                part = f"{shown} {NOUNS[kind][0 if shown == 1 else 1]}"
                parts.append(f"{part} ({hidden} more not shown)" if hidden else part)
        return f"Shows {', '.join(parts)}."
