"""okrsite/render/forked.py: results in order, from two processes when that pays, and a
failure in the child raised from the parent, as a serial run would raise it."""

from __future__ import annotations

import os
import threading
from functools import partial

import pytest

from okrsite.render import forked

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or forked._cores() < 2, reason="needs fork and two cores"
)


def _square_with_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def test_a_long_list_is_shared_with_a_child_and_comes_back_in_order() -> None:
    count = forked.FORK_FROM + 11
    results = forked.computed([partial(_square_with_pid, n) for n in range(count)])
    assert [value for value, _ in results] == [n * n for n in range(count)]
    processes = {pid for _, pid in results}
    assert os.getpid() in processes and len(processes) == 2


def test_a_short_list_stays_in_this_process() -> None:
    results = forked.computed([partial(_square_with_pid, n) for n in range(10)])
    assert {pid for _, pid in results} == {os.getpid()}


def test_no_fork_while_another_thread_runs() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        results = forked.computed([partial(_square_with_pid, n) for n in range(600)])
    finally:
        stop.set()
        other.join()
    assert {pid for _, pid in results} == {os.getpid()}


def _fails_on(bad: int, number: int) -> int:
    if number == bad:
        raise ValueError(f"cannot render {number}")
    return number


def test_a_failure_in_the_child_is_raised_here_with_its_message() -> None:
    bad = 2 * 300 + 1  # odd: the child's half
    with pytest.raises(ValueError, match=f"cannot render {bad}"):
        forked.computed([partial(_fails_on, bad, n) for n in range(forked.FORK_FROM + 200)])
