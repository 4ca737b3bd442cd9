"""Rendering diagrams with the real `dot`: links, markup, cache, processes started, failures."""

from __future__ import annotations

import hashlib
import os
import subprocess
import threading
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from okrsite.incremental.units import Rereading
from okrsite.load import load_content
from okrsite.portal import Portal, assemble_portal
from okrsite.render.diagrams import (
    DiagramError,
    DiagramOptions,
    draw_diagrams,
    engine,
    layout,
    render_diagrams,
    svg,
)
from okrsite.render.diagrams import dot as dot_module
from okrsite.render.diagrams.cache import RenderCache, write_atomically
from okrsite.render.diagrams.dot import DotJob, find_dot, render_documents
from okrsite.render.diagrams.engine import draw
from okrsite.render.diagrams.graph import DiagramSource
from okrsite.render.diagrams.standalone import diagram_files
from okrsite.urls import SECTIONS, Kind, SiteUrls

AS_OF = date(2026, 11, 23)
SVG = "{http://www.w3.org/2000/svg}"
FIXTURE = Path(__file__).parent / "fixtures" / "minimal"


@pytest.fixture(scope="module")
def portal(demo_content: Path) -> Portal:
    result = load_content(demo_content)
    assert result.model is not None, result.problems
    return assemble_portal(result.model, AS_OF)


@pytest.fixture
def dot_calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Every process the renderer starts, recorded; Graphviz's version is forgotten first."""
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(command: list[str], *args: Any, **kwargs: Any) -> Any:
        calls.append(list(command))
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting_run)
    monkeypatch.setattr(dot_module, "_VERSIONS", {})
    return calls


def page_urls(portal: Portal, urls: SiteUrls) -> set[str]:
    model = portal.model
    tables: Mapping[Kind, Mapping[str, object]] = {
        Kind.VALUE_STREAM: model.value_streams,
        Kind.STAGE: model.stages,
        Kind.CAPABILITY: model.capabilities,
        Kind.TEAM: model.teams,
        Kind.OBJECTIVE: model.objectives,
        Kind.KEY_RESULT: model.key_results,
        Kind.INITIATIVE: model.initiatives,
    }
    found = {urls.overview_url()} | {urls.index_url(section) for section in SECTIONS.values()}
    found |= {urls.page_url(kind, key) for kind, table in tables.items() for key in table}
    return found


def svg_root(markup: str) -> ET.Element:
    return ET.fromstring(markup)


# Links ------------------------------------------------------------------------------------
@pytest.mark.parametrize("prefix", ["", "okrs/deep"])
@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_node_links_to_an_existing_page(
    portal: Portal, tmp_path: Path, prefix: str, directory_urls: bool
) -> None:
    urls = SiteUrls(prefix=prefix, directory_urls=directory_urls, site_url="https://x.test/s/")
    existing = page_urls(portal, urls)
    svgs = render_diagrams(portal, urls, DiagramOptions(cache_dir=tmp_path))
    checked = 0
    for (kind, key), markup in svgs.items():
        embedding_page = urls.page_url(kind, key)
        base = f"https://x.test/s/{embedding_page}"
        for anchor in svg_root(markup).iter(f"{SVG}a"):
            href = anchor.get("href")
            assert href is not None and not href.startswith("/"), href
            target = urlsplit(urljoin(base, href))
            assert target.path.startswith("/s/"), (embedding_page, href)
            assert target.path.removeprefix("/s/") in existing, (embedding_page, href)
            if target.fragment:
                assert target.path.removeprefix("/s/") == urls.overview_url()
                assert target.fragment.removeprefix("outcome-") in portal.model.outcomes
            checked += 1
    assert checked > 100


