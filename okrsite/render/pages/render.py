"""Render every page of a portal to a self-contained Markdown artifact.

Each artifact is front matter (the escaped title) plus a body of Markdown headings and HTML
blocks whose hrefs are already relative to the page, so any engine that builds a folder of
Markdown publishes it unchanged. Pages are rendered in two passes: first the bodies (recording
which entities each names), then a "Linked from" section listing the pages that name it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from okrsite.artifacts import Artifact
from okrsite.model import Status
from okrsite.portal import Portal
from okrsite.render.forked import computed
from okrsite.render.pages.environment import page_environment
from okrsite.render.pages.fragments import Fragments, Made
from okrsite.render.pages.links import PageLinks
from okrsite.render.pages.lookup import Lookup
from okrsite.render.pages.markup import front_matter_title
from okrsite.render.pages.plan import PagePlan, plan_pages
from okrsite.render.reads import Kept, Rereading
from okrsite.urls import Kind, SiteUrls


@dataclass(frozen=True, slots=True)
class Embed:
    """One ready-to-paste snippet for the "Embed" section (e.g. label `Markdown`)."""

    label: str
    code: str


DiagramFor = Callable[[Kind, str], str | None]  # trusted SVG markup for an entity's page
EmbedsFor = Callable[[Portal, Kind, str], Sequence[Embed]]  # from the portal read

KIND_ORDER = list(Kind)


@dataclass(frozen=True, slots=True)
class PageBody:
    text: str
    mentioned: frozenset[tuple[Kind, str]]  # the entities it links to


@dataclass(frozen=True)
class PagesMemo:
    """One render's pages, kept to be reused by the next (`render_pages(previous=...)`)."""

    bodies: Mapping[str, Kept[PageBody]]  # by source path
    fragments: Mapping[str, Mapping[Hashable, Kept[Made]]]  # parts of pages, by source path
    tails: Mapping[str, tuple[tuple[object, ...], str]]  # by source: what it shows, text
    artifacts: Mapping[str, Artifact]


@dataclass(frozen=True)
class RenderedPages:
    artifacts: list[Artifact]
    memo: PagesMemo | None  # with a `rereading` only
    beside: list[list[Artifact]]  # what the `beside` renders made, in order


