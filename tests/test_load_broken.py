# ruff: noqa: E501  (expected messages are kept whole, one per line, so they read like output)
"""The corpus of broken content: each file in tests/broken/ is one kind of mistake.

Each case is loaded beside the issue's airline example (as `content/case.yml`), and the test
asserts every problem reported, exactly: file, line, column, severity and message. A case with
no problems listed must load into a model.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from okrsite.load import load_content

BROKEN = Path(__file__).parent / "broken"
AIRLINE = Path(__file__).parent / "fixtures" / "minimal" / "airline.yml"
WITHOUT_AIRLINE = {"no-north-star.yml"}

EXPECTED: dict[str, list[str]] = {
    "alias-reference.yml": [
        "content/case.yml:10:16: warning: 'kiosk-era' is a former id of capability 'self-service'; write 'self-service'",
        "content/case.yml:10:41: warning: 'Self-Service' is listed twice in `capabilities`; remove one",
    ],
    "bad-dates.yml": [
        "content/case.yml:10:10: error: `due` must be a date like 2026-12-31, not '2026-02-30'",
        "content/case.yml:12:16: error: `date` must be a date like 2026-12-31, not 'next week'",
    ],
    "bad-ids.yml": [
        "content/case.yml:2:5: error: `id` 'bag drop' contains ' '; use only letters, digits, '.', '_' and '-'",
        "content/case.yml:6:5: error: `id` 'index' is a reserved name (it would clash with generated pages or files); choose another",
        "content/case.yml:10:5: error: `id` '-kiosks' must start with a letter or digit",
        "content/case.yml:14:5: error: `id` 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa... is 69 characters long; shorten it to at most 64",
        "content/case.yml:18:5: error: `id` '../etc' must start with a letter or digit",
    ],
    "bad-periods.yml": [
        "content/case.yml:4:9: error: `period` must be a period like 2026-Q4, 2026-H1, 2026-03, 2026 or {start: 2026-07-01, end: 2026-12-31}, not '2026-Q5'",
        "content/case.yml:11:9: error: `period` ends (2026-07-01) before it starts (2026-12-31); swap them",
    ],
    "billion-laughs.yml": [
        "content/case.yml:4:36: error: aliases here expand to more than 100,000 values; write the values out instead of nesting aliases",
    ],
    "bom-crlf.yml": [],
    "checkins.yml": [
        "content/case.yml:13:9: error: check-in dated 2026-08-01 is older than the one before it (2026-09-01); list check-ins oldest first, one per date",
        "content/case.yml:14:9: error: check-in dated 2026-08-01 has the same date as the one before it (2026-08-01); list check-ins oldest first, one per date",
        "content/case.yml:15:9: error: check-in dated 2026-12-15 lies outside the key result's window 2026-07-01 – 2026-11-30 and its 14 grading days (until 2026-12-14, the `grading_days` setting); fix the date or the period/`due`",
        "content/case.yml:16:9: error: check-in dated 2026-06-30 is older than the one before it (2026-12-15); list check-ins oldest first, one per date",
        "content/case.yml:16:9: error: check-in dated 2026-06-30 lies outside the key result's window 2026-07-01 – 2026-11-30; fix the date or the period/`due`",
        "content/case.yml:17:9: error: `done` does not belong in a check-in of a metric key result; use `value`",
        "content/case.yml:17:9: error: a check-in of a metric key result needs `value`; add it",
        "content/case.yml:22:9: error: `value` does not belong in a check-in of a milestone key result; use `done`",
        "content/case.yml:22:9: error: a check-in of a milestone key result needs `done`; add it",
    ],
    "duplicate-aliases.yml": [
        "content/case.yml:4:11: error: duplicate capability alias 'digital-check-in': 'digital-check-in' is already used at content/airline.yml:14:5; capability ids and aliases must be unique (compared case-insensitively)",
        "content/case.yml:4:29: error: alias 'bag-drop' is the id itself; remove it",
        "content/case.yml:7:5: error: duplicate capability id 'old-bags': 'old-bags' is already used at content/case.yml:4:39; capability ids and aliases must be unique (compared case-insensitively)",
    ],
    "duplicate-ids.yml": [
        "content/case.yml:2:5: error: duplicate objective id 'Streamline-Check-In': 'streamline-check-in' is already used at content/airline.yml:23:5; objective ids and aliases must be unique (compared case-insensitively)",
        "content/case.yml:13:10: error: duplicate key result id 'CHECKIN-WAIT-TIME': 'checkin-wait-time' is already used at content/airline.yml:31:9; key result ids and aliases must be unique (compared case-insensitively)",
        "content/case.yml:19:10: error: duplicate stage id 'book': 'book' is already used at content/airline.yml:9:10; stage ids and aliases must be unique (compared case-insensitively)",
    ],
    "duplicate-key.yml": [
        "content/case.yml:4:1: error: key 'title' appears twice in this mapping (first at line 3); keep one",
    ],
    "empty-documents.yml": [],
    "empty.yml": [
        "content/case.yml:1:1: warning: file holds no YAML documents; add content or delete it",
    ],
    "initiatives.yml": [
        "content/case.yml:1:1: error: initiative 'orphan-work' supports no key result; add `key_results` (ids) or a `parent` initiative",
        "content/case.yml:5:6: error: initiative ends (2026-08-01) before it starts (2026-09-01); fix `start` or `end`",
    ],
    "key-result-semantics.yml": [
        "content/case.yml:9:13: error: target equals baseline (80), so progress is undefined; set the target you want to reach",
        "content/case.yml:10:5: error: metric key result 'no-target' has no `target`; add it (or set `type: milestone` and use `done`)",
        "content/case.yml:13:11: error: `done` is for milestone key results; remove it or set `type: milestone`",
        "content/case.yml:17:13: error: `target` is for metric key results; a milestone is measured by `done` (true/false): remove it or drop `type: milestone`",
        "content/case.yml:18:14: error: `current` is for metric key results; a milestone is measured by `done` (true/false): remove it or drop `type: milestone`",
    ],
    "merge-keys.yml": [],
    "no-north-star.yml": [
        "content:1:1: error: no NorthStar document found; add one (kind: NorthStar) that everything rolls up to",
    ],
    "non-utf8.yml": [
        "content/case.yml:3:11: error: byte 0xe9 is not valid UTF-8; save the file as UTF-8",
    ],
    "north-stars.yml": [
        "content/airline.yml:1:1: error: there must be exactly one NorthStar, found: 'north-star' at content/airline.yml:1:1, 'second-star' at content/case.yml:1:1",
        "content/case.yml:1:1: error: there must be exactly one NorthStar, found: 'north-star' at content/airline.yml:1:1, 'second-star' at content/case.yml:1:1",
    ],
    "not-a-mapping.yml": [
        "content/case.yml:1:1: error: a document must be a mapping with `kind:` and `id:`, not a list",
    ],
    "parent-cycles.yml": [
        "content/case.yml:5:9: error: team parents form a loop: ops-a → ops-b → ops-a; remove one of these `parent`s",
        "content/case.yml:16:9: error: capability parents form a loop: self-parent → self-parent; remove one of these `parent`s",
        "content/case.yml:21:9: error: initiative parents form a loop: epic-1 → epic-2 → epic-1; remove one of these `parent`s",
    ],
    "python-tag.yml": [
        "content/case.yml:3:8: error: the tag !!python/object/apply:os.system is not supported; remove it and write plain YAML",
    ],
    "scalar-values.yml": [
        "content/case.yml:3:8: error: `title` must be text, not 2026; put it in quotes",
        "content/case.yml:5:13: error: `visibility` must be one of public, internal, confidential, not 'secret'",
        "content/case.yml:7:80: error: `weight` must be greater than 0, not 0",
        "content/case.yml:7:95: error: `confidence` must lie between 0 and 1 (0.7 means 70%), not 1.5",
        "content/case.yml:8:5: error: `key_results[1]` must be a mapping with keys like id, title, not 'just a string'",
    ],
    "unknown-key.yml": [
        "content/case.yml:1:1: error: Capability has no `title`; add a title for the capability",
        "content/case.yml:3:1: error: unknown key 'titel' in Capability (did you mean 'title'?)",
    ],
    "unknown-kind.yml": [
        "content/case.yml:1:7: error: unknown kind 'Capabilty' (did you mean 'Capability'?); use one of NorthStar, ValueStream, Capability, Team, Objective, Initiative",
        "content/case.yml:5:1: error: document has no `kind`; add one of NorthStar, ValueStream, Capability, Team, Objective, Initiative",
    ],
    "unknown-references.yml": [
        "content/case.yml:4:8: error: no stage has the id 'chek-in' (did you mean 'check-in'?); fix the reference or define it (a stage in a ValueStream's `stages`)",
        "content/case.yml:5:10: error: no outcome has the id 'customers' (did you mean 'customer'?); fix the reference or define it (an outcome in the NorthStar's `outcomes`)",
        "content/case.yml:6:7: error: no team has the id 'airport-operations' (did you mean 'airport-ops'?); fix the reference or define it (Team)",
        "content/case.yml:7:34: error: no capability has the id 'lounges'; fix the reference or define it (Capability)",
        "content/case.yml:8:9: error: no objective has the id 'north-star'; fix the reference or define it (Objective)",
        "content/case.yml:16:15: error: no key result has the id 'lounge-scor' (did you mean 'lounge-score'?); fix the reference or define it (a key result in an Objective's `key_results`)",
        "content/case.yml:17:9: error: no initiative has the id 'old-lounge' (did you mean 'new-lounge'?); fix the reference or define it (Initiative)",
    ],
    "warnings.yml": [
        "content/case.yml:1:1: warning: objective 'someday' has no `period`, so its status cannot be judged; add one like 2026-Q4",
        "content/case.yml:1:1: warning: objective 'someday' has no key results, so its progress is undefined; add `key_results`",
        "content/case.yml:11:58: warning: due date 2026-10-15 is after its objective's period ends (2026-09-30); the key result is judged by the period's end",
        "content/case.yml:12:60: error: due date 2026-06-15 is before its objective's period starts (2026-07-01); move it into 2026-Q3",
    ],
    "wrong-types.yml": [
        "content/case.yml:4:8: error: `level` must be one of company, department, team, individual, not 'squad'",
        "content/case.yml:5:7: error: `tags` must be a list, not 'ramp'; write [a, b]",
        "content/case.yml:6:8: error: `owner` must be text, not a list; write one piece of text",
        "content/case.yml:8:24: error: `url` must start with https://, http:// or mailto:, not 'javascript:alert(1)'",
    ],
    "yaml-syntax.yml": [
        "content/case.yml:3:15: error: YAML syntax error: while parsing a flow sequence (line 3, column 8): did not find expected ',' or ']'",
    ],
}


def load_case(name: str, tmp_path: Path) -> tuple[list[str], bool]:
    content = tmp_path / "content"
    content.mkdir()
    if name not in WITHOUT_AIRLINE:
        shutil.copy(AIRLINE, content / "airline.yml")
    shutil.copy(BROKEN / name, content / "case.yml")
    result = load_content(content, relative_to=tmp_path)
    return [str(problem) for problem in result.problems], result.model is not None


def test_every_broken_file_has_expectations() -> None:
    assert sorted(path.name for path in BROKEN.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_case(name: str, tmp_path: Path) -> None:
    problems, has_model = load_case(name, tmp_path)
    assert problems == EXPECTED[name]
    assert has_model == (not any(": error: " in p for p in EXPECTED[name]))
