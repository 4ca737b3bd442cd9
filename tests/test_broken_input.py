"""Broken and oversized content through the real `okrsite check`, run as a subprocess.

A subprocess is the only way to see a crash of libyaml (a segfault ends the process, not with an
exception) or a hang (the timeout). Broken files must give exit code 1 and a `file:line:col:
error:` message naming each file; awkward but valid input exits 0; never a traceback. All broken
files share one content folder and one run: each file is read and reported on its own.

Measured on the shared 2-core machine under load (load average ~6; wall time / peak RSS of the
whole `okrsite check`, interpreter start included):
- `[` * 100,000 on one line: 1.4 s / 48 MB, "nesting deeper than 100 levels" at 1:101
  (before the fix: killed by SIGSEGV, exit 139). `- ` * 100,000: the same, at 1:201 (before:
  SIGSEGV).
- 10,000-level indented mapping (` ` * i + "a:", 50 MB): refused by size, 1.5 s / 48 MB;
  4,000 levels (8 MB): nesting error at line 101 in 1.4 s / 51 MB
  (before: "nested too deeply" at 1:1 after 2.1 s / 190 MB).
- A valid 50 MB file (96,000 objectives): refused unread in 1.4 s / 48 MB; read anyway (before
  the size limit) it took 22 s and 1.6 GB. The largest file accepted, 9.9 MB (19,000
  objectives), checks in 10.5 s / 340 MB.
- 100,000 files of one team each (6.4 MB): check clean in 12–24 s / 385 MB.
  The test below uses 10,000 files to stay fast.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VALID = (ROOT / "tests" / "fixtures" / "minimal" / "airline.yml").read_text("utf-8")
TIMEOUT = 60


def run_check(content: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "okrsite", "check", str(content)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=content.parent,
    )


def errors_in(output: str, file_name: str) -> list[tuple[int, int, str]]:
    """(line, col, message) of every `…/file_name:line:col: error: message` line."""
    pattern = re.compile(rf"^\S*{re.escape(file_name)}:(\d+):(\d+): error: (.+)$", re.M)
    return [(int(line), int(col), message) for line, col, message in pattern.findall(output)]


def alias_bomb() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    return "\n".join(lines) + "\n"


def indented_mappings(levels: int) -> str:
    return "".join(" " * level + "a:\n" for level in range(levels))


BROKEN: dict[str, tuple[Callable[[], bytes], int, str]] = {
    # name: (file content, line of the error, words the message must hold)
    "unclosed-quote": (lambda: b'kind: Team\nid: "ops\ntitle: x\n', 3, "quoted scalar (line 2"),
    "bad-indentation": (lambda: b"kind: Team\n  id: ops\n title: x\n", 2, "YAML syntax error"),
    "tab-indentation": (lambda: b"kind: Team\nlinks:\n\t- x\n", 3, "YAML syntax error"),
    "non-utf8": (lambda: b"kind: Team\nid: caf\xe9\n", 2, "not valid UTF-8"),
    "nul-byte": (lambda: b"kind: Team\nid: a\x00b\n", 2, "cannot hold character"),
    "alias-bomb": (lambda: alias_bomb().encode(), 1, "aliases here expand"),
    "control-character": (lambda: b'kind: Team\nid: t2\ntitle: "a\\x1fb"\n', 3, "U+001F"),
    "noncharacter": (lambda: b'kind: Team\nid: t2\ntitle: "a\\uFFFEb"\n', 3, "noncharacter U+FFFE"),
    "python-tag": (lambda: b"kind: !!python/object:os.system x\n", 1, "not supported"),
    "brackets-100k": (lambda: b"[" * 100_000, 1, "nesting deeper than 100 levels"),
    "braces-100k": (lambda: b"{a: " * 100_000, 1, "nesting deeper than 100 levels"),
    "dashes-100k": (lambda: b"- " * 100_000 + b"x\n", 1, "nesting deeper than 100 levels"),
    "question-marks-100k": (lambda: b"? " * 100_000, 1, "nesting deeper than 100 levels"),
    "indented-4000": (lambda: indented_mappings(4_000).encode(), 101, "nesting deeper than 100"),
    "indented-10000": (lambda: indented_mappings(10_000).encode(), 1, "file is 50.0 MB"),
    "50-megabytes": (lambda: b"# filler\n" * 5_600_000, 1, "at most 10 MB"),
    "400-digit-integer": (  # raised OverflowError converting to float
        lambda: (
            VALID.replace("kind: NorthStar", "kind: Team")
            .replace("target: 9\n", f"target: {'9' * 400}\n")
            .encode()
        ),
        35,
        "beyond ±10^15",
    ),
    "huge-integer": (
        lambda: (
            VALID.replace("kind: NorthStar", "kind: Team")
            .replace("target: 9\n", f"target: {'9' * 5000}\n")
            .encode()
        ),
        35,
        "must be a number",
    ),
}


@pytest.fixture(scope="module")
def broken_output(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str]:
    """One check over every broken file beside a valid one: each file reports on its own."""
    content = tmp_path_factory.mktemp("broken") / "content"
    content.mkdir()
    (content / "okrs.yml").write_text(VALID, "utf-8")
    for name, (content_of, _, _) in BROKEN.items():
        (content / f"{name}.yml").write_bytes(content_of())
    result = run_check(content)
    return result.returncode, result.stdout + result.stderr


def test_broken_files_fail_the_check_without_a_traceback(broken_output) -> None:
    returncode, output = broken_output
    assert "Traceback" not in output
    assert returncode == 1, output


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_file_gives_file_and_line(name: str, broken_output) -> None:
    _, line, words = BROKEN[name]
    found = errors_in(broken_output[1], f"{name}.yml")
    assert found, broken_output[1]
    assert line in {found_line for found_line, _, message in found if words in message}, found
    assert all(col >= 1 for _, col, _ in found)


@pytest.mark.parametrize(
    "name, content_of",
    [
        ("bom-and-crlf", lambda: b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode()),
        (
            "tabs-inside-values",
            lambda: VALID.replace("Airport Operations", "Airport\tOps").encode(),
        ),
        (
            "deep-brackets-in-text",
            lambda: VALID.replace(
                "title: Digital check-in", f'title: "{"[" * 300} check-in"'
            ).encode(),
        ),
    ],
)
def test_awkward_but_valid_file_checks_clean(name: str, content_of, tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / f"{name}.yml").write_bytes(content_of())
    result = run_check(content)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout + result.stderr


def test_empty_files_warn_and_the_rest_still_loads(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "okrs.yml").write_text(VALID, "utf-8")
    (content / "empty.yml").write_bytes(b"")
    (content / "blank.yml").write_bytes(b"\n\n   \n# only a comment\n---\n")
    result = run_check(content)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("empty.yml", "blank.yml"):
        assert re.search(rf"{name}:1:1: warning: file holds no YAML documents", result.stdout)


def test_only_empty_files_fail_with_a_message(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "empty.yml").write_bytes(b"")
    result = run_check(content)
    assert result.returncode == 1
    assert "no NorthStar document found" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.slow
def test_ten_thousand_files_check_in_bounded_time(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "okrs.yml").write_text(VALID, "utf-8")
    for number in range(10_000):
        folder = content / f"d{number // 1000:02d}"
        folder.mkdir(exist_ok=True)
        (folder / f"team-{number}.yml").write_text(
            f"kind: Team\nid: team-{number}\ntitle: Team {number}\nparent: airport-ops\n"
        )
    started = time.monotonic()
    result = run_check(content)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "10001 teams" in result.stdout
    assert time.monotonic() - started < TIMEOUT
