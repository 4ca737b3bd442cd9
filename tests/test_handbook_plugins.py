"""okrsite inside an existing handbook, beside the plugins handbooks use (issue 22).

A small handbook (its own home page and two guide pages, in a git repository so git-date plugins
have history) with the portal below `prefix: okrs`, built by a real `mkdocs build --strict` once
per plugin: the handbook's pages and the portal's are there, every internal link and asset of
every page resolves, and each plugin does to the portal what it does to hand-written pages
(tags listed, dates from the content's history, redirects into the portal, minified HTML whose
table script still works, `.meta.yml` defaults). Where the page cache stays on beside a plugin,
a cached second build writes the same site, byte for byte, as a build without the cache.

The plugins are in the test extra (pyproject.toml); without one its tests skip, except in CI.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from history_repo import GitRepo
from mkdocs_runs import site_files

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.slow  # builds sites

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "tests" / "fixtures" / "portal_small" / "content" / "portal.yml"
AS_OF = "2026-11-23"
OBJECTIVE = "okrs/objectives/streamline-check-in"
TAGGED = "capabilities: [digital-check-in]\n"
HOSTILE_TAGS = ["<b>bold</b>", "R&D"]
HANDBOOK = {
    "docs/index.md": "# Handbook\n\nOur [OKRs](okrs/index.md) and [setup](guide/setup.md).\n",
    "docs/guide/setup.md": "---\ntags: [customer-experience]\n---\n\n# Setup\n\nHow we work.\n",
    "docs/guide/policies.md": "# Policies\n\nRules we follow. [Home](../index.md).\n",
}
HANDBOOK_PAGES = ("index.md", "guide/setup.md", "guide/policies.md")
PORTAL_PAGES = (
    "okrs/index.md", "okrs/objectives/index.md", f"{OBJECTIVE}.md",
    "okrs/key-results/checkin-wait-time.md",
)  # fmt: skip
# Material's own JavaScript names Mermaid on a CDN, which the privacy plugin would download for
# any Material site: the one external asset, Material's, not okrsite's.
MATERIAL_MERMAID = "unpkg.com/mermaid@11/*"
SUMMARY = re.compile(r"page cache: (\d+) of (\d+) generated pages reused whole")
WARNING = re.compile(r"^(WARNING|ERROR)\s+-.*$", re.M)


@dataclass(frozen=True)
class Combination:
    """One handbook's plugins: YAML list items before and after okrsite's, extra files."""

    module: str  # the plugin's Python package, to skip without it
    before: str = ""
    after: str = ""
    files: dict[str, str] = field(default_factory=dict)
    directory_urls: bool = True
    cached: bool = True  # the page cache stays on beside it

    def config(self, *, cache: bool = True) -> str:
        off = "" if cache else "      page_cache: false\n"
        return (
            "site_name: Handbook\nsite_url: https://handbook.example.org/\n"
            "theme:\n  name: material\n  font: false\n"
            "  features: [navigation.tabs, navigation.indexes]\n"
            f"plugins:\n  - search\n{self.before}"
            f"  - okrsite:\n      prefix: okrs\n      as_of: {AS_OF}\n{off}{self.after}"
        )


TAGS_PAGE = "# Tags\n\n<!-- material/tags -->\n"
POST = "---\ndate: 2026-10-01\n---\n\n# First post\n\nSee [the OKRs](../../okrs/index.md).\n"
I18N = """\
  - i18n:
      docs_structure: suffix
      languages:
        - {locale: en, default: true, name: English, build: true}
        - {locale: de, name: Deutsch, build: true}
