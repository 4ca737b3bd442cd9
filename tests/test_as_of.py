"""The as-of date: the option or setting, else SOURCE_DATE_EPOCH, else today in UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from okrsite.compute.as_of import AsOfError, resolve_as_of

NOV_23_MIDNIGHT_UTC = "1795392000"  # 2026-11-23T00:00:00Z


def test_a_given_date_wins_over_the_environment():
    environ = {"SOURCE_DATE_EPOCH": NOV_23_MIDNIGHT_UTC}
    assert resolve_as_of(date(2026, 1, 2), environ) == date(2026, 1, 2)
    assert resolve_as_of("2026-01-02", environ) == date(2026, 1, 2)
    assert resolve_as_of(" 2026-01-02\n", environ) == date(2026, 1, 2)


def test_a_datetime_counts_as_its_date():
    as_of = resolve_as_of(datetime(2026, 11, 23, 8, 30), {})
    assert as_of == date(2026, 11, 23)
    assert type(as_of) is date  # comparable with check-in dates


@pytest.mark.parametrize("given", ["23.11.2026", "2026-13-01", "tomorrow", "   "])
def test_an_unreadable_date_says_what_was_expected(given):
    with pytest.raises(AsOfError, match="is not an ISO date like 2026-11-23"):
        resolve_as_of(given, {})


@pytest.mark.parametrize(
    ("epoch", "as_of"),
    [
        (NOV_23_MIDNIGHT_UTC, date(2026, 11, 23)),
        (str(int(NOV_23_MIDNIGHT_UTC) + 86399), date(2026, 11, 23)),  # 23:59:59 UTC
        (str(int(NOV_23_MIDNIGHT_UTC) + 86400), date(2026, 11, 24)),
        (f" {NOV_23_MIDNIGHT_UTC} ", date(2026, 11, 23)),
        ("0", date(1970, 1, 1)),
    ],
)
def test_source_date_epoch_is_read_in_utc(epoch, as_of):
    assert resolve_as_of(None, {"SOURCE_DATE_EPOCH": epoch}) == as_of
    assert resolve_as_of("", {"SOURCE_DATE_EPOCH": epoch}) == as_of


@pytest.mark.parametrize("epoch", ["2026-11-23", "1.5e9", "99999999999999999999"])
def test_an_unreadable_source_date_epoch_is_an_error(epoch):
    with pytest.raises(AsOfError, match="SOURCE_DATE_EPOCH"):
        resolve_as_of(None, {"SOURCE_DATE_EPOCH": epoch})


@pytest.mark.parametrize("environ", [{}, {"SOURCE_DATE_EPOCH": ""}, {"SOURCE_DATE_EPOCH": "  "}])
def test_today_in_utc_without_date_or_epoch(environ):
    before = datetime.now(UTC).date()
    as_of = resolve_as_of(None, environ)
    assert before <= as_of <= datetime.now(UTC).date()


def test_reads_the_process_environment_by_default(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOV_23_MIDNIGHT_UTC)
    assert resolve_as_of(None) == date(2026, 11, 23)
