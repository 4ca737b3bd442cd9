"""A missing browser skips the e2e tests locally, with how to install it, and fails them in CI."""

from __future__ import annotations

import pytest
from chromium import browser_unavailable

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser


def test_a_missing_browser_skips_locally_with_the_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"make test.*apt-get install chromium"):
        browser_unavailable("Chromium not found")


def test_a_missing_browser_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="Chromium not found"):
        browser_unavailable("Chromium not found")