"""
COMBINATIONS = {
    # type `iso_datetime` shows the build's clock to the second where a page gets it
    "git-revision-date-localized": Combination(
        "mkdocs_git_revision_date_localized_plugin",
        after="  - git-revision-date-localized:\n      type: iso_datetime\n"
        "      enable_creation_date: true\n",
    ),
    # after okrsite: its `on_files` looks the targets up among the files known then
    "redirects": Combination(
        "mkdocs_redirects",
        after="  - redirects:\n      redirect_maps:\n        old-setup.md: guide/setup.md\n"
        "        old-okrs.md: okrs/index.md\n"
        f"        old-objective.md: {OBJECTIVE}.md\n",
    ),
    # okrsite's script and style sheets are listed as a handbook's own would be
    "minify": Combination(
        "mkdocs_minify_plugin",
        before="  - minify:\n      minify_html: true\n      minify_js: true\n"
        "      minify_css: true\n      js_files: [okrs/assets/okrsite/okrsite.js]\n"
        "      css_files: [okrs/assets/okrsite/okrsite.css, "
        "okrs/assets/okrsite/okrsite-diagrams.css]\n",
    ),
    "i18n": Combination(
        "mkdocs_static_i18n", before=I18N, files={"docs/index.de.md": "# Handbuch\n"}, cached=False
    ),
    "blog": Combination(
        "material",
        before="  - blog\n",
        files={"docs/blog/index.md": "# Blog\n", "docs/blog/posts/first.md": POST},  # fmt: skip
    ),
    "tags": Combination(
        "material", before="  - tags\n", files={"docs/tags.md": TAGS_PAGE}, cached=False
    ),  # fmt: skip
    "offline": Combination("material", before="  - offline\n", directory_urls=False),
    # listed after okrsite it still turns directory URLs off before okrsite reads them
    "offline-after": Combination("material", after="  - offline\n", directory_urls=False),
    "privacy": Combination(
        "material", before=f'  - privacy:\n      assets_exclude: ["{MATERIAL_MERMAID}"]\n'
    ),
    "meta": Combination(
        "material",
        before="  - meta\n",
        files={
            "docs/.meta.yml": "hide: [footer]\n",
            "docs/okrs/.meta.yml": "search:\n  boost: 0.5\n",
        },  # fmt: skip
    ),
    # it makes the nav (okrsite hands it the portal's .nav.yml); the handbook titles the folder
    "awesome-nav": Combination(
        "mkdocs_awesome_nav",
        before="  - awesome-nav\n",
        files={"docs/.nav.yml": "nav:\n  - index.md\n  - Guide: guide\n  - OKRs: okrs\n"},
    ),
}
BUILT = [name for name in COMBINATIONS if name != "i18n"]
CACHED = [name for name in BUILT if COMBINATIONS[name].cached]


def needs(module: str) -> None:
    """Skip without the plugin, as browser tests skip without Chromium; in CI fail instead."""
    if importlib.util.find_spec(module) is None:
        message = f"{module} is not installed (pip install -e '.[test]')"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


def content_yaml() -> str:
    """The small fixture portal, its first objective tagged like a handbook page (and with
    tags that would be markup if printed unescaped)."""
    text = CONTENT.read_text("utf-8")
    tags = json.dumps(["customer-experience", "airport", *HOSTILE_TAGS])
    assert TAGGED in text
    return text.replace(TAGGED, f"{TAGGED}tags: {tags}\n", 1)


def handbook(folder: Path, combination: Combination, *, cache: bool = True) -> Path:
    """The handbook as a git repository: everything committed on 2026-09-01, a guide page and
    a key result's value edited later, the content's history as okrsite reads it."""
    repo = GitRepo(folder)
    repo.commit({**HANDBOOK, **combination.files, "content/portal.yml": content_yaml()},
                "2026-09-01", "handbook")  # fmt: skip
    policies = HANDBOOK["docs/guide/policies.md"] + "\nOne more rule.\n"
    repo.commit({"docs/guide/policies.md": policies}, "2026-10-02", "a rule")
    edited = content_yaml().replace("current: 62", "current: 64", 1)
    repo.commit({"content/portal.yml": edited}, "2026-10-20", "adoption up")
    (folder / "mkdocs.yml").write_text(combination.config(cache=cache), "utf-8")
    return folder


def mkdocs_build(project: Path) -> tuple[int, str]:
    """`mkdocs build --strict` as a user runs it; the exit code and the log."""
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"],
        cwd=project,
        # mkdocs-redirects prints ProperDocs' banner to stderr unless told not to
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done.returncode, done.stderr


@dataclass(frozen=True)
class Built:
    project: Path
    log: str
    directory_urls: bool

    @property
    def site(self) -> Path:
        return self.project / "site"

    def page(self, source: str) -> Path:
        """The file MkDocs writes the page `source` (`okrs/objectives/index.md`) to."""
        stem = source.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            return self.site / f"{stem}.html"
        return self.site / (f"{stem}/index.html" if self.directory_urls else f"{stem}.html")


class Sites:
    """Each combination built once per module, when a test first asks for it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._built: dict[str, Built] = {}

    def get(self, name: str) -> Built:
        combination = COMBINATIONS[name]
        needs(combination.module)
        if name not in self._built:
            project = handbook(self.folder / name, combination)
            code, log = mkdocs_build(project)
            assert code == 0, log
            self._built[name] = Built(project, log, combination.directory_urls)
        return self._built[name]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    return Sites(tmp_path_factory.mktemp("handbooks"))


