"""The value types of the content format: each knows how to read a YAML value and its JSON Schema.

Keeping both in one class is what keeps the validator and the published schema from drifting
apart: there is no second description of the format to forget to update.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from difflib import get_close_matches
from typing import Any, NamedTuple

from okrsite.load.yaml_reader import Mark, MarkedDict, MarkedList
from okrsite.model import Location
from okrsite.problems import Problem, error, warning

INVALID: Any = object()  # a value that failed to read; its problem is already reported

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
_ID = re.compile(ID_PATTERN)
# Names an id cannot take because they would collide with generated paths or with file names
# some systems refuse (a site is often checked out on Windows).
RESERVED_IDS = frozenset(
    {"index", "con", "prn", "aux", "nul"}
    | {f"com{n}" for n in range(1, 10)}
    | {f"lpt{n}" for n in range(1, 10)}
)

# The same names for the JSON Schema, whose patterns have no case-insensitive flag: [Ii][Nn]…
_RESERVED_PATTERN = (
    "^("
    + "|".join(
        "".join(f"[{c.upper()}{c}]" if c.isalpha() else c for c in name)
        for name in sorted(RESERVED_IDS)
    )
    + r")(\.|$)"
)

# Control characters other than tab and line breaks: C0 ones are invalid in XML 1.0 (feeds,
# SVG) even as character references; C1 ones are discouraged there and shown as boxes. The
# noncharacters U+FFFE and U+FFFF are invalid in XML 1.0 too.
_CONTROL_CHARACTERS = "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x84\\x86-\\x9f\\ufffe\\uffff"
_CONTROL_CHARACTER = re.compile(f"[{_CONTROL_CHARACTERS}]")
_TEXT_PATTERN = f"^[^{_CONTROL_CHARACTERS}]*$"

# Floats hold integers exactly up to 2^53 (about 9·10^15); past that a number is not what was
# written, and `int` values too large for a float at all would raise.
MAX_MAGNITUDE = 1e15


class Located(NamedTuple):
    """A value read from a list, with where it was written."""

    value: Any
    at: Location


class Reporter:
    """Collects problems for one document, turning marks into locations."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def at(self, mark: Mark) -> Location:
        return Location(self.path, mark[0], mark[1])

    def error(self, mark: Mark, message: str) -> None:
        self.problems.append(error(self.at(mark), message))

    def warning(self, mark: Mark, message: str) -> None:
        self.problems.append(warning(self.at(mark), message))


