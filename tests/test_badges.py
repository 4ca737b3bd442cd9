"""Badges: one SVG and one endpoint JSON per measurable entity, well-formed, sized by the table."""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET

import pytest
from portal_samples import HOSTILE, sample_portal

from okrsite.compute.scorecard import Score
from okrsite.model import Status
from okrsite.render.badges import (
    STATUS_COLORS,
    BadgeOptions,
    BadgeOptionsError,
    BadgeStyle,
    badge_artifacts,
    badge_subjects,
    whole_percent,
)
from okrsite.render.badges.svg import badge_svg
from okrsite.render.badges.text_width import text_width
from okrsite.render.badges.wording import (
    SHORT_TITLE_LIMIT,
    BadgeWording,
    badge_message,
    one_line,
    short_title,
)
from okrsite.urls import Kind, SiteUrls

SVG = "{http://www.w3.org/2000/svg}"
URLS = SiteUrls("okrs")
DEFAULT = BadgeOptions()


def _files(options: BadgeOptions = DEFAULT) -> dict[str, str]:
    artifacts = badge_artifacts(sample_portal(), URLS, options)
    return {a.path: str(a.content) for a in artifacts}


def _visible_texts(root: ET.Element) -> list[ET.Element]:
    return [t for t in root.iter(f"{SVG}text") if t.get("aria-hidden") != "true"]


def _rects(root: ET.Element) -> list[ET.Element]:
    return list(root.find(f"{SVG}g").iter(f"{SVG}rect"))


def test_every_measurable_entity_has_an_svg_and_a_json_badge() -> None:
    files = _files()
    expected = {
        "okrs/badges/north-star/fly-happy",
        "okrs/badges/value-stream/travel",
        "okrs/badges/stage/check-in",
        "okrs/badges/stage/boarding",
        "okrs/badges/capability/self-service",
        "okrs/badges/team/ground-ops",
        "okrs/badges/team/idle",
        "okrs/badges/objective/faster-checkin",
        "okrs/badges/objective/hostile",
        "okrs/badges/key-result/checkin-wait-time",
        "okrs/badges/key-result/kiosk-launch",
        "okrs/badges/key-result/hostile-kr",
        "okrs/badges/cycle/2026-q4",  # the current cycle: its objectives have no period
    }
    assert set(files) == {f"{stem}.{suffix}" for stem in expected for suffix in ("svg", "json")}


def test_confidential_entities_get_no_badge() -> None:
    assert not [path for path in _files() if "secret" in path or "merger" in path]


@pytest.mark.parametrize("style", list(BadgeStyle))
@pytest.mark.parametrize("label", ["{id}", "{title}", "{kind}: {title}", "{short_title}"])
def test_badges_parse_as_svg_and_say_what_the_scorecard_says(style: str, label: str) -> None:
    options = BadgeOptions(style, label)
    portal = sample_portal()
    files = _files(options)
    for subject in badge_subjects(portal):
        path = URLS.badge_url(subject.kind, subject.entity.key)
        root = ET.fromstring(files[path])
        endpoint = json.loads(files[path.removesuffix("svg") + "json"])
        assert endpoint["schemaVersion"] == 1
        assert endpoint["color"] == STATUS_COLORS[subject.score.status]
        assert endpoint["message"] == badge_message(subject.score)
        entity = subject.entity
        wanted_label = one_line(
            label.format(
                id=entity.id,
                title=entity.title,
                short_title=short_title(entity.title),
                kind=subject.kind,
            )
        )
        assert endpoint["label"] == wanted_label
        text = f"{wanted_label}: {endpoint['message']}"
        assert root.tag == f"{SVG}svg"
        assert root.get("role") == "img"
        assert root.get("aria-label") == text
        assert root.find(f"{SVG}title").text == text
        shown = [t.text for t in _visible_texts(root)]
        if style == BadgeStyle.FOR_THE_BADGE:
            assert shown == [wanted_label.upper(), endpoint["message"].upper()]
        else:
            assert shown == [wanted_label, endpoint["message"]]


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("Passengers fly happy", "Passengers fly happy"),
        ("x" * SHORT_TITLE_LIMIT, "x" * SHORT_TITLE_LIMIT),  # at the limit: whole
        (  # cut after the last whole word that leaves room for the ellipsis
            "Reduce average wait time by 25% within 6 months",
            "Reduce average wait time by 25%…",
        ),
        (
            "Streamline the airport check-in experience to reduce wait times",
            "Streamline the airport check-in…",
        ),
        ("Cut check-in queues, bag-drop waits and gate delays", "Cut check-in queues, bag-drop…"),
        ("Launch self-service kiosks: phase two of the rollout", "Launch self-service kiosks…"),
        ("  Many   spaces\nand a\tline break  in a title ok", "Many spaces and a line break in…"),
        ("Internationalisation-and-localisation-everywhere", "Internationalisation-and-locali…"),
        ("A Zusammengehörigkeitsgefühlsverstärkung for all", "A Zusammengehörigkeitsgefühlsve…"),
        ("e" * 30 + "\u0301\u0301 then more", "e" * 29 + "…"),  # never strips an accent
        ("x" * 29 + "a👩\u200d👩\u200d👧 family", "x" * 29 + "a…"),  # nor splits an emoji
    ],
)
def test_the_default_label_is_the_title_shortened_at_a_word(title: str, label: str) -> None:
    assert short_title(title) == label
    assert len(label) <= SHORT_TITLE_LIMIT
    assert BadgeOptions().label_for(id="an-id", title=title, kind="objective") == label


