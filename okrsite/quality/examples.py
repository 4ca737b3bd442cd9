"""Each quality rule's examples: content that breaks it and content that keeps it. Every example
is whole YAML that, added to `BACKGROUND` (the company objective of a small airline), is loaded
and reviewed by the tests on `EXAMPLES_AS_OF`: the bad one must break its rule, the good one no
rule at all. So the examples the rule pages show are known to be right.
"""

from __future__ import annotations

EXAMPLES_AS_OF = "2026-11-23"  # inside 2026-Q4, the examples' cycle

BACKGROUND = """\
kind: NorthStar
id: north-star
title: Become the airline passengers recommend first
---
kind: ValueStream
id: passenger-journey
title: Passenger journey
stages:
  - {id: check-in, title: Check-in}
---
kind: Capability
id: digital-check-in
title: Digital check-in
---
kind: Team
id: skyway
title: SkyWay
level: company
---
kind: Team
id: airport-ops
title: Airport Operations
level: department
parent: skyway
---
kind: Objective
id: recommend-first
title: Passengers recommend us first
team: skyway
owner: Mia Chen
stage: check-in
capabilities: [digital-check-in]
period: 2026-Q4
key_results:
  - {id: nps, title: Raise NPS from 31 to 40, baseline: 31, target: 40}
  - {id: complaints, title: Halve complaints per 1000 passengers, baseline: 4, target: 2}
"""

GOOD = """\
kind: Objective
id: faster-check-in
title: Make airport check-in fast
team: airport-ops
owner: Ana Ruiz
parent: recommend-first
period: 2026-Q4
key_results:
  - {id: wait, title: Cut the median wait from 12 to 9 min, baseline: 12, target: 9}
  - {id: csat, title: Raise check-in satisfaction from 3.5 to 4.5, baseline: 3.5, target: 4.5}
"""