# Markup -----------------------------------------------------------------------------------
def test_svg_is_inline_ready_accessible_and_free_of_baked_colours(
    portal: Portal, tmp_path: Path
) -> None:
    svgs = render_diagrams(portal, SiteUrls(), DiagramOptions(cache_dir=tmp_path))
    all_ids: list[str] = []
    for markup in svgs.values():
        assert markup.startswith("<svg ") and markup.endswith("</svg>")
        assert "<?xml" not in markup and "<!DOCTYPE" not in markup and "<!--" not in markup
        assert "\n" not in markup
        root = svg_root(markup)
        assert root.get("role") == "group"  # an "img" would hide its links
        assert root.get("viewBox") and root.get("height") is None
        # Shrinks to the column, but no further than its text stays readable.
        least = layout.min_width_px(layout.drawn_width(markup))
        assert root.get("style") == f"max-width:100%;min-width:{least}px;height:auto"
        title_id, desc_id = (root.get("aria-labelledby") or "").split()
        title, desc = root[0], root[1]
        assert (title.tag, title.get("id"), desc.tag, desc.get("id")) == (
            f"{SVG}title",
            title_id,
            f"{SVG}desc",
            desc_id,
        )
        assert title.text and desc.text and "Each box links to its page." in desc.text
        for element in root.iter():
            assert element.get("fill") not in ("black", "white")
            assert element.get("stroke") not in ("black", "white")
            assert not any(
                name.startswith("{http://www.w3.org/1999/xlink}") for name in element.attrib
            )
            if element.get("id"):
                all_ids.append(element.get("id", ""))
    assert len(all_ids) == len(set(all_ids)), "ids must be unique across the site"


def test_status_and_focus_are_classes_for_the_stylesheet(portal: Portal, tmp_path: Path) -> None:
    objective = next(iter(portal.model.objectives))
    svgs = render_diagrams(portal, SiteUrls(), DiagramOptions(cache_dir=tmp_path))
    root = svg_root(svgs[(Kind.OBJECTIVE, objective)])
    nodes = [g for g in root.iter(f"{SVG}g") if "okrsite-node" in g.get("class", "")]
    focused = [g for g in nodes if "okrsite-focus" in g.get("class", "")]
    assert len(focused) == 1
    status = portal.scorecard.objectives[objective].status.value
    assert f"okrsite-status-{status}" in focused[0].get("class", "").split()
    assert all(
        "okrsite-status-" in g.get("class", "") or "okrsite-more" in g.get("class", "")
        for g in nodes
    )


def test_disabled_diagrams_render_nothing_and_start_nothing(
    portal: Portal, tmp_path: Path, dot_calls: list[list[str]]
) -> None:
    options = DiagramOptions(enabled=False, cache_dir=tmp_path)
    assert render_diagrams(portal, SiteUrls(), options) == {}
    assert dot_calls == []


# Direction, size and the full-size file -----------------------------------------------------
def chain(name: str, length: int) -> DiagramSource:
    """Boxes in a row, one level each: drawn left to right, as wide as the chain is long."""
    boxes = "; ".join(f'n{i} [label="A title long enough\\nfor box {i}"]' for i in range(length))
    path = " -> ".join(f"n{i}" for i in range(length))
    return DiagramSource(
        page=(Kind.OBJECTIVE, name),
        name=name,
        graph_id=f"okrsite-objective-{name}",
        dot=f"digraph {name} {{ node [shape=box fontsize=11]; {boxes}; {path} }}",
        title=name,
        description=name,
        tooltips={},
    )


def test_a_diagram_too_wide_for_a_phone_is_drawn_top_to_bottom(
    tmp_path: Path, dot_calls: list[list[str]]
) -> None:
    short, long = draw([chain("short", 2), chain("long", 6)], tmp_path, 30.0)
    short_width, short_height = layout.drawn_size(short)
    long_width, long_height = layout.drawn_size(long)
    assert short_width > short_height, "fits a phone left to right: drawn so"
    assert long_height > long_width, "too wide left to right: drawn top to bottom"
    assert layout.min_width_px(long_width) <= layout.COLUMNS_PX[0]
    down = [call for call in dot_calls if f"-Grankdir={layout.DOWN}" in call]
    assert len(down) == 1, "only the diagram too wide is drawn a second time"


