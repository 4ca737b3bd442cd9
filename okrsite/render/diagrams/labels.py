"""What a diagram box says: the title shortened to a few lines, then progress and status.

Labels go to DOT escaped (`graphviz.escape` also stops a title such as `<b>` being read as an
HTML label); the full title travels beside the DOT source and becomes the box's tooltip.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import graphviz

from okrsite.compute.wording import progress_and_status
from okrsite.incremental.units import Derived, Kept, Rereading
from okrsite.render.diagrams.facts import OUTCOME, NodeFacts, NodeKind, entity_facts, outcome_facts
from okrsite.urls import Kind

# Narrow boxes keep a diagram within the page (layout.py): at 24 characters a line, the
# overview's five levels side by side were too wide to read on a 1440 px screen.
LABEL_WIDTH = 20  # characters per label line
LABEL_LINES = 3  # title lines before the progress line

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text XML 1.0 can carry: control characters other than line breaks and tab become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def label_lines(title: str, state: str) -> list[str]:
    """The title shortened to a few lines, then the progress line."""
    flat = " ".join(xml_safe(title).split()) or "(untitled)"
    lines = textwrap.wrap(flat, LABEL_WIDTH, max_lines=LABEL_LINES, placeholder=" …")
    return [*lines, state]


def state_text(facts: NodeFacts) -> str:
    """`42% · at risk`: never colour alone."""
    return progress_and_status(facts.progress, facts.status)


def dot_text(text: str) -> str:
    """Text `dot` writes out as typed.

    `graphviz.escape` doubles backslashes (so `\\N` is no placeholder) and marks the text as no
    HTML label; `&` is written as `&amp;` because `dot` copies anything that looks like an
    entity (`&amp;`, `&#x41;`) into its SVG unescaped, where it would be decoded.
    """
    return graphviz.escape(text.replace("&", "&amp;"))


def dot_label(lines: Sequence[str]) -> str:
    """Escaped lines joined by DOT's centred line break."""
    return graphviz.nohtml("\\n".join(dot_text(line) for line in lines))


@dataclass(frozen=True, slots=True)
class Box:
    title: str  # the full title, XML-safe: the box's tooltip
    label: str  # escaped DOT label
    status: str  # names the box's CSS class


BOX_NAMESPACE = "diagram box"


class Boxes:
    """Each entity's box worked out once, though the entity appears in many diagrams. Boxes
    are `Derived` values: a diagram depends on the boxes it shows, so an edit that leaves every
    box it shows alone (the north star still at 42 %) does not redraw it."""

    def __init__(
        self, rereading: Rereading, previous: Mapping[str, Kept[Box]] | None = None
    ) -> None:
        self.portal = rereading.portal
        self.derived = Derived(rereading, BOX_NAMESPACE, self._make, previous)

    def of(self, kind: NodeKind, key: str) -> Box:
        return self.derived.get(f"{kind}\0{key}")

    def _make(self, unit: str) -> Box:
        kind, key = unit.split("\0", 1)
        if kind == OUTCOME:
            facts = outcome_facts(self.portal, key)
        else:
            facts = entity_facts(self.portal, Kind(kind), key)
        label = dot_label(label_lines(facts.title, state_text(facts)))
        return Box(xml_safe(facts.title), label, facts.status)