EXAMPLES: dict[str, tuple[str, str]] = {
    "OKR101": (
        """\
kind: Objective
id: faster-check-in
title: Make airport check-in fast
team: airport-ops
owner: Ana Ruiz
parent: recommend-first
period: 2026-Q4
key_results:
  - {id: wait, title: Cut the median wait from 12 to 9 min, baseline: 12, target: 9}
  - {id: csat, title: Raise check-in satisfaction from 3.5 to 4.5, baseline: 3.5, target: 4.5}
  - {id: kiosk-use, title: Raise kiosk use from 20% to 60%, baseline: 20, target: 60}
  - {id: bag-drop, title: Cut bag drop from 6 to 2 min, baseline: 6, target: 2}
  - {id: queue, title: Cut the longest queue from 40 to 15 min, baseline: 40, target: 15}
  - {id: errors, title: Cut failed check-ins from 3% to 1%, baseline: 3, target: 1}
""",
        GOOD,
    ),
    "OKR102": (
        """\
kind: Objective
id: faster-check-in
title: Make airport check-in fast
team: airport-ops
owner: Ana Ruiz
parent: recommend-first
period: 2026-Q4
key_results:
  - {id: wait, title: Cut the median wait from 12 to 9 min, baseline: 12, target: 9}
  - {id: kiosks, title: Kiosks live at every hub, type: milestone}
""",
        GOOD,
    ),
    "OKR103": (
        """\
kind: Objective
id: faster-check-in
title: Make airport check-in fast
team: airport-ops
owner: Ana Ruiz
parent: recommend-first
period: 2026-Q4
key_results:
  - {id: kiosks, title: Kiosks live at every hub, type: milestone}
  - {id: app, title: Check-in in the app, type: milestone}
""",
        """\
kind: Objective
id: faster-check-in
title: Make airport check-in fast
team: airport-ops
owner: Ana Ruiz
parent: recommend-first
period: 2026-Q4
key_results:
  - {id: kiosks, title: Kiosks live at every hub, type: milestone}
  - {id: wait, title: Cut the median wait from 12 to 9 min, baseline: 12, target: 9}
  - {id: csat, title: Raise check-in satisfaction from 3.5 to 4.5, baseline: 3.5, target: 4.5}
""",
    ),
    "OKR104": (
        """\
kind: Objective
id: faster-check-in
title: Make airport check-in fast
team: airport-ops
owner: Ana Ruiz
parent: recommend-first
period: 2026-Q4
key_results:
  - {id: kiosks, title: Launch self-service kiosks at 4 hubs, baseline: 0, target: 4}
  - {id: csat, title: Raise check-in satisfaction from 3.5 to 4.5, baseline: 3.5, target: 4.5}
""",
        """\
kind: Objective
id: faster-check-in
title: Make airport check-in fast
team: airport-ops
owner: Ana Ruiz
parent: recommend-first
period: 2026-Q4
key_results:
  - {id: kiosks, title: Raise kiosk check-ins from 20% to 60%, baseline: 20, target: 60}
  - {id: csat, title: Raise check-in satisfaction from 3.5 to 4.5, baseline: 3.5, target: 4.5}
""",
    ),
    "OKR201": (
        """\
# six objectives of one team in one cycle (their key results left out here)
{kind: Objective, id: ops-1, title: Faster check-in, team: airport-ops, period: 2026-Q4}
---
{kind: Objective, id: ops-2, title: Faster bag drop, team: airport-ops, period: 2026-Q4}
---
{kind: Objective, id: ops-3, title: Shorter queues, team: airport-ops, period: 2026-Q4}
---
{kind: Objective, id: ops-4, title: Fewer lost bags, team: airport-ops, period: 2026-Q4}
---
{kind: Objective, id: ops-5, title: Calmer gates, team: airport-ops, period: 2026-Q4}
---
{kind: Objective, id: ops-6, title: Cleaner terminals, team: airport-ops, period: 2026-Q4}
""",
        GOOD,
    ),
    "OKR202": (
        """\
kind: Objective
id: faster-check-in
title: Make airport check-in fast
team: airport-ops
parent: recommend-first
period: 2026-Q4
key_results:
  - {id: wait, title: Cut the median wait from 12 to 9 min, baseline: 12, target: 9}
  - {id: csat, title: Raise check-in satisfaction from 3.5 to 4.5, baseline: 3.5, target: 4.5}
""",
        GOOD,
    ),
    "OKR203": (
        """\
kind: Objective
id: faster-check-in
title: Make airport check-in fast
team: airport-ops
parent: recommend-first
period: 2026-Q4
key_results:
  - {id: wait, title: Cut the median wait from 12 to 9 min, baseline: 12, target: 9}
  - {id: csat, title: Raise check-in satisfaction from 3.5 to 4.5, baseline: 3.5, target: 4.5,
     owner: Li Wei}
""",
        """\
kind: Objective
id: faster-check-in
title: Make airport check-in fast
team: airport-ops
owner: Ana Ruiz  # owns `wait` too: it names no owner of its own
parent: recommend-first
period: 2026-Q4
key_results:
  - {id: wait, title: Cut the median wait from 12 to 9 min, baseline: 12, target: 9}
  - {id: csat, title: Raise check-in satisfaction from 3.5 to 4.5, baseline: 3.5, target: 4.5,
     owner: Li Wei}
""",
    ),
    "OKR301": (
        """\
kind: Objective
id: faster-check-in
title: Make airport check-in fast
team: airport-ops  # a department: its objectives serve one above them
owner: Ana Ruiz
period: 2026-Q4
key_results:
  - {id: wait, title: Cut the median wait from 12 to 9 min, baseline: 12, target: 9}
  - {id: csat, title: Raise check-in satisfaction from 3.5 to 4.5, baseline: 3.5, target: 4.5}
""",
        GOOD,
    ),
    "OKR302": (
        """\
# the company objective recommend-first, and no objective in 2026-Q4 with
# parent: recommend-first
kind: Objective
id: faster-check-in
title: Make airport check-in fast
team: airport-ops
owner: Ana Ruiz
period: 2026-Q4
key_results:
  - {id: wait, title: Cut the median wait from 12 to 9 min, baseline: 12, target: 9}
  - {id: csat, title: Raise check-in satisfaction from 3.5 to 4.5, baseline: 3.5, target: 4.5}
""",
        GOOD,
    ),
    "OKR401": (
        """\
kind: ValueStream
id: baggage
title: Baggage
stages:
  - {id: reclaim, title: Reclaim}
# no objective in 2026-Q4 has stage: reclaim
""",
        """\
kind: ValueStream
id: baggage
title: Baggage
stages:
  - {id: reclaim, title: Reclaim}
---
kind: Objective
id: first-bag-fast
title: Get the first bag to the belt fast
team: airport-ops
owner: Ana Ruiz
parent: recommend-first
stage: reclaim
period: 2026-Q4
key_results:
  - {id: first-bag, title: Cut first-bag time from 25 to 15 min, baseline: 25, target: 15}
  - {id: last-bag, title: Cut last-bag time from 45 to 30 min, baseline: 45, target: 30}
""",
    ),
    "OKR402": (
        """\
kind: Capability
id: bag-tracking
title: Bag tracking
# no objective in 2026-Q4 lists it, nor one below it
""",
        """\
kind: Capability
id: bag-tracking
title: Bag tracking
---
kind: Objective
id: fewer-lost-bags
title: Lose fewer bags
team: airport-ops
owner: Ana Ruiz
parent: recommend-first
capabilities: [bag-tracking]
period: 2026-Q4
key_results:
  - {id: mishandled, title: Cut mishandled bags from 6 to 3 per 1000, baseline: 6, target: 3}
  - {id: traced, title: Trace 95% of late bags within 1 hour, baseline: 60, target: 95}
""",
    ),
    "OKR501": (
        """\
kind: Objective
id: faster-check-in
title: Make airport check-in fast
team: airport-ops
owner: Ana Ruiz
parent: recommend-first
period: 2026-Q4
key_results:
  - {id: wait, title: Cut the median wait from 12 to 9 min, baseline: 12, target: 9,
     due: 2027-01-15}
  - {id: csat, title: Raise check-in satisfaction from 3.5 to 4.5, baseline: 3.5, target: 4.5}
""",
        """\
kind: Objective
id: faster-check-in
title: Make airport check-in fast
team: airport-ops
owner: Ana Ruiz
parent: recommend-first
period: 2026-Q4
key_results:
  - {id: wait, title: Cut the median wait from 12 to 9 min, baseline: 12, target: 9,
     due: 2026-12-15}
  - {id: csat, title: Raise check-in satisfaction from 3.5 to 4.5, baseline: 3.5, target: 4.5}
""",
    ),
    "OKR601": (
        """\
kind: Objective
id: faster-check-in
title: Make airport check-in fast
team: airport-ops
owner: Ana Ruiz
parent: recommend-first
period: 2026-Q4
key_results:
  - id: wait
    title: Cut the median wait from 12 to 9 min
    baseline: 12
    target: 9
    checkins:
      - {date: 2026-11-02, value: 12, confidence: 0.2}
  - {id: csat, title: Raise check-in satisfaction from 3.5 to 4.5, baseline: 3.5, target: 4.5}
""",
        """\
kind: Objective
id: faster-check-in
title: Make airport check-in fast
team: airport-ops
owner: Ana Ruiz
parent: recommend-first
period: 2026-Q4
key_results:
  - id: wait
    title: Cut the median wait from 12 to 9 min
    baseline: 12
    target: 9
    checkins:
      - {date: 2026-11-02, value: 12, confidence: 0.2, note: The kiosk vendor slipped to January}
  - {id: csat, title: Raise check-in satisfaction from 3.5 to 4.5, baseline: 3.5, target: 4.5}
""",
    ),
}
