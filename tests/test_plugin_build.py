"""Real `mkdocs build`s of the demo and a small fixture, read back with an HTML parser.

Builds cost seconds, so each site is built once per module and shared by the tests.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import posixpath
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs_runs import build_in_process, demo_as_of

from okrsite.compute.progress import current_value
from okrsite.compute.wording import whole_percent
from okrsite.load import load_content
from okrsite.model import Visibility
from okrsite.options import PortalSettings
from okrsite.render.pages.formats import status_label, with_unit
from okrsite.site import load_portal
from okrsite.urls import Kind, SiteUrls

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "fixtures" / "portal_small"
AS_OF = demo_as_of()
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build_site(project: Path, site_dir: Path, **overrides: object) -> Path:
    """Build `project/mkdocs.yml` in-process, run from the project folder as a user would."""
    return build_in_process(project, site_dir, **overrides)


def okrsite_plugins(**settings: object) -> list[object]:
    return ["search", {"okrsite": {"as_of": "2026-11-23", **settings}}]


@pytest.fixture(scope="module")
def demo(demo_site: Path) -> Path:
    return demo_site


@pytest.fixture(scope="module")
def demo_flat(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Demo with `.html` URLs and the portal below a prefix, beside the user's own home page."""
    project = tmp_path_factory.mktemp("demo-flat-project")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    # the user's own pages; not the guide, which shows the demo's portal at the site root
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("guide"))
    shutil.copytree(ROOT / "content", project / "content")
    (project / "docs" / "index.md").write_text("# Home\n\nSee [the OKRs](okrs/index.md).\n")
    return build_site(
        project,
        tmp_path_factory.mktemp("demo-flat"),
        use_directory_urls=False,
        plugins=okrsite_plugins(prefix="okrs"),
    )


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(SMALL, tmp_path_factory.mktemp("small"))


@pytest.fixture(scope="module")
def demo_portal():
    loaded = load_portal(ROOT / "content", PortalSettings(as_of=AS_OF))
    assert loaded.portal is not None, loaded.problems
    return loaded.portal


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@functools.cache
def soup(path: Path) -> BeautifulSoup:
    """Parsed once per file: the crawl and the other tests read the same pages."""
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def page_file(site: Path, url: str) -> Path:
    target = site / unquote(url)
    return target / "index.html" if url.endswith("/") or url == "" else target


def test_every_entity_has_its_page_at_its_url(demo, demo_flat, demo_portal) -> None:
    model = demo_portal.model
    kinds = {
        Kind.VALUE_STREAM: model.value_streams,
        Kind.STAGE: model.stages,
        Kind.CAPABILITY: model.capabilities,
        Kind.TEAM: model.teams,
        Kind.OBJECTIVE: model.objectives,
        Kind.KEY_RESULT: model.key_results,
        Kind.INITIATIVE: model.initiatives,
    }
    for site, urls in ((demo, SiteUrls()), (demo_flat, SiteUrls("okrs", False))):
        expected = [urls.overview_url()] + [
            urls.index_url(section)
            for section in ("objectives", "key-results", "initiatives", "capabilities", "teams")
        ]
        expected.append(urls.index_url("matrix"))
        expected += [urls.page_url(kind, key) for kind, keys in kinds.items() for key in keys]
        for url in expected:
            path = page_file(site, url)
            assert path.is_file(), f"missing {url}"
            assert soup(path).h1 is not None
    assert (demo / "objectives" / "streamline-check-in" / "index.html").is_file()
    assert (demo_flat / "okrs" / "objectives" / "streamline-check-in.html").is_file()
    assert (demo_flat / "okrs" / "matrix" / "index.html").is_file()


@pytest.mark.parametrize("site_name", ["demo", "demo_flat", "small"])
def test_every_internal_link_and_image_resolves(site_name: str, request) -> None:
    site: Path = request.getfixturevalue(site_name)
    broken: list[str] = []
    checked = 0
    for page in html_pages(site):
        if page.name == "404.html":
            continue  # Material's 404 page uses root-relative links on purpose
        page_url = page.relative_to(site).as_posix()
        for element in soup(page).find_all(["a", "img", "link", "script"]):
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if not value:
                    continue
                parts = urlsplit(value)
                if parts.scheme or parts.netloc or not parts.path:
                    continue
                resolved = posixpath.normpath(
                    posixpath.join(posixpath.dirname(page_url), unquote(parts.path))
                )
                target = site / resolved
                if target.is_dir():
                    target = target / "index.html"
                checked += 1
                if not target.is_file():
                    broken.append(f"{page_url}: {value}")
    assert checked > 100
    assert broken == []


