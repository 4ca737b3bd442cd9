"""The render cache (`okrsite/site_cache/`): a warm build reads the portal back instead of loading
and rendering it, gives the same site byte for byte, and misses whenever something it depends
on changed. Real `mkdocs build`s and `okrsite generate` runs of the small fixture portal;
`load_portal` and `site_artifacts` are wrapped with counters to see which builds did the work.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from history_repo import GitRepo
from mkdocs.exceptions import Abort
from mkdocs_runs import build_in_process, site_files

import okrsite.site_cache as site_cache
from okrsite.cli import main
from okrsite.settings import Settings, read_settings
from okrsite.site_cache import render_portal
from okrsite.site_cache.entry import SUFFIX
from okrsite.site_cache.key import cache_key
from okrsite.urls import SiteUrls

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

SMALL = Path(__file__).resolve().parent / "fixtures" / "portal_small"
TITLE = "Streamline the airport check-in experience"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """The small portal (content, docs, template overrides), outside any git repository; without
    the caches other tests' builds of the fixture leave in it."""
    shutil.copytree(SMALL, tmp_path / "project", ignore=shutil.ignore_patterns(".cache"))
    return tmp_path / "project"


@pytest.fixture()
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often the expensive steps ran (the cache's own module calls them)."""
    counted: Counter[str] = Counter()
    for name in ("load_portal", "site_artifacts"):
        real = getattr(site_cache, name)

        def counting(*args: object, _real=real, _name=name, **kwargs: object) -> object:
            counted[_name] += 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(site_cache, name, counting)
    return counted


def build_site(project: Path, site_dir: Path, *, strict: bool = False) -> dict[str, bytes]:
    """`mkdocs build` in this process, run from the project folder; every file it wrote."""
    return site_files(build_in_process(project, site_dir, strict=strict))


def entries(project: Path) -> list[Path]:
    return sorted((project / ".cache" / "okrsite" / "site").glob(f"*{SUFFIX}"))


def set_plugin_option(project: Path, line: str) -> None:
    """Add one okrsite setting below `as_of` in the fixture's mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text()
    assert "      as_of: 2026-11-23\n" in text
    config.write_text(
        text.replace("      as_of: 2026-11-23\n", f"      as_of: 2026-11-23\n{line}\n")
    )


# Whole builds ------------------------------------------------------------------------------
def test_a_warm_build_renders_nothing_and_writes_the_same_site(
    project: Path, tmp_path: Path, calls: Counter[str]
) -> None:
    cold = build_site(project, tmp_path / "cold")
    assert calls == {"load_portal": 1, "site_artifacts": 1}
    assert len(entries(project)) == 1

    warm = build_site(project, tmp_path / "warm")
    assert calls == {"load_portal": 1, "site_artifacts": 1}, "the warm build rendered again"
    assert warm.keys() == cold.keys()
    assert [path for path in cold if warm[path] != cold[path]] == []
    assert any(b"<svg" in data for path, data in warm.items() if path.endswith(".html"))


def test_editing_content_misses_and_the_new_text_is_published(
    project: Path, tmp_path: Path, calls: Counter[str]
) -> None:
    build_site(project, tmp_path / "first")
    portal = project / "content" / "portal.yml"
    portal.write_text(portal.read_text().replace(TITLE, "Board every passenger in ten minutes"))

    site = build_site(project, tmp_path / "second")
    assert calls["site_artifacts"] == 2
    page = site["objectives/streamline-check-in/index.html"].decode()
    assert "Board every passenger in ten minutes" in page
    assert TITLE not in page
    assert len(entries(project)) == 1, "the entry for the old content was not removed"


def test_a_changed_setting_misses(project: Path, tmp_path: Path, calls: Counter[str]) -> None:
    first = build_site(project, tmp_path / "first")
    set_plugin_option(project, "      badge_style: for-the-badge")

    second = build_site(project, tmp_path / "second")
    assert calls["site_artifacts"] == 2
    badge = "badges/objective/streamline-check-in.svg"
    assert second[badge] != first[badge]
    assert len(entries(project)) == 1


def test_warnings_are_reported_on_a_hit_and_strict_fails_on_them(
    project: Path, tmp_path: Path, calls: Counter[str], caplog: pytest.LogCaptureFixture
) -> None:
    (project / "content" / "empty.yml").write_text("# nothing yet\n")
    warning = "content/empty.yml:1:1: file holds no YAML documents"

    def warned() -> list[str]:
        found = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        caplog.clear()
        return [message for message in found if warning in message]

    with caplog.at_level(logging.WARNING):
        build_site(project, tmp_path / "cold")
        assert len(warned()) == 1
        build_site(project, tmp_path / "warm")
        assert len(warned()) == 1, "the warning was not reported again on a cache hit"
        with pytest.raises(Abort):
            build_site(project, tmp_path / "strict", strict=True)
        assert len(warned()) == 1
    assert calls["site_artifacts"] == 1, "the warm builds did not read the cache"


def test_an_unwritable_cache_folder_builds_without_the_cache(
    project: Path, calls: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not a warning: a read-only checkout must still build with `--strict`."""
    monkeypatch.chdir(project)
    (project / "blocked").write_text("a file where the cache folder would go\n")
    settings = settings_of(project, diagrams=False, cache_dir="blocked/cache")
    first = render_portal(settings, URLS)
    second = render_portal(settings, URLS)
    assert first.files is not None and second.files == first.files
    assert calls["site_artifacts"] == 2
    assert first.cache_error is not None
    assert first.cache_error.startswith("cannot write the render cache in ")
    assert "blocked/cache/site: Not a directory" in first.cache_error
    assert first.problems == [], "the build's warnings are the content's only"


def test_generate_reads_the_cache_too(project: Path, calls: Counter[str]) -> None:
    config = str(project / "mkdocs.yml")
    assert main(["generate", str(project / "out-1"), "--config", config]) == 0
    assert main(["generate", str(project / "out-2"), "--config", config]) == 0
    assert calls == {"load_portal": 1, "site_artifacts": 1}

    def written(folder: Path) -> dict[str, bytes]:
        files = [path for path in folder.rglob("*") if path.is_file()]
        return {path.relative_to(folder).as_posix(): path.read_bytes() for path in files}

    first = written(project / "out-1")
    assert first == written(project / "out-2")
    assert "objectives/streamline-check-in/index.md" in first


# The cache itself ------------------------------------------------------------------------
def settings_of(project: Path, **values: object) -> Settings:
    return read_settings(
        {"as_of": "2026-11-23", "history": False, **values},
        base_dir=project,
        override_dir=project / "overrides",
    )


URLS = SiteUrls()


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short, as by a full disk
        lambda data: data[:-10] + bytes(10),  # damaged at the end
        lambda data: b"",
        lambda data: b"\x80garbage" * 100,
    ],
    ids=["truncated", "damaged", "empty", "garbage"],
)
def test_a_damaged_entry_is_a_miss_and_is_replaced(
    project: Path, calls: Counter[str], monkeypatch: pytest.MonkeyPatch, damage
) -> None:
    monkeypatch.chdir(project)
    settings = settings_of(project, diagrams=False)
    fresh = render_portal(settings, URLS)
    [entry] = entries(project)
    entry.write_bytes(damage(entry.read_bytes()))

    again = render_portal(settings, URLS)
    assert not again.from_cache and calls["site_artifacts"] == 2
    assert again.files == fresh.files and again.problems == fresh.problems
    hit = render_portal(settings, URLS)
    assert hit.from_cache and hit.files == fresh.files


