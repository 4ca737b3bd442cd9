"""The Jinja environment for page bodies, built once per build and reused for every page.

Templates are looked up first in the user's override directory (their Material `custom_dir`),
then in the templates shipped with okrsite, so overriding one page means placing a file of the
same name, e.g. `overrides/okrsite/objective.md.jinja`. Every section of a shipped page is a
`{% block %}`, and the shipped templates are also reachable as `shipped/<name>`, so an override
can extend the one it replaces and change a single block:
`{% extends "shipped/okrsite/objective.md.jinja" %}{% block initiatives %}{% endblock %}`.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import jinja2

from okrsite.compute.changes import why
from okrsite.quality.rules import RULES_BY_CODE
from okrsite.render.pages import formats, markup
from okrsite.render.pages.search_quiet import separated_facts

THEME_PACKAGE = "okrsite.theme"
SHIPPED_PREFIX = "shipped"  # `shipped/okrsite/x.md.jinja`: the template okrsite ships, unoverridden


def packaged_theme_dir() -> Path:
    """The installed `theme/` folder (package data of `okrsite.theme`)."""
    return Path(str(files(THEME_PACKAGE)))


def page_environment(override_dir: Path | None = None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if override_dir is not None:
        loaders.append(jinja2.FileSystemLoader(override_dir))
    shipped = jinja2.FileSystemLoader(packaged_theme_dir())
    loaders += [shipped, jinja2.PrefixLoader({SHIPPED_PREFIX: shipped})]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one environment per build: no stat() of the template per page
    )
    env.filters.update(
        percent=formats.percent,
        grade=formats.grade,
        band_label=formats.band_label,
        percent_number=formats.percent_number,
        number=formats.number,
        with_unit=formats.with_unit,
        status_label=formats.status_label,
        signal_label=formats.signal_label,
        title_head=formats.title_head,
        change_why=why,
        rule_name=lambda code: RULES_BY_CODE[code].name,
        progress_text=formats.progress_text,
        first_paragraph=markup.first_paragraph,
        description=markup.description_html,
        md=markup.markdown_text,
        code_spans=markup.code_spans,
        safe_url=markup.safe_link_url,
        external=markup.is_external,
        separated_facts=separated_facts,
    )
    return env