def test_numbers_on_pages_equal_the_scorecard(demo, demo_portal) -> None:
    urls, card, model = SiteUrls(), demo_portal.scorecard, demo_portal.model
    for key, score in card.objectives.items():
        page = soup(page_file(demo, urls.page_url(Kind.OBJECTIVE, key)))
        bar = page.find(attrs={"role": "progressbar"})
        if score.progress is None:
            assert bar is None or "Progress of" in bar["aria-label"]
            continue
        assert int(bar["aria-valuenow"]) == whole_percent(score.progress), key
        facts = {dt.get_text(): dd for dt, dd in zip(page("dt"), page("dd"), strict=True)}
        assert facts["Status"].select_one(".okr-status").get_text() == status_label(score.status)
    for key, kr in model.key_results.items():
        page = soup(page_file(demo, urls.page_url(Kind.KEY_RESULT, key)))
        facts = {
            dt.get_text(): dd.get_text()
            for dt, dd in zip(page.find_all("dt"), page.find_all("dd"), strict=True)
        }
        score = card.key_results[key]
        if score.progress is not None:
            bar = page.find(attrs={"role": "progressbar"})
            assert int(bar["aria-valuenow"]) == whole_percent(score.progress), key
        if kr.type.value == "metric":
            assert facts["Current"] == with_unit(current_value(kr, AS_OF), kr.unit), key
            assert facts["Target"] == with_unit(kr.target, kr.unit)
        assert kr.id in page.get_text()
    overview = soup(demo / "index.html")
    bar = overview.find(attrs={"role": "progressbar"})
    assert int(bar["aria-valuenow"]) == whole_percent(card.north_star.progress)


def test_progress_bars_are_accessible_and_statuses_are_words(demo) -> None:
    page = soup(demo / "objectives" / "streamline-check-in" / "index.html")
    bars = page.find_all(attrs={"role": "progressbar"})
    assert len(bars) >= 4
    for bar in bars:
        assert bar["aria-valuemin"] == "0" and bar["aria-valuemax"] == "100"
        assert bar["aria-label"].startswith("Progress of ")
        assert any(c.startswith("okr-status--") for c in bar["class"])
    words = {span.get_text() for span in page.select(".okr-status")}
    assert words & {"on track", "at risk", "off track", "done", "not started"}


def test_user_page_survives_and_is_in_the_nav(demo, small) -> None:
    about = soup(demo / "about" / "index.html")
    assert about.h1.get_text().startswith("About")
    handbook = soup(small / "about" / "index.html")
    assert handbook.h1.get_text().startswith("Handbook page")
    tabs = [
        a.get_text(" ", strip=True) for a in soup(small / "index.html").select(".md-tabs__link")
    ]
    assert "Handbook page" in tabs


def test_navigation_has_the_portal_sections(demo, demo_portal) -> None:
    page = soup(demo / "index.html")
    tabs = [a.get_text(" ", strip=True) for a in page.select(".md-tabs__link")]
    for section in ("Overview", "Value streams", "Capabilities", "Teams", "Objectives"):
        assert section in tabs
    stage_page = soup(demo / "stages" / "check-in" / "index.html")
    nav_links = {a["href"] for a in stage_page.select(".md-nav--primary a.md-nav__link[href]")}
    assert "../book/" in nav_links  # stages listed under their value stream


def test_search_finds_objectives_by_title_key_result_id_and_owner(demo, demo_portal) -> None:
    index = json.loads((demo / "search" / "search_index.json").read_text("utf-8"))
    text = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
    objective = demo_portal.model.objectives["streamline-check-in"]
    assert objective.title in text
    assert "checkin-wait-time" in text
    owner = next(o.owner for o in demo_portal.model.objectives.values() if o.owner)
    assert owner in text


def all_output_text(site: Path) -> str:
    parts = []
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            parts.append(data.decode("utf-8", "replace"))
    return "\n".join(parts)


