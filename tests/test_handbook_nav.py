"""The portal inside a handbook's navigation (issue 22): with mkdocs-awesome-nav, which makes
the navigation from `.nav.yml` files, and with a plain `nav:` in mkdocs.yml.

A small handbook (its own home page, two guides, an about page) with the portal below
`prefix: okrs`, built by a real `mkdocs build --strict` and read back with BeautifulSoup: the
portal's sections show in okrsite's order where the handbook places them, the handbook's pages
where it says, pages a short nav leaves out (`nav_section_pages`) still sit in their section,
and `mkdocs serve --dirty` serves what a full build writes. The sites without a prefix or a nav
of the user's keep the navigation they had.
"""

from __future__ import annotations

import importlib.util
import os
import posixpath
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import material
import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files
from mkdocs_runs import (
    build_in_process,
    fetch,
    free_port,
    reloads,
    run_mkdocs,
    served_bytes,
    serving,
    site_files,
    wait_for,
    wait_until_quiet,
)

from okrsite.cli import main
from okrsite.mkdocs_plugin.files import merged_nav
from okrsite.render.pages.nav import SHORT_LABELS, placed_nav
from okrsite.render.pages.plan import CHANGES_SECTION, INDEX_TITLES, REVIEW_TITLE
from okrsite.urls import SiteUrls

pytestmark = pytest.mark.slow  # builds sites, runs a server

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "tests" / "fixtures" / "portal_small" / "content"
# The portal's sections as okrsite orders them (render/pages/nav.py `portal_nav`); with
# `navigation.indexes` the Overview is the index page of the section holding them.
SECTIONS = [
    *(INDEX_TITLES[name] for name in ("cycles", "value-streams", "capabilities", "teams")),
    *(INDEX_TITLES[name] for name in ("objectives", "key-results", "initiatives", "owners")),
    SHORT_LABELS["matrix"],
    SHORT_LABELS[CHANGES_SECTION],
    REVIEW_TITLE,
]
HANDBOOK = {
    "docs/index.md": "# Handbook home\n\nOur [OKRs](okrs/index.md).\n",
    "docs/guides/onboarding.md": "# Onboarding\n\nWelcome.\n",
    "docs/guides/holidays.md": "# Holidays\n\nTime off.\n",
    "docs/about.md": "# About us\n\nWho we are.\n",
}
ROOT_NAV_YML = "nav:\n  - index.md\n  - Guides: guides\n  - OKRs: okrs\n  - about.md\n"
PLAIN_NAV = (
    "nav:\n  - index.md\n  - Guides:\n      - guides/holidays.md\n      - guides/onboarding.md\n"
    "  - OKRs: okrs/index.md\n  - about.md\n"
)
OBJECTIVE = "okrs/objectives/streamline-check-in"
CHANGED = re.compile(r"okrsite: (\d+) of (\d+) portal files changed \(--dirty\)")


@dataclass(frozen=True)
class Handbook:
    """A handbook's mkdocs.yml and files: plugins before okrsite, its nav, okrsite settings."""

    plugins: tuple[str, ...] = ()
    nav: str = ""
    settings: dict[str, object] = field(default_factory=lambda: {"prefix": "okrs"})
    files: dict[str, str] = field(default_factory=lambda: dict(HANDBOOK))

    def config(self) -> str:
        plugins = "".join(f"  - {name}\n" for name in ("search", *self.plugins))
        settings = "".join(f"      {key}: {value}\n" for key, value in self.settings.items())
        return (
            "site_name: Handbook\nsite_url: https://handbook.example.org/\n"
            "theme:\n  name: material\n"
            "  features: [navigation.tabs, navigation.indexes, navigation.path]\n"
            f"{self.nav}plugins:\n{plugins}  - okrsite:\n      as_of: 2026-11-23\n{settings}"
        )

    def write(self, project: Path) -> Path:
        shutil.copytree(CONTENT, project / "content")
        for path, text in self.files.items():
            (project / path).parent.mkdir(parents=True, exist_ok=True)
            (project / path).write_text(text, "utf-8")
        (project / "mkdocs.yml").write_text(self.config(), "utf-8")
        return project

    def build(self, folder: Path) -> Path:
        """`mkdocs build --strict` (a warning fails it) into folder/site."""
        project = self.write(folder / "project")
        return build_in_process(project, folder / "site", strict=True)


