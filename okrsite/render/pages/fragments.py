"""Parts of a page reused from the page's last render (`keep(macro, *args)` in a template).

Why: an index page lists every entity of a kind, so one edited key result makes it render
again, and on a large portal its thousands of rows were much of okrsite's rebuild. A template
calls `keep(macro, *args)` for each such part (a table row); the macro's output is reused while
none of what it read changed (`okrsite/incremental/`), its reads count for the page, and the
entities it linked to are mentioned by the page again.

A macro sees more than its arguments: the whole page context (`entity`, `score`, `ancestors`,
…) and every `{% set %}` made before the call. So a part is reused only while its page's
inputs are the same and nothing the page itself read before the call (outside other parts)
changed; on an index page that is the list of keys, which a value edit leaves alone. The
order the rows come in is read with `in_order(read, *args)` instead: it counts for the page
(rendered again when the order changes) but not against its parts, so a row an edit moved is
still reused where it lands. Only for what no part sees: the keys a loop hands to `keep`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from functools import partial
from types import CodeType

from markupsafe import Markup

from okrsite.incremental.reads import Read
from okrsite.incremental.units import Kept, Rereading, Unit
from okrsite.render.pages.links import PageLinks
from okrsite.urls import Kind

Made = tuple[Markup, frozenset[tuple[Kind, str]]]  # the part's text, the entities it links to
Parts = Mapping[Hashable, Kept[Made]]  # a page's parts, by the macro's code and arguments


def _code_of(macro: Callable[..., Markup]) -> Hashable:
    """The code a macro runs, the same in every render of its compiled template (a Jinja
    macro's function is made anew per render, its code object is not). Without code: never
    reused."""
    code = getattr(getattr(macro, "_func", macro), "__code__", None)
    return code if isinstance(code, CodeType) else object()


class PageParts:
    """The parts of one render of one page; `before` are its last render's parts, or None when
    they cannot be reused (the page's inputs changed, or nothing is kept)."""

    def __init__(self, rereading: Rereading, before: Parts | None, links: PageLinks) -> None:
        self._rereading, self._before, self._links = rereading, before, links
        self.now: dict[Hashable, Kept[Made]] = {}
        self._read: set[Read] = set()  # by the outermost parts
        self._making = 0  # parts being made now: a part kept inside another reads for it

    def keep(self, macro: Callable[..., Markup], *args: Hashable) -> Markup:
        """The template's `keep`: the macro's output, reused while valid."""
        log, changed = self._rereading.log, self._rereading.changed
        before = self._before if changed is None or changed.isdisjoint(log.open_reads()) else None
        outermost = self._making == 0
        self._making += 1
        try:  # the page's own reads stay apart from its parts'
            with log.scope(apart=outermost) as reads:
                unit: Unit[Hashable, Made] = Unit(
                    (_code_of(macro), args), None, partial(self._made, macro, args)
                )
                found, _ = self._rereading.kept_or_made(before, unit)
        finally:
            self._making -= 1
        if outermost:
            self._read.update(reads)
        self.now[unit.key] = found
        text, mentioned = found.value
        self._links.mentioned |= mentioned
        return text

    def in_order(self, read: Callable[..., Iterable[Hashable]], *args: Hashable) -> list[Hashable]:
        """The template's `in_order`: `read(*args)`, the keys of the parts to come in their
        order, read for the page apart from the parts (module docstring)."""
        with self._rereading.log.scope(apart=True) as reads:
            keys = list(read(*args))
        self._read.update(reads)
        return keys

    def done(self) -> None:
        """The page is rendered: its parts' reads count for the page as a whole."""
        self._rereading.log.extend(frozenset(self._read))

    def _made(self, macro: Callable[..., Markup], args: tuple[Hashable, ...]) -> Made:
        links = self._links
        outer, links.mentioned = links.mentioned, set()
        try:
            return macro(*args), frozenset(links.mentioned)
        finally:
            links.mentioned = outer
