"""Embed snippets: each language, parsed by a real parser where one is at hand, shows the badge,
links to the page, and keeps a hostile title as plain alt text; the page shows them in one closed
block with a tab per format (theme/okrsite/partials/extras.md.jinja)."""

from __future__ import annotations

import re

import markdown
import pytest
from bs4 import BeautifulSoup
from docutils.core import publish_parts
from docutils.writers import html5_polyglot
from portal_samples import HOSTILE, sample_portal

from okrsite.render.embeds import NOTICE_WITHOUT_SITE_URL, embed_notice, embed_snippets
from okrsite.render.pages import Embed
from okrsite.render.pages.environment import page_environment
from okrsite.render.pages.links import PageLinks
from okrsite.urls import Kind, SiteUrls

SITE = SiteUrls("okrs", site_url="https://wiki.example.org/o k(r)/")
PAGE = "https://wiki.example.org/o%20k%28r%29/okrs/objectives/hostile/"
IMAGE = "https://wiki.example.org/o%20k%28r%29/okrs/badges/objective/hostile.svg"
ALT = f"{HOSTILE}: OKR progress badge"


def _snippets(urls: SiteUrls = SITE, kind: Kind = Kind.OBJECTIVE, key: str = "hostile"):
    return {s.label: s for s in embed_snippets(sample_portal(), urls, kind, key)}


def _linked_image(html: str) -> tuple[str, str, str]:
    soup = BeautifulSoup(html, "html.parser")
    link = soup.find("a")
    image = link.find(["img", "object"])
    source = image.get("src") or image.get("data")
    return link["href"], source, image.get("alt", image.get_text())


def test_five_languages_in_a_fixed_order() -> None:
    assert list(_snippets()) == [
        "Markdown",
        "HTML",
        "reStructuredText",
        "AsciiDoc",
        "Confluence wiki markup",
    ]


def test_markdown_renders_to_the_linked_badge_with_the_title_as_alt() -> None:
    html = markdown.markdown(_snippets()["Markdown"].text)
    assert _linked_image(html) == (PAGE, IMAGE, ALT)


def test_html_parses_to_the_linked_badge_with_the_title_as_alt() -> None:
    text = _snippets()["HTML"].text
    assert "<script" not in text
    assert _linked_image(text) == (PAGE, IMAGE, ALT)


def test_restructuredtext_renders_to_the_linked_badge_with_the_title_as_alt() -> None:
    body = publish_parts(
        _snippets()["reStructuredText"].text,
        writer=html5_polyglot.Writer(),
        settings_overrides={"report_level": 5},
    )["body"]
    assert _linked_image(body) == (PAGE, IMAGE, ALT)


def test_asciidoc_attribute_values_unescape_to_the_title() -> None:
    text = _snippets()["AsciiDoc"].text
    match = re.fullmatch(r"image:(\S+?)\[(.*[^\\])\]", text)
    assert match, text
    assert match.group(1) == IMAGE
    attributes = dict(
        re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', match.group(2))  # Asciidoctor's quoting
    )
    assert re.sub(r"\\(.)", r"\1", attributes["alt"]) == ALT
    assert attributes["link"] == PAGE
    assert "]" not in re.sub(r"\\.", "", match.group(2))  # no bare bracket ends the macro early


def test_confluence_links_the_badge_to_the_page() -> None:
    assert _snippets()["Confluence wiki markup"].text == f"[!{IMAGE}!|{PAGE}]"


def test_without_site_url_snippets_use_root_paths_and_say_so() -> None:
    urls = SiteUrls("okrs")
    html = _snippets(urls)["HTML"].text
    assert _linked_image(html)[:2] == (
        "/okrs/objectives/hostile/",
        "/okrs/badges/objective/hostile.svg",
    )
    assert embed_notice(urls) == NOTICE_WITHOUT_SITE_URL
    assert embed_notice(SITE) is None


