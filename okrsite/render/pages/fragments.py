"""Parts of a page kept between renders of the same process (`mkdocs serve`), by page.

Why: an index page lists every entity of a kind, so one edited key result makes it render
again, and at bench size M its 4,000 rows took a third of okrsite's rebuild. A template calls
`keep(macro, *args)` for each such part (a table row); the macro's output is reused while none
of what it read changed (`okrsite/render/reads.py`), its reads count for the page, and the
entities it linked to are mentioned by the page again. Without a rereading (a one-off build)
`keep` just calls the macro.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from functools import partial

from markupsafe import Markup

from okrsite.render.pages.links import PageLinks
from okrsite.render.reads import Kept, Rereading
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

    def keeper(self, page: str, links: PageLinks) -> Keep:
        """The `keep` function of one page's render; parts are told apart by the macro's code
        and the arguments."""
        rereading = self._rereading
        if rereading is None:
            return _call
        before = self._previous.get(page)
        now: dict[Hashable, Kept[Made]] = {}
        self.by_page[page] = now

        def made(macro: Callable[..., Markup], args: tuple[Hashable, ...]) -> Made:
            outer, links.mentioned = links.mentioned, set()
            try:
                return macro(*args), frozenset(links.mentioned)
            finally:
                links.mentioned = outer

        def keep(macro: Callable[..., Markup], *args: Hashable) -> Markup:
            unit = (_code_of(macro), args)
            found, fresh = rereading.kept_or_made(before, unit, None, partial(made, macro, args))
            now[unit] = found
            self.made += fresh
            text, mentioned = found.value
            links.mentioned |= mentioned
            return text

        return keep

    def carry(self, page: str) -> None:
        """A page reused whole keeps its parts for the next render."""
        if page in self._previous:
            self.by_page[page] = self._previous[page]
