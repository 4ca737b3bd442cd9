"""Time one command as a whole process: wall clock, CPU time and peak memory of its process tree.

`os.wait4` returns the resource usage of exactly the child it reaps (its own and that of the
descendants it waited for, such as `dot`), so phases measured one after another never blur into
each other the way `RUSAGE_CHILDREN` totals would. Output goes to files, not pipes, so a chatty
build can never block on a full pipe.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measurement:
    """One run of one command."""

    wall_s: float
    user_s: float
    system_s: float
    peak_rss_kib: int  # Linux reports ru_maxrss in KiB
    returncode: int
    timed_out: bool
    output_tail: str  # the last lines of stderr, then stdout: the reason when a run fails

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


def _tail(path: Path, lines: int) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    return "\n".join(text.strip().splitlines()[-lines:])


def measure(
    command: list[str],
    cwd: Path,
    *,
    env: dict[str, str] | None = None,
    timeout_s: float | None = None,
    tail_lines: int = 5,
) -> Measurement:
    """Runs `command` in `cwd` and measures it; a timeout kills it and says so."""
    with tempfile.TemporaryDirectory(prefix="bench-measure-") as scratch:
        stdout_path, stderr_path = Path(scratch, "stdout"), Path(scratch, "stderr")
        with stdout_path.open("wb") as stdout, stderr_path.open("wb") as stderr:
            started = time.perf_counter()
            process = subprocess.Popen(
                command, cwd=cwd, env=env, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL
            )
            timed_out = threading.Event()

            def kill() -> None:
                timed_out.set()
                process.kill()

            timer = threading.Timer(timeout_s, kill) if timeout_s else None
            if timer is not None:
                timer.start()
            try:
                _, status, usage = os.wait4(process.pid, 0)
            finally:
                if timer is not None:
                    timer.cancel()
            wall = time.perf_counter() - started
            process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        tail = _tail(stderr_path, tail_lines) or _tail(stdout_path, tail_lines)
    return Measurement(
        wall_s=wall,
        user_s=usage.ru_utime,
        system_s=usage.ru_stime,
        peak_rss_kib=usage.ru_maxrss,
        returncode=process.returncode,
        timed_out=timed_out.is_set(),
        output_tail=tail,
    )
