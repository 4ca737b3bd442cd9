"""Read the site settings okrsite needs from an mkdocs.yml, without MkDocs.

One mkdocs.yml drives every engine: MkDocs reads it with the okrsite plugin, and
`okrsite generate` reads the same `plugins: - okrsite:` entry here, so Zensical (which ignores
plugins it does not know) builds the same portal. Tags such as `!ENV` or `!!python/name:` in
other settings are tolerated and not evaluated; only plain values are read. `INHERIT:` is
followed as MkDocs does (the child's keys win, nested mappings merge).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from okrsite.model import Location
from okrsite.settings import Settings, SettingsError, read_settings

PLUGIN = "okrsite"


class SiteConfigError(ValueError):
    """The mkdocs.yml cannot be used; the message starts with `path:line:col: error:`."""


@dataclass(frozen=True)
class SiteConfig:
    """What a build needs from mkdocs.yml: where things are, the URL style, the portal."""

    path: Path
    docs_dir: Path
    use_directory_urls: bool
    site_url: str | None
    nav: list[Any] | None
    settings: Settings


class TolerantLoader(yaml.SafeLoader):
    """A safe loader that reads any tag as an opaque value instead of failing or running it."""


def _opaque(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    return f"<{node.tag}>"


TolerantLoader.add_multi_constructor("!", _opaque)
TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _opaque)


@dataclass(frozen=True)
class YamlDocument:
    path: Path
    node: yaml.Node | None
    data: dict[str, Any]

    def at(self, *keys: str | int) -> Location:
        """Where the value under `keys` was written (or the closest enclosing one)."""
        node, found = self.node, self.node
        for key in keys:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == key), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                node = node.value[key] if key < len(node.value) else None
            else:
                node = None
            if node is None:
                break
            found = node
        mark = found.start_mark if found is not None else None
        if mark is None:
            return Location(str(self.path), 1, 1)
        return Location(str(self.path), mark.line + 1, mark.column + 1)

    def fail(self, message: str, *keys: str | int) -> SiteConfigError:
        return SiteConfigError(f"{self.at(*keys)}: error: {message}")


def read_document(path: Path, seen: tuple[Path, ...] = ()) -> YamlDocument:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SiteConfigError(f"{path}:1:1: error: cannot read it: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise SiteConfigError(f"{path}:1:1: error: the config is not UTF-8 text") from None
    loader = TolerantLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{mark.line + 1}:{mark.column + 1}" if mark else "1:1"
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise SiteConfigError(f"{path}:{where}: error: {problem}") from None
    finally:
        loader.dispose()
    document = YamlDocument(path, node, data if isinstance(data, dict) else {})
    if not isinstance(data, dict):
        raise document.fail("the config must be a mapping of settings")
    parent = data.get("INHERIT")
    if parent is None:
        return document
    parent_path = (path.parent / str(parent)).resolve()
    if parent_path in seen:
        raise document.fail(f"INHERIT: '{parent}' inherits back from this file", "INHERIT")
    if not parent_path.is_file():
        raise document.fail(f"INHERIT: '{parent}' does not exist", "INHERIT")
    inherited = read_document(parent_path, (*seen, path.resolve()))
    merged = _merge(inherited.data, {k: v for k, v in data.items() if k != "INHERIT"})
    return YamlDocument(path, node, merged)


def _merge(parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(parent)
    for key, value in child.items():
        below = merged.get(key)
        if isinstance(below, Mapping) and isinstance(value, Mapping):
            merged[key] = _merge(below, value)
        else:
            merged[key] = value
    return merged


def _plugin_entry(document: YamlDocument) -> tuple[Mapping[str, Any], tuple[str | int, ...]]:
    """The okrsite plugin's settings and where they are written."""
    plugins = document.data.get("plugins")
    entries = plugins.items() if isinstance(plugins, Mapping) else enumerate(plugins or [])
    for index, entry in entries:
        if entry == PLUGIN and isinstance(index, int):
            return {}, ("plugins", index)
        if index == PLUGIN:  # plugins written as a mapping
            return entry or {}, ("plugins", PLUGIN)
        if isinstance(entry, Mapping) and PLUGIN in entry:
            return entry[PLUGIN] or {}, ("plugins", index, PLUGIN)
    raise document.fail(
        "no `okrsite` entry under `plugins:`; add `- okrsite:` with the same settings the "
        "MkDocs build uses (at least `content:`)",
        "plugins",
    )


def _text(document: YamlDocument, value: Any, name: str, *where: str | int) -> str:
    if not isinstance(value, str):
        raise document.fail(f"`{name}` must be text", *where)
    return value


def read_site_config(path: Path) -> SiteConfig:
    """The settings of the mkdocs.yml at `path`; raises SiteConfigError saying what to fix.

    The okrsite entry goes through `okrsite.settings.read_settings`, as in the MkDocs plugin.
    """
    document = read_document(path)
    data, base = document.data, path.parent
    entry, where = _plugin_entry(document)
    if not isinstance(entry, Mapping):
        raise document.fail("the okrsite plugin's settings must be a mapping", *where)
    theme = data.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, Mapping) else None
    override_dir = base / _text(document, custom_dir, "custom_dir", "theme") if custom_dir else None
    site_name = _text(document, data.get("site_name"), "site_name", "site_name")
    try:
        settings = read_settings(
            {k: v for k, v in entry.items() if v is not None},
            base_dir=base.resolve(),
            override_dir=override_dir,
            site_name=site_name,
        )
    except SettingsError as exc:
        bad = next((name for name in entry if f"`{name}`" in str(exc)), None)
        raise document.fail(str(exc), *where, *([bad] if bad else [])) from None
    nav = data.get("nav")
    if nav is not None and not isinstance(nav, list):
        raise document.fail("`nav` must be a list", "nav")
    directory_urls = data.get("use_directory_urls", True)
    if not isinstance(directory_urls, bool):
        raise document.fail("`use_directory_urls` must be true or false", "use_directory_urls")
    site_url = data.get("site_url")
    return SiteConfig(
        path=path,
        docs_dir=base / _text(document, data.get("docs_dir", "docs"), "docs_dir", "docs_dir"),
        use_directory_urls=directory_urls,
        site_url=_text(document, site_url, "site_url", "site_url") if site_url else None,
        nav=nav,
        settings=settings,
    )
