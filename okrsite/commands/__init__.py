"""The `okrsite` subcommands, one module each.

A command module exposes `add_parser(subparsers) -> argparse.ArgumentParser`, which adds and
returns its subparser, and `run(args) -> int`, which returns the exit code (0 fine, 1 problems
in the content, 2 usage errors). `okrsite/cli.py` lists the modules.
"""
