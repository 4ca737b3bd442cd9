"""`okrsite schema`: print the JSON Schema of the content format for editors and CI."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from okrsite.spec.json_schema import content_schema_text
from okrsite.spec.reference import format_reference


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema (draft 2020-12) of a content document",
        description="Print the JSON Schema of one content document, generated from the same "
        "definitions the validator uses. Point editors at it with a "
        "`# yaml-language-server: $schema=<file>` line.",
    )
    parser.add_argument(
        "--markdown",
        action="store_true",
        help="print the format as a Markdown reference (a table of keys per kind) instead",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(format_reference() if args.markdown else content_schema_text())
    return 0