def render_pages(
    portal: Portal,
    urls: SiteUrls,
    *,
    override_dir: Path | None = None,
    diagram_for: DiagramFor | None = None,
    embeds_for: EmbedsFor | None = None,
    embed_notice: str | None = None,
    updated: Mapping[tuple[Kind, str], date] | None = None,
    rereading: Rereading | None = None,
    previous: PagesMemo | None = None,
    environment: jinja2.Environment | None = None,
    beside: Sequence[Callable[[], list[Artifact]]] = (),
) -> RenderedPages:
    """Every page; `updated` gives the "last updated" date of entity pages that have one.

    With a `rereading` (of `portal`), pages read the portal through it and are returned in a
    memo; `previous`, the memo of the render before, supplies every page whose reads and
    inputs did not change. A given `environment` (of `page_environment(override_dir)`) saves
    compiling the templates again. `beside` are other renders of the site (badges, exports)
    that share the cores with the page bodies (`okrsite/render/forked.py`).
    """
    updated = updated or {}
    env = environment or page_environment(override_dir)
    read_from = rereading.portal if rereading else portal
    lookup = Lookup(read_from)
    plans = plan_pages(read_from, urls)
    fragments = Fragments(rereading, previous.fragments if previous else None)
    shared = {
        "portal": read_from,
        "model": read_from.model,
        "relations": read_from.relations,
        "scores": read_from.scorecard,
        "as_of": portal.scorecard.as_of,
        "lookup": lookup,
        "Status": Status,
    }

    def body_of(
        plan: PagePlan, diagram: str | None, last_updated: date | None, inputs: object
    ) -> PageBody:
        links = PageLinks(urls, plan.url)
        old = previous.bodies.get(plan.source) if previous else None
        keep = fragments.keeper(plan.source, links, old is not None and old.inputs == inputs)
        text = env.get_template(plan.template).render(
            shared,
            **plan.context(),
            page_title=plan.title,
            subject=plan.subject,
            entity=lookup.entity(*plan.subject) if plan.subject else None,
            score=lookup.score(*plan.subject) if plan.subject else None,
            links=links,
            keep=keep,
            diagram=Markup(diagram) if diagram else None,
            embeds=list(
                embeds_for(read_from, *plan.subject) if embeds_for and plan.subject else ()
            ),
            embed_notice=embed_notice,
            last_updated=last_updated,
        )
        fragments.page_done()
        return PageBody(text, frozenset(links.mentioned))

    makes: list[Callable[[], PageBody]] = []
    kept: dict[str, Kept[PageBody]] = {}
    for plan in plans:
        diagram = diagram_for(*plan.subject) if diagram_for and plan.subject else None
        last_updated = updated.get(plan.subject) if plan.subject else None
        inputs = (plan.identity, diagram, embed_notice, last_updated)
        make = partial(body_of, plan, diagram, last_updated, inputs)
        if rereading is None:
            makes.append(make)
            continue
        kept[plan.source] = rereading.result(
            previous.bodies if previous else None, plan.source, inputs, make
        )
        if previous and kept[plan.source] is previous.bodies.get(plan.source):
            fragments.carry(plan.source)
    if rereading is None:  # the others first: alternating, they go to both processes
        made: list[Any] = computed([*beside, *makes])
        others, bodies = made[: len(beside)], made[len(beside) :]
    else:
        others, bodies = [make() for make in beside], [kept[p.source].value for p in plans]

    linked_from: dict[tuple[Kind, str], set[int]] = defaultdict(set)
    for number, (plan, body) in enumerate(zip(plans, bodies, strict=True)):
        if plan.subject is not None:
            for target in body.mentioned - {plan.subject}:
                linked_from[target].add(number)
    backlinks_template = env.get_template("okrsite/linked-from.md.jinja")
    reading_order = [_reading_order(plan) for plan in plans]
    artifacts = []
    tails: dict[str, tuple[tuple[object, ...], str]] = {}
    for plan, body in zip(plans, bodies, strict=True):
        sources = [
            plans[n]
            for n in sorted(
                linked_from.get(plan.subject, ()) if plan.subject else (),
                key=reading_order.__getitem__,
            )
        ]
        shown = (plan.url, *(source.identity for source in sources))  # what the tail says
        old_tail = previous.tails.get(plan.source) if previous else None
        reused_tail = old_tail is not None and old_tail[0] == shown
        tail = (
            old_tail[1]
            if old_tail is not None and reused_tail
            else backlinks_template.render(
                sources=[(source, urls.relative(plan.url, source.url)) for source in sources]
            )
        )
        old = previous.artifacts.get(plan.source) if previous and reused_tail else None
        old_body = previous.bodies.get(plan.source) if previous else None
        if old is not None and old_body is not None and old_body.value is body:
            artifacts.append(old)  # the same object: engines see at once that it is unchanged
        else:
            artifacts.append(Artifact(plan.source, _page_text(plan, body.text + tail)))
        tails[plan.source] = (shown, tail)
    if rereading is None:
        return RenderedPages(artifacts, None, others)
    by_source = {artifact.path: artifact for artifact in artifacts}
    return RenderedPages(artifacts, PagesMemo(kept, fragments.by_page, tails, by_source), others)


def _reading_order(plan: PagePlan) -> tuple[int, str, str]:
    kind, key = plan.subject or (Kind.NORTH_STAR, "")
    return (KIND_ORDER.index(kind), plan.title.casefold(), key)


def _page_text(plan: PagePlan, body: str) -> str:
    hide = f"hide: [{', '.join(plan.hide)}]\n" if plan.hide else ""
    return f"---\ntitle: {front_matter_title(plan.title)}\n{hide}---\n\n{body.strip()}\n"