AWESOME = Handbook(
    plugins=("awesome-nav",), files={**HANDBOOK, "docs/.nav.yml": ROOT_NAV_YML}
)  # fmt: skip
PLAIN = Handbook(nav=PLAIN_NAV)


def build_error(handbook: Handbook, folder: Path, caplog: pytest.LogCaptureFixture) -> str:
    """The error a build that must stop logs (MkDocs logs a plugin's error, then aborts)."""
    caplog.clear()
    with pytest.raises(Abort):
        handbook.build(folder)
    return "\n".join(r.getMessage() for r in caplog.records if r.levelname == "ERROR")


def needs_awesome_nav() -> None:
    """Skip without mkdocs-awesome-nav, as browser tests skip without Chromium; not in CI."""
    if importlib.util.find_spec("mkdocs_awesome_nav") is None:
        message = "mkdocs-awesome-nav is not installed (pip install -e '.[test]')"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


# Reading the navigation a page shows --------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One entry of the primary navigation: its title, the site path it opens, its children."""

    title: str
    path: str | None
    children: tuple[Item, ...] = ()

    def child(self, title: str) -> Item:
        return next(item for item in self.children if item.title == title)


def page_soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


def nav_items(site: Path, path: str = "") -> tuple[Item, ...]:
    """The primary navigation of the page at `path` (`` the home page), links as site paths."""
    soup = page_soup(site, path)
    primary = soup.select_one(".md-nav--primary > ul.md-nav__list")
    assert primary is not None
    return _items(primary, f"/{path}/" if path else "/")


def _items(ul: Tag, base: str) -> tuple[Item, ...]:
    found = []
    for li in ul.find_all("li", recursive=False):
        parts = [child for child in li.children if isinstance(child, Tag)]
        own = next(p for p in parts if "md-nav__link" in (p.get("class") or []))
        link = own if own.name == "a" else own.find("a")
        href = str(link["href"]) if isinstance(link, Tag) and link.has_attr("href") else None
        path = posixpath.normpath(posixpath.join(base, href)) if href else None
        below = next(
            (
                p
                for p in parts
                if p.name == "nav" and "md-nav--secondary" not in (p.get("class") or [])
            ),
            None,
        )
        listed = below.find("ul", recursive=False) if below is not None else None
        children = _items(listed, base) if isinstance(listed, Tag) else ()
        found.append(Item(own.get_text(" ", strip=True), path, children))
    return tuple(found)


def titles(items: tuple[Item, ...]) -> list[str]:
    return [item.title for item in items]


def active_tab(soup: BeautifulSoup) -> str:
    tab = soup.select_one(".md-tabs__item--active")
    assert tab is not None, "no active tab"
    return tab.get_text(strip=True)


# Material draws breadcrumbs (`navigation.path`) from 9.7; `make test-lowest` runs an older one.
DRAWS_PATHS = (Path(material.__file__).parent / "templates/partials/path.html").is_file()


def trail(soup: BeautifulSoup) -> list[str]:
    """The breadcrumbs; where Material draws none, the ones it would draw here."""
    if not DRAWS_PATHS:
        return ["Handbook home", "OKRs", "Objectives"]
    return [item.get_text(strip=True) for item in soup.select("nav.md-path .md-path__item")]


def listed_paths(items: tuple[Item, ...]) -> set[str]:
    return {p for item in items for p in (item.path, *listed_paths(item.children)) if p}


# Sites built once per module ------------------------------------------------------------------


@pytest.fixture(scope="module")
def awesome(tmp_path_factory: pytest.TempPathFactory) -> Path:
    needs_awesome_nav()
    return AWESOME.build(tmp_path_factory.mktemp("awesome"))


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return PLAIN.build(tmp_path_factory.mktemp("plain"))


# mkdocs-awesome-nav ----------------------------------------------------------------------------


