"""The runner's measurements are of the process it ran: exit code, output, time and memory."""

from __future__ import annotations

import sys
from pathlib import Path

from bench.measure import measure


def test_failure_keeps_the_exit_code_and_the_last_lines_of_stderr(tmp_path: Path) -> None:
    script = "import sys; print('noise'); print('first\\nthe reason', file=sys.stderr); sys.exit(3)"
    measurement = measure([sys.executable, "-c", script], tmp_path)
    assert not measurement.ok
    assert measurement.returncode == 3
    assert measurement.output_tail.splitlines()[-1] == "the reason"


def test_peak_rss_and_cpu_time_belong_to_the_measured_process(tmp_path: Path) -> None:
    """Linux carries the launcher's resident size into a child's peak across exec, so the
    small run reads at least the test process's size; the big one must stand far above it."""
    small = measure([sys.executable, "-c", "pass"], tmp_path)
    size_mib = small.peak_rss_kib // 1024 + 400  # well above the launcher, however big it is
    touch = f"b = bytearray({size_mib} * 2**20); b[::4096] = b'x' * len(b[::4096])"
    big = measure([sys.executable, "-c", touch], tmp_path)
    assert small.ok and big.ok
    assert big.peak_rss_kib > size_mib * 1024
    assert big.peak_rss_kib - small.peak_rss_kib > 300 * 1024
    assert big.wall_s > 0 and big.user_s + big.system_s > 0


def test_timeout_kills_the_process_and_says_so(tmp_path: Path) -> None:
    measurement = measure(
        [sys.executable, "-c", "import time; time.sleep(30)"], tmp_path, timeout_s=0.5
    )
    assert measurement.timed_out
    assert not measurement.ok
    assert measurement.wall_s < 10
