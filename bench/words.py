"""Word lists the synthetic org is composed from, so titles read like a real company's OKRs.

Kept apart from the generator so the vocabulary can grow without touching the structure code.
"""

from __future__ import annotations

DEPARTMENTS = (
    "Engineering",
    "Product",
    "Marketing",
    "Sales",
    "Customer Success",
    "Operations",
    "Finance",
    "People",
    "Data",
    "Security",
    "Design",
    "Legal",
    "Supply Chain",
    "Partnerships",
    "Infrastructure",
    "Research",
)

DOMAINS = (
    "Checkout",
    "Payments",
    "Search",
    "Onboarding",
    "Billing",
    "Identity",
    "Catalog",
    "Pricing",
    "Notifications",
    "Mobile App",
    "Web Platform",
    "Analytics",
    "Fraud",
    "Logistics",
    "Warehouse",
    "Support Desk",
    "Recommendations",
    "Loyalty",
    "Partner API",
    "Reporting",
    "Data Platform",
    "Observability",
    "Developer Experience",
    "Localisation",
    "Accessibility",
    "Compliance",
    "Procurement",
    "Recruiting",
    "Learning",
    "Inventory",
    "Returns",
    "Subscriptions",
    "Messaging",
    "Maps",
    "Scheduling",
    "Content",
)

TEAM_SUFFIXES = ("Core", "Platform", "Experience", "Growth", "Foundations", "Insights", "Ops")

FIRST_NAMES = (
    "Priya",
    "Lars",
    "Amara",
    "Chen",
    "Sofia",
    "Mateo",
    "Aisha",
    "Jonas",
    "Yuki",
    "Noah",
    "Fatima",
    "Oliver",
    "Ines",
    "Kwame",
    "Hannah",
    "Ravi",
    "Elena",
    "Tomás",
    "Mei",
    "Daniel",
    "Zara",
    "Lukas",
    "Grace",
    "Omar",
)

LAST_NAMES = (
    "Natarajan",
    "Johansson",
    "Okafor",
    "Wei",
    "Rossi",
    "García",
    "Khan",
    "Becker",
    "Tanaka",
    "Smith",
    "Haddad",
    "Brown",
    "Silva",
    "Mensah",
    "Müller",
    "Iyer",
    "Popescu",
    "Li",
    "Cohen",
    "O'Brien",
    "Nowak",
    "Dubois",
)

VALUE_STREAMS = (
    "Lead to customer",
    "Order to cash",
    "Procure to pay",
    "Idea to launch",
    "Incident to resolution",
    "Hire to retire",
    "Request to fulfilment",
    "Issue to fix",
    "Plan to deliver",
    "Quote to contract",
)

PRODUCT_LINES = (
    "Retail",
    "Enterprise",
    "Marketplace",
    "Consumer",
    "Wholesale",
    "Public Sector",
    "Healthcare",
    "Travel",
    "Education",
    "Finance",
)

STAGES = (
    "Discover",
    "Evaluate",
    "Sign up",
    "Onboard",
    "Configure",
    "Order",
    "Pay",
    "Fulfil",
    "Use",
    "Get support",
    "Renew",
    "Expand",
)

CAPABILITY_NOUNS = (
    "management",
    "processing",
    "automation",
    "analytics",
    "orchestration",
    "monitoring",
    "self-service",
    "governance",
    "integration",
    "personalisation",
)

OBJECTIVE_VERBS = (
    "Streamline",
    "Modernise",
    "Scale",
    "Simplify",
    "Accelerate",
    "Strengthen",
    "Delight customers with",
    "Stabilise",
    "Reinvent",
    "Grow",
    "Harden",
    "Unify",
)

OBJECTIVE_BENEFITS = (
    "to reduce wait times and improve satisfaction",
    "so customers finish what they started",
    "to cut the cost of every order",
    "to win the enterprise segment",
    "so teams ship weekly without fear",
    "to make every decision data-informed",
    "to earn a recommendation from every customer",
    "to open two new markets",
    "so support scales without headcount",
    "to meet the new regulation ahead of time",
)

OBJECTIVE_NOUNS = (
    "experience",
    "platform",
    "journey",
    "operations",
    "foundations",
    "pipeline",
    "workflow",
)

