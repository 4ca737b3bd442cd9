"""Escaping and sanitising of user text, number formats and the trend geometry."""

from __future__ import annotations

import html
from datetime import date

import markdown
import pytest
import yaml

from okrsite.model import CheckIn, KeyResult, KeyResultType, Location, Objective, Period, Window
from okrsite.render.pages.formats import number, percent, with_unit
from okrsite.render.pages.markup import (
    description_html,
    front_matter_tags,
    front_matter_title,
    markdown_text,
    safe_link_url,
)
from okrsite.render.pages.trend import trend_chart

HOSTILE = "<script>alert(\"x\")</script> & 'q' *em* [a](javascript:1) :smile: `code` #"


def test_description_keeps_markdown_and_drops_everything_that_runs() -> None:
    text = (
        "**Bold** and [docs](https://example.com) and [rel](../x/)\n\n"
        "<script>alert(1)</script><img src=x onerror=alert(1)>"
        "[bad](javascript:alert(1)) [data](data:text/html,hi)\n\n# Heading"
    )
    out = str(description_html(text))
    assert "<strong>Bold</strong>" in out
    assert '<a href="https://example.com" rel="noopener noreferrer">docs</a>' in out
    assert 'href="../x/"' in out
    for forbidden in ("<script", "<img", "onerror", "javascript:", "data:text"):
        assert forbidden not in out
    assert "<h3>Heading</h3>" in out and "<h1" not in out


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://a.example/x", True),
        ("http://a.example", True),
        ("mailto:a@example.com", True),
        ("../relative/", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,x", False),
        ("//evil.example/x", False),
        ("java\nscript:x", False),
    ],
)
def test_link_urls_are_limited_to_safe_schemes(url: str, kept: bool) -> None:
    assert (safe_link_url(url) is not None) is kept


def test_markdown_text_renders_exactly_as_typed() -> None:
    rendered = markdown.markdown(f"## {markdown_text(HOSTILE)}")
    assert "<script" not in rendered and "<em>" not in rendered and "<a " not in rendered
    inner = rendered.removeprefix("<h2>").removesuffix("</h2>")
    assert html.unescape(inner) == HOSTILE


def test_front_matter_title_is_yaml_holding_escaped_html() -> None:
    value = yaml.safe_load(f"title: {front_matter_title(HOSTILE)}")["title"]
    assert "<" not in value and '"' not in value
    assert html.unescape(value) == HOSTILE


def test_front_matter_tags_are_one_yaml_line_of_escaped_html() -> None:
    """Tags are user text that Material's tags plugin prints unescaped (as it prints titles)."""
    tags = [HOSTILE, "R&D", "yes", "1.0", "!ENV x", "a: b", "- x", "ü\u2028x", "#c", "x" * 300]
    line = front_matter_tags(tags)
    assert line.isascii() and line.count("\n") == 1 and line.startswith("tags: [")
    value = yaml.safe_load(line)["tags"]
    assert all("<" not in tag and '"' not in tag for tag in value)
    assert [html.unescape(tag) for tag in value] == tags


def test_numbers_show_their_units() -> None:
    assert with_unit(10.4, "min") == "10.4 min"
    assert with_unit(62, "%") == "62%"
    assert with_unit(3.9, "") == "3.9"
    assert with_unit(None, "min") == "—"
    assert number(1250.0) == "1,250"
    assert number(-0.001) == "0"
    assert percent(0.534) == "53%" and percent(None) == "—"


def _key_result(**overrides: object) -> tuple[KeyResult, Objective]:
    where = Location("content/x.yml", 1, 1)
    window = Window(date(2026, 7, 1), date(2026, 12, 31))
    objective = Objective(
        id="o", title="O", location=where, period=Period("2026-H2", window), key_results=("k",)
    )
    fields: dict[str, object] = {
        "id": "k",
        "title": "K",
        "objective": "o",
        "location": where,
        "unit": "min",
        "baseline": 12.0,
        "target": 9.0,
        "checkins": (
            CheckIn(date=date(2026, 8, 1), value=11.2),
            CheckIn(date=date(2026, 12, 1), value=9.5),  # after the as-of date: not drawn
        ),
    }
    fields.update(overrides)
    return KeyResult(**fields), objective


