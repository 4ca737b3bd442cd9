"""Plugins okrsite cannot share a build with, named before they fail in a way of their own.

mkdocs-static-i18n (1.3.1, the newest tested) remakes every file of the build from a file in
`docs_dir` (`reconfigure_files`): a page another plugin generates has none, and i18n stops with
a `TypeError` (MkDocs 1.6's `File.generated`) or drops the page with "Unhandled file case"
(pages outside `docs_dir`: mkdocs-gen-files, Material's blog; ultrabug/mkdocs-static-i18n#263).
Neither can be helped from okrsite's side, so the build stops at once and says what to do.
Later versions are let through: they may have fixed it.
"""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, version

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

I18N_MODULE = "mkdocs_static_i18n"
I18N_LAST_FAILING = (1, 3, 1)


def refuse_unsupported(config: MkDocsConfig) -> None:
    """Stop the build when a plugin that cannot build okrsite's pages is on."""
    for name, plugin in config.plugins.items():
        if type(plugin).__module__.startswith(I18N_MODULE) and _i18n_fails():
            raise PluginError(
                f"okrsite: the '{name}' plugin (mkdocs-static-i18n) cannot build pages other "
                "plugins generate: it remakes every page from a file in docs_dir "
                "(ultrabug/mkdocs-static-i18n#263). Build the OKR portal in a site of its own "
                f"(its own mkdocs.yml without '{name}') and link to it from the handbook"
            )


def _i18n_fails() -> bool:
    """True up to the newest version known to fail (and when the version can't be read)."""
    try:
        installed = version("mkdocs-static-i18n")
    except PackageNotFoundError:
        return True
    release = re.match(r"\d+(?:\.\d+)*", installed)
    if release is None:
        return True
    return tuple(int(part) for part in release[0].split(".")) <= I18N_LAST_FAILING
