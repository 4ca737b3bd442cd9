"""Traceability diagrams in real `mkdocs build`s with the real `dot`, counted through a wrapper
on PATH: node links resolve under any URL scheme, a warm rebuild starts no `dot` and gives the
same bytes, `diagrams: false` needs no Graphviz, and a missing `dot` stops the build cleanly."""

from __future__ import annotations

import functools
import html
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from mkdocs_runs import AS_OF_LINE, site_files, with_site_url

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "fixtures" / "portal_small"
SITE_URL = "https://okrs.example.org/portal/"
PYTHON_ONLY = os.path.dirname(sys.executable)  # a PATH without Graphviz
SVG = "http://www.w3.org/2000/svg"


def copy_project(
    source: Path, target: Path, *, settings: str = "", top: str = "", site_url: str = ""
) -> Path:
    """A copy of a project, its okrsite entry given extra settings, mkdocs.yml extra keys and
    another site_url."""
    for folder in ("content", "docs", "overrides"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder)
    config = (source / "mkdocs.yml").read_text("utf-8")
    config, count = AS_OF_LINE.subn(lambda line: line[0] + settings, config, count=1)
    assert count == 1
    config = top + config
    if site_url:
        config = with_site_url(config, site_url)
    (target / "mkdocs.yml").write_text(config, "utf-8")
    return target


def mkdocs(project: Path, path: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", "site"],
        cwd=project,
        env={**os.environ, "PATH": path, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )


class CountingDot:
    """A `dot` on PATH that records every start, then runs the real one."""

    def __init__(self, folder: Path) -> None:
        real = shutil.which("dot")
        assert real, "Graphviz's dot is needed for these tests"
        folder.mkdir()
        self.log = folder / "starts.log"
        self.log.touch()
        script = folder / "dot"
        script.write_text(f'#!/bin/sh\necho "$*" >> "{self.log}"\nexec "{real}" "$@"\n')
        script.chmod(0o755)
        self.path = f"{folder}{os.pathsep}{os.environ['PATH']}"

    def starts(self) -> int:
        return len(self.log.read_text().splitlines())


@pytest.fixture(scope="module")
def dot(tmp_path_factory: pytest.TempPathFactory) -> CountingDot:
    return CountingDot(tmp_path_factory.mktemp("wrapper") / "bin")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory, dot: CountingDot) -> dict[str, object]:
    """The demo built cold, then again with the same cache into another site folder."""
    project = copy_project(ROOT, tmp_path_factory.mktemp("demo"))
    cold = mkdocs(project, dot.path)
    assert cold.returncode == 0, cold.stderr
    starts_cold = dot.starts()
    (project / "site").rename(project / "site-cold")
    warm = mkdocs(project, dot.path)
    assert warm.returncode == 0, warm.stderr
    return {
        "cold": project / "site-cold",
        "warm": project / "site",
        "starts_cold": starts_cold,
        "starts_warm": dot.starts() - starts_cold,
    }


@pytest.fixture(scope="module")
def flat(tmp_path_factory: pytest.TempPathFactory, dot: CountingDot) -> Path:
    """The demo below a prefix, with `.html` URLs and a site_url that has a path."""
    project = copy_project(
        ROOT,
        tmp_path_factory.mktemp("flat"),
        settings="      prefix: okrs\n",
        top="use_directory_urls: false\n",
        site_url=SITE_URL,
    )
    built = mkdocs(project, dot.path)
    assert built.returncode == 0, built.stderr
    return project / "site"


def diagram_links(page: Path) -> list[str]:
    """Every link inside the page's inline diagrams (each parsed alone: whole pages are slow)."""
    text, links = page.read_text("utf-8"), []
    for start in (m.start() for m in re.finditer('<div class="okr-diagram"', text)):
        svg = BeautifulSoup(text[start : text.index("</svg>", start) + 6], "html.parser")
        links += [a.get("xlink:href") or a.get("href") for a in svg.find_all("a")]
    return links


@functools.cache
def ids_in(page: Path) -> frozenset[str]:
    return frozenset(html.unescape(i) for i in re.findall(r'\sid="([^"]*)"', page.read_text()))


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """The file and fragment a link in `page` leads to, as a browser would follow it."""
    parts = urlsplit(href)
    if parts.scheme:
        assert href.startswith(SITE_URL), href
        target = site / unquote(parts.path[len(urlsplit(SITE_URL).path) :])
    else:
        target = page.parent / unquote(parts.path) if parts.path else page
    target = Path(os.path.normpath(target))
    assert target.is_relative_to(site), f"{href} in {page} leaves the site"
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


