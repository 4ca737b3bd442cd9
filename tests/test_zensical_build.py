"""The demo portal built twice from one mkdocs.yml, by MkDocs (the plugin) and by Zensical
(`okrsite generate` + `zensical build`), must publish the same pages, numbers, links and files.

Both builds are real: `mkdocs build` and `zensical build` (the pinned `zensical` from the test
extras) in subprocesses, on a copy of the demo project in a temporary folder.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

GENERATED = "build/site-docs"


def _run(*args: str, cwd: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> tuple[Path, Path, Path]:
    """(MkDocs site, Zensical site, generated folder) of a copy of the demo project."""
    project = tmp_path_factory.mktemp("project")
    for name in ("content", "docs"):
        shutil.copytree(repo_root / name, project / name)
    shutil.copy(repo_root / "mkdocs.yml", project / "mkdocs.yml")
    _run(sys.executable, "-m", "mkdocs", "build", "--site-dir", "mkdocs-site", cwd=project)
    _run(sys.executable, "-m", "okrsite", "generate", GENERATED, "--config", "mkdocs.yml",
         cwd=project)  # fmt: skip
    _run(sys.executable, "-m", "zensical", "build", "--clean", "-f", "zensical.yml", cwd=project)
    return project / "mkdocs-site", project / "site", project / GENERATED


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@cache  # each page is read by several tests; parsing dominates this module's time
def _article(path: Path) -> Tag | None:
    article = _soup(path).find("article")
    if isinstance(article, Tag):
        for skip in article.select("#__skip"):  # Zensical's skip-link target
            skip.decompose()
        # Zensical lists a page's front-matter tags at its foot, as for hand-written pages;
        # Material only with its tags plugin (test_zensical_shows_each_entity_s_tags)
        for tags in article.select("nav.md-tags"):
            tags.decompose()
        return article
    return None


def _pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if p.name != "404.html" and not p.relative_to(site).as_posix().startswith("search/")
    )


def _portal_pages(site: Path) -> list[str]:
    """The portal's pages: not the user's own (each engine renders those its way), and not
    redirects (plain HTML files without an article, compared as bytes)."""
    users = {
        "index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html"
        for stem in (p.relative_to(site.parent / "docs").with_suffix("").as_posix()
                     for p in (site.parent / "docs").rglob("*.md"))
    }  # fmt: skip
    return [p for p in _pages(site) if p not in users and _article(site / p) is not None]


def test_every_page_is_at_the_same_url(sites: tuple[Path, Path, Path]) -> None:
    mkdocs_site, zensical_site, _ = sites
    assert len(_portal_pages(mkdocs_site)) > 100
    assert _pages(zensical_site) == _pages(mkdocs_site)


def test_every_page_says_the_same(sites: tuple[Path, Path, Path]) -> None:
    """The whole article, whitespace aside: titles, numbers, statuses, tables, diagrams, hrefs."""
    mkdocs_site, zensical_site, _ = sites
    for page in _portal_pages(mkdocs_site):
        ours, theirs = _article(mkdocs_site / page), _article(zensical_site / page)
        assert " ".join(str(theirs).split()) == " ".join(str(ours).split()), page


def test_zensical_shows_each_entity_s_tags(sites: tuple[Path, Path, Path]) -> None:
    """The tags okrsite writes into the front matter are the entity's, as its page lists them."""
    _, zensical_site, _ = sites
    tagged = 0
    for page in _portal_pages(zensical_site):
        soup = _soup(zensical_site / page)
        listed = [tag.get_text(strip=True) for tag in soup.select("article .okr-tags .okr-tag")]
        shown = [tag.get_text(strip=True) for tag in soup.select("article nav.md-tags .md-tag")]
        assert sorted(shown) == sorted(listed), page
        tagged += bool(shown)
    assert tagged > 5


def test_progress_and_status_are_equal_on_each_page(sites: tuple[Path, Path, Path]) -> None:
    mkdocs_site, zensical_site, _ = sites

    def numbers(path: Path) -> list[tuple[str | None, ...]]:
        article = _article(path)
        assert article is not None
        bars = [(b.get("aria-valuenow"), b.get("aria-valuetext")) for b in
                article.select("[role=progressbar]")]  # fmt: skip
        return [*bars, *((s.get_text(),) for s in article.select(".okr-status"))]

    checked = 0
    for page in _portal_pages(mkdocs_site):
        expected = numbers(mkdocs_site / page)
        assert numbers(zensical_site / page) == expected, page
        checked += bool(expected)
    assert checked > 100


def test_every_internal_link_resolves(sites: tuple[Path, Path, Path]) -> None:
    _, zensical_site, _ = sites
    broken, checked = [], 0
    for page in _portal_pages(zensical_site):
        article = _article(zensical_site / page)
        assert article is not None
        page_url = page.removesuffix("index.html")
        for element in article.select("[href], [src], [*|href]"):
            for name, value in element.attrs.items():
                if not name.endswith(("href", "src")) or not isinstance(value, str):
                    continue
                parts = urlsplit(value)
                if parts.scheme or parts.netloc or not parts.path or value.startswith("/"):
                    continue
                target = posixpath.normpath(posixpath.join(posixpath.dirname(page_url) or ".",
                                                           unquote(parts.path)))  # fmt: skip
                file, checked = zensical_site / target, checked + 1
                if not (file.is_file() or (file / "index.html").is_file()):
                    broken.append(f"{page}: {value}")
    assert broken == []
    assert checked > 1000  # pages, badges and diagram nodes were all looked at


def test_badges_exports_feed_and_redirects_are_byte_identical(
    sites: tuple[Path, Path, Path],
) -> None:
    mkdocs_site, zensical_site, generated = sites
    files = [
        p.relative_to(generated).as_posix()
        for p in generated.rglob("*")
        if p.is_file() and p.suffix != ".md" and not p.name.startswith(".")
    ]
    assert any(f.endswith(".svg") for f in files) and "okrs.json" in files
    for name in files:
        assert (zensical_site / name).read_bytes() == (mkdocs_site / name).read_bytes(), name


def test_navigation_and_stylesheets_match(sites: tuple[Path, Path, Path]) -> None:
    mkdocs_site, zensical_site, _ = sites

    def sections(path: Path) -> list[str]:
        nav = _soup(path).select("nav.md-nav--primary > ul > li > :is(a, label, div)")
        return [" ".join(item.get_text(" ").split()) for item in nav]

    def stylesheets(path: Path) -> list[str]:
        links = _soup(path).select("link[rel=stylesheet]")
        return [href.removeprefix("./") for link in links if "okrsite" in
                (href := str(link.get("href")))]  # fmt: skip

    for page in ("index.html", "objectives/index.html"):
        assert sections(zensical_site / page) == sections(mkdocs_site / page)
        assert stylesheets(zensical_site / page) == stylesheets(mkdocs_site / page) != []


def test_both_search_indexes_leave_out_the_marked_parts(sites: tuple[Path, Path, Path]) -> None:
    """Charts, diagrams, embed snippets and index tables carry `data-search-exclude`, which
    Zensical honours as Material does (Zensical refused the M-size initiatives index before)."""
    mkdocs_site, zensical_site, _ = sites
    for index in (mkdocs_site / "search" / "search_index.json", zensical_site / "search.json"):
        text = index.read_text("utf-8")
        assert "OKR progress badge" not in text and "Burn-up as a table" not in text, index
        assert "Streamline the airport check-in" in text, index  # the objective's own page