def shown(value: Any) -> str:
    """A value as it appears in a message: short, quoted if text, named if a collection."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """` (did you mean 'x'?)` when one choice is close, else nothing."""
    close = get_close_matches(word.lower(), [c.lower() for c in choices], n=1, cutoff=0.6)
    if not close:
        return ""
    original = next(c for c in choices if c.lower() == close[0])
    return f" (did you mean '{original}'?)"


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class ValueType:
    """One kind of value; `read` returns the value for the model or INVALID after reporting."""

    def read(self, value: Any, mark: Mark, r: Reporter, name: str) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class Text(ValueType):
    markdown: bool = False

    def read(self, value: Any, mark: Mark, r: Reporter, name: str) -> Any:
        if isinstance(value, str):
            control = _CONTROL_CHARACTER.search(value)
            if control is None:
                return value
            kind = "noncharacter" if control.group() in "\ufffe\uffff" else "control character"
            r.error(
                mark,
                f"`{name}` holds the {kind} U+{ord(control.group()):04X}, which "
                "XML (feeds, SVG) cannot carry and pages cannot show; remove it",
            )
        elif value is None:
            r.error(mark, f"`{name}` is empty; write a value or remove the key")
        elif isinstance(value, dict | list):
            r.error(mark, f"`{name}` must be text, not {shown(value)}; write one piece of text")
        else:
            r.error(mark, f"`{name}` must be text, not {shown(value)}; put it in quotes")
        return INVALID

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "pattern": _TEXT_PATTERN}
        if self.markdown:
            schema["contentMediaType"] = "text/markdown"
        return schema


@dataclass(frozen=True)
class Id(ValueType):
    """An id: letters, digits, `.`, `_`, `-`, starting with a letter or digit, ≤ 64 characters."""

    def read(self, value: Any, mark: Mark, r: Reporter, name: str) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            r.error(mark, f"`{name}` must be an id like 'checkin-wait-time', not {shown(value)}")
            return INVALID
        problem = id_problem(value)
        if problem:
            r.error(mark, f"`{name}` {shown(value)} {problem}")
            return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": ["string", "integer"],
            "pattern": ID_PATTERN,
            "not": {"pattern": _RESERVED_PATTERN},
        }


def id_problem(value: str) -> str:
    """Why a string is not a usable id (ending with what to do), or "" when it is."""
    if not value:
        return "is empty; use letters, digits, '.', '_' and '-'"
    if len(value) > 64:
        return f"is {len(value)} characters long; shorten it to at most 64"
    if not _ID.match(value):
        if not value[0].isascii() or not value[0].isalnum():
            return "must start with a letter or digit"
        bad = next(c for c in value if not (c.isascii() and (c.isalnum() or c in "._-")))
        return f"contains {bad!r}; use only letters, digits, '.', '_' and '-'"
    if value.lower().split(".")[0] in RESERVED_IDS:  # Windows refuses `con.txt` like `con`
        return "is a reserved name (it would clash with generated pages or files); choose another"
    if value.endswith("."):
        return "must not end with '.'"
    return ""


@dataclass(frozen=True)
class Ref(ValueType):
    """The id of another entity of `target` kind; existence is checked once all is read."""

    target: str

    def read(self, value: Any, mark: Mark, r: Reporter, name: str) -> Any:
        return Id().read(value, mark, r, name)

    def json_schema(self) -> dict[str, Any]:
        return {**Id().json_schema(), "description": f"id of a {self.target}"}


@dataclass(frozen=True)
class ListOf(ValueType):
    """A list; items come back as `Located` so each can be pointed at later."""

    item: ValueType
    unique: bool = False

    def read(self, value: Any, mark: Mark, r: Reporter, name: str) -> Any:
        if not isinstance(value, MarkedList):
            if value is None:
                return ()
            r.error(mark, f"`{name}` must be a list, not {shown(value)}; write [a, b]")
            return INVALID
        items: list[Located] = []
        seen: dict[Any, Mark] = {}
        for index, (item, item_mark) in enumerate(zip(value, value.item_marks, strict=True)):
            read = self.item.read(item, item_mark, r, f"{name}[{index}]")
            if read is INVALID:
                continue
            if self.unique and isinstance(read, str):
                folded = read.lower()
                if folded in seen:
                    r.warning(item_mark, f"{shown(read)} is listed twice in `{name}`; remove one")
                    continue
                seen[folded] = item_mark
            items.append(Located(read, r.at(item_mark)))
        return tuple(items)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.unique:
            schema["uniqueItems"] = True
        return schema


def _date_of(value: Any) -> date | None:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


@dataclass(frozen=True)
class Date(ValueType):
    def read(self, value: Any, mark: Mark, r: Reporter, name: str) -> Any:
        parsed = _date_of(value)
        if parsed is None:
            hint = " (drop the time)" if isinstance(value, datetime) else ""
            r.error(mark, f"`{name}` must be a date like 2026-12-31, not {shown(value)}{hint}")
            return INVALID
        return parsed

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


@dataclass(frozen=True)
class Number(ValueType):
    """A number, optionally bounded: `positive` (> 0) or `fraction` (0–1)."""

    positive: bool = False
    fraction: bool = False

    def read(self, value: Any, mark: Mark, r: Reporter, name: str) -> Any:
        if not _is_number(value) or value != value or value in (float("inf"), float("-inf")):
            r.error(mark, f"`{name}` must be a number, not {shown(value)}")
            return INVALID
        if abs(value) > MAX_MAGNITUDE:  # also keeps differences of numbers finite
            r.error(
                mark,
                f"`{name}` is beyond ±10^15, past what okrsite counts exactly; "
                "use a larger unit (millions, billions)",
            )
            return INVALID
        if self.positive and value <= 0:
            r.error(mark, f"`{name}` must be greater than 0, not {value}")
            return INVALID
        if self.fraction and not 0 <= value <= 1:
            r.error(mark, f"`{name}` must lie between 0 and 1 (0.7 means 70%), not {value}")
            return INVALID
        return float(value)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "number", "minimum": -MAX_MAGNITUDE}
        schema["maximum"] = MAX_MAGNITUDE
        if self.positive:
            schema["exclusiveMinimum"] = 0
        if self.fraction:
            schema |= {"minimum": 0, "maximum": 1}
        return schema


@dataclass(frozen=True)
class Bool(ValueType):
    def read(self, value: Any, mark: Mark, r: Reporter, name: str) -> Any:
        if not isinstance(value, bool):
            r.error(mark, f"`{name}` must be true or false, not {shown(value)}")
            return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Choice(ValueType):
    choices: tuple[str, ...]

    def read(self, value: Any, mark: Mark, r: Reporter, name: str) -> Any:
        if isinstance(value, str) and value in self.choices:
            return value
        options = ", ".join(self.choices)
        hint = did_you_mean(value, self.choices) if isinstance(value, str) else ""
        r.error(mark, f"`{name}` must be one of {options}, not {shown(value)}{hint}")
        return INVALID

    def json_schema(self) -> dict[str, Any]:
        return {"enum": list(self.choices)}


@dataclass(frozen=True)
class Field:
    name: str
    type: ValueType
    description: str
    required: bool = False


@dataclass(frozen=True)
class RecordRead:
    """What a mapping held: the values that read well, and where each key's value is written."""

    at: Location
    values: dict[str, Any]
    where: dict[str, Location]

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def location(self, name: str) -> Location:
        return self.where.get(name, self.at)