def test_awesome_nav_places_the_portal_where_the_handbooks_nav_yml_says(awesome: Path) -> None:
    """Built under --strict (awesome-nav's warning about a replaced `nav` would fail it): the
    handbook's .nav.yml orders the site, okrsite's sections fill the folder it titles OKRs."""
    items = nav_items(awesome)
    assert titles(items) == ["Handbook home", "Guides", "OKRs", "About us"]
    assert titles(items[1].children) == ["Holidays", "Onboarding"]  # awesome-nav's own sorting
    okrs = items[2]
    assert okrs.path == "/okrs"  # the portal's overview is the section's index page
    assert titles(okrs.children) == SECTIONS
    assert titles(okrs.child("Value streams").child("Passenger journey").children) == [
        "Passenger journey", "Book & Pay", "Check-In & Prepare", "Board & Fly",
    ]  # fmt: skip
    assert not list(awesome.rglob(".nav.yml"))  # okrsite's is read, not published
    assert page_soup(awesome, "").select_one("article h1").get_text().startswith("Handbook")


def test_the_portal_shows_the_same_under_awesome_nav_as_in_a_plain_nav(
    awesome: Path, plain: Path
) -> None:
    """The same sections, titles, nesting and addresses, on a handbook page and a portal page."""
    for path in ("", OBJECTIVE):
        assert nav_items(awesome, path)[2] == nav_items(plain, path)[2], path


def test_pages_a_short_nav_leaves_out_sit_in_their_section_under_awesome_nav(
    tmp_path: Path,
) -> None:
    """`nav_section_pages: 1`: objectives are not listed (awesome-nav never sees them) and
    each still opens in the portal's tab, under its section, as in a plain nav."""
    needs_awesome_nav()
    settings = {"prefix": "okrs", "nav_section_pages": 1}
    sites = {
        name: Handbook(handbook.plugins, handbook.nav, settings, handbook.files).build(
            tmp_path / name
        )
        for name, handbook in (("awesome", AWESOME), ("plain", PLAIN))
    }
    for site in sites.values():
        soup = page_soup(site, OBJECTIVE)
        assert active_tab(soup) == "OKRs"
        assert trail(soup) == ["Handbook home", "OKRs", "Objectives"]
        objectives = nav_items(site, OBJECTIVE)[2].child("Objectives")
        assert objectives.children == () and objectives.path == "/okrs/objectives"
        assert f"/{OBJECTIVE}" not in listed_paths(nav_items(site, OBJECTIVE))
    awesome, plain = (page_soup(site, OBJECTIVE) for site in sites.values())
    assert trail(awesome) == trail(plain)
    assert nav_items(sites["awesome"], OBJECTIVE)[2] == nav_items(sites["plain"], OBJECTIVE)[2]


