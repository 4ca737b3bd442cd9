"""Draw a two-part badge (label | message) as SVG in one of three styles.

Geometry lives here (the one place a template cannot serve); the markup is a Jinja2 template
with autoescaping, so every text lands escaped. Text is set at ten times its size and scaled
down, as shields.io does, so `textLength` can pin widths to a tenth of a pixel. Each badge's
clip path and gradient get ids derived from its content, so badges inlined side by side in one
page don't borrow each other's shapes.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from functools import lru_cache

import jinja2

from okrsite.render.badges.colors import LABEL_COLOR
from okrsite.render.badges.options import BadgeStyle
from okrsite.render.badges.text_width import text_width
from okrsite.render.badges.wording import BadgeWording

FONT_FAMILY = "DejaVu Sans,Verdana,Geneva,sans-serif"  # widths are measured in DejaVu Sans


@dataclass(frozen=True, slots=True)
class _Look:
    height: int
    font_size: int
    padding: int  # left and right of each text
    baseline: float  # y of the text baseline, in pixels
    radius: int
    gradient: bool  # the soft light-to-dark sheen and the text shadow of the classic look
    uppercase: bool
    bold_message: bool
    tracking: float  # extra width as a share of the text's width, spread between letters


_LOOKS: dict[BadgeStyle, _Look] = {
    BadgeStyle.FLAT: _Look(20, 11, 5, 14, 3, True, False, False, 0.0),
    BadgeStyle.FLAT_SQUARE: _Look(20, 11, 5, 14, 0, False, False, False, 0.0),
    BadgeStyle.FOR_THE_BADGE: _Look(28, 10, 9, 17.5, 0, False, True, True, 0.15),
}


@dataclass(frozen=True, slots=True)
class _Part:
    """One half of the badge: its box (pixels) and its text (in tenths of a pixel)."""

    text: str
    x: int  # left edge of the box
    width: int
    text_center: int
    text_length: int
    bold: bool


def _part(text: str, x: int, look: _Look, bold: bool) -> _Part:
    measured = text_width(text, look.font_size, bold=bold) * (1 + look.tracking)
    width = math.ceil(measured) + 2 * look.padding
    return _Part(text, x, width, x * 10 + width * 5, round(measured * 10), bold)


_TEMPLATE = jinja2.Environment(
    autoescape=True, trim_blocks=True, keep_trailing_newline=True
).from_string(
    """\
<svg xmlns="http://www.w3.org/2000/svg" width="{{ width }}" height="{{ look.height }}" \
role="img" aria-label="{{ wording.text }}">
<title>{{ wording.text }}</title>
{% if look.gradient %}
<linearGradient id="{{ uid }}-sheen" x2="0" y2="100%">\
<stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/>\
</linearGradient>
{% endif %}
<clipPath id="{{ uid }}-shape">\
<rect width="{{ width }}" height="{{ look.height }}" rx="{{ look.radius }}" fill="#fff"/>\
</clipPath>
<g clip-path="url(#{{ uid }}-shape)">\
<rect width="{{ label.width }}" height="{{ look.height }}" fill="#{{ label_color }}"/>\
<rect x="{{ message.x }}" width="{{ message.width }}" height="{{ look.height }}" \
fill="#{{ wording.color }}"/>\
{% if look.gradient %}
<rect width="{{ width }}" height="{{ look.height }}" fill="url(#{{ uid }}-sheen)"/>\
{% endif %}
</g>
<g fill="#fff" text-anchor="middle" font-family="{{ font_family }}" \
text-rendering="geometricPrecision" font-size="{{ look.font_size * 10 }}">
{% for part in (label, message) %}
{% if look.gradient %}
<text aria-hidden="true" x="{{ part.text_center }}" y="{{ baseline + 10 }}" fill="#010101" \
fill-opacity=".3" transform="scale(.1)" textLength="{{ part.text_length }}">{{ part.text }}</text>
{% endif %}
<text x="{{ part.text_center }}" y="{{ baseline }}" transform="scale(.1)" \
textLength="{{ part.text_length }}"{% if part.bold %} font-weight="bold"{% endif %}>\
{{ part.text }}</text>
{% endfor %}
</g>
</svg>
"""
)


@lru_cache(maxsize=1 << 16)
def badge_svg(wording: BadgeWording, style: BadgeStyle) -> str:
    """Kept per wording for the process: under `mkdocs serve` an edit changes a few badges'
    wording, and the other thousands are not drawn again."""
    look = _LOOKS[style]
    label_text = wording.label.upper() if look.uppercase else wording.label
    message_text = wording.message.upper() if look.uppercase else wording.message
    label = _part(label_text, 0, look, bold=False)
    message = _part(message_text, label.width, look, bold=look.bold_message)
    digest = hashlib.sha256(f"{style}\n{wording.text}\n{wording.color}".encode()).hexdigest()
    return _TEMPLATE.render(
        look=look,
        wording=wording,
        label=label,
        message=message,
        width=label.width + message.width,
        baseline=round(look.baseline * 10),
        uid=f"okrsite-{digest[:12]}",
        label_color=LABEL_COLOR,
        font_family=FONT_FAMILY,
    )
