"""Reading YAML with positions, and finding the content files."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml

from okrsite.load import load_content, yaml_reader
from okrsite.load.yaml_reader import MarkedDict, MarkedList, read_yaml_file

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
BROKEN = Path(__file__).parent / "broken"

SAMPLE = b"""\
kind: Objective
id: faster
key_results:
  - {id: a, due: 2026-12-31}
  - id: b
    weight: 2
"""


def test_marks_of_keys_values_and_items() -> None:
    (document,), problems = read_yaml_file(SAMPLE, "x.yml")
    assert problems == []
    top = document.value
    assert isinstance(top, MarkedDict)
    assert top.mark == (1, 1)
    assert top.key_marks["id"] == (2, 1)
    assert top.value_marks["id"] == (2, 5)
    items = top["key_results"]
    assert isinstance(items, MarkedList)
    assert items.item_marks == [(4, 5), (5, 5)]
    assert items[0].value_marks["due"] == (4, 18)
    assert items[1].key_marks["weight"] == (6, 5)
    assert items[0]["due"].isoformat() == "2026-12-31"


def test_pure_python_parser_gives_the_same_marks(monkeypatch: pytest.MonkeyPatch) -> None:
    with_c = read_yaml_file(SAMPLE, "x.yml")[0][0].value
    monkeypatch.setattr(yaml_reader, "_Loader", yaml.SafeLoader)
    pure = read_yaml_file(SAMPLE, "x.yml")[0][0].value
    assert pure == with_c
    assert pure["key_results"].item_marks == with_c["key_results"].item_marks
    assert pure["key_results"][0].value_marks == with_c["key_results"][0].value_marks


def test_c_loader_is_used_when_available() -> None:
    if yaml.__with_libyaml__:
        assert yaml_reader._Loader is yaml.CSafeLoader


def test_bom_and_crlf_keep_lines_and_columns() -> None:
    (document,), problems = read_yaml_file((BROKEN / "bom-crlf.yml").read_bytes(), "x.yml")
    assert problems == []
    assert document.value["title"] == "Café kiosks"
    assert document.value.value_marks["title"] == (3, 8)


def test_small_aliases_are_expanded() -> None:
    (document,), problems = read_yaml_file(b"x: &a [1, 2]\ny: *a\n", "x.yml")
    assert problems == []
    assert document.value["y"] == [1, 2]
    assert document.value["y"] is not document.value["x"]


def test_alias_bomb_stops_quickly() -> None:
    started = time.perf_counter()
    documents, problems = read_yaml_file((BROKEN / "billion-laughs.yml").read_bytes(), "x.yml")
    assert time.perf_counter() - started < 2
    assert documents == []
    assert [str(p.location) for p in problems] == ["x.yml:4:36"]


def test_alias_to_its_own_holder_is_refused() -> None:
    documents, problems = read_yaml_file(b"a: &a [1, *a]\n", "x.yml")
    assert documents == []
    assert [str(p) for p in problems] == [
        "x.yml:1:4: error: this alias refers to the collection that holds it"
    ]


def test_documents_before_a_syntax_error_are_kept() -> None:
    documents, problems = read_yaml_file(b"x: 1\n---\n- 1\n---\n[", "x.yml")
    assert [d.value for d in documents] == [{"x": 1}, [1]]
    assert [str(p.location) for p in problems] == ["x.yml:5:2"]


def test_merge_keys_fill_in_without_overriding(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "airline.yml").write_bytes((FIXTURE / "airline.yml").read_bytes())
    (content / "merge.yml").write_bytes((BROKEN / "merge-keys.yml").read_bytes())
    model = load_content(content).model
    assert model is not None
    rollout = model.initiatives["kiosk-rollout"]
    assert rollout.status == "in-progress"
    assert rollout.key_results == ("digital-adoption",)


def test_content_files_at_any_depth_hidden_ones_skipped(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "deep" / "er").mkdir(parents=True)
    (content / ".git").mkdir()
    (content / "deep" / "er" / "airline.YAML").write_bytes((FIXTURE / "airline.yml").read_bytes())
    (content / ".git" / "broken.yml").write_text("[")
    (content / ".swap.yml").write_text("[")
    (content / "notes.txt").write_text("[")
    result = load_content(content)
    assert result.problems == []
    assert result.model is not None
    assert result.model.north_star.location.path.endswith("content/deep/er/airline.YAML")


def test_paths_are_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "site" / "content"
    content.mkdir(parents=True)
    (content / "a.yml").write_text("kind: Nope\n")
    monkeypatch.chdir(tmp_path / "site")
    located = [str(p.location) for p in load_content(Path("content")).problems]
    assert located == ["content:1:1", "content/a.yml:1:7"]
    elsewhere = load_content(content, relative_to=tmp_path / "other").problems
    assert elsewhere[1].location.path == (content / "a.yml").as_posix()
    assert os.path.isabs(elsewhere[1].location.path)


def test_missing_content_directory(tmp_path: Path) -> None:
    result = load_content(tmp_path / "nowhere", relative_to=tmp_path)
    assert result.model is None
    assert [str(p) for p in result.problems] == [
        "nowhere:1:1: error: content directory 'nowhere' does not exist; create it or pass another"
    ]
