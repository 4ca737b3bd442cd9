"""`mkdocs serve --dirty` on the demo: after an edit only the changed portal files are rebuilt,
the change is served, and the search index is whole (Material's dirty-mode merge, repaired by
okrsite/mkdocs_plugin/dirty.py, would otherwise drop or duplicate entries)."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

from mkdocs_runs import fetch, free_port, run_mkdocs, serving, wait_for

ROOT = Path(__file__).resolve().parent.parent
CHANGED = re.compile(r"okrsite: (\d+) of (\d+) portal files changed \(--dirty\)")


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
    with serving(project, base, tmp_path / "serve.log"):
        wait_for(lambda: "Off track" in fetch(f"{base}/"), 120)
        content = project / "content" / "airline-check-in.yml"
        content.write_text(content.read_text("utf-8").replace("current: 3.9", "current: 4.3"))
        page = f"{base}/key-results/checkin-satisfaction/"
        wait_for(lambda: "<dd>4.3</dd>" in fetch(page), 60)
        wait_for(lambda: "Reloading browsers" in (tmp_path / "serve.log").read_text(), 10)
        served_index = fetch(f"{base}/search/search_index.json")

    changed = [tuple(map(int, m)) for m in CHANGED.findall((tmp_path / "serve.log").read_text())]
    assert len(changed) == 2 and changed[0][0] == changed[0][1]  # first build: everything
    assert 0 < changed[1][0] < changed[1][1] / 2  # the edit: a few pages, badges, exports

    built = run_mkdocs(project, "build", "-d", str(tmp_path / "full"))
    assert built.returncode == 0, built.stderr
    full_index = (tmp_path / "full" / "search" / "search_index.json").read_text("utf-8")
    assert entries(served_index) == entries(full_index)
    assert max(entries(served_index).values()) == 1