def built(which: str, request: pytest.FixtureRequest) -> Path:
    """The cold demo build, or the one with a prefix and `.html` URLs ("flat")."""
    site = request.getfixturevalue("builds")["cold"] if which == "demo" else None
    site = site or request.getfixturevalue("flat")
    assert isinstance(site, Path)
    return site


@pytest.mark.parametrize("which", ["demo", "flat"])
def test_every_node_link_leads_to_an_existing_page_and_anchor(
    which: str, request: pytest.FixtureRequest
) -> None:
    site = built(which, request)
    checked = 0
    for page in sorted(site.rglob("*.html")):
        for href in diagram_links(page):
            target, fragment = resolve(site, page, href)
            assert target.is_file(), f"{href} in {page.relative_to(site)}: no {target}"
            if fragment:
                assert unquote(fragment) in ids_in(target), f"{href} in {page.relative_to(site)}"
            checked += 1
    assert checked > 100  # the demo draws hundreds of linked nodes
    if which == "flat":
        assert (site / "okrs" / "objectives" / "streamline-check-in.html").is_file()


FULL_SIZE = re.compile(r'class="okr-diagram__tools"><a href="([^"]*)">Open the diagram full size')


@pytest.mark.parametrize("which", ["demo", "flat"])
def test_every_diagram_opens_full_size_from_a_file_beside_its_page(
    which: str, request: pytest.FixtureRequest
) -> None:
    site = built(which, request)
    opened = 0
    for page in sorted(site.rglob("*.html")):
        text = page.read_text("utf-8")
        links = [html.unescape(href) for href in FULL_SIZE.findall(text)]
        assert len(links) == text.count('<div class="okr-diagram">'), page
        for href in links:
            file, _ = resolve(site, page, href)
            assert file.is_file() and file.parent == page.parent, f"{href} in {page}"
            root = ET.fromstring(file.read_bytes())
            assert root.get("viewBox") and root.get("width") and root.get("height")
            for anchor in root.iter(f"{{{SVG}}}a"):  # its links lead where the page's do
                target, _ = resolve(site, file, anchor.get("href", ""))
                assert target.is_file(), f"{anchor.get('href')} in {file}"
            opened += 1
    assert opened >= 60  # every page with a diagram: 65 in the demo


def test_an_objective_s_diagram_fits_the_column_with_its_text_readable(
    builds: dict[str, object],
) -> None:
    """Drawn left to right it was 941 units wide: in a 688 px column its text would be 8 px."""
    cold = builds["cold"]
    assert isinstance(cold, Path)
    page = (cold / "objectives" / "faster-boarding" / "index.html").read_text("utf-8")
    start = page.index("<svg ", page.index('<div class="okr-diagram">'))
    root = ET.fromstring(page[start : page.index("</svg>", start) + 6])
    view_width = float((root.get("viewBox") or "").split()[2])
    style = dict(rule.split(":") for rule in (root.get("style") or "").split(";"))
    assert style["max-width"] == "100%" and style["height"] == "auto"
    least = float(style["min-width"].removesuffix("px"))
    assert least <= 358, "fits a phone's column"
    font_size = min(float(text.get("font-size", "0")) for text in root.iter(f"{{{SVG}}}text"))
    assert font_size * least / view_width >= 10, "text at least 10 px at its smallest"


def test_a_second_build_with_the_same_cache_starts_no_dot(builds: dict[str, object]) -> None:
    assert builds["starts_cold"] > 0
    assert builds["starts_warm"] == 0


def test_the_warm_build_gives_the_same_bytes(builds: dict[str, object]) -> None:
    cold, warm = builds["cold"], builds["warm"]
    assert isinstance(cold, Path) and isinstance(warm, Path)
    cold_files, warm_files = site_files(cold), site_files(warm)
    assert cold_files.keys() == warm_files.keys()
    assert [path for path in cold_files if cold_files[path] != warm_files[path]] == []
    assert b'class="okr-diagram"' in cold_files["objectives/streamline-check-in/index.html"]


def test_diagrams_off_builds_without_graphviz_and_draws_nothing(tmp_path: Path) -> None:
    project = copy_project(SMALL, tmp_path / "small", settings="      diagrams: false\n")
    built = mkdocs(project, PYTHON_ONLY)

    assert built.returncode == 0, built.stderr
    pages = list((project / "site").rglob("*.html"))
    assert pages and not any("okr-diagram" in page.read_text("utf-8") for page in pages)


def test_no_dot_on_path_stops_the_build_with_the_install_message(tmp_path: Path) -> None:
    project = copy_project(SMALL, tmp_path / "small")
    built = mkdocs(project, PYTHON_ONLY)

    assert built.returncode == 1
    assert "sudo apt-get install graphviz" in built.stderr
    assert "brew install graphviz" in built.stderr and "diagrams: false" in built.stderr
    assert "Traceback" not in built.stderr + built.stdout
