"""The owners index: every owner named in the content, with exactly the objectives and key
results they own (a key result without an owner is its objective's owner's)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from history_repo import small_model

from okrsite.load import load_content
from okrsite.model import Model
from okrsite.portal import Portal, assemble_portal
from okrsite.relations import build_relations
from okrsite.render.pages import render_pages
from okrsite.urls import Kind, SiteUrls

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 23)
URLS = SiteUrls()


def owners_page(portal: Portal) -> BeautifulSoup:
    pages = {a.path: a.content for a in render_pages(portal, URLS)}
    return BeautifulSoup(str(pages[URLS.index_source("owners")]), "html.parser")


def rows(page: BeautifulSoup) -> dict[str, tuple[list[str], list[str]]]:
    """Owner → (objective hrefs, key-result hrefs) as the table shows them."""
    found = {}
    for row in page.select("tbody tr"):
        owner, objectives, key_results = row.find_all("td")
        found[owner.get_text(strip=True)] = (
            [a["href"] for a in objectives.select("a")],
            [a["href"] for a in key_results.select("a")],
        )
    return found


@pytest.fixture(scope="module")
def demo() -> Portal:
    loaded = load_content(ROOT / "content")
    assert loaded.model is not None
    return assemble_portal(loaded.model, AS_OF)


def test_every_owner_lists_exactly_what_they_own(demo: Portal) -> None:
    model = demo.model
    expected: dict[str, tuple[list[str], list[str]]] = {}
    for key, objective in model.objectives.items():
        if objective.owner:
            expected.setdefault(objective.owner, ([], []))[0].append(key)
    for key, key_result in model.key_results.items():
        owner = key_result.owner or model.objectives[key_result.objective].owner
        if owner:
            expected.setdefault(owner, ([], []))[1].append(key)
    href = URLS.relative
    index_url = URLS.index_url("owners")
    shown = rows(owners_page(demo))

    assert len(expected) > 5, "the demo names owners"
    assert list(shown) == sorted(expected, key=str.casefold)
    for owner, (objectives, key_results) in expected.items():
        assert shown[owner] == (
            [href(index_url, URLS.page_url(Kind.OBJECTIVE, k)) for k in objectives],
            [href(index_url, URLS.page_url(Kind.KEY_RESULT, k)) for k in key_results],
        ), owner


def test_a_key_result_owner_wins_over_its_objectives_and_names_are_escaped() -> None:
    model = small_model()
    objective = replace(model.objectives["check-in"], owner="<b>Ana</b> & co")
    adoption = replace(model.key_results["adoption"], owner="Bea")
    model = replace(
        model,
        objectives={**model.objectives, "check-in": objective},
        key_results={**model.key_results, "adoption": adoption},
    )
    relations = build_relations(model)
    assert relations.key_results_by_owner == {
        "<b>Ana</b> & co": ("kiosk-launch", "wait-time"),
        "Bea": ("adoption",),
    }
    page = owners_page(assemble_portal(model, AS_OF))
    assert page.find("b") is None  # the owner's name is text, not markup
    assert set(rows(page)) == {"<b>Ana</b> & co", "Bea"}
    assert page.select_one("tbody tr td").get("data-sort") == "<b>Ana</b> & co"


def test_a_portal_without_owners_says_so() -> None:
    model: Model = small_model()
    assert not any(o.owner for o in model.objectives.values())
    page = owners_page(assemble_portal(model, AS_OF))
    assert page.select("table") == []
    assert "No objective or key result names an owner yet." in page.get_text()
