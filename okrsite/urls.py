"""Where every generated thing lives, and how one page links to another.

URLs come from lowercased ids only, so they never change when a title does. Page bodies are
HTML inside Markdown, which MkDocs does not rewrite, so the links between generated pages are
computed here for both `use_directory_urls` styles.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """The kinds of entity that get a page and a badge; the value is the badge folder name."""

    NORTH_STAR = "north-star"
    VALUE_STREAM = "value-stream"
    STAGE = "stage"
    CAPABILITY = "capability"
    TEAM = "team"
    OBJECTIVE = "objective"
    KEY_RESULT = "key-result"
    INITIATIVE = "initiative"


SECTIONS: dict[Kind, str] = {
    Kind.VALUE_STREAM: "value-streams",
    Kind.STAGE: "stages",
    Kind.CAPABILITY: "capabilities",
    Kind.TEAM: "teams",
    Kind.OBJECTIVE: "objectives",
    Kind.KEY_RESULT: "key-results",
    Kind.INITIATIVE: "initiatives",
}


DIAGRAM_FILE = "traceability.svg"
REVIEW_SECTION = "review"  # the quality review's folder: its page and one page per rule


def normalize_prefix(prefix: str) -> str:
    """`okrs`, `/okrs/` and `okrs/` all become `okrs/`; empty stays empty (the site root)."""
    cleaned = prefix.strip().strip("/")
    return f"{cleaned}/" if cleaned else ""


@dataclass(frozen=True, slots=True)
class SiteUrls:
    """The URL scheme of one build: prefix, `use_directory_urls` and the public `site_url`."""

    prefix: str = ""
    directory_urls: bool = True
    site_url: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "prefix", normalize_prefix(self.prefix))

    # Source paths (what a generated Markdown file is called inside docs) ------------------
    def page_source(self, kind: Kind, key: str) -> str:
        """`objectives/foo.md`; the north star's page is the overview, `index.md`."""
        if kind is Kind.NORTH_STAR:
            return self.overview_source()
        return f"{self.prefix}{SECTIONS[kind]}/{key}.md"

    def index_source(self, section: str) -> str:
        return f"{self.prefix}{section}/index.md"

    def overview_source(self) -> str:
        return f"{self.prefix}index.md"

    def cycle_source(self, cycle_id: str) -> str:
        """`cycles/2026-q3.md`: a cycle's page, beside the cycles index."""
        return f"{self.prefix}cycles/{cycle_id}.md"

    def rule_source(self, code: str) -> str:
        """`review/okr101.md`: a quality rule's page, beside the Review page."""
        return f"{self.prefix}{REVIEW_SECTION}/{code.lower()}.md"

    # URLs, relative to the site root, as MkDocs gives them ----------------------------------
    def url_of_source(self, source: str) -> str:
        """The URL MkDocs gives a Markdown source path, in this build's URL style."""
        stem = source[: -len(".md")]
        if stem == "index" or stem.endswith("/index"):
            directory = stem[: -len("index")]
            return directory if self.directory_urls else f"{stem}.html"
        return f"{stem}/" if self.directory_urls else f"{stem}.html"

    def page_url(self, kind: Kind, key: str) -> str:
        return self.url_of_source(self.page_source(kind, key))

    def index_url(self, section: str) -> str:
        return self.url_of_source(self.index_source(section))

    def overview_url(self) -> str:
        return self.url_of_source(self.overview_source())

    def cycle_url(self, cycle_id: str) -> str:
        return self.url_of_source(self.cycle_source(cycle_id))

    def rule_url(self, code: str) -> str:
        return self.url_of_source(self.rule_source(code))

    def file_url(self, path: str) -> str:
        """A non-page file below the prefix (`badges/objective/foo.svg`, `okrs.json`)."""
        return f"{self.prefix}{path}"

    def badge_url(self, kind: Kind, key: str, suffix: str = "svg") -> str:
        return self.file_url(f"badges/{kind.value}/{key}.{suffix}")

    def diagram_url(self, kind: Kind, key: str) -> str:
        """A page's diagram as a file of its own (`objectives/foo/traceability.svg`, or
        `objectives/foo.traceability.svg` with `.html` URLs): in the page's folder, so the
        diagram's links, relative to the page, lead to the same places from the file."""
        page = self.page_url(kind, key)
        if self.directory_urls:
            return f"{page}{DIAGRAM_FILE}"
        return f"{page.removesuffix('.html')}.{DIAGRAM_FILE}"

    def cycle_badge_url(self, cycle_id: str, suffix: str = "svg") -> str:
        return self.file_url(cycle_badge_path(cycle_id, suffix))

    # Linking ----------------------------------------------------------------------------
    def absolute(self, url: str) -> str | None:
        """The public address of a site-relative URL, or None when `site_url` is not set."""
        if not self.site_url:
            return None
        return self.site_url.rstrip("/") + "/" + url

    def relative(self, from_url: str, to_url: str) -> str:
        """The href that leads from the page at `from_url` to `to_url` (both site-relative)."""
        base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
        target = _relative_path(to_url, base)
        if to_url.endswith("/") or not to_url:
            target = "./" if target == "." else f"{target}/"
        return target


def _relative_path(target: str, base: str) -> str:
    """`posixpath.relpath` for site-relative paths (no `..`), without its cost: a page links
    to dozens of others, so this runs once per link of every page."""
    to_parts = [part for part in target.split("/") if part and part != "."]
    base_parts = [part for part in base.split("/") if part and part != "."]
    common = 0
    for to_part, base_part in zip(to_parts, base_parts, strict=False):
        if to_part != base_part:
            break
        common += 1
    return "/".join([".."] * (len(base_parts) - common) + to_parts[common:]) or "."


def cycle_badge_path(cycle_id: str, suffix: str = "svg") -> str:
    """A cycle's badge below the prefix: cycles are no entity kind, but badge beside them."""
    return f"badges/cycle/{cycle_id}.{suffix}"
