"""okrsite/mkdocs_plugin/idle_gc.py: no automatic collection during a serve rebuild, one
collection once the server is idle that freezes what survives, a full one after long idleness,
and automatic collection again after it."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator

import pytest

from okrsite.mkdocs_plugin.idle_gc import IdleCollector


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    gc.unfreeze()
    if was:
        gc.enable()


def wait_until(condition: object, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.01)
    return False


def test_a_rebuild_pauses_collection_and_idleness_collects_and_resumes_it() -> None:
    collections: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "stop" and info["generation"] == 2:
            collections.append(1)

    gc.callbacks.append(count)
    try:
        idle = IdleCollector(delay=0.1)
        idle.building()
        assert gc.isenabled(), "the server's first build collects as usual"
        idle.built()
        assert wait_until(lambda: gc.get_freeze_count() > 0)
        collections.clear()
        idle.building()
        assert not gc.isenabled()
        idle.built()
        assert not gc.isenabled(), "still paused right after the rebuild"
        assert wait_until(gc.isenabled)
        assert collections, "a full collection ran once idle"
        assert gc.get_freeze_count() > 0, "what survived is left out of the next collections"
        idle.stop()
    finally:
        gc.callbacks.remove(count)


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_a_cycle_dropped_after_it_was_frozen_is_reclaimed_after_long_idleness() -> None:
    import weakref

    # The deep collection must come after `del kept`: a gap of 2 s, as a loaded CI worker once
    # took more than 0.25 s between seeing the freeze and dropping the object.
    idle = IdleCollector(delay=0.05, deep_delay=2.0)
    kept = Cycle()
    idle.building()
    idle.built()
    assert wait_until(lambda: gc.get_freeze_count() > 0)
    gone = weakref.ref(kept)
    del kept
    gc.collect()
    assert gone() is not None, "frozen: a quick collection leaves it"
    assert wait_until(lambda: gone() is None), "the deep collection after idleness frees it"
    idle.stop()


def test_stopping_the_server_unfreezes_everything() -> None:
    idle = IdleCollector(delay=0.05)
    idle.building()
    idle.built()
    assert wait_until(lambda: gc.get_freeze_count() > 0)
    idle.stop()
    assert gc.get_freeze_count() == 0


def test_a_new_rebuild_cancels_the_pending_collection() -> None:
    idle = IdleCollector(delay=0.2)
    idle.building()
    idle.built()
    idle.building()  # the next edit came before the server was idle
    time.sleep(0.4)
    assert not gc.isenabled()
    idle.built()
    assert wait_until(gc.isenabled)
    idle.stop()


def test_stopping_the_server_resumes_collection_at_once() -> None:
    idle = IdleCollector(delay=60)
    idle.building()
    idle.built()
    idle.stop()
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    idle = IdleCollector(delay=0.05)
    idle.building()
    idle.built()
    time.sleep(0.2)
    idle.stop()
    assert not gc.isenabled(), "someone else had turned it off: leave it off"
