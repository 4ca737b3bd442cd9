"""`okrsite generate`: write the portal as a folder of files, for engines that don't run the
MkDocs plugin (Zensical first; see docs/guide/zensical.md).

The files are the ones the MkDocs plugin hands to MkDocs (same pages, URLs, badges, diagrams,
exports), from the same core call (`site_cache.render_portal`). With `--config`, the
settings come from the `okrsite` entry of that mkdocs.yml, the user's docs are copied in beside
the portal, and a Zensical config (`zensical.yml` beside mkdocs.yml) points Zensical at the
folder, so one mkdocs.yml builds the same site on both engines.

Exit codes: 0 written, 1 content errors (nothing written), 2 usage, config, diagram or output
errors.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from okrsite.engines.folder import FolderError, laid_out, user_files, write_folder
from okrsite.engines.mkdocs_yml import SiteConfig, SiteConfigError, read_site_config
from okrsite.engines.zensical import zensical_config, zensical_nav_notices
from okrsite.model import Visibility
from okrsite.problems import has_errors
from okrsite.render.diagrams import DiagramError
from okrsite.settings import SETTINGS, SettingsError, read_settings
from okrsite.site import SCRIPT, STYLESHEETS
from okrsite.site_cache import render_portal
from okrsite.urls import SiteUrls

PROGRAM = "okrsite generate"
_DEFAULT = {setting.name: setting.default for setting in SETTINGS}
# The okrsite settings the command line offers when there is no mkdocs.yml to read them from.
_SETTING_OPTIONS = ("content", "prefix", "as_of", "on_track", "at_risk", "visibility")
_SITE_OPTIONS = {"site_url": None, "no_directory_urls": False}


class UsageError(Exception):
    """Bad options or settings: reported as one line, exit code 2."""


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "generate",
        help="write the portal's pages, badges, diagrams and exports as files",
        description="Write the portal as Markdown pages plus badges, diagrams and exports into "
        "OUT_DIR (replaced as a whole, only after everything is written), so engines without "
        "the MkDocs plugin (Zensical) publish the same portal. With --config, the settings come "
        "from that mkdocs.yml's okrsite plugin entry, its docs are copied in, and a Zensical "
        "config is written beside it.",
    )
    parser.add_argument("out_dir", metavar="OUT_DIR", help="folder to (re)write")
    parser.add_argument(
        "--config", metavar="FILE", help="read the okrsite settings from this mkdocs.yml"
    )
    parser.add_argument(
        "--zensical-config",
        metavar="FILE",
        help="with --config: where to write the Zensical config (default: zensical.yml beside "
        "the mkdocs.yml)",
    )
    standalone = parser.add_argument_group("settings without --config")
    standalone.add_argument("--content", default=_DEFAULT["content"], metavar="DIR",
                            help="the content directory (default: content)")  # fmt: skip
    standalone.add_argument(
        "--as-of",
        metavar="DATE",
        help="compute progress as of this ISO date (default: SOURCE_DATE_EPOCH, else today)",
    )
    standalone.add_argument(
        "--visibility",
        choices=[v.value for v in Visibility],
        default=_DEFAULT["visibility"],
        help="publish objectives up to this level (default: internal)",
    )
    standalone.add_argument(
        "--prefix", default=_DEFAULT["prefix"], help="folder of the portal in the site"
    )
    standalone.add_argument("--site-url", metavar="URL", help="the site's public address")
    standalone.add_argument(
        "--no-directory-urls",
        action="store_true",
        help="page urls end in .html (for sites built with use_directory_urls: false)",
    )
    for name, meaning in (("on_track", "on track"), ("at_risk", "at risk")):
        standalone.add_argument(
            f"--{name.replace('_', '-')}",
            type=float,
            default=_DEFAULT[name],
            metavar="GAP",
            help=f"largest lag still {meaning} (default: {_DEFAULT[name]})",
        )
    return parser


def _standalone_site(args: argparse.Namespace) -> SiteConfig:
    """The settings from the command line, when no mkdocs.yml is given."""
    values = {name: getattr(args, name) for name in _SETTING_OPTIONS}
    try:
        settings = read_settings(values, base_dir=Path.cwd())
    except SettingsError as exc:
        raise UsageError(str(exc)) from None
    return SiteConfig(
        path=Path("mkdocs.yml"),
        docs_dir=Path("docs"),
        use_directory_urls=not args.no_directory_urls,
        site_url=args.site_url,
        nav=None,
        settings=settings,
    )


def _site(args: argparse.Namespace) -> SiteConfig:
    if args.config is None:
        if args.zensical_config is not None:
            raise UsageError("--zensical-config needs --config (the mkdocs.yml it inherits)")
        return _standalone_site(args)
    defaults = {**{name: _DEFAULT[name] for name in _SETTING_OPTIONS}, **_SITE_OPTIONS}
    given = [f"--{name.replace('_', '-')}" for name, default in defaults.items()
             if getattr(args, name) != default]  # fmt: skip
    if given:
        raise UsageError(
            f"{given[0]} cannot be combined with --config; set it in that mkdocs.yml instead"
        )
    try:
        return read_site_config(Path(args.config))
    except SiteConfigError as exc:
        raise UsageError(str(exc)) from None


def _zensical_config_path(args: argparse.Namespace, site: SiteConfig, out_dir: Path) -> Path:
    """Where the Zensical config goes; Zensical wants docs_dir inside the config's folder."""
    path = Path(args.zensical_config or site.path.parent / "zensical.yml")
    root = path.parent.resolve()
    if not out_dir.resolve().is_relative_to(root):
        raise UsageError(
            f"OUT_DIR '{out_dir}' must be inside '{path.parent}' (the folder of the Zensical "
            "config), because Zensical only builds a docs_dir inside its config's folder"
        )
    if out_dir.resolve().is_relative_to(site.docs_dir.resolve()):
        raise UsageError(
            f"OUT_DIR '{out_dir}' is inside the docs folder '{site.docs_dir}'; choose a "
            "folder outside it (for example .okrsite/site-docs)"
        )
    return path


