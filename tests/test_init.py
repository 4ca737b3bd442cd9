"""`okrsite init`: a new portal that validates and builds, and never overwrites a file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from okrsite.cli import main
from okrsite.load import load_content
from okrsite.pipelines import pipeline_files


@pytest.mark.slow
def test_init_scaffolds_a_portal_that_validates_and_builds(tmp_path: Path, capsys) -> None:
    target = tmp_path / "portal"
    assert main(["init", str(target)]) == 0
    assert {"mkdocs.yml", "content/okrs.yml", "docs/about.md"} <= {
        p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()
    }
    result = load_content(target / "content", relative_to=target)
    assert result.model is not None and result.problems == []
    previous = os.getcwd()
    os.chdir(target)
    try:
        config = load_config("mkdocs.yml", site_dir=str(tmp_path / "site"), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
    finally:
        os.chdir(previous)
    assert (tmp_path / "site" / "objectives" / "faster-onboarding" / "index.html").is_file()
    assert (tmp_path / "site" / "about" / "index.html").is_file()
    assert "mkdocs serve" in capsys.readouterr().out


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path: Path, capsys) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: mine\n", "utf-8")
    assert main(["init", str(tmp_path)]) == 2
    assert (tmp_path / "mkdocs.yml").read_text("utf-8") == "site_name: mine\n"
    assert not (tmp_path / "content").exists()
    error = capsys.readouterr().err
    assert f"{tmp_path / 'mkdocs.yml'}: error: already exists" in error


def test_init_writes_the_ci_pipelines_and_their_requirements(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path)]) == 0
    for path, text in pipeline_files().items():
        assert (tmp_path / path).read_text("utf-8") == text
    assert {".github/workflows/okrsite.yml", ".gitlab-ci.yml", "requirements.txt"} <= {
        p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()
    }


@pytest.mark.parametrize(
    "existing",
    ["content/okrs.yml", "docs/about.md", ".gitlab-ci.yml", ".github/workflows/okrsite.yml"],
)
def test_init_names_every_file_in_the_way(tmp_path: Path, existing: str, capsys) -> None:
    (tmp_path / existing).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / existing).write_text("mine", "utf-8")
    assert main(["init", str(tmp_path)]) == 2
    assert existing in capsys.readouterr().err.replace(os.sep, "/")


def test_init_ignores_what_builds_make(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path)]) == 0
    lines = (tmp_path / ".gitignore").read_text("utf-8").splitlines()
    assert {"site/", ".cache/"} <= set(lines)


def test_init_keeps_a_gitignore_of_the_repository_and_says_what_it_lacks(
    tmp_path: Path, capsys
) -> None:
    (tmp_path / ".gitignore").write_text("__pycache__/\n/site/\n", "utf-8")
    assert main(["init", str(tmp_path)]) == 0
    assert (tmp_path / ".gitignore").read_text("utf-8") == "__pycache__/\n/site/\n"
    out = capsys.readouterr().out
    assert "add .cache/ to it" in out
    assert "site/," not in out, "/site/ already ignores the built site"
