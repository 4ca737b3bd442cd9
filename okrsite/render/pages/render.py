"""Render every page of a portal to a self-contained Markdown artifact.

Each artifact is front matter plus a body of Markdown headings and HTML blocks whose hrefs are
already relative to the page, so any engine that builds a folder of Markdown publishes it
unchanged. The front matter holds the escaped title, Material's `hide:` where a page needs the
room, the entity's `tags` (which a tags plugin lists the page under, as it would a hand-written
page; nothing shows them without one) and the page's date (`PAGE_DATE`, see `page_date`).
Pages are rendered in two passes: first the bodies (recording which entities each names), then
a "Linked from" section listing the pages that name it. Each body is a unit of the incremental
engine (`okrsite/incremental/`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from okrsite.artifacts import Artifact
from okrsite.incremental.units import Kept, Rereading, Unit
from okrsite.model import Status
from okrsite.portal import Portal
from okrsite.render.pages.environment import page_environment
from okrsite.render.pages.fragments import PageParts, Parts
from okrsite.render.pages.links import PageLinks
from okrsite.render.pages.lookup import Lookup
from okrsite.render.pages.markup import front_matter_tags, front_matter_title, narrow
from okrsite.render.pages.plan import PagePlan, plan_pages
from okrsite.urls import Kind, SiteUrls


@dataclass(frozen=True, slots=True)
class Embed:
    """One ready-to-paste snippet for the "Embed" section (e.g. label `Markdown`)."""

    label: str
    code: str


DiagramFor = Callable[[Kind, str], str | None]  # trusted SVG markup for an entity's page
EmbedsFor = Callable[[Portal, Kind, str], Sequence[Embed]]  # from the portal read

KIND_ORDER = list(Kind)
PAGE_DATE = "okrsite_updated"  # the front-matter key of a page's date


@dataclass(frozen=True, slots=True)
class PageBody:
    text: str
    mentioned: frozenset[tuple[Kind, str]]  # the entities it links to
    parts: Parts  # what its template kept (`keep`), for the page's next render
    tags: tuple[str, ...] = ()  # its entity's, for the front matter


@dataclass(frozen=True)
class RenderedPages:
    """One render's pages, and what the next render of the same site may reuse."""

    artifacts: list[Artifact]
    bodies: Mapping[str, Kept[PageBody]]  # by source path
    tails: Mapping[str, tuple[tuple[object, ...], str]]  # by source: what it shows, text


