"""Where a `mkdocs build` spends its CPU time: okrsite's own work against MkDocs' and Material's.

    python -m bench.profile bench/out/sites/SM/okrsite [--out build.prof] [--top 40]

Runs one `mkdocs build` in this process under cProfile (CPU time, so a busy machine skews it
less than wall time) and prints the cumulative CPU seconds of the steps that matter at scale,
then the top functions. The phases overlap where one calls another (search indexing runs inside
page building); the first lines say which step holds which.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import time
from pathlib import Path

# (label, file suffix, function name): cumulative time of these functions is reported.
STEPS = (
    ("whole build", "mkdocs/commands/build.py", "build"),
    ("okrsite: load, render, diagrams, badges (on_files)", "okrsite/mkdocs_plugin/plugin.py",
     "on_files"),
    ("  okrsite: load_portal", "okrsite/site.py", "load_portal"),
    ("  okrsite: site_artifacts", "okrsite/site.py", "site_artifacts"),
    ("    diagrams", "okrsite/render/diagrams/__init__.py", "draw_diagrams"),
    ("    units: page bodies, badges, exports (both cores)", "okrsite/incremental/units.py",
     "results"),
    ("    Linked from sections", "okrsite/render/pages/render.py", "finish"),
    ("okrsite: feed link per page (on_post_page)", "okrsite/mkdocs_plugin/plugin.py",
     "on_post_page"),
    ("MkDocs: build one page (all below)", "mkdocs/commands/build.py", "_build_page"),
    ("  Python-Markdown: convert", "markdown/core.py", "convert"),
    ("    raw HTML blocks (preprocessors)", "markdown/preprocessors.py", "run"),
    ("  Material search: index page", "material/plugins/search/plugin.py",
     "add_entry_from_context"),
    ("  Material: page shell template", "jinja2/environment.py", "render"),
    ("    navigation in the shell", "material/templates/partials/nav.html", "root"),
    ("  write HTML files", "mkdocs/utils/__init__.py", "write_file"),
    ("search index JSON (on_post_build)", "material/plugins/search/plugin.py", "on_post_build"),
)  # fmt: skip


def step_times(stats: pstats.Stats) -> list[tuple[str, float]]:
    """Cumulative CPU seconds of each step found in the profile."""
    raw = stats.stats  # type: ignore[attr-defined]
    found = []
    for label, suffix, name in STEPS:
        total = sum(
            entry[3]
            for (path, _line, func), entry in raw.items()
            if func == name and path.replace(os.sep, "/").endswith(suffix)
        )
        found.append((label, total))
    return found


def profile_build(site: Path, out: Path) -> pstats.Stats:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.chdir(site)
    config = load_config("mkdocs.yml")
    config.plugins.on_startup(command="build", dirty=False)
    profiler = cProfile.Profile(time.process_time)
    wall = time.perf_counter()
    profiler.runcall(build, config)
    config.plugins.on_shutdown()
    print(f"wall {time.perf_counter() - wall:.1f} s (under the profiler)")
    profiler.dump_stats(out)
    return pstats.Stats(str(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="folder holding mkdocs.yml")
    parser.add_argument("--out", type=Path, default=Path("build.prof").resolve())
    parser.add_argument("--top", type=int, default=30, help="functions listed by own time")
    args = parser.parse_args()
    stats = profile_build(args.site.resolve(), args.out.resolve())
    for label, seconds in step_times(stats):
        print(f"{seconds:8.2f} s  {label}")
    stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
