"""Run Graphviz's `dot` over many DOT sources: batched, in parallel, each call time-bounded.

Starting a `dot` process costs more than laying out a small graph, so the sources are
concatenated (one `dot` renders every graph on its stdin, one SVG document after another) and
the batches run on every core.
A batch that fails is retried graph by graph, so the error names the graph at fault.
Graphviz's version (part of every cache key) is remembered per `dot` binary, in memory and in a
stamp beside the cache, so a build whose diagrams are all cached starts no process at all.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from okrsite.render.diagrams.cache import RenderCache
from okrsite.render.diagrams.errors import MISSING_DOT, DiagramError

BATCH_LIMIT = 64  # graphs per `dot` process
_DOCUMENT_START = "<?xml"
_VERSIONS: dict[tuple[str, int, int], str] = {}  # per `dot` binary, for this process


@dataclass(frozen=True, slots=True)
class DotJob:
    name: str  # how an error message calls the graph
    source: str


class _DotFailed(Exception):
    """One `dot` call went wrong; the reason, without naming a graph yet."""


def find_dot() -> str:
    found = shutil.which("dot")
    if found is None:
        raise DiagramError(MISSING_DOT)
    return found


def _identity(dot: str) -> dict[str, str | int]:
    info = os.stat(dot)
    return {"path": os.path.realpath(dot), "mtime_ns": info.st_mtime_ns, "size": info.st_size}


def graphviz_version(dot: str, cache: RenderCache, timeout: float) -> str:
    """`dot -V`, asked once per binary: remembered in memory for this process, on disk for later."""
    binary = _identity(dot)
    memo_key = (str(binary["path"]), int(binary["mtime_ns"]), int(binary["size"]))
    if memo_key not in _VERSIONS:
        version = cache.stamped_version(binary)
        if version is None:
            version = _ask_version(dot, timeout)
            cache.stamp_version(binary, version)
        _VERSIONS[memo_key] = version
    return _VERSIONS[memo_key]


def _ask_version(dot: str, timeout: float) -> str:
    try:
        completed = _run([dot, "-V"], b"", timeout)
    except _DotFailed as failure:
        raise DiagramError(f"cannot ask Graphviz `dot` for its version: {failure}") from None
    return completed.stderr.decode("utf-8", "replace").strip()


def _run(command: list[str], stdin: bytes, timeout: float) -> subprocess.CompletedProcess[bytes]:
    try:
        completed = subprocess.run(command, input=stdin, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise _DotFailed(f"it did not finish within {timeout:g} s") from None
    except FileNotFoundError:
        raise DiagramError(MISSING_DOT) from None
    except OSError as error:
        raise _DotFailed(f"it could not be started ({error.strerror or error})") from None
    if completed.returncode != 0:
        detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise _DotFailed(f"it exited with status {completed.returncode}: {' '.join(detail)}")
    return completed


def _run_dot(dot: str, sources: Sequence[str], timeout: float, rankdir: str | None) -> list[str]:
    """SVG documents for the sources, from one `dot` process; `rankdir` for graphs without one."""
    direction = [f"-Grankdir={rankdir}"] if rankdir else []
    completed = _run([dot, *direction, "-Tsvg"], "\n".join(sources).encode("utf-8"), timeout)
    output = completed.stdout.decode("utf-8")
    documents = [_DOCUMENT_START + part for part in output.split(_DOCUMENT_START)[1:]]
    if len(documents) != len(sources):
        raise _DotFailed(f"it returned {len(documents)} SVG documents for {len(sources)} graphs")
    return documents


def _render_batch(
    dot: str, jobs: Sequence[DotJob], timeout: float, rankdir: str | None
) -> list[str]:
    try:
        return _run_dot(dot, [job.source for job in jobs], timeout, rankdir)
    except _DotFailed as failure:
        if len(jobs) == 1:
            raise DiagramError(
                f"Graphviz `dot` failed on {jobs[0].name}: {failure}. "
                "Fix the content, raise the diagram timeout, or set `diagrams: false`."
            ) from None
    return [document for job in jobs for document in _render_batch(dot, [job], timeout, rankdir)]


def _workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _batches(jobs: Sequence[DotJob], workers: int) -> list[Sequence[DotJob]]:
    size = max(1, min(BATCH_LIMIT, math.ceil(len(jobs) / workers)))
    return [jobs[start : start + size] for start in range(0, len(jobs), size)]


def render_documents(
    dot: str, jobs: Sequence[DotJob], timeout: float, rankdir: str | None = None
) -> Iterator[str]:
    """The SVG document of each job, in order, yielded as soon as its batch is done.

    Batches run on every core; the caller can work on the first documents (in Python) while
    `dot` still draws the rest. `rankdir` is the direction of the graphs that set none.
    """
    if not jobs:
        return
    workers = _workers()
    batches = _batches(jobs, workers)
    with ThreadPoolExecutor(max_workers=min(workers, len(batches))) as pool:
        for batch in pool.map(lambda batch: _render_batch(dot, batch, timeout, rankdir), batches):
            yield from batch
