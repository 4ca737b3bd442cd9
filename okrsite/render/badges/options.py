"""How badges look, as chosen in the site configuration: style and label template.

The label template is checked here, once, so a typo in the configuration is reported with the
fields that are allowed instead of surfacing as a broken badge. The default label is the title,
shortened: readers know an objective by its title, not its id.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from enum import StrEnum

from okrsite.render.badges.wording import short_title

LABEL_FIELDS = ("id", "title", "short_title", "kind")
DEFAULT_LABEL = "{short_title}"


class BadgeStyle(StrEnum):
    FLAT = "flat"
    FLAT_SQUARE = "flat-square"
    FOR_THE_BADGE = "for-the-badge"


class BadgeOptionsError(ValueError):
    """A badge option cannot be used; the message says what is allowed."""


def _template_parts(template: str) -> list[tuple[str, str | None]]:
    """(literal text, field name or None) pairs; raises BadgeOptionsError for a bad template."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as problem:
        raise BadgeOptionsError(
            f"badge label template {template!r} cannot be read ({problem}); "
            "write literal braces as {{ and }}"
        ) from None
    allowed = ", ".join("{" + name + "}" for name in LABEL_FIELDS)
    parts: list[tuple[str, str | None]] = []
    for literal, field, spec, conversion in parsed:
        if field is not None and (field not in LABEL_FIELDS or spec or conversion):
            written = "{" + field + (f"!{conversion}" if conversion else "")
            written += (f":{spec}" if spec else "") + "}"
            raise BadgeOptionsError(
                f"badge label template {template!r} uses {written}; use only {allowed}"
            )
        parts.append((literal, field))
    return parts


@dataclass(frozen=True, slots=True)
class BadgeOptions:
    style: BadgeStyle = BadgeStyle.FLAT
    label: str = DEFAULT_LABEL  # template with the fields in LABEL_FIELDS

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "style", BadgeStyle(self.style))
        except ValueError:
            styles = ", ".join(style.value for style in BadgeStyle)
            raise BadgeOptionsError(
                f"badge style {self.style!r} is not known; use one of {styles}"
            ) from None
        if not self.label.strip():
            raise BadgeOptionsError("badge label template is empty; use for example {id}")
        _template_parts(self.label)

    def label_for(self, *, id: str, title: str, kind: str) -> str:
        """The label text for one entity (fields are substituted, never formatted further)."""
        values = {"id": id, "title": title, "short_title": short_title(title), "kind": kind}
        return "".join(
            literal + (values[field] if field is not None else "")
            for literal, field in _template_parts(self.label)
        )
