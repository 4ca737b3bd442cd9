"""What `mkdocs serve` keeps between builds (`okrsite.site.Session`) gives, after every edit, the
files a fresh render gives; a new template starts the session afresh; the last render is
stored for the next process. Then the same through a real `mkdocs serve --dirty`.
"""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from history_repo import GitRepo
from mkdocs_runs import fetch, free_port, serving, wait_for

from okrsite.mkdocs_plugin.build import PortalBuilder
from okrsite.settings import Settings, read_settings
from okrsite.site import Session
from okrsite.site_cache import RenderedPortal, fill_session, render_portal, store_portal
from okrsite.site_cache.entry import SUFFIX
from okrsite.urls import SiteUrls

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

ROOT = Path(__file__).resolve().parent.parent
SMALL = Path(__file__).resolve().parent / "fixtures" / "portal_small"
URLS = SiteUrls()
TITLE = "Streamline the airport check-in experience"
EXTRAS = Path("overrides/okrsite/partials/extras.md.jinja")


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small portal (content, template overrides) as the working folder, without caches."""
    shutil.copytree(SMALL, tmp_path / "project", ignore=shutil.ignore_patterns(".cache"))
    monkeypatch.chdir(tmp_path / "project")
    return tmp_path / "project"


def settings_of(project: Path) -> Settings:
    """Diagrams on, history off, the render cache in the project's `.cache/okrsite`."""
    return read_settings(
        {"as_of": "2026-11-23", "history": False},
        base_dir=project,
        override_dir=project / "overrides",
    )


def edit(project: Path, old: str, new: str, file: str = "content/portal.yml") -> None:
    path = project / file
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


def stored(project: Path) -> list[Path]:
    return sorted((project / ".cache" / "okrsite" / "site").glob(f"*{SUFFIX}"))


def same_as_fresh(settings: Settings, rendered: RenderedPortal) -> None:
    """The session's render equals a render without one (not stored, so not read back)."""
    fresh = render_portal(settings, URLS, store=False)
    assert not fresh.from_cache and not rendered.from_cache
    assert rendered.problems == fresh.problems
    assert (rendered.files is None) == (fresh.files is None)
    if rendered.files is not None and fresh.files is not None:
        assert rendered.files.nav == fresh.files.nav
        mine, theirs = rendered.files.artifacts, fresh.files.artifacts
        assert [a.path for a in mine] == [a.path for a in theirs]
        assert [a.path for a, b in zip(mine, theirs, strict=True) if a != b] == []


def pages_of(rendered: RenderedPortal) -> int:
    assert rendered.files is not None
    return len([a for a in rendered.files.artifacts if a.path.endswith(".md")])


def test_a_session_renders_each_edit_as_a_fresh_render(project: Path) -> None:
    settings, session = settings_of(project), Session()
    last = render_portal(settings, URLS, session=session, store=False)
    assert stored(project) == [], "serve stores only at shutdown"
    same_as_fresh(settings, last)
    steps = [
        ("current: 3.9", "current: 4.3"),  # one key result
        (TITLE, "Board every passenger in ten minutes"),  # an objective's title
        ("target: 4.5", "target: [4.5"),  # a content error
        ("target: [4.5", "target: 5"),  # fixed, and another number changed
    ]
    for old, new in steps:
        edit(project, old, new)
        last = render_portal(settings, URLS, previous=last, session=session, store=False)
        same_as_fresh(settings, last)
        if last.files is None:
            assert last.problems, "the error is reported"
            continue
        assert 0 < session.rerender.made[0] < pages_of(last), (old, session.rerender.made)
    assert last.files is not None
    page = next(a for a in last.files.artifacts if a.path == "objectives/streamline-check-in.md")
    assert "Board every passenger in ten minutes" in str(page.content)


def test_a_changed_template_is_used_for_every_page(project: Path) -> None:
    """Another override template is another frame: the session renders everything again."""
    settings, session = settings_of(project), Session()
    first = render_portal(settings, URLS, session=session, store=False)
    frame = session.frame
    edit(project, "Drawn by the user's override", "Redrawn by the edited override", str(EXTRAS))
    edit(project, "current: 3.9", "current: 4.3")

    second = render_portal(settings, URLS, previous=first, session=session, store=False)
    assert session.frame != frame
    assert session.rerender.made[0] == pages_of(second) - 1, "all but Recent changes"
    same_as_fresh(settings, second)
    assert second.files is not None
    marked = [a.path for a in second.files.artifacts if "Redrawn by the edited" in str(a.content)]
    assert "objectives/streamline-check-in.md" in marked
    assert not any("Drawn by the user's" in str(a.content) for a in second.files.artifacts)


def test_the_last_render_is_stored_for_the_next_process(project: Path) -> None:
    settings, session = settings_of(project), Session()
    first = render_portal(settings, URLS, session=session, store=False)
    edit(project, "current: 3.9", "current: 4.3")
    last = render_portal(settings, URLS, previous=first, session=session, store=False)
    assert stored(project) == []

    assert store_portal(settings, last).cache_error is None
    assert len(stored(project)) == 1
    hit = render_portal(settings, URLS)  # a new process: no session, no previous
    assert hit.from_cache
    assert hit.files == last.files and hit.problems == last.problems


