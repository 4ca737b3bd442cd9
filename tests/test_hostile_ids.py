"""Ids become file and URL names, so ids that could escape their folder, take a generated name or
collide on a case-insensitive file system are refused at load, before anything is written.

Entity pages live in their section's folder (`objectives/<id>`), badges in `badges/<kind>/<id>`,
so the only generated name an id could take there is the section's own `index`; the rest of the
reserved names are the ones Windows refuses, with or without an extension (`con`, `con.txt`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from okrsite.load import load_content

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

ROOT = Path(__file__).resolve().parent.parent
VALID = (ROOT / "tests" / "fixtures" / "minimal" / "airline.yml").read_text("utf-8")
BAD_IDS = [
    "../x", "..", ".", "/etc/passwd", "a/b", "a\\\\b", "%2e%2e", "%2F", "x.", ".hidden", "~x",
    "index", "INDEX", "Index", "con", "CON", "con.txt", "nul", "aux.json", "com1", "lpt9",
    "a b", "a\\tb", "ａｂ", "é", "x" * 65, "", "a:b", "a?b", "a#b", "a&b", "<b>",
]  # fmt: skip


def load_with(tmp_path: Path, text: str):
    content = tmp_path / "content"
    content.mkdir(exist_ok=True)
    (content / "okrs.yml").write_text(text, "utf-8")
    return load_content(content, relative_to=tmp_path)


def errors(result) -> list[str]:
    return [str(p) for p in result.problems if p.severity == "error"]


PLACES = {  # where an id is written: the text to replace, and its replacement
    "team": ("id: airport-ops\ntitle: Airport", "id: {id}\ntitle: Airport"),
    "key result": ("  - id: digital-adoption", "  - id: {id}"),
    "stage": ("  - {id: board,", "  - {id: {id},"),
    "alias": ("level: department", "level: department\naliases: [{id}]"),
}


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize("place", sorted(PLACES))
def test_unusable_id_is_refused_with_its_line(tmp_path: Path, bad: str, place: str) -> None:
    old, new = PLACES[place]
    quoted = '"' + bad + '"'
    text = VALID.replace(old, new.replace("{id}", quoted))
    line = next(n for n, t in enumerate(text.splitlines(), 1) if quoted in t)
    result = load_with(tmp_path, text)
    assert result.model is None
    assert any(f"okrs.yml:{line}:" in e for e in errors(result)), errors(result)


@pytest.mark.parametrize(
    "first, second",
    [
        ("streamline-check-in", "Streamline-Check-In"),  # objectives
        ("checkin-wait-time", "CHECKIN-WAIT-TIME"),  # key results, across objectives
        ("airport-ops", "Airport-Ops"),  # teams
    ],
)
def test_ids_differing_only_by_case_are_duplicates(tmp_path: Path, first: str, second: str) -> None:
    copy = VALID.split("---\n")
    extra = next(doc for doc in copy if f"id: {first}" in doc)
    renamed = extra.replace(f"id: {first}", f"id: {second}")
    for other in ("streamline-check-in", "checkin-wait-time", "digital-adoption",
                  "checkin-satisfaction", "airport-ops"):  # fmt: skip
        if other != first:
            renamed = renamed.replace(f"id: {other}", f"id: other-{other}")
    result = load_with(tmp_path, VALID + "---\n" + renamed)
    assert result.model is None
    assert any("compared case-insensitively" in e and second in e for e in errors(result))


def test_an_alias_colliding_by_case_with_an_id_is_refused(tmp_path: Path) -> None:
    text = VALID.replace("level: department", "level: department\naliases: [Digital-Check-In]")
    text = text.replace(
        "kind: Capability\nid: digital-check-in", "kind: Team\nid: digital-check-in"
    )
    result = load_with(tmp_path, text)
    assert any("duplicate team alias 'Digital-Check-In'" in e for e in errors(result))


@pytest.fixture
def traversing(tmp_path: Path) -> Path:
    """A project whose objective id tries to climb out of `objectives/`."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "hostile" / "payloads", project)
    okrs = project / "content" / "okrs.yml"
    okrs.write_text(okrs.read_text("utf-8").replace("id: hostile-objective", 'id: "../../escaped"'))
    return project


def test_generate_writes_nothing_for_a_traversing_id(traversing: Path) -> None:
    out = traversing / "out"
    done = subprocess.run(
        [sys.executable, "-m", "okrsite", "generate", str(out), "--content", "content",
         "--as-of", "2026-11-23"],
        cwd=traversing, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    assert "okrs.yml:" in done.stderr and "must start with a letter or digit" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()
    assert not list(traversing.parent.rglob("escaped*"))


def test_mkdocs_build_writes_nothing_for_a_traversing_id(traversing: Path) -> None:
    site = traversing / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
        cwd=traversing,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "must start with a letter or digit" in done.stderr
    assert "Traceback" not in done.stderr
    assert not site.exists() or not any(site.iterdir())
    assert not list(traversing.parent.rglob("escaped*"))
