"""`mkdocs serve` renders only what an edit touched (`okrsite.site.Rerender`); what it serves
must still be exactly the site a fresh render of the edited content gives: the same paths in
the same order, byte for byte. A stale page after an edit is the bug this file hunts.

Edits are made to YAML text, as users make them, in a copy of the demo content and of the
benchmark's size S; each is loaded with `load_portal` and rendered twice: with the `Rerender`
that earlier renders filled, and afresh.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from history_repo import GitRepo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.generate import generate
from okrsite.artifacts import Artifact
from okrsite.compute.progress import Thresholds
from okrsite.options import HistorySettings, PortalSettings
from okrsite.portal import Portal
from okrsite.render.diagrams import DiagramOptions
from okrsite.render.site_options import SiteOptions
from okrsite.site import Rerender, load_portal, site_artifacts
from okrsite.urls import Kind, SiteUrls

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 23)
URLS = SiteUrls()
NO_HISTORY = PortalSettings(as_of=AS_OF, history=HistorySettings(enabled=False))

Edit = Callable[[Path], None]  # changes the files of a content folder


@pytest.fixture(scope="module")
def options(tmp_path_factory: pytest.TempPathFactory) -> SiteOptions:
    """Diagrams on; one `dot` cache for the module, so a graph is drawn once."""
    return SiteOptions(diagrams=DiagramOptions(cache_dir=tmp_path_factory.mktemp("diagrams")))


@pytest.fixture(scope="module")
def bench_s(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmark's size S (generated once), to be copied by each test."""
    site = tmp_path_factory.mktemp("bench") / "okrsite"
    generate("S", site)
    return site


# Edits -------------------------------------------------------------------------------------
def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {path} exactly once"
    path.write_text(text.replace(old, new), "utf-8")


def replaced(file: str, old: str, new: str) -> Edit:
    return lambda content: replace_once(content / file, old, new)


def in_turn(*edits: Edit) -> Edit:
    def apply(content: Path) -> None:
        for edit in edits:
            edit(content)

    return apply


def appended(file: str, text: str) -> Edit:
    def apply(content: Path) -> None:
        path = content / file
        path.write_text(path.read_text("utf-8").rstrip("\n") + "\n" + text, "utf-8")

    return apply


def added_initiative(file: str, key_result: str) -> Edit:
    return appended(
        file,
        "---\nkind: Initiative\nid: added-in-serve\ntitle: Added while serving\n"
        f"status: in-progress\nkey_results: [{key_result}]\n",
    )


def documents(path: Path) -> list[str]:
    return path.read_text("utf-8").split("\n---\n")


def is_kind(document: str, kind: str) -> re.Match[str] | None:
    """Whether the YAML document (comments first, perhaps) is of `kind`; its id in group 1."""
    return re.match(rf"(?:#[^\n]*\n)*kind: {kind}\nid: (\S+)\n", document)


def moved_last_key_result(file: str) -> Edit:
    """The last key result of the file's first objective, cut and pasted at the end of its
    second objective (both list their key results last, as the demo and the generator do)."""

    def apply(content: Path) -> None:
        docs = documents(content / file)
        first, second = [n for n, doc in enumerate(docs) if is_kind(doc, "Objective")][:2]
        start = docs[first].rindex("\n  - id: ")
        block = docs[first][start:].rstrip("\n")
        assert all(line.startswith("    ") for line in block.splitlines()[2:]), block
        docs[first] = docs[first][:start] + "\n"
        docs[second] = docs[second].rstrip("\n") + block + "\n"
        (content / file).write_text("\n---\n".join(docs), "utf-8")

    return apply


def deleted_unreferenced(kind: str) -> Edit:
    """The first entity of `kind` whose id appears nowhere else in the content, deleted."""

    def apply(content: Path) -> None:
        files = sorted(content.rglob("*.yml"))
        everything = "\n".join(path.read_text("utf-8") for path in files)
        for path in files:
            docs = documents(path)
            for number, doc in enumerate(docs):
                found = is_kind(doc, kind)
                if found and len(re.findall(rf"\b{found[1]}\b", everything)) == 1:
                    del docs[number]
                    path.write_text("\n---\n".join(docs), "utf-8")
                    return
        raise AssertionError(f"no {kind} that nothing refers to")

    return apply


