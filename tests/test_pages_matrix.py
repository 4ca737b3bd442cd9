"""The traceability matrix: each grid scrolls inside a box of its own (the page never scrolls
sideways), and its column headings are titles, cut short, with the whole title as tooltip and
accessible name; ids stay in the links."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from okrsite.load import load_content
from okrsite.model import Model
from okrsite.render.pages.formats import HEADING_CHARS, title_head

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser


@pytest.fixture(scope="module")
def grids(demo_site: Path) -> list[Tag]:
    page = BeautifulSoup((demo_site / "matrix" / "index.html").read_text("utf-8"), "html.parser")
    return page.select("article .okr-matrix--grid")


@pytest.fixture(scope="module")
def model(demo_content: Path) -> Model:
    result = load_content(demo_content)
    assert result.model is not None, result.problems
    return result.model


def test_each_grid_is_a_table_in_a_named_box_a_keyboard_can_scroll(grids: list[Tag]) -> None:
    names = [grid.get("aria-label") for grid in grids]
    assert names == ["Objectives × capabilities", "Initiatives × key results"]
    for grid in grids:
        assert grid.get("role") == "region" and grid.get("tabindex") == "0"
        table = grid.find("table", recursive=False)
        assert isinstance(table, Tag), "the table sits directly in the box that scrolls"
        assert table.select("thead th[scope=col]") and table.select("tbody th[scope=row]")


@pytest.mark.parametrize(("grid_index", "section"), [(0, "capabilities"), (1, "key_results")])
def test_column_headings_are_titles_cut_short_with_the_whole_title_to_hand(
    grids: list[Tag], model: Model, grid_index: int, section: str
) -> None:
    entities = getattr(model, section)
    links = grids[grid_index].select("thead th[scope=col] a")
    assert len(links) > 10
    cut = 0
    for link in links:
        entity = entities[str(link["href"]).split("/")[-2]]  # the id stays in the address
        whole = " ".join(entity.title.split())
        rest = link.select_one(".okr-sr")
        if rest is None:
            assert link.get_text() == whole and link.get("title") is None
            continue
        cut += 1
        ellipsis = link.select_one('[aria-hidden="true"]')
        assert ellipsis is not None and ellipsis.get_text() == "…"
        shown = link.get_text().removesuffix("…").removesuffix(rest.get_text())
        assert len(shown) <= HEADING_CHARS and shown + rest.get_text() == whole
        assert link["title"] == entity.title  # the tooltip
    if section == "key_results":
        assert cut > len(links) // 2  # key results are sentences: most are cut


@pytest.mark.parametrize(
    ("title", "shown", "rest"),
    [
        ("Short title", "Short title", ""),
        (
            "Cut average A320 boarding time from 28 to 20 minutes",
            "Cut average A320 boarding time",
            " from 28 to 20 minutes",
        ),
        ("  Spaces \n  collapse  ", "Spaces collapse", ""),
        ("x" * 40, "x" * HEADING_CHARS, "x" * (40 - HEADING_CHARS)),
    ],
)
def test_a_title_is_cut_after_the_words_that_fit(title: str, shown: str, rest: str) -> None:
    assert title_head(title) == (shown, rest)
