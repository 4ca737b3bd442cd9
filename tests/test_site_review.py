"""The Review page and the rule pages (render/pages/review.py, theme/okrsite/review.md.jinja,
rule.md.jinja): findings by team, worst first, each linking to its entity and its rule; the
exceptions with their reasons; each rule's examples and settings as configured; an entity's
own findings on its page; and nothing of it when `review_page` is off."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from okrsite.cli import main
from okrsite.load import load_content
from okrsite.portal import Portal, assemble_portal
from okrsite.quality.config import read_rules
from okrsite.quality.rules import RULES
from okrsite.render.diagrams import DiagramOptions
from okrsite.render.pages import portal_nav
from okrsite.render.pages.markup import code_spans
from okrsite.render.pages.review import setting_example
from okrsite.render.site_options import SiteOptions
from okrsite.site import site_artifacts
from okrsite.urls import Kind, SiteUrls

AS_OF = date(2026, 11, 23)
NO_DIAGRAMS = SiteOptions(diagrams=DiagramOptions(enabled=False))
CONTENT = """\
kind: NorthStar
id: ns
title: North
---
kind: ValueStream
id: journey
title: Journey
stages:
  - {id: book, title: Book}
  - {id: fly, title: Fly}
---
kind: Team
id: company
title: Company
level: company
---
kind: Team
id: ops
title: Operations
level: department
parent: company
---
kind: Team
id: web
title: Web <b>& App</b>
level: department
parent: company
---
kind: Objective
id: top
title: Top
team: company
owner: Mia
stage: book
period: 2026-Q4
key_results:
  - {id: t1, title: Raise t1 from 1 to 2, baseline: 1, target: 2}
  - {id: t2, title: Raise t2 from 1 to 2, baseline: 1, target: 2}
---
kind: Objective
id: ops-goal
title: Ops goal
team: ops
parent: top
stage: book
period: 2026-Q4
ignore: [{rule: OKR202, reason: "the owner <leaves> in December"}]
key_results:
  - {id: launch, title: Launch the kiosks, baseline: 0, target: 4, owner: Ana}
  - {id: o2, title: Raise o2 from 1 to 2, baseline: 1, target: 2, owner: Ana}
---
kind: Objective
id: web-goal
title: Web goal
team: web
owner: Li
period: 2026-Q4
ignore: [OKR301]
key_results:
  - {id: w1, title: Raise w1 from 1 to 2, baseline: 1, target: 2, due: 2027-02-01}
