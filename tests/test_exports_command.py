"""`okrsite export`: the same files a build publishes, written whole or not at all."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from okrsite.cli import main
from okrsite.load import load_content
from okrsite.model import Visibility
from okrsite.portal import assemble_portal
from okrsite.render.exports import export_files
from okrsite.urls import SiteUrls

TESTS = Path(__file__).parent
FIXTURE = TESTS / "fixtures" / "minimal"
BROKEN = TESTS / "broken"
NAMES = ["key-results.csv", "okrs.json", "okrs.schema.json"]


def test_export_writes_what_a_build_publishes(tmp_path: Path, capsys) -> None:
    code = main(
        [
            "export",
            str(FIXTURE),
            "--out",
            str(tmp_path / "out"),
            "--as-of",
            "2026-11-23",
            "--visibility",
            "public",
            "--site-url",
            "https://okr.example/",
            "--prefix",
            "okrs",
        ]
    )
    assert code == 0
    assert "wrote" in capsys.readouterr().out
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == NAMES
    loaded = load_content(FIXTURE)
    assert loaded.model is not None
    portal = assemble_portal(loaded.model, date(2026, 11, 23), Visibility.PUBLIC)
    expected = export_files(portal, SiteUrls("okrs", True, "https://okr.example/"))
    for name, content in expected.items():
        assert (tmp_path / "out" / name).read_bytes() == content.encode("utf-8")
    document = json.loads(expected["okrs.json"])
    assert document["north_star"]["url"] == "https://okr.example/okrs/"


def test_html_urls_without_site_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml here, so no site_url from one
    args = ["export", str(FIXTURE), "--out", str(tmp_path), "--as-of", "2026-11-23"]
    assert main([*args, "--no-directory-urls"]) == 0
    document = json.loads((tmp_path / "okrs.json").read_text("utf-8"))
    assert document["objectives"][0]["url"].endswith(".html")
    assert not document["objectives"][0]["url"].startswith(("/", "http"))


def test_content_errors_write_nothing_and_keep_old_files(tmp_path: Path, capsys) -> None:
    (tmp_path / "okrs.json").write_text("old", encoding="utf-8")
    assert main(["export", str(BROKEN), "--out", str(tmp_path), "--as-of", "2026-11-23"]) == 1
    err = capsys.readouterr().err
    assert "error:" in err and "nothing written" in err
    assert [p.name for p in tmp_path.iterdir()] == ["okrs.json"]
    assert (tmp_path / "okrs.json").read_text("utf-8") == "old"


def test_bad_as_of_is_a_usage_error(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exited:  # argparse rejects it while parsing, like `check`
        main(["export", str(FIXTURE), "--out", str(tmp_path), "--as-of", "soon"])
    assert exited.value.code == 2
    assert "not an ISO date" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_an_unwritable_target_is_reported_without_a_traceback(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert main(["export", str(FIXTURE), "--out", str(blocker / "sub")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_out_is_required() -> None:
    with pytest.raises(SystemExit) as raised:
        main(["export", str(FIXTURE)])
    assert raised.value.code == 2


def test_the_installed_command_runs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "okrsite", "export", str(FIXTURE), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == NAMES


SITE_YML = """\
site_name: OKRs
site_url: https://okr.example/
use_directory_urls: false
plugins:
  - okrsite:
      prefix: okrs
      on_track: 0.2
      at_risk: 0.3
      visibility: public
"""


def test_mkdocs_yml_gives_every_default_and_options_win(tmp_path: Path, monkeypatch) -> None:
    """CI's export is the portal's: thresholds, visibility and urls come from ./mkdocs.yml."""
    shutil.copytree(FIXTURE, tmp_path / "content")
    (tmp_path / "mkdocs.yml").write_text(SITE_YML, "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--out", "public", "--as-of", "2026-11-23"]) == 0
    public = json.loads(Path("public/okrs.json").read_text("utf-8"))
    assert public["objectives"] == [], "the internal objective is not published"
    assert (
        main(["export", "--out", "out", "--as-of", "2026-11-23", "--visibility", "internal"]) == 0
    )
    document = json.loads(Path("out/okrs.json").read_text("utf-8"))
    statuses = {kr["id"]: kr["status"] for kr in document["key_results"]}
    # lags behind 0.7923 expected: 0.19 and 0.259, on track and at risk under 0.2 / 0.3
    assert statuses["digital-adoption"] == "on-track"
    assert statuses["checkin-wait-time"] == "at-risk"
    url = document["objectives"][0]["url"]
    assert url == "https://okr.example/okrs/objectives/streamline-check-in.html"
    given = ["--prefix", "", "--on-track", "0.1", "--at-risk", "0.25", "--visibility", "internal"]
    assert main(["export", "--out", "given", "--as-of", "2026-11-23", *given]) == 0
    document = json.loads(Path("given/okrs.json").read_text("utf-8"))
    assert {kr["id"]: kr["status"] for kr in document["key_results"]}[
        "digital-adoption"
    ] == "at-risk"
    assert (
        document["objectives"][0]["url"]
        == "https://okr.example/objectives/streamline-check-in.html"
    )