def test_a_hit_returns_exactly_what_rendering_returned(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    (project / "content" / "empty.yml").write_text("")
    settings = settings_of(project, diagrams=False)
    fresh = render_portal(settings, URLS)
    hit = render_portal(settings, URLS)
    assert (fresh.from_cache, hit.from_cache) == (False, True)
    assert hit.files == fresh.files
    assert [type(a.content) for a in hit.files.artifacts] == [
        type(a.content) for a in fresh.files.artifacts
    ]
    assert hit.problems == fresh.problems and hit.problems, "the warning is part of the entry"
    assert render_portal(settings, URLS, previous=hit) is hit  # `mkdocs serve`: from memory


def test_content_errors_are_not_cached(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    (project / "content" / "broken.yml").write_text("kind: Objective\nid: [not, an, id]\n")
    rendered = render_portal(settings_of(project, diagrams=False), URLS)
    assert rendered.files is None and rendered.problems
    assert entries(project) == []


def test_content_edited_while_rendering_is_not_stored_under_the_old_key(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    real = site_cache.site_artifacts
    portal = project / "content" / "portal.yml"

    def edited_meanwhile(*args: object, **kwargs: object) -> object:
        portal.write_text(portal.read_text().replace(TITLE, "Edited while rendering"))
        return real(*args, **kwargs)

    monkeypatch.setattr(site_cache, "site_artifacts", edited_meanwhile)
    rendered = render_portal(settings_of(project, diagrams=False), URLS)
    assert rendered.files is not None
    assert entries(project) == []


def test_the_key_follows_bytes_not_dates_or_folders(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    key = cache_key(settings_of(project), URLS)
    for path in project.rglob("*"):
        os.utime(path, (1_000_000_000, 1_000_000_000))
    assert cache_key(settings_of(project), URLS) == key, "a fresh clone has new mtimes"

    moved = shutil.copytree(project, tmp_path / "elsewhere" / "project")
    monkeypatch.chdir(moved)
    assert cache_key(settings_of(moved), URLS) == key, "CI may check out in another folder"

    template = moved / "overrides" / "okrsite" / "partials" / "extras.md.jinja"
    template.write_text(template.read_text() + "\nmore\n")
    assert cache_key(settings_of(moved), URLS) != key
    assert cache_key(settings_of(project, history=True), URLS) != key
    assert cache_key(settings_of(project), SiteUrls(prefix="okrs")) != key


def test_the_key_holds_the_resolved_as_of_date(project: Path) -> None:
    def key_with_as_of_unset() -> str:
        return cache_key(read_settings({"history": False}, base_dir=project), URLS)

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23
        today = key_with_as_of_unset()
        assert key_with_as_of_unset() == today
        patch.setenv("SOURCE_DATE_EPOCH", "1795478400")  # a day later
        assert key_with_as_of_unset() != today


def test_the_key_follows_the_commits_the_history_reads(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    shutil.copytree(SMALL / "content", repo.root / "content", ignore=shutil.ignore_patterns(".*"))
    repo.commit({}, day="2026-11-01")
    history_on = read_settings({"as_of": "2026-11-23"}, base_dir=repo.root)
    history_off = read_settings({"as_of": "2026-11-23", "history": False}, base_dir=repo.root)
    first = cache_key(history_on, URLS), cache_key(history_off, URLS)

    repo.commit({"docs/notes.md": "a commit that leaves the content alone\n"}, day="2026-11-02")
    assert (cache_key(history_on, URLS), cache_key(history_off, URLS)) == first

    portal = (repo.root / "content" / "portal.yml").read_text()
    repo.commit({"content/portal.yml": portal.replace(TITLE, "Edited")}, day="2026-11-03")
    repo.commit({"content/portal.yml": portal}, day="2026-11-04")  # the same bytes as before
    assert cache_key(history_on, URLS) != first[0], "the history has two more check-in dates"
    assert cache_key(history_off, URLS) == first[1]
