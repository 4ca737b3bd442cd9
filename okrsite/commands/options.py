"""Command-line options several commands share, so they read and check the same way everywhere."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from okrsite.compute.as_of import AsOfError, resolve_as_of
from okrsite.compute.cycles import CycleLength, CycleRule
from okrsite.model import Visibility

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
        default="content",
        metavar="CONTENT_DIR",
        help="the content directory (default: content)",
    )


def add_as_of(parser: argparse.ArgumentParser) -> None:
    """`--as-of DATE`, checked while parsing; absent, the command resolves the default itself."""
    parser.add_argument(
        "--as-of",
        type=_iso_date,
        default=None,
        metavar="DATE",
        help="compute progress as of this ISO date (default: SOURCE_DATE_EPOCH, else today)",
    )


def add_visibility(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument(
        "--visibility",
        choices=[v.value for v in Visibility],
        default=Visibility.INTERNAL.value,
        help=help_text,
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


def cycle_rule(args: argparse.Namespace) -> CycleRule:
    """The options given, else ./mkdocs.yml's settings, else quarters of calendar years.
    Raises OptionError (naming file and line) for an mkdocs.yml okrsite cannot use."""
    configured = CycleRule()
    if (args.cycle is None or args.year_start is None) and Path(MKDOCS_YML).is_file():
        # imported only here: reading settings loads the renderers' options (0.3 s)
        from okrsite.engines.mkdocs_yml import SiteConfigError, read_site_config

        try:
            configured = read_site_config(Path(MKDOCS_YML)).settings.portal.cycles
        except SiteConfigError as exc:
            raise OptionError(f"{exc} (or give --cycle and --year-start)") from None
    length = CycleLength(args.cycle) if args.cycle is not None else configured.length
    return CycleRule(length, args.year_start or configured.year_start, configured.grading_days)