@pytest.mark.parametrize(
    ("kind", "key", "page"),
    [
        (Kind.NORTH_STAR, "fly-happy", "okrs/"),
        (Kind.KEY_RESULT, "checkin-wait-time", "okrs/key-results/checkin-wait-time/"),
        (Kind.TEAM, "idle", "okrs/teams/idle/"),
    ],
)
def test_every_badge_kind_has_snippets(kind: Kind, key: str, page: str) -> None:
    urls = SiteUrls("okrs", site_url="https://x.example/")
    href, source, _ = _linked_image(_snippets(urls, kind, key)["HTML"].text)
    assert href == f"https://x.example/{page}"
    assert source == f"https://x.example/okrs/badges/{kind.value}/{key}.svg"


def test_initiatives_have_no_badge_so_no_snippets() -> None:
    assert embed_snippets(sample_portal(), SITE, Kind.INITIATIVE, "kiosks") == []


def _embed_block(urls: SiteUrls, kind: Kind = Kind.OBJECTIVE, key: str = "hostile"):
    """The embed block as the page template writes it, parsed."""
    snippets = embed_snippets(sample_portal(), urls, kind, key)
    markdown = (
        page_environment()
        .get_template("okrsite/partials/extras.md.jinja")
        .render(
            diagram=None,
            embeds=[Embed(s.label, s.text) for s in snippets],
            embed_notice=embed_notice(urls),
            subject=(kind, key),
            links=PageLinks(urls, urls.page_url(kind, key)),
            page_title=HOSTILE,
        )
    )
    return markdown, BeautifulSoup(markdown, "html.parser").select("details"), snippets


def test_the_page_shows_one_closed_block_with_a_tab_per_format() -> None:
    markdown, blocks, snippets = _embed_block(SITE)
    assert len(blocks) == 1
    block = blocks[0]
    assert "okr-embed" in block["class"] and not block.has_attr("open")
    assert block.get("data-search-exclude") == "true"
    assert "\n\n" not in markdown.strip()  # one HTML block: a blank line would end it early
    [tabs] = block.select(":scope > div.tabbed-set")
    inputs = tabs.select(":scope > input[type=radio]")
    labels = tabs.select(":scope > div.tabbed-labels > label")
    panels = tabs.select(":scope > div.tabbed-content > div.tabbed-block")
    assert tabs["data-tabs"] == f"1:{len(snippets)}"
    assert [label.get_text() for label in labels] == [s.label for s in snippets]
    assert [label["for"] for label in labels] == [i["id"] for i in inputs]
    assert len({i["id"] for i in inputs}) == len(inputs) and {i["name"] for i in inputs} == {
        "embed-format"
    }
    assert [i.has_attr("checked") for i in inputs] == [True] + [False] * (len(inputs) - 1)
    # Material names a copy button's target after the nearest element with an id around it
    assert not block.has_attr("id") and block.select("[id] pre") == []
    assert [panel.select_one("pre > code").get_text() for panel in panels] == [
        s.text for s in snippets
    ]


def test_the_summary_names_the_kind_and_previews_the_badge() -> None:
    _, [block], _ = _embed_block(SITE, Kind.KEY_RESULT, "checkin-wait-time")
    summary = block.select_one(":scope > summary")
    assert summary.get_text(" ", strip=True) == "Embed this key result's badge"
    image = summary.select_one("img.okr-embed__badge")
    assert image["src"] == "../../badges/key-result/checkin-wait-time.svg"  # from okrs/key-results/
    assert image["alt"] == f"{HOSTILE}: OKR progress badge"
    _, [overview], _ = _embed_block(SITE, Kind.NORTH_STAR, "fly-happy")
    assert "Embed this north star's badge" in overview.summary.get_text()


def test_the_notice_without_site_url_sits_inside_the_block() -> None:
    _, [block], _ = _embed_block(SiteUrls("okrs"))
    assert block.select_one("p.okr-embed__notice").get_text() == NOTICE_WITHOUT_SITE_URL
    _, [absolute], _ = _embed_block(SITE)
    assert absolute.select_one(".okr-embed__notice") is None


def test_a_hostile_title_stays_text_in_the_block() -> None:
    markdown, [block], snippets = _embed_block(SITE)
    assert "<script" not in markdown
    assert block.summary.img["alt"].startswith('<script>alert("x")</script> & \' ]]>')
    html_snippet = block.select("div.tabbed-block pre > code")[1].get_text()
    assert html_snippet == snippets[1].text and "&lt;script&gt;" in html_snippet  # as pasted
