"""Hrefs from the page being rendered to any other page, remembering which entities it names.

Page bodies are raw HTML inside Markdown, which site engines do not rewrite, so every href is
computed here, relative to the page, for the build's URL style. The record of mentioned
entities is what lets every page list the pages that link to it.
"""

from __future__ import annotations

from okrsite.urls import Kind, SiteUrls


class PageLinks:
    def __init__(self, urls: SiteUrls, page_url: str) -> None:
        self.urls = urls
        self.page_url = page_url
        self.mentioned: set[tuple[Kind, str]] = set()

    def href(self, kind: Kind | str, key: str) -> str:
        kind = Kind(kind)
        self.mentioned.add((kind, key))
        return self.urls.relative(self.page_url, self.urls.page_url(kind, key))

    def index(self, section: str) -> str:
        return self.urls.relative(self.page_url, self.urls.index_url(section))

    def overview(self) -> str:
        return self.urls.relative(self.page_url, self.urls.overview_url())

    def cycle(self, cycle_id: str) -> str:
        return self.urls.relative(self.page_url, self.urls.cycle_url(cycle_id))

    def rule(self, code: str) -> str:
        """A quality rule's page."""
        return self.urls.relative(self.page_url, self.urls.rule_url(code))

    def diagram(self, kind: Kind | str, key: str) -> str:
        """The page's diagram as a file of its own ("Open full size")."""
        return self.urls.relative(self.page_url, self.urls.diagram_url(Kind(kind), key))

    def file(self, path: str) -> str:
        return self.urls.relative(self.page_url, self.urls.file_url(path))