def test_demo_diagrams_fit_the_widest_column_unless_neither_direction_does(
    portal: Portal, tmp_path: Path
) -> None:
    options = DiagramOptions(cache_dir=tmp_path)
    drawn = draw_diagrams(Rereading(portal, None), SiteUrls(), options, None)
    widest = layout.COLUMNS_PX[1]
    too_wide = [page for page, markup in drawn.markup.items() if not layout.fits(markup, widest)]
    assert len(too_wide) <= len(drawn.markup) // 10  # 4 of the demo's 65: dense stage diagrams
    jobs = [DotJob(str(page), drawn.sources[page].value.dot) for page in too_wide]
    across = list(render_documents(find_dot(), jobs, 30.0, layout.ACROSS))
    down = list(render_documents(find_dot(), jobs, 30.0, layout.DOWN))
    for page, one_way, other_way in zip(too_wide, across, down, strict=True):
        assert not layout.fits(one_way, widest) and not layout.fits(other_way, widest), page
        shown = layout.drawn_width(drawn.markup[page])
        assert shown == min(layout.drawn_width(one_way), layout.drawn_width(other_way)), page


def test_the_cache_key_covers_how_a_diagram_is_laid_out_and_finished() -> None:
    code = Path(layout.__file__).read_bytes() + Path(svg.__file__).read_bytes()
    assert hashlib.sha256(code).hexdigest() in engine.fingerprint(chain("any", 2))


def test_the_full_size_file_is_the_diagram_alone_at_natural_size_with_its_styles(
    portal: Portal, tmp_path: Path
) -> None:
    svgs = render_diagrams(portal, SiteUrls(), DiagramOptions(cache_dir=tmp_path))
    stylesheet = ".okrsite-diagram-svg .node text { fill: currentColor; }\n"
    files = diagram_files(svgs, SiteUrls(), stylesheet)
    assert [file.path for file in files] == [SiteUrls().diagram_url(*page) for page in svgs]
    for file, markup in zip(files, svgs.values(), strict=True):
        assert isinstance(file.content, str)
        assert file.content.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
        root, inline = ET.fromstring(file.content.encode()), svg_root(markup)
        height = layout.drawn_size(markup)[1]
        assert root.get("style") is None, "the page's sizing is no use to a document"
        assert (root.get("width"), root.get("height")) == (inline.get("width"), f"{height:g}pt")
        assert root[0].tag == f"{SVG}style" and root[0].text == f"\n{stylesheet}"
        assert [(e.tag, e.attrib) for e in root.iter()][2:] == [
            (e.tag, e.attrib) for e in inline.iter()
        ][1:]