def swapped_first_stages(file: str) -> Edit:
    """The value stream's first two stages in the other order."""

    def apply(content: Path) -> None:
        path = content / file
        head, stages = path.read_text("utf-8").split("stages:\n", 1)
        blocks = re.split(r"(?m)^(?=  - )", stages)
        assert blocks[0] == "" and len(blocks) > 3, blocks
        blocks[1], blocks[2] = blocks[2], blocks[1].rstrip("\n") + "\n"
        path.write_text(head + "stages:\n" + "".join(blocks), "utf-8")

    return apply


OUTCOMES = "".join(
    f"  - {{id: {key}, title: {title}}}\n"
    for key, title in (
        ("customer", "Passengers and customers"),
        ("operational", "Operational"),
        ("financial", "Financial"),
        ("strategic", "Strategic"),
    )
)
NORTH_STAR_ID = "kind: NorthStar\nid: north-star\n"


def outcome_renamed(file: str) -> Edit:
    """The north star lists its outcomes, the first under a new title."""
    return replaced(file, NORTH_STAR_ID, NORTH_STAR_ID + "outcomes:\n" + OUTCOMES)


BROKEN = "kind: Objective\nid: [not, an, id\n"


def broken_then_fixed(fix: Edit) -> tuple[Edit, Edit]:
    """An edit that makes the content fail to load, and the edit that fixes it (and changes
    something more, so that what the render keeps across the failure is put to use)."""

    def broken(content: Path) -> None:
        (content / "broken.yml").write_text(BROKEN, "utf-8")

    def fixed(content: Path) -> None:
        (content / "broken.yml").unlink()
        fix(content)

    return broken, fixed


CHECK_IN = "airline-check-in.yml"
COMPANY = "company/objectives-2026.yml"
DEMO_EDITS: dict[str, Edit] = {
    "key-result-current": replaced(CHECK_IN, "current: 3.9", "current: 4.3"),
    "new-check-in": replaced(
        CHECK_IN,
        "      - {date: 2026-10-01, value: 10.4, confidence: 0.7}\n",
        "      - {date: 2026-10-01, value: 10.4, confidence: 0.7}\n"
        "      - {date: 2026-11-10, value: 9.6, note: Kiosks in Lisbon.}\n",
    ),
    "key-result-title": replaced(
        CHECK_IN, "Increase digital check-in adoption rate", "Raise the digital check-in share"
    ),
    "objective-title": replaced(
        COMPANY, "Run the most punctual short-haul", "Fly the most punctual short-haul"
    ),
    "objective-parent": replaced(
        "operations-turnaround/objectives.yml",
        "parent: on-time-turnarounds",
        "parent: recommend-first-2026",
    ),
    "key-result-moved": moved_last_key_result(COMPANY),
    "initiative-added": added_initiative("company/initiatives.yml", "checkin-wait-time"),
    "initiative-deleted": deleted_unreferenced("Initiative"),
    "capability-parent": replaced(
        "organisation/capabilities.yml", "parent: turnaround-coordination", "parent: data-and-ai"
    ),
    "stages-reordered": swapped_first_stages("operations-turnaround/value-stream.yml"),
    "north-star-title": replaced(
        CHECK_IN, "title: Become the airline passengers", "title: Be the airline travellers"
    ),
    "outcome-title": outcome_renamed(CHECK_IN),
    "objective-confidential": replaced(
        COMPANY,
        "outcome: operational\nperiod: 2026-H2\nvisibility: public",
        "outcome: operational\nperiod: 2026-H2\nvisibility: confidential",
    ),
    "team-renamed": replaced(
        "organisation/teams.yml", "title: Network & Ground Operations", "title: Ground Ops"
    ),
    "objective-description": replaced(
        COMPANY, "**Net Promoter Score**", "**NPS** (_Net Promoter Score_, [survey](#nps))"
    ),
    # digital-adoption, 35 -> 80: 62 is 60.0 %, 62.01 is 60.02 %: every box still says 60 %
    "box-unchanged": replaced(CHECK_IN, "current: 62", "current: 62.01"),
    # ancillary revenue, 18 -> 22: 21.4 is 85 %, 18.5 is 12 %
    "box-changed": replaced(COMPANY, "current: 21.4", "current: 18.5"),
}