@functools.cache
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def broken_links(site: Path) -> tuple[int, list[str]]:
    """Every internal href and src of every page, resolved against the page's own address."""
    broken: list[str] = []
    checked = 0
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":
            continue  # Material's 404 page links from the site root on purpose
        page_path = page.relative_to(site).as_posix()
        for element in soup(page).find_all(["a", "img", "link", "script"]):
            for attribute in ("href", "src"):
                value = element.get(attribute)
                parts = urlsplit(value or "")
                if not value or parts.scheme or parts.netloc or not parts.path:
                    continue
                target = site / posixpath.normpath(
                    posixpath.join(posixpath.dirname(page_path), unquote(parts.path))
                )
                checked += 1
                if not (target / "index.html" if target.is_dir() else target).is_file():
                    broken.append(f"{page_path}: {value}")
    return checked, broken


# the matrix ------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", BUILT)
def test_the_handbook_builds_strict_with_its_pages_and_the_portal(sites: Sites, name: str) -> None:
    built = sites.get(name)
    assert WARNING.findall(built.log) == []
    for url in (*HANDBOOK_PAGES, *PORTAL_PAGES):
        assert built.page(url).is_file(), url
    objective = soup(built.page(f"{OBJECTIVE}.md"))
    assert objective.h1.get_text().startswith("Streamline the airport check-in")
    home = soup(built.page("index.md"))
    tabs = {a.get_text(" ", strip=True) for a in home.select(".md-tabs__link")}
    portal = "OKRs" if name == "awesome-nav" else "Overview"  # awesome-nav: where .nav.yml says
    assert {"Handbook", portal} <= tabs


@pytest.mark.parametrize("name", BUILT)
def test_every_internal_link_and_asset_resolves(sites: Sites, name: str) -> None:
    checked, broken = broken_links(sites.get(name).site)
    assert checked > 1000
    assert broken == []


def test_offline_pages_are_html_files_and_link_as_such(sites: Sites) -> None:
    for name in ("offline", "offline-after"):
        built = sites.get(name)
        assert (built.site / f"{OBJECTIVE}.html").is_file()
        assert not (built.site / OBJECTIVE).exists()
        hrefs = {a["href"] for a in soup(built.page(f"{OBJECTIVE}.md")).select("article a[href]")}
        assert "../key-results/checkin-wait-time.html" in hrefs, name
        assert (built.site / "search" / "search_index.js").is_file()


