"""Badges, embeds, exports and aliases in one real `mkdocs build` of the demo below a prefix with
a site_url: every entity's badge and endpoint JSON, okrs.json valid against the published schema
and equal to the pages, the CSV readable, old ids redirecting with their badges alive, absolute
embed snippets that Material's copy button really copies (checked in Chromium)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import jsonschema
import pytest
from bs4 import BeautifulSoup
from mkdocs_runs import build_in_process, demo_as_of, demo_config, with_site_url

from okrsite.compute.wording import STATUS_LABELS, whole_percent
from okrsite.options import PortalSettings
from okrsite.portal import Portal
from okrsite.render.feed import feed_url
from okrsite.site import load_portal
from okrsite.urls import Kind, SiteUrls

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://okrs.example.org/portal/"
URLS = SiteUrls("okrs", True, SITE_URL)
DEMO_FILE = "airline-check-in.yml"
ALIASES = [  # (line to follow, alias line): an objective and a key result renamed
    ("id: streamline-check-in\n", "aliases: [faster-check-in]\n"),
    ("  - id: checkin-wait-time\n", "    aliases: [wait-time]\n"),
]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with two renamed ids, the portal below `okrs/`, diagrams off (not tested here)."""
    project = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "content", project / "content")
    # not the guide: it shows the demo's portal at the site root, by the ids renamed here
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("guide"))
    demo = (project / "content" / DEMO_FILE).read_text("utf-8")
    for line, alias in ALIASES:
        assert demo.count(line) == 1
        demo = demo.replace(line, line + alias)
    (project / "content" / DEMO_FILE).write_text(demo, "utf-8")
    config = demo_config("prefix: okrs", "diagrams: false")
    (project / "mkdocs.yml").write_text(with_site_url(config, SITE_URL), "utf-8")
    return project


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return build_in_process(project, project / "site", strict=True)


@pytest.fixture(scope="module")
def portal(project: Path) -> Portal:
    loaded = load_portal(project / "content", PortalSettings(as_of=demo_as_of()))
    assert loaded.portal is not None
    return loaded.portal


def measurable(portal: Portal) -> list[tuple[Kind, str]]:
    model = portal.model
    return [(Kind.NORTH_STAR, model.north_star.key)] + [
        (kind, key)
        for kind, keys in (
            (Kind.VALUE_STREAM, model.value_streams),
            (Kind.STAGE, model.stages),
            (Kind.CAPABILITY, model.capabilities),
            (Kind.TEAM, model.teams),
            (Kind.OBJECTIVE, model.objectives),
            (Kind.KEY_RESULT, model.key_results),
        )
        for key in keys
    ]


def page(site: Path, url: str) -> BeautifulSoup:
    path = site / url
    return BeautifulSoup(
        (path / "index.html" if url.endswith("/") else path).read_text(), "html.parser"
    )


def test_every_entity_has_its_badge_and_endpoint_json(site: Path, portal: Portal) -> None:
    entities = measurable(portal)
    for kind, key in entities:
        svg = site / "okrs" / "badges" / kind.value / f"{key}.svg"
        endpoint = json.loads((site / "okrs" / "badges" / kind.value / f"{key}.json").read_text())
        root = ET.fromstring(svg.read_bytes())
        assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("role") == "img"
        assert endpoint["schemaVersion"] == 1 and endpoint["label"] and endpoint["color"]
        assert endpoint["message"] in root.get("aria-label"), (kind, key)
    badge_files = list((site / "okrs" / "badges").rglob("*.svg"))
    cycles = list(portal.scorecard.cycles)  # and each cycle's
    assert {p.stem for p in (site / "okrs" / "badges" / "cycle").glob("*.svg")} == set(cycles)
    assert len(badge_files) == len(entities) + len(ALIASES) + len(cycles)  # + old ids' copies
    assert len(entities) > 100


