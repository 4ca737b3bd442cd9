"""Many independent renders on two cores: half in this process, half in a forked copy of it.

Rendering the pages of a large portal is pure Python (about 5.5 s of a cold build at bench
size M), so threads cannot share it out. A forked child starts with everything the renders
need already in memory (portal, templates, plans) and sends back only its results. Where
`fork` is missing (Windows) or unsafe (other threads running), the machine has one core, or
the list is short, everything runs here. A failure in the child is not reported from there:
its half is rendered again in this process, which raises the very same error with a proper
traceback; a child that dies without a word (killed, or crashed as forked children can on
macOS) costs only the time.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")
FORK_FROM = 500  # below this the fork and the copying back cost more than they save


def computed(makes: Sequence[Callable[[], T]]) -> list[T]:
    """Each `make()`, in order; the odd ones in a forked child when that pays."""
    # Forking while other threads run can deadlock the child (on a lock held by a thread that
    # does not exist there): then, as without fork or a second core, everything runs here.
    can_fork = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    if len(makes) < FORK_FROM or _cores() < 2 or not can_fork:
        return [make() for make in makes]
    context = multiprocessing.get_context("fork")
    theirs = makes[1::2]  # alternate, so each side gets every kind of page
    receiver, sender = context.Pipe(duplex=False)
    gc.freeze()  # the child's collector would otherwise touch (and copy) every object
    try:
        child = context.Process(target=_child, args=(theirs, sender), daemon=True)
        child.start()
    finally:
        gc.unfreeze()
    sender.close()
    try:
        ours = [make() for make in makes[::2]]
        answer = _received(receiver)
    except BaseException:
        child.kill()
        raise
    finally:
        child.join()
        receiver.close()
    others = answer if answer is not None else [make() for make in theirs]
    merged: list[T] = []
    for index, mine in enumerate(ours):
        merged.append(mine)
        if index < len(others):
            merged.append(others[index])
    return merged


def _received(receiver: Connection) -> list[Any] | None:
    """The child's results; None when it failed or died without answering (then its half is
    rendered here)."""
    try:
        answer: list[Any] | None = receiver.recv()
    except (EOFError, OSError):
        return None
    return answer


def _child(makes: Sequence[Callable[[], T]], sender: Connection) -> None:
    try:
        results: list[T] | None = [make() for make in makes]
    except Exception:  # noqa: BLE001 - the parent renders this half again and raises it there
        results = None
    sender.send(results)
    sender.close()


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
