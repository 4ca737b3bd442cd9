"""`build_fingerprint`: what, beside the navigation, makes `serve --dirty` build every page again
and the page cache start afresh: settings, plugins (a `hooks:` file by its code), the theme's
override files."""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config import load_config

from okrsite.mkdocs_plugin.page_cache.keys import build_fingerprint

SMALL = Path(__file__).resolve().parent / "fixtures" / "portal_small"
HOOK = "def on_page_content(html, page, config, files):\n    return html + '{}'\n"


def fingerprint(project: Path) -> str:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    return build_fingerprint(config)


def test_a_hooks_file_is_fingerprinted_by_its_code(tmp_path: Path) -> None:
    """A hooks module has no settings (`plugin.config`): it once crashed every serve --dirty."""
    project = tmp_path / "project"
    shutil.copytree(SMALL, project, ignore=shutil.ignore_patterns(".cache", "site"))
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("hooks: [hooks.py]\n")
    hook = project / "hooks.py"
    hook.write_text(HOOK.format("<p>one</p>"), "utf-8")
    first = fingerprint(project)
    assert fingerprint(project) == first
    hook.write_text(HOOK.format("<p>two</p>"), "utf-8")
    assert fingerprint(project) != first


def test_an_override_edit_changes_the_fingerprint(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(SMALL, project, ignore=shutil.ignore_patterns(".cache", "site"))
    first = fingerprint(project)
    extras = project / "overrides" / "okrsite" / "partials" / "extras.md.jinja"
    extras.write_text(extras.read_text("utf-8") + "\n", "utf-8")
    assert fingerprint(project) != first