def test_the_badge_label_setting_still_decides() -> None:
    long = "Reduce average wait time by 25% within 6 months"
    assert BadgeOptions(label="{id}").label_for(id="wait", title=long, kind="key-result") == "wait"
    assert BadgeOptions(label="{title}").label_for(id="w", title=long, kind="k") == long
    assert BadgeOptions(label="{kind}: {short_title}").label_for(
        id="w", title=long, kind="key-result"
    ) == ("key-result: Reduce average wait time by 25%…")


def test_a_new_label_keeps_every_badge_at_its_url() -> None:
    assert set(_files()) == set(_files(BadgeOptions(label="{id}")))


def test_the_default_label_is_escaped_and_measured_as_drawn() -> None:
    files = _files()
    svg = files["okrs/badges/objective/hostile.svg"]
    label = short_title(HOSTILE)
    assert label == '<script>alert("x")</script> & \'…'
    assert "<script" not in svg and "&lt;script&gt;alert(&#34;x&#34;)" in svg
    root = ET.fromstring(svg)
    text = _visible_texts(root)[0]
    assert text.text == label
    assert json.loads(files["okrs/badges/objective/hostile.json"])["label"] == label
    label_box = float(_rects(root)[0].get("width"))
    measured = text_width(label, 11)  # the ellipsis too: one em in DejaVu Sans
    assert float(text.get("textLength")) / 10 == pytest.approx(measured, abs=0.05)
    assert label_box == math.ceil(measured) + 2 * 5


def test_hostile_titles_are_escaped_and_survive_intact() -> None:
    files = _files(BadgeOptions(label="{title}"))
    svg = files["okrs/badges/objective/hostile.svg"]
    assert "<script" not in svg
    root = ET.fromstring(svg)
    assert _visible_texts(root)[0].text == HOSTILE
    assert json.loads(files["okrs/badges/objective/hostile.json"])["label"] == HOSTILE


def _drawn(label: str, style: BadgeStyle = BadgeStyle.FLAT) -> ET.Element:
    wording = BadgeWording(one_line(label), "53% · on track", STATUS_COLORS[Status.ON_TRACK])
    return ET.fromstring(badge_svg(wording, style))


@pytest.mark.parametrize(
    "label",
    [
        "a",
        "checkin-wait-time",
        "Reduce the time passengers wait at check-in desks during peak hours " * 3,
        "Ünïcödé Ωμέγα Жизнь",
        "日本語のタイトル",
        "launch 🚀 👩‍👩‍👧 🇩🇪 👍🏽",
        "e\u0301\u0301 café",
        HOSTILE,
    ],
)
@pytest.mark.parametrize("style", list(BadgeStyle))
def test_each_box_holds_its_measured_text_plus_padding(label: str, style: BadgeStyle) -> None:
    root = _drawn(label, style)
    label_box, message_box = (float(r.get("width")) for r in _rects(root)[:2])
    assert label_box + message_box == float(root.get("width"))
    font_size = 10 if style == BadgeStyle.FOR_THE_BADGE else 11
    padding = 9 if style == BadgeStyle.FOR_THE_BADGE else 5
    for text, box, bold in zip(
        _visible_texts(root),
        (label_box, message_box),
        (False, style == BadgeStyle.FOR_THE_BADGE),
        strict=True,
    ):
        length = float(text.get("textLength")) / 10
        natural = text_width(text.text, font_size, bold=bold)
        assert natural <= length + 0.05  # the pinned length never squeezes the text
        assert length <= natural * 1.15 + 0.05  # and only for-the-badge spreads it
        assert length + 2 * padding <= box + 0.05 < length + 2 * padding + 1.1  # no odd padding
        center = float(text.get("x")) / 10
        left = 0 if text is _visible_texts(root)[0] else label_box
        assert center == pytest.approx(left + box / 2)


