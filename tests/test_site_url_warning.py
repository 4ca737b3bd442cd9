"""A build without `site_url` warns once, naming the setting (okrsite/mkdocs_plugin/site_url.py):
its embed snippets would break when pasted elsewhere. With `site_url` it is quiet; `--strict`
fails on the warning as on any other."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from mkdocs_runs import build_in_process

from okrsite.mkdocs_plugin.site_url import NO_SITE_URL_WARNING

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

SMALL = Path(__file__).resolve().parent / "fixtures" / "portal_small"
SITE_URL_LINE = "site_url: https://small.example.org/\n"


def small_project(folder: Path, *, site_url: bool) -> Path:
    """The small portal, with or without its site_url, diagrams off (not what is tested)."""
    shutil.copytree(SMALL, folder, ignore=shutil.ignore_patterns(".cache"))
    config = (folder / "mkdocs.yml").read_text("utf-8")
    assert SITE_URL_LINE in config
    config = config.replace("      as_of:", "      diagrams: false\n      as_of:", 1)
    (folder / "mkdocs.yml").write_text(
        config if site_url else config.replace(SITE_URL_LINE, ""), "utf-8"
    )
    return folder


def warnings_of_a_build(project: Path, caplog: pytest.LogCaptureFixture) -> list[str]:
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        build_in_process(project, project / "site")
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_without_site_url_the_build_warns_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = small_project(tmp_path / "project", site_url=False)
    warnings = warnings_of_a_build(project, caplog)
    assert warnings == [f"okrsite: {NO_SITE_URL_WARNING}"]  # once, not once per page
    assert "`site_url`" in NO_SITE_URL_WARNING and "mkdocs.yml" in NO_SITE_URL_WARNING
    assert len(list((project / "site" / "objectives").iterdir())) > 1  # pages with snippets
    with pytest.raises(Abort):
        build_in_process(project, tmp_path / "strict", strict=True)


def test_with_site_url_the_build_is_quiet(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = small_project(tmp_path / "project", site_url=True)
    assert warnings_of_a_build(project, caplog) == []
    build_in_process(project, tmp_path / "strict", strict=True)