"""


def portal_of(tmp_path: Path, rules: Any = None) -> Portal:
    (tmp_path / "okrs.yml").write_text(CONTENT, "utf-8")
    loaded = load_content(tmp_path)
    assert loaded.model is not None, [str(p) for p in loaded.problems]
    return assemble_portal(loaded.model, AS_OF, quality_rules=read_rules(rules))


def pages(portal: Portal) -> dict[str, BeautifulSoup]:
    return {
        a.path: BeautifulSoup(markdown.markdown(str(a.content)), "html.parser")
        for a in site_artifacts(portal, SiteUrls(), NO_DIAGRAMS)
        if a.path.endswith(".md")
    }


def rows(table: Any) -> list[list[str]]:
    return [
        [td.get_text(" ", strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")
    ]


def test_findings_are_grouped_by_team_worst_first_with_links(tmp_path: Path) -> None:
    review = pages(portal_of(tmp_path, {"OKR102": "error"}))["review/index.md"]

    headings = [h.get_text(strip=True) for h in review.select("h3")]
    assert headings == [
        "Operations",
        "Web <b>& App</b>",  # the title is text, never markup
        "Value streams, capabilities and objectives without a team",
    ]
    ops, web, rest = review.select(".okr-table--review")[:3]
    assert rows(ops) == [
        ["warning", "Launch the kiosks", "OKR104 activity-key-result",
         "key result 'launch' starts with \"Launch\": it reads as an activity or output; reword "
         "it as the outcome it should change (\"Raise kiosk use from 20% to 60%\", not "
         "\"Launch kiosks\")"],
    ]  # fmt: skip
    assert [row[:3] for row in rows(web)] == [
        ["error", "Web goal", "OKR102 too-few-key-results"],
        ["error", "Raise w1 from 1 to 2", "OKR501 due-after-period"],
    ]
    assert [row[:3] for row in rows(rest)] == [["notice", "Fly", "OKR401 stage-not-covered"]]
    links = {a.get_text(strip=True): a["href"] for a in ops.select("a")}
    assert links == {
        "Launch the kiosks": "../key-results/launch/",
        "OKR104 activity-key-result": "okr104/",
    }
    tally = review.select_one(".okr-review-summary").get_text(" ", strip=True)
    assert tally == "2 errors 1 warning 1 notice · 2 exceptions ( listed below )"


def test_exceptions_list_what_they_excuse_with_the_reason(tmp_path: Path) -> None:
    portal = portal_of(tmp_path)
    review = pages(portal)["review/index.md"]

    exceptions = review.find("h2", string="Exceptions").find_next("table")
    assert rows(exceptions) == [
        ["Ops goal", "OKR202 objective-without-owner", "the owner <leaves> in December"],
        ["Web goal", "OKR301 not-aligned", "no reason given"],
    ]
    assert portal.scorecard.findings.get("objective/ops-goal") is None  # excused, not found


def test_rules_table_shows_each_rules_severity_here_and_its_count(tmp_path: Path) -> None:
    review = pages(portal_of(tmp_path, {"OKR102": "error", "OKR401": "off"}))["review/index.md"]

    table = {row[0]: row[2:] for row in rows(review.select_one(".okr-table--rules"))}
    assert list(table) == [f"{r.code} {r.name}" for r in RULES]
    assert table["OKR102 too-few-key-results"] == ["error", "1"]
    assert table["OKR401 stage-not-covered"] == ["off", ""]
    assert table["OKR101 too-many-key-results"] == ["warning", "0"]
    assert table["OKR202 objective-without-owner"] == ["warning", "0 + 1 excused"]


def test_a_rule_page_has_its_examples_settings_here_and_findings(tmp_path: Path) -> None:
    portal = portal_of(tmp_path, {"activity-key-result": {"words": ["launch", "ship"]}})
    rule = pages(portal)["review/okr104.md"]

    assert (
        rule.select_one(".okr-rule-summary").get_text()
        == "A key result starts with an activity word."
    )
    examples = [pre.get_text() for pre in rule.select("pre.okr-example")]
    assert examples == [RULES[3].bad, RULES[3].good]
    settings = rows(rule.find("h2", string="Settings").find_next("table"))
    assert settings[0][0] == "words" and settings[0][3] == "launch, ship"
    found = rows(rule.find("h2", string="Found in 2026 Q4").find_next("table"))
    assert [row[0] for row in found] == ["Launch the kiosks"]


def test_every_rules_setting_example_is_a_setting_okrsite_accepts() -> None:
    for rule in RULES:
        config = yaml.safe_load(setting_example(rule))
        chosen = read_rules(config["plugins"][0]["okrsite"]["rules"])
        assert chosen[rule.code].severity is not None, rule.code


def test_an_entity_page_shows_its_own_findings(tmp_path: Path) -> None:
    page = pages(portal_of(tmp_path))[SiteUrls().page_source(Kind.KEY_RESULT, "launch")]

    notes = page.select_one(".okr-review-notes")
    assert notes is not None
    assert [li.get_text(" ", strip=True).split(":")[0].strip() for li in notes.select("li")] == [
        "warning OKR104 activity-key-result"
    ]
    assert notes.select("li a")[0]["href"] == "../../review/okr104/"
    excused = pages(portal_of(tmp_path))[SiteUrls().page_source(Kind.OBJECTIVE, "ops-goal")]
    assert [a["href"] for a in excused.select(".okr-opt-outs a")] == ["../../review/okr202/"]


@pytest.mark.parametrize("published", [True, False])
def test_the_review_page_setting_publishes_it_or_leaves_it_out(
    tmp_path: Path, published: bool
) -> None:
    (tmp_path / "okrs.yml").write_text(CONTENT, "utf-8")
    loaded = load_content(tmp_path)
    assert loaded.model is not None
    portal = assemble_portal(loaded.model, AS_OF, quality_rules=read_rules() if published else None)
    sources = set(pages(portal))
    nav = str(portal_nav(portal, SiteUrls()))

    assert ("review/index.md" in sources) is published
    assert ("review/okr101.md" in sources) is published
    assert ("'Review'" in nav) is published
    launch = pages(portal)[SiteUrls().page_source(Kind.KEY_RESULT, "launch")]
    assert (launch.select_one(".okr-review-notes") is not None) is published


@pytest.mark.slow
def test_the_demo_publishes_a_review_whose_links_all_lead_somewhere(demo_site: Path) -> None:
    pages_found = {
        url: BeautifulSoup((demo_site / url / "index.html").read_text("utf-8"), "html.parser")
        for url in ["review", *(f"review/{rule.code.lower()}" for rule in RULES)]
    }
    for url, soup in pages_found.items():
        for a in soup.select("article a[href]"):
            href = a["href"].split("#")[0]
            if href and not href.startswith(("http", "mailto:")):
                target = (demo_site / url / href).resolve()
                assert (target / "index.html").is_file() or target.is_file(), (url, href)
    nav = pages_found["review"].select(".md-tabs__link")
    assert "Review" in [a.get_text(strip=True) for a in nav]


def test_the_portal_and_okrsite_check_find_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "content").mkdir()
    portal = portal_of(tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    main(["check", "content", "--as-of", AS_OF.isoformat(), "--format", "json"])
    checked = {
        (p["rule"], p["severity"], p["message"].split(": ", 1)[1])
        for p in json.loads(capsys.readouterr().out)
        if p.get("rule", "").startswith("OKR")
    }
    shown = {
        (finding.code, severity.value, finding.message)
        for found in portal.scorecard.findings.values()
        for finding, severity in found
    }
    assert checked == shown and len(shown) == 4


def test_a_findings_backticked_names_show_as_code_and_the_rest_stays_text() -> None:
    shown = code_spans("set `parent:` for 'a<b>' & `x`")

    assert shown == "set <code>parent:</code> for 'a&lt;b&gt;' &amp; <code>x</code>"
