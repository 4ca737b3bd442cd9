"""A small model built in Python for the badge, embed, export and redirect tests.

It has something of every kind, a confidential objective (must never be published), hostile
and non-ASCII titles, aliases, and key results that are rising, falling, milestone and
undefined, so each test can find the case it needs.
"""

from __future__ import annotations

from datetime import date

from okrsite.model import (
    Capability,
    Initiative,
    KeyResult,
    KeyResultType,
    Location,
    Model,
    NorthStar,
    Objective,
    Outcome,
    Period,
    Stage,
    Team,
    TeamLevel,
    ValueStream,
    Visibility,
    Window,
)
from okrsite.portal import Portal, assemble_portal

AS_OF = date(2026, 11, 23)
HOSTILE = """<script>alert("x")</script> & ' ]]> {title} |!*_[]`=cmd"""
Q4 = Period("2026-Q4", Window(date(2026, 10, 1), date(2026, 12, 31)))


def _at(name: str) -> Location:
    return Location(f"content/{name}.yaml", 1, 1)


def sample_model() -> Model:
    objectives = [
        Objective(
            id="Faster-Checkin",
            title="Make check-in fast",
            stage="check-in",
            capabilities=("self-service",),
            outcome="customer",
            team="ground-ops",
            owner='=HYPERLINK("http://evil")',
            period=Q4,
            visibility=Visibility.PUBLIC,
            key_results=("checkin-wait-time", "kiosk-launch"),
            aliases=("quick-checkin", "Old-Checkin"),
            location=_at("objectives/faster-checkin"),
        ),
        Objective(
            id="hostile",
            title=HOSTILE,
            stage="boarding",
            team="ground-ops",
            period=Q4,
            key_results=("hostile-kr",),
            location=_at("objectives/hostile"),
        ),
        Objective(
            id="secret-merger",
            title="Secret merger",
            stage="boarding",
            capabilities=("self-service",),
            team="ground-ops",
            period=Q4,
            visibility=Visibility.CONFIDENTIAL,
            key_results=("merger-signed",),
            location=_at("objectives/secret-merger"),
        ),
    ]
    key_results = [
        KeyResult(
            id="checkin-wait-time",
            title="Check-in wait time 日本語 🚀",
            objective="faster-checkin",
            unit="min",
            baseline=20.0,
            target=5.0,
            current=12.0,
            owner="+ada",
            aliases=("wait-time",),
            location=_at("objectives/faster-checkin"),
        ),
        KeyResult(
            id="kiosk-launch",
            title="Kiosks launched",
            objective="faster-checkin",
            type=KeyResultType.MILESTONE,
            done=True,
            location=_at("objectives/faster-checkin"),
        ),
        KeyResult(
            id="hostile-kr",
            title=HOSTILE,
            objective="hostile",
            unit="-°C",
            baseline=-10.0,
            target=-4.0,
            current=-9.3,
            owner="@bob",
            location=_at("objectives/hostile"),
        ),
        KeyResult(
            id="merger-signed",
            title="Merger signed",
            objective="secret-merger",
            type=KeyResultType.MILESTONE,
            location=_at("objectives/secret-merger"),
        ),
    ]
    return Model(
        north_star=NorthStar(
            id="fly-happy",
            title="Passengers fly happy",
            outcomes=(Outcome(id="customer", title="Customer", location=_at("north-star")),),
            aliases=("old-star",),
            location=_at("north-star"),
        ),
        value_streams={
            "travel": ValueStream(
                id="travel",
                title="Travel",
                stages=("check-in", "boarding"),
                location=_at("value-streams/travel"),
            )
        },
        stages={
            "boarding": Stage(
                id="boarding",
                title="Boarding",
                value_stream="travel",
                position=1,
                location=_at("value-streams/travel"),
            ),
            "check-in": Stage(
                id="check-in",
                title="Check-in",
                value_stream="travel",
                position=0,
                location=_at("value-streams/travel"),
            ),
        },
        capabilities={
            "self-service": Capability(
                id="self-service", title="Self service", location=_at("capabilities")
            )
        },
        teams={
            "ground-ops": Team(
                id="ground-ops",
                title="Ground operations",
                level=TeamLevel.TEAM,
                location=_at("teams"),
            ),
            "idle": Team(id="idle", title="Idle team", level=TeamLevel.TEAM, location=_at("teams")),
        },
        objectives={o.key: o for o in sorted(objectives, key=lambda o: o.key)},
        key_results={k.key: k for k in sorted(key_results, key=lambda k: k.key)},
        initiatives={
            "kiosks": Initiative(
                id="kiosks",
                title="Roll out kiosks",
                key_results=("kiosk-launch",),
                aliases=("kiosk-rollout",),
                location=_at("initiatives"),
            ),
            "merger-prep": Initiative(
                id="merger-prep",
                title="Merger preparation",
                key_results=("merger-signed",),
                location=_at("initiatives"),
            ),
        },
    )


def sample_portal(publish_up_to: Visibility = Visibility.INTERNAL) -> Portal:
    return assemble_portal(sample_model(), AS_OF, publish_up_to)
