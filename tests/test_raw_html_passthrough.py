"""Generated pages' raw HTML skips Python-Markdown, and the built site is byte for byte the same.

The swap only pays if it happens, and is only safe if the converted HTML equals what Markdown
would have made; both are checked on the demo's real pages, on hand-written edge cases, and on
a whole `mkdocs build` with the swap on and off.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import markdown
import pytest
from mkdocs_runs import build_in_process

from okrsite.mkdocs_plugin import plugin as plugin_module
from okrsite.mkdocs_plugin.raw_html import HiddenHtml, hide_raw_html
from okrsite.options import PortalSettings
from okrsite.render.diagrams import DiagramOptions
from okrsite.render.site_options import SiteOptions
from okrsite.site import load_portal, site_artifacts
from okrsite.urls import SiteUrls

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "fixtures" / "portal_small"
EXTENSIONS = ["toc", "tables", "fenced_code"]  # MkDocs' defaults
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def convert_swapped(text: str) -> str | None:
    swapped = hide_raw_html(text)
    if swapped is None:
        return None
    body, hidden = swapped
    return hidden.restore(convert(body))


def body_of(page: str) -> str:
    return page.split("---\n", 2)[2]  # after the front matter MkDocs reads


@pytest.mark.slow
def test_every_demo_page_is_swapped_and_converts_to_the_same_html(tmp_path: Path) -> None:
    loaded = load_portal(ROOT / "content", PortalSettings(as_of=date(2026, 11, 23)))
    assert loaded.portal is not None, loaded.problems
    options = SiteOptions(diagrams=DiagramOptions(cache_dir=tmp_path))
    pages = [a for a in site_artifacts(loaded.portal, SiteUrls(), options) if a.is_page]
    assert len(pages) > 20
    for page in pages:
        text = body_of(str(page.content))
        assert convert_swapped(text) == convert(text), page.path


SWAPPED = [
    '<div class="a">\n<p>x</p>\n</div>',
    "# Title\n\n<div><table><tr><td>1<br>2</td></tr></table></div>\n<p>next</p>\n\n## More",
    '<figure>\n<svg viewBox="0 0 1 1"><circle r="1"/><title>a &amp; b</title></svg>\n</figure>',
    '<ul>\n<li><a href="x">x</a></li>\n</ul>\n\n\n<div>\n</div>\n',
    "<div title='>'>quoted</div>",
]

LEFT_ALONE = [
    "plain *Markdown* only",
    "text with <span>inline</span> HTML",
    "<span>an inline element</span> starting a paragraph",
    "<div>\n\n## inside an open block\n\n</div>",
    "<div>closed</div>\n*Markdown after it*",
    "<div>closed</div> trailing text",
    "<div><!-- a comment --></div>",
    "<div>\n```\ncode\n```\n</div>",
    "<div><script>let a = '<b>';</script></div>",
    '<div markdown="1">*md*</div>',
    "<hr>",
    "<div>a < b</div>",
    "<div>unclosed",
    "  <div>indented</div>",
    "<div>has OKRSITERAWHTML0X in it</div>",
]


@pytest.mark.parametrize("text", SWAPPED)
def test_complete_html_chunks_are_swapped_and_convert_the_same(text: str) -> None:
    assert hide_raw_html(text) is not None
    assert convert_swapped(text) == convert(text)


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_doubtful_pages_are_converted_the_ordinary_way(text: str) -> None:
    assert hide_raw_html(text) is None


def test_a_lost_placeholder_is_reported_not_dropped() -> None:
    hidden = HiddenHtml(["<div>a</div>", "<div>b</div>"])
    assert hidden.restore("<p>OKRSITERAWHTML0X</p>") is None
    assert hidden.restore("<p>OKRSITERAWHTML1X</p>\n<p>OKRSITERAWHTML0X</p>") == (
        "<div>b</div>\n<div>a</div>"
    )


def test_anchor_ids_inside_the_hidden_html_are_known_to_mkdocs() -> None:
    hidden = HiddenHtml(['<div id="kr-1"><p id=\'a&amp;b\'>x</p><p data-id="no">y</p></div>'])
    assert hidden.anchor_ids() == {"kr-1", "a&b"}


def build_small(site_dir: Path) -> Path:
    return build_in_process(SMALL, site_dir)


@pytest.mark.slow
def test_a_real_build_is_byte_identical_with_and_without_the_swap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages are the same; the search index differs only in leaving out the quiet parts
    (tests/test_search_quiet.py), which only swapped chunks can be."""
    monkeypatch.setattr(plugin_module.PageCache, "start", lambda *args: "off for this test")
    swapped = build_small(tmp_path / "swapped")
    monkeypatch.setattr(plugin_module, "hide_raw_html", lambda text: None)
    ordinary = build_small(tmp_path / "ordinary")
    files = sorted(p.relative_to(swapped) for p in swapped.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(ordinary) for p in ordinary.rglob("*") if p.is_file())
    assert any(str(f).endswith("index.html") for f in files)
    for name in files:
        if name.as_posix() != "search/search_index.json":
            assert (swapped / name).read_bytes() == (ordinary / name).read_bytes(), name
