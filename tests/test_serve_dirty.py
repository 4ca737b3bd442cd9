"""`mkdocs serve --dirty` on the demo: after an edit only the changed portal files are rebuilt,
and after edits of the content and of a user's page every file the server serves is the one a
full build writes, the search index included (Material's dirty-mode merge, repaired by
okrsite/mkdocs_plugin/dirty.py, would otherwise drop or duplicate entries)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from mkdocs_runs import (
    fetch,
    free_port,
    run_mkdocs,
    served_bytes,
    serving,
    site_files,
    wait_for,
)

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

ROOT = Path(__file__).resolve().parent.parent
CHANGED = re.compile(r"okrsite: (\d+) of (\d+) portal files changed \(--dirty\)")


# a page outside the navigation (initiatives are listed on their index): the nav stays the same
NEW_INITIATIVE = (
    "kind: Initiative\nid: added-in-serve\ntitle: Added while serving\n"
    "status: in-progress\nkey_results: [checkin-wait-time]\n"
)


def test_dirty_serve_serves_what_a_full_build_writes(tmp_path: Path) -> None:
    """Pages, navigation (titles of pages not rebuilt included), 404 page, sitemap and search
    index: a user of `serve --dirty` sees the site a build would publish. (A user page whose
    title changes is the exception MkDocs' dirty mode accepts: other pages keep the old title
    in their navigation until they are rebuilt.)"""
    project = tmp_path / "portal"
    project.mkdir()
    for name in ("content", "docs"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    base = f"http://127.0.0.1:{free_port()}"
    log = tmp_path / "serve.log"
    about = project / "docs" / "about.md"
    content = project / "content" / "airline-check-in.yml"
    edits = [
        (content, "current: 3.9", "current: 4.3"),
        (about, "This portal is generated", "This portal, edited, is generated"),
        (content, "current: 4.3", "current: 4.4"),
        (content, "kind: Capability\n", NEW_INITIATIVE + "---\nkind: Capability\n"),
    ]
    with serving(project, base, log):
        wait_for(lambda: "Off track" in fetch(f"{base}/"), 120)
        for builds, (path, old, new) in enumerate(edits, start=2):
            path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")
            wait_for(lambda n=builds: log.read_text().count("Documentation built") == n, 60)
        config = (project / "mkdocs.yml").read_text("utf-8")  # the server watches mkdocs.yml
        (project / "full.yml").write_text(f"{config}\nsite_url: {base}/\n", "utf-8")
        built = run_mkdocs(project, "build", "-f", "full.yml", "-d", str(tmp_path / "full"))
        assert built.returncode == 0, built.stderr
        full = site_files(tmp_path / "full")
        served = {path: served_bytes(f"{base}/{path}") for path in full}
    changed = [tuple(map(int, m)) for m in CHANGED.findall(log.read_text())]
    assert len(changed) == 5 and changed[0][0] == changed[0][1], "first build: everything"
    assert 0 < changed[1][0] < changed[1][1] / 2, "an edit: a few pages, badges, exports"
    assert changed[2][0] == 0, "a user's page: no portal file"
    assert "This portal, edited" in full["about/index.html"].decode()
    assert "<dd>4.4</dd>" in full["key-results/checkin-satisfaction/index.html"].decode()
    assert "initiatives/added-in-serve/" in full["sitemap.xml"].decode()
    assert sorted(path for path in full if served[path] != full[path]) == []
