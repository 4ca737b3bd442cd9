"""`okrsite generate` and its parts: the folder layout, the atomic swap, reading mkdocs.yml without
MkDocs, and the Zensical config. The real Zensical build is in test_zensical_build.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from okrsite.artifacts import Artifact
from okrsite.cli import main
from okrsite.engines.folder import MARKER, FolderError, laid_out, write_folder
from okrsite.engines.mkdocs_yml import SiteConfigError, read_site_config
from okrsite.engines.zensical import user_pages_nav

MKDOCS_YML = """\
site_name: Test portal
theme:
  name: material
plugins:
  - search
  - okrsite:
      content: content
      as_of: 2026-11-23
      history: false
      diagrams: false
"""


@pytest.fixture()
def project(tmp_path: Path, demo_content: Path) -> Path:
    """A portal project: mkdocs.yml, the demo content and two user pages."""
    shutil.copytree(demo_content, tmp_path / "content")
    (tmp_path / "docs" / "guide").mkdir(parents=True)
    (tmp_path / "docs" / "about.md").write_text("# About\n")
    (tmp_path / "docs" / "guide" / "index.md").write_text("# Guide\n")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML)
    return tmp_path


# Layout ------------------------------------------------------------------------------------
def test_pages_move_into_their_own_folder_and_the_nav_follows() -> None:
    artifacts = [
        Artifact("okrs/index.md", "# Overview"),
        Artifact("okrs/objectives/index.md", "# Objectives"),
        Artifact("okrs/objectives/grow.md", "# Grow"),
        Artifact("okrs/badges/objective/grow.svg", "<svg/>"),
    ]
    nav = [{"Objectives": ["okrs/objectives/index.md", "okrs/objectives/grow.md"]}]
    files, moved_nav = laid_out(artifacts, nav, directory_urls=True)
    assert [f.path for f in files] == [
        "okrs/index.md",
        "okrs/objectives/index.md",
        "okrs/objectives/grow/index.md",
        "okrs/badges/objective/grow.svg",
    ]
    assert moved_nav == [
        {"Objectives": ["okrs/objectives/index.md", "okrs/objectives/grow/index.md"]}
    ]
    # With .html URLs the folder is already the URL's folder: nothing moves.
    assert laid_out(artifacts, nav, directory_urls=False) == (artifacts, nav)


def test_user_pages_nest_like_mkdocs_index_first() -> None:
    pages = ["b.md", "guide/setup.md", "guide/index.md", "index.md", "my_notes/x.md"]
    assert user_pages_nav(pages) == [
        "index.md",
        "b.md",
        {"Guide": ["guide/index.md", "guide/setup.md"]},
        {"My notes": ["my_notes/x.md"]},
    ]


# Writing -----------------------------------------------------------------------------------
def test_a_folder_okrsite_did_not_write_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.md").write_text("keep me")
    with pytest.raises(FolderError, match="not written by `okrsite generate`"):
        write_folder(tmp_path / "mine", [Artifact("a.md", "x")], ["a.md"])
    assert (tmp_path / "mine" / "notes.md").read_text() == "keep me"


def test_a_failed_write_leaves_the_previous_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_folder(out, [Artifact("a.md", "old")], ["a.md"])
    broken = [Artifact("b.md", "new"), Artifact("b.md/c.md", "a file cannot hold a file")]
    with pytest.raises(OSError):
        write_folder(out, broken, ["b.md", "b.md/c.md"])
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "a.md"]
    assert (out / "a.md").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary folder left behind


def test_rewriting_replaces_everything_and_keeps_bytes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_folder(out, [Artifact("gone.md", "x")], ["gone.md"])
    write_folder(out, [Artifact("page.md", "naïve\r\nline"), Artifact("b.png", b"\x89PNG")],
                 ["page.md", "b.png"])  # fmt: skip
    assert not (out / "gone.md").exists()
    assert (out / "page.md").read_bytes() == "naïve\r\nline".encode()
    assert (out / "b.png").read_bytes() == b"\x89PNG"


def test_a_user_page_at_a_portal_path_stops_the_write(tmp_path: Path) -> None:
    docs = tmp_path / "docs" / "objectives"
    docs.mkdir(parents=True)
    (docs / "grow.md").write_text("mine")
    artifact = Artifact("objectives/grow/index.md", "portal")
    with pytest.raises(FolderError, match="'objectives/grow.md' in the docs folder"):
        write_folder(tmp_path / "out", [artifact], ["objectives/grow.md"], tmp_path / "docs")
    assert not (tmp_path / "out").exists()


# Reading mkdocs.yml ------------------------------------------------------------------------
def test_settings_come_from_the_plugin_entry_with_tags_and_inherit(tmp_path: Path) -> None:
    (tmp_path / "base.yml").write_text(
        "site_name: Base\nuse_directory_urls: false\nplugins:\n"
        "  - okrsite:\n      prefix: okrs\n      visibility: public\n"
    )
    (tmp_path / "mkdocs.yml").write_text(
        "INHERIT: base.yml\nsite_url: !ENV [SITE_URL, 'https://okrs.example']\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
        "theme:\n  name: material\n  custom_dir: overrides\n"
    )
    site = read_site_config(tmp_path / "mkdocs.yml")
    assert site.settings.prefix == "okrs/"
    assert site.settings.portal.visibility.value == "public"
    assert site.use_directory_urls is False
    assert site.settings.site.override_dir == tmp_path / "overrides"
    assert site.settings.content_dir == tmp_path.resolve() / "content"


def test_a_bad_setting_is_reported_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML.replace("as_of: 2026-11-23", "as_of: soon"))
    with pytest.raises(SiteConfigError) as raised:
        read_site_config(tmp_path / "mkdocs.yml")
    assert str(raised.value).startswith(f"{tmp_path / 'mkdocs.yml'}:8:14: error: ")
    assert "as_of" in str(raised.value)


def test_a_config_without_the_plugin_says_what_to_add(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nplugins:\n  - search\n")
    with pytest.raises(SiteConfigError, match=r"mkdocs.yml:3:3: error: no `okrsite` entry"):
        read_site_config(tmp_path / "mkdocs.yml")


# The command -------------------------------------------------------------------------------
def test_generate_with_config_writes_docs_portal_and_zensical_config(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = project / "build" / "site-docs"
    assert main(["generate", str(out), "--config", str(project / "mkdocs.yml")]) == 0
    assert (out / "about.md").read_text() == "# About\n"
    assert (out / "objectives" / "index.md").is_file()
    assert (out / "okrs.json").is_file()
    config = yaml.safe_load((project / "zensical.yml").read_text())
    assert config["INHERIT"] == "mkdocs.yml"
    assert config["docs_dir"] == "build/site-docs"
    assert "assets/okrsite/okrsite.css" in config["extra_css"]
    assert config["nav"][0] == {"Overview": "index.md"}
    assert config["nav"][-2:] == ["about.md", {"Guide": ["guide/index.md"]}]
    assert "zensical build -f" in capsys.readouterr().out


def test_content_errors_write_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content" / "broken.yml").write_text("objectives:\n  - id: [not, an, id]\n")
    out = project / "out"
    assert main(["generate", str(out), "--content", str(project / "content")]) == 1
    assert not out.exists()
    assert "broken.yml:" in capsys.readouterr().err


def test_settings_cannot_be_given_twice(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["generate", str(project / "out"), "--config", str(project / "mkdocs.yml")]
    assert main([*args, "--prefix", "okrs"]) == 2
    assert "--prefix cannot be combined with --config" in capsys.readouterr().err


def test_zensical_needs_the_folder_inside_the_project(
    project: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "out"
    assert main(["generate", str(elsewhere), "--config", str(project / "mkdocs.yml")]) == 2
    assert "Zensical only builds a docs_dir inside" in capsys.readouterr().err
    assert not elsewhere.exists()


def test_without_graphviz_nothing_is_written(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(project)  # the diagram cache is relative to the working folder: empty
    monkeypatch.setenv("PATH", str(project / "no-bin"))
    assert main(["generate", "out"]) == 2
    assert not (project / "out").exists()
    assert "dot" in capsys.readouterr().err
