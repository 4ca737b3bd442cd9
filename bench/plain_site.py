"""The reference site: plain Markdown pages for the same org, built by MkDocs without okrsite.

One page per entity okrsite gives a page (value stream, stage, capability, team, objective, key
result, initiative), the section indexes, the matrix and the overview, at okrsite's source paths
and of a similar size (tables of related entities, check-in history). The ratio of the okrsite
build to this build is the benchmark's headline number: what okrsite costs on top of MkDocs.
Only what okrsite publishes by default (public and internal objectives) gets a page.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable
from pathlib import Path

from bench.org import Capability, Initiative, KeyResult, Objective, Org, Stage, Team, ValueStream
from okrsite.quality.rules import RULES
from okrsite.render.pages.nav import NAV_SECTION_PAGES
from okrsite.urls import REVIEW_SECTION, SECTIONS, Kind, SiteUrls

_URLS = SiteUrls()
MATRIX_SOURCE = _URLS.index_source("matrix")
OWNERS_SOURCE = _URLS.index_source("owners")
CYCLES_SOURCE = _URLS.index_source("cycles")
REVIEW_SOURCE = _URLS.index_source(REVIEW_SECTION)
INDEX_TITLES = {  # as okrsite titles its index pages
    "value-streams": "Value streams",
    "objectives": "Objectives",
    "key-results": "Key results",
    "initiatives": "Initiatives",
    "capabilities": "Capabilities",
    "teams": "Teams",
    "owners": "Owners",
    "cycles": "Cycles",
    "matrix": "Traceability matrix",
}


def _source(kind: Kind, key: str) -> str:
    return _URLS.page_source(kind, key)


def _link(from_source: str, kind: Kind, key: str, title: str) -> str:
    target = posixpath.relpath(_source(kind, key), posixpath.dirname(from_source) or ".")
    return f"[{title}]({target})"


def _links(from_source: str, kind: Kind, items: Iterable[tuple[str, str]]) -> str:
    return ", ".join(_link(from_source, kind, key, title) for key, title in items) or "—"


def _value(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


class _Pages:
    """Builds the Markdown of every page for one org, keyed by source path."""

    def __init__(self, org: Org) -> None:
        self.org = org
        self.objectives = [o for o in org.objectives if o.visibility != "confidential"]
        published = {id(o) for o in self.objectives}
        self.key_results = [kr for kr in org.key_results if id(kr.objective) in published]
        self.stage_objectives: dict[str, list[Objective]] = {}
        self.capability_objectives: dict[str, list[Objective]] = {}
        self.kr_initiatives: dict[str, list[Initiative]] = {}
        for objective in self.objectives:
            if objective.stage is not None:
                self.stage_objectives.setdefault(objective.stage.id, []).append(objective)
            for capability in objective.capabilities:
                self.capability_objectives.setdefault(capability.id, []).append(objective)
        for initiative in org.initiatives:
            for key_result in initiative.key_results:
                self.kr_initiatives.setdefault(key_result.id, []).append(initiative)

    def all(self) -> dict[str, str]:
        org, pages = self.org, {}
        pages[_URLS.overview_source()] = self.overview()
        for stream in org.value_streams:
            pages[_source(Kind.VALUE_STREAM, stream.id)] = self.value_stream(stream)
            for stage in stream.stages:
                pages[_source(Kind.STAGE, stage.id)] = self.stage(stage)
        for capability in org.capabilities:
            pages[_source(Kind.CAPABILITY, capability.id)] = self.capability(capability)
        for team in org.teams:
            pages[_source(Kind.TEAM, team.id)] = self.team(team)
        for objective in self.objectives:
            pages[_source(Kind.OBJECTIVE, objective.id)] = self.objective(objective)
        for key_result in self.key_results:
            pages[_source(Kind.KEY_RESULT, key_result.id)] = self.key_result(key_result)
        for initiative in org.initiatives:
            pages[_source(Kind.INITIATIVE, initiative.id)] = self.initiative(initiative)
        pages.update(self.indexes())
        pages[MATRIX_SOURCE] = self.matrix()
        pages[OWNERS_SOURCE] = self.owners()
        pages[CYCLES_SOURCE] = f"# {INDEX_TITLES['cycles']}\n\nOne OKR cycle, the current one.\n"
        pages.update(review_pages())
        return pages

    def overview(self) -> str:
        org, source = self.org, _URLS.overview_source()
        lines = [f"# {org.north_star_title}", "", org.north_star_description, ""]
        for stream in org.value_streams:
            lines.append(f"## {_link(source, Kind.VALUE_STREAM, stream.id, stream.title)}")
            lines.append("")
            lines.append(
                " → ".join(_link(source, Kind.STAGE, s.id, s.title) for s in stream.stages)
            )
            lines.append("")
        return "\n".join(lines)

    def value_stream(self, stream: ValueStream) -> str:
        source = _source(Kind.VALUE_STREAM, stream.id)
        lines = [f"# {stream.title}", "", stream.description, ""]
        for stage in stream.stages:
            lines.append(f"## {_link(source, Kind.STAGE, stage.id, stage.title)}")
            lines.append("")
            for objective in self.stage_objectives.get(stage.id, []):
                lines.append(f"- {_link(source, Kind.OBJECTIVE, objective.id, objective.title)}")
            lines.append("")
        return "\n".join(lines)

    def stage(self, stage: Stage) -> str:
        source = _source(Kind.STAGE, stage.id)
        lines = [f"# {stage.title}", "", stage.description, "", "## Objectives", ""]
        for objective in self.stage_objectives.get(stage.id, []):
            lines.append(f"### {_link(source, Kind.OBJECTIVE, objective.id, objective.title)}")
            lines.append("")
            lines.extend(self._key_result_table(source, objective.key_results))
            lines.append("")
        return "\n".join(lines)

    def capability(self, capability: Capability) -> str:
        source = _source(Kind.CAPABILITY, capability.id)
        parent = capability.parent
        lines = [
            f"# {capability.title}",
            "",
            capability.description,
            "",
            f"- Owner: {capability.owner}",
            "- Parent: "
            + (_link(source, Kind.CAPABILITY, parent.id, parent.title) if parent else "—"),
            "- Children: "
            + _links(source, Kind.CAPABILITY, ((c.id, c.title) for c in capability.children)),
            "",
            "## Objectives",
            "",
        ]
        for objective in self.capability_objectives.get(capability.id, []):
            lines.append(f"- {_link(source, Kind.OBJECTIVE, objective.id, objective.title)}")
        return "\n".join(lines) + "\n"

    def team(self, team: Team) -> str:
        source = _source(Kind.TEAM, team.id)
        parent = team.parent
        lines = [
            f"# {team.title}",
            "",
            team.description,
            "",
            f"- Level: {team.level}",
            f"- Owner: {team.owner}",
            "- Parent: " + (_link(source, Kind.TEAM, parent.id, parent.title) if parent else "—"),
            "- Teams: " + _links(source, Kind.TEAM, ((c.id, c.title) for c in team.children)),
            "",
            "## Objectives",
            "",
            "| Objective | Period | Key results |",
            "|---|---|---|",
        ]
        for objective in team.objectives:
            if objective.visibility == "confidential":
                continue
            lines.append(
                f"| {_link(source, Kind.OBJECTIVE, objective.id, objective.title)} "
                f"| {objective.period if isinstance(objective.period, str) else 'custom'} "
                f"| {len(objective.key_results)} |"
            )
        return "\n".join(lines) + "\n"

    def _key_result_table(self, source: str, key_results: list[KeyResult]) -> list[str]:
        lines = [
            "| Key result | Baseline | Current | Target | Unit | Confidence |",
            "|---|---|---|---|---|---|",
        ]
        for kr in key_results:
            lines.append(
                f"| {_link(source, Kind.KEY_RESULT, kr.id, kr.title)} | {_value(kr.baseline)} "
                f"| {_value(kr.current)} | {_value(kr.target)} | {kr.unit} "
                f"| {_value(kr.confidence)} |"
            )
        return lines

    def objective(self, objective: Objective) -> str:
        source = _source(Kind.OBJECTIVE, objective.id)
        parent, stage = objective.parent, objective.stage
        initiatives = {  # each once, in first-mention order
            id(i): i for kr in objective.key_results for i in self.kr_initiatives.get(kr.id, [])
        }.values()
        lines = [
            f"# {objective.title}",
            "",
            f"- Team: {_link(source, Kind.TEAM, objective.team.id, objective.team.title)}",
            f"- Owner: {objective.owner}",
            "- Stage: " + (_link(source, Kind.STAGE, stage.id, stage.title) if stage else "—"),
            f"- Outcome: {objective.outcome}",
            "- Aligns to: "
            + (_link(source, Kind.OBJECTIVE, parent.id, parent.title) if parent else "—"),
            "- Capabilities: "
            + _links(source, Kind.CAPABILITY, ((c.id, c.title) for c in objective.capabilities)),
            "",
            objective.description,
            "",
            "## Key results",
            "",
            *self._key_result_table(source, objective.key_results),
            "",
            "## Aligned objectives",
            "",
            *(
                f"- {_link(source, Kind.OBJECTIVE, child.id, child.title)}"
                for child in objective.children
                if child.visibility != "confidential"
            ),
            "",
            "## Initiatives",
            "",
            *(f"- {_link(source, Kind.INITIATIVE, i.id, i.title)}" for i in initiatives),
        ]
        return "\n".join(lines) + "\n"

    def key_result(self, key_result: KeyResult) -> str:
        source = _source(Kind.KEY_RESULT, key_result.id)
        objective = key_result.objective
        lines = [
            f"# {key_result.title}",
            "",
            f"- Objective: {_link(source, Kind.OBJECTIVE, objective.id, objective.title)}",
            f"- Type: {key_result.type}",
            f"- Baseline: {_value(key_result.baseline)} {key_result.unit}",
            f"- Target: {_value(key_result.target)} {key_result.unit}",
            f"- Current: {_value(key_result.current)} {key_result.unit}",
            f"- Due: {key_result.due or '—'}",
            "",
            "## Check-ins",
            "",
            "| Date | Value | Confidence | Note |",
            "|---|---|---|---|",
        ]
        for checkin in key_result.checkins:
            value = _value(checkin.value) if checkin.done is None else str(checkin.done)
            lines.append(
                f"| {checkin.date} | {value} | {_value(checkin.confidence)} | {checkin.note} |"
            )
        lines.extend(["", "## Initiatives", ""])
        for initiative in self.kr_initiatives.get(key_result.id, []):
            lines.append(f"- {_link(source, Kind.INITIATIVE, initiative.id, initiative.title)}")
        return "\n".join(lines) + "\n"

    def initiative(self, initiative: Initiative) -> str:
        source = _source(Kind.INITIATIVE, initiative.id)
        parent = initiative.parent
        lines = [
            f"# {initiative.title}",
            "",
            initiative.description,
            "",
            f"- Type: {initiative.type}",
            f"- Status: {initiative.status}",
            f"- Owner: {initiative.owner}",
            f"- Dates: {initiative.start} – {initiative.end}",
            "- Parent: "
            + (_link(source, Kind.INITIATIVE, parent.id, parent.title) if parent else "—"),
            "- Children: "
            + _links(source, Kind.INITIATIVE, ((c.id, c.title) for c in initiative.children)),
            "- Key results: "
            + _links(source, Kind.KEY_RESULT, ((k.id, k.title) for k in initiative.key_results)),
            "- Capabilities: "
            + _links(source, Kind.CAPABILITY, ((c.id, c.title) for c in initiative.capabilities)),
            *(f"- [{title}]({url})" for title, url in initiative.links),
        ]
        return "\n".join(lines) + "\n"

    def indexes(self) -> dict[str, str]:
        org = self.org
        rows: dict[Kind, list[tuple[str, str, str]]] = {
            Kind.VALUE_STREAM: [
                (v.id, v.title, f"{len(v.stages)} stages") for v in org.value_streams
            ],
            Kind.CAPABILITY: [(c.id, c.title, c.owner) for c in org.capabilities],
            Kind.TEAM: [(t.id, t.title, t.level) for t in org.teams],
            Kind.OBJECTIVE: [(o.id, o.title, o.team.title) for o in self.objectives],
            Kind.KEY_RESULT: [(k.id, k.title, _value(k.target)) for k in self.key_results],
            Kind.INITIATIVE: [(i.id, i.title, i.status) for i in org.initiatives],
        }
        pages = {}
        for kind, entries in rows.items():
            section = SECTIONS[kind]
            source = _URLS.index_source(section)
            lines = [f"# {INDEX_TITLES[section]}", "", "| Id | Title | |", "|---|---|---|"]
            lines.extend(
                f"| {key} | {_link(source, kind, key, title)} | {extra} |"
                for key, title, extra in entries
            )
            pages[source] = "\n".join(lines) + "\n"
        return pages

    def owners(self) -> str:
        """Each owner's objectives and key results, as okrsite's owners index lists them."""
        source = OWNERS_SOURCE
        owned: dict[str, list[tuple[Kind, str, str]]] = {}
        for objective in self.objectives:
            owned.setdefault(objective.owner, []).append(
                (Kind.OBJECTIVE, objective.id, objective.title)
            )
        for key_result in self.key_results:
            owner = key_result.owner or key_result.objective.owner
            owned.setdefault(owner, []).append((Kind.KEY_RESULT, key_result.id, key_result.title))
        lines = [f"# {INDEX_TITLES['owners']}", "", "| Owner | Owns |", "|---|---|"]
        for owner in sorted(owned, key=lambda name: (name.casefold(), name)):
            links = ", ".join(_link(source, kind, key, title) for kind, key, title in owned[owner])
            lines.append(f"| {owner} | {links} |")
        return "\n".join(lines) + "\n"

    def matrix(self) -> str:
        source = MATRIX_SOURCE
        lines = [f"# {INDEX_TITLES['matrix']}", "", "| Objective | Capabilities |", "|---|---|"]
        for objective in self.objectives:
            capabilities = ((c.id, c.title) for c in objective.capabilities)
            lines.append(
                f"| {_link(source, Kind.OBJECTIVE, objective.id, objective.title)} "
                f"| {_links(source, Kind.CAPABILITY, capabilities)} |"
            )
        return "\n".join(lines) + "\n"


def review_pages() -> dict[str, str]:
    """The Review page (a table of the rules) and a page per rule with why and its examples, as
    okrsite publishes them by default."""
    lines = ["# Review", "", "| Rule | What it finds |", "|---|---|"]
    lines.extend(f"| [{r.code} {r.name}]({r.code.lower()}.md) | {r.summary} |" for r in RULES)
    pages = {REVIEW_SOURCE: "\n".join(lines) + "\n"}
    for rule in RULES:
        pages[_URLS.rule_source(rule.code)] = (
            f"# {rule.code} {rule.name}\n\n{rule.summary}\n\n## Why it matters\n\n{rule.why}\n\n"
            f"## Examples\n\n```yaml\n{rule.bad}```\n\n```yaml\n{rule.good}```\n"
        )
    return pages


def _nav_tree(node: Capability | Team, kind: Kind, indent: str) -> list[str]:
    """A nav entry; a node with children becomes a section whose first page is its own."""
    source = _source(kind, node.id)
    if not node.children:
        return [f"{indent}- {source}"]
    lines = [f"{indent}- {json.dumps(node.title, ensure_ascii=False)}:", f"{indent}    - {source}"]
    for child in node.children:
        lines.extend(_nav_tree(child, kind, indent + "    "))
    return lines


def nav_yaml(org: Org) -> str:
    """The `nav:` of mkdocs.yml, shaped like okrsite's own navigation (render/pages/nav.py):
    value streams with their stages, capabilities and teams as trees, objectives, key results
    and initiatives listed; every section with more pages than okrsite's default
    `nav_section_pages` is reached from its index page, as in okrsite."""

    def section(name: str, pages: int, entries: Iterable[str] = ()) -> list[str]:
        """Listed like okrsite's: a section over its page limit shows only its index."""
        if pages > NAV_SECTION_PAGES:
            off_nav.append(name)
            entries = ()
        index = f"      - {_URLS.index_source(name)}"
        return [f"  - {json.dumps(INDEX_TITLES[name])}:", index, *entries]

    off_nav: list[str] = []
    streams = []
    for stream in org.value_streams:
        streams.append(f"      - {json.dumps(stream.title, ensure_ascii=False)}:")
        streams.append(f"          - {_source(Kind.VALUE_STREAM, stream.id)}")
        streams.extend(f"          - {_source(Kind.STAGE, stage.id)}" for stage in stream.stages)
    lines = ["nav:", f"  - Overview: {_URLS.overview_source()}"]
    lines.append(f"  - {json.dumps(INDEX_TITLES['cycles'])}: {CYCLES_SOURCE}")
    lines.extend(section("value-streams", len(org.value_streams) + len(org.stages), streams))
    capabilities = [
        line
        for capability in org.capabilities
        if capability.parent is None
        for line in _nav_tree(capability, Kind.CAPABILITY, "      ")
    ]
    lines.extend(section("capabilities", len(org.capabilities), capabilities))
    teams = [
        line
        for team in org.teams
        if team.parent is None
        for line in _nav_tree(team, Kind.TEAM, "      ")
    ]
    lines.extend(section("teams", len(org.teams), teams))
    published = sorted(o.id for o in org.objectives if o.visibility != "confidential")
    objectives = [f"      - {_source(Kind.OBJECTIVE, key)}" for key in published]
    lines.extend(section("objectives", len(published), objectives))
    shown = {id(o) for o in org.objectives if o.visibility != "confidential"}
    key_results = sorted(kr.id for kr in org.key_results if id(kr.objective) in shown)
    listed = [f"      - {_source(Kind.KEY_RESULT, key)}" for key in key_results]
    lines.extend(section("key-results", len(key_results), listed))
    initiatives = sorted(i.id for i in org.initiatives)
    listed = [f"      - {_source(Kind.INITIATIVE, key)}" for key in initiatives]
    lines.extend(section("initiatives", len(initiatives), listed))
    for name in ("owners", "matrix"):
        lines.append(f"  - {json.dumps(INDEX_TITLES[name])}: {_URLS.index_source(name)}")
    lines.extend(["  - Review:", f"      - {REVIEW_SOURCE}"])
    lines.extend(f"      - {_URLS.rule_source(rule.code)}" for rule in RULES)
    if off_nav:  # pages of sections too large to list, reached by links only, as in okrsite
        lines.append("not_in_nav: |")
        folders = {"value-streams": ("value-streams", "stages")}
        for name in off_nav:
            lines.extend(f"  /{folder}/*.md" for folder in folders.get(name, (name,)))
    return "\n".join(lines) + "\n"


def plain_pages(org: Org) -> dict[str, str]:
    """Markdown text of every reference page, keyed by its path inside `docs/`."""
    return _Pages(org).all()


def write_plain_docs(org: Org, docs_dir: Path) -> tuple[int, int]:
    """Writes the pages; returns (page count, total bytes)."""
    total = 0
    pages = plain_pages(org)
    for relative, text in pages.items():
        path = docs_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return len(pages), total