def test_okrs_json_is_valid_and_its_numbers_are_the_pages(site: Path) -> None:
    document = json.loads((site / "okrs" / "okrs.json").read_text("utf-8"))
    schema = json.loads((site / "okrs" / "okrs.schema.json").read_text("utf-8"))

    jsonschema.Draft202012Validator(schema).validate(document)
    assert document["as_of"] == demo_as_of().isoformat()
    checked = 0
    for section in ("objectives", "key_results"):
        for entity in document[section][::3]:  # a spot check across the whole list
            assert entity["url"].startswith(f"{SITE_URL}okrs/")
            shown = page(site, entity["url"][len(SITE_URL) :])
            if entity.get("health"):  # a health metric shows its state, not a status
                health = shown.select_one(".okr-facts .okr-health").get_text()
                assert health == entity["health"]["state"], entity["id"]
                continue
            status = shown.select_one(".okr-facts .okr-status").get_text()
            assert status == STATUS_LABELS[entity["status"]], entity["id"]
            if entity["progress"] is not None:
                percent = int(shown.find(attrs={"role": "progressbar"})["aria-valuenow"])
                assert percent == whole_percent(entity["progress"]), entity["id"]
                checked += 1
    assert checked > 10


def test_the_csv_reads_back_one_row_per_key_result(site: Path) -> None:
    document = json.loads((site / "okrs" / "okrs.json").read_text("utf-8"))
    text = (site / "okrs" / "key-results.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))

    assert [row["id"] for row in rows] == [kr["id"] for kr in document["key_results"]]
    for row, kr in zip(rows, document["key_results"], strict=True):
        assert row["status"] == kr["status"] and row["objective"] == kr["objective"]
        if kr["progress"] is not None:
            assert float(row["progress"]) == pytest.approx(kr["progress"])


@pytest.mark.parametrize(
    ("kind", "old", "new"),
    [
        (Kind.OBJECTIVE, "faster-check-in", "streamline-check-in"),
        (Kind.KEY_RESULT, "wait-time", "checkin-wait-time"),
    ],
)
def test_an_old_id_redirects_and_keeps_its_badge(
    site: Path, kind: Kind, old: str, new: str
) -> None:
    old_url, new_url = URLS.page_url(kind, old), URLS.page_url(kind, new)
    redirect = page(site, old_url)
    refresh = redirect.find("meta", attrs={"http-equiv": "refresh"})["content"]
    target = urljoin(f"{SITE_URL}{old_url}", refresh.split("url=", 1)[1])

    assert target == f"{SITE_URL}{new_url}"
    assert redirect.find("link", rel="canonical")["href"] == f"{SITE_URL}{new_url}"
    assert (site / new_url / "index.html").is_file()
    for suffix in (".svg", ".json"):
        badges = site / "okrs" / "badges" / kind.value
        assert (badges / f"{old}{suffix}").read_bytes() == (badges / f"{new}{suffix}").read_bytes()


def embed_snippets(soup: BeautifulSoup) -> list[str]:
    return [code.get_text() for code in soup.select("details.okr-embed .tabbed-block pre > code")]


def test_embed_snippets_use_absolute_urls(site: Path) -> None:
    url = URLS.page_url(Kind.OBJECTIVE, "streamline-check-in")
    snippets = embed_snippets(page(site, url))

    assert len(snippets) == 5
    for snippet in snippets:
        assert f"{SITE_URL}{url}" in snippet
        assert f"{SITE_URL}okrs/badges/objective/streamline-check-in.svg" in snippet


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    """The built site on a loopback port: the address of the objective page the tests read."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/{EMBED_PAGE}"
    server.shutdown()


EMBED_PAGE = URLS.page_url(Kind.OBJECTIVE, "streamline-check-in")
SHOWN_TAB_JS = """block => [...block.querySelectorAll(".tabbed-block")]
    .map((panel, index) => panel.checkVisibility() ? index : -1).filter(index => index >= 0)"""
# Where the shown snippet's text ends on the right, and where the copy button (with the box
# Material draws around it) begins: the button must cover no text.
CLEARANCE_JS = """block => {
    const pre = [...block.querySelectorAll("pre")].find(pre => pre.checkVisibility());
    const text = document.createRange();
    text.selectNodeContents(pre.querySelector("code"));
    const button = pre.querySelector("button[data-clipboard-target]");
    const box = (button.closest(".md-code__nav") || button).getBoundingClientRect();
    return [Math.max(...[...text.getClientRects()].map(line => line.right)), box.left];
}"""


def test_the_embed_block_is_closed_with_a_tab_per_snippet(site: Path) -> None:
    shown = page(site, EMBED_PAGE)
    [block] = shown.select("article details.okr-embed")
    assert not block.has_attr("open")
    assert block.summary.get_text(" ", strip=True) == "Embed this objective's badge"
    assert block.summary.img["src"].endswith("badges/objective/streamline-check-in.svg")
    labels = [label.get_text() for label in block.select(".tabbed-labels > label")]
    assert labels == ["Markdown", "HTML", "reStructuredText", "AsciiDoc", "Confluence wiki markup"]
    assert len(block.select(".tabbed-set > input[type=radio]")) == len(embed_snippets(block)) == 5
    assert shown.select_one("#embed") is block.summary  # old links to the section #embed land


def test_the_feed_link_in_the_head_stays_relative(site: Path) -> None:
    """Material fetches `sitemap.xml` from the host of every `<link rel="alternate">`: an
    absolute feed link made a preview of the site fetch the public host's."""
    href = page(site, EMBED_PAGE).find("link", type="application/atom+xml")["href"]
    assert not urlsplit(href).scheme
    assert (site / EMBED_PAGE / href).resolve() == (site / feed_url(URLS)).resolve()


def test_a_link_to_embed_opens_the_block(served: str, browser) -> None:
    tab = browser.new_page()
    tab.goto(f"{served}#embed")
    tab.wait_for_function("document.querySelector('details.okr-embed').open", timeout=15_000)
    tab.close()


@pytest.mark.parametrize("width", [1440, 390])
def test_material_copies_each_snippet_with_its_own_button(served: str, browser, width) -> None:
    """Material's `content.code.copy` mounts a button on every `pre > code`; each tab's button
    copies its own snippet, and covers none of its text, on a wide screen and a phone (9.6 and
    9.7+ draw the button differently, both with `data-clipboard-target`)."""
    context = browser.new_context(
        permissions=["clipboard-read", "clipboard-write"], viewport={"width": width, "height": 900}
    )
    tab = context.new_page()
    tab.goto(served)
    tab.wait_for_selector(
        ".okr-embed pre button[data-clipboard-target]", state="attached", timeout=15_000
    )
    block = tab.locator("details.okr-embed")
    expected = block.evaluate(
        "block => [...block.querySelectorAll('pre > code')].map(code => code.textContent)"
    )
    assert block.evaluate(SHOWN_TAB_JS) == []  # closed: no snippet in the page's length
    assert tab.locator(".okr-embed summary img").evaluate("image => image.naturalWidth") > 0
    block.locator("summary").click()
    copied, shown, clearance = [], [], []
    for index, label in enumerate(block.locator(".tabbed-labels > label").all()):
        label.click()
        shown.append(block.evaluate(SHOWN_TAB_JS))
        clearance.append(block.evaluate(CLEARANCE_JS))
        pre = block.locator(".tabbed-block").nth(index).locator("pre")
        pre.hover()
        pre.locator("button[data-clipboard-target]").click()
        copied.append(tab.evaluate("navigator.clipboard.readText()"))
    context.close()
    assert shown == [[index] for index in range(len(expected))]
    assert copied == [snippet.rstrip() for snippet in expected]
    assert [text_end <= button_start for text_end, button_start in clearance] == [True] * 5, (
        clearance
    )


def test_the_tabs_switch_without_javascript(served: str, browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(served)
    block = tab.locator("details.okr-embed")
    assert block.evaluate(SHOWN_TAB_JS) == []
    block.locator("summary").click()
    shown = [block.evaluate(SHOWN_TAB_JS)]
    for label in reversed(block.locator(".tabbed-labels > label").all()):
        label.click()
        shown.append(block.evaluate(SHOWN_TAB_JS))
    context.close()
    assert shown == [[0], [4], [3], [2], [1], [0]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_block_has_no_serious_accessibility_violations(
    served: str, browser, scheme: str
) -> None:
    """axe on the block itself, opened, on each tab (the page tests see it closed)."""
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    context = browser.new_context(color_scheme=scheme)
    tab = context.new_page()
    tab.goto(served)
    block = tab.locator("details.okr-embed")
    block.locator("summary").click()
    found = []
    for label in block.locator(".tabbed-labels > label").all():
        label.click()
        result = axe_module.Axe().run(tab, context="details.okr-embed").response
        found += [
            f"{label.inner_text()}: {v['id']} {[n['target'] for n in v['nodes']]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
    context.close()
    assert found == []