@dataclass(frozen=True)
class Record(ValueType):
    """A mapping with known keys; unknown keys are errors with a "did you mean"."""

    title: str
    fields: tuple[Field, ...]
    description: str = ""
    by_name: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})

    def read(self, value: Any, mark: Mark, r: Reporter, name: str) -> Any:
        if not isinstance(value, MarkedDict):
            keys = ", ".join(f.name for f in self.fields if f.required)
            r.error(mark, f"`{name}` must be a mapping with keys like {keys}, not {shown(value)}")
            return INVALID
        values: dict[str, Any] = {}
        where: dict[str, Location] = {}
        for key, item in value.items():
            key_mark = value.key_marks[key]
            spec = self.by_name.get(key) if isinstance(key, str) else None
            if spec is None:
                hint = did_you_mean(str(key), list(self.by_name))
                r.error(key_mark, f"unknown key '{key}' in {self.title}{hint}")
                continue
            value_mark = value.value_marks[key]
            where[key] = r.at(value_mark)
            read = spec.type.read(item, value_mark, r, key)
            if read is not INVALID:
                values[key] = read
        for spec in self.fields:
            if spec.required and spec.name not in value:
                r.error(value.mark, f"{self.title} has no `{spec.name}`; add {spec.description}")
        return RecordRead(r.at(value.mark), values, where)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "type": "object",
            "title": self.title,
            "properties": {
                f.name: {**f.type.json_schema(), "description": f.description} for f in self.fields
            },
            "additionalProperties": False,
        }
        if self.description:
            schema["description"] = self.description
        required = [f.name for f in self.fields if f.required]
        if required:
            schema["required"] = required
        return schema


