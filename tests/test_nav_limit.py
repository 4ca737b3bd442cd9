"""Large navigation sections collapse to their index page (the `nav_section_pages` setting)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from okrsite.mkdocs_plugin.files import nav_paths
from okrsite.options import PortalSettings
from okrsite.render.pages.nav import NAV_SECTION_PAGES, home_index, portal_nav
from okrsite.settings import SettingsError, read_settings
from okrsite.site import load_portal
from okrsite.urls import Kind, SiteUrls

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def portal():
    loaded = load_portal(ROOT / "content", PortalSettings(as_of=date(2026, 11, 23)))
    assert loaded.portal is not None, loaded.problems
    return loaded.portal


def sections(nav: list) -> dict[str, object]:
    return {
        title: value for entry in nav if isinstance(entry, dict) for title, value in entry.items()
    }


def test_the_default_lists_every_page_of_a_small_portal(portal) -> None:
    urls = SiteUrls()
    listed = nav_paths(portal_nav(portal, urls))
    model = portal.model
    assert len(model.objectives) <= NAV_SECTION_PAGES
    kinds = {Kind.OBJECTIVE: model.objectives, Kind.TEAM: model.teams,
             Kind.CAPABILITY: model.capabilities, Kind.STAGE: model.stages,
             Kind.KEY_RESULT: model.key_results, Kind.INITIATIVE: model.initiatives}  # fmt: skip
    for kind, keys in kinds.items():
        assert {urls.page_source(kind, key) for key in keys} <= listed


def test_a_section_over_the_limit_shows_only_its_index(portal) -> None:
    urls = SiteUrls()
    objectives = len(portal.model.objectives)
    nav = sections(portal_nav(portal, urls, section_pages=objectives - 1))
    # still a section (not a bare page), so an engine can seat the unlisted pages in it
    assert nav["Objectives"] == [urls.index_source("objectives")]
    if len(portal.model.teams) <= objectives - 1:  # a smaller section keeps its pages
        assert nav["Teams"][0] == urls.index_source("teams")
        assert len(nav_paths(nav["Teams"])) == len(portal.model.teams) + 1
    exact = sections(portal_nav(portal, urls, section_pages=objectives))
    assert isinstance(exact["Objectives"], list) and len(exact["Objectives"]) == objectives + 1


@pytest.mark.parametrize("value", [0, -1, "many", 1.5, True])
def test_the_limit_must_be_a_whole_number(value: object, tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="nav_section_pages"):
        read_settings({"nav_section_pages": value, "as_of": "2026-11-23"}, base_dir=tmp_path)


def test_the_setting_reaches_the_site_options(tmp_path: Path) -> None:
    settings = read_settings({"nav_section_pages": 7, "as_of": "2026-11-23"}, base_dir=tmp_path)
    assert settings.site.nav_section_pages == 7


def test_every_entity_page_has_a_home_section_by_its_folder() -> None:
    urls = SiteUrls(prefix="okrs")
    homes = {
        urls.page_source(Kind.OBJECTIVE, "o"): urls.index_source("objectives"),
        urls.page_source(Kind.KEY_RESULT, "k"): urls.index_source("key-results"),
        urls.page_source(Kind.INITIATIVE, "i"): urls.index_source("initiatives"),
        urls.page_source(Kind.STAGE, "s"): urls.index_source("value-streams"),
        urls.page_source(Kind.VALUE_STREAM, "v"): urls.index_source("value-streams"),
        urls.page_source(Kind.TEAM, "t"): urls.index_source("teams"),
        urls.page_source(Kind.CAPABILITY, "c"): urls.index_source("capabilities"),
        urls.cycle_source("2026-q3"): urls.index_source("cycles"),
    }
    assert {source: home_index(urls, source) for source in homes} == homes
    for outside in (urls.overview_source(), "okrs/changes/index.md", "guide/intro.md", "x.md"):
        assert home_index(urls, outside) is None, outside
