"""What a build may publish: nothing above its visibility level survives, and nothing left
behind points at what was removed."""

from __future__ import annotations

from datetime import date

import pytest

from okrsite.load import load_content
from okrsite.model import (
    Initiative,
    KeyResult,
    Location,
    Model,
    NorthStar,
    Objective,
    Period,
    Team,
    TeamLevel,
    Visibility,
    Window,
)
from okrsite.portal import assemble_portal
from okrsite.publish import published_model

HERE = Location("content/test.yml", 1, 1)
H2 = Period("2026-H2", Window(date(2026, 7, 1), date(2026, 12, 31)))


def objective(key: str, visibility: Visibility, parent: str | None = None) -> Objective:
    return Objective(
        id=key,
        title=key,
        visibility=visibility,
        parent=parent,
        team="board",
        period=H2,
        key_results=(f"{key}-kr",),
        location=HERE,
    )


def initiative(key: str, key_results: tuple[str, ...] = (), parent: str | None = None):
    return Initiative(id=key, title=key, key_results=key_results, parent=parent, location=HERE)


def sample() -> Model:
    objectives = [
        objective("pub", Visibility.PUBLIC),
        objective("int", Visibility.INTERNAL),
        objective("conf", Visibility.CONFIDENTIAL),
        objective("under-conf", Visibility.INTERNAL, parent="conf"),
        objective("under-int", Visibility.PUBLIC, parent="int"),
    ]
    progress = {"pub": 100, "int": 50, "conf": 0, "under-conf": 50, "under-int": 50}
    key_results = [
        KeyResult(
            id=f"{o.key}-kr",
            title=o.key,
            objective=o.key,
            baseline=0,
            target=100,
            current=progress[o.key],
            location=HERE,
        )
        for o in objectives
    ]
    initiatives = [
        initiative("both", ("pub-kr", "conf-kr")),
        initiative("hidden-only", ("conf-kr",)),
        initiative("hidden-child", parent="hidden-only"),
        initiative("hidden-grandchild", parent="hidden-child"),
        initiative("rescued-child", ("pub-kr",), parent="hidden-only"),
        initiative("internal-only", ("int-kr",)),
    ]
    return Model(
        north_star=NorthStar(id="ns", title="ns", outcomes=(), location=HERE),
        teams={"board": Team(id="board", title="Board", level=TeamLevel.COMPANY, location=HERE)},
        objectives={o.key: o for o in objectives},
        key_results={k.key: k for k in key_results},
        initiatives={i.key: i for i in initiatives},
    )


def dangling_references(model: Model) -> list[str]:
    """Every reference in the published model that points at something not in it."""
    found = []
    for o in model.objectives.values():
        if o.parent is not None and o.parent not in model.objectives:
            found.append(f"objective {o.key} -> parent {o.parent}")
        found += [f"objective {o.key} -> {k}" for k in o.key_results if k not in model.key_results]
    for k in model.key_results.values():
        if k.objective not in model.objectives:
            found.append(f"key result {k.key} -> objective {k.objective}")
    for i in model.initiatives.values():
        if i.parent is not None and i.parent not in model.initiatives:
            found.append(f"initiative {i.key} -> parent {i.parent}")
        found += [f"initiative {i.key} -> {k}" for k in i.key_results if k not in model.key_results]
    return found


def test_publishing_internal_drops_the_confidential_objective_with_its_key_results():
    published = published_model(sample(), Visibility.INTERNAL)
    assert set(published.objectives) == {"pub", "int", "under-conf", "under-int"}
    assert "conf-kr" not in published.key_results
    assert dangling_references(published) == []


def test_an_objective_aligned_to_a_hidden_one_loses_its_parent():
    published = published_model(sample(), Visibility.INTERNAL)
    assert published.objectives["under-conf"].parent is None
    assert published.objectives["under-int"].parent == "int"


def test_an_initiative_serving_both_keeps_only_the_published_link():
    published = published_model(sample(), Visibility.INTERNAL)
    assert published.initiatives["both"].key_results == ("pub-kr",)


def test_an_initiative_serving_only_hidden_key_results_disappears_with_its_children():
    published = published_model(sample(), Visibility.INTERNAL)
    assert "hidden-only" not in published.initiatives
    assert "hidden-child" not in published.initiatives
    assert "hidden-grandchild" not in published.initiatives
    rescued = published.initiatives["rescued-child"]
    assert rescued.key_results == ("pub-kr",)
    assert rescued.parent is None


def test_publishing_public_only_drops_internal_objectives_too():
    published = published_model(sample(), Visibility.PUBLIC)
    assert set(published.objectives) == {"pub", "under-int"}
    assert published.objectives["under-int"].parent is None
    assert "internal-only" not in published.initiatives
    assert dangling_references(published) == []


def test_publishing_confidential_keeps_everything():
    model = sample()
    assert published_model(model, Visibility.CONFIDENTIAL) == model


def test_hidden_objectives_do_not_count_in_roll_ups():
    as_of = date(2026, 11, 23)
    everything = assemble_portal(sample(), as_of, Visibility.CONFIDENTIAL).scorecard
    internal = assemble_portal(sample(), as_of, Visibility.INTERNAL).scorecard
    assert everything.teams["board"].progress == pytest.approx((1 + 0.5 + 0 + 0.5 + 0.5) / 5)
    assert internal.teams["board"].progress == pytest.approx((1 + 0.5 + 0.5 + 0.5) / 4)
    assert "conf" not in internal.objectives
    assert "conf-kr" not in internal.key_results


@pytest.mark.parametrize("level", list(Visibility))
def test_demo_content_publishes_without_dangling_references(demo_content, level):
    loaded = load_content(demo_content)
    assert loaded.problems == []
    published = published_model(loaded.model, level)
    assert dangling_references(published) == []
    visible = {o.visibility for o in published.objectives.values()}
    assert all(v.rank <= level.rank for v in visible)
    hidden = "fleet-lease-2027" not in published.objectives
    assert hidden == (level is not Visibility.CONFIDENTIAL)
    assert ("lessor-negotiations" not in published.initiatives) == hidden
