"""Progress badges: an SVG and a shields.io endpoint JSON for everything measurable."""

from okrsite.compute.wording import whole_percent
from okrsite.render.badges.artifacts import badge_artifacts, badge_files, subject_wording
from okrsite.render.badges.colors import LABEL_COLOR, STATUS_COLORS
from okrsite.render.badges.options import BadgeOptions, BadgeOptionsError, BadgeStyle
from okrsite.render.badges.subjects import BadgeSubject, badge_subject, badge_subjects

__all__ = [
    "LABEL_COLOR",
    "STATUS_COLORS",
    "BadgeOptions",
    "BadgeOptionsError",
    "BadgeStyle",
    "BadgeSubject",
    "badge_artifacts",
    "badge_files",
    "badge_subject",
    "badge_subjects",
    "subject_wording",
    "whole_percent",
]
