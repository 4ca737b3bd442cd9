"""What people do on the portal, done by clicking as they would; each journey ends in a screenshot.

Only the first page of a journey is loaded by URL; every later page is reached by a click, and
each step checks the page that opened is the one the link named.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from page_contrast import fills, html_text, image_text, install, svg_text, too_faint
from screenshots import save_screenshot

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

# The demo content (content/) these journeys walk through.
VALUE_STREAM = "Passenger journey"
STAGE = "Check-In & Prepare"
OBJECTIVE = "Bring self-service bag drop to all four hubs"
KEY_RESULT = "Bring 40 self-service bag-drop kiosks live across the four hubs"
KEY_RESULT_ID = "kiosks-live"
CAPABILITY = "Digital check-in"
INITIATIVE = "Self-service bag-drop kiosks"
INITIATIVE_LINK = "Epic OPS-412"
SEARCHED_KEY_RESULT = "Raise revenue per available seat-kilometre from 6.10 to 6.50 cents"
SEARCHED_KEY_RESULT_ID = "rask"  # a word found in no title, so only the id can match
TITLE_WORD = "punctual"  # from "Run the most punctual short-haul operation in Europe"
TITLE_WORD_OBJECTIVE = "Run the most punctual short-haul operation in Europe"


def article(page: Page) -> Locator:
    return page.locator("article.md-content__inner")


def heading(page: Page) -> str:
    """The page's title as shown, without the permalink mark the toc extension appends."""
    return article(page).locator("h1").inner_text().strip().removesuffix("¶").strip()


def click_to(page: Page, link: Locator, expected_heading: str) -> None:
    """Click `link` and check the page it opens is headed `expected_heading`."""
    with page.expect_navigation():
        link.click()
    assert heading(page) == expected_heading, page.url


def test_drill_down_from_the_overview_to_a_key_result_and_back_up(
    page: Page, base_url: str
) -> None:
    page.goto("./")
    overview = heading(page)
    body = article(page)

    click_to(
        page,
        body.locator(".okr-stream__title").get_by_role("link", name=VALUE_STREAM),
        VALUE_STREAM,
    )
    stage_section = article(page).locator(f"h2:has-text({STAGE!r}) + div.okr-stage-summary")
    click_to(page, stage_section.get_by_role("link", name="Open the stage"), STAGE)
    objective_section = article(page).locator(
        f"h3:has-text({OBJECTIVE!r}) + div.okr-objective-summary"
    )
    click_to(page, objective_section.get_by_role("link", name="Open the objective"), OBJECTIVE)
    key_results = article(page).locator(".okr-table--key-results")
    click_to(page, key_results.get_by_role("link", name=KEY_RESULT), KEY_RESULT)
    assert article(page).locator(".okr-facts code").inner_text() == KEY_RESULT_ID
    save_screenshot(page, "journey-drill-down-key-result")

    facts = article(page).locator(".okr-facts")
    click_to(page, facts.get_by_role("link", name=OBJECTIVE), OBJECTIVE)
    facts = article(page).locator(".okr-facts")
    click_to(page, facts.get_by_role("link", name=STAGE, exact=True), STAGE)
    facts = article(page).locator(".okr-facts")
    click_to(page, facts.get_by_role("link", name=VALUE_STREAM), VALUE_STREAM)
    click_to(page, page.locator(".md-tabs").get_by_role("link", name="Overview"), overview)
    assert page.url == base_url


def test_a_node_in_a_traceability_diagram_opens_its_page(page: Page) -> None:
    page.goto("stages/check-in/")
    diagram = article(page).locator(".okr-diagram svg")
    diagram.scroll_into_view_if_needed()
    node = diagram.locator("g.node.okrsite-kind-objective", has_text="self-service bag").first
    assert node.locator("title").text_content() == OBJECTIVE
    click_to(page, node.locator("a"), OBJECTIVE)
    assert re.search(r"/objectives/kiosk-rollout/$", page.url), page.url
    # The objective's own diagram links back to the stage it sits in.
    stage_node = article(page).locator(".okr-diagram g.node.okrsite-kind-stage").first
    assert stage_node.locator("title").text_content() == STAGE
    click_to(page, stage_node.locator("a"), STAGE)
    save_screenshot(page, "journey-diagram-node-stage")


def test_a_capability_leads_to_an_initiative_and_its_safe_external_link(page: Page) -> None:
    page.goto("capabilities/")
    click_to(page, article(page).get_by_role("link", name=CAPABILITY, exact=True), CAPABILITY)
    initiatives = article(page).locator("h2:has-text('Initiatives building it') + ul.okr-links")
    click_to(page, initiatives.get_by_role("link", name=INITIATIVE), INITIATIVE)
    external = article(page).locator("ul.okr-external").get_by_role("link", name=INITIATIVE_LINK)
    assert external.get_attribute("href") == "https://tracker.example.com/browse/OPS-412"
    assert "noopener" in (external.get_attribute("rel") or "").split()
    assert external.get_attribute("target") == "_blank"
    save_screenshot(page, "journey-capability-initiative")


