"""The page cache (okrsite/mkdocs_plugin/page_cache/): builds that reuse stored pages write the
same site, byte for byte, as builds without it, through edits of content, of a user page's
title (the navigation) and with a damaged cache file; other plugins turn it off.

Real `mkdocs build` processes on copies of the demo; each state is built twice, by a project
with the cache and by one with `page_cache: false`, and the two sites are compared whole.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from mkdocs_runs import run_mkdocs, site_files

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

ROOT = Path(__file__).resolve().parent.parent
# Whether the cache turns itself off does not depend on the site's size: a small one is faster.
SMALL = ROOT / "tests" / "fixtures" / "portal_small"
PLUGIN_LINE = "  - okrsite:\n"
SUMMARY = re.compile(r"page cache: (\d+) of (\d+) generated pages reused whole, (\d+) conversions")


def project(folder: Path, *, cache: bool, source: Path = ROOT) -> Path:
    """A copy of the demo (or of `source`), with the page cache on or off."""
    folder.mkdir()
    for name in ("content", "docs", "overrides"):
        if (source / name).is_dir():
            shutil.copytree(source / name, folder / name)
    config = (source / "mkdocs.yml").read_text("utf-8")
    assert PLUGIN_LINE in config
    if not cache:
        config = config.replace(PLUGIN_LINE, f"{PLUGIN_LINE}      page_cache: false\n")
    (folder / "mkdocs.yml").write_text(config, "utf-8")
    return folder


def build(folder: Path) -> tuple[dict[str, bytes], str]:
    """The built site's files and MkDocs' log."""
    done = run_mkdocs(folder, "build", "--strict", "-d", "site")
    assert done.returncode == 0, done.stderr
    return site_files(folder / "site"), done.stderr


def reuse(log: str) -> tuple[int, int, int]:
    """(pages reused whole, generated pages, conversions reused) from the build's summary."""
    found = SUMMARY.search(log)
    assert found, log
    whole, pages, converted = (int(n) for n in found.groups())
    return whole, pages, converted


def assert_same_site(cached: dict[str, bytes], reference: dict[str, bytes]) -> None:
    assert cached.keys() == reference.keys()
    assert [path for path in cached if cached[path] != reference[path]] == []


def edit_both(projects: tuple[Path, Path], relative: str, old: str, new: str) -> None:
    for folder in projects:
        path = folder / relative
        text = path.read_text("utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), "utf-8")


def test_cached_builds_write_the_same_site_through_edits(tmp_path: Path) -> None:
    cached = project(tmp_path / "cached", cache=True)
    plain = project(tmp_path / "plain", cache=False)
    both = (cached, plain)

    cold, cold_log = build(cached)
    assert reuse(cold_log)[0] == 0
    warm, warm_log = build(cached)
    reference, reference_log = build(plain)
    assert "page cache" not in reference_log
    whole, pages, converted = reuse(warm_log)
    assert pages > 100 and whole == pages and converted == pages
    assert_same_site(cold, reference)
    assert_same_site(warm, reference)
    assert b"checkin-satisfaction" in warm["search/search_index.json"]  # entries came back too

    # One key result's value: its pages and every roll-up above it change, nothing else.
    edit_both(both, "content/airline-check-in.yml", "current: 3.9", "current: 4.3")
    edited, edited_log = build(cached)
    edited_reference, _ = build(plain)
    assert_same_site(edited, edited_reference)
    assert edited != warm
    whole, pages, converted = reuse(edited_log)
    assert 0 < whole < pages and whole == converted

    # A user page's heading is its title in the navigation every page shows: no shell fits.
    edit_both(both, "docs/about.md", "# About\n", "# About these OKRs\n")
    renamed, renamed_log = build(cached)
    renamed_reference, _ = build(plain)
    assert_same_site(renamed, renamed_reference)
    whole, pages, converted = reuse(renamed_log)
    assert whole == 0 and converted == pages
    assert b"About these OKRs" in renamed["objectives/index.html"]


def test_a_damaged_cache_file_is_set_aside_and_the_build_goes_on(tmp_path: Path) -> None:
    folder = project(tmp_path / "site-project", cache=True, source=SMALL)
    cache = folder / ".cache" / "okrsite" / "pages.sqlite"
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"this is not a database" * 100)

    files, log = build(folder)

    assert reuse(log)[0] == 0
    assert cache.with_suffix(".damaged").exists()
    assert reuse(build(folder)[1])[0] == reuse(log)[1]  # the new file works
    assert "objectives/index.html" in files


def test_a_hook_turns_the_cache_off(tmp_path: Path) -> None:
    folder = project(tmp_path / "hooked", cache=True, source=SMALL)
    (folder / "marker_hook.py").write_text(
        "def on_page_content(html, page, config, files):\n"
        "    return html + '<p>hooked-' + page.url + '</p>'\n",
        "utf-8",
    )
    config = folder / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "hooks:\n  - marker_hook.py\n", "utf-8")

    first, log = build(folder)
    second, _ = build(folder)

    assert "the page cache is off: marker_hook.py may change pages" in log
    assert "page cache:" not in log
    assert not (folder / ".cache" / "okrsite" / "pages.sqlite").exists()
    assert b"hooked-objectives/" in second["objectives/index.html"]
    assert_same_site(first, second)


def test_another_plugin_turns_the_cache_off(tmp_path: Path) -> None:
    folder = project(tmp_path / "tagged", cache=True, source=SMALL)
    config = folder / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - search\n", "  - search\n  - tags\n"))

    _, log = build(folder)

    assert "the page cache is off: material/tags may change pages" in log


def test_an_unusable_cache_folder_turns_the_cache_off(tmp_path: Path) -> None:
    folder = project(tmp_path / "blocked", cache=True, source=SMALL)
    (folder / "blocked").write_text("a file where the cache folder would be", "utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            PLUGIN_LINE, f"{PLUGIN_LINE}      cache_dir: blocked/c\n      diagrams: false\n"
        )
    )

    files, log = build(folder)

    assert re.search(r"the page cache is off: cannot use \S*/blocked/c/pages\.sqlite", log)
    assert "objectives/index.html" in files
