"""Refuse YAML nested too deeply before libyaml composes it.

PyYAML's C composer recurses once per nesting level with no limit of its own, so a file of
`[[[[…` or `- - - …` a hundred thousand levels deep kills the whole process (a segfault, not an
exception). The content format needs about six levels; anything past MAX_NESTING is refused.

Most files are shallow, and two cheap scans prove it. A block collection starts where a line's
run of spaces and `-`, `?`, `:` indicators ends, each nested one further right (a sequence may
share its key's column), so block nesting is at most twice the longest such run. Flow
collections nest at most as deep as their brackets (counted even inside quotes: an upper bound).
Only files these bounds cannot clear are walked event by event; the parsers are iterative, so
the walk is safe at any depth and finds the exact place. libyaml 0.2.5 (in PyYAML 6.0.3 and
later wheels) refuses flow collections over 1,000 deep while scanning ahead, before it yields a
single event: then the pure-Python parser, which has no limit of its own, walks the file, so the
answer (and the user's message) is the same whatever PyYAML is installed.
"""

from __future__ import annotations

import re

import yaml

try:
    from yaml import CSafeLoader as _FastLoader
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as _FastLoader  # type: ignore[assignment]

MAX_NESTING = 100
_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"[]{}")


def too_deep_at(raw: bytes, limit: int = MAX_NESTING) -> tuple[int, int] | None:
    """Where (1-based line, column) collections first nest deeper than `limit`, or None.

    Text that is not YAML at all gives None: reading it reports the syntax error.
    """
    flow_room = limit - _deepest_brackets(raw, limit)
    if flow_room > 0 and not _has_block_run(raw, flow_room // 2):
        return None
    try:
        return _walk(raw, limit, _FastLoader)
    except yaml.YAMLError:
        pass
    try:
        return _walk(raw, limit, yaml.SafeLoader)
    except yaml.YAMLError:
        return None


def _walk(raw: bytes, limit: int, loader: type) -> tuple[int, int] | None:
    """Follow the parser's events to the first collection deeper than `limit`."""
    depth = 0
    for event in yaml.parse(raw, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            mark = event.start_mark
            if depth > limit and mark is not None:
                return (mark.line + 1, mark.column + 1)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _deepest_brackets(raw: bytes, limit: int) -> int:
    """How deep `[` and `{` nest, counting every bracket; stops early once past `limit`."""
    opened = raw.count(b"[") + raw.count(b"{")
    if opened <= limit:
        return opened
    depth = deepest = 0
    for byte in raw.translate(None, _NOT_BRACKETS):
        depth += 1 if byte in b"[{" else -1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    return deepest


def _has_block_run(raw: bytes, length: int) -> bool:
    """True if a line starts with `length` or more spaces, tabs and block indicators."""
    return re.search(rb"^[ \t?:-]{%d}" % length, raw, re.MULTILINE) is not None