class PageRenderer:
    """Every page of a portal: its units are the page bodies; `finish` adds to each the
    "Linked from" section, which needs every body (the pages that name it).

    `updated` gives the "last updated" date of entity pages that have one; `previous` is the
    last render of the same site, whose bodies and sections are reused where still valid.
    """

    def __init__(
        self,
        rereading: Rereading,
        urls: SiteUrls,
        environment: jinja2.Environment,
        *,
        diagram_for: DiagramFor | None = None,
        embeds_for: EmbedsFor | None = None,
        embed_notice: str | None = None,
        updated: Mapping[tuple[Kind, str], date] | None = None,
        previous: RenderedPages | None = None,
    ) -> None:
        self._rereading, self._urls, self._env = rereading, urls, environment
        self._diagram_for, self._embeds_for = diagram_for, embeds_for
        self._embed_notice, self._updated = embed_notice, updated or {}
        self.previous = previous
        read_from = rereading.portal
        self._lookup = Lookup(read_from)
        self.plans = plan_pages(read_from, urls)
        self._shared = {
            "portal": read_from,
            "model": read_from.model,
            "relations": read_from.relations,
            "scores": read_from.scorecard,
            "as_of": rereading.source.scorecard.as_of,
            "lookup": self._lookup,
            "Status": Status,
        }

    def units(self) -> list[Unit[str, PageBody]]:
        units = []
        for plan in self.plans:
            diagram = (
                self._diagram_for(*plan.subject) if self._diagram_for and plan.subject else None
            )
            last_updated = self._updated.get(plan.subject) if plan.subject else None
            inputs = (plan.identity, diagram, self._embed_notice, last_updated)
            make = partial(self._body, plan, diagram, last_updated, inputs)
            units.append(Unit(plan.source, inputs, make))
        return units

    def _body(
        self, plan: PagePlan, diagram: str | None, last_updated: date | None, inputs: object
    ) -> PageBody:
        links = PageLinks(self._urls, plan.url)
        old = self.previous.bodies.get(plan.source) if self.previous else None
        parts = PageParts(
            self._rereading, old.value.parts if old and old.inputs == inputs else None, links
        )
        lookup, read_from = self._lookup, self._rereading.portal
        entity = lookup.entity(*plan.subject) if plan.subject else None
        text = self._env.get_template(plan.template).render(
            self._shared,
            **plan.context(),
            page_title=plan.title,
            subject=plan.subject,
            entity=entity,
            score=lookup.score(*plan.subject) if plan.subject else None,
            links=links,
            keep=parts.keep,
            in_order=parts.in_order,
            diagram=Markup(diagram) if diagram else None,
            embeds=list(
                self._embeds_for(read_from, *plan.subject)
                if self._embeds_for and plan.subject
                else ()
            ),
            embed_notice=self._embed_notice,
            last_updated=last_updated,
        )
        parts.done()
        tags = tuple(entity.tags) if entity is not None else ()
        return PageBody(narrow(text), frozenset(links.mentioned), parts.now, tags)

    def finish(self, bodies: Mapping[str, Kept[PageBody]]) -> RenderedPages:
        """The pages with their "Linked from" sections."""
        plans, previous, urls = self.plans, self.previous, self._urls
        linked_from: dict[tuple[Kind, str], set[int]] = defaultdict(set)
        for number, plan in enumerate(plans):
            if plan.subject is not None:
                for target in bodies[plan.source].value.mentioned - {plan.subject}:
                    linked_from[target].add(number)
        backlinks_template = self._env.get_template("okrsite/linked-from.md.jinja")
        reading_order = [_reading_order(plan) for plan in plans]
        artifacts = []
        tails: dict[str, tuple[tuple[object, ...], str]] = {}
        old_artifacts = {a.path: a for a in previous.artifacts} if previous else {}
        for plan in plans:
            body = bodies[plan.source]
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
                else narrow(
                    backlinks_template.render(
                        sources=[
                            (source, urls.relative(plan.url, source.url)) for source in sources
                        ]
                    )
                )
            )
            front = _front_matter(plan, body.value.tags, self.page_date(plan, body.value))
            old = old_artifacts.get(plan.source) if reused_tail else None
            old_body = previous.bodies.get(plan.source) if previous else None
            if old is not None and old_body is body and _starts_with(old, front):
                artifacts.append(old)  # the same object: engines see at once that it is unchanged
            else:
                text = f"{front}\n{(body.value.text + tail).strip()}\n"
                artifacts.append(Artifact(plan.source, text))
            tails[plan.source] = (shown, tail)
        return RenderedPages(artifacts, bodies, tails)

    def page_date(self, plan: PagePlan, body: PageBody) -> date | None:
        """When what the page shows last changed: an entity page's entity's last update; a
        listing's latest of the entities it shows. None when no date is known (no history).

        Why not the as-of date for listings: it moves every day a portal is built without a
        pinned `as_of`, so it would say "changed today" of every listing, every day, as the
        build date does; an engine can still fall back to it where no date is given."""
        if plan.subject is not None:
            return self._updated.get(plan.subject)
        shown = [self._updated[ref] for ref in body.mentioned if ref in self._updated]
        return max(shown, default=None)


def render_pages(
    portal: Portal,
    urls: SiteUrls,
    *,
    override_dir: Path | None = None,
    **options: Any,
) -> list[Artifact]:
    """The pages of a portal rendered once: `PageRenderer` with nothing to reuse."""
    rereading = Rereading(portal, None)
    pages = PageRenderer(rereading, urls, page_environment(override_dir), **options)
    [bodies] = rereading.results((None, pages.units()))
    return pages.finish(bodies).artifacts


def _reading_order(plan: PagePlan) -> tuple[int, str, str]:
    kind, key = plan.subject or (Kind.NORTH_STAR, "")
    return (KIND_ORDER.index(kind), plan.title.casefold(), key)


def _front_matter(plan: PagePlan, tags: tuple[str, ...], day: date | None) -> str:
    """The page's front matter, `---` lines included."""
    hide = f"hide: [{', '.join(plan.hide)}]\n" if plan.hide else ""
    tag_line = front_matter_tags(tags) if tags else ""
    date_line = f"{PAGE_DATE}: {day.isoformat()}\n" if day is not None else ""
    return f"---\ntitle: {front_matter_title(plan.title)}\n{hide}{tag_line}{date_line}---\n"


def _starts_with(artifact: Artifact, front: str) -> bool:
    return isinstance(artifact.content, str) and artifact.content.startswith(front)
