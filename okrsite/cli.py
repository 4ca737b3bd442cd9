"""The `okrsite` command line: builds the argparse parser and hands over to a command module.

Adding a command is writing `okrsite/commands/<name>.py` (see `okrsite.commands`) and listing
it in `COMMANDS`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from okrsite.commands import check, export, generate, init, schema

COMMANDS = (check, schema, export, init, generate)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="okrsite", description="Publish OKRs kept as YAML in git as a static site."
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(subparsers).set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
