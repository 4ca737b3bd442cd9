"""The portal's pages: Markdown artifacts rendered from Jinja templates, and their navigation."""

from okrsite.render.pages.nav import NavEntry, portal_nav
from okrsite.render.pages.render import DiagramFor, Embed, EmbedsFor, render_pages

__all__ = ["DiagramFor", "Embed", "EmbedsFor", "NavEntry", "portal_nav", "render_pages"]
