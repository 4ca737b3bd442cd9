"""One colour per status, shared by the SVG badges and the shields.io endpoint JSON.

Every colour keeps white 11px text at a WCAG contrast of at least 4.5:1 (the label grey is
7.5:1), so a badge stays readable; done is blue so it stands apart from on track.
"""

from __future__ import annotations

from okrsite.model import Status

LABEL_COLOR = "555555"

STATUS_COLORS: dict[Status, str] = {
    Status.DONE: "0969da",
    Status.ON_TRACK: "1a7f37",
    Status.AT_RISK: "9a6700",
    Status.OFF_TRACK: "cf222e",
    Status.NOT_STARTED: "6e7781",
    Status.UNKNOWN: "57606a",
}