# (metric name, unit, low, high, direction, indicator, decimals); direction +1 rises, -1 falls.
METRICS = (
    ("p95 page latency", "ms", 300, 1500, -1, "speed", 0),
    ("average wait time", "min", 6, 20, -1, "speed", 1),
    ("time to onboard a customer", "days", 5, 30, -1, "speed", 0),
    ("lead time for changes", "h", 24, 240, -1, "speed", 0),
    ("defect escape rate", "%", 2, 12, -1, "quality", 1),
    ("failed deployment rate", "%", 3, 20, -1, "quality", 1),
    ("availability", "%", 99.0, 99.8, 1, "quality", 2),
    ("cost per order", "EUR", 0.4, 3.0, -1, "cost", 2),
    ("cloud spend per active user", "EUR", 0.5, 4.0, -1, "cost", 2),
    ("support tickets per 1,000 orders", "", 8, 60, -1, "cost", 0),
    ("customer satisfaction score", "", 3.2, 4.2, 1, "satisfaction", 1),
    ("net promoter score", "", -5, 35, 1, "satisfaction", 0),
    ("employee engagement score", "", 60, 78, 1, "satisfaction", 0),
    ("weekly active users", "", 10000, 400000, 1, "adoption", 0),
    ("self-service adoption rate", "%", 15, 55, 1, "adoption", 0),
    ("API calls per month", "M", 5, 120, 1, "adoption", 0),
    ("conversion rate", "%", 1.2, 4.5, 1, "revenue", 1),
    ("annual recurring revenue", "M EUR", 4, 90, 1, "revenue", 1),
    ("average order value", "EUR", 30, 140, 1, "revenue", 0),
    ("churn rate", "%", 2, 9, -1, "revenue", 1),
    ("share of automated test coverage", "%", 35, 70, 1, "other", 0),
    ("hiring plan completion", "%", 20, 60, 1, "other", 0),
)

RISE_VERBS = ("Increase", "Grow", "Raise", "Lift")
FALL_VERBS = ("Reduce", "Cut", "Lower", "Bring down")

MILESTONES = (
    "Launch {domain} in {market}",
    "Migrate {domain} to the new platform",
    "Ship general availability of {domain} v2",
    "Complete the SOC 2 audit for {domain}",
    "Retire the legacy {domain} stack",
    "Publish the {domain} partner API",
    "Roll out {domain} to all regions",
)

MARKETS = ("Germany", "Brazil", "Japan", "India", "Canada", "the Nordics", "Spain", "Mexico")

INITIATIVE_TITLES = {
    "initiative": (
        "{domain} modernisation programme",
        "Rebuild {domain} on shared services",
        "{domain} growth bets",
        "Make {domain} self-service",
    ),
    "epic": (
        "Redesign the {domain} flow",
        "Automate {domain} reconciliation",
        "Instrument {domain} end to end",
        "Move {domain} data to the warehouse",
    ),
    "feature": (
        "{domain} status page",
        "Saved preferences for {domain}",
        "{domain} bulk import",
        "Alerting on {domain} errors",
    ),
    "story": (
        "Add retry to the {domain} client",
        "Show {domain} progress in the header",
        "Document the {domain} runbook",
        "Backfill {domain} events",
    ),
}

SENTENCES = (
    "Customers tell us in every survey that this is where they give up.",
    "The current process depends on three manual hand-offs and a shared spreadsheet.",
    "Competitors closed this gap last year; we are now behind on the basics.",
    "We measured the baseline over the last full quarter.",
    "Most of the effort sits with one team, but two others own parts of the flow.",
    "Regulators expect a documented, auditable process by the end of the year.",
    "Every minute saved here frees capacity for work customers actually value.",
    "The numbers come from the production dashboards, refreshed daily.",
    "We will review progress in the monthly business review.",
    "Success here unblocks three objectives further down the cascade.",
)

NOTES = (
    "Vendor delay pushed the rollout by a week.",
    "Experiment B won; rolling out to everyone.",
    "Holiday traffic skews this number.",
    "Measured on the new dashboard.",
    "Back on plan after the fix.",
    "Confidence lowered: dependency on platform team.",
)