def _write_text(path: Path, text: str) -> None:
    """Replace a file in one step, so readers see the old or the new text, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _generate(args: argparse.Namespace) -> int:
    site = _site(args)
    settings = site.settings
    out_dir = Path(args.out_dir)
    with_config = args.config is not None
    config_path = _zensical_config_path(args, site, out_dir) if with_config else None
    if with_config and not site.docs_dir.is_dir():
        raise UsageError(f"docs_dir '{site.docs_dir}' of '{site.path}' does not exist")
    if not settings.content_dir.is_dir():
        raise UsageError(
            f"content directory '{settings.content_dir}' does not exist; create it or pass "
            "the right path"
        )

    urls = SiteUrls(settings.prefix, site.use_directory_urls, site.site_url)
    rendered = render_portal(settings, urls)  # from the render cache when nothing changed
    for problem in rendered.problems:
        print(problem, file=sys.stderr)
    for notice in rendered.notices:
        print(f"{PROGRAM}: warning: {notice}", file=sys.stderr)
    if rendered.files is None or has_errors(rendered.problems):
        print(f"{PROGRAM}: nothing written; fix the errors above", file=sys.stderr)
        return 1

    artifacts = rendered.files.artifacts
    files, nav = laid_out(artifacts, rendered.files.nav, site.use_directory_urls)
    docs_dir = site.docs_dir if with_config else None
    write_folder(out_dir, files, [a.path for a in artifacts], docs_dir)

    pages = sum(a.is_page for a in files)
    summary = f"{PROGRAM}: wrote {pages} pages and {len(files) - pages} other files to {out_dir}"
    if config_path is not None:
        for notice in zensical_nav_notices(site.nav, nav, urls):
            print(f"{PROGRAM}: warning: {notice}", file=sys.stderr)
        text = zensical_config(
            mkdocs_yml=site.path,
            out_dir=out_dir,
            portal_nav=nav,
            user_nav=site.nav,
            user_pages=[p for p in user_files(site.docs_dir) if p.endswith(".md")],
            stylesheets=[urls.file_url(path) for path in STYLESHEETS],
            scripts=[urls.file_url(SCRIPT)],
            config_path=config_path,
        )
        _write_text(config_path, text)
        summary += f"; build it with `zensical build -f {config_path}`"
    print(summary)
    return 0


def run(args: argparse.Namespace) -> int:
    try:
        return _generate(args)
    except (UsageError, FolderError, DiagramError) as exc:  # nothing was written
        print(f"{PROGRAM}: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{PROGRAM}: cannot write '{exc.filename}': {exc.strerror}", file=sys.stderr)
        return 2
