"""Index pages and entity pages people act on (the demo, built once, read back): indexes list
what needs action first without JavaScript, put progress and status beside the title, carry
filter values that work as addresses; every entity page sits in its tab with breadcrumbs, and
its search preview names its kind and reads its facts apart."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import material
import pytest
from bs4 import BeautifulSoup, Tag
from mkdocs_runs import build_in_process, demo_config

from okrsite.compute.progress import SEVERITY
from okrsite.model import Status
from okrsite.render.pages.search_quiet import FACT_SEPARATOR

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

ROOT = Path(__file__).resolve().parent.parent
SCORED_INDEXES = ("objectives", "key-results", "teams", "capabilities", "value-streams")
WORST_FIRST = [status.value for status in sorted(SEVERITY, key=SEVERITY.__getitem__)]


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


def headings(table: Tag) -> list[str]:
    return [th.get_text(strip=True) for th in table.select("thead th")]


def sort_key(cell: Tag) -> tuple[float, ...]:
    return tuple(float(part) for part in str(cell["data-sort"]).split())


@pytest.mark.parametrize("section", ["objectives", "key-results"])
def test_an_index_lists_the_worst_status_first_then_the_furthest_behind(
    demo_site: Path, section: str
) -> None:
    table = page(demo_site, section).select_one(".okr-index table")
    assert table is not None
    status_column = headings(table).index("Status")
    assert table.select("thead th")[status_column]["aria-sort"] == "ascending"
    rows = table.select("tbody tr")
    keys = [sort_key(row.find_all("td")[status_column]) for row in rows]
    assert keys == sorted(keys) and len(set(keys)) > 3
    statuses = [str(row["data-status"]) for row in rows]
    assert statuses[0] == Status.OFF_TRACK
    assert sorted(statuses, key=WORST_FIRST.index) == statuses  # severity, not the alphabet
    for row, (severity, lag) in zip(rows, keys, strict=True):
        assert severity == SEVERITY[Status(str(row["data-status"]))]
        assert -1 <= lag <= 2  # minus the gap, or 2 where there is none


@pytest.mark.parametrize("section", [*SCORED_INDEXES, "initiatives"])
def test_status_and_progress_follow_the_title_on_every_index(demo_site: Path, section: str) -> None:
    table = page(demo_site, section).select_one("article table")
    assert table is not None
    expected = ["Status"] if section == "initiatives" else ["Progress", "Status"]
    assert headings(table)[1 : 1 + len(expected)] == expected


def test_status_and_progress_follow_the_title_in_entity_pages_tables(demo_site: Path) -> None:
    team = page(demo_site, "teams/airport-ops")
    objectives = team.select_one(".okr-table--objectives table")
    objective = page(demo_site, "objectives/kiosk-rollout")
    key_results = objective.select_one(".okr-table--key-results table")
    assert objectives is not None and key_results is not None
    assert headings(objectives)[:3] == ["Objective", "Progress", "Status"]
    assert headings(key_results)[:3] == ["Key result", "Progress", "Status"]


@pytest.mark.parametrize("section", [*SCORED_INDEXES[:-1], "initiatives"])
def test_filter_values_are_words_an_address_can_carry(demo_site: Path, section: str) -> None:
    """`objectives/?status=off-track&team=airport-ops`: rows carry status values and keys, the
    index names them and orders the status options worst first."""
    index = page(demo_site, section).select_one(".okr-index")
    assert index is not None
    titles = json.loads(str(index["data-okr-titles-status"]))
    order = str(index["data-okr-order-status"]).split()
    assert set(order) == set(titles)
    if section != "initiatives":
        assert order == WORST_FIRST and titles["off-track"] == "off track"
    rows = index.select("tbody tr")
    assert {str(row["data-status"]) for row in rows} <= set(order)
    for name in ("team", "stage"):
        if index.has_attr(f"data-okr-titles-{name}"):
            keys = json.loads(str(index[f"data-okr-titles-{name}"]))
            carried = {str(row[f"data-{name}"]) for row in rows} - {""}
            assert carried and carried <= set(keys)


def active_tab(soup: BeautifulSoup) -> str:
    tab = soup.select_one(".md-tabs__item--active")
    assert tab is not None, "no active tab"
    return tab.get_text(strip=True)


# Material draws breadcrumbs (`navigation.path`, on in the demo) from 9.7; `make test-lowest`
# runs an older one, where a page shows its place by its tab and sidebar alone.
DRAWS_PATHS = (Path(material.__file__).parent / "templates/partials/path.html").is_file()


def trail(soup: BeautifulSoup, section: str) -> list[str]:
    """The breadcrumbs; where Material draws none, the ones it would draw."""
    if not DRAWS_PATHS:
        return ["Overview", section]
    return [item.get_text(strip=True) for item in soup.select("nav.md-path .md-path__item")]


@pytest.mark.parametrize(
    ("path", "section"),
    [
        ("objectives/kiosk-rollout", "Objectives"),
        ("key-results/checkin-wait-time", "Key results"),
        ("initiatives/self-service-kiosks", "Initiatives"),
        ("stages/check-in", "Value streams"),
        ("teams/check-in-experience", "Teams"),
    ],
)
def test_an_entity_page_shows_its_tab_sidebar_and_breadcrumbs(
    demo_site: Path, path: str, section: str
) -> None:
    soup = page(demo_site, path)
    assert active_tab(soup) == section
    assert trail(soup, section)[:2] == ["Overview", section]  # then parent teams, if any
    current = soup.select_one(".md-nav--primary .md-nav__link--active")
    heading = soup.select_one("article h1")
    assert current is not None and heading is not None
    assert current.get_text(strip=True) == heading.get_text(strip=True).removesuffix("¶")


def test_pages_a_limited_nav_leaves_out_still_show_their_tab_and_breadcrumbs(
    tmp_path: Path,
) -> None:
    """`nav_section_pages` keeps large sections out of the nav; their pages are seated in their
    section (okrsite/mkdocs_plugin/sections.py) and the nav every page carries stays short."""
    project = tmp_path / "project"
    for name in ("content", "docs"):
        shutil.copytree(ROOT / name, project / name)
    (project / "mkdocs.yml").write_text(demo_config("nav_section_pages: 3"), "utf-8")
    site = build_in_process(project, tmp_path / "site", strict=True)
    for path, section in (
        ("objectives/kiosk-rollout", "Objectives"),
        ("key-results/checkin-wait-time", "Key results"),
        ("initiatives/self-service-kiosks", "Initiatives"),
        ("stages/check-in", "Value streams"),
    ):
        soup = page(site, path)
        assert active_tab(soup) == section, path
        assert trail(soup, section) == ["Overview", section], path
        primary = soup.select_one(".md-nav--primary")
        assert primary is not None
        listed = {a["href"] for a in primary.select("a.md-nav__link[href]")}
        assert not any("kiosk-rollout" in str(href) for href in listed)  # not in the nav


KINDS = {
    "objectives/": "Objective",
    "key-results/": "Key result",
    "initiatives/": "Initiative",
    "teams/": "Team",
    "capabilities/": "Capability",
    "stages/": "Stage",
    "value-streams/": "Value stream",
    "cycles/": "Cycle",
}
RUN_TOGETHER = re.compile(r"\b(Progress|Status|Baseline|Current|Target|Type|Level)(?=\w)")


def test_a_search_preview_names_the_kind_and_reads_the_facts_apart(demo_site: Path) -> None:
    entries = json.loads((demo_site / "search/search_index.json").read_text("utf-8"))["docs"]
    previews = {
        entry["location"]: entry["text"]
        for entry in entries
        if "#" not in entry["location"] and entry["location"].count("/") == 2
    }
    checked = 0
    for location, text in previews.items():
        kind = KINDS.get(location.split("/")[0] + "/")
        if kind is None:
            continue
        if location.startswith("key-results/") and text.startswith("Health metric · "):
            kind = "Health metric"
        assert text.startswith(f"{kind} · "), (location, text[:80])
        assert not RUN_TOGETHER.search(text), (location, text[:200])
        assert "  " not in text.split("<p>")[0], (location, text[:200])
        checked += 1
    assert checked > 100
    wait_time = previews["key-results/checkin-wait-time/"]
    assert re.match(
        r"Key result · Objective Streamline the airport check-in experience to reduce wait times "
        r"and improve satisfaction · Progress \d+% .* · Status [a-z ]+ · Expected by ",
        wait_time,
    ), wait_time[:300]
    facts = page(demo_site, "key-results/checkin-wait-time").select_one(".okr-facts")
    assert facts is not None
    # one after the kind and after every value but the last, for search only; values pure
    separators = facts.select("template")
    assert len(separators) == len(facts.select("dd"))
    assert {str(template) for template in separators} == {FACT_SEPARATOR}
    assert all("·" not in dd.get_text() for dd in facts.select("dd"))
