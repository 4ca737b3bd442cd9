"""The nesting guard finds the same place whichever YAML parser can walk the file."""

from __future__ import annotations

import pytest
import yaml

from okrsite.load import nesting


class _RefusesDeepFlow(yaml.SafeLoader):
    """Behaves as libyaml 0.2.5 does on `[` * 2,000: refuses while scanning ahead, no event."""

    def __init__(self, stream: bytes) -> None:
        raise yaml.scanner.ScannerError(
            "while increasing flow level", None, "exceeded maximum nesting depth", None
        )


@pytest.mark.parametrize(
    "raw, place",
    [
        (b"[" * 2_000, (1, 101)),
        (b"{a: " * 2_000, (1, 401)),
        (b"- " * 2_000 + b"x\n", (1, 201)),
        (b"".join(b" " * level + b"a:\n" for level in range(300)), (101, 101)),
    ],
)
def test_the_place_does_not_depend_on_the_fast_parser(
    raw: bytes, place: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    found = nesting.too_deep_at(raw)
    monkeypatch.setattr(nesting, "_FastLoader", _RefusesDeepFlow)

    assert found == place
    assert nesting.too_deep_at(raw) == place


def test_shallow_and_broken_text_pass_to_the_reader() -> None:
    assert nesting.too_deep_at(b"kind: Team\nid: ops\n") is None
    assert nesting.too_deep_at(b"a: [" + b"[" * 50 + b"\n") is None  # a syntax error, not depth
    assert nesting.too_deep_at(b'a: "' + b"[" * 500 + b'"\n') is None  # brackets in a string