# Cache, processes and determinism ----------------------------------------------------------
def test_a_warm_render_starts_no_process_and_gives_the_same_bytes(
    portal: Portal, tmp_path: Path, dot_calls: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    options = DiagramOptions(cache_dir=tmp_path)
    cold = render_diagrams(portal, SiteUrls(), options)
    renders = [call for call in dot_calls if "-Tsvg" in call]
    # One pass left to right; a second, top to bottom, for those too wide for a phone.
    assert 1 <= len(renders) <= 2 * (2 + len(cold) // dot_module.BATCH_LIMIT)
    assert sum("-V" in call for call in dot_calls) == 1

    dot_calls.clear()
    monkeypatch.setattr(dot_module, "_VERSIONS", {})  # a new process: only the disk remains
    warm = render_diagrams(portal, SiteUrls(), options)
    assert dot_calls == []
    assert warm == cold


def test_two_cold_renders_are_byte_identical(portal: Portal, tmp_path: Path) -> None:
    first = render_diagrams(portal, SiteUrls(), DiagramOptions(cache_dir=tmp_path / "a"))
    second = render_diagrams(portal, SiteUrls(), DiagramOptions(cache_dir=tmp_path / "b"))
    assert first == second
    assert sorted(p.name for p in (tmp_path / "a" / "diagrams").iterdir()) == sorted(
        p.name for p in (tmp_path / "b" / "diagrams").iterdir()
    )


def test_a_diagram_drawn_with_others_is_the_one_drawn_alone(portal: Portal, tmp_path: Path) -> None:
    """`dot` 2.43 names the graph of every document after the first in one process
    "page0,1_…": which diagrams a build draws together must not change a page."""
    options = DiagramOptions(cache_dir=tmp_path / "together")
    together = draw_diagrams(Rereading(portal, None), SiteUrls(), options, None)
    assert len(together.markup) > 8
    for page, kept in list(together.sources.items())[-3:]:  # none first in its batch
        [alone] = draw([kept.value], tmp_path / "alone" / "-".join(page), options.timeout)
        assert alone == together.markup[page], page


def test_another_graphviz_version_draws_everything_again(
    portal: Portal, tmp_path: Path, dot_calls: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    options = DiagramOptions(cache_dir=tmp_path)
    render_diagrams(portal, SiteUrls(), options)
    stamp = tmp_path / "diagrams" / "graphviz-version.json"
    stamp.write_text(stamp.read_text().replace("graphviz version", "graphviz version 99"))
    monkeypatch.setattr(dot_module, "_VERSIONS", {})
    dot_calls.clear()
    render_diagrams(portal, SiteUrls(), options)
    assert any("-Tsvg" in call for call in dot_calls)


def test_a_changed_title_redraws_only_the_diagrams_that_show_it(
    tmp_path: Path, dot_calls: list[list[str]]
) -> None:
    result = load_content(FIXTURE)
    assert result.model is not None, result.problems
    options = DiagramOptions(cache_dir=tmp_path)
    before = render_diagrams(assemble_portal(result.model, AS_OF), SiteUrls(), options)
    capability = next(iter(result.model.capabilities.values()))
    renamed = dict(result.model.capabilities)
    renamed[capability.key] = replace(capability, title="Renamed & <new>")
    after = render_diagrams(
        assemble_portal(replace(result.model, capabilities=renamed), AS_OF), SiteUrls(), options
    )
    changed = {page for page in before if before[page] != after[page]}
    assert (Kind.CAPABILITY, capability.key) in changed
    assert changed != set(before)  # the rest came from the cache
    assert "Renamed &amp; &lt;new&gt;" in after[(Kind.CAPABILITY, capability.key)]


def test_a_cache_entry_cut_short_is_drawn_again(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path)
    cache.put("k", "<svg>whole</svg>")
    assert cache.get("k") == "<svg>whole</svg>"
    (tmp_path / "k.svg").write_text("<svg>cut sh")
    assert cache.get("k") is None


def test_entries_unused_for_a_month_are_pruned_at_most_daily(tmp_path: Path) -> None:
    import time

    from okrsite.render.diagrams.cache import KEEP_DAYS

    cache = RenderCache(tmp_path)
    day = 86_400
    now = time.time()
    for key, age_days in (("stale", KEEP_DAYS + 1), ("recent", KEEP_DAYS - 1), ("used", 90)):
        cache.put(key, f"<svg>{key}</svg>")
        os.utime(tmp_path / f"{key}.svg", (now - age_days * day,) * 2)
    assert cache.get("used") == "<svg>used</svg>", "a hit dates the entry by its use"
    assert cache.prune(now) == 1
    assert sorted(p.name for p in tmp_path.glob("*.svg")) == ["recent.svg", "used.svg"]
    os.utime(tmp_path / "recent.svg", (now - (KEEP_DAYS + 1) * day,) * 2)
    assert cache.prune(now + 3600) == 0, "pruned an hour ago: not again today"
    assert cache.prune(now + day + 1) == 1
    assert cache.get("used") == "<svg>used</svg>"


def test_temporary_files_a_killed_build_left_are_deleted_after_an_hour(tmp_path: Path) -> None:
    import time

    now = time.time()
    abandoned, live = tmp_path / ".k.svg.abc.tmp", tmp_path / ".j.svg.def.tmp"
    abandoned.write_text("<svg>cut")
    live.write_text("<svg>being writ")
    os.utime(abandoned, (now - 3601,) * 2)
    os.utime(live, (now - 5,) * 2)
    assert RenderCache(tmp_path).prune(now) == 1
    assert not abandoned.exists()
    assert live.exists(), "another build may still be writing it"


def test_pruning_a_missing_folder_changes_nothing(tmp_path: Path) -> None:
    assert RenderCache(tmp_path / "absent").prune() == 0
    assert not (tmp_path / "absent").exists()


def test_cache_writes_are_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "entry.svg"
    write_atomically(target, "old</svg>")

    def failing_replace(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(DiagramError, match="No space left on device.*cache_dir"):
        write_atomically(target, "new</svg>")
    monkeypatch.undo()
    assert target.read_text() == "old</svg>"  # never half-written
    assert [p.name for p in tmp_path.iterdir()] == ["entry.svg"]  # no temporary file left

    texts = [f"writer {n} " * 5000 + "</svg>" for n in range(8)]
    seen: set[str] = set()

    def write(text: str) -> None:
        for _ in range(20):
            write_atomically(target, text)
            seen.add(target.read_text())

    threads = [threading.Thread(target=write, args=(text,)) for text in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen <= set(texts)  # every read saw one whole entry
    assert [p.name for p in tmp_path.iterdir()] == ["entry.svg"]


# Failures ----------------------------------------------------------------------------------
def test_no_dot_on_path_gives_one_clear_message(
    portal: Portal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(DiagramError) as raised:
        render_diagrams(portal, SiteUrls(), DiagramOptions(cache_dir=tmp_path))
    message = str(raised.value)
    for needed in (
        "apt-get install graphviz",
        "brew install graphviz",
        "winget install graphviz",
        "diagrams: false",
    ):
        assert needed in message
    assert raised.value.__cause__ is None and raised.value.__context__ is None


def slow_graph() -> str:
    edges = " ".join(
        f"n{i} -> n{(i * 7919) % 1500}; n{i} -> n{(i * 104729) % 1500};" for i in range(1500)
    )
    return f"digraph slow {{ {edges} }}"


@pytest.mark.parametrize(
    ("broken", "timeout", "reason"),
    [
        ("digraph broken { a -> ; }", 30.0, "exited with status"),
        (slow_graph(), 0.3, "did not finish within 0.3 s"),
    ],
    ids=["syntax-error", "timeout"],
)
def test_a_failing_graph_is_named(broken: str, timeout: float, reason: str) -> None:
    jobs = [
        DotJob("the good diagram", "digraph good { a -> b }"),
        DotJob("the diagram of objective 'bad'", broken),
        DotJob("another good diagram", "digraph other { c }"),
    ]
    with pytest.raises(DiagramError) as raised:
        list(render_documents(find_dot(), jobs, timeout))
    message = str(raised.value)
    assert "the diagram of objective 'bad'" in message and reason in message
    assert "good" not in message.replace("objective 'bad'", "")


def test_batches_return_documents_in_order() -> None:
    jobs = [DotJob(f"graph {n}", f'digraph g{n} {{ label="number {n}" }}') for n in range(150)]
    documents = list(render_documents(find_dot(), jobs, 30.0))
    assert [f"number {n}" in document for n, document in enumerate(documents)] == [True] * 150


def test_options_reject_nonsense() -> None:
    with pytest.raises(DiagramError):
        DiagramOptions(max_nodes_per_level=0)
    with pytest.raises(DiagramError):
        DiagramOptions(timeout=0)
