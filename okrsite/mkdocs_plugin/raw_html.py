"""Let the generated pages' raw HTML blocks skip Python-Markdown, which would only copy them.

Why: MkDocs and Python-Markdown each parse every raw HTML block of a page with `html.parser`
(MkDocs to collect anchor ids, Markdown to find where each block ends), two passes in Python
over every tag; for okrsite's pages, tables, charts and diagrams in HTML, that was about a
quarter of a whole build. Before conversion, each blank-line-separated chunk that is nothing but
complete block-level HTML elements is swapped for a one-word placeholder paragraph; after
conversion the placeholders are swapped back. Headings stay Markdown, so the table of contents,
permalinks and search sections are what they were.

Only chunks Python-Markdown would itself have passed through unchanged are swapped: a page with
anything doubtful (inline HTML in a paragraph, code fences, comments, scripts, `markdown=`
attributes, an element left open) is converted the ordinary way, whole.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from okrsite.render.pages.search_quiet import SEARCH_EXCLUDE

_TOKEN = "OKRSITERAWHTML{}X"
_TOKEN_WORD = re.compile(r"OKRSITERAWHTML(\d+)X")
_PLACEHOLDER = re.compile(r"<p>OKRSITERAWHTML(\d+)X</p>|OKRSITERAWHTML(\d+)X")
_CHUNK_SEPARATOR = re.compile(r"\n(?:[ \t]*\n)+")
_TAG = re.compile(
    r"""<(?:
        /(?P<end>[A-Za-z][A-Za-z0-9:-]*)\s*>
      | (?P<start>[A-Za-z][A-Za-z0-9:-]*)(?:\s(?:[^>"']|"[^"]*"|'[^']*')*)?(?P<empty>/)?>
    )""",
    re.VERBOSE,
)
_DOUBTFUL_SIGNS = ("```", "~~~", "<!", "<?", "<script", "<style", "markdown=")
_MARKDOWN_LINK = re.compile(r"\]\(|\]\[|\]:|<[a-z]+:")  # inline, reference, definition, auto
_QUIET_ROOT = re.compile(rf"<[A-Za-z][A-Za-z0-9:-]*(?:\s[^>]*?)?\s{SEARCH_EXCLUDE}[\s>=/]")
SEARCH_MARKS = re.compile(r'\s?data-search-\w+="[^"]+"')  # what Material's search removes
_ID = re.compile(r"""\sid=(?:"([^"]*)"|'([^']*)')""")
_BLOCK_LEVEL = frozenset(
    "address article aside blockquote body canvas center colgroup dd details div dl dt "
    "fieldset figcaption figure footer form group h1 h2 h3 h4 h5 h6 header hgroup html iframe "
    "legend li main map math menu nav noscript object ol option output p pre progress section "
    "summary table tbody td textarea tfoot th thead tr ul video".split()
)  # Python-Markdown's block-level elements, less `hr`, `script`, `style` (never swapped)


def _is_complete_html(chunk: str) -> bool:
    """True when the chunk is one or more whole block-level elements, each starting a line.

    Mirrors how Python-Markdown finds a raw block's end: every start tag inside is pushed, an
    end tag pops up to its match, and the block ends when nothing is open. The chunk is split
    at its tags in C (`between, end, start, empty, between, ...`): generated tables hold
    thousands of tags, and a match object per tag cost a cold build at size M about a second.
    """
    parts = _TAG.split(chunk)
    open_tags: list[str] = []
    for index in range(1, len(parts), 4):
        between, end, start, empty = parts[index - 1 : index + 3]
        if "<" in between:
            return False  # a `<` that is no tag: let Markdown decide what it is
        if not open_tags:  # between two top-level elements: a line break, nothing else
            starts_line = index == 1 and not between
            if not starts_line and ("\n" not in between or between.strip(" \t\n")):
                return False
            if start is None or empty is not None or start.lower() not in _BLOCK_LEVEL:
                return False
            open_tags.append(start.lower())
        elif start is not None:
            if empty is None and start.lower() != "hr":
                open_tags.append(start.lower())
        elif end.lower() in open_tags:
            closed = end.lower()
            while open_tags.pop() != closed:
                pass
    rest = parts[-1]
    return not open_tags and len(parts) > 1 and not rest.strip() and "<" not in rest


def _is_doubtful(markdown: str) -> bool:
    """True when the page holds what Python-Markdown treats specially: code fences, comments,
    processing instructions, scripts, styles, `markdown=` attributes. Substring tests on one
    lowercased copy: a case-insensitive regex scanned the 91 MB of size M in a second."""
    lowered = markdown.lower()
    return any(sign in lowered for sign in _DOUBTFUL_SIGNS)


@dataclass
class HiddenHtml:
    """The raw HTML taken out of one page, in placeholder order."""

    chunks: list[str]

    def restore(self, converted: str, *, quiet: bool = False) -> str | None:
        """The converted page with every chunk back in place; None if a placeholder was lost.

        With `quiet`, chunks whose outermost element says `data-search-exclude` are left out:
        the page as a search indexer should read it.
        """
        seen: set[int] = set()

        def put_back(match: re.Match[str]) -> str:
            number = int(match[1] or match[2])
            seen.add(number)
            chunk = self.chunks[number]
            return "" if quiet and _QUIET_ROOT.match(chunk) else chunk

        restored = _PLACEHOLDER.sub(put_back, converted).strip()  # as Markdown strips its output
        return restored if len(seen) == len(self.chunks) else None

    def has_quiet(self) -> bool:
        """True when some chunk is marked to stay out of the search index."""
        return any(_QUIET_ROOT.match(chunk) for chunk in self.chunks)

    def anchor_ids(self) -> set[str]:
        """The `id`s inside the hidden HTML, which MkDocs would have collected for link checks."""
        return {
            html.unescape(match[1] if match[1] is not None else match[2])
            for chunk in self.chunks
            for match in _ID.finditer(chunk)
        }


def hide_raw_html(markdown: str) -> tuple[str, HiddenHtml] | None:
    """The Markdown with its complete HTML chunks replaced by placeholders, and those chunks.

    None when the page has nothing to hide or anything doubtful: convert it unchanged then.
    """
    if _is_doubtful(markdown) or _TOKEN_WORD.search(markdown):
        return None
    chunks = _CHUNK_SEPARATOR.split(markdown)
    separators = _CHUNK_SEPARATOR.findall(markdown)
    hidden: list[str] = []
    parts: list[str] = []
    for index, chunk in enumerate(chunks):
        if chunk.startswith("<"):
            if not _is_complete_html(chunk):
                return None
            parts.append(_TOKEN.format(len(hidden)))
            # Python-Markdown keeps the line break before a blank line: same bytes as before
            hidden.append(chunk + "\n" if index < len(separators) else chunk)
        elif "<" in chunk:
            return None  # inline HTML, or HTML a paragraph would swallow
        else:
            parts.append(chunk)
        if index < len(separators):
            parts.append(separators[index])
    if not hidden:
        return None
    return "".join(parts), HiddenHtml(hidden)


def needs_mkdocs_links(markdown: str) -> bool:
    """True when Markdown left outside hidden HTML has links MkDocs would resolve and check."""
    return _MARKDOWN_LINK.search(markdown) is not None
