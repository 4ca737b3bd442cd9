"""Command-line options several commands share, so they read and check the same way everywhere."""

from __future__ import annotations

import argparse
from datetime import date

from okrsite.compute.as_of import AsOfError, resolve_as_of
from okrsite.compute.cycles import CycleLength, CycleRule
from okrsite.model import Visibility


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
    """`--cycle` and `--year-start`, as the plugin's `cycle` and `year_start` settings: give CI the
    values of mkdocs.yml, so its roll-ups are the portal's."""
    parser.add_argument(
        "--cycle",
        choices=[length.value for length in CycleLength],
        default=CycleLength.QUARTER.value,
        help="the OKR cycle roll-ups count objectives of (default: quarter)",
    )
    parser.add_argument(
        "--year-start",
        type=_month,
        default=1,
        metavar="MONTH",
        help="the month (1-12) a fiscal year starts in (default: 1)",
    )


def cycle_rule(args: argparse.Namespace) -> CycleRule:
    return CycleRule(CycleLength(args.cycle), args.year_start)
