"""Charts, diagrams, embed snippets, index tables and the matrix stay on the pages but out of
the search index (okrsite/render/pages/search_quiet.py): a real build of the demo, read back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from okrsite.mkdocs_plugin.raw_html import HiddenHtml
from okrsite.render.pages.search_quiet import SEARCH_EXCLUDE


def test_only_chunks_whose_outer_element_is_marked_are_left_out() -> None:
    hidden = HiddenHtml(
        [
            f'<figure class="okr-trend" {SEARCH_EXCLUDE}><svg></svg></figure>\n',
            f"<div class='okr-table'><p {SEARCH_EXCLUDE}>inner</p></div>\n",
            f'<div title="{SEARCH_EXCLUDE}">in a value</div>\n',
        ]
    )
    converted = "<h2>A</h2>\n<p>OKRSITERAWHTML0X</p>\n<p>OKRSITERAWHTML1X</p>\nOKRSITERAWHTML2X"
    assert hidden.has_quiet()
    assert hidden.restore(converted, quiet=True) == (
        f"<h2>A</h2>\n\n<div class='okr-table'><p {SEARCH_EXCLUDE}>inner</p></div>\n\n"
        f'<div title="{SEARCH_EXCLUDE}">in a value</div>'
    )
    assert "<svg>" in (hidden.restore(converted) or "")
    assert not HiddenHtml(["<div>x</div>"]).has_quiet()


@pytest.mark.slow
def test_the_demo_search_index_leaves_out_what_other_pages_say(demo_site: Path) -> None:
    site = demo_site
    entries = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    text = {entry["location"]: entry["text"] for entry in entries}

    key_result = (site / "key-results/checkin-satisfaction/index.html").read_text("utf-8")
    page = BeautifulSoup(key_result, "html.parser")
    assert page.select_one("figure.okr-trend svg") and page.select_one("details.okr-embed pre")
    assert not page.select(f"[{SEARCH_EXCLUDE}]")  # read by search, then taken out
    assert text["key-results/checkin-satisfaction/#trend"] == ""
    assert not any("okrs.example.org/badges" in t for t in text.values())  # no snippet searched
    assert "Streamline the airport check-in" not in text["objectives/"]  # an index row
    assert "okr-index" in (site / "objectives/index.html").read_text("utf-8")
    assert "3.9" in text["key-results/checkin-satisfaction/"]  # the facts are still searched
    objective = " ".join(t for at, t in text.items() if at.startswith("objectives/streamline-"))
    assert "Increase digital check-in adoption" not in objective  # a row of its key results
    assert text["key-results/checkin-satisfaction/#linked-from"] == ""  # other pages' titles
    every_text = json.dumps(entries)
    assert "OKR progress badge" not in every_text and "<svg" not in every_text
