"""`okrsite init --into`: the portal added to an existing MkDocs handbook, nothing silently.

The handbook here is a small one as a company would have it: a commented mkdocs.yml with a
`plugins:` list, a nav, tags MkDocs' safe loaders reject, and a GitHub workflow that deploys it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from okrsite.cli import main
from okrsite.commands import init_into_ci as ci
from okrsite.commands.init_into_entry import EditRefused, add_plugin_entry, load_tolerant
from okrsite.pipelines import pipeline_files
from tests.mkdocs_runs import run_mkdocs

HANDBOOK_YML = """\
# Our company handbook. Keep entries sorted.
site_name: Handbook
site_url: https://handbook.example.com/

theme:
  name: material  # the Material theme
  features:
    - navigation.tabs

nav:
  - Home: index.md
  - People: people.md

plugins:
  - search   # full-text search
  - tags:
      enabled: true
  # - blog  (later)

markdown_extensions:
  - toc:
      permalink: true
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg

extra:
  analytics_key: !ENV [HANDBOOK_ANALYTICS_KEY, ""]
"""
WORKFLOW = """\
name: docs
on: [push]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pip install -r requirements.txt
      - run: mkdocs gh-deploy --force
"""
ENTRY = {"okrsite": {"content": "content", "prefix": "okrs"}}
REQUIREMENT = pipeline_files()["requirements.txt"].strip()


def handbook(root: Path, config: str = HANDBOOK_YML, *, workflow: bool = True) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(config, "utf-8")
    (root / "docs" / "index.md").write_text("# Handbook\n\nHow we work.\n", "utf-8")
    (root / "docs" / "people.md").write_text("# People\n\nWho we are.\n", "utf-8")
    (root / "docs" / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", "utf-8")
    (root / "requirements.txt").write_text("mkdocs-material\n", "utf-8")
    if workflow:
        (root / ".github" / "workflows").mkdir(parents=True)
        (root / ".github" / "workflows" / "docs.yml").write_text(WORKFLOW, "utf-8")
    return root


def every_file(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def into(root: Path, *options: str) -> int:
    return main(["init", "--into", str(root), *options])


def plugins(root: Path) -> object:
    return load_tolerant((root / "mkdocs.yml").read_text("utf-8"))["plugins"]


def test_the_dry_run_prints_the_lines_and_changes_no_byte(tmp_path: Path, capsys) -> None:
    before = every_file(handbook(tmp_path))
    assert into(tmp_path) == 0
    assert every_file(tmp_path) == before
    out = capsys.readouterr().out
    assert f"{tmp_path / 'mkdocs.yml'}: add after line 17, in the `plugins:` list:" in out
    assert "  - okrsite:\n      content: content\n      prefix: okrs\n" in out
    assert f"{tmp_path / 'content/okrs.yml'}: starter OKRs" in out
    assert f"the line `{REQUIREMENT}` at its end" in out
    assert f"okrsite init --into {tmp_path} --write" in out


def test_write_keeps_every_line_and_comment_and_adds_the_entry(tmp_path: Path, capsys) -> None:
    handbook(tmp_path)
    assert into(tmp_path, "--write") == 0
    lines = (tmp_path / "mkdocs.yml").read_text("utf-8").splitlines()
    original = HANDBOOK_YML.splitlines()
    assert lines[:17] == original[:17] and lines[20:] == original[17:]
    assert lines[17:20] == ["  - okrsite:", "      content: content", "      prefix: okrs"]
    assert plugins(tmp_path) == ["search", {"tags": {"enabled": True}}, ENTRY]
    starter = tmp_path / "content" / "okrs.yml"
    assert "kind: Objective" in starter.read_text("utf-8")
    requirements = (tmp_path / "requirements.txt").read_text("utf-8")
    assert requirements == f"mkdocs-material\n{REQUIREMENT}\n"
    assert f"Added an OKR portal to {tmp_path}" in capsys.readouterr().out


@pytest.mark.slow
def test_the_written_handbook_builds_strictly_with_the_portal_below_the_prefix(
    tmp_path: Path,
) -> None:
    project = handbook(tmp_path / "handbook")
    (project / "docs" / "okrs").mkdir()
    (project / "docs" / "okrs" / "2024.md").write_text("# Last year's OKRs\n", "utf-8")
    assert into(project, "--write") == 0
    built = run_mkdocs(project, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert built.returncode == 0, built.stderr
    site = tmp_path / "site"
    assert (site / "okrs" / "2024" / "index.html").is_file(), "the handbook's own page stays"
    objective = site / "okrs-portal" / "objectives" / "faster-onboarding" / "index.html"
    assert objective.is_file()
    home = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    links = {a["href"] for a in home.select("nav a[href]")}
    assert {"people/", "okrs-portal/"} <= links
    assert home.select_one("form[name=search]") is not None, "search is still there"


def test_a_taken_okrs_folder_gives_the_next_free_prefix(tmp_path: Path, capsys) -> None:
    handbook(tmp_path)
    (tmp_path / "docs" / "okrs").mkdir()
    (tmp_path / "docs" / "okrs-portal.md").write_text("# Our old portal\n", "utf-8")
    assert into(tmp_path, "--write") == 0
    assert plugins(tmp_path)[-1] == {"okrsite": {"content": "content", "prefix": "okrs-portal-2"}}
    out = capsys.readouterr().out
    assert "okrs is taken: docs/okrs/ exists" in out
    assert "okrs-portal is taken: docs/okrs-portal.md exists" in out


@pytest.mark.parametrize("taken", ["okrs.md", "nav"])
def test_a_page_or_nav_entry_at_okrs_takes_the_prefix(tmp_path: Path, taken: str) -> None:
    config = HANDBOOK_YML.replace("  - People: people.md\n", "  - OKRs: okrs/index.md\n")
    handbook(tmp_path, config if taken == "nav" else HANDBOOK_YML)
    if taken == "okrs.md":
        (tmp_path / "docs" / "okrs.md").write_text("# OKRs\n", "utf-8")
    assert into(tmp_path, "--write") == 0
    assert plugins(tmp_path)[-1]["okrsite"]["prefix"] == "okrs-portal"


def test_a_docs_dir_setting_is_where_the_prefix_is_looked_for(tmp_path: Path) -> None:
    handbook(
        tmp_path, HANDBOOK_YML.replace("site_name: Handbook\n", "site_name: H\ndocs_dir: pages\n")
    )
    (tmp_path / "docs").rename(tmp_path / "pages")
    (tmp_path / "pages" / "okrs").mkdir()
    assert into(tmp_path, "--write") == 0
    assert plugins(tmp_path)[-1]["okrsite"]["prefix"] == "okrs-portal"


def test_without_a_plugins_key_search_is_added_too(tmp_path: Path, capsys) -> None:
    config = "site_name: Handbook\nsite_url: https://h.example.com/\ntheme:\n  name: material\n"
    handbook(tmp_path, config)
    assert into(tmp_path, "--write") == 0
    text = (tmp_path / "mkdocs.yml").read_text("utf-8")
    assert text.startswith(config)
    assert plugins(tmp_path) == ["search", ENTRY]
    assert "with `- search`: MkDocs has its search by default only while" in capsys.readouterr().out
    from mkdocs.config import load_config

    loaded = load_config(str(tmp_path / "mkdocs.yml"))
    assert {"material/search", "okrsite"} <= set(loaded.plugins)


def test_a_flow_style_plugins_list_gets_the_entry_on_its_line(tmp_path: Path, capsys) -> None:
    config = HANDBOOK_YML.replace(
        "plugins:\n  - search   # full-text search\n  - tags:\n      enabled: true\n",
        "plugins: [search, tags]  # the two we use\n",
    )
    handbook(tmp_path, config)
    assert into(tmp_path) == 0
    assert (
        "plugins: [search, tags, {okrsite: {content: content, prefix: okrs}}]  # the two we use"
        in (capsys.readouterr().out)
    )
    assert into(tmp_path, "--write") == 0
    after = (tmp_path / "mkdocs.yml").read_text("utf-8")
    assert after == config.replace("tags]", "tags, {okrsite: {content: content, prefix: okrs}}]")
    assert plugins(tmp_path) == ["search", "tags", ENTRY]


@pytest.mark.parametrize(
    "plugins_value",
    ["plugins: !ENV [HANDBOOK_PLUGINS, [search]]\n", "plugins: *shared\n"],
    ids=["tagged", "alias"],
)
def test_a_plugins_value_it_cannot_edit_safely_is_refused_with_the_lines(
    tmp_path: Path, plugins_value: str, capsys
) -> None:
    config = f"shared: &shared\n  - search\nsite_name: H\ntheme:\n  name: material\n{plugins_value}"
    before = every_file(handbook(tmp_path, config))
    assert into(tmp_path, "--write") == 2
    assert every_file(tmp_path) == before
    error = capsys.readouterr().err
    assert f"{tmp_path / 'mkdocs.yml'}:6: error: cannot add the okrsite plugin safely" in error
    assert "Nothing was written" in error
    assert "  - okrsite:\n      content: content\n      prefix: okrs\n" in error


def test_plugins_from_an_inherited_file_are_refused_with_the_lines(tmp_path: Path, capsys) -> None:
    handbook(tmp_path, "INHERIT: base.yml\nsite_name: H\n")
    (tmp_path / "base.yml").write_text("theme:\n  name: material\nplugins:\n  - search\n", "utf-8")
    before = every_file(tmp_path)
    assert into(tmp_path, "--write") == 2
    assert every_file(tmp_path) == before
    error = capsys.readouterr().err
    assert "its plugins come from `INHERIT: base.yml`" in error
    assert "  - okrsite:\n      content: content\n" in error


def test_a_handbook_with_okrsite_already_is_refused(tmp_path: Path, capsys) -> None:
    config = HANDBOOK_YML.replace(
        "  - search   #", "  - okrsite:\n      content: okrs\n  - search #"
    )
    before = every_file(handbook(tmp_path, config))
    assert into(tmp_path, "--write") == 2
    assert every_file(tmp_path) == before
    assert f"{tmp_path / 'mkdocs.yml'}: error: already has the okrsite plugin" in (
        capsys.readouterr().err
    )


def test_a_folder_without_mkdocs_yml_is_refused(tmp_path: Path, capsys) -> None:
    assert into(tmp_path) == 2
    error = capsys.readouterr().err
    assert f"{tmp_path / 'mkdocs.yml'}: error: not found" in error
    assert "okrsite init DIR" in error
    assert list(tmp_path.iterdir()) == []


def test_a_workflow_that_builds_the_handbook_is_kept_and_the_steps_printed(
    tmp_path: Path, capsys
) -> None:
    handbook(tmp_path)
    assert into(tmp_path, "--write") == 0
    assert sorted(p.name for p in (tmp_path / ".github" / "workflows").iterdir()) == ["docs.yml"]
    assert not (tmp_path / ".gitlab-ci.yml").exists()
    out = capsys.readouterr().out
    assert f"{tmp_path / '.github/workflows/docs.yml'}: note: it builds the handbook" in out
    assert "        run: okrsite check content --format github\n" in out
    assert "uses: github/codeql-action/upload-sarif@" in out
    assert "security-events: write" in out and "fetch-depth: 0" in out


def test_without_a_workflow_okrsites_pipelines_are_written(tmp_path: Path) -> None:
    handbook(tmp_path, workflow=False)
    assert into(tmp_path, "--write") == 0
    for path in (".github/workflows/okrsite.yml", ".gitlab-ci.yml"):
        assert (tmp_path / path).read_text("utf-8") == pipeline_files()[path]


def test_a_gitlab_pipeline_is_kept_and_the_lines_printed(tmp_path: Path, capsys) -> None:
    handbook(tmp_path, workflow=False)
    (tmp_path / ".gitlab-ci.yml").write_text("pages:\n  script: [mkdocs build]\n", "utf-8")
    assert into(tmp_path, "--write") == 0
    assert not (tmp_path / ".github").exists()
    assert (tmp_path / ".gitlab-ci.yml").read_text("utf-8") == "pages:\n  script: [mkdocs build]\n"
    assert "    - okrsite check content --format text" in capsys.readouterr().out


def test_a_content_folder_of_something_else_gives_okrs_content(tmp_path: Path, capsys) -> None:
    handbook(tmp_path, workflow=False)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "posts.yml").write_text("title: not okrs\n", "utf-8")
    assert into(tmp_path, "--write") == 0
    assert plugins(tmp_path)[-1]["okrsite"]["content"] == "okrs-content"
    assert (tmp_path / "okrs-content" / "okrs.yml").is_file()
    assert (tmp_path / "content" / "posts.yml").read_text("utf-8") == "title: not okrs\n"
    workflow = (tmp_path / ".github" / "workflows" / "okrsite.yml").read_text("utf-8")
    assert "okrsite check okrs-content --format github" in workflow
    assert "content/ exists and holds no OKRs" in capsys.readouterr().out


def test_a_content_folder_with_okrs_is_used_as_it_is(tmp_path: Path, capsys) -> None:
    handbook(tmp_path)
    (tmp_path / "content").mkdir()
    ours = "kind: Team\nid: platform\ntitle: Platform\nlevel: team\n"
    (tmp_path / "content" / "teams.yaml").write_text(ours, "utf-8")
    assert into(tmp_path, "--write") == 0
    assert [p.name for p in (tmp_path / "content").iterdir()] == ["teams.yaml"]
    assert plugins(tmp_path)[-1]["okrsite"]["content"] == "content"
    assert "content/ holds OKRs already (content/teams.yaml)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("existing", "expected"),
    [(None, f"{REQUIREMENT}\n"), ("mkdocs-material", f"mkdocs-material\n{REQUIREMENT}\n")],
)
def test_requirements_get_okrsite_once(tmp_path: Path, existing: str | None, expected: str) -> None:
    handbook(tmp_path)
    requirements = tmp_path / "requirements.txt"
    requirements.unlink()
    if existing is not None:
        requirements.write_text(existing, "utf-8")  # no final newline
    assert into(tmp_path, "--write") == 0
    assert requirements.read_text("utf-8") == expected


def test_requirements_that_list_okrsite_stay_as_they_are(tmp_path: Path, capsys) -> None:
    handbook(tmp_path)
    (tmp_path / "requirements.txt").write_text("OKRSite[extra]>=0.1\n", "utf-8")
    assert into(tmp_path, "--write") == 0
    assert (tmp_path / "requirements.txt").read_text("utf-8") == "OKRSite[extra]>=0.1\n"
    assert "requirements.txt: note: lists okrsite already" in capsys.readouterr().out


def test_a_missing_site_url_is_named(tmp_path: Path, capsys) -> None:
    handbook(tmp_path, HANDBOOK_YML.replace("site_url: https://handbook.example.com/\n", ""))
    assert into(tmp_path) == 0
    assert "note: sets no `site_url`, so the build warns" in capsys.readouterr().out


def test_write_goes_with_into(tmp_path: Path, capsys) -> None:
    assert main(["init", str(tmp_path / "new"), "--write"]) == 2
    assert "--write goes with --into" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()


# The insertion itself, on the shapes of `plugins:` found in real mkdocs.yml files ---------------

SETTINGS = {"content": "content", "prefix": "okrs"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a list at the key's own column, with settings indented by 4
            "plugins:\n- search\n- tags:\n    tags_file: t.md\nnav: [a.md]\n",
            "plugins:\n- search\n- tags:\n    tags_file: t.md\n"
            "- okrsite:\n    content: content\n    prefix: okrs\nnav: [a.md]\n",
        ),
        (  # the last plugin has no settings: its empty value is on its own line
            "plugins:\n  - search\n  - tags:\n# a comment\nnav: [a.md]\n",
            "plugins:\n  - search\n  - tags:\n  - okrsite:\n      content: content\n"
            "      prefix: okrs\n# a comment\nnav: [a.md]\n",
        ),
        (  # the mapping form MkDocs accepts too
            "plugins:\n  search: {}\n  tags:\n    x: 1\n",
            "plugins:\n  search: {}\n  tags:\n    x: 1\n  okrsite:\n    content: content\n"
            "    prefix: okrs\n",
        ),
        (  # `plugins:` with nothing: MkDocs' default search, kept
            "plugins:  # later\nnav: [a.md]\n",
            "plugins:  # later\n  - search\n  - okrsite:\n      content: content\n"
            "      prefix: okrs\nnav: [a.md]\n",
        ),
        (  # Windows line ends stay Windows line ends
            "site_name: H\r\nplugins:\r\n  - search\r\n",
            "site_name: H\r\nplugins:\r\n  - search\r\n  - okrsite:\r\n      content: content\r\n"
            "      prefix: okrs\r\n",
        ),
        (  # no final newline, and a last value that keeps its trailing blank lines (`|+`)
            "site_name: H\nextra:\n  text: |+\n    hi\n",
            "site_name: H\nextra:\n  text: |+\n    hi\nplugins:\n  - search\n  - okrsite:\n"
            "      content: content\n      prefix: okrs\n",
        ),
        (
            "site_name: H\nplugins: []\n",
            "site_name: H\nplugins: [{okrsite: {content: content, prefix: okrs}}]\n",
        ),
    ],
    ids=["indentless", "empty-last", "mapping", "empty-plugins", "crlf", "keep-chomping", "[]"],
)
def test_the_entry_is_inserted_where_the_file_keeps_its_shape(text: str, expected: str) -> None:
    assert add_plugin_entry(text, SETTINGS).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "{site_name: H, plugins: [search]}\n",  # the whole file in flow style
        "site_name: H\nplugins: ~\n",
        "site_name: H\nplugins: &p [search]\nextra:\n  same: *p\n",  # the edit would change extra
        "base: &b\n  plugins: [search]\n<<: *b\n",
    ],
    ids=["flow-root", "null", "anchored", "merge-key"],
)
def test_shapes_it_cannot_edit_are_refused(text: str) -> None:
    with pytest.raises(EditRefused) as refused:
        add_plugin_entry(text, SETTINGS)
    assert "- okrsite:\n      content: content\n      prefix: okrs" in refused.value.by_hand


def test_every_step_it_prints_is_in_okrsites_workflow() -> None:
    workflow = pipeline_files()[".github/workflows/okrsite.yml"]
    printed = ci.steps(workflow, (*ci.GITHUB_BEFORE_BUILD, *ci.GITHUB_AFTER_BUILD))
    steps = yaml.safe_load(f"steps:\n{printed}")["steps"]
    assert [step["name"].split(" (")[0] for step in steps] == [
        *ci.GITHUB_BEFORE_BUILD,
        *ci.GITHUB_AFTER_BUILD,
    ]
    assert all(line in workflow for line in printed.split("\n"))


def test_another_theme_is_named_but_not_refused(tmp_path: Path, capsys) -> None:
    handbook(tmp_path, HANDBOOK_YML.replace("  name: material  #", "  name: readthedocs  #"))
    assert into(tmp_path) == 0
    assert "note: uses the theme `readthedocs`; the portal builds with it" in (
        capsys.readouterr().out
    )
