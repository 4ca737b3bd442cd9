"""Add the `okrsite` entry to the text of an existing mkdocs.yml, as a minimal insertion.

Why text and not a YAML round trip: dumping the file again loses its comments, key order and
quoting, and safe loaders cannot even read tags such as `!ENV` or `!!python/name:` (they are
kept opaque here, as in okrsite/engines/mkdocs_yml.py). So the edit takes PyYAML's node
positions to find the line after the last entry of `plugins:` and inserts the entry there at
the list's own indentation, or adds an entry to a flow list (`plugins: [search, tags]`), or
appends a new `plugins:` block. Then it parses both texts and keeps the edit only if the result
reads as the original plus the entry. Whatever it cannot do that for is refused with the lines
to add by hand (`EditRefused`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import yaml

from okrsite.engines.mkdocs_yml import TolerantLoader

PLUGIN = "okrsite"
STANDARD_TAGS = "tag:yaml.org,2002:"
NULL = "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class Edit:
    """The new text of mkdocs.yml and what was inserted where."""

    text: str
    added: str  # the inserted lines as they are in the file, or the entry added to a line
    after_line: int  # the 1-based line they follow (0: the file's start), or are added to
    where: str  # "in the `plugins:` list", … for the messages
    with_search: bool  # `- search` added too: MkDocs drops its default once `plugins:` is set
    inline: bool  # added to a line (a flow list) rather than as lines of their own

    def shown(self) -> str:
        """What the user reads: the added lines, or the whole line an entry was added to."""
        if not self.inline:
            return self.added
        return self.text.splitlines()[self.after_line - 1]


class EditRefused(ValueError):
    """The entry cannot be added safely; `by_hand` holds the lines for the user to add."""

    def __init__(self, line: int, reason: str, by_hand: str) -> None:
        super().__init__(reason)
        self.line, self.reason, self.by_hand = line, reason, by_hand


def scalar(value: str) -> str:
    """`value` as a YAML scalar: plain when it reads back as itself, else double-quoted."""
    try:
        plain = yaml.safe_load(value) == value and ":" not in value and "#" not in value
    except yaml.YAMLError:
        plain = False
    return value if plain else '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def block_entry(settings: dict[str, str], *, dash: int = 2, key: int = 4, nested: int = 6) -> str:
    """`- okrsite:` and its settings as a block list entry, one line each (no final newline)."""
    lines = [f"{' ' * dash}-{' ' * (key - dash - 1)}{PLUGIN}:"]
    lines += [f"{' ' * nested}{name}: {scalar(value)}" for name, value in settings.items()]
    return "\n".join(lines)


def by_hand_lines(settings: dict[str, str], *, has_plugins: bool) -> str:
    """What to add to mkdocs.yml by hand: the entry, or a whole `plugins:` block."""
    if has_plugins:
        return block_entry(settings)
    return "plugins:\n  - search\n" + block_entry(settings)


def _flow_entry(settings: dict[str, str]) -> str:
    inner = ", ".join(f"{name}: {scalar(value)}" for name, value in settings.items())
    return f"{PLUGIN}: {{{inner}}}"


def _compose(text: str) -> yaml.Node | None:
    loader = TolerantLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def load_tolerant(text: str) -> Any:
    """The data of a YAML text, any tag read as an opaque value (as okrsite/engines reads it)."""
    loader = TolerantLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _last_mark(node: yaml.Node) -> yaml.Mark:
    """Where the last character of `node`'s own text is. A block collection's end mark is the
    next token's start (past comments and blank lines), so its last child's end is taken."""
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _last_mark(node.value[-1])
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return _last_mark(node.value[-1][1])
    return node.end_mark


def _line_after(text: str, mark: yaml.Mark) -> int:
    """The index where the line after `mark` starts (a block scalar's end is at a line start)."""
    if mark.index > 0 and text[mark.index - 1] == "\n":
        return mark.index
    found = text.find("\n", mark.index)
    return len(text) if found == -1 else found + 1


def _nested_indent(collection: yaml.Node) -> int:
    """How far the file indents a plugin's settings below its name (2 unless it shows)."""
    for item in collection.value:
        pairs = item.value if isinstance(item, yaml.MappingNode) else [item]
        for pair in pairs:
            if not isinstance(pair, tuple):
                continue
            name, settings = pair
            if (
                isinstance(settings, yaml.MappingNode)
                and settings.value
                and not settings.flow_style
            ):
                indent = settings.value[0][0].start_mark.column - name.start_mark.column
                if indent > 0:
                    return int(indent)
    return 2


@dataclass(frozen=True)
class _Insertion:
    at: int  # index in the text
    text: str  # what goes there, with "\n" line breaks
    where: str
    inline: bool = False  # inside a line (a flow list) rather than whole lines before `at`
    with_search: bool = False
    lead: str = ""  # a blank line before a new block


def _into_block_sequence(
    text: str, node: yaml.SequenceNode, settings: dict[str, str]
) -> _Insertion:
    dash = node.start_mark.column
    first = node.value[0]
    key = first.start_mark.column if first.start_mark.line == node.start_mark.line else dash + 2
    nested = key + _nested_indent(node)
    entry = block_entry(settings, dash=dash, key=key, nested=nested)
    return _Insertion(_line_after(text, _last_mark(node)), entry, "in the `plugins:` list")


def _into_block_mapping(text: str, node: yaml.MappingNode, settings: dict[str, str]) -> _Insertion:
    key = node.value[0][0].start_mark.column
    nested = key + _nested_indent(node)
    lines = [f"{' ' * key}{PLUGIN}:"]
    lines += [f"{' ' * nested}{name}: {scalar(value)}" for name, value in settings.items()]
    where = "in the `plugins:` mapping"
    return _Insertion(_line_after(text, _last_mark(node)), "\n".join(lines), where)


def _into_flow(node: yaml.Node, settings: dict[str, str]) -> _Insertion:
    entry = _flow_entry(settings)
    if isinstance(node, yaml.SequenceNode):
        entry = f"{{{entry}}}"
    if node.value:
        last = node.value[-1]
        end = last[1] if isinstance(last, tuple) else last
        where = "at the end of the `plugins:` list"
        return _Insertion(end.end_mark.index, f", {entry}", where, inline=True)
    return _Insertion(node.start_mark.index + 1, entry, "in the empty `plugins:` list", inline=True)


def _new_block(text: str, root: yaml.MappingNode, settings: dict[str, str]) -> _Insertion:
    indent = " " * root.start_mark.column
    lines = by_hand_lines(settings, has_plugins=False).split("\n")
    block = "\n".join(f"{indent}{line}" for line in lines)
    lead = "" if text.endswith("\n\n") or not text else "\n"
    where = "as a new `plugins:` block at the end"
    return _Insertion(len(text), block, where, with_search=True, lead=lead)


def _under_empty_key(text: str, key: yaml.Node, settings: dict[str, str]) -> _Insertion:
    lines = by_hand_lines(settings, has_plugins=False).split("\n")[1:]  # without `plugins:`
    indent = " " * key.start_mark.column
    entry = "\n".join(f"{indent}{line}" for line in lines)
    return _Insertion(_line_after(text, key.end_mark), entry, "below `plugins:`", with_search=True)


def _insertion(text: str, root: yaml.Node | None, settings: dict[str, str]) -> _Insertion:
    """Where and what to insert; raises EditRefused (line, reason) with no `by_hand` yet."""
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise EditRefused(1, "the file is not a block mapping of settings", "")
    keys = {k.value: (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    if "plugins" not in keys:
        if "<<" in keys:
            line = keys["<<"][0].start_mark.line + 1
            raise EditRefused(
                line, "its settings merge in a mapping (`<<:`) that may set plugins", ""
            )
        return _new_block(text, root, settings)
    key, value = keys["plugins"]
    line = key.start_mark.line + 1
    if value.start_mark.index < key.end_mark.index:
        raise EditRefused(line, "`plugins:` is an alias (`*name`) of a list written elsewhere", "")
    if not value.tag.startswith(STANDARD_TAGS):
        raise EditRefused(line, f"`plugins:` is tagged `{value.tag}`, so its value is computed", "")
    if isinstance(value, yaml.ScalarNode):
        if value.tag == NULL and value.value == "":
            return _under_empty_key(text, key, settings)
        raise EditRefused(line, f"`plugins:` is `{value.value}`, not a list of plugins", "")
    if value.flow_style:
        return _into_flow(value, settings)
    if isinstance(value, yaml.SequenceNode):
        return _into_block_sequence(text, value, settings)
    assert isinstance(value, yaml.MappingNode)
    return _into_block_mapping(text, value, settings)


def expected_data(before: dict[str, Any], settings: dict[str, str]) -> dict[str, Any]:
    """The original settings with the okrsite entry (and `search`, where MkDocs had it by
    default): what the edited file must read as."""
    entry: dict[str, Any] = {PLUGIN: dict(settings)}
    plugins = before.get("plugins")
    if isinstance(plugins, list):
        return {**before, "plugins": [*plugins, entry]}
    if isinstance(plugins, dict):
        return {**before, "plugins": {**plugins, **entry}}
    return {**before, "plugins": ["search", entry]}


def reads_as_expected(before_text: str, after_text: str, settings: dict[str, str]) -> bool:
    """True when the edited text parses as the original plus the entry, keys in their order."""
    try:
        before, after = load_tolerant(before_text), load_tolerant(after_text)
    except yaml.YAMLError:
        return False
    if not isinstance(before, dict) or not isinstance(after, dict):
        return False
    expected = expected_data(before, settings)
    return bool(after == expected and list(after) == list(expected))


def add_plugin_entry(text: str, settings: dict[str, str]) -> Edit:
    """`text` with the okrsite entry added, or EditRefused saying why and what to add by hand."""
    try:
        root = _compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        by_hand = by_hand_lines(settings, has_plugins=False)
        raise EditRefused(line, "it is not valid YAML", by_hand) from None
    plugins = _plugins_value(root)
    has_plugins = isinstance(plugins, yaml.SequenceNode | yaml.MappingNode)
    by_hand = by_hand_lines(settings, has_plugins=has_plugins)
    try:
        insertion = _insertion(text, root, settings)
    except EditRefused as refused:
        raise EditRefused(refused.line, refused.reason, by_hand) from None
    tries = [insertion, replace(insertion, lead="")] if insertion.lead else [insertion]
    for attempt in tries:  # a blank line before a new block, unless the last value keeps it
        edited, after_line = _inserted(text, attempt)
        if reads_as_expected(text, edited, settings):
            return Edit(
                edited, attempt.text, after_line, attempt.where, attempt.with_search, attempt.inline
            )
    reason = "an insertion there would change how the rest of the file reads"
    raise EditRefused(text[: insertion.at].count("\n") + 1, reason, by_hand)


def _plugins_value(root: yaml.Node | None) -> yaml.Node | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    return next((v for k, v in root.value if k.value == "plugins"), None)


def _inserted(text: str, insertion: _Insertion) -> tuple[str, int]:
    """The edited text and the line the insertion follows (inline: the line it is on)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    before, after = text[: insertion.at], text[insertion.at :]
    if insertion.inline:
        return before + insertion.text + after, before.count("\n") + 1
    if before and not before.endswith("\n"):
        before += newline
    lines = f"{insertion.lead}{insertion.text}\n".replace("\n", newline)
    return before + lines + after, before.count("\n") + insertion.lead.count("\n")
