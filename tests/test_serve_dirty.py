"""`mkdocs serve --dirty` on the demo: after an edit only the changed portal files are rebuilt,
the change is served, and the search index is whole (Material's dirty-mode merge, repaired by
okrsite/mkdocs_plugin/dirty.py, would otherwise drop or duplicate entries)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

from mkdocs_runs import run_mkdocs

ROOT = Path(__file__).resolve().parent.parent
CHANGED = re.compile(r"okrsite: (\d+) of (\d+) portal files changed \(--dirty\)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def wait_for(check: object, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():  # type: ignore[operator]
                return
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"not within {seconds} s")


def entries(index_json: str) -> Counter[tuple[str, str]]:
    """Each entry's address and title (texts differ: `serve` sets site_url, so embeds do too)."""
    return Counter((e["location"], e["title"]) for e in json.loads(index_json)["docs"])


def test_dirty_serve_rebuilds_the_change_and_keeps_search_whole(tmp_path: Path) -> None:
    project = tmp_path / "portal"
    project.mkdir()
    for name in ("content", "docs"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    base = f"http://127.0.0.1:{free_port()}"
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", base.removeprefix("http://")],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for(lambda: "Off track" in fetch(f"{base}/"), 120)
        content = project / "content" / "airline-check-in.yml"
        content.write_text(content.read_text("utf-8").replace("current: 3.9", "current: 4.3"))
        page = f"{base}/key-results/checkin-satisfaction/"
        wait_for(lambda: "<dd>4.3</dd>" in fetch(page), 60)
        wait_for(lambda: "Reloading browsers" in (tmp_path / "serve.log").read_text(), 10)
        served_index = fetch(f"{base}/search/search_index.json")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()

    changed = [tuple(map(int, m)) for m in CHANGED.findall((tmp_path / "serve.log").read_text())]
    assert len(changed) == 2 and changed[0][0] == changed[0][1]  # first build: everything
    assert 0 < changed[1][0] < changed[1][1] / 2  # the edit: a few pages, badges, exports

    built = run_mkdocs(project, "build", "-d", str(tmp_path / "full"))
    assert built.returncode == 0, built.stderr
    full_index = (tmp_path / "full" / "search" / "search_index.json").read_text("utf-8")
    assert entries(served_index) == entries(full_index)
    assert max(entries(served_index).values()) == 1