def test_git_dates_of_generated_pages_come_from_the_content_history(sites: Sites) -> None:
    """Handbook pages: their commits. Portal pages: their entity's last update, a listing's
    latest of what it lists, the as-of date where nothing is dated (the changes page); never
    the clock of the build (`type: iso_datetime` would show it to the second)."""
    built = sites.get("git-revision-date-localized")

    def dates(url: str) -> list[str]:
        facts = soup(built.page(url)).select(".md-source-file__fact")
        return [fact.get_text(" ", strip=True) for fact in facts]

    assert dates("guide/policies.md") == ["2026-10-02 12:00:00", "2026-09-01 12:00:00"]
    assert dates("guide/setup.md") == ["2026-09-01 12:00:00"] * 2  # updated, created
    adoption = "okrs/key-results/digital-adoption.md"
    assert dates(adoption) == ["2026-10-20 00:00:00"] * 2  # the commit that changed its value
    assert dates(f"{OBJECTIVE}.md") == ["2026-10-20 00:00:00"] * 2  # its key result's
    assert dates("okrs/key-results/checkin-wait-time.md") == ["2026-10-01 00:00:00"] * 2
    assert dates("okrs/objectives/index.md") == ["2026-10-20 00:00:00"] * 2  # the latest listed
    assert dates("okrs/changes/index.md") == [f"{AS_OF} 00:00:00"] * 2


def test_redirects_lead_from_old_pages_to_the_handbook_and_into_the_portal(sites: Sites) -> None:
    site = sites.get("redirects").site

    def target(old: str) -> str:
        refresh = soup(site / old / "index.html").find("meta", attrs={"http-equiv": "refresh"})
        return str(refresh["content"]).partition("url=")[2]

    assert target("old-setup") == "../guide/setup/"
    assert target("old-okrs") == "../okrs/"
    assert target("old-objective") == "../okrs/objectives/streamline-check-in/"


def test_redirects_listed_before_okrsite_cannot_see_the_portal(tmp_path: Path) -> None:
    """The documented limit: mkdocs-redirects checks its targets among the files known when its
    own `on_files` runs, so it must come after okrsite in `plugins:`."""
    needs("mkdocs_redirects")
    combination = COMBINATIONS["redirects"]
    before = Combination(combination.module, before=combination.after)
    code, log = mkdocs_build(handbook(tmp_path / "redirects-first", before))
    assert code != 0
    assert "Redirect target 'okrs/index.md' does not exist" in log
    assert "Redirect target 'guide/setup.md'" not in log


def test_minified_pages_keep_their_links_and_the_table_script_works(
    sites: Sites, browser: Browser
) -> None:
    built = sites.get("minify")
    index = built.page("okrs/objectives/index.md")
    assert index.read_text("utf-8").count("\n") < 20  # minified: whitespace between tags gone
    scripts = [s["src"] for s in soup(index).find_all("script", src=True)]
    assert "../assets/okrsite/okrsite.min.js" in scripts  # minified too; every link resolves
    script = built.site / "okrs" / "assets" / "okrsite" / "okrsite.min.js"
    assert script.stat().st_size < 0.8 * (ROOT / "theme" / "assets" / "okrsite.js").stat().st_size
    with serving(built.site) as base:
        page = browser.new_page()
        try:
            page.goto(f"{base}okrs/objectives/")
            table = page.locator("article .okr-index")
            shown = table.locator("[data-okr-shown]")
            assert int(shown.inner_text()) == table.locator("tbody tr").count() > 1
            table.get_by_role("button", name="Progress").click()
            assert page.url.endswith("/okrs/objectives/?sort=progress")
        finally:
            page.close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        """Keep the test output for failures, not access logs."""


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True


@contextmanager
def serving(site: Path) -> Iterator[str]:
    """The site on a free loopback port while the block runs."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def test_privacy_finds_nothing_of_okrsite_to_download(sites: Sites) -> None:
    """The build reached no network (there is none here) and the portal's pages name no
    external script, style sheet or image, so privacy has nothing of okrsite's to localise."""
    built = sites.get("privacy")
    assert "Downloading external file" not in built.log
    for page in (built.site / "okrs").rglob("*.html"):
        for element in soup(page).find_all(["img", "script", "link"]):
            source = element.get("src") or (
                element.get("href") if element.name == "link" and "stylesheet" in
                (element.get("rel") or []) else None
            )  # fmt: skip
            assert not urlsplit(source or "").netloc, f"{page}: {source}"


