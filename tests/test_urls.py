"""Page URLs in both `use_directory_urls` styles, with and without a prefix, and the hrefs
between them, checked the way a browser and MkDocs itself see them."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.structure.files import File

from okrsite.urls import SECTIONS, Kind, SiteUrls, normalize_prefix

SITE = "https://okrs.example.com/docs/"  # a site served below a path, as on GitHub Pages


@pytest.mark.parametrize(
    ("directory_urls", "prefix", "objective", "overview", "index", "badge"),
    [
        (True, "", "objectives/faster-checkin/", "", "objectives/", "badges/objective/x.svg"),
        (
            False,
            "",
            "objectives/faster-checkin.html",
            "index.html",
            "objectives/index.html",
            "badges/objective/x.svg",
        ),
        (
            True,
            "okrs",
            "okrs/objectives/faster-checkin/",
            "okrs/",
            "okrs/objectives/",
            "okrs/badges/objective/x.svg",
        ),
        (
            False,
            "okrs",
            "okrs/objectives/faster-checkin.html",
            "okrs/index.html",
            "okrs/objectives/index.html",
            "okrs/badges/objective/x.svg",
        ),
    ],
)
def test_urls_in_both_styles(directory_urls, prefix, objective, overview, index, badge):
    urls = SiteUrls(prefix, directory_urls)
    assert urls.page_url(Kind.OBJECTIVE, "faster-checkin") == objective
    assert urls.page_url(Kind.NORTH_STAR, "north-star") == overview
    assert urls.overview_url() == overview
    assert urls.index_url("objectives") == index
    assert urls.badge_url(Kind.OBJECTIVE, "x") == badge


@pytest.mark.parametrize(
    ("directory_urls", "prefix", "objective", "overview"),
    [
        (True, "", "objectives/x/traceability.svg", "traceability.svg"),
        (False, "", "objectives/x.traceability.svg", "index.traceability.svg"),
        (True, "okrs", "okrs/objectives/x/traceability.svg", "okrs/traceability.svg"),
        (False, "okrs", "okrs/objectives/x.traceability.svg", "okrs/index.traceability.svg"),
    ],
)
def test_a_diagram_file_sits_in_its_page_s_folder(directory_urls, prefix, objective, overview):
    """The diagram's links are relative to its page: from the file they must lead the same way."""
    urls = SiteUrls(prefix, directory_urls)
    assert urls.diagram_url(Kind.OBJECTIVE, "x") == objective
    assert urls.diagram_url(Kind.NORTH_STAR, "north-star") == overview
    for kind, key in ((Kind.OBJECTIVE, "x"), (Kind.NORTH_STAR, "north-star")):
        from_page = urljoin(SITE + urls.page_url(kind, key), "../../stages/s/")
        from_file = urljoin(SITE + urls.diagram_url(kind, key), "../../stages/s/")
        assert from_page == from_file


def test_every_kind_has_its_own_section():
    urls = SiteUrls()
    sources = {urls.page_source(kind, "x") for kind in Kind}
    assert len(sources) == len(Kind)
    assert urls.page_source(Kind.KEY_RESULT, "nps") == "key-results/nps.md"
    assert urls.page_source(Kind.VALUE_STREAM, "vs") == "value-streams/vs.md"
    assert urls.page_source(Kind.NORTH_STAR, "ns") == "index.md"


@pytest.mark.parametrize("written", ["okrs", "/okrs", "okrs/", "/okrs/", " okrs "])
def test_prefix_spellings_mean_the_same(written):
    assert normalize_prefix(written) == "okrs/"
    assert SiteUrls(written).page_url(Kind.TEAM, "t") == "okrs/teams/t/"


@pytest.mark.parametrize("written", ["", "/", " / "])
def test_empty_prefix_is_the_site_root(written):
    assert normalize_prefix(written) == ""


def test_absolute_address_needs_site_url():
    assert SiteUrls().absolute("objectives/a/") is None
    with_site = SiteUrls(site_url="https://okrs.example.com/docs")
    assert with_site.absolute("objectives/a/") == "https://okrs.example.com/docs/objectives/a/"
    assert with_site.absolute("") == "https://okrs.example.com/docs/"
    with_slash = SiteUrls(site_url=SITE)
    assert with_slash.absolute("objectives/a/") == "https://okrs.example.com/docs/objectives/a/"


SOURCES = [
    "index.md",
    "about.md",
    "objectives/index.md",
    "objectives/faster-checkin.md",
    "okrs/index.md",
    "okrs/key-results/v1.2.md",
    "okrs/teams/index.md",
]


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("source", SOURCES)
def test_page_urls_match_what_mkdocs_gives(source, directory_urls):
    mkdocs_url = File(source, "docs", "site", directory_urls).url
    ours = SiteUrls(directory_urls=directory_urls).url_of_source(source)
    assert ours == ("" if mkdocs_url == "./" else mkdocs_url)


def resolves(urls: SiteUrls, from_url: str, to_url: str) -> bool:
    """Does the href from one page lead where it should, resolved as a browser does?"""
    href = urls.relative(from_url, to_url)
    return urljoin(SITE + from_url, href) == SITE + to_url


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("prefix", ["", "okrs", "a/b"])
def test_links_between_generated_pages_resolve(directory_urls, prefix):
    urls = SiteUrls(prefix, directory_urls)
    pages = [urls.overview_url(), urls.index_url("objectives")]
    pages += [urls.page_url(kind, "some.key") for kind in SECTIONS]
    files = [urls.badge_url(Kind.OBJECTIVE, "some.key"), urls.file_url("okrs.json")]
    for from_url in pages:
        for to_url in pages + files:
            assert resolves(urls, from_url, to_url), (from_url, to_url)


def test_example_hrefs():
    directory = SiteUrls()
    assert directory.relative("objectives/a/", "key-results/b/") == "../../key-results/b/"
    assert directory.relative("objectives/a/", "") == "../../"
    assert directory.relative("", "objectives/a/") == "objectives/a/"
    assert directory.relative("objectives/a/", "objectives/a/") == "./"
    files = SiteUrls(directory_urls=False)
    assert files.relative("objectives/a.html", "key-results/b.html") == "../key-results/b.html"
    assert files.relative("index.html", "objectives/a.html") == "objectives/a.html"


keys = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}", fullmatch=True).filter(
    lambda key: key != "index"
)


@given(
    directory_urls=st.booleans(),
    prefix=st.sampled_from(["", "okrs", "portal/okrs"]),
    from_page=st.tuples(st.sampled_from(list(Kind)), keys),
    to_page=st.tuples(st.sampled_from(list(Kind)), keys),
)
def test_any_link_between_any_two_pages_resolves(directory_urls, prefix, from_page, to_page):
    urls = SiteUrls(prefix, directory_urls)
    from_url = urls.page_url(*from_page)
    assert resolves(urls, from_url, urls.page_url(*to_page))
    assert resolves(urls, from_url, urls.badge_url(*to_page))
