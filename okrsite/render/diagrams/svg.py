"""Turn `dot`'s SVG document into markup that can sit inside a page.

The XML prolog, doctype and comments go; the colours `dot` bakes in become `currentColor`, so
the diagram follows the page's light or dark palette (okrsite-diagrams.css adds status colours);
the full titles come back as `<title>` tooltips exactly as typed; the SVG gets an accessible
name and description and scales down to the content width, but no further than its text stays
readable (layout.py). The result is a single line, so a Markdown page can hold it as one raw
HTML block.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from okrsite.render.diagrams.graph import DiagramSource
from okrsite.render.diagrams.layout import drawn_width, min_width_px

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
_PAGED = re.compile(r"^page\d+,\d+_")
_BAKED_COLOURS = {"black": "currentColor", "white": "none", "transparent": "none"}


def _tag(name: str) -> str:
    return f"{{{SVG}}}{name}"


def _classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def _strip_layout_whitespace(root: ET.Element) -> None:
    """Drop the newlines `dot` puts between elements; text inside `<text>`/`<title>` stays."""
    for element in root.iter():
        element.tail = None
        if len(element) and element.text is not None and not element.text.strip():
            element.text = None


def _unqualify(root: ET.Element) -> None:
    """Plain tag names and one `xmlns` on the root, as SVG is written inside HTML."""
    for element in root.iter():
        element.tag = element.tag.removeprefix(f"{{{SVG}}}")
    root.set("xmlns", SVG)


def _repaint(root: ET.Element) -> None:
    for element in root.iter():
        for attribute in ("fill", "stroke"):
            value = element.get(attribute)
            if value in _BAKED_COLOURS:
                element.set(attribute, _BAKED_COLOURS[value])
        if element.tag == _tag("text") and element.get("fill") is None:
            element.set("fill", "currentColor")


def _relink(group: ET.Element) -> None:
    """SVG 2 `href` instead of `xlink:href`; the tooltip is the group's `<title>`."""
    for anchor in group.iter(_tag("a")):
        href = anchor.attrib.pop(f"{{{XLINK}}}href", None)
        anchor.attrib.pop(f"{{{XLINK}}}title", None)
        if href is not None:
            anchor.set("href", href)


def _retitle(group: ET.Element, text: str | None) -> None:
    title = group.find(_tag("title"))
    if title is None:
        return
    if text is None:
        group.remove(title)
    else:
        title.text = text


def inline_svg(document: str, source: DiagramSource) -> str:
    root = ET.fromstring(document)
    graph = root.find(_tag("g"))
    if graph is None or "graph" not in _classes(graph):
        raise ValueError(f"unexpected SVG from dot for {source.name}")
    # `dot` (2.43 at least) names the graph of every document after the first it draws in one
    # process "page0,1_<name>": a diagram must not depend on its place in a batch of them.
    graph.set("id", _PAGED.sub("", graph.get("id", "")))
    _retitle(graph, None)
    background = graph.find(_tag("polygon"))
    if background is not None:
        graph.remove(background)
    for group in graph.iter(_tag("g")):
        classes = _classes(group)
        if "node" in classes:
            _retitle(group, source.tooltips.get(group.get("id", "")))
            _relink(group)
        elif "edge" in classes:
            _retitle(group, None)
    _repaint(root)
    _strip_layout_whitespace(root)

    title_id, desc_id = f"{source.graph_id}-title", f"{source.graph_id}-desc"
    title = ET.Element(_tag("title"), {"id": title_id})
    title.text = source.title
    description = ET.Element(_tag("desc"), {"id": desc_id})
    description.text = source.description
    root.insert(0, description)
    root.insert(0, title)
    # "group", not "img": an img's children are hidden from assistive technology, and every
    # box here is a link people must be able to reach.
    root.set("role", "group")
    root.set("aria-labelledby", f"{title_id} {desc_id}")
    root.set("class", "okrsite-diagram-svg")
    # Natural width, shrunk to fit the column down to the smallest readable size (the page's
    # box scrolls past that); without a height attribute the viewBox's aspect ratio sets the
    # height, so a shrunk diagram leaves no empty band.
    root.attrib.pop("height", None)
    least = min_width_px(drawn_width(document))
    root.set("style", f"max-width:100%;min-width:{least}px;height:auto")
    _unqualify(root)
    markup = ET.tostring(root, encoding="unicode")
    # Only user text still holds line breaks; as references they survive HTML and XML parsing.
    return markup.replace("\r", "&#13;").replace("\n", "&#10;")
