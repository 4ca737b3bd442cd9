"""`okrsite init --into DIR`: add the portal to an existing MkDocs handbook.

Nothing changes silently: without `--write` it prints the lines it would add to mkdocs.yml
and the files it would write; with `--write` it makes exactly those changes. It never
overwrites a file: new files only where none is, one line appended to requirements.txt, and
one entry inserted into mkdocs.yml as text (init_into_entry.py), so its comments, order and
formatting stay. The portal gets a `prefix` and a content folder of its own
(init_into_choices.py), and CI pipelines only where the handbook has none that builds it
(init_into_ci.py). Not a command of its own: `okrsite init` hands over here.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from okrsite.commands import init_into_ci as ci
from okrsite.commands.init import gitignore_text, missing_ignores, scaffold_files
from okrsite.commands.init_into_choices import Choice, choose_content, choose_prefix
from okrsite.commands.init_into_entry import (
    PLUGIN,
    Edit,
    EditRefused,
    add_plugin_entry,
    by_hand_lines,
    load_tolerant,
    reads_as_expected,
)
from okrsite.engines.mkdocs_yml import SiteConfigError, read_document
from okrsite.pipelines import pipeline_files
from okrsite.settings import SettingsError, read_settings

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")  # the two MkDocs looks for
REQUIREMENTS = "requirements.txt"
GITIGNORE = ".gitignore"
LISTS_OKRSITE = re.compile(r"^\s*okrsite\s*(\[|[=<>!~;@ ]|$)", re.M | re.I)


class Refusal(ValueError):
    """okrsite init --into will not go on; the message names the file and what to do."""


@dataclass(frozen=True)
class NewFile:
    path: str  # relative to the project folder
    text: str
    why: str


@dataclass(frozen=True)
class Plan:
    """Everything `--write` would do in the project folder `root`, and what to tell the user."""

    root: Path
    config: str  # mkdocs.yml or mkdocs.yaml
    original: bytes
    edit: Edit
    prefix: Choice
    content: Choice
    new_files: tuple[NewFile, ...]
    appends: tuple[NewFile, ...]  # a line added at the end of an existing file
    notes: tuple[str, ...] = field(default=())

    @property
    def settings(self) -> dict[str, str]:
        """The okrsite entry's settings."""
        return {"content": self.content.name, "prefix": self.prefix.name}


def plugin_names(plugins: Any) -> list[str]:
    """The plugin names of a `plugins:` value, list or mapping form (`/name` as `name`)."""
    entries = plugins if isinstance(plugins, Mapping) else plugins or []
    names = []
    for entry in entries if isinstance(entries, list | Mapping) else []:
        name = next(iter(entry), None) if isinstance(entry, Mapping) else entry
        if isinstance(name, str):
            names.append(name.removeprefix("/"))
    return names


def theme_name(theme: Any) -> Any:
    return theme.get("name") if isinstance(theme, Mapping) else theme


def _find_config(root: Path) -> Path:
    for name in CONFIG_NAMES:
        if (root / name).is_file():
            return root / name
    raise Refusal(
        f"{root / 'mkdocs.yml'}: error: not found. okrsite init --into adds the portal to an "
        "existing MkDocs project: give the folder of its mkdocs.yml, or run `okrsite init DIR` "
        "for a new portal"
    )


def _by_hand(config: Path, line: int, reason: str, by_hand: str) -> Refusal:
    return Refusal(
        f"{config}:{line}: error: cannot add the okrsite plugin safely: {reason}. Nothing was "
        f"written. Add these lines to {config} by hand:\n{by_hand}\n"
        "(or make `plugins:` a plain YAML list and run okrsite init --into again)"
    )


