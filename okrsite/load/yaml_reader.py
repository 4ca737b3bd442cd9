"""Read one YAML file into plain values that remember where each was written.

PyYAML composes the file into nodes (the C parser where present); one pass over the nodes then
builds dicts and lists that carry the 1-based line and column of every key, value and item, so
every later message can point at the exact spot. Only YAML's safe types are built: tags that
would construct Python objects are refused. Aliases are expanded with a budget, so a
"billion laughs" file stops with a message instead of eating the machine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from okrsite.load.nesting import MAX_NESTING, too_deep_at
from okrsite.model import Location
from okrsite.problems import Problem, error, warning

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_ALIAS_EXPANSION = 100_000  # values an alias may stand for, summed over one file

Mark = tuple[int, int]  # 1-based (line, column)


class MarkedDict(dict[Any, Any]):
    """A YAML mapping with where it starts and where each key and value is written."""

    __slots__ = ("mark", "key_marks", "value_marks")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.key_marks: dict[Any, Mark] = {}
        self.value_marks: dict[Any, Mark] = {}


class MarkedList(list[Any]):
    """A YAML sequence with where it starts and where each item is written."""

    __slots__ = ("mark", "item_marks")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.item_marks: list[Mark] = []


@dataclass(frozen=True, slots=True)
class Document:
    """One `---`-separated document of a file: its value and where it starts."""

    path: str  # as shown in messages
    value: Any
    mark: Mark

    def at(self, mark: Mark) -> Location:
        return Location(self.path, mark[0], mark[1])


class _AliasBudgetExceeded(Exception):
    def __init__(self, mark: Mark) -> None:
        self.mark = mark


class _Unsupported(Exception):
    def __init__(self, mark: Mark, message: str) -> None:
        self.mark = mark
        self.message = message


_SAFE_SCALARS: dict[str, Callable[[SafeConstructor, ScalarNode], Any]] = {
    tag: SafeConstructor.yaml_constructors[tag]
    for tag in (
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:timestamp",
    )
}
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


def _tag_message(node: Node) -> str:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    return f"the tag {tag} is not supported; remove it and write plain YAML"


def _is_empty_document(node: Node) -> bool:
    """`---` followed by nothing (or by an explicit null): skipped like a blank line."""
    return isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _mark(node: Node) -> Mark:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Turns composed nodes into marked values in one walk, expanding aliases on a budget."""

    def __init__(self) -> None:
        self._constructor = SafeConstructor()
        self._seen: set[int] = (
            set()
        )  # collection nodes already built once: seeing one again = alias
        self._in_progress: set[int] = set()
        self._alias_depth = 0
        self._alias_values = 0
        self.duplicate_keys: list[tuple[Mark, str]] = []

    def build(self, node: Node) -> Any:
        if self._alias_depth:
            self._alias_values += 1
            if self._alias_values > MAX_ALIAS_EXPANSION:
                raise _AliasBudgetExceeded(_mark(node))
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        ident = id(node)
        if ident in self._in_progress:
            raise _Unsupported(_mark(node), "this alias refers to the collection that holds it")
        is_alias = ident in self._seen
        self._seen.add(ident)
        self._in_progress.add(ident)
        self._alias_depth += is_alias
        try:
            if isinstance(node, MappingNode):
                return self._mapping(node)
            assert isinstance(node, SequenceNode)
            return self._sequence(node)
        finally:
            self._alias_depth -= is_alias
            self._in_progress.discard(ident)

    def _scalar(self, node: ScalarNode) -> Any:
        if node.tag == _STR:
            return node.value
        construct = _SAFE_SCALARS.get(node.tag)
        if construct is None:
            raise _Unsupported(_mark(node), _tag_message(node))
        try:
            return construct(self._constructor, node)
        except ValueError:  # e.g. 2026-02-30: keep the text so the validator can say why
            return node.value

    def _mapping(self, node: MappingNode) -> MarkedDict:
        if node.tag != _MAP:
            raise _Unsupported(_mark(node), _tag_message(node))
        result = MarkedDict(_mark(node))
        merges: list[Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merges.append(value_node)
                continue
            key = self.build(key_node)
            if isinstance(key, dict | list):
                raise _Unsupported(_mark(key_node), "a key must be a plain word, not a collection")
            if key in result:
                first = result.key_marks[key]
                self.duplicate_keys.append(
                    (
                        _mark(key_node),
                        f"key '{key}' appears twice in this mapping "
                        f"(first at line {first[0]}); keep one",
                    )
                )
                continue
            result.key_marks[key] = _mark(key_node)
            result.value_marks[key] = _mark(value_node)
            result[key] = self.build(value_node)
        for merge in merges:  # `<<: *defaults`: keys written explicitly win
            sources = merge.value if isinstance(merge, SequenceNode) else [merge]
            for source in sources:
                merged = self.build(source)
                if not isinstance(merged, MarkedDict):
                    raise _Unsupported(_mark(source), "`<<` must merge a mapping")
                for key, value in merged.items():
                    if key not in result:
                        result[key] = value
                        result.key_marks[key] = merged.key_marks[key]
                        result.value_marks[key] = merged.value_marks[key]
        return result

    def _sequence(self, node: SequenceNode) -> MarkedList:
        if node.tag != _SEQ:
            raise _Unsupported(_mark(node), _tag_message(node))
        result = MarkedList(_mark(node))
        for item in node.value:
            result.item_marks.append(_mark(item))
            result.append(self.build(item))
        return result


def _decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 (a BOM is dropped); otherwise say where the first bad byte is."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        message = f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file as UTF-8"
        return None, [error(Location(path, line, col), message)]


def _position_of(text: str, index: int) -> Mark:
    before = text[:index]
    return (before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1)


def _within_text(text: str, line: int, col: int) -> Mark:
    """Errors at the end of the stream point past the last line; point at its end instead."""
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    if line <= len(lines):
        return line, col
    if not lines:
        return 1, 1
    return len(lines), len(lines[-1].rstrip("\r")) + 1


def _yaml_problem(exc: yaml.YAMLError, text: str, path: str) -> Problem:
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        what = exc.problem or "invalid YAML"
        if exc.context:
            started = exc.context_mark
            opened = f" (line {started.line + 1}, column {started.column + 1})" if started else ""
            what = f"{exc.context}{opened}: {what}"
        line, col = _within_text(text, mark.line + 1, mark.column + 1)
        return error(Location(path, line, col), f"YAML syntax error: {what}")
    if isinstance(exc, yaml.reader.ReaderError):
        line, col = _position_of(text, exc.position)
        return error(
            Location(path, line, col),
            f"YAML cannot hold character {exc.character!r} ({exc.reason}); remove it",
        )
    return error(Location(path, 1, 1), f"YAML error: {exc}")


def read_yaml_file(raw: bytes, path: str) -> tuple[list[Document], list[Problem]]:
    """All documents of one file (empty ones skipped) and the problems met reading them.

    Documents before a syntax error are kept, so their own problems are reported too.
    """
    text, problems = _decode(raw, path)
    if text is None:
        return [], problems
    too_deep = too_deep_at(raw)
    if too_deep is not None:
        message = (
            f"nesting deeper than {MAX_NESTING} levels; okrsite content needs about six, "
            "so flatten the lists and mappings here"
        )
        return [], [error(Location(path, *too_deep), message)]
    documents: list[Document] = []
    builder = _Builder()
    try:
        for node in yaml.compose_all(text, Loader=_Loader):
            if node is None or _is_empty_document(node):
                continue
            mark = _mark(node)
            documents.append(Document(path, builder.build(node), mark))
    except yaml.YAMLError as exc:
        problems.append(_yaml_problem(exc, text, path))
    except _AliasBudgetExceeded as exc:
        message = (
            f"aliases here expand to more than {MAX_ALIAS_EXPANSION:,} values; "
            "write the values out instead of nesting aliases"
        )
        problems.append(error(Location(path, *exc.mark), message))
    except _Unsupported as exc:
        problems.append(error(Location(path, *exc.mark), exc.message))
    except RecursionError:
        problems.append(error(Location(path, 1, 1), "YAML nested too deeply to read"))
    problems.extend(
        error(Location(path, *mark), message) for mark, message in builder.duplicate_keys
    )
    if not documents and not problems:
        problems.append(
            warning(Location(path, 1, 1), "file holds no YAML documents; add content or delete it")
        )
    return documents, problems