def test_meta_files_apply_to_the_portal_as_to_hand_written_pages(sites: Sites) -> None:
    """Decided: a `.meta.yml` applies to the generated pages below its folder, as to
    hand-written ones: the handbook's root one to every page, `docs/okrs/.meta.yml` to the
    portal's pages only. A page's own front matter still wins (lists are merged)."""
    built = sites.get("meta")
    for url in ("guide/setup.md", f"{OBJECTIVE}.md", "okrs/matrix/index.md"):
        assert soup(built.page(url)).select(".md-footer__link") == [], url  # hide: [footer]
    matrix = soup(built.page("okrs/matrix/index.md"))  # its own `hide: [navigation, toc]` stays
    assert matrix.select_one(".md-sidebar--primary").has_attr("hidden")
    index = json.loads((built.site / "search" / "search_index.json").read_text("utf-8"))
    boosts = {doc["location"].split("#")[0]: doc.get("boost") for doc in index["docs"]}
    assert boosts["guide/setup/"] is None
    assert boosts[f"{OBJECTIVE}/"] == 0.5


def test_a_blog_beside_the_portal(sites: Sites) -> None:
    built = sites.get("blog")
    post = soup(built.site / "blog" / "2026" / "10" / "01" / "first-post" / "index.html")
    assert post.h1.get_text().startswith("First post")
    assert soup(built.page("blog/index.md")).find("a", string=re.compile("First post")) is not None


def test_a_tag_lists_handbook_pages_and_objectives_alike(sites: Sites) -> None:
    built = sites.get("tags")
    assert "the page cache is off: material/tags" in built.log
    tags = soup(built.page("tags.md"))
    listed = {
        heading.get_text(" ", strip=True).rstrip("¶").strip(): {
            a.get_text(" ", strip=True) for a in heading.find_next("ul").find_all("a")
        }
        for heading in tags.select("article h2")
    }
    assert {"Setup", "Streamline the airport check-in experience to reduce wait times and "
            "improve satisfaction"} <= listed["customer-experience"]  # fmt: skip
    assert "Setup" not in listed["airport"] and len(listed["airport"]) == 1
    for tag in HOSTILE_TAGS:  # shown as typed, markup in none
        assert tag in listed, listed.keys()
    assert tags.select("article h2 b") == []
    shown = soup(built.page(f"{OBJECTIVE}.md")).select(".md-tags .md-tag")
    assert sorted(tag.get_text(strip=True) for tag in shown) == sorted(
        ["customer-experience", "airport", *HOSTILE_TAGS]
    )
    assert all(tag.find("b") is None for tag in shown)


def test_i18n_stops_with_what_to_do_instead(tmp_path: Path) -> None:
    """The documented limit: mkdocs-static-i18n (<= 1.3.1) remakes every page from a file in
    docs_dir and fails on generated ones (a TypeError); okrsite stops first and says why."""
    needs("mkdocs_static_i18n")
    code, log = mkdocs_build(handbook(tmp_path / "i18n", COMBINATIONS["i18n"]))
    assert code != 0
    assert "okrsite: the 'i18n' plugin (mkdocs-static-i18n) cannot build pages" in log
    assert "Traceback" not in log


# the page cache beside them ---------------------------------------------------------------------
@pytest.mark.parametrize("name", CACHED)
def test_a_cached_build_beside_the_plugin_writes_what_an_uncached_build_writes(
    sites: Sites, name: str, tmp_path: Path
) -> None:
    built = sites.get(name)  # its first build stored every page
    code, warm_log = mkdocs_build(built.project)
    assert code == 0, warm_log
    found = SUMMARY.search(warm_log)
    assert found and found[1] == found[2] and int(found[2]) > 30, warm_log
    cached = site_files(built.site)
    plain = tmp_path / "plain"
    shutil.copytree(built.project, plain, ignore=shutil.ignore_patterns(".cache", "site"))
    (plain / "mkdocs.yml").write_text(COMBINATIONS[name].config(cache=False), "utf-8")
    code, log = mkdocs_build(plain)
    assert code == 0, log
    assert "page cache" not in log
    reference = site_files(plain / "site")
    assert cached.keys() == reference.keys()
    assert [path for path in cached if cached[path] != reference[path]] == []