def _read_settings(config: Path) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """The file's text, its own settings and those with INHERIT followed."""
    try:
        text = config.read_bytes().decode("utf-8")
        merged = read_document(config).data
        own = load_tolerant(text)
    except OSError as exc:
        raise Refusal(f"{config}: error: cannot read it: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise Refusal(f"{config}: error: is not UTF-8 text; okrsite edits only UTF-8") from None
    except (SiteConfigError, yaml.YAMLError) as exc:
        raise Refusal(f"{exc}; fix it so MkDocs can read it, then run this again") from None
    return text, own if isinstance(own, dict) else {}, merged


def _check_plugin(config: Path, merged: dict[str, Any]) -> None:
    if PLUGIN in plugin_names(merged.get("plugins")):
        raise Refusal(
            f"{config}: error: already has the okrsite plugin under `plugins:`; okrsite init "
            "--into adds it only once. Change its settings there (README, Plugin settings)"
        )


def _theme_notes(config: Path, merged: dict[str, Any]) -> list[str]:
    """okrsite's pages are Markdown and build with any theme, but are made for Material's."""
    theme = theme_name(merged.get("theme"))
    opaque = isinstance(theme, str) and theme.startswith("<")  # a tag such as !ENV
    if opaque or theme == "material":
        return []
    return [
        f"{config}: note: uses the theme `{theme or 'mkdocs'}`; the portal builds with it, "
        "but its pages are made for Material for MkDocs (`theme: name: material`)"
    ]


def _check_inherited_plugins(
    config: Path, own: dict[str, Any], merged: dict[str, Any], settings: dict[str, str]
) -> None:
    """A `plugins:` list that comes from an INHERIT parent is not this file's to extend: a list
    here would replace the parent's (MkDocs merges mappings, not lists)."""
    if "plugins" in own or merged.get("plugins") is None:
        return
    parent = own.get("INHERIT")
    raise Refusal(
        f"{config}: error: its plugins come from `INHERIT: {parent}`, which okrsite does not "
        f"edit (other sites may inherit it too). Nothing was written. Add to the `plugins:` "
        f"list of {parent}, or to one in {config.name} that repeats the inherited entries:\n"
        f"{by_hand_lines(settings, has_plugins=True)}"
    )


def _docs_dir(config: Path, merged: dict[str, Any]) -> tuple[Path, str, list[str]]:
    """The docs folder, as shown in messages, and a note if okrsite had to assume it."""
    value = merged.get("docs_dir", "docs")
    notes = []
    if not isinstance(value, str) or value.startswith("<"):
        notes.append(f"{config}: note: `docs_dir` is computed ({value}); okrsite assumed docs")
        value = "docs"
    return config.parent / value, value.rstrip("/"), notes


def _starter(content: Choice) -> tuple[NewFile, ...]:
    if content.reuse:
        return ()
    return tuple(
        NewFile(
            f"{content.name}/{path.removeprefix('content/')}",
            text,
            "starter OKRs that validate; replace them with yours",
        )
        for path, text in scaffold_files().items()
        if path.startswith("content/")
    )


def _pipelines(root: Path, content: str) -> tuple[tuple[NewFile, ...], list[str]]:
    existing = ci.existing_ci(root)
    notes = [ci.github_advice(path, content) for path in existing.github]
    if existing.gitlab is not None:
        notes.append(ci.gitlab_advice(existing.gitlab, content))
    if notes:
        return (), notes
    written = []
    for path, text in pipeline_files().items():
        if path == REQUIREMENTS:
            continue
        if (root / path).exists():
            notes.append(f"{root / path}: note: exists, so okrsite's pipeline is not written there")
        else:
            why = "CI that checks the OKRs, builds and publishes the site (keep your forge's)"
            written.append(NewFile(path, ci.with_content(text, content), why))
    return tuple(written), notes


def _requirements(root: Path) -> tuple[NewFile | None, NewFile | None, list[str]]:
    """(new file, appended line, notes) for requirements.txt."""
    line = pipeline_files()[REQUIREMENTS]
    path = root / REQUIREMENTS
    if not path.exists():
        return NewFile(REQUIREMENTS, line, "what CI installs"), None, []
    if LISTS_OKRSITE.search(path.read_text("utf-8", errors="replace")):
        return None, None, [f"{path}: note: lists okrsite already"]
    return None, NewFile(REQUIREMENTS, line, "so CI installs okrsite"), []


def _gitignore(root: Path) -> tuple[NewFile | None, list[str]]:
    path = root / GITIGNORE
    if not path.exists():
        return NewFile(GITIGNORE, gitignore_text(), "what builds make: site/, .cache/"), []
    missing = missing_ignores(path)
    if missing:
        return None, [f"{path}: note: add {', '.join(missing)} to it (what builds make)"]
    return None, []


def make_plan(root: Path) -> Plan:
    """What okrsite init --into would do in `root`; raises Refusal."""
    config = _find_config(root)
    text, own, merged = _read_settings(config)
    _check_plugin(config, merged)
    docs_dir, shown_docs, notes = _docs_dir(config, merged)
    notes += _theme_notes(config, merged)
    try:
        prefix = choose_prefix(docs_dir, shown_docs, merged.get("nav"))
        content = choose_content(config.parent)
    except LookupError as exc:
        raise Refusal(f"{exc}; set `prefix:` and `content:` by hand") from None
    settings = {"content": content.name, "prefix": prefix.name}
    _check_inherited_plugins(config, own, merged, settings)
    try:
        read_settings(settings, base_dir=config.parent.resolve())  # okrsite takes them
        edit = add_plugin_entry(text, settings)
    except SettingsError as exc:
        raise Refusal(f"{config}: error: {exc}") from None
    except EditRefused as refused:
        raise _by_hand(config, refused.line, refused.reason, refused.by_hand) from None
    pipelines, ci_notes = _pipelines(root, content.name)
    requirements, appended, requirement_notes = _requirements(root)
    ignore, ignore_notes = _gitignore(root)
    if not merged.get("site_url"):
        notes.append(
            f"{config}: note: sets no `site_url`, so the build warns (and `mkdocs build "
            "--strict` fails): add the address the site is published at, e.g. `site_url: "
            "https://handbook.example.com/`"
        )
    new_files = (*_starter(content), *pipelines, requirements, ignore)
    return Plan(
        root=root,
        config=config.name,
        original=text.encode("utf-8"),
        edit=edit,
        prefix=prefix,
        content=content,
        new_files=tuple(file for file in new_files if file is not None),
        appends=(appended,) if appended else (),
        notes=(*ci_notes, *requirement_notes, *ignore_notes, *notes),
    )


def describe(plan: Plan, *, written: bool) -> str:
    """The plan as the user reads it: every line and file by its path."""
    root, edit = plan.root, plan.edit
    config = root / plan.config
    if edit.inline:
        head = f"line {edit.after_line} {'now reads' if written else 'would read'}"
    else:
        head = f"{'added' if written else 'add'} after line {edit.after_line}"
    search = (
        " (with `- search`: MkDocs has its search by default only while `plugins:` is not set)"
        if edit.with_search
        else ""
    )
    out = [f"{config}: {head}, {edit.where}{search}:", edit.shown(), ""]
    out.append(f"  prefix: {plan.prefix.name} — {plan.prefix.reason}")
    out.append(f"  content: {plan.content.name} — {plan.content.reason}")
    out.append("")
    files = [*plan.new_files, *plan.appends]
    if files:
        out.append("Wrote:" if written else "Would write (no file is overwritten):")
    for file in plan.new_files:
        out.append(f"  {root / file.path}: {file.why}")
    for file in plan.appends:
        out.append(f"  {root / file.path}: the line `{file.text.strip()}` at its end, {file.why}")
    for note in plan.notes:
        out.extend(["", note])
    return "\n".join(out)


def apply(plan: Plan) -> None:
    """Make the plan's changes: mkdocs.yml first, read back, then the files; raises Refusal."""
    root, config = plan.root, plan.root / plan.config
    try:
        if config.read_bytes() != plan.original:
            raise Refusal(f"{config}: error: changed while okrsite ran; nothing was written")
        config.write_bytes(plan.edit.text.encode("utf-8"))
        written = config.read_bytes().decode("utf-8")
        if not reads_as_expected(plan.original.decode("utf-8"), written, plan.settings):
            config.write_bytes(plan.original)
            raise Refusal(f"{config}: error: did not read back as written; restored as it was")
        for file in plan.new_files:
            destination = root / file.path
            destination.parent.mkdir(parents=True, exist_ok=True)
            with destination.open("x", encoding="utf-8", newline="") as handle:  # never over
                handle.write(file.text)
        for file in plan.appends:
            path = root / file.path
            old = path.read_bytes()
            newline = b"\r\n" if b"\r\n" in old else b"\n"
            lead = newline if old and not old.endswith(b"\n") else b""
            path.write_bytes(old + lead + file.text.strip().encode("utf-8") + newline)
    except OSError as exc:  # FileExistsError: a file appeared since the plan was made
        raise Refusal(f"{exc.filename}: error: {exc.strerror}; the rest was not written") from None


def run(root: Path, *, write: bool) -> int:
    """Exit code 0 when planned (and with `write` done), 2 when refused."""
    try:
        plan = make_plan(root)
        if write:
            apply(plan)
    except Refusal as refusal:
        print(refusal, file=sys.stderr)
        return 2
    print(describe(plan, written=write), end="\n\n")
    if write:
        print(
            f"Added an OKR portal to {root}: edit {root / plan.content.name}, then run "
            f"`mkdocs serve` and open {plan.prefix.name}/"
        )
    else:
        print(
            f"Nothing was changed. Run `okrsite init --into {root} --write` to make these changes."
        )
    return 0
