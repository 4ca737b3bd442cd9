"""How wide a line of badge text is, from DejaVu Sans font metrics (the badge's first font).

Badges pin each text's width with `textLength`, so the estimate decides the box sizes: too
small clips, too large pads. Code points the font lacks get a width by their East Asian width
class (wide and fullwidth characters, CJK and most emoji, are one em; others are an average
letter), and characters that join into the previous glyph (combining marks, format characters,
emoji modifiers, the character after a zero-width joiner, the second regional indicator of a
flag) add nothing.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right

from okrsite.render.badges.dejavu_widths import BOLD_RUNS, REGULAR_RUNS, UNITS_PER_EM

_ZERO_WIDTH_JOINER = 0x200D
_EMOJI_MODIFIERS = range(0x1F3FB, 0x1F400)  # skin tones join the emoji before them
_REGIONAL_INDICATORS = range(0x1F1E6, 0x1F200)  # two of them make one flag
_JOINING_CATEGORIES = frozenset({"Mn", "Me", "Cf"})


class _AdvanceTable:
    """Advance widths by code point, in font units, looked up in sorted runs."""

    def __init__(self, runs: tuple[tuple[int, int, int], ...]) -> None:
        self._starts = [first for first, _, _ in runs]
        self._runs = runs
        self.average_letter = self.advance(ord("n")) or UNITS_PER_EM // 2

    def advance(self, code_point: int) -> int | None:
        index = bisect_right(self._starts, code_point) - 1
        if index >= 0:
            first, last, advance = self._runs[index]
            if first <= code_point <= last:
                return advance
        return None


_REGULAR = _AdvanceTable(REGULAR_RUNS)
_BOLD = _AdvanceTable(BOLD_RUNS)


def _fallback_advance(character: str, table: _AdvanceTable) -> int:
    if unicodedata.east_asian_width(character) in ("W", "F"):
        return UNITS_PER_EM
    return table.average_letter


def text_width(text: str, font_size: float, *, bold: bool = False) -> float:
    """Width in pixels of `text` set in DejaVu Sans at `font_size` pixels, without kerning."""
    table = _BOLD if bold else _REGULAR
    units = 0
    after_joiner = False
    open_flag = False
    for character in text:
        code_point = ord(character)
        if after_joiner:
            after_joiner = False
            continue
        if code_point == _ZERO_WIDTH_JOINER:
            after_joiner = True
            continue
        if code_point in _REGIONAL_INDICATORS:
            open_flag = not open_flag
            if open_flag:
                units += UNITS_PER_EM
            continue
        open_flag = False
        if code_point in _EMOJI_MODIFIERS or unicodedata.category(character) in (
            _JOINING_CATEGORIES
        ):
            continue
        advance = table.advance(code_point)
        units += advance if advance is not None else _fallback_advance(character, table)
    return units * font_size / UNITS_PER_EM
