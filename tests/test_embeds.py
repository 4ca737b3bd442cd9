"""Embed snippets: each language, parsed by a real parser where one is at hand, shows the badge,
links to the page, and keeps a hostile title as plain alt text."""

from __future__ import annotations

import re

import markdown
import pytest
from bs4 import BeautifulSoup
from docutils.core import publish_parts
from docutils.writers import html5_polyglot
from portal_samples import HOSTILE, sample_portal

from okrsite.render.embeds import NOTICE_WITHOUT_SITE_URL, embed_notice, embed_snippets
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
