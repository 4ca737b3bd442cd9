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
from typing import Any

from okrsite.commands.options import (
    OptionError,
    add_as_of,
    add_content_dir,
    add_cycles,
    add_visibility,
    cycle_rule,
)
from okrsite.compute.as_of import AsOfError, resolve_as_of
from okrsite.compute.progress import Thresholds
from okrsite.model import Visibility
from okrsite.options import PortalSettings
from okrsite.problems import has_errors
from okrsite.render.exports import export_files
from okrsite.site import load_portal
from okrsite.urls import SiteUrls


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
    add_visibility(parser, "publish objectives up to this level (default: internal)")
    add_cycles(parser)
    parser.add_argument(
        "--site-url", metavar="URL", help="the site's public address, for absolute urls"
    )
    parser.add_argument(
        "--prefix", default="", help="the site's okrsite prefix, as in mkdocs.yml (default: none)"
    )
    parser.add_argument(
        "--no-directory-urls",
        action="store_true",
        help="page urls end in .html (for sites built with use_directory_urls: false)",
    )
    defaults = Thresholds()
    parser.add_argument(
        "--on-track",
        type=float,
        default=defaults.on_track,
        metavar="GAP",
        help=f"largest lag behind the expected line still on track (default: {defaults.on_track})",
    )
    parser.add_argument(
        "--at-risk",
        type=float,
        default=defaults.at_risk,
        metavar="GAP",
        help=f"largest lag still at risk, not off track (default: {defaults.at_risk})",
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


def run(args: argparse.Namespace) -> int:
    try:
        as_of = resolve_as_of(args.as_of)
        cycles = cycle_rule(args)
    except (AsOfError, OptionError) as exc:
        print(f"okrsite export: {exc}", file=sys.stderr)
        return 2
    settings = PortalSettings(
        as_of, Visibility(args.visibility), Thresholds(args.on_track, args.at_risk), cycles
    )
    loaded = load_portal(Path(args.content_dir), settings)
    portal, problems = loaded.portal, loaded.problems
    for problem in problems:
        print(problem, file=sys.stderr)
    if portal is None or has_errors(problems):
        print("okrsite export: nothing written; fix the errors above", file=sys.stderr)
        return 1
    urls = SiteUrls(args.prefix, not args.no_directory_urls, args.site_url)
    out = Path(args.out)
    try:
        write_all(out, export_files(portal, urls))
    except OSError as exc:
        print(f"okrsite export: cannot write to '{out}': {exc.strerror}", file=sys.stderr)
        return 2
    print(f"okrsite export: wrote okrs.json, okrs.schema.json and key-results.csv to {out}")
    return 0
