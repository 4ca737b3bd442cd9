"""`okrsite export`: write okrs.json, okrs.schema.json and key-results.csv without building the
site, for scripts and dashboards that only need the numbers.

The files are the ones a site build publishes (same content, as-of date, visibility, thresholds
and URL settings give the same bytes). They go straight into `--out`; `--prefix` and
`--site-url` only shape the `url` fields. Nothing is written when the content has errors, and
the files are swapped in only after all of them are written, so a failed export never leaves
a mix of old and new files.

Exit codes: 0 written, 1 content errors, 2 usage errors (bad option, unwritable directory).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okrsite.commands.options import (
    OptionError,
    add_as_of,
    add_content_dir,
    add_cycles,
    add_visibility,
    configured_site,
    content_dir,
    portal_settings,
)
from okrsite.compute.as_of import AsOfError
from okrsite.compute.progress import Thresholds
from okrsite.problems import has_errors
from okrsite.render.exports import export_files
from okrsite.site import load_portal
from okrsite.urls import SiteUrls

if TYPE_CHECKING:
    from okrsite.engines.mkdocs_yml import SiteConfig


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "export",
        help="write okrs.json, its JSON Schema and key-results.csv",
        description="Write the published OKRs with computed progress as okrs.json (with its "
        "JSON Schema, okrs.schema.json) and key-results.csv, without building the site.",
    )
    add_content_dir(parser)
    parser.add_argument("--out", required=True, metavar="DIR", help="directory to write into")
    add_as_of(parser)
    add_visibility(parser, "publish objectives up to this level")
    add_cycles(parser)
    parser.add_argument(
        "--site-url",
        metavar="URL",
        help="the site's public address, for absolute urls (default: `site_url` in ./mkdocs.yml)",
    )
    parser.add_argument(
        "--prefix",
        default=None,
        help="the site's okrsite prefix (default: the plugin's `prefix` in ./mkdocs.yml, "
        "else none)",
    )
    parser.add_argument(
        "--no-directory-urls",
        action="store_true",
        default=None,
        help="page urls end in .html (default: as `use_directory_urls` in ./mkdocs.yml says)",
    )
    defaults = Thresholds()
    parser.add_argument(
        "--on-track",
        type=float,
        default=None,
        metavar="GAP",
        help="largest lag behind the expected line still on track (default: the plugin's "
        f"`on_track` in ./mkdocs.yml, else {defaults.on_track})",
    )
    parser.add_argument(
        "--at-risk",
        type=float,
        default=None,
        metavar="GAP",
        help="largest lag still at risk, not off track (default: the plugin's `at_risk` in "
        f"./mkdocs.yml, else {defaults.at_risk})",
    )
    return parser


def write_all(out: Path, files: dict[str, str]) -> None:
    """Write every file beside its target first, then move them all into place."""
    out.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, content in files.items():
            temporary = out / f".{name}.okrsite-tmp"
            with open(temporary, "w", encoding="utf-8", newline="") as stream:
                stream.write(content)
            staged.append((temporary, out / name))
        for temporary, final in staged:
            os.replace(temporary, final)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)


def _site_urls(args: argparse.Namespace, site: SiteConfig | None) -> SiteUrls:
    """The options given, else what ./mkdocs.yml says, so the urls are the published site's."""
    if site is None:
        return SiteUrls(args.prefix or "", not args.no_directory_urls, args.site_url)
    return SiteUrls(
        site.settings.prefix if args.prefix is None else args.prefix,
        site.use_directory_urls if args.no_directory_urls is None else False,
        args.site_url or site.site_url,
    )


def run(args: argparse.Namespace) -> int:
    try:
        site = configured_site()
        settings = portal_settings(args, site)
    except (AsOfError, OptionError) as exc:
        print(f"okrsite export: {exc}", file=sys.stderr)
        return 2
    loaded = load_portal(content_dir(args, site), settings)
    portal, problems = loaded.portal, loaded.problems
    for problem in problems:
        print(problem, file=sys.stderr)
    if portal is None or has_errors(problems):
        print("okrsite export: nothing written; fix the errors above", file=sys.stderr)
        return 1
    urls = _site_urls(args, site)
    out = Path(args.out)
    try:
        write_all(out, export_files(portal, urls))
    except OSError as exc:
        print(f"okrsite export: cannot write to '{out}': {exc.strerror}", file=sys.stderr)
        return 2
    print(f"okrsite export: wrote okrs.json, okrs.schema.json and key-results.csv to {out}")
    return 0
