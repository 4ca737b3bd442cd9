"""`okrsite/render/pages/fragments.py`: parts of a page (an index table's rows) are reused between
renders while nothing they read changed, their reads count for the page, and the entities they
link to are still mentioned by the page (its "Linked from" entries depend on that)."""

from __future__ import annotations

from datetime import date

from history_repo import small_model
from markupsafe import Markup

from okrsite.incremental.units import Rereading
from okrsite.model import Model
from okrsite.portal import Portal, assemble_portal
from okrsite.render.pages.fragments import PageParts, Parts
from okrsite.render.pages.links import PageLinks
from okrsite.urls import Kind, SiteUrls

AS_OF = date(2026, 11, 23)


def portal(model: Model) -> Portal:
    return assemble_portal(model, AS_OF)


class Rows:
    """A table of key results whose rows go through `keep`, counting the rows it makes."""

    def __init__(
        self, rereading: Rereading, links: PageLinks, page_reads: str | None = None
    ) -> None:
        self.rereading, self.links, self.made = rereading, links, 0
        self.page_reads = page_reads  # a key result whose score the page itself reads first

    def row(self, key: str) -> Markup:
        self.made += 1
        read = self.rereading.portal
        progress = read.scorecard.key_results[key].progress
        return Markup(
            f"<tr><td>{self.links.href(Kind.KEY_RESULT, key)}</td><td>{progress}</td></tr>"
        )

    def table(self, parts: PageParts) -> str:
        read = self.rereading.portal
        if self.page_reads is not None:  # as a `{% set %}` a row macro could see
            self.seen = read.scorecard.key_results[self.page_reads].progress
        text = "".join(parts.keep(self.row, key) for key in read.model.key_results)
        parts.done()
        return text


def render(
    model: Model,
    before: tuple[Portal, Parts] | None,
    *,
    page_reads: str | None = None,
    same_inputs: bool = True,
) -> tuple[str, Rows, Parts, set]:
    """The table of `model` after the render `before`; with the page's reads. The page's
    parts are reused only when its inputs are the same (`same_inputs`)."""
    now = portal(model)
    rereading = Rereading(now, before[0] if before else None)
    links = PageLinks(SiteUrls(), "key-results/")
    parts = PageParts(rereading, before[1] if before and same_inputs else None, links)
    rows = Rows(rereading, links, page_reads)
    with rereading.log.scope() as reads:
        text = rows.table(parts)
    return text, rows, parts.now, reads


def test_only_the_rows_an_edit_touched_are_made_again() -> None:
    first, rows, parts, _ = render(small_model(adoption=40), None)
    assert rows.made == 3
    before = (portal(small_model(adoption=40)), parts)
    second, rows, _, reads = render(small_model(adoption=60), before)
    fresh, _, _, _ = render(small_model(adoption=60), None)
    assert second == fresh
    assert second != first
    assert rows.made == 1, "only the adoption row"
    assert ("scorecard.key_results", "wait-time") in reads, "a reused row's reads count"


def test_a_reused_row_still_mentions_what_it_links_to() -> None:
    _, _, parts, _ = render(small_model(), None)
    before = (portal(small_model()), parts)
    _, rows, _, _ = render(small_model(), before)
    assert rows.made == 0
    assert rows.links.mentioned == {(Kind.KEY_RESULT, key) for key in small_model().key_results}


def test_rows_are_made_again_when_what_the_page_read_before_them_changed() -> None:
    """A row macro sees the page's context and `{% set %}`s: when the page's own reads or its
    inputs changed, no row is reused, though the rows' own reads did not change."""
    _, _, parts, _ = render(small_model(adoption=40), None, page_reads="adoption")
    before = (portal(small_model(adoption=40)), parts)
    _, rows, _, _ = render(small_model(adoption=60), before, page_reads="adoption")
    assert rows.made == 3
    _, _, parts, _ = render(small_model(adoption=40), None)
    before = (portal(small_model(adoption=40)), parts)
    _, rows, _, _ = render(small_model(adoption=40), before, same_inputs=False)
    assert rows.made == 3


def test_a_part_kept_inside_another_makes_the_outer_one_again() -> None:
    """An override may keep parts inside a kept part: the outer one read what the inner read."""

    def render_nested(model: Model, before: tuple[Portal, Parts] | None) -> tuple[str, Parts]:
        now = portal(model)
        rereading = Rereading(now, before[0] if before else None)
        parts = PageParts(rereading, before[1] if before else None, PageLinks(SiteUrls(), "k/"))
        keep = parts.keep
        read = rereading.portal

        def inner(key: str) -> Markup:
            return Markup(f"<td>{read.scorecard.key_results[key].progress}</td>")

        def outer() -> Markup:
            return Markup("").join(keep(inner, key) for key in read.model.key_results)

        with rereading.log.scope():
            text = str(keep(outer))
            parts.done()
        return text, parts.now

    _, parts = render_nested(small_model(adoption=40), None)
    second, _ = render_nested(small_model(adoption=60), (portal(small_model(adoption=40)), parts))
    fresh, _ = render_nested(small_model(adoption=60), None)
    assert second == fresh
