"""Hostile content: nothing an author writes runs in a reader's browser or escapes its place.

The fixture `tests/hostile/payloads/` fills every text field with payloads that would set
`window.__pwned` or call `alert()` if they ran: script tags, event handlers, `javascript:`,
`data:` and `vbscript:` URLs (mixed case, entities, whitespace, tabs), raw HTML in Markdown, SVG,
DOT syntax and template syntax. The site is built with the real `mkdocs build`, parsed, and then
loaded page by page in headless Chromium, search included.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from okrsite.render.pages import markup
from okrsite.render.pages.markup import description_html, safe_link_url

FIXTURE = Path(__file__).resolve().parent / "hostile" / "payloads"
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "data", "poster", "srcset"}
SAFE_SCHEMES = ("http:", "https:", "mailto:")
pytestmark = pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")  # feed, sitemap
DANGEROUS_ELEMENTS = {"iframe", "object", "embed", "form", "base", "frame", "frameset", "applet"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(FIXTURE, project)
    site_dir = project.parent / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return site_dir


def markup_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.suffix in {".html", ".svg", ".xml"})


def parsed(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def unsafe_url(value: str) -> bool:
    """True unless the URL is http(s), mailto or relative, as a browser would read it."""
    squeezed = re.sub(r"[\x00-\x20\x7f]", "", value).lower()
    scheme = re.match(r"^([a-z][a-z0-9+.-]*):", squeezed)
    return scheme is not None and not squeezed.startswith(SAFE_SCHEMES)


@pytest.mark.slow
def test_the_fixture_really_carries_payloads_to_the_pages(site: Path) -> None:
    """The checks below would pass on an empty site; these titles prove the payloads arrived."""
    page = parsed(site / "objectives" / "hostile-objective" / "index.html")
    title = (
        "<img src=x onerror=\"window.__pwned='objective title';alert(1)\"> & *stars* "
        "[x](javascript:1) :smile:"
    )
    assert page.h1.get_text().replace("¶", "") == title
    team = parsed(site / "teams" / "ops" / "index.html").select_one("article").get_text()
    assert "{{ 7*7 }} {% raw %} <script>alert(1)</script>" in team  # shown as typed, not run
    assert "__pwned" in (site / "search" / "search_index.json").read_text("utf-8")


@pytest.mark.slow
def test_every_link_and_source_is_http_mailto_or_relative(site: Path) -> None:
    bad = []
    for path in markup_files(site):
        for element in parsed(path).find_all(True):
            for name, value in element.attrs.items():
                text = " ".join(value) if isinstance(value, list) else value
                if (name.lower() in URL_ATTRIBUTES or name.endswith(":href")) and unsafe_url(text):
                    bad.append(f"{path.relative_to(site)}: <{element.name} {name}={text!r}>")
    assert bad == []


@pytest.mark.slow
def test_no_handler_attribute_script_or_dangerous_element_comes_from_content(site: Path) -> None:
    bad = []
    for path in markup_files(site):
        for element in parsed(path).find_all(True):
            where = f"{path.relative_to(site)}: <{element.name}>"
            if element.name == "script" and "__pwned" in element.get_text():
                bad.append(where)
            if element.name in DANGEROUS_ELEMENTS and "md-search__form" not in element.get(
                "class", []
            ):
                bad.append(where)
            if element.name == "meta" and element.get("http-equiv"):
                bad.append(where)
            for name, value in element.attrs.items():
                text = " ".join(value) if isinstance(value, list) else value
                if name.lower().startswith("on"):
                    bad.append(f"{where} {name}")
                if name == "style" and re.search(r"url|javascript|expression", text, re.I):
                    bad.append(f"{where} style={text!r}")
    assert bad == []


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        """No access log in the test output."""


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site))
    )
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.mark.slow
def test_no_payload_runs_in_a_real_browser(site: Path, served: str, browser) -> None:
    pages = [p.relative_to(site).as_posix() for p in sorted(site.rglob("*.html"))]
    dialogs: list[str] = []
    ran: list[str] = []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_content("<img src=x onerror=\"window.__pwned='control';alert('control')\">")
    page.wait_for_function("() => window.__pwned === 'control'")
    assert dialogs == ["control"]  # the harness sees a payload that runs
    dialogs.clear()
    for path in pages:
        page.goto(served + path, wait_until="load")
        page.mouse.move(5, 5)
        if page.evaluate("() => window.__pwned !== undefined"):
            ran.append(f"{path}: {page.evaluate('() => String(window.__pwned)')}")
    # Material renders search results from the index as HTML: search for the payloads too.
    for query in ("onerror", "hostile", "img", "payments", "ops", "book"):
        page.goto(served, wait_until="networkidle")  # the search worker has its index
        box = page.locator(".md-search__input")
        box.click()
        box.press_sequentially(query)  # Material searches on key presses
        page.locator(".md-search-result__list > li").first.wait_for(timeout=15_000)
        page.mouse.move(300, 200)
        if page.evaluate("() => window.__pwned !== undefined"):
            ran.append(f"search {query!r}")
    page.close()
    assert len(pages) >= 15
    assert dialogs == [] and ran == []


SANITISER_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><script>alert(1)</script></svg>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<form action="javascript:alert(1)"><input type=submit formaction="javascript:1"></form>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "[x](javascript:alert(1)) [y](JAVASCRIPT:alert(1)) [z](data:text/html,x)",
    "![i](javascript:alert(1)) <javascript:alert(1)>",
    "[r][e]\n\n[e]: javascript:alert(1)",
    '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
    '<details open ontoggle="alert(1)"><summary>s</summary></details>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    '<table><tr><td onmouseover="alert(1)" style="color:red">c</td></tr></table>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
]


@pytest.mark.parametrize("payload", SANITISER_PAYLOADS)
def test_descriptions_keep_no_script_handler_style_or_unsafe_url(payload: str) -> None:
    html = description_html(payload)
    for element in BeautifulSoup(html, "html.parser").find_all(True):
        assert element.name in markup._ALLOWED_TAGS, html
        for name, value in element.attrs.items():
            assert not name.startswith("on") and name != "style", html
            if name in URL_ATTRIBUTES:
                assert not unsafe_url(" ".join(value) if isinstance(value, list) else value)


def test_the_sanitiser_allow_list_is_strict() -> None:
    forbidden = {"script", "style", "iframe", "form", "input", "img", "svg", "object", "embed",
                 "base", "meta", "link", "math", "details", "button", "textarea"}  # fmt: skip
    assert not forbidden & markup._ALLOWED_TAGS
    assert markup._SAFE_SCHEMES == {"http", "https", "mailto"}


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "  javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\x01javascript:alert(1)",
        "\u00a0javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "//evil.example.com/x",
        "file:///etc/passwd",
        "jar:https://x!/",
    ],
)
def test_unsafe_link_urls_are_dropped(url: str) -> None:
    assert safe_link_url(url) is None


@pytest.mark.parametrize(
    "url", ["https://example.com/a?b=c#d", "http://x.example", "mailto:a@example.com", "../x/"]
)
def test_safe_link_urls_are_kept(url: str) -> None:
    assert safe_link_url(url) == url
