"""A whole portal as files: from content to Portal, and from Portal to every Artifact.

Site engines call these two functions and nothing else of the core: the MkDocs plugin hands the
artifacts to MkDocs in memory, `okrsite generate` writes them to disk for other engines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from pathlib import Path

from okrsite.artifacts import Artifact
from okrsite.compute.progress import Thresholds
from okrsite.load import load_content
from okrsite.model import Visibility
from okrsite.portal import Portal, assemble_portal
from okrsite.problems import Problem
from okrsite.render.pages import render_pages
from okrsite.render.pages.environment import THEME_PACKAGE
from okrsite.urls import SiteUrls

STYLESHEET = "assets/okrsite/okrsite.css"
SCRIPT = "assets/okrsite/okrsite.js"


@dataclass(frozen=True)
class PortalSettings:
    """What decides the numbers and what is published (the same for every engine)."""

    as_of: date
    visibility: Visibility = Visibility.INTERNAL
    thresholds: Thresholds = field(default_factory=Thresholds)


@dataclass(frozen=True)
class SiteOptions:
    """How the site is drawn: the user's template override folder, if any."""

    override_dir: Path | None = None


def load_portal(
    content_dir: Path, settings: PortalSettings, *, relative_to: Path | None = None
) -> tuple[Portal | None, list[Problem]]:
    """The published portal, or None with the problems that stop it (each with a location)."""
    result = load_content(content_dir, relative_to=relative_to)
    if result.model is None:
        return None, result.problems
    portal = assemble_portal(result.model, settings.as_of, settings.visibility, settings.thresholds)
    return portal, result.problems


def site_artifacts(portal: Portal, urls: SiteUrls, options: SiteOptions) -> list[Artifact]:
    """Every generated file of the portal, pages first, in a stable order."""
    artifacts = render_pages(portal, urls, override_dir=options.override_dir)
    artifacts.extend(asset_artifacts(urls))
    return artifacts


def asset_artifacts(urls: SiteUrls) -> list[Artifact]:
    """The stylesheet and the table script the pages use, below the prefix."""
    assets = files(THEME_PACKAGE) / "assets"
    return [
        Artifact(urls.file_url(STYLESHEET), (assets / "okrsite.css").read_text("utf-8")),
        Artifact(urls.file_url(SCRIPT), (assets / "okrsite.js").read_text("utf-8")),
    ]