@pytest.mark.parametrize("path", ["docs/okrs/.nav.yml", "docs/okrs/teams/.nav.yml"])
def test_a_nav_yml_of_the_users_in_the_portals_folders_stops_the_build(
    tmp_path: Path, path: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Not replaced or ignored unseen: the message names the file."""
    needs_awesome_nav()
    files = {**AWESOME.files, path: "nav:\n  - index.md\n"}
    assert f"okrsite: '{path}' " in build_error(
        Handbook(AWESOME.plugins, files=files), tmp_path, caplog
    )


def test_the_filename_awesome_nav_is_told_to_read_is_the_one_written(tmp_path: Path) -> None:
    needs_awesome_nav()
    files = {**HANDBOOK, "docs/_nav.yml": ROOT_NAV_YML}
    plugins = ("awesome-nav:\n      filename: _nav.yml",)
    site = Handbook(plugins, files=files).build(tmp_path)
    assert titles(nav_items(site)[2].children) == SECTIONS


def test_without_a_prefix_awesome_nav_lists_the_portal_first_as_a_plain_build_does(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """No prefix, no nav of the user's: the portal's sections, then the user's pages, as
    without awesome-nav; a .nav.yml of the user's at the docs root (the portal's folder then)
    stops the build and says to set a prefix."""
    needs_awesome_nav()
    files = {path: text for path, text in HANDBOOK.items() if path != "docs/index.md"}
    sites = [
        Handbook(plugins, settings={}, files=files).build(tmp_path / str(index))
        for index, plugins in enumerate([("awesome-nav",), ()])
    ]
    with_awesome, without = (nav_items(site) for site in sites)
    assert titles(with_awesome) == titles(without)
    assert titles(with_awesome) == ["Overview", *SECTIONS, "About us", "Guides"]
    rooted = Handbook(
        ("awesome-nav",), settings={}, files={**files, "docs/.nav.yml": "nav:\n  - about.md\n"}
    )
    assert re.search(r"'docs/\.nav\.yml'.*`prefix:`", build_error(rooted, tmp_path, caplog))


def test_serve_dirty_with_awesome_nav_serves_what_a_full_build_writes(tmp_path: Path) -> None:
    """After edits of the content and of a handbook page, then of the handbook's .nav.yml,
    every file served is the full build's. (awesome-nav makes every page of the nav again in
    each rebuild: the ones MkDocs does not read again keep their titles, `dirty.py`
    `refill_remade_pages`; a .nav.yml edit rebuilds every page, as a `nav:` edit does.)"""
    needs_awesome_nav()
    project = AWESOME.write(tmp_path / "project")
    base = f"http://127.0.0.1:{free_port()}"
    log = tmp_path / "serve.log"
    content, about = project / "content" / "portal.yml", project / "docs" / "about.md"
    nav_yml = project / "docs" / ".nav.yml"
    config = (project / "mkdocs.yml").read_text("utf-8")  # the server watches mkdocs.yml
    (project / "full.yml").write_text(f"{config}\nsite_url: {base}/\n", "utf-8")

    def edit(path: Path, old: str, new: str) -> tuple[int, int]:
        """The edit made and served; how many portal files its (first) rebuild made anew."""
        text, before, seen = path.read_text("utf-8"), reloads(log), len(changes())
        assert old in text, path
        path.write_text(text.replace(old, new), "utf-8")
        wait_until_quiet(log, before)
        return changes()[seen]  # one save may be seen as two changes: the first one counts

    def changes() -> list[tuple[int, ...]]:
        return [tuple(map(int, found)) for found in CHANGED.findall(log.read_text())]

    def differences(name: str) -> list[str]:
        site = tmp_path / name
        built = run_mkdocs(project, "build", "-f", "full.yml", "-d", str(site))
        assert built.returncode == 0, built.stderr
        full = site_files(site)
        return sorted(path for path in full if served_bytes(f"{base}/{path}") != full[path])

    with serving(project, base, log):
        wait_for(lambda: "Handbook home" in fetch(f"{base}/"), 120)
        content_edit = edit(content, "  Shorter queues.", "  Shorter queues, edited.")
        page_edit = edit(about, "Who we are.", "Who we are, edited.")
        assert differences("full-1") == []
        nav_edit = edit(
            nav_yml, "  - Guides: guides\n  - OKRs: okrs\n", "  - OKRs: okrs\n  - Guides: guides\n"
        )
        assert differences("full-2") == []
    assert 0 < content_edit[0] < content_edit[1] / 2, "an edit of the content: a few files"
    assert page_edit[0] == 0, "a handbook page: no portal file"
    assert nav_edit[0] == nav_edit[1], "the handbook's nav: every page shows it"
    assert titles(nav_items(tmp_path / "full-2", OBJECTIVE)) == [
        "Handbook home", "OKRs", "Guides", "About us",
    ]  # fmt: skip


# A plain nav in mkdocs.yml -----------------------------------------------------------------------


def test_a_nav_naming_the_portals_home_holds_the_portal_in_that_place(plain: Path) -> None:
    items = nav_items(plain)
    assert titles(items) == ["Handbook home", "Guides", "OKRs", "About us"]
    assert items[2].path == "/okrs" and titles(items[2].children) == SECTIONS
    assert titles(nav_items(plain, OBJECTIVE)) == titles(items)  # on the portal's pages too
    assert active_tab(page_soup(plain, OBJECTIVE)) == "OKRs"


def test_a_bare_entry_for_the_portals_home_makes_way_for_its_sections(tmp_path: Path) -> None:
    nav = "nav:\n  - index.md\n  - Company:\n      - about.md\n      - okrs/index.md\n"
    items = nav_items(Handbook(nav=nav).build(tmp_path))
    assert titles(items) == ["Handbook home", "Company"]
    # Material's `navigation.indexes` makes the overview (an index.md) the section's index
    assert items[1].path == "/okrs"
    assert titles(items[1].children) == ["About us", *SECTIONS]


def test_a_nav_that_does_not_name_the_portal_is_followed_by_its_sections(tmp_path: Path) -> None:
    """As before placing existed: the handbook's entries, then the portal's."""
    nav = "nav:\n  - index.md\n  - about.md\n"
    items = nav_items(Handbook(nav=nav).build(tmp_path))
    assert titles(items) == ["Handbook home", "About us", "Overview", *SECTIONS]


def test_the_demo_keeps_its_navigation(demo_site: Path) -> None:
    """No prefix, no nav of the user's: the portal's sections first, then the user's pages."""
    shown = titles(nav_items(demo_site))
    assert shown[: len(SECTIONS) + 1] == ["Overview", *SECTIONS]
    assert len(shown) > len(SECTIONS) + 1  # the demo's own pages follow


