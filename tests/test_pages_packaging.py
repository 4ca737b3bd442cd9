"""Templates, assets and the scaffold must ship in a real (non-editable) install."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_below_okrsite_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    on_disk = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "okrsite").rglob("*.py")
        if "__pycache__" not in path.parts and "scaffold" not in path.parts
    }
    assert on_disk - listed == set(), "add these packages to [tool.setuptools] packages"
    assert "okrsite.theme" in listed


@pytest.mark.slow
def test_wheel_carries_theme_templates_assets_and_scaffold(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("okrsite-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {
        p.relative_to(ROOT / "theme").as_posix() for p in (ROOT / "theme").rglob("*.jinja")
    }
    assert templates and {f"okrsite/theme/{t}" for t in templates} <= names
    assert {"okrsite/theme/assets/okrsite.css", "okrsite/theme/assets/okrsite.js"} <= names
    assert "okrsite/theme/__init__.py" in names
    assert {"okrsite/scaffold/mkdocs.yml", "okrsite/scaffold/content/okrs.yml"} <= names
    assert "okrsite/mkdocs_plugin/plugin.py" in names
    lib = tmp_path / "lib"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(lib)  # what `pip install` of the wheel puts in site-packages
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]); import okrsite; "
        "assert okrsite.__file__.startswith(sys.argv[1]), okrsite.__file__; "
        "from okrsite.render.pages.environment import page_environment; "
        "from okrsite.site import asset_artifacts; from okrsite.urls import SiteUrls; "
        "page_environment().get_template('okrsite/objective.md.jinja'); "
        "assert len(asset_artifacts(SiteUrls())) == 3"
    )
    subprocess.run([sys.executable, "-c", probe, str(lib)], check=True, timeout=60)
