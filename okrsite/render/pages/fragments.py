"""Parts of a page kept between renders of the same process (`mkdocs serve`), by page.

Why: an index page lists every entity of a kind, so one edited key result makes it render
again, and at bench size M its 4,000 rows took a third of okrsite's rebuild. A template calls
`keep(macro, *args)` for each such part (a table row); the macro's output is reused while none
of what it read changed (`okrsite/render/reads.py`), its reads count for the page, and the
entities it linked to are mentioned by the page again. Without a rereading (a one-off build)
`keep` just calls the macro.

A macro sees more than its arguments: the whole page context (`entity`, `score`, `ancestors`,
…) and every `{% set %}` made before the call. So a part is reused only while its page's
inputs are the same and nothing the page itself read before the call (outside other parts)
changed; on an index page that is the list of keys, which a value edit leaves alone.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from functools import partial

from markupsafe import Markup

from okrsite.render.pages.links import PageLinks
from okrsite.render.reads import Kept, Read, Rereading
from okrsite.urls import Kind

Made = tuple[Markup, frozenset[tuple[Kind, str]]]  # the part's text, the entities it links to
Keep = Callable[..., Markup]


def _call(macro: Callable[..., Markup], *args: Hashable) -> Markup:
    return macro(*args)


def _code_of(macro: Callable[..., Markup]) -> Hashable:
    """The code a macro runs, the same in every render of its compiled template (a Jinja
    macro's function is made anew per render, its code object is not); two macros of the same
    name in different templates differ. Without code, the macro itself: never reused."""
    return getattr(getattr(macro, "_func", macro), "__code__", macro)


class Fragments:
    """One render's kept parts, by page source; `previous` is the last render's `by_page`."""

    def __init__(
        self,
        rereading: Rereading | None,
        previous: Mapping[str, Mapping[Hashable, Kept[Made]]] | None = None,
    ) -> None:
        self._rereading = rereading
        self._previous = previous or {}
        self.by_page: dict[str, Mapping[Hashable, Kept[Made]]] = {}
        self.made = 0  # parts made, not reused
        self._parts_read: set[Read] = set()  # by the parts of the page being rendered

    def keeper(self, page: str, links: PageLinks, same_inputs: bool) -> Keep:
        """The `keep` function of one page's render (`same_inputs`: the page's inputs are
        those of the last render); parts are told apart by the macro's code and arguments.
        Call `page_done` when the page is rendered."""
        rereading = self._rereading
        if rereading is None:
            return _call
        log, changed = rereading.log, rereading.changed
        before = self._previous.get(page) if same_inputs and changed is not None else None
        now: dict[Hashable, Kept[Made]] = {}
        self.by_page[page] = now
        parts_read = self._parts_read = set()
        making = 0  # parts being made now: a part kept inside another reads for the outer one

        def made(macro: Callable[..., Markup], args: tuple[Hashable, ...]) -> Made:
            outer, links.mentioned = links.mentioned, set()
            try:
                return macro(*args), frozenset(links.mentioned)
            finally:
                links.mentioned = outer

        def keep(macro: Callable[..., Markup], *args: Hashable) -> Markup:
            nonlocal making
            unit = (_code_of(macro), args)
            seen = before if changed is None or changed.isdisjoint(log.open_reads()) else None
            outermost = making == 0
            making += 1
            try:  # the page's own reads stay apart from its parts'
                with log.scope(apart=outermost) as reads:
                    make = partial(made, macro, args)
                    found, fresh = rereading.kept_or_made(seen, unit, None, make)
            finally:
                making -= 1
            if outermost:
                parts_read.update(reads)
            now[unit] = found
            self.made += fresh
            text, mentioned = found.value
            links.mentioned |= mentioned
            return text

        return keep

    def page_done(self) -> None:
        """The page's parts' reads count for the page as a whole."""
        if self._rereading is not None:
            self._rereading.log.extend(frozenset(self._parts_read))
        self._parts_read = set()

    def carry(self, page: str) -> None:
        """A page reused whole keeps its parts for the next render."""
        if page in self._previous:
            self.by_page[page] = self._previous[page]