def test_okrsite_generate_says_where_zensicals_nav_differs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Zensical extends an inherited nav: the portal follows the handbook's nav there, and
    `okrsite generate` says so; a nav not naming the portal's home gets no such notice."""
    for name, handbook in (("named", PLAIN), ("unnamed", Handbook(nav="nav:\n  - index.md\n"))):
        project = handbook.write(tmp_path / name)
        out = project / "build" / "site-docs"
        assert main(["generate", str(out), "--config", str(project / "mkdocs.yml")]) == 0
        warned = "names the portal's home page 'okrs/index.md'" in capsys.readouterr().err
        assert warned == (name == "named"), name
        nav = yaml.safe_load((project / "zensical.yml").read_text("utf-8"))["nav"]
        assert [next(iter(entry)) for entry in nav] == ["Overview", *SECTIONS]


# The placing rule itself -------------------------------------------------------------------------

PORTAL = [{"Overview": "okrs/index.md"}, {"Teams": ["okrs/teams/index.md"]}]


@pytest.mark.parametrize(
    ("user", "placed"),
    [
        (["index.md", {"OKRs": "okrs/index.md"}], ["index.md", {"OKRs": PORTAL}]),
        (["index.md", "./okrs/index.md", "about.md"], ["index.md", *PORTAL, "about.md"]),
        (
            [{"Company": ["about.md", {"Goals": "okrs/index.md"}]}],
            [{"Company": ["about.md", {"Goals": PORTAL}]}],
        ),
        (  # only the first entry: a second one stays a link to the overview
            [{"A": "okrs/index.md"}, {"B": "okrs/index.md"}],
            [{"A": PORTAL}, {"B": "okrs/index.md"}],
        ),
        (["index.md", {"Teams": "okrs/teams/index.md"}], None),  # another portal page
    ],
)
def test_the_entry_for_the_portals_home_is_replaced_in_place(user: list, placed: list) -> None:
    assert placed_nav(user, PORTAL, "okrs/index.md") == placed


def test_without_a_prefix_a_nav_naming_index_keeps_the_portal_after_it() -> None:
    """Without a prefix the portal's home is the site's home: `index.md` in a nav keeps
    meaning a link to it, and the portal's sections follow the nav as before."""
    user = [{"Home": "index.md"}, "about.md"]
    portal = [{"Overview": "index.md"}, {"Teams": ["teams/index.md"]}]
    assert merged_nav(user, portal, Files([]), set(), SiteUrls("")) == [*user, *portal]
    prefixed = [{"Overview": "okrs/index.md"}]
    assert merged_nav(user, prefixed, Files([]), set(), SiteUrls("okrs")) == [*user, *prefixed]