def test_a_session_filled_in_the_background_renders_the_first_edit_alone(
    project: Path,
) -> None:
    """After a first build read from the render cache, `fill_session` warms the session up."""
    settings, session = settings_of(project), Session()
    cached = render_portal(settings, URLS)
    assert render_portal(settings, URLS).from_cache
    fill_session(settings, URLS, session)
    assert session.frame is not None
    edit(project, "current: 3.9", "current: 4.3")

    edited = render_portal(settings, URLS, previous=cached, session=session, store=False)
    same_as_fresh(settings, edited)
    full = pages_of(edited) - 1  # what a session not filled would render: all but Changes
    assert 0 < session.rerender.made[0] < full


def test_the_debug_log_names_pages_made_again_that_read_a_whole_kind(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Such a page is rendered again after any edit of its kind; `mkdocs serve --verbose`
    names it, so a template that iterates more than it needs is found."""
    builder, settings = PortalBuilder(), settings_of(project)
    builder.forget(serving=True)
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.okrsite"):
        builder.build(settings, URLS)
        first = whole_kind_lines(caplog)
        caplog.clear()
        edit(project, "current: 3.9", "current: 4.3")
        builder.build(settings, URLS)
        after_edit = whole_kind_lines(caplog)
    builder.forget()
    assert "matrix/index.md reads every entry of model.initiatives, model.key_results, " in (
        "\n".join(first)
    )
    assert not any(line.startswith("objectives/") for line in first)
    assert 0 < len(after_edit) <= len(first)


def whole_kind_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "reads every entry of" in r.getMessage()]


def test_a_session_with_git_history_follows_commits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """History memo and rerender together: a saved edit, its commit (a check-in and a "last
    updated" date from git) and a later commit each render as a fresh render does."""
    repo = GitRepo(tmp_path / "repo")
    shutil.copytree(SMALL / "content", repo.root / "content")
    repo.commit({}, day="2026-09-01")
    monkeypatch.chdir(repo.root)
    settings = read_settings({"as_of": "2026-11-23"}, base_dir=repo.root)
    session = Session()
    last = render_portal(settings, URLS, session=session, store=False)
    for value, day in (("4.1", None), ("4.1", "2026-10-10"), ("4.2", "2026-11-01")):
        text = (repo.root / "content" / "portal.yml").read_text("utf-8")
        changed = re.sub(r"current: 3\.9|current: 4\.1", f"current: {value}", text)
        (repo.root / "content" / "portal.yml").write_text(changed, "utf-8")
        if day is not None:
            repo.commit({}, day=day)
        edited = render_portal(settings, URLS, previous=last, session=session, store=False)
        assert edited.files != last.files, "the edit or the commit shows"
        same_as_fresh(settings, edited)
        last = edited


# A real `mkdocs serve --dirty` ---------------------------------------------------------------
MADE = re.compile(r"okrsite: rendered (\d+) of \d+ pages, (\d+) of \d+ diagrams")


def shown_current(html: str, key_result: str) -> str:
    """The "current" cell of the key result's row in an objective page's table."""
    soup = BeautifulSoup(html, "html.parser").find("article")  # not the navigation's link
    link = soup.find("a", href=re.compile(rf"key-results/{key_result}/"))
    assert link is not None
    headings = [th.get_text(strip=True) for th in link.find_parent("table").thead.find_all("th")]
    cells = link.find_parent("tr").find_all("td")
    return str(cells[headings.index("Current")].get_text(strip=True))


def detail(html: str, name: str) -> str:
    """A key-result page's value for `name` in its definition list."""
    term = BeautifulSoup(html, "html.parser").find("dt", string=name)
    return "" if term is None else str(term.find_next_sibling("dd").get_text(strip=True))


@pytest.mark.parametrize("start", ["cold", "from-cache"])
def test_serve_dirty_shows_each_edit_and_renders_few_pages(tmp_path: Path, start: str) -> None:
    """From the cache a server left, the first build renders nothing and a background warm-up
    fills the session; either way each edit renders a few pages, and the server stores its
    last render when it stops (not before)."""
    project = tmp_path / "portal"
    project.mkdir()
    for name in ("content", "docs"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    base = f"http://127.0.0.1:{free_port()}"  # serve's site_url is part of the cache key
    key_result = f"{base}/key-results/checkin-satisfaction/"
    objective = f"{base}/objectives/streamline-check-in/"
    content = project / "content" / "airline-check-in.yml"
    if start == "from-cache":
        with serving(project, base, tmp_path / "first-serve.log"):
            wait_for(lambda: detail(fetch(key_result), "Current") == "3.9", 120)
        assert len(stored(project)) == 1
    before = stored(project)

    log_path = tmp_path / "serve.log"
    with serving(project, base, log_path):
        wait_for(lambda: detail(fetch(key_result), "Current") == "3.9", 120)
        for old, new in (("3.9", "4.3"), ("4.3", "4.4")):
            text = content.read_text("utf-8")
            content.write_text(text.replace(f"current: {old}", f"current: {new}"))
            wait_for(lambda new=new: detail(fetch(key_result), "Current") == new, 60)
            wait_for(
                lambda new=new: shown_current(fetch(objective), "checkin-satisfaction") == new, 10
            )
        assert stored(project) == before, "serve stores only when it stops"

    made = [(int(pages), int(diagrams)) for pages, diagrams in MADE.findall(log_path.read_text())]
    if start == "cold":
        (all_pages, all_diagrams), made = made[0], made[1:]
        assert all_pages > 100 and all_diagrams > 20
    assert len(made) == 2, log_path.read_text()  # one per edit
    for pages, diagrams in made:
        assert 0 < pages < 60, made  # of 137 (the first edit changes a status: 45)
        assert 0 < diagrams < 45, made  # of 61 (a new status shows in many)
    after = stored(project)
    assert len(after) == 1 and after != before, "the edited portal was stored at shutdown"