def page(kind: Kind, key: str) -> str:
    return URLS.page_source(kind, key)


OBJECTIVE, KEY_RESULT = Kind.OBJECTIVE, Kind.KEY_RESULT
# Pages each demo edit must change (or add, or remove): proof that the edit did what it says
DEMO_TOUCHES: dict[str, set[str]] = {
    "key-result-current": {
        page(KEY_RESULT, "checkin-satisfaction"),
        page(OBJECTIVE, "streamline-check-in"),
    },
    "new-check-in": {page(KEY_RESULT, "checkin-wait-time")},
    "key-result-title": {
        page(KEY_RESULT, "digital-adoption"),
        page(OBJECTIVE, "streamline-check-in"),
    },
    "objective-title": {
        page(OBJECTIVE, "on-time-turnarounds"),
        page(OBJECTIVE, "predictable-turnarounds"),
    },
    "objective-parent": {
        page(OBJECTIVE, "predictable-turnarounds"),
        page(OBJECTIVE, "on-time-turnarounds"),
        page(OBJECTIVE, "recommend-first-2026"),
    },
    "key-result-moved": {
        page(KEY_RESULT, "complaint-rate"),
        page(OBJECTIVE, "recommend-first-2026"),
        page(OBJECTIVE, "on-time-turnarounds"),
    },
    "initiative-added": {page(Kind.INITIATIVE, "added-in-serve")},
    "initiative-deleted": {page(Kind.INITIATIVE, "va-rebooking")},
    "capability-parent": {
        page(Kind.CAPABILITY, key)
        for key in ("delay-prediction", "turnaround-coordination", "data-and-ai")
    },
    "stages-reordered": {page(Kind.VALUE_STREAM, "operations-turnaround")},
    "north-star-title": {URLS.overview_source()},
    "outcome-title": {URLS.overview_source(), page(OBJECTIVE, "streamline-check-in")},
    "objective-confidential": {page(OBJECTIVE, "on-time-turnarounds")},
    "team-renamed": {page(Kind.TEAM, "operations")},
    "objective-description": {page(OBJECTIVE, "recommend-first-2026")},
    "box-unchanged": {page(KEY_RESULT, "digital-adoption")},
    "box-changed": {page(KEY_RESULT, "ancillary-revenue")},
}
DEMO_ADDS = {"initiative-added"}
DEMO_REMOVES = {"initiative-deleted", "objective-confidential"}
DEMO_BROKEN, DEMO_FIXED = broken_then_fixed(
    replaced(COMPANY, "title: Raise Net Promoter Score", "title: Lift Net Promoter Score")
)