def test_trend_runs_from_baseline_through_checkins_to_the_current_value() -> None:
    key_result, objective = _key_result()
    chart = trend_chart(key_result, objective, date(2026, 10, 1))
    assert chart is not None
    assert [(p.day, p.value) for p in chart.points] == [
        (date(2026, 7, 1), 12.0),
        (date(2026, 8, 1), 11.2),
        (date(2026, 10, 1), 11.2),
    ]
    (x0, y0), (x1, y1) = chart.expected
    assert x0 == chart.plot_left and x1 == chart.plot_right
    assert y0 == chart.plot_top and y1 == chart.plot_bottom  # falling metric: 12 at top, 9 below
    assert chart.plot_left < chart.as_of_x < chart.plot_right


def test_the_value_labels_get_the_room_they_need_and_the_last_value_is_carried() -> None:
    """ "12 sessions" (11 characters at 8.5 px, +10) needs 104 px: the 56 px floor cut it to
    "2 sessions". The 2026-10-01 point has no check-in of its own: carried from 08-01."""
    short, objective = _key_result()
    long, _ = _key_result(unit="sessions")

    short_chart = trend_chart(short, objective, date(2026, 10, 1))
    long_chart = trend_chart(long, objective, date(2026, 10, 1))

    assert short_chart is not None and long_chart is not None
    assert short_chart.plot_left == 61  # "12 min": 6 × 8.5 + 10, past the 56 px floor
    assert long_chart.plot_left == 104
    assert long_chart.confidence == () and long_chart.points[-1].carried_from == date(2026, 8, 1)
    assert [p.carried_from for p in long_chart.points[:-1]] == [None, None]
    assert long_chart.carried_line == " ".join(
        f"{p.x:.1f},{p.y:.1f}" for p in long_chart.points[-2:]
    )


def test_no_trend_for_milestones_or_without_a_period() -> None:
    milestone, objective = _key_result(type=KeyResultType.MILESTONE, baseline=None, target=None)
    assert trend_chart(milestone, objective, date(2026, 10, 1)) is None
    metric, objective = _key_result()
    undated = Objective(id="o", title="O", location=objective.location, key_results=("k",))
    assert trend_chart(metric, undated, date(2026, 10, 1)) is None


def test_the_trend_carries_each_check_ins_confidence_on_a_0_to_1_scale() -> None:
    checkins = (
        CheckIn(date=date(2026, 8, 1), value=11.2, confidence=0.8),
        CheckIn(date=date(2026, 9, 1), value=11.0),  # no confidence: no point
        CheckIn(date=date(2026, 9, 15), value=10.8, confidence=0.3),
        CheckIn(date=date(2026, 12, 1), value=9.5, confidence=0.9),  # after the as-of date
    )
    key_result, objective = _key_result(checkins=checkins)
    chart = trend_chart(key_result, objective, date(2026, 10, 1))
    assert chart is not None
    assert [(p.day, p.value) for p in chart.confidence] == [
        (date(2026, 8, 1), 0.8),
        (date(2026, 9, 15), 0.3),
    ]
    height = chart.plot_bottom - chart.plot_top  # 1.0 at the top, 0 at the bottom
    assert chart.confidence[0].y == pytest.approx(chart.plot_top + 0.2 * height)
    assert chart.confidence[1].y == pytest.approx(chart.plot_top + 0.7 * height)


def test_a_health_metric_is_drawn_against_its_bounds() -> None:
    key_result, objective = _key_result(
        type=KeyResultType.HEALTH,
        baseline=None,
        target=None,
        current=None,
        keep_above=95.0,
        checkins=(
            CheckIn(date=date(2026, 8, 1), value=99.0),
            CheckIn(date=date(2026, 9, 1), value=94.0),
        ),
    )
    chart = trend_chart(key_result, objective, date(2026, 10, 1))
    assert chart is not None
    assert [(p.day, p.value) for p in chart.points] == [
        (date(2026, 8, 1), 99.0),
        (date(2026, 9, 1), 94.0),
    ]
    assert (chart.low, chart.high) == (94.0, 99.0)
    [(bound, y)] = chart.bounds
    height = chart.plot_bottom - chart.plot_top  # 95 is a fifth of the way up from 94 to 99
    assert bound == 95.0 and y == pytest.approx(chart.plot_top + 0.8 * height)
    no_value = _key_result(
        type=KeyResultType.HEALTH,
        baseline=None,
        target=None,
        current=None,
        keep_above=95.0,
        checkins=(),
    )[0]
    assert trend_chart(no_value, objective, date(2026, 10, 1)) is None