def test_filtering_the_objectives_index_by_status_shows_only_matching_rows(page: Page) -> None:
    page.goto("./")
    click_to(page, page.locator(".md-tabs").get_by_role("link", name="Objectives"), "Objectives")
    index = article(page).locator(".okr-index")
    rows = index.locator("tbody tr")
    shown = index.locator("[data-okr-shown]")
    total = rows.count()
    cycle = index.get_by_label("Cycle")  # starts on the current cycle
    assert cycle.locator("option:checked").inner_text() == "2026 Q4"
    current = index.locator("tbody tr:visible")
    assert 0 < current.count() < total and int(shown.inner_text()) == current.count()
    for cycles in current.evaluate_all("rows => rows.map(row => row.dataset.cycle)"):
        assert "2026-q4" in cycles.split()
    cycle.select_option("All cycles")
    assert int(shown.inner_text()) == total

    status = index.get_by_label("Status")
    options = [o for o in status.locator("option").all_inner_texts() if o != "All"]
    assert "off track" in options
    status.select_option("off track")
    visible = index.locator("tbody tr:visible")
    assert 0 < visible.count() < total
    assert int(shown.inner_text()) == visible.count()
    assert set(visible.locator(".okr-status").all_inner_texts()) == {"off track"}
    save_screenshot(page, "journey-objectives-filtered")

    status.select_option("All")
    assert index.locator("tbody tr:visible").count() == total
    assert int(shown.inner_text()) == total


def search(page: Page, query: str) -> Locator:
    """Type into Material's search box; the result list once it shows results."""
    page.wait_for_load_state("networkidle")  # the search worker has its index: typing counts
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially(query)  # Material searches on key presses, as a person types
    results = page.locator(".md-search-result__list > li")
    results.first.wait_for()
    return results


def test_search_finds_an_objective_by_a_word_of_its_title(page: Page) -> None:
    page.goto("./")
    results = search(page, TITLE_WORD)
    hit = results.locator("a", has=page.locator("h1", has_text=TITLE_WORD_OBJECTIVE)).first
    click_to(page, hit, TITLE_WORD_OBJECTIVE)
    save_screenshot(page, "journey-search-title-word")


def test_search_finds_a_key_result_by_its_id(page: Page) -> None:
    page.goto("./")
    results = search(page, SEARCHED_KEY_RESULT_ID)
    hit = results.locator("a", has=page.locator("h1", has_text=SEARCHED_KEY_RESULT)).first
    click_to(page, hit, SEARCHED_KEY_RESULT)
    save_screenshot(page, "journey-search-key-result-id")


def test_the_dark_palette_keeps_diagrams_badges_and_bars_readable(page: Page) -> None:
    page.goto("stages/check-in/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    page.get_by_title("Switch to dark mode").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    install(page)

    diagram_text = svg_text(page, ".okrsite-diagram-svg .node text", "path, polygon")
    bar_values = html_text(page, ".okr-bar__value")
    bar_fills = fills(page, ".okr-bar__fill")
    chips = html_text(page, ".okr-status")
    badge_text = image_text(page, "img.okr-embed__badge")
    for measured in (diagram_text, bar_values, bar_fills, chips, badge_text):
        assert measured, "nothing measured: the page lost the element the check is for"
    assert too_faint(diagram_text) == []
    assert too_faint(bar_values) == []
    assert too_faint(bar_fills) == []
    assert too_faint(chips) == []
    assert too_faint(badge_text) == []
    small = [f"{m.what!r} at {m.px:.1f}px" for m in diagram_text if m.px < 10]
    assert small == [], "diagram text scaled down below 10px"
    save_screenshot(page, "journey-dark-palette-stage")


def test_a_cycle_page_prints_on_a4_without_the_site_around_it(page: Page) -> None:
    """A closed quarter's page goes into a board pack as it is: printed, no header, tabs,
    sidebars or search; its tables whole, not cut off at the right edge."""
    page.goto("cycles/2026-q2/")
    assert heading(page) == "2026 Q2"
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(chrome).first.is_visible(), chrome
    widths = page.evaluate(
        "() => [...document.querySelectorAll('article table')]"
        ".map(t => [t.scrollWidth, t.parentElement.clientWidth])"
    )
    assert widths and all(table <= room + 1 for table, room in widths), widths
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_an_index_address_keeps_its_filters_and_back_undoes_a_change(page: Page) -> None:
    """`objectives/?status=off-track` (the overview's counts link so) opens the index filtered;
    a change is a step in the history, Back restores the filter, a reload keeps it."""
    page.goto("objectives/?status=off-track")
    index = article(page).locator(".okr-index")
    status = index.get_by_label("Status")
    shown = index.locator("[data-okr-shown]")
    options = status.locator("option").all_inner_texts()
    assert options[:4] == ["All", "off track", "at risk", "on track"]  # worst first

    def visible_statuses() -> set[str]:
        rows = index.locator("tbody tr:visible")
        assert int(shown.inner_text()) == rows.count() > 0
        return set(rows.locator(".okr-status").all_inner_texts())

    assert status.input_value() == "off-track"
    assert visible_statuses() == {"off track"}
    status.select_option("at risk")
    assert page.url.endswith("/objectives/?status=at-risk")
    assert visible_statuses() == {"at risk"}
    index.get_by_role("button", name="Progress").click()
    assert page.url.endswith("/objectives/?status=at-risk&sort=progress")
    progress = index.locator("tbody tr:visible td:nth-child(2)").evaluate_all(
        "cells => cells.map(cell => Number(cell.dataset.sort))"
    )
    assert progress == sorted(progress)

    page.go_back()
    assert page.url.endswith("/objectives/?status=at-risk")
    assert index.locator("thead th").nth(2).get_attribute("aria-sort") == "ascending"
    page.go_back()
    assert page.url.endswith("/objectives/?status=off-track")
    assert status.input_value() == "off-track" and visible_statuses() == {"off track"}
    page.reload()
    index = article(page).locator(".okr-index")
    assert index.get_by_label("Status").input_value() == "off-track"
    save_screenshot(page, "journey-objectives-address-filter")

    page.goto("objectives/?cycle=")  # an empty value: all cycles
    total = index.locator("tbody tr").count()
    assert index.get_by_label("Cycle").input_value() == ""
    assert int(index.locator("[data-okr-shown]").inner_text()) == total
