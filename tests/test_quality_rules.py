"""OKR quality rules (okrsite/quality): for every rule a model that breaks it and one that keeps it,
the severities and settings of the `rules` setting, its errors, and how `okrsite check` shows
the findings (text, json, `--rules`)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from bs4 import BeautifulSoup

from okrsite.cli import main
from okrsite.compute.scorecard import score_model
from okrsite.load import load_content
from okrsite.model import (
    Capability,
    CheckIn,
    KeyResult,
    KeyResultType,
    Location,
    Model,
    NorthStar,
    Objective,
    Period,
    Stage,
    Team,
    TeamLevel,
    ValueStream,
    Window,
)
from okrsite.portal import assemble_portal
from okrsite.problems import Severity
from okrsite.quality.checks import RuleContext
from okrsite.quality.config import RulesError, read_rules, review
from okrsite.quality.examples import BACKGROUND, EXAMPLES_AS_OF
from okrsite.quality.rules import RULES
from okrsite.relations import build_relations
from okrsite.render.diagrams import DiagramOptions
from okrsite.render.site_options import SiteOptions
from okrsite.site import site_artifacts
from okrsite.urls import Kind, SiteUrls

HERE = Location("okrs.yml", 3, 1)
AS_OF = date(2026, 11, 23)
Q4 = Period("2026-Q4", Window(date(2026, 10, 1), date(2026, 12, 31)))
NO_DIAGRAMS = SiteOptions(diagrams=DiagramOptions(enabled=False))
Q1 = Period("2027-Q1", Window(date(2027, 1, 1), date(2027, 3, 31)))


def metric(key: str, objective: str = "o", **kw: Any) -> KeyResult:
    fields = {"title": f"Raise {key} from 1 to 2", "baseline": 1, "target": 2, "owner": "Ana"}
    return KeyResult(id=key, objective=objective, location=HERE, **{**fields, **kw})


def good_model(**objective: Any) -> Model:
    """One company objective with a department objective aligned to it, each with two metrics,
    owners, and every stage and capability covered: every rule passes."""
    teams = {
        "company": Team(id="company", title="C", level=TeamLevel.COMPANY, location=HERE),
        "dept": Team(id="dept", title="D", level=TeamLevel.DEPARTMENT, location=HERE),
    }
    base = {"period": Q4, "owner": "Ana", "stage": "s", "capabilities": ("c",)}
    objectives = {
        "top": Objective(id="top", title="T", team="company", key_results=("t1", "t2"),
                         location=HERE, **base),
        "o": Objective(id="o", title="O", team="dept", key_results=("k1", "k2"),
                       location=HERE, **{**base, "parent": "top", **objective}),
    }  # fmt: skip
    keys = {"t1": "top", "t2": "top", **{k: "o" for k in objectives["o"].key_results}}
    return Model(
        north_star=NorthStar(id="ns", title="N", outcomes=(), location=HERE),
        value_streams={"v": ValueStream(id="v", title="V", stages=("s",), location=HERE)},
        stages={"s": Stage(id="s", title="S", value_stream="v", position=0, location=HERE)},
        capabilities={"c": Capability(id="c", title="C", location=HERE)},
        teams=teams,
        objectives=objectives,
        key_results={key: metric(key, objective) for key, objective in keys.items()},
    )


def codes(model: Model, rules: Any = None) -> list[tuple[str, Severity]]:
    card = score_model(model, build_relations(model), AS_OF)
    found = review(RuleContext(model, card), read_rules(rules)).findings
    return [(finding.code, severity) for finding, severity in found]


def with_key_results(model: Model, key_results: dict[str, KeyResult]) -> Model:
    objective = replace(model.objectives["o"], key_results=tuple(key_results))
    others = {k: v for k, v in model.key_results.items() if v.objective != "o"}
    return replace(
        model,
        objectives={**model.objectives, "o": objective},
        key_results={**others, **key_results},
    )


def test_a_good_portal_breaks_no_rule() -> None:
    assert codes(good_model()) == []


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda m: with_key_results(m, {f"k{n}": metric(f"k{n}") for n in range(6)}), "OKR101"),
        (lambda m: with_key_results(m, {"k1": metric("k1")}), "OKR102"),
        (
            lambda m: with_key_results(
                m, {k: metric(k, type=KeyResultType.MILESTONE) for k in ("k1", "k2")}
            ),
            "OKR103",
        ),
        (
            lambda m: with_key_results(
                m, {"k1": metric("k1", title="Launch kiosks"), "k2": metric("k2")}
            ),
            "OKR104",
        ),
        (
            lambda m: replace(
                m, objectives={**m.objectives, "o": replace(m.objectives["o"], owner=None)}
            ),
            "OKR202",
        ),  # noqa: E501
        (
            lambda m: replace(
                m, objectives={**m.objectives, "o": replace(m.objectives["o"], parent=None)}
            ),
            "OKR302",
        ),  # noqa: E501
        (
            lambda m: with_key_results(
                m, {"k1": metric("k1", due=date(2027, 1, 15)), "k2": metric("k2")}
            ),
            "OKR501",
        ),
        (
            lambda m: with_key_results(
                m,
                {
                    "k1": metric("k1", checkins=(CheckIn(date=AS_OF, value=1.2, confidence=0.2),)),
                    "k2": metric("k2"),
                },
            ),
            "OKR601",
        ),
    ],
)
def test_each_rule_finds_what_it_names(change: Any, code: str) -> None:
    found = [c for c, _ in codes(change(good_model()))]

    assert code in found


def test_an_unaligned_department_objective_and_its_lonely_company_objective() -> None:
    unaligned = good_model(parent=None)

    assert sorted(c for c, _ in codes(unaligned)) == ["OKR301", "OKR302"]


def test_too_many_objectives_and_coverage_gaps_per_cycle() -> None:
    model = good_model()
    extra = {f"x{n}": replace(model.objectives["o"], id=f"x{n}", key_results=()) for n in range(5)}
    crowded = replace(model, objectives={**model.objectives, **extra})
    later = replace(
        model,
        objectives={k: replace(o, period=Q1) for k, o in model.objectives.items()},
    )

    assert ("OKR201", Severity.WARNING) in codes(crowded)  # 6 department objectives in Q4
    assert {c for c, _ in codes(later)} == {"OKR401", "OKR402"}  # nothing in Q4 at all


def test_the_activity_words_and_thresholds_are_settings() -> None:
    model = with_key_results(
        good_model(), {"k1": metric("k1", title="Ship kiosks"), "k2": metric("k2")}
    )

    assert codes(model) == []
    assert codes(model, {"activity-key-result": {"words": ["ship"]}}) == [
        ("OKR104", Severity.WARNING)
    ]
    both = [("OKR102", Severity.ERROR)] * 2  # each objective has two metrics, fewer than 3
    assert codes(model, {"OKR102": {"min": 3, "severity": "error"}}) == both
    assert codes(with_key_results(good_model(), {"k1": metric("k1")}), {"OKR102": "off"}) == []


def test_a_key_result_is_its_objectives_owners_unless_the_setting_says_otherwise() -> None:
    unowned = with_key_results(good_model(), {k: metric(k, owner=None) for k in ("k1", "k2")})
    strict = {"OKR203": {"objective_owner_counts": False}}
    no_owner_at_all = replace(
        unowned,
        objectives={**unowned.objectives, "o": replace(unowned.objectives["o"], owner=None)},
    )

    assert codes(unowned) == []
    assert codes(unowned, strict) == [("OKR203", Severity.WARNING)] * 2
    assert sorted(c for c, _ in codes(no_owner_at_all)) == ["OKR202", "OKR203", "OKR203"]


def test_a_capability_is_covered_through_the_capabilities_below_it() -> None:
    model = good_model()
    parent = Capability(id="p", title="P", location=HERE)
    grandparent = Capability(id="g", title="G", location=HERE)
    capabilities = {
        "c": replace(model.capabilities["c"], parent="p"),
        "p": replace(parent, parent="g"),
        "g": grandparent,
        "lone": Capability(id="lone", title="L", location=HERE),
    }
    tree = replace(model, capabilities=capabilities)

    found = review(
        RuleContext(tree, score_model(tree, build_relations(tree), AS_OF)), read_rules()
    ).findings
    assert [(f.code, f.entity) for f, _ in found] == [("OKR402", ("capability", "lone"))]


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ({"OKR999": "error"}, "no rule 'OKR999'; known: OKR101 (too-many-key-results)"),
        ({"OKR101": "loud"}, "`rules: OKR101` must be one of error, warning, notice, off"),
        (
            {"OKR101": {"maximum": 3}},
            "`rules: OKR101`: no setting 'maximum'; it has: severity, max",
        ),
        ({"OKR101": {"max": 2.5}}, "`rules: OKR101: max` must be a whole number, not 2.5"),
        ({"OKR104": {"words": "launch"}}, "`rules: OKR104: words` must be a list of words"),
        (
            {"OKR203": {"objective_owner_counts": "yes"}},
            "`rules: OKR203: objective_owner_counts` must be true or false, not 'yes'",
        ),
        (["OKR101"], "`rules` must be a mapping of rule code or name to a severity"),
    ],
)
def test_configuration_errors_say_what_to_change(rules: Any, message: str) -> None:
    with pytest.raises(RulesError, match=None) as raised:
        read_rules(rules)

    assert message in str(raised.value)


def test_every_rule_is_documented_and_its_codes_are_unique() -> None:
    assert len({rule.code for rule in RULES}) == len({rule.name for rule in RULES}) == len(RULES)
    for rule in RULES:
        assert rule.summary and rule.why and rule.bad and rule.good, rule.code


def test_check_lists_the_rules_and_reports_findings_with_their_code(
    capsys: pytest.CaptureFixture[str], tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["check", "--rules"]) == 0
    listing = capsys.readouterr().out
    assert listing.splitlines()[0].startswith("OKR101 too-many-key-results (warning): ")
    assert "settings: max=5" in listing

    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "okrs.yml").write_text(
        "kind: NorthStar\nid: ns\ntitle: N\n---\nkind: Objective\nid: o\ntitle: O\n"
        "period: 2026-Q4\nkey_results:\n  - {id: k, title: Launch kiosks, type: milestone}\n",
        "utf-8",
    )
    main(["check", "content", "--as-of", "2026-11-23", "--format", "json"])
    found = {p["rule"]: p for p in json.loads(capsys.readouterr().out) if "rule" in p}
    assert {"OKR103", "OKR104", "OKR202"} <= found.keys()
    assert found["OKR104"]["line"] == 10 and found["OKR104"]["severity"] == "warning"
    assert found["OKR104"]["message"].startswith("OKR104 activity-key-result: key result 'k'")


OPTED_OUT = """\
kind: NorthStar
id: ns
title: N
---
kind: Team
id: dept
title: D
level: department
---
kind: Objective
id: o
title: O
team: dept
period: 2026-Q4
ignore: [OKR202, {rule: OKR301, reason: "the department sets its own goals this year"}]
key_results:
  - {id: k1, title: Raise k1 from 1 to 2, baseline: 1, target: 2, owner: Ana}
  - {id: k2, title: Launch kiosks, baseline: 1, target: 2, owner: Ana, ignore: [OKR999]}