def test_confidential_objectives_appear_nowhere(demo, small) -> None:
    assert "TOPSECRET" not in all_output_text(small)
    raw = load_content(ROOT / "content").model
    hidden = [o for o in raw.objectives.values() if o.visibility is Visibility.CONFIDENTIAL]
    assert hidden, "the demo content should hold a confidential objective"
    demo_text = all_output_text(demo)
    for objective in hidden:
        assert objective.title not in demo_text
        assert f"objectives/{objective.key}" not in demo_text


def test_hostile_text_displays_as_typed_and_runs_nothing(small) -> None:
    typed = '<script>window.pwned=4</script> "Quotes" & *stars* [x](javascript:1) :smile:'
    for page_path in html_pages(small):
        page = soup(page_path)
        for script in page.find_all("script"):
            assert "pwned" not in script.get_text()
        for element in page.find_all(True):
            for name, value in element.attrs.items():
                text = " ".join(value) if isinstance(value, list) else value
                assert not name.startswith("on"), page_path
                assert "javascript:" not in text.lower() or name in {"title", "aria-label"}
    page = soup(small / "objectives" / "hostile-title" / "index.html")
    assert page.title.get_text() == f"{typed} - Small portal"
    assert page.h1.get_text().replace("¶", "") == typed
    assert page.find("a", string=typed) is None  # the page does not link to itself
    nav_titles = [a.get_text(" ", strip=True) for a in page.select(".md-nav__link")]
    assert typed in nav_titles
    described = soup(small / "objectives" / "streamline-check-in" / "index.html")
    description = described.select_one(".okr-description")
    assert description.find("img") is None and description.find("script") is None
    assert description.find("a", href="https://example.com/docs")["rel"] == [
        "noopener",
        "noreferrer",
    ]


def test_user_override_template_wins(small) -> None:
    page = soup(small / "objectives" / "streamline-check-in" / "index.html")
    assert page.select_one(".override-marker") is not None


def test_every_entity_page_lists_what_links_to_it(demo) -> None:
    page = soup(demo / "key-results" / "checkin-wait-time" / "index.html")
    heading = page.find("h2", id="linked-from")
    linked = heading.find_next("ul").get_text()
    assert "Streamline the airport check-in experience" in linked
    assert "Self-service bag-drop kiosks" in linked


def test_a_user_page_at_a_generated_path_stops_the_build(tmp_path: Path, caplog) -> None:
    project = tmp_path / "project"
    shutil.copytree(SMALL, project)
    (project / "docs" / "index.md").write_text("# Mine\n", "utf-8")
    with pytest.raises(Abort):
        build_site(project, tmp_path / "site")
    assert "'docs/index.md' is also a page okrsite generates" in caplog.text


def test_one_plugin_instance_reuses_its_portal_across_rebuilds(tmp_path: Path) -> None:
    config = load_config(str(SMALL / "mkdocs.yml"), site_dir=str(tmp_path / "s"))
    previous = os.getcwd()
    os.chdir(SMALL)
    try:
        config.plugins.on_startup(command="serve", dirty=False)
        config = config.plugins.on_config(config)
        assert str(SMALL / "content") in config.watch
        plugin = config.plugins["okrsite"]
        first = plugin.builder.build(plugin.settings, plugin.urls)
        again = plugin.builder.build(plugin.settings, plugin.urls)
        assert again is first
        config.plugins.on_shutdown()
    finally:
        os.chdir(previous)


def run_mkdocs(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(project / "site"), *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=120,
    )


def test_broken_content_gives_file_and_line_and_fails(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(SMALL, project)
    with (project / "content" / "portal.yml").open("a", encoding="utf-8") as stream:
        stream.write("---\nkind: Objective\nid: broken\ntitle: Broken\nstage: nowhere\n")
    lines = (project / "content" / "portal.yml").read_text("utf-8").splitlines()
    line = lines.index("stage: nowhere") + 1
    result = run_mkdocs(project)
    assert result.returncode != 0
    assert f"content/portal.yml:{line}:" in result.stderr
    assert "nowhere" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site" / "objectives").exists()


def test_strict_build_fails_on_a_content_warning(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(SMALL, project)
    with (project / "content" / "portal.yml").open("a", encoding="utf-8") as stream:
        stream.write("---\nkind: Objective\nid: no-period\ntitle: No period yet\n")
    result = run_mkdocs(project, "--strict")
    assert result.returncode != 0
    assert "content/portal.yml:" in result.stderr and "period" in result.stderr
    assert "Traceback" not in result.stderr
