"""Aliases: old page URLs redirect to the new page (checked in Chromium), old badge paths keep
serving the current badge, and nothing unpublished gets a redirect."""

from __future__ import annotations

import threading
from dataclasses import replace
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from portal_samples import AS_OF, HOSTILE, sample_model, sample_portal

from okrsite.model import Visibility
from okrsite.portal import assemble_portal
from okrsite.render.badges import BadgeOptions, badge_artifacts
from okrsite.render.redirects import redirect_artifacts
from okrsite.urls import SiteUrls

OPTIONS = BadgeOptions()


def _files(urls: SiteUrls, portal=None) -> dict[str, str]:
    portal = portal or sample_portal()
    return {a.path: str(a.content) for a in redirect_artifacts(portal, urls, OPTIONS)}


@pytest.mark.parametrize(
    ("urls", "old", "new"),
    [
        (SiteUrls("okrs"), "okrs/objectives/quick-checkin/index.html", "../faster-checkin/"),
        (SiteUrls("", directory_urls=False), "objectives/old-checkin.html", "faster-checkin.html"),
        (SiteUrls("okrs"), "okrs/key-results/wait-time/index.html", "../checkin-wait-time/"),
        (SiteUrls("okrs"), "okrs/initiatives/kiosk-rollout/index.html", "../kiosks/"),
    ],
)
def test_every_alias_gets_a_redirect_page(urls: SiteUrls, old: str, new: str) -> None:
    soup = BeautifulSoup(_files(urls)[old], "html.parser")
    assert soup.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={new}"
    assert soup.find("link", rel="canonical")["href"] == new
    assert soup.find("a")["href"] == new


def test_canonical_is_absolute_with_site_url() -> None:
    files = _files(SiteUrls("okrs", site_url="https://x.example/wiki/"))
    soup = BeautifulSoup(files["okrs/objectives/quick-checkin/index.html"], "html.parser")
    assert (
        soup.find("link", rel="canonical")["href"]
        == "https://x.example/wiki/okrs/objectives/faster-checkin/"
    )


def test_old_badge_paths_serve_the_current_badge() -> None:
    urls = SiteUrls("okrs")
    current = {a.path: a.content for a in badge_artifacts(sample_portal(), urls, OPTIONS)}
    files = _files(urls)
    pairs = [
        ("objective/quick-checkin", "objective/faster-checkin"),
        ("objective/old-checkin", "objective/faster-checkin"),
        ("key-result/wait-time", "key-result/checkin-wait-time"),
        ("north-star/old-star", "north-star/fly-happy"),
    ]
    for old, new in pairs:
        for suffix in ("svg", "json"):
            assert files[f"okrs/badges/{old}.{suffix}"] == current[f"okrs/badges/{new}.{suffix}"]
    assert not [path for path in files if "kiosk-rollout" in path and "badges" in path]
    assert "okrs/index.html" not in files  # the north star's page never moves


def test_titles_are_escaped_in_redirect_pages() -> None:
    model = sample_model()
    hostile = replace(model.objectives["hostile"], aliases=("was-hostile",))
    portal = assemble_portal(
        replace(model, objectives={**model.objectives, "hostile": hostile}), AS_OF
    )
    page = _files(SiteUrls(), portal)["objectives/was-hostile/index.html"]
    assert "<script" not in page
    assert BeautifulSoup(page, "html.parser").find("a").get_text() == HOSTILE


def test_an_alias_differing_only_in_case_needs_no_redirect() -> None:
    model = sample_model()
    kiosks = replace(model.initiatives["kiosks"], aliases=("KIOSKS",))
    portal = assemble_portal(
        replace(model, initiatives={**model.initiatives, "kiosks": kiosks}), AS_OF
    )
    assert not [path for path in _files(SiteUrls(), portal) if "initiatives/kiosks" in path]


@pytest.mark.parametrize("visibility", [Visibility.PUBLIC, Visibility.INTERNAL])
def test_unpublished_entities_get_no_redirects(visibility: Visibility) -> None:
    model = sample_model()
    secret = replace(model.objectives["secret-merger"], aliases=("old-merger",))
    signed = replace(model.key_results["merger-signed"], aliases=("old-signed",))
    model = replace(
        model,
        objectives={**model.objectives, "secret-merger": secret},
        key_results={**model.key_results, "merger-signed": signed},
    )
    files = _files(SiteUrls(), assemble_portal(model, AS_OF, visibility))
    assert not [path for path in files if "old-merger" in path or "old-signed" in path]
    everything = _files(SiteUrls(), assemble_portal(model, AS_OF, Visibility.CONFIDENTIAL))
    assert "objectives/old-merger/index.html" in everything


@pytest.mark.slow
def test_chromium_follows_the_redirect(tmp_path: Path, browser) -> None:
    for path, content in _files(SiteUrls("okrs")).items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(content, encoding="utf-8")
    target = tmp_path / "okrs/objectives/faster-checkin/index.html"
    target.parent.mkdir(parents=True)
    target.write_text("<title>Make check-in fast</title>", encoding="utf-8")
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)  # a free port, nobody else's
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        page = browser.new_page()
        page.goto(f"{root}/okrs/objectives/quick-checkin/")
        page.wait_for_url(f"{root}/okrs/objectives/faster-checkin/", timeout=10_000)
        title = page.title()
        badge = page.goto(f"{root}/okrs/badges/key-result/wait-time.svg")
        assert badge is not None and badge.status == 200
        page.close()
    finally:
        server.shutdown()
        server.server_close()
    assert title == "Make check-in fast"
