"""The shipped page templates: each section a block an override can replace alone, a comment
saying what the template gets, lines a reviewer can read."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from okrsite.load import load_content
from okrsite.portal import Portal, assemble_portal
from okrsite.render.pages import render_pages
from okrsite.render.pages.environment import packaged_theme_dir
from okrsite.urls import Kind, SiteUrls

ROOT = Path(__file__).resolve().parent.parent
THEME = packaged_theme_dir()
PAGES = sorted(
    path
    for path in (THEME / "okrsite").rglob("*.md.jinja")
    if path.parent.name != "partials"
    and path.name not in {"macros.md.jinja", "linked-from.md.jinja"}
)


@pytest.fixture(scope="module")
def portal() -> Portal:
    loaded = load_content(ROOT / "content")
    assert loaded.model is not None
    return assemble_portal(loaded.model, date(2026, 11, 23))


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.relative_to(THEME).as_posix())
def test_each_page_template_names_its_variables_and_has_blocks(path: Path) -> None:
    text = path.read_text("utf-8")
    assert text.startswith("{#- ") and "Variables:" in text.split("-#}")[0]
    assert f'{{% extends "shipped/{path.relative_to(THEME).as_posix()}" %}}' in text
    blocks = re.findall(r"{% block (\w+) %}", text)
    assert blocks[0] == "title" and len(blocks) >= 2, blocks
    assert len(blocks) == text.count("{% endblock %}")


def test_no_template_line_is_longer_than_120_characters() -> None:
    long = [
        f"{path.relative_to(THEME)}:{number}"
        for path in sorted(THEME.rglob("*.jinja"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if len(line) > 120
    ]
    assert long == []


def test_an_override_can_replace_one_block_of_the_shipped_page(
    portal: Portal, tmp_path: Path
) -> None:
    override = tmp_path / "okrsite" / "objective.md.jinja"
    override.parent.mkdir()
    override.write_text(
        '{% extends "shipped/okrsite/objective.md.jinja" %}\n'
        "{% block initiatives %}\n## Delivery\n\n<p>Ask {{ entity.owner or 'the team' }}.</p>\n"
        "{% endblock %}\n",
        "utf-8",
    )
    urls = SiteUrls()
    shipped = {a.path: a.content for a in render_pages(portal, urls)}
    changed = {a.path: a.content for a in render_pages(portal, urls, override_dir=tmp_path)}

    page = urls.page_source(Kind.OBJECTIVE, "streamline-check-in")
    text = changed[page]
    assert isinstance(text, str)
    assert "## Delivery" in text and "<p>Ask Henrik Larsen.</p>" in text
    assert "## Initiatives" not in text
    assert "## Key results" in text and "## Alignment" in text  # the other blocks as shipped
    before, after = str(shipped[page]), text
    assert before.split("## Initiatives")[0] == after.split("## Delivery")[0]
    objectives = {urls.page_source(Kind.OBJECTIVE, key) for key in portal.model.objectives}
    initiatives = {urls.page_source(Kind.INITIATIVE, key) for key in portal.model.initiatives}
    differ = {p for p in shipped if shipped[p] != changed[p]}
    assert objectives <= differ <= objectives | initiatives  # their "Linked from" lost a page
