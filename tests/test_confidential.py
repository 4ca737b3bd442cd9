"""Confidential objectives leave no trace in any output of a build that does not publish them.

The fixture (`tests/hostile/confidential/`) marks every field of its confidential objective, key
results, check-ins, links, tags, aliases and initiatives with "Qv7Secret", and gives them numbers
found nowhere else. Its git history changes the confidential key results too. The site is built
with the real `mkdocs build` and with `okrsite generate` and `okrsite export`; then every byte of
every file (gzip unpacked; HTML entities and URL escapes decoded) is searched.
"""

from __future__ import annotations

import gzip
import html
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from history_repo import GitRepo

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

FIXTURE = Path(__file__).resolve().parent / "hostile" / "confidential"
SECRET = "qv7secret"  # compared lowercased: ids, titles, URLs and search tokens alike
SECRET_NUMBERS = ("1234567", "2234567", "1734567", "1,234,567", "2,234,567", "1,734,567")
CONFIDENTIAL_DONE = "Qv7Secret-kr-milestone"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(args: list[str], cwd: Path) -> None:
    done = subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture as a git repository whose history moves public and confidential values."""
    root = tmp_path_factory.mktemp("confidential") / "project"
    shutil.copytree(FIXTURE, root)
    okrs = (root / "content" / "okrs.yml").read_text("utf-8")
    earlier = okrs.replace("current: 20", "current: 10").replace("done: true", "done: false")
    repo = GitRepo(root)
    repo.commit({"content/okrs.yml": earlier}, "2026-10-01", "Qv7Secret: first values")
    repo.commit({"content/okrs.yml": okrs}, "2026-11-01", "Qv7Secret milestone done")
    return root


@pytest.fixture(scope="module")
def outputs(project: Path) -> dict[str, Path]:
    """The site from `mkdocs build`, the folder from `okrsite generate`, the exports."""
    out = project / "out"  # `generate --config` writes inside the project, as Zensical needs
    run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out / "site")],
        project,
    )
    run([sys.executable, "-m", "okrsite", "generate", str(out / "generated"), "--config",
         "mkdocs.yml"], project)  # fmt: skip
    run([sys.executable, "-m", "okrsite", "export", "content", "--out", str(out / "exports"),
         "--as-of", "2026-11-23"], project)  # fmt: skip
    return {name: out / name for name in ("site", "generated", "exports")}


def every_byte(folder: Path) -> dict[Path, str]:
    """Each file's text (gzip unpacked), lowercased, plus its entity- and URL-decoded forms."""
    texts = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            text = data.decode("utf-8", "replace")
            texts[path] = "\n".join((text, html.unescape(text), unquote(text))).lower()
    return texts


def leaks(folder: Path) -> list[str]:
    found = []
    for path, text in every_byte(folder).items():
        for needle in (SECRET, *SECRET_NUMBERS):
            if needle in text:
                found.append(f"{path.relative_to(folder)}: {needle}")
    return found


@pytest.mark.parametrize("name", ["site", "generated", "exports"])
def test_no_byte_of_any_output_mentions_a_confidential_entity(outputs, name: str) -> None:
    folder = outputs[name]
    assert len(every_byte(folder)) >= (3 if name == "exports" else 30)
    assert leaks(folder) == []


def test_the_search_finds_the_marker_when_confidential_is_published(project, tmp_path) -> None:
    """The same search over a build that publishes everything finds every kind of field."""
    run([sys.executable, "-m", "okrsite", "generate", str(tmp_path / "all"), "--content",
         "content", "--as-of", "2026-11-23", "--visibility", "confidential"], project)  # fmt: skip
    everything = "\n".join(every_byte(tmp_path / "all").values())
    for written in ("qv7secret objective title", "qv7secret owner", "qv7secret check-in note",
                    "qv7secret-initiative", "qv7secret-kr-metric", "qv7secret-tag", "1,734,567",
                    "https://qv7secret.example.com/plan"):  # fmt: skip
        assert written in everything


def test_the_published_part_is_all_there(outputs) -> None:
    site = outputs["site"]
    for page in ("objectives/alpha-objective", "objectives/beta-objective",
                 "key-results/alpha-kr", "initiatives/shared-initiative", "changes"):  # fmt: skip
        assert (site / page / "index.html").is_file()
    assert "alpha key result" in (site / "feed.xml").read_text("utf-8").lower()


def test_roll_ups_and_counts_leave_confidential_objectives_out(outputs) -> None:
    """Published objectives are 20% and 40%; with the confidential one (100%) it would be 53%."""
    exported = json.loads((outputs["site"] / "okrs.json").read_text("utf-8"))
    objectives = exported["objectives"]
    assert [o["id"] for o in objectives] == ["alpha-objective", "beta-objective"]
    mean = sum(o["progress"] for o in objectives) / len(objectives)
    assert exported["north_star"]["progress"] == pytest.approx(mean) == pytest.approx(0.3)
    for section in ("value_streams", "capabilities", "teams"):
        assert [entity["progress"] for entity in exported[section]] == [pytest.approx(0.3)]
    assert exported["stages"][0]["progress"] == pytest.approx(0.3)
    assert [kr["id"] for kr in exported["key_results"]] == ["alpha-kr", "beta-kr"]
    assert exported["objectives"][1]["parent"] is None  # its parent is confidential

    site = outputs["site"]
    badge = json.loads((site / "badges" / "north-star" / "north-star.json").read_text("utf-8"))
    assert badge["message"].startswith("30%")
    for svg in ("north-star/north-star", "team/ops", "stage/book", "capability/payments"):
        text = (site / "badges" / f"{svg}.svg").read_text("utf-8")
        assert "30%" in text and "53%" not in text
    overview = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    summary = overview.select_one("article").get_text(" ", strip=True)
    assert "2 objectives in 2026 Q4 · 2 key results · 1 initiatives" in summary
    assert "53%" not in summary
    rows = (site / "key-results.csv").read_text("utf-8").splitlines()
    assert len(rows) == 3  # header, alpha-kr, beta-kr


def test_an_initiative_serving_both_shows_only_the_published_link(outputs) -> None:
    site = outputs["site"]
    exported = json.loads((site / "okrs.json").read_text("utf-8"))
    assert [(i["id"], i["key_results"]) for i in exported["initiatives"]] == [
        ("shared-initiative", ["alpha-kr"])
    ]
    page = BeautifulSoup(
        (site / "initiatives" / "shared-initiative" / "index.html").read_text("utf-8"),
        "html.parser",
    )
    hrefs = {a["href"] for a in page.select("article a[href]")}
    assert "../../key-results/alpha-kr/" in hrefs
    assert not any("key-results/" in h and "alpha-kr" not in h for h in hrefs)
    matrix = (site / "matrix" / "index.html").read_text("utf-8")
    assert "shared-initiative" in matrix
    assert not (site / "initiatives" / CONFIDENTIAL_DONE.lower()).exists()
