"""Ready CI pipelines for a portal: check every change, build strictly, publish the site.

`okrsite init` writes these files into a new portal. The workflows install okrsite from the
portal's `requirements.txt`, so upgrading okrsite is a one-line change that CI picks up.
"""

from __future__ import annotations

from importlib.metadata import version
from importlib.resources import files

PIPELINES = {
    ".github/workflows/okrsite.yml": "github-actions.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
}


def pipeline_files(requirement: str | None = None) -> dict[str, str]:
    """Path in the portal → file content: both pipelines and the `requirements.txt` they install.

    `requirement` defaults to the running okrsite's exact version, so CI builds with what the
    portal was set up with.
    """
    package = files(__name__)
    written = {
        path: package.joinpath(name).read_text(encoding="utf-8") for path, name in PIPELINES.items()
    }
    pinned = requirement or f"okrsite=={version('okrsite')}"
    written["requirements.txt"] = f"{pinned}\n"
    return written
