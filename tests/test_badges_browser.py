"""The width table agrees with what a real browser measures for DejaVu Sans, the badge font."""

from __future__ import annotations

import pytest

from okrsite.render.badges.text_width import text_width

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

SAMPLES = [
    "checkin-wait-time",
    "53% · on track",
    "Reduce check-in wait time at Gate 7 (Q4) by 40%",
    "ÄÖÜ ßçñ Ωλφ Жизнь",
    "<script>alert('x')</script> & ]]>",
]


def test_table_widths_match_chromium_within_kerning(browser) -> None:
    page = browser.new_page()
    measured = page.evaluate(
        """([samples]) => {
            const context = document.createElement("canvas").getContext("2d");
            return ["", "bold "].map(weight => {
                context.font = weight + "11px 'DejaVu Sans'";
                return samples.map(text => context.measureText(text).width);
            });
        }""",
        [SAMPLES],
    )
    page.close()
    for bold, widths in zip((False, True), measured, strict=True):
        for text, browser_width in zip(SAMPLES, widths, strict=True):
            ours = text_width(text, 11, bold=bold)
            # Kerning (which the table leaves out) only ever tightens pairs like "Wa" slightly.
            assert browser_width * 0.99 - 0.01 <= ours <= browser_width * 1.03, text
