"""`okrsite/incremental/` (reads.py, units.py): what a render reads is recorded, what an edit
changed is found, and a result is reused only when nothing it read changed.

Portals are the small check-in model of `history_repo` (one objective, three key results),
varied with `dataclasses.replace` so each test changes exactly one thing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial

import pytest
from history_repo import small_model

from okrsite.incremental.reads import KEYS, ReadLog, Watched, changed_reads, watched_portal
from okrsite.incremental.units import Derived, Kept, Rereading, Unit
from okrsite.model import Model
from okrsite.portal import Portal, assemble_portal

AS_OF = date(2026, 11, 23)


def portal(model: Model | None = None, as_of: date = AS_OF) -> Portal:
    return assemble_portal(model or small_model(), as_of)


# Watched and ReadLog -----------------------------------------------------------------------
@pytest.fixture
def log() -> ReadLog:
    return ReadLog()


@pytest.fixture
def teams(log: ReadLog) -> Watched[int]:
    return Watched({"ops": 1, "web": 2}, "teams", log)


def test_lookups_record_the_key(log: ReadLog, teams: Watched[int]) -> None:
    with log.scope() as reads:
        assert teams["ops"] == 1
        assert teams.get("web") == 2
        assert teams.get("gone", 0) == 0
        assert "data" not in teams
    assert reads == {("teams", "ops"), ("teams", "web"), ("teams", "gone"), ("teams", "data")}


@pytest.mark.parametrize(
    "whole",
    [
        lambda m: list(m.values()),
        lambda m: list(m.items()),
        lambda m: 3 in m,  # not a key: could be anything, so the whole mapping counts
    ],
    ids=["values", "items", "in-non-str"],
)
def test_whole_mapping_reads_record_the_namespace(
    log: ReadLog, teams: Watched[int], whole: Callable[[Watched[int]], object]
) -> None:
    with log.scope() as reads:
        whole(teams)
    assert reads == {("teams", None)}


@pytest.mark.parametrize(
    "keys",
    [
        lambda m: [key for key in m],  # no len(): `list(m)` would ask for it first
        lambda m: len(m),
        lambda m: bool(m),
        lambda m: list(m.keys()),
    ],
    ids=["iter", "len", "bool", "keys"],
)
def test_reads_of_the_keys_alone_record_the_keys(
    log: ReadLog, teams: Watched[int], keys: Callable[[Watched[int]], object]
) -> None:
    """An index page that lists keys and looks each one up depends on the list and on each
    entry, not on every value as a whole."""
    with log.scope() as reads:
        keys(teams)
    assert reads == {("teams", KEYS)}


def test_copying_a_mapping_reads_its_keys_and_each_value(log: ReadLog, teams: Watched[int]) -> None:
    with log.scope() as reads:
        dict(teams)
    assert reads == {("teams", KEYS), ("teams", "ops"), ("teams", "web")}


def test_a_missing_key_is_recorded_before_the_error(log: ReadLog, teams: Watched[int]) -> None:
    """A page that failed a lookup (and caught it) depends on the key appearing later."""
    with log.scope() as reads, pytest.raises(KeyError):
        teams["later"]
    assert reads == {("teams", "later")}


def test_reads_outside_a_scope_are_not_kept(log: ReadLog, teams: Watched[int]) -> None:
    teams["ops"]
    with log.scope() as reads:
        pass
    assert reads == set()


def test_a_nested_scope_counts_for_the_outer_one_unless_apart(
    log: ReadLog, teams: Watched[int]
) -> None:
    with log.scope() as outer:
        with log.scope() as inner:
            teams["ops"]
        with log.scope(apart=True) as separate:
            teams["web"]
        assert inner == {("teams", "ops")}
        assert separate == {("teams", "web")}
    assert outer == {("teams", "ops")}


def test_a_watched_portal_reports_reads_of_every_part(log: ReadLog) -> None:
    plain = portal()
    watched = watched_portal(plain, log)
    with log.scope() as reads:
        assert watched.model.objectives["check-in"] == plain.model.objectives["check-in"]
        assert watched.scorecard.key_results["adoption"] == plain.scorecard.key_results["adoption"]
        assert watched.relations.objectives_by_stage.get("nowhere") is None
        assert watched.model.north_star.title == "Best airline"
    assert reads == {
        ("model.objectives", "check-in"),
        ("scorecard.key_results", "adoption"),
        ("relations.objectives_by_stage", "nowhere"),
        ("model.north_star", None),
    }
    with log.scope() as reads:
        assert watched.scorecard.north_star.progress == plain.scorecard.north_star.progress
        assert watched.scorecard.as_of == AS_OF  # not watched: a change renders everything
    assert reads == {("scorecard.north_star", None)}


def test_outcomes_are_read_through_the_north_star(log: ReadLog) -> None:
    watched = watched_portal(portal(), log)
    with log.scope() as reads:
        titles = [outcome.title for outcome in watched.model.outcomes.values()]
    assert titles == [outcome.title for outcome in portal().model.outcomes.values()]
    assert ("model.north_star", None) in reads


# changed_reads -----------------------------------------------------------------------------
def test_the_same_portal_changes_nothing() -> None:
    assert changed_reads(portal(), portal()) == set()


def test_a_changed_value_changes_its_key_and_its_namespace() -> None:
    changed = changed_reads(portal(small_model(adoption=40)), portal(small_model(adoption=50)))
    assert changed is not None
    assert {("model.key_results", "adoption"), ("model.key_results", None)} <= changed
    assert ("model.key_results", KEYS) not in changed, "the same keys in the same order"
    assert {("scorecard.key_results", "adoption"), ("scorecard.objectives", "check-in")} <= changed
    assert ("model.key_results", "wait-time") not in changed
    assert ("scorecard.key_results", "wait-time") not in changed
    assert ("model.objectives", "check-in") not in changed, "the objective itself is as it was"
    assert not any(namespace.startswith("relations.") for namespace, _ in changed)


def _with_key_results(model: Model, keys: tuple[str, ...]) -> Model:
    """The model holding only `keys` of its key results, in that order."""
    objective = replace(model.objectives["check-in"], key_results=keys)
    return replace(
        model,
        objectives={"check-in": objective},
        key_results={key: model.key_results[key] for key in keys},
    )


def test_an_added_key_is_a_change_of_it_and_of_its_namespace() -> None:
    full = small_model()
    fewer = _with_key_results(full, ("adoption", "kiosk-launch"))
    changed = changed_reads(portal(fewer), portal(full))
    assert changed is not None
    assert {("model.key_results", "wait-time"), ("model.key_results", None)} <= changed
    assert ("model.key_results", KEYS) in changed
    assert ("scorecard.key_results", "wait-time") in changed
    assert ("model.objectives", "check-in") in changed  # its list of key results grew
    assert ("model.key_results", "adoption") not in changed


def test_a_removed_key_is_a_change_of_it_and_of_its_namespace() -> None:
    full = small_model()
    fewer = _with_key_results(full, ("adoption", "kiosk-launch"))
    changed = changed_reads(portal(full), portal(fewer))
    assert changed is not None
    assert {("model.key_results", "wait-time"), ("model.key_results", None)} <= changed
    assert ("model.key_results", KEYS) in changed
    assert ("scorecard.key_results", "wait-time") in changed
    assert ("model.key_results", "kiosk-launch") not in changed


def test_a_new_order_changes_the_namespace_only() -> None:
    before = portal()
    keys = list(before.model.key_results)
    reordered = {key: before.model.key_results[key] for key in reversed(keys)}
    after = replace(before, model=replace(before.model, key_results=reordered))
    assert changed_reads(before, after) == {
        ("model.key_results", None),
        ("model.key_results", KEYS),
    }


def test_a_change_of_a_field_that_is_not_watched_trusts_nothing() -> None:
    assert changed_reads(portal(as_of=AS_OF), portal(as_of=date(2026, 11, 24))) is None
    before = portal()
    thresholds = replace(before.scorecard.thresholds, on_track=0.95)
    after = replace(before, scorecard=replace(before.scorecard, thresholds=thresholds))
    assert changed_reads(before, after) is None


def test_a_changed_north_star_is_a_change_of_it_as_a_whole() -> None:
    model = small_model()
    renamed = replace(model, north_star=replace(model.north_star, title="Most loved airline"))
    assert changed_reads(portal(model), portal(renamed)) == {("model.north_star", None)}


# Rereading ---------------------------------------------------------------------------------
def _render(
    rereading: Rereading, kept: dict[str, Kept[str]] | None, inputs: object = "v1"
) -> dict[str, Kept[str]]:
    """One 'page' per key result, showing its title and score; counts what was made."""

    def page(key: str) -> str:
        score = rereading.portal.scorecard.key_results[key]
        return f"{rereading.portal.model.key_results[key].title}: {score.progress}"

    units = [Unit(key, inputs, partial(page, key)) for key in ("wait-time", "adoption")]
    [made] = rereading.results((kept, units))
    return made


def test_rereading_reuses_only_what_an_edit_did_not_touch() -> None:
    before = portal(small_model(adoption=40))
    first = Rereading(before, None)
    kept = _render(first, None)
    assert first.made == 2
    assert kept["adoption"].reads >= {
        ("model.key_results", "adoption"),
        ("scorecard.key_results", "adoption"),
    }

    second = Rereading(portal(small_model(adoption=60)), before)
    again = _render(second, kept)
    assert second.made == 1
    assert again["wait-time"] is kept["wait-time"]
    assert again["adoption"] is not kept["adoption"]
    assert again["adoption"].value != kept["adoption"].value


def test_a_reused_result_counts_its_reads_for_the_enclosing_scope() -> None:
    """A table row reused inside a page that renders again: the page still depends on what
    the row read, or an edit of the row alone would not render the page."""
    before = portal(small_model(adoption=40))
    kept = _render(Rereading(before, None), None)
    second = Rereading(portal(small_model(adoption=60)), before)
    with second.log.scope() as page_reads:
        again = _render(second, kept)
    assert again["wait-time"] is kept["wait-time"]
    assert kept["wait-time"].reads <= page_reads
    assert again["adoption"].reads <= page_reads


def test_rereading_renders_again_when_the_inputs_differ() -> None:
    first = Rereading(portal(), None)
    kept = _render(first, None)
    second = Rereading(portal(), portal())
    again = _render(second, kept, inputs="v2")
    assert second.made == 2
    assert again["adoption"].inputs == "v2"


def test_rereading_renders_everything_after_a_change_nothing_watches() -> None:
    first = Rereading(portal(), None)
    kept = _render(first, None)
    second = Rereading(portal(as_of=date(2026, 11, 24)), portal())
    assert second.changed is None
    _render(second, kept)
    assert second.made == 2


# Derived -----------------------------------------------------------------------------------
def _rounded_progress(rereading: Rereading) -> Callable[[str], int]:
    def make(key: str) -> int:
        progress = rereading.portal.scorecard.key_results[key].progress
        return round((progress or 0) * 100)

    return make


def _derive(
    model: Model, previous: tuple[Model, dict[str, Kept[int]]] | None
) -> tuple[Rereading, Derived[int]]:
    """A rereading of `model` after `previous` (the model and the values derived from it)."""
    rereading = Rereading(portal(model), portal(previous[0]) if previous else None)
    kept = previous[1] if previous else None
    return rereading, Derived(rereading, "box", _rounded_progress(rereading), kept)


def test_a_derived_value_is_read_as_itself() -> None:
    rereading, derived = _derive(small_model(), None)
    with rereading.log.scope() as reads:
        derived.get("adoption")
    assert reads == {("box", "adoption")}, "not what the value was made from"


def test_a_derived_value_that_did_not_change_cuts_the_change_off() -> None:
    # adoption 35 -> 80: 40 is 11.1 %, 40.1 is 11.3 %: both show 11 %
    _, derived = _derive(small_model(adoption=40), None)
    assert derived.get("adoption") == 11
    second, again = _derive(small_model(adoption=40.1), (small_model(adoption=40), derived.kept))
    assert second.changed is not None
    assert ("scorecard.key_results", "adoption") in second.changed
    assert ("box", "adoption") not in second.changed
    assert ("box", None) not in second.changed
    assert again.get("adoption") == 11


def test_a_derived_value_that_changed_is_a_change() -> None:
    _, derived = _derive(small_model(adoption=40), None)
    derived.get("adoption"), derived.get("wait-time")
    second, again = _derive(small_model(adoption=62), (small_model(adoption=40), derived.kept))
    assert second.changed is not None
    assert {("box", "adoption"), ("box", None)} <= second.changed
    assert ("box", "wait-time") not in second.changed
    assert again.get("adoption") == 60
    assert again.kept["wait-time"] is derived.kept["wait-time"]


def test_a_derived_value_whose_source_is_gone_is_a_change_and_dropped() -> None:
    full = small_model()
    _, derived = _derive(full, None)
    derived.get("adoption"), derived.get("wait-time")
    fewer = _with_key_results(full, ("wait-time", "kiosk-launch"))
    second, again = _derive(fewer, (full, derived.kept))
    assert second.changed is not None
    assert {("box", "adoption"), ("box", None)} <= second.changed
    assert "adoption" not in again.kept
    assert ("box", "wait-time") not in second.changed
