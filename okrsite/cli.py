"""The `okrsite` command line: builds the argparse parser and hands over to a command module.

Adding a command is writing `okrsite/commands/<name>.py` (see `okrsite.commands`) and listing
it in `COMMANDS`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

COMMANDS = ("check", "schema", "export", "init", "generate")  # the order `--help` lists them


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of `only` that one: only its module is imported, so
    `okrsite check` in CI does not load the renderers, a good share of a check's time."""
    parser = argparse.ArgumentParser(
        prog="okrsite", description="Publish OKRs kept as YAML in git as a static site."
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS if only is None else (only,):
        command = importlib.import_module(f"okrsite.commands.{name}")
        command.add_parser(subparsers).set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    named = arguments[0] if arguments and arguments[0] in COMMANDS else None
    args = build_parser(named).parse_args(arguments)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
