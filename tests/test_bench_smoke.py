"""The benchmark harness cannot rot: the generator is deterministic and valid, the runner runs.

The quick run builds real sites (size S, one run) so it takes some seconds; the full benchmark
is `python -m bench.run` (bench/README.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import generate
from bench.org import SIZES
from okrsite.load import load_content

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

REPOSITORY = Path(__file__).resolve().parent.parent
PHASES = (
    "check",
    "build-cold",
    "build-warm",
    "build-edit",
    "plain-build",
    "generate",
    "zensical-cold",
    "zensical-warm",
)
REASONS = ("failed: ", "not available: ", "skipped: ")
# Zensical's cold build alone takes ~10 s at S; issue 9's tests build with Zensical already.
SMOKE_PHASES = ("check", "build-cold", "build-warm", "build-edit", "plain-build", "generate")


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def site_s(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("bench") / "okrsite"
    generate("S", site, seed=7)
    return site


@pytest.mark.parametrize("plain", [False, True], ids=["okrsite", "plain"])
def test_same_seed_gives_byte_identical_output(tmp_path: Path, plain: bool) -> None:
    generate("S", tmp_path / "first", seed=7, plain=plain)
    generate("S", tmp_path / "second", seed=7, plain=plain)
    generate("S", tmp_path / "other-seed", seed=8, plain=plain)
    first = tree_bytes(tmp_path / "first")
    assert len(first) > 10
    assert first == tree_bytes(tmp_path / "second")
    assert first != tree_bytes(tmp_path / "other-seed")


def test_generated_content_validates_with_the_sizes_counts(site_s: Path) -> None:
    result = load_content(site_s / "content", relative_to=site_s)
    assert [str(problem) for problem in result.problems] == []
    assert result.model is not None
    model, size = result.model, SIZES["S"]
    assert len(model.objectives) == size.objectives
    assert len(model.key_results) == size.key_results
    assert len(model.initiatives) == size.initiatives
    assert len(model.capabilities) == size.capabilities
    assert len(model.stages) == size.stages
    levels = {team.level.value for team in model.teams.values()}
    assert levels == {"company", "department", "team", "individual"}
    assert any(o.parent for o in model.objectives.values()), "objectives cascade"
    assert any(c.parent for c in model.capabilities.values()), "capabilities form a tree"
    assert any(i.parent for i in model.initiatives.values()), "initiatives have parents"
    metrics = [kr for kr in model.key_results.values() if kr.target is not None]
    assert any(kr.target < kr.baseline for kr in metrics), "some metrics fall"
    assert any(kr.target > kr.baseline for kr in metrics), "some metrics rise"
    assert any(kr.type.value == "milestone" for kr in model.key_results.values())
    assert sum(len(kr.checkins) for kr in model.key_results.values()) > 500


def test_manifest_points_at_the_edited_key_results_current_line(site_s: Path) -> None:
    manifest = json.loads((site_s / "bench-manifest.json").read_text(encoding="utf-8"))
    edit = manifest["edit"]
    lines = (site_s / edit["path"]).read_text(encoding="utf-8").splitlines()
    assert lines[edit["line"] - 1].strip() == f"current: {edit['current']:g}"
    above = [line.strip() for line in lines[: edit["line"]] if line.strip().startswith("- id:")]
    assert above[-1] == f"- id: {edit['key_result']}"


def test_generate_refuses_to_replace_a_folder_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "precious.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError):
        generate("S", tmp_path)
    assert (tmp_path / "precious.txt").read_text(encoding="utf-8") == "keep me"


def test_quick_run_records_every_phase_with_numbers_or_a_reason(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--quick", "--work-dir", str(tmp_path / "sites")]
        + ["--out", str(out), "--only", ",".join(SMOKE_PHASES)],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(out.read_text(encoding="utf-8"))
    phases = {record["name"]: record for record in results["phases"]}
    assert tuple(phases) == PHASES
    for name, record in phases.items():
        if record["status"] == "ok":
            assert 0 < record["min_s"] <= record["median_s"] <= record["max_s"], name
            assert record["peak_rss_mib"] > 1, name
        else:
            assert record["reason"].startswith(REASONS), (name, record["reason"])
    assert [name for name in SMOKE_PHASES if phases[name]["status"] != "ok"] == []
    assert results["ratios"]["build-warm/plain-build"] > 0
    assert results["machine"]["cpus"] >= 1
    assert "| plain-build |" in done.stdout
    # the edit phase restores the file it edits: the content is as generated
    fresh = tmp_path / "fresh"
    generate("S", fresh)
    site = tmp_path / "sites" / "S" / "okrsite"
    assert tree_bytes(site / "content") == tree_bytes(fresh / "content")
