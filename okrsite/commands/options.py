"""Command-line options several commands share, so they read and check the same way everywhere."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from okrsite.compute.as_of import AsOfError, resolve_as_of
from okrsite.compute.cycles import CycleLength, CycleRule
from okrsite.compute.progress import Thresholds
from okrsite.model import Visibility
from okrsite.options import PortalSettings

if TYPE_CHECKING:
    from okrsite.engines.mkdocs_yml import SiteConfig

MKDOCS_YML = "mkdocs.yml"


class OptionError(ValueError):
    """What an option falls back on cannot be used; the message names file, line and fix."""


def _iso_date(text: str) -> date:
    try:
        return resolve_as_of(text)
    except AsOfError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_content_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "content_dir",
        nargs="?",
        default=None,
        metavar="CONTENT_DIR",
        help="the content directory (default: the okrsite plugin's `content` in ./mkdocs.yml, "
        "else content)",
    )


def add_as_of(parser: argparse.ArgumentParser) -> None:
    """`--as-of DATE`, checked while parsing; absent, the command resolves the default itself."""
    parser.add_argument(
        "--as-of",
        type=_iso_date,
        default=None,
        metavar="DATE",
        help="compute progress as of this ISO date (default: the plugin's `as_of` in ./mkdocs.yml, "
        "else SOURCE_DATE_EPOCH, else today)",
    )


def add_visibility(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument(
        "--visibility",
        choices=[v.value for v in Visibility],
        default=None,
        help=f"{help_text} (default: the plugin's `visibility` in ./mkdocs.yml, else internal)",
    )


def _month(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 12:
        raise argparse.ArgumentTypeError(f"must be a month from 1 (January) to 12, not {text!r}")
    return int(text)


def add_cycles(parser: argparse.ArgumentParser) -> None:
    """`--cycle` and `--year-start`: absent, the plugin's `cycle` and `year_start` in the
    mkdocs.yml of the working directory, so CI's roll-ups are the portal's."""
    parser.add_argument(
        "--cycle",
        choices=[length.value for length in CycleLength],
        default=None,
        help="the OKR cycle roll-ups count objectives of (default: the okrsite plugin's `cycle` "
        "in ./mkdocs.yml, else quarter)",
    )
    parser.add_argument(
        "--year-start",
        type=_month,
        default=None,
        metavar="MONTH",
        help="the month (1-12) a fiscal year starts in (default: the plugin's `year_start` in "
        "./mkdocs.yml, else 1)",
    )


def configured_site() -> SiteConfig | None:
    """./mkdocs.yml as the okrsite plugin reads it, or None without one: the defaults of every
    option, so CI's numbers are the portal's. Raises OptionError naming file and line."""
    if not Path(MKDOCS_YML).is_file():
        return None
    # imported only here: reading settings loads the renderers' options, which take a while
    from okrsite.engines.mkdocs_yml import SiteConfigError, read_site_config

    try:
        return read_site_config(Path(MKDOCS_YML))
    except SiteConfigError as exc:
        raise OptionError(f"{exc} (okrsite reads it for the settings options leave out)") from None


def content_dir(args: argparse.Namespace, site: SiteConfig | None) -> Path:
    if args.content_dir is not None:
        return Path(args.content_dir)
    return site.settings.content_dir if site is not None else Path("content")


def portal_settings(args: argparse.Namespace, site: SiteConfig | None) -> PortalSettings:
    """The settings that decide the numbers: each option given, else the plugin's setting in
    ./mkdocs.yml, else the default."""
    base = site.settings.portal if site is not None else PortalSettings(resolve_as_of(None))
    cycles = CycleRule(
        CycleLength(args.cycle) if args.cycle is not None else base.cycles.length,
        args.year_start or base.cycles.year_start,
        base.cycles.grading_days,
    )
    on_track, at_risk = getattr(args, "on_track", None), getattr(args, "at_risk", None)
    thresholds = Thresholds(
        base.thresholds.on_track if on_track is None else on_track,
        base.thresholds.at_risk if at_risk is None else at_risk,
    )
    return replace(
        base,
        as_of=args.as_of or base.as_of,
        visibility=base.visibility if args.visibility is None else Visibility(args.visibility),
        thresholds=thresholds,
        cycles=cycles,
    )