def test_widths_come_from_the_font_table_with_sensible_fallbacks() -> None:
    assert text_width("checkin-wait-time", 11) == pytest.approx(98.13, abs=0.01)
    assert text_width("ab", 11) == text_width("a", 11) + text_width("b", 11)
    assert text_width("日本語", 11) == pytest.approx(33.0)  # not in DejaVu: one em each
    assert text_width("👩‍👩‍👧", 11) == text_width("👩", 11)  # one glyph for a ZWJ family
    assert text_width("🇩🇪", 11) == pytest.approx(11.0)  # a flag is one glyph
    assert text_width("👍🏽", 11) == text_width("👍", 11)  # skin tone joins the emoji
    assert text_width("e\u0301", 11) == text_width("e", 11)  # combining accent
    assert text_width("ꙮ", 11) > 0  # any code point gets some width
    assert text_width("W", 11, bold=True) > text_width("W", 11)


def test_long_labels_grow_the_badge_and_short_ones_shrink_it() -> None:
    short, long = _drawn("a"), _drawn("a" * 300)
    assert float(long.get("width")) - float(short.get("width")) == pytest.approx(
        text_width("a" * 299, 11), abs=1
    )


def test_control_characters_and_newlines_cannot_break_the_xml() -> None:
    root = _drawn("bad\x00\x1b\ufffe title\nwith\tbreaks\u0085")
    assert _visible_texts(root)[0].text == "bad title with breaks"


def test_styles_differ_in_shape() -> None:
    flat, square, big = (_drawn("x", style) for style in BadgeStyle)
    assert flat.find(f"{SVG}linearGradient") is not None
    assert square.find(f"{SVG}linearGradient") is None
    assert flat.find(f".//{SVG}clipPath/{SVG}rect").get("rx") == "3"
    assert square.find(f".//{SVG}clipPath/{SVG}rect").get("rx") == "0"
    assert (flat.get("height"), big.get("height")) == ("20", "28")


def test_badges_have_their_own_ids_so_they_can_share_a_page() -> None:
    """Ids come from what a badge shows: two that differ never share one (the sample's hostile
    objective and key result share a title and a status, so their badges are the same file)."""
    badges = {content for content in _files().values() if content.startswith("<svg")}
    ids = [
        element.get("id")
        for content in badges
        for element in ET.fromstring(content).iter()
        if element.get("id")
    ]
    assert len(ids) == len(set(ids)) == 2 * len(badges)


def test_badges_are_deterministic() -> None:
    assert _files() == _files()


@pytest.mark.parametrize(
    ("progress", "percent"), [(0.996, 99), (0.29, 29), (0.5333, 53), (1.0, 100), (0.0, 0)]
)
def test_percent_rounds_down_so_100_means_done(progress: float, percent: int) -> None:
    assert whole_percent(progress) == percent


def test_message_without_progress_is_the_status_alone() -> None:
    assert badge_message(Score(None, 0.5, Status.UNKNOWN)) == "no progress yet"
    assert badge_message(Score(0.999, 0.5, Status.ON_TRACK)) == "99% · on track"


def test_a_status_the_scorecard_gives_is_shown_in_its_colour() -> None:
    portal = sample_portal()
    subjects = {(s.kind, s.entity.key): s for s in badge_subjects(portal)}
    team = subjects[(Kind.TEAM, "idle")]
    assert team.score.progress is None
    assert json.loads(_files()["okrs/badges/team/idle.json"]) == {
        "schemaVersion": 1,
        "label": "Idle team",
        "message": "no progress yet",
        "color": STATUS_COLORS[Status.UNKNOWN],
    }
    assert set(STATUS_COLORS) == set(Status)


@pytest.mark.parametrize(
    ("template", "complaint"),
    [
        ("{name}", "uses {name}; use only {id}, {title}, {short_title}, {kind}"),
        ("{id.__class__}", "uses {id.__class__}"),
        ("{id:>30}", "uses {id:>30}"),
        ("{title!r}", "uses {title!r}"),
        ("{id", "cannot be read"),
        ("}", "cannot be read"),
        ("  ", "empty"),
    ],
)
def test_bad_label_templates_are_refused_with_a_clear_message(
    template: str, complaint: str
) -> None:
    with pytest.raises(BadgeOptionsError, match="badge label template") as raised:
        BadgeOptions(label=template)
    assert complaint in str(raised.value)


def test_bad_style_is_refused_naming_the_styles() -> None:
    with pytest.raises(BadgeOptionsError, match="flat, flat-square, for-the-badge"):
        BadgeOptions(style="round")  # type: ignore[arg-type]


def test_literal_braces_in_templates_are_allowed() -> None:
    assert BadgeOptions(label="{{okr}} {id}").label_for(id="x", title="t", kind="k") == "{okr} x"
