"""Reloading with a `FileMemo` reads only the files that changed, and gives what a fresh load gives.

`mkdocs serve` reloads after every save; each test edits the demo content the way an author does
and checks the reload against a load without a memo (model and problems), and which files were
read again (counted where the YAML is read).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from okrsite.load import FileMemo, LoadResult, content_file, load_content

Reload = Callable[[], LoadResult]

AIRLINE = "content/airline-check-in.yml"


@pytest.fixture
def site(tmp_path: Path, demo_content: Path) -> Path:
    shutil.copytree(demo_content, tmp_path / "content")
    return tmp_path


@pytest.fixture
def read_paths(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The shown path of every file whose YAML was read, in order."""
    paths: list[str] = []
    real = content_file.read_yaml_file

    def counting(raw: bytes, shown: str):  # type: ignore[no-untyped-def]
        paths.append(shown)
        return real(raw, shown)

    monkeypatch.setattr(content_file, "read_yaml_file", counting)
    return paths


def fresh(site: Path) -> LoadResult:
    return load_content(site / "content", relative_to=site)


def reload_and_compare(site: Path, memo: FileMemo, read_paths: list[str]) -> list[str]:
    """Reload with the memo, assert it equals a fresh load, return the files it read."""
    read_paths.clear()
    reloaded = load_content(site / "content", relative_to=site, memo=memo)
    read_again = list(read_paths)
    expected = fresh(site)
    assert reloaded.problems == expected.problems
    assert reloaded.model == expected.model
    return read_again


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_editing_one_value_reads_only_that_file(site: Path, read_paths: list[str]) -> None:
    memo = FileMemo()
    first = load_content(site / "content", relative_to=site, memo=memo)
    assert len(read_paths) == 17  # every content file
    assert first.model is not None
    assert first.model.key_results["digital-adoption"].current == 62

    replace_once(site / AIRLINE, "current: 62", "current: 64")
    assert reload_and_compare(site, memo, read_paths) == [AIRLINE]

    reloaded = load_content(site / "content", relative_to=site, memo=memo)
    assert reloaded.model is not None
    assert reloaded.model.key_results["digital-adoption"].current == 64


def test_nothing_changed_reads_nothing(site: Path, read_paths: list[str]) -> None:
    """Also shows validation leaves the shared drafts as they were: the reload still matches."""
    memo = FileMemo()
    load_content(site / "content", relative_to=site, memo=memo)
    assert reload_and_compare(site, memo, read_paths) == []
    assert reload_and_compare(site, memo, read_paths) == []


def test_an_added_file_is_read_and_its_entities_appear(site: Path, read_paths: list[str]) -> None:
    memo = FileMemo()
    load_content(site / "content", relative_to=site, memo=memo)
    added = site / "content" / "extra.yml"
    added.write_text(
        "kind: Capability\nid: lounge-access\ntitle: Lounge access\n", encoding="utf-8"
    )

    assert reload_and_compare(site, memo, read_paths) == ["content/extra.yml"]
    reloaded = fresh(site)
    assert reloaded.model is not None
    assert "lounge-access" in reloaded.model.capabilities


def test_a_deleted_file_is_gone_and_forgotten(site: Path, read_paths: list[str]) -> None:
    memo = FileMemo()
    load_content(site / "content", relative_to=site, memo=memo)
    teams = site / "content" / "organisation" / "teams.yml"
    saved = teams.read_bytes()
    teams.unlink()

    assert reload_and_compare(site, memo, read_paths) == []
    assert fresh(site).model is None  # other files name those teams

    teams.write_bytes(saved)  # the same bytes again: the memo kept no entry for it
    assert reload_and_compare(site, memo, read_paths) == ["content/organisation/teams.yml"]


def test_a_renamed_file_is_read_under_its_new_name(site: Path, read_paths: list[str]) -> None:
    memo = FileMemo()
    load_content(site / "content", relative_to=site, memo=memo)
    (site / AIRLINE).rename(site / "content" / "airline.yml")

    assert reload_and_compare(site, memo, read_paths) == ["content/airline.yml"]
    reloaded = fresh(site)
    assert reloaded.model is not None
    location = reloaded.model.key_results["digital-adoption"].location
    assert location is not None and location.path == "content/airline.yml"


def test_a_yaml_error_is_reported_then_cleared(site: Path, read_paths: list[str]) -> None:
    memo = FileMemo()
    load_content(site / "content", relative_to=site, memo=memo)
    replace_once(site / AIRLINE, "current: 62", "current: [62")

    assert reload_and_compare(site, memo, read_paths) == [AIRLINE]
    broken = fresh(site)
    assert broken.model is None
    syntax = [p.location for p in broken.problems if "YAML syntax error" in p.message]
    assert [at.path for at in syntax] == [AIRLINE]

    replace_once(site / AIRLINE, "current: [62", "current: 63")
    assert reload_and_compare(site, memo, read_paths) == [AIRLINE]
    fixed = fresh(site)
    assert fixed.problems == []
    assert fixed.model is not None
    assert fixed.model.key_results["digital-adoption"].current == 63


def test_folders_with_the_same_file_names_never_share_a_reading(
    tmp_path: Path, demo_content: Path, read_paths: list[str]
) -> None:
    """Shown the same (each relative to its own site) but different bytes: read again. Same
    bytes but shown under another path: read again, and messages name the other folder."""
    one, two = tmp_path / "one", tmp_path / "two"
    for site in (one, two):
        shutil.copytree(demo_content, site / "content")
    replace_once(two / AIRLINE, "current: 62", "current: 70")
    memo = FileMemo()

    load_content(one / "content", relative_to=one, memo=memo)
    assert reload_and_compare(two, memo, read_paths) == [AIRLINE]
    second = fresh(two)
    assert second.model is not None
    assert second.model.key_results["digital-adoption"].current == 70

    read_paths.clear()
    result = load_content(one / "content", relative_to=tmp_path, memo=memo)
    assert len(read_paths) == 17  # every content file
    assert result == load_content(one / "content", relative_to=tmp_path)
    assert result.model is not None
    location = result.model.key_results["digital-adoption"].location
    assert location is not None and location.path == "one/content/airline-check-in.yml"
