"""The demo's overview read as a dashboard (`mkdocs build --strict`, parsed HTML): who needs help
with owner and last note, counts that open the filtered index, teams by status, what moved
since the window opened, bars that say the expected share in words, and honest "last check-in"
dates on key-result pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

pytestmark = pytest.mark.slow


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text("utf-8"), "html.parser")


def section(soup: BeautifulSoup, heading_id: str) -> list[Tag]:
    """The elements between the heading with this id and the next h2."""
    heading = soup.find("h2", id=heading_id)
    assert heading is not None, heading_id
    found = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        found.append(sibling)
    return found


def test_needs_attention_cards_name_team_objectives_owner_and_last_note(demo_site: Path) -> None:
    overview = page(demo_site, "")
    cards = [card for part in section(overview, "needs-attention") for card in part.select(".card")]

    assert cards, "no team cards"
    teams = [card.select_one(".okr-attention__team").get_text(strip=True) for card in cards]
    assert len(teams) == len(set(teams))
    first = cards[0].select_one("ul.okr-attention__list > li")
    assert first.select_one(".okr-status").get_text() in ("off track", "at risk")
    assert re.search(r"\d+% of \d+% expected", first.get_text())
    blocked = [card for card in cards if "Blocked" in card.get_text()]
    assert any("Blocked until the terminal works" in card.get_text() for card in blocked)
    assert "**" not in overview.select_one(".okr-attention").get_text()  # Markdown rendered
    assert overview.select_one(".okr-attention__note q") is not None


def test_every_count_opens_the_index_filtered(demo_site: Path) -> None:
    overview = page(demo_site, "")
    chips = overview.select(".okr-hero a.okr-count-link")
    grid_links = overview.select(".okr-table--grid td.okr-num a")

    assert {a["href"].split("?")[1] for a in chips} >= {"status=off-track", "status=at-risk"}
    assert all(a["href"].startswith("objectives/?status=") for a in chips)
    assert grid_links and all(
        re.fullmatch(r"objectives/\?team=[a-z0-9-]+&status=[a-z-]+", a["href"]) for a in grid_links
    )
    first_row = overview.select(".okr-table--grid tbody tr")[0]
    assert first_row.select("td")[1].get_text(strip=True).isdigit()  # the most off track first


def test_since_and_the_legend(demo_site: Path) -> None:
    overview = page(demo_site, "")
    since = overview.find("h2", id=re.compile(r"^since-"))

    assert since is not None and re.fullmatch(r"Since \d{4}-\d\d-\d\d", since.contents[0])
    lists = overview.select(".okr-since .card")
    assert [card.select_one(".okr-attention__team").get_text()[:9] for card in lists] == [
        "Got worse",
        "Recovered",
    ]
    legend = overview.find("details", class_="okr-legend")
    assert legend is not None and "tick marks the expected" in legend.get_text()


def test_bars_print_the_expected_share_and_the_dashboard_is_wide(demo_site: Path) -> None:
    objective = page(demo_site, "objectives/streamline-check-in")
    bar = objective.select_one(".okr-facts .okr-progress")
    overview_html = (demo_site / "index.html").read_text("utf-8")

    assert re.fullmatch(r"\d+% of \d+% expected", bar.get_text(" ", strip=True))
    assert "[data-md-component=sidebar][data-md-type=navigation]" in overview_html or (
        'data-md-component="sidebar" data-md-type="navigation" hidden' in overview_html
    )


def test_a_key_result_page_says_when_it_was_last_checked_in(demo_site: Path) -> None:
    wait = page(demo_site, "key-results/checkin-wait-time").find(class_="okr-updated")

    assert wait.get_text().startswith("Last check-in 2026-10-01 (")


def test_a_parent_team_page_shows_own_and_including_sub_teams(demo_site: Path) -> None:
    skyway = page(demo_site, "teams/skyway")
    terms = [dt.get_text(" ", strip=True) for dt in skyway.select(".okr-facts dt")]

    assert "Progress (own objectives)" in terms and "Including sub-teams" in terms
    including = skyway.find("dt", string="Including sub-teams").find_next_sibling("dd")
    assert re.search(r"\d+% of \d+% expected", including.get_text(" ", strip=True))