def bench_edits(site: Path) -> dict[str, Edit]:
    """The same edits for the benchmark's content (`bench.generate`, seed 1)."""
    manifest = json.loads((site / "bench-manifest.json").read_text("utf-8"))["edit"]
    team_file = str(Path(manifest["path"]).relative_to("content"))
    current = f"current: {manifest['current']:g}"

    def edited_key_result(content: Path) -> None:
        path = content / team_file
        lines = path.read_text("utf-8").splitlines(keepends=True)
        assert lines[manifest["line"] - 1].strip() == current
        lines[manifest["line"] - 1] = lines[manifest["line"] - 1].replace(current, "current: 44")
        path.write_text("".join(lines), "utf-8")

    broken, fixed = broken_then_fixed(
        replaced(
            team_file, "title: Lower lead time for changes", "title: Cut lead time for changes"
        )
    )
    return {
        "key-result-current": edited_key_result,
        "new-check-in": replaced(
            team_file,
            "      - {date: 2026-11-01, value: 60, confidence: 0.8}\n",
            "      - {date: 2026-11-01, value: 60, confidence: 0.8}\n"
            "      - {date: 2026-11-12, value: 59}\n",
        ),
        "key-result-title": replaced(
            team_file, "title: Lift availability from", "title: Raise availability from"
        ),
        "objective-title": replaced(
            "company.yml", "title: Delight customers with the Logistics", "title: Wow customers"
        ),
        "objective-parent": replaced(
            team_file,
            "parent: engineering-o2\nstage: lead-to-customer-order",
            "parent: company-o2\nstage: lead-to-customer-order",
        ),
        "key-result-moved": moved_last_key_result(team_file),
        "initiative-added": added_initiative(team_file, manifest["key_result"]),
        "initiative-deleted": deleted_unreferenced("Initiative"),
        "capability-parent": replaced(
            "capabilities/checkout.yml",
            "parent: checkout-management\n",
            "parent: checkout-self-service\n",
        ),
        "stages-reordered": swapped_first_stages("value-streams/lead-to-customer.yml"),
        "north-star-title": replaced(
            "north-star.yml", "title: Become the company", "title: Be the company"
        ),
        "outcome-title": outcome_renamed("north-star.yml"),
        "objective-confidential": replaced(
            "company.yml",
            "visibility: public\ntags: [compliance, platform]",
            "visibility: confidential\ntags: [compliance, platform]",
        ),
        "team-renamed": replaced(team_file, "title: Subscriptions Ops", "title: Subscriptions"),
        "objective-description": replaced(
            team_file, "**Why inventory matters now.**", "**Why _inventory_ matters now.**"
        ),
        "broken": broken,
        "fixed": fixed,
    }


# Rendering both ways -----------------------------------------------------------------------
def loaded(content: Path, settings: PortalSettings = NO_HISTORY) -> tuple[Portal, Mapping]:
    result = load_portal(content, settings)
    assert result.portal is not None, [str(problem) for problem in result.problems]
    return result.portal, result.last_updated


def render_both(
    content: Path,
    options: SiteOptions,
    rerender: Rerender,
    settings: PortalSettings = NO_HISTORY,
) -> list[Artifact]:
    """Load the content and render it with `rerender` and afresh: the same site, or the
    assertion names the files that differ. Returns the fresh site."""
    portal, updated = loaded(content, settings)
    reused = site_artifacts(portal, URLS, options, updated, rerender=rerender)
    fresh = site_artifacts(portal, URLS, options, updated)
    assert [a.path for a in reused] == [a.path for a in fresh]
    stale = [a.path for a, b in zip(reused, fresh, strict=True) if a.content != b.content]
    assert stale == [], f"{len(stale)} files differ from a fresh render"
    return fresh


def changed_paths(before: list[Artifact], after: list[Artifact]) -> set[str]:
    old = {a.path: a.content for a in before}
    new = {a.path: a.content for a in after}
    return {path for path in old.keys() | new.keys() if old.get(path) != new.get(path)}


def first_render(content: Path, options: SiteOptions) -> tuple[Rerender, list[Artifact]]:
    """A Rerender filled by rendering the content, and what that render made."""
    rerender = Rerender()
    return rerender, site_artifacts(loaded(content)[0], URLS, options, rerender=rerender)


def copied(source: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(source, tmp_path / "content", ignore=shutil.ignore_patterns(".*")))


# Tests -------------------------------------------------------------------------------------
def test_a_content_error_between_renders_leaves_the_rerender_working(
    tmp_path: Path, options: SiteOptions
) -> None:
    content = copied(ROOT / "content", tmp_path)
    rerender, before = first_render(content, options)
    DEMO_BROKEN(content)
    assert load_portal(content, NO_HISTORY).portal is None
    DEMO_FIXED(content)
    after = render_both(content, options, rerender)
    assert page(Kind.KEY_RESULT, "nps") in changed_paths(before, after)


