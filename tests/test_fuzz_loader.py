"""Property-based fuzzing of the loader and validator: any input gives a model or located problems.

Two sources of input: documents drawn from the format itself (every kind, every field, a value of
the right type most of the time and of any type otherwise, ids from a small pool so references
and duplicates happen), and random mutations of the valid fixture (lines deleted, duplicated or
swapped, bytes inserted, values replaced by other YAML, the file cut short). For every input,
`load_content` returns without raising and gives either a model (no errors) or error problems
whose file exists and whose line and column are at least 1; a model is then scored without
raising. Example counts are bounded so the module runs in CI in about 20 seconds.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from okrsite.load import load_content
from okrsite.model import Visibility
from okrsite.portal import assemble_portal
from okrsite.spec.kinds import KINDS
from okrsite.spec.types import (
    Bool,
    Choice,
    Date,
    Id,
    ListOf,
    Number,
    PeriodType,
    Record,
    Ref,
    Text,
    Url,
    ValueType,
)

ROOT = Path(__file__).resolve().parent.parent
VALID = (ROOT / "tests" / "fixtures" / "minimal" / "airline.yml").read_bytes()
AS_OF = date(2026, 11, 23)
FUZZ = settings(
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    deadline=None,
)

IDS = st.sampled_from(["a", "b", "A", "north-star", "check-in", "x.y", "ops", "kr-1", "index"])
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(),
    st.text(max_size=12),
    st.dates(),
    IDS,
)
ANY_VALUE = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(SCALARS, inner, max_size=3),
    max_leaves=4,
)


def fitting(value_type: ValueType) -> st.SearchStrategy[Any]:
    """Mostly a value the type accepts (or nearly), sometimes anything at all."""
    return st.one_of(_typed(value_type), _typed(value_type), _typed(value_type), ANY_VALUE)


def _typed(value_type: ValueType) -> st.SearchStrategy[Any]:
    match value_type:
        case Id() | Ref():
            return IDS
        case Text():
            return st.text(max_size=30)
        case Number():
            return st.one_of(st.integers(-1000, 1000), st.floats(-1e6, 1e6), st.floats())
        case Bool():
            return st.booleans()
        case Date():
            return st.dates(date(2025, 1, 1), date(2027, 12, 31))
        case Choice():
            return st.sampled_from(value_type.choices)
        case Url():
            return st.sampled_from(["https://example.com", "mailto:a@b.c", "javascript:x", ""])
        case PeriodType():
            return st.sampled_from(["2026-Q4", "2026-H1", "2026-13", "2026"]) | _typed(
                value_type.span
            )
        case ListOf():
            return st.lists(fitting(value_type.item), max_size=2)
        case Record():
            return st.fixed_dictionaries(
                {f.name: fitting(f.type) for f in value_type.fields if f.required},
                optional={f.name: fitting(f.type) for f in value_type.fields if not f.required},
            )
    return ANY_VALUE


DOCUMENT = st.sampled_from(sorted(KINDS)).flatmap(lambda kind: _typed(KINDS[kind]))
CONTENT = st.lists(DOCUMENT, min_size=1, max_size=6)


def check_outcome(files: dict[str, bytes]) -> None:
    """Load `files`; the result must be a model or error problems pointing into real files."""
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        content = base / "content"
        content.mkdir()
        for name, data in files.items():
            (content / name).write_bytes(data)
        result = load_content(content, relative_to=base)
        errors = [p for p in result.problems if p.severity == "error"]
        assert (result.model is None) == bool(errors)
        for problem in result.problems:
            assert (base / problem.location.path).exists(), problem
            assert problem.location.line >= 1 and problem.location.col >= 1, problem
            assert problem.message.strip(), problem
        if result.model is not None:
            for visibility in Visibility:
                assemble_portal(result.model, AS_OF, visibility, None)


def _dump(documents: list[Any]) -> bytes:
    return yaml.safe_dump_all(documents, allow_unicode=True, sort_keys=False).encode("utf-8")


@pytest.mark.slow
@FUZZ
@given(CONTENT, st.sampled_from(["alone", "beside the fixture", "after the fixture"]))
@example([{"kind": [], "id": "a", "title": ""}], "alone")  # raised TypeError: unhashable list
def test_documents_drawn_from_the_format_load_or_give_located_problems(documents, where) -> None:
    drawn = _dump(documents)
    if where == "alone":
        check_outcome({"okrs.yml": drawn})
    elif where == "beside the fixture":
        check_outcome({"airline.yml": VALID, "more.yml": drawn})
    else:
        check_outcome({"airline.yml": VALID + b"---\n" + drawn})


REPLACEMENTS = st.sampled_from(
    [
        b"",
        b"~",
        b"[",
        b"]",
        b"{",
        b"}",
        b"-1",
        b"1e999",
        b".nan",
        b"!!binary AAAA",
        b"*x",
        b"&x",
        b"<<: *x",
        b"? ",
        b": ",
        b"'",
        b'"',
        b"\t",
        b"\x00",
        b"\xff",
        b"\xef\xbb\xbf",
        b"\r",
        b"%",
        b"---",
        b"...",
        b"#",
        b"|",
        b">",
        b"!!python/object:os.system",
        b"2026-02-30",
        b"9" * 400,
        b"[" * 200,
        b"- " * 200,
        b"@",
        b"`",
        b"\xe2\x80\xae",
    ]  # fmt: skip
)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    lines = VALID.split(b"\n")
    for _ in range(draw(st.integers(1, 4))):
        operation = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "replace",
                                          "truncate", "indent"]))  # fmt: skip
        at = draw(st.integers(0, max(0, len(lines) - 1)))
        if operation == "delete" and len(lines) > 1:
            del lines[at]
        elif operation == "duplicate":
            lines.insert(at, lines[at])
        elif operation == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif operation == "insert":
            column = draw(st.integers(0, len(lines[at])))
            extra = draw(REPLACEMENTS | st.binary(max_size=6))
            lines[at] = lines[at][:column] + extra + lines[at][column:]
        elif operation == "replace" and b": " in lines[at]:
            key = lines[at].split(b": ", 1)[0]
            lines[at] = key + b": " + draw(REPLACEMENTS)
        elif operation == "truncate":
            cut = b"\n".join(lines)[: draw(st.integers(0, len(VALID)))]
            lines = cut.split(b"\n")
        elif operation == "indent":
            lines[at] = b" " * draw(st.integers(1, 3)) + lines[at]
    return b"\n".join(lines)


@settings(FUZZ, max_examples=300)
@given(mutated())
@example(VALID.replace(b"target: 9\n", b"target: " + b"9" * 400 + b"\n"))  # OverflowError
def test_mutations_of_a_valid_file_load_or_give_located_problems(data: bytes) -> None:
    check_outcome({"airline.yml": data})
