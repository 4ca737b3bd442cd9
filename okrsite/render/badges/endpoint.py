"""The shields.io endpoint JSON beside each badge, so users can restyle it through shields.io.

Format: https://shields.io/badges/endpoint-badge (schemaVersion 1; colours as hex without "#").
"""

from __future__ import annotations

import json

from okrsite.render.badges.wording import BadgeWording


def endpoint_json(wording: BadgeWording) -> str:
    document = {
        "schemaVersion": 1,
        "label": wording.label,
        "message": wording.message,
        "color": wording.color,
    }
    return json.dumps(document, ensure_ascii=False) + "\n"