def test_a_render_that_fails_after_making_its_units_keeps_nothing_of_them(
    tmp_path: Path, options: SiteOptions, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A render can fail after its units were made (here: the feed, rendered last); the next
    render compares with the last portal that rendered whole, so the failed render's results
    must not be taken for that portal's: a reverted edit would still show in okrs.json."""
    content = copied(ROOT / "content", tmp_path)
    rerender, _ = first_render(content, options)
    kept = (rerender.portal, rerender.pages, rerender.json_parts)
    replace_once(content / "airline-check-in.yml", "current: 3.9", "current: 4.3")

    def broken_feed(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the feed failed")

    with monkeypatch.context() as patched:
        patched.setattr("okrsite.site.render_feed", broken_feed)
        with pytest.raises(RuntimeError):
            site_artifacts(loaded(content)[0], URLS, options, rerender=rerender)
    assert (rerender.portal, rerender.pages, rerender.json_parts) == kept
    replace_once(content / "airline-check-in.yml", "current: 4.3", "current: 3.9")
    render_both(content, options, rerender)


def edit_in_turn(
    content: Path,
    edits: Iterable[tuple[str, Edit]],
    options: SiteOptions,
    check: Callable[[str, list[Artifact], list[Artifact], Rerender], None] | None = None,
) -> None:
    """Every edit after the other with one Rerender; each must change the site ("broken" must
    stop the load) and render as a fresh render does; `check(name, before, after, rerender)`
    says more about each step."""
    rerender, site = first_render(content, options)
    for name, edit in edits:
        edit(content)
        if name == "broken":
            assert load_portal(content, NO_HISTORY).portal is None
            continue
        after = render_both(content, options, rerender)
        assert changed_paths(site, after), name
        if check is not None:
            check(name, site, after, rerender)
        site = after


def check_demo_edit(
    name: str, before: list[Artifact], after: list[Artifact], rerender: Rerender
) -> None:
    """The edit did what it says, and most of the site was reused."""
    touched = DEMO_TOUCHES.get(name, set())
    assert touched <= changed_paths(before, after), f"{name}: the edit did not do what it says"
    present = {a.path for a in after}
    if name in DEMO_ADDS:
        assert touched <= present, name
    if name in DEMO_REMOVES:
        assert not touched & present, name
    pages, diagrams = rerender.made
    assert pages < len([a for a in after if a.path.endswith(".md")]), f"{name}: nothing reused"
    if name == "box-unchanged":
        assert diagrams == 0, "no box changed, yet diagrams were drawn again"
    if name == "box-changed":
        assert diagrams > 0


def test_every_edit_in_turn_with_one_rerender(tmp_path: Path, options: SiteOptions) -> None:
    """The demo's edits one after the other (each also checked against a fresh render by
    `render_both`): one Rerender through all of them, as `mkdocs serve` lives through a day."""
    edits = [*DEMO_EDITS.items(), ("broken", DEMO_BROKEN), ("fixed", DEMO_FIXED)]
    edit_in_turn(copied(ROOT / "content", tmp_path), edits, options, check_demo_edit)


def test_every_edit_in_turn_on_bench_size_s(
    bench_s: Path, tmp_path: Path, options: SiteOptions
) -> None:
    edit_in_turn(copied(bench_s / "content", tmp_path), bench_edits(bench_s).items(), options)


def test_one_key_result_edit_on_bench_size_s_renders_few_pages(
    bench_s: Path, tmp_path: Path, options: SiteOptions
) -> None:
    content = copied(bench_s / "content", tmp_path)
    rerender, site = first_render(content, options)
    pages = len([a for a in site if a.path.endswith(".md")])
    assert rerender.made[0] == pages - 1, "the first render made every page but Changes"
    bench_edits(bench_s)["key-result-current"](content)
    render_both(content, options, rerender)
    made_pages, made_diagrams = rerender.made
    assert 0 < made_pages < pages / 5, (made_pages, pages)
    assert 0 < made_diagrams < 20


def test_edits_with_git_history(tmp_path: Path, options: SiteOptions) -> None:
    """History adds check-ins and "last updated" dates: a commit changes them, an edit not
    yet committed does not."""
    repo = GitRepo(tmp_path / "repo")
    shutil.copytree(ROOT / "content", repo.root / "content", ignore=shutil.ignore_patterns(".*"))
    repo.commit({}, day="2026-09-01")
    check_in = repo.root / "content" / CHECK_IN
    repo.commit(
        {f"content/{CHECK_IN}": check_in.read_text("utf-8").replace("current: 3.9", "current: 4")},
        day="2026-10-15",
    )
    settings = PortalSettings(as_of=AS_OF)
    content = repo.root / "content"
    rerender = Rerender()
    portal, updated = loaded(content, settings)
    assert updated, "history gives pages a last-updated date"
    site = site_artifacts(portal, URLS, options, updated, rerender=rerender)

    DEMO_EDITS["key-result-title"](content)  # saved, not committed
    after = render_both(content, options, rerender, settings)
    assert changed_paths(site, after)

    text = check_in.read_text("utf-8")
    repo.commit(
        {f"content/{CHECK_IN}": text.replace("current: 4\n", "current: 4.2\n")}, "2026-11-20"
    )
    final = render_both(content, options, rerender, settings)
    assert page(Kind.KEY_RESULT, "checkin-satisfaction") in changed_paths(after, final)


@pytest.mark.parametrize(
    "settings",
    [
        PortalSettings(as_of=date(2026, 11, 24), history=NO_HISTORY.history),
        PortalSettings(
            as_of=AS_OF,
            thresholds=Thresholds(on_track=0.02, at_risk=0.05),
            history=NO_HISTORY.history,
        ),
    ],
    ids=["as-of", "thresholds"],
)
def test_a_new_as_of_date_or_threshold_renders_the_same_site_as_a_fresh_render(
    settings: PortalSettings, tmp_path: Path, options: SiteOptions
) -> None:
    """Neither is watched (`mkdocs serve` running past midnight with no as_of set): the render
    after it must not reuse anything it cannot vouch for."""
    content = copied(ROOT / "content", tmp_path)
    rerender, before = first_render(content, options)
    after = render_both(content, options, rerender, settings)
    assert changed_paths(before, after)


def test_an_index_table_renders_again_only_the_rows_an_edit_touched(
    tmp_path: Path, options: SiteOptions
) -> None:
    """The key-result index lists every key result: after one key result's edit the page is
    rendered again, its other rows are the kept ones (`okrsite/render/pages/fragments.py`),
    though the edit moved the row (the index lists what needs action first: `in_order`)."""
    content = copied(ROOT / "content", tmp_path)
    rerender, _ = first_render(content, options)
    index = URLS.index_source("key-results")
    assert rerender.pages is not None
    before = dict(rerender.pages.bodies[index].value.parts)
    replace_once(content / "airline-check-in.yml", "current: 3.9", "current: 4.3")
    render_both(content, options, rerender)
    after = rerender.pages.bodies[index].value.parts
    assert after.keys() == before.keys()
    made = [unit for unit in after if after[unit] is not before[unit]]
    assert [args for _, args in made] == [("checkin-satisfaction",)]
    assert list(after) != list(before)  # in another order, the same as a fresh render's


def test_a_comment_line_above_everything_renders_no_page_again(
    tmp_path: Path, options: SiteOptions
) -> None:
    """Every entity below the new line moved down one line, and no page shows where an entity
    was written: entities equal but for their location are equal (`okrsite/model.py`)."""
    content = copied(ROOT / "content", tmp_path)
    rerender, before = first_render(content, options)
    path = content / "airline-check-in.yml"
    path.write_text("# A comment that moves every line down\n" + path.read_text("utf-8"), "utf-8")
    after = render_both(content, options, rerender)
    assert changed_paths(before, after) == set()
    assert rerender.made == (0, 0)


def text_of(site: list[Artifact], path: str) -> str:
    content = next(a.content for a in site if a.path == path)
    assert isinstance(content, str)
    return content


OVERRIDE_WITH_KEEP = """\
{% macro facts(key) %}
<p>{{ entity.title }} | {{ heading }} | {{ model.key_results[key].title }}</p>
{% endmacro %}
{% set heading = model.teams[entity.team].title %}
# {{ page_title | md }}
{% for key in entity.key_results %}{{ keep(facts, key) }}
{% endfor %}
"""


def test_an_override_that_keeps_parts_never_shows_stale_text(
    tmp_path: Path, options: SiteOptions
) -> None:
    """A kept part's macro sees the page context (`entity`) and the page's `{% set %}`s, not
    only its arguments: when those change, the part is made again."""
    overrides = tmp_path / "overrides"
    (overrides / "okrsite").mkdir(parents=True)
    (overrides / "okrsite" / "objective.md.jinja").write_text(OVERRIDE_WITH_KEEP, "utf-8")
    options = replace(options, override_dir=overrides)
    content = copied(ROOT / "content", tmp_path)
    rerender, before = first_render(content, options)
    objective = page(Kind.OBJECTIVE, "streamline-check-in")
    assert "Streamline the airport" in text_of(before, objective)
    for old, new in [
        ("title: Streamline the airport", "title: Speed up the airport"),
        ("title: Airport Operations", "title: Ground Operations"),
    ]:
        replace_once(content / "airline-check-in.yml", old, new)
        after = render_both(content, options, rerender)
        assert new.split(": ")[1] in text_of(after, objective)


# Random sequences of edits -----------------------------------------------------------------
SMALL = ROOT / "tests" / "fixtures" / "portal_small"
# (what the edit changes, the regex whose first group is set, the values it may take)
FIELD_EDITS: list[tuple[str, str, list[str]]] = [
    (
        "adoption value",
        r"current: (\S+)\n    indicator: adoption",
        ["62", "70", "62.01", "80", "20"],
    ),
    ("a check-in value", r"value: (\S+), confidence: 0\.7", ["10.4", "9.1", "12"]),
    (
        "objective title",
        r"title: (Streamline the airport[^\n]*)",
        ["Streamline the airport", "Streamline the airport now"],
    ),
    ("objective owner", r"owner: (Grace Hopper|Ada Lovelace)", ["Grace Hopper", "Ada Lovelace"]),
    ("team title", r"title: (Airport Operations|Ground Ops)", ["Airport Operations", "Ground Ops"]),
    ("capability owner", r"owner: (Kim Kiosk|Kai Kiosk)", ["Kim Kiosk", "Kai Kiosk"]),
    ("stage title", r"title: (Board & Fly|Board)\}", ["Board & Fly", "Board"]),
    ("visibility", r"visibility: (confidential|internal)", ["confidential", "internal"]),
    ("initiative status", r"status: (in-progress|blocked|done)\n", ["in-progress", "blocked"]),
]
KEEPING_OVERRIDE = """\
{% extends "shipped/okrsite/objective.md.jinja" %}
{% set team_title = model.teams[entity.team].title if entity.team else "no team" %}
{% macro facts(key) %}
<p>{{ entity.title }} | {{ team_title }} | {{ score.status }} |
{{ model.key_results[key].title }}</p>
{% endmacro %}
{% block initiatives %}
{% for key in entity.key_results %}{{ keep(facts, key) }}
{% endfor %}
{{ super() }}
{% endblock %}
"""


def set_field(content: Path, pattern: str, value: str) -> None:
    path = content / "portal.yml"
    text = path.read_text("utf-8")
    found = re.search(pattern, text)
    assert found, pattern
    path.write_text(text[: found.start(1)] + value + text[found.end(1) :], "utf-8")


@settings(max_examples=8, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    edits=st.lists(
        st.tuples(st.sampled_from(FIELD_EDITS), st.integers(0, 4), st.booleans()),
        min_size=1,
        max_size=6,
    )
)
def test_random_edits_render_as_a_fresh_render(
    edits: list[tuple[tuple[str, str, list[str]], int, bool]],
    tmp_path_factory: pytest.TempPathFactory,
    options: SiteOptions,
) -> None:
    """Any sequence of edits, one Rerender through all of them, with an override that keeps
    parts reading the page context: every step renders what a fresh render does."""
    folder = tmp_path_factory.mktemp("random")
    content = Path(shutil.copytree(SMALL / "content", folder / "content"))
    overrides = Path(shutil.copytree(SMALL / "overrides", folder / "overrides"))
    (overrides / "okrsite" / "objective.md.jinja").write_text(KEEPING_OVERRIDE, "utf-8")
    options = replace(options, override_dir=overrides)
    rerender, _ = first_render(content, options)
    for (_, pattern, values), choice, comment in edits:
        set_field(content, pattern, values[choice % len(values)])
        if comment:  # moves every line down: nothing a page shows
            path = content / "portal.yml"
            path.write_text("# moved\n" + path.read_text("utf-8"), "utf-8")
        render_both(content, options, rerender)
