"""What a generated page's front matter tells an engine and its plugins besides the title: its
entity's tags (Material's tags plugin lists the page under them) and its date (what the page
shows last changed, which mkdocs-git-revision-date-localized shows: mkdocs_plugin/git_dates.py).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import yaml
from history_repo import small_model

from okrsite.portal import assemble_portal
from okrsite.render.pages import render_pages
from okrsite.render.pages.render import PAGE_DATE
from okrsite.urls import Kind, SiteUrls

AS_OF = date(2026, 11, 23)


def front_matter(text: str | bytes) -> dict[str, object]:
    assert isinstance(text, str) and text.startswith("---\n")
    loaded = yaml.safe_load(text.removeprefix("---\n").partition("\n---\n")[0])
    assert isinstance(loaded, dict)
    return loaded


def pages(updated: dict[tuple[Kind, str], date]) -> dict[str, dict[str, object]]:
    model = small_model()
    tagged = replace(model.objectives["check-in"], tags=("airport", "<b>x</b>"))
    portal = assemble_portal(replace(model, objectives={"check-in": tagged}), AS_OF)
    return {
        artifact.path: front_matter(artifact.content)
        for artifact in render_pages(portal, SiteUrls("okrs"), updated=updated)
    }


def test_an_entity_page_carries_its_tags_and_its_last_update() -> None:
    shown = pages({(Kind.OBJECTIVE, "check-in"): date(2026, 10, 5)})
    objective = shown["okrs/objectives/check-in.md"]
    assert objective["tags"] == ["airport", "&lt;b&gt;x&lt;/b&gt;"]  # escaped, as titles are
    assert objective[PAGE_DATE] == date(2026, 10, 5)
    assert "tags" not in shown["okrs/key-results/adoption.md"]


def test_a_listing_is_dated_by_the_latest_it_shows_and_undated_pages_say_nothing() -> None:
    shown = pages({
        (Kind.KEY_RESULT, "adoption"): date(2026, 9, 1),
        (Kind.KEY_RESULT, "wait-time"): date(2026, 10, 12),
    })  # fmt: skip
    assert shown["okrs/key-results/index.md"][PAGE_DATE] == date(2026, 10, 12)
    assert shown["okrs/key-results/adoption.md"][PAGE_DATE] == date(2026, 9, 1)
    assert PAGE_DATE not in shown["okrs/key-results/kiosk-launch.md"]
    assert PAGE_DATE not in pages({})["okrs/objectives/index.md"]
