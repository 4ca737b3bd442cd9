"""`okrsite/incremental/cores.py`: results in order, from two processes when that pays, and a
failure in the child raised from the parent, as a serial run would raise it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from functools import partial

import pytest

from okrsite.incremental import cores as forked

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or forked._cores() < 2, reason="needs fork and two cores"
)


def _square_with_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def in_a_fresh_process(code: str) -> str:
    """Run `code` in a new interpreter: forking is only done (and only safe) while no other
    thread runs, and a test session may have some (the shared browser of the e2e tests)."""
    head = "import os\nfrom functools import partial\nimport okrsite.incremental.cores as forked"
    script = f"{head}\n{code}"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_long_list_is_shared_with_a_child_and_comes_back_in_order() -> None:
    shown = in_a_fresh_process(
        "def square(n):\n    return n * n, os.getpid()\n"
        "count = forked.FORK_FROM + 11\n"
        "results = forked.computed([partial(square, n) for n in range(count)])\n"
        "assert [value for value, _ in results] == [n * n for n in range(count)]\n"
        "print(len({pid for _, pid in results}), os.getpid() in {pid for _, pid in results})\n"
    )
    assert shown.split() == ["2", "True"]


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


def test_a_failure_in_the_child_is_raised_here_with_its_message() -> None:
    shown = in_a_fresh_process(
        "def fails_on(bad, n):\n"
        "    if n == bad:\n"
        "        raise ValueError(f'cannot render {n} in {os.getpid()}')\n"
        "    return n\n"
        "bad = 2 * 300 + 1  # odd: the child's half\n"
        "try:\n"
        "    forked.computed([partial(fails_on, bad, n) for n in range(forked.FORK_FROM + 200)])\n"
        "except ValueError as error:\n"
        "    print(error, os.getpid())\n"
    )
    words = shown.split()
    assert words[:3] == ["cannot", "render", "601"]
    assert words[4] == words[5], "raised from this process, not the child's"


def test_a_child_that_dies_without_answering_costs_only_time() -> None:
    shown = in_a_fresh_process(
        "parent = os.getpid()\n"
        "def dies_in_child(n):\n"
        "    if os.getpid() != parent:\n"
        "        os._exit(9)  # as a crash would, before any answer\n"
        "    return n\n"
        "count = forked.FORK_FROM + 5\n"
        "made = forked.computed([partial(dies_in_child, n) for n in range(count)])\n"
        "print(made == list(range(count)))\n"
    )
    assert shown.split() == ["True"]
