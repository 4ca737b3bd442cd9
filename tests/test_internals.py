"""MkDocs' and Material's internals okrsite relies on (okrsite/mkdocs_plugin/internals.py): each
behaves as relied on with the installed versions (`make test` has the newest allowed,
`make test-lowest` the oldest), and without it okrsite falls back to the ordinary way.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from history_repo import GitRepo
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs_runs import build_in_process, site_files

from okrsite.mkdocs_plugin import internals
from okrsite.mkdocs_plugin.dirty import keep_theme_pages

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "fixtures" / "portal_small"


def material_site(folder: Path, *, dirty: bool = False) -> MkDocsConfig:
    """A one-page Material site with Material's search, configured as a build would be."""
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Heading title\n\nSome words.\n", "utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: Internals\ntheme:\n  name: material\nplugins:\n  - search\n", "utf-8"
    )
    config = load_config(str(folder / "mkdocs.yml"), site_dir=str(folder / "site"))
    config.plugins.on_startup(command="serve" if dirty else "build", dirty=dirty)
    return config.plugins.on_config(config)


def rendered_page(config: MkDocsConfig) -> Page:
    file = File("index.md", config.docs_dir, config.site_dir, config.use_directory_urls)
    files = Files([file])
    page = Page(None, file, config)
    page.read_source(config)
    page.render(config, files)
    return page


def test_inventory_names_a_fallback_for_every_internal() -> None:
    assert len(internals.INTERNALS) == 5
    libraries = {"mkdocs", "mkdocs-material", "mkdocs-git-revision-date-localized-plugin"}
    for internal in internals.INTERNALS:
        assert internal.library in libraries
        assert internal.used_by and internal.fallback


def test_mkdocs_keeps_the_title_a_first_heading_sets_where_it_can_be_restored(
    tmp_path: Path,
) -> None:
    page = rendered_page(material_site(tmp_path))
    assert internals.keeps_rendered_title(page)
    assert internals.rendered_title(page) == "Heading title"
    assert page.title == "Heading title"
    internals.restore_rendered_title(page, "Restored")
    assert page.title == "Restored"


def test_mkdocs_writes_only_the_static_templates_left_in_the_set(tmp_path: Path) -> None:
    config = material_site(tmp_path)
    templates = internals.static_templates(config)
    assert templates is not None and {"404.html", "sitemap.xml"} <= templates
    templates.discard("404.html")
    build(config)
    site = Path(config.site_dir)
    assert (site / "sitemap.xml").is_file() and (site / "index.html").is_file()
    assert not (site / "404.html").exists()


def test_material_search_index_takes_entries_from_a_page(tmp_path: Path) -> None:
    config = material_site(tmp_path)
    plugin = internals.material_search_plugin(config)
    assert plugin is not None
    page = rendered_page(config)
    plugin.search_index.add_entry_from_context(page)
    titles = [entry["title"] for entry in plugin.search_index.entries]
    assert titles == ["Heading title"]


def test_material_dirty_mode_keeps_the_last_index_until_okrsite_forgets_it(
    tmp_path: Path,
) -> None:
    config = material_site(tmp_path, dirty=True)
    plugin = internals.material_search_plugin(config)
    assert internals.previous_search_index(plugin) is None
    plugin.search_index.add_entry_from_context(rendered_page(config))
    plugin.on_post_build(config=config)
    previous = internals.previous_search_index(plugin)
    assert previous is plugin.search_index and len(previous.entries) == 1
    internals.forget_previous_search_index(plugin)
    assert internals.previous_search_index(plugin) is None
    plugin.on_post_build(config=config)  # what Material writes when there is nothing to merge
    written = json.loads((Path(config.site_dir) / "search" / "search_index.json").read_text())
    assert [doc["title"] for doc in written["docs"]] == ["Heading title"]


def test_a_search_plugin_without_the_index_okrsite_relies_on_is_left_alone() -> None:
    lacking = SimpleNamespace(search_index=SimpleNamespace(entries=[]), config={})
    disabled = SimpleNamespace(
        search_index=SimpleNamespace(entries=[], add_entry_from_context=print),
        config=SimpleNamespace(enabled=False),
    )
    config = SimpleNamespace(plugins={"search": lacking, "other": disabled})
    assert internals.material_search_plugin(config) is None  # type: ignore[arg-type]
    assert internals.previous_search_index(SimpleNamespace()) is None


def test_the_git_date_plugin_formats_a_timestamp_as_it_formats_a_commit(tmp_path: Path) -> None:
    """What okrsite dates generated pages with (okrsite/mkdocs_plugin/git_dates.py). The plugin
    is in the test extra; without it (an install without the extra) there is nothing to check."""
    pytest.importorskip("mkdocs_git_revision_date_localized_plugin")
    GitRepo(tmp_path).commit({"docs/index.md": "# Page\n"}, "2026-10-05")  # it reads git at once
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Internals\ntheme:\n  name: material\n  language: de\nplugins:\n"
        "  - git-revision-date-localized:\n      timezone: Europe/Berlin\n",
        "utf-8",
    )
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    plugin = config.plugins["git-revision-date-localized"]
    midnight_in_berlin = 1_791_151_200  # 2026-10-05 00:00 CEST
    raw = internals.git_date_formats(plugin, midnight_in_berlin, "de", spans=False)
    shown = internals.git_date_formats(plugin, midnight_in_berlin, "de", spans=True)
    assert raw is not None and shown is not None
    assert raw["iso_date"] == "2026-10-05" and raw["date"] == "5. Oktober 2026"
    assert "5. Oktober 2026" in shown["date"] and shown["date"].startswith("<span")
    assert internals.git_date_formats(SimpleNamespace(), 0, "en", spans=False) is None


def test_a_theme_without_static_templates_keeps_nothing(tmp_path: Path) -> None:
    config = SimpleNamespace(theme=SimpleNamespace(), site_dir=str(tmp_path))
    assert internals.static_templates(config) is None  # type: ignore[arg-type]
    keep_theme_pages(config, Files([]), set())  # type: ignore[arg-type]


@pytest.mark.slow  # builds a site
def test_without_the_rendered_title_pages_are_converted_every_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A MkDocs without `Page._title_from_render`: the page cache stores no conversion, and
    the site is what a build without the cache writes."""
    project = tmp_path / "project"
    shutil.copytree(SMALL, project)
    reference = site_files(build_in_process(project, tmp_path / "reference", strict=True))
    monkeypatch.setattr(internals, "_TITLE", "_attribute_this_mkdocs_lacks")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.okrsite"):
        for name in ("first", "second"):
            built = site_files(build_in_process(project, tmp_path / name, strict=True))
            assert built == reference
    summaries = [r.getMessage() for r in caplog.records if "page cache:" in r.getMessage()]
    assert summaries and all(" 0 conversions" in summary for summary in summaries), summaries
