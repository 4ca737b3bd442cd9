"""Charts, diagrams, embed snippets, index tables and the matrix stay on the pages but out of
the search index (okrsite/render/pages/search_quiet.py): a real build of the demo, read back."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from okrsite.mkdocs_plugin.raw_html import HiddenHtml
from okrsite.render.pages.search_quiet import SEARCH_QUIET_CLASSES

ROOT = Path(__file__).resolve().parent.parent


def test_only_chunks_whose_outer_element_has_a_quiet_class_are_left_out() -> None:
    hidden = HiddenHtml(
        [
            '<figure class="okr-trend okr-burnup"><svg></svg></figure>\n',
            "<div class='okr-table'><p class=\"okr-trend\">inner</p></div>\n",
        ]
    )
    converted = "<h2>A</h2>\n<p>OKRSITERAWHTML0X</p>\n<p>OKRSITERAWHTML1X</p>"
    assert hidden.has_any(SEARCH_QUIET_CLASSES)
    assert hidden.restore(converted, SEARCH_QUIET_CLASSES) == (
        "<h2>A</h2>\n\n<div class='okr-table'><p class=\"okr-trend\">inner</p></div>"
    )
    assert "<svg>" in (hidden.restore(converted) or "")


def test_the_demo_search_index_leaves_out_what_other_pages_say(tmp_path: Path) -> None:
    for name in ("content", "docs", "mkdocs.yml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site"],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"
    entries = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    text = {entry["location"]: entry["text"] for entry in entries}

    key_result = (site / "key-results/checkin-satisfaction/index.html").read_text("utf-8")
    page = BeautifulSoup(key_result, "html.parser")
    assert page.select_one("figure.okr-trend svg") and page.select_one("div.okr-embed pre")
    assert text["key-results/checkin-satisfaction/#trend"] == ""
    assert text["key-results/checkin-satisfaction/#embed"] == ""
    assert "Streamline the airport check-in" not in text["objectives/"]  # an index row
    assert "okr-index" in (site / "objectives/index.html").read_text("utf-8")
    assert "3.9" in text["key-results/checkin-satisfaction/"]  # the facts are still searched
    every_text = json.dumps(entries)
    assert "OKR progress badge" not in every_text and "<svg" not in every_text