_PERIOD_TEXT = re.compile(r"^(\d{4})(?:-(Q[1-4]|H[12]|\d{2}))?$")
PERIOD_PATTERN = r"^\d{4}(-(Q[1-4]|H[12]|0[1-9]|1[0-2]))?$"


@dataclass(frozen=True)
class PeriodType(ValueType):
    """`2026-Q4`, `2026-H1`, `2026-03`, `2026` or `{start: DATE, end: DATE}`; reads to
    (label, start, end)."""

    span: Record

    def read(self, value: Any, mark: Mark, r: Reporter, name: str) -> Any:
        if isinstance(value, MarkedDict):
            span = self.span.read(value, mark, r, name)
            start, end = span.get("start"), span.get("end")
            if start is None or end is None:
                return INVALID
            if end < start:
                r.error(mark, f"`{name}` ends ({end}) before it starts ({start}); swap them")
                return INVALID
            return (f"{start.isoformat()} – {end.isoformat()}", start, end)
        text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        window = period_window(text) if isinstance(text, str) else None
        if window is None:
            r.error(
                mark,
                f"`{name}` must be a period like 2026-Q4, 2026-H1, 2026-03, 2026 or "
                f"{{start: 2026-07-01, end: 2026-12-31}}, not {shown(value)}",
            )
            return INVALID
        return (text, *window)

    def json_schema(self) -> dict[str, Any]:
        return {
            "oneOf": [
                {"type": "string", "pattern": PERIOD_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                self.span.json_schema(),
            ]
        }


def period_window(text: str) -> tuple[date, date] | None:
    """First and last day of a period written as text, or None if it is not one."""
    match = _PERIOD_TEXT.match(text.strip())
    if not match:
        return None
    year, part = int(match.group(1)), match.group(2)
    if year < 1:
        return None
    if part is None:
        return date(year, 1, 1), date(year, 12, 31)
    if part.startswith("Q"):
        first_month = 3 * (int(part[1]) - 1) + 1
        return date(year, first_month, 1), _month_end(year, first_month + 2)
    if part.startswith("H"):
        first_month = 1 if part == "H1" else 7
        return date(year, first_month, 1), _month_end(year, first_month + 5)
    month = int(part)
    if not 1 <= month <= 12:
        return None
    return date(year, month, 1), _month_end(year, month)


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date.fromordinal(date(year, month + 1, 1).toordinal() - 1)


_URL_SCHEMES = ("https://", "http://", "mailto:")


@dataclass(frozen=True)
class Url(ValueType):
    """A web or mail address; other schemes (`javascript:`) would be unsafe to link."""

    def read(self, value: Any, mark: Mark, r: Reporter, name: str) -> Any:
        if isinstance(value, str) and value.lower().startswith(_URL_SCHEMES) and value.strip():
            return value
        r.error(mark, f"`{name}` must start with https://, http:// or mailto:, not {shown(value)}")
        return INVALID

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "string",
            "pattern": "^([Hh][Tt][Tt][Pp][Ss]?://|[Mm][Aa][Ii][Ll][Tt][Oo]:)",
        }


@dataclass(frozen=True)
class OptOut(ValueType):
    """A quality rule an entity opts out of: its code (`OKR101`) or `{rule: OKR101, reason: …}`;
    reads to (code, reason)."""

    entry: Record

    def read(self, value: Any, mark: Mark, r: Reporter, name: str) -> Any:
        if isinstance(value, MarkedDict):
            entry = self.entry.read(value, mark, r, name)
            if entry is INVALID or "rule" not in entry.values:
                return INVALID
            return (entry.values["rule"], entry.values.get("reason", ""))
        rule = self.entry.by_name["rule"].type.read(value, mark, r, name)
        return INVALID if rule is INVALID else (rule, "")

    def json_schema(self) -> dict[str, Any]:
        return {"oneOf": [self.entry.by_name["rule"].type.json_schema(), self.entry.json_schema()]}
