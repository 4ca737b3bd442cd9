"""Render every page of a portal to a self-contained Markdown artifact.

Each artifact is front matter (the escaped title) plus a body of Markdown headings and HTML
blocks whose hrefs are already relative to the page, so any engine that builds a folder of
Markdown publishes it unchanged. Pages are rendered in two passes: first the bodies (recording
which entities each names), then a "Linked from" section listing the pages that name it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from markupsafe import Markup

from okrsite.artifacts import Artifact
from okrsite.model import Status
from okrsite.portal import Portal
from okrsite.render.pages.environment import page_environment
from okrsite.render.pages.links import PageLinks
from okrsite.render.pages.lookup import Lookup
from okrsite.render.pages.markup import front_matter_title
from okrsite.render.pages.plan import PagePlan, plan_pages
from okrsite.urls import Kind, SiteUrls


@dataclass(frozen=True, slots=True)
class Embed:
    """One ready-to-paste snippet for the "Embed" section (e.g. label `Markdown`)."""

    label: str
    code: str


DiagramFor = Callable[[Kind, str], str | None]  # trusted SVG markup for an entity's page
EmbedsFor = Callable[[Kind, str], Sequence[Embed]]

KIND_ORDER = list(Kind)


def render_pages(
    portal: Portal,
    urls: SiteUrls,
    *,
    override_dir: Path | None = None,
    diagram_for: DiagramFor | None = None,
    embeds_for: EmbedsFor | None = None,
    embed_notice: str | None = None,
    updated: Mapping[tuple[Kind, str], date] | None = None,
) -> list[Artifact]:
    """Every page; `updated` gives the "last updated" date of entity pages that have one."""
    updated = updated or {}
    env = page_environment(override_dir)
    lookup = Lookup(portal)
    plans = plan_pages(portal, urls)
    shared = {
        "portal": portal,
        "model": portal.model,
        "relations": portal.relations,
        "scores": portal.scorecard,
        "as_of": portal.scorecard.as_of,
        "lookup": lookup,
        "Status": Status,
    }

    bodies: list[str] = []
    linked_from: dict[tuple[Kind, str], set[int]] = defaultdict(set)
    for number, plan in enumerate(plans):
        links = PageLinks(urls, plan.url)
        diagram = diagram_for(*plan.subject) if diagram_for and plan.subject else None
        embeds = embeds_for(*plan.subject) if embeds_for and plan.subject else ()
        bodies.append(
            env.get_template(plan.template).render(
                shared,
                **plan.context,
                page_title=plan.title,
                subject=plan.subject,
                entity=lookup.entity(*plan.subject) if plan.subject else None,
                score=lookup.score(*plan.subject) if plan.subject else None,
                links=links,
                diagram=Markup(diagram) if diagram else None,
                embeds=list(embeds),
                embed_notice=embed_notice,
                last_updated=updated.get(plan.subject) if plan.subject else None,
            )
        )
        if plan.subject is not None:
            for target in links.mentioned - {plan.subject}:
                linked_from[target].add(number)

    backlinks_template = env.get_template("okrsite/linked-from.md.jinja")
    artifacts = []
    for plan, body in zip(plans, bodies, strict=True):
        sources = sorted(
            (plans[n] for n in (linked_from.get(plan.subject, ()) if plan.subject else ())),
            key=_reading_order,
        )
        tail = backlinks_template.render(
            sources=[(source, urls.relative(plan.url, source.url)) for source in sources]
        )
        artifacts.append(Artifact(plan.source, _page_text(plan, body + tail)))
    return artifacts


def _reading_order(plan: PagePlan) -> tuple[int, str, str]:
    kind, key = plan.subject or (Kind.NORTH_STAR, "")
    return (KIND_ORDER.index(kind), plan.title.casefold(), key)


def _page_text(plan: PagePlan, body: str) -> str:
    hide = f"hide: [{', '.join(plan.hide)}]\n" if plan.hide else ""
    return f"---\ntitle: {front_matter_title(plan.title)}\n{hide}---\n\n{body.strip()}\n"
