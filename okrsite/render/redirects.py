"""Keep old links alive when an id changes: every alias (former id) gets a redirect page at its
old page URL and a copy of the badge and endpoint JSON at its old badge paths.

Badges are copied rather than redirected because images embedded elsewhere do not follow an
HTML redirect. The redirect pages are plain HTML files (meta refresh, canonical link and a
visible link for browsers without refresh), so a site engine copies them as they are. The north
star's page is the overview, whose URL never depends on an id, so its aliases keep badges only.
Whether aliases collide with ids is the validator's business; this module trusts the model.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from urllib.parse import quote

import jinja2

from okrsite.artifacts import Artifact
from okrsite.model import Entity
from okrsite.portal import Portal
from okrsite.render.badges import BadgeOptions, badge_files, badge_subjects
from okrsite.urls import Kind, SiteUrls

_TEMPLATE = jinja2.Environment(autoescape=True, keep_trailing_newline=True).from_string(
    """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved: {{ title }}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{{ canonical }}">
<meta http-equiv="refresh" content="0; url={{ href }}">
</head>
<body>
<p>This page has moved: <a href="{{ href }}">{{ title }}</a>.</p>
</body>
</html>
"""
)


def old_keys(entity: Entity) -> list[str]:
    """The lowercased aliases that name a URL other than the entity's own, each once."""
    keys: list[str] = []
    for alias in entity.aliases:
        key = alias.lower()
        if key != entity.key and key not in keys:
            keys.append(key)
    return keys


def _page_kinds(portal: Portal) -> Iterable[tuple[Kind, Mapping[str, Entity]]]:
    model = portal.model
    return (
        (Kind.VALUE_STREAM, model.value_streams),
        (Kind.STAGE, model.stages),
        (Kind.CAPABILITY, model.capabilities),
        (Kind.TEAM, model.teams),
        (Kind.OBJECTIVE, model.objectives),
        (Kind.KEY_RESULT, model.key_results),
        (Kind.INITIATIVE, model.initiatives),
    )


def file_of_url(url: str) -> str:
    """The file that serves a page URL: `x/` is served by `x/index.html`."""
    return f"{url}index.html" if url.endswith("/") or not url else url


def redirect_page(urls: SiteUrls, kind: Kind, entity: Entity, old_key: str) -> Artifact:
    old_url = urls.page_url(kind, old_key)
    new_url = urls.page_url(kind, entity.key)
    href = quote(urls.relative(old_url, new_url), safe="/.-_~%")
    canonical = urls.absolute(new_url)
    html = _TEMPLATE.render(
        title=entity.title,
        href=href,
        canonical=href if canonical is None else quote(canonical, safe="-._~:/?#@!$&*+,;=%"),
    )
    return Artifact(file_of_url(old_url), html)


def _redirect_pages(portal: Portal, urls: SiteUrls) -> Iterator[Artifact]:
    for kind, entities in _page_kinds(portal):
        for entity in entities.values():
            for old_key in old_keys(entity):
                yield redirect_page(urls, kind, entity, old_key)


def redirect_artifacts(portal: Portal, urls: SiteUrls, options: BadgeOptions) -> list[Artifact]:
    """Redirect pages for every alias, then badge copies at every alias's badge paths."""
    badges = [
        artifact
        for subject in badge_subjects(portal)
        for old_key in old_keys(subject.entity)
        for artifact in badge_files(subject, options, urls, old_key)
    ]
    return [*_redirect_pages(portal, urls), *badges]