"""


def test_an_entity_opts_out_of_a_rule_with_its_reason_and_a_wrong_code_is_refused(
    tmp_path: Any,
) -> None:
    (tmp_path / "okrs.yml").write_text(OPTED_OUT, "utf-8")
    broken = load_content(tmp_path)
    (tmp_path / "okrs.yml").write_text(OPTED_OUT.replace(", ignore: [OKR999]", ""), "utf-8")
    loaded = load_content(tmp_path)

    assert broken.model is None
    assert any(
        "`ignore[0]` must be one of OKR101, OKR102" in p.message and p.location.line == 18
        for p in broken.problems
    ), [str(p) for p in broken.problems]
    assert loaded.model is not None, [str(p) for p in loaded.problems]
    objective = loaded.model.objectives["o"]
    assert objective.ignored == (
        ("OKR202", ""),
        ("OKR301", "the department sets its own goals this year"),
    )
    assert [c for c, _ in codes(loaded.model)] == ["OKR104"]  # not OKR202, not OKR301

    portal = assemble_portal(loaded.model, AS_OF)
    pages = {a.path: str(a.content) for a in site_artifacts(portal, SiteUrls(), NO_DIAGRAMS)}
    shown = BeautifulSoup(pages[SiteUrls().page_source(Kind.OBJECTIVE, "o")], "html.parser").find(
        class_="okr-opt-outs"
    )
    assert shown is not None and shown.get_text() == (
        "An exception to quality rule OKR202 objective-without-owner; quality rule OKR301 "
        "not-aligned: the department sets its own goals this year."
    )


def review_example(folder: Any, example: str) -> tuple[list[str], list[str]]:
    """The codes the default rules find in the examples' background plus `example`, and the
    loader's problems (none, for a right example)."""
    (folder / "background.yml").write_text(BACKGROUND, "utf-8")
    (folder / "example.yml").write_text(example, "utf-8")
    loaded = load_content(folder)
    if loaded.model is None:
        return [], [str(p) for p in loaded.problems]
    card = score_model(
        loaded.model, build_relations(loaded.model), date.fromisoformat(EXAMPLES_AS_OF)
    )
    found = review(RuleContext(loaded.model, card), read_rules()).findings
    return [finding.code for finding, _ in found], [str(p) for p in loaded.problems]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_each_rules_bad_example_breaks_it_and_its_good_example_breaks_no_rule(
    rule: Any, tmp_path: Any
) -> None:
    (tmp_path / "bad").mkdir()
    (tmp_path / "good").mkdir()
    bad, bad_problems = review_example(tmp_path / "bad", rule.bad)
    good, good_problems = review_example(tmp_path / "good", rule.good)

    assert good_problems == []
    assert not [p for p in bad_problems if ": error: " in p]  # warnings: left out for brevity
    assert rule.code in bad
    assert good == []
