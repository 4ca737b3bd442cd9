"""Time `mkdocs serve`'s reload: from saving one key result's `current` to the new value served.

    python -m bench.serve_reload bench/out/sites/M/okrsite --runs 3 [--dirty] [--browser]
        [--pause SECONDS]

Starts `mkdocs serve` on a free local port in a generated site (`python -m bench.generate`),
waits for its first build, then per run writes a new `current` into the line named by
`bench-manifest.json` and polls the key result's page and its objective's page over HTTP every
0.2 s until both show the new value. With `--browser`, a headless Chromium holding the key
result's page also reports when MkDocs' livereload reloaded it. MkDocs' own "Documentation built
in" time is read from the server's log. The file is restored and the server stopped with Ctrl-C
(SIGINT) at the end, which stores its last render in the render cache: the next run of this
script starts the server from that cache, as a user's next `mkdocs serve` does. `--pause` waits
that long before each edit (a person reads the page before saving again), so work the server
does in the background after a build does not land in the next edit's time.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import closing
from pathlib import Path

from bench.phases import _KeyResultEdit, build_environment, python_module

POLL_S = 0.2
KR_CURRENT = re.compile(r"<dt>Current</dt><dd>([^<]*)</dd>")
BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
# MkDocs logs each message text once per process (its DuplicateFilter): a build as long as an
# earlier one logs no duration, so a build's end is counted by the reload that follows it
RELOADED = re.compile(r"Reloading browsers")


def free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def objective_of(path: Path, line: int) -> str:
    """The generator nests key results in their objective: the nearest `id:` above the line."""
    for text in reversed(path.read_text(encoding="utf-8").split("\n")[: line - 1]):
        if text.startswith("id: "):
            return text[4:].strip()
    raise ValueError(f"no objective above {path}:{line}")


def shown_currents(base: str, key_result: str, objective: str) -> tuple[str, str]:
    """The current value as the key result's page and the objective's table show it."""
    kr_page = KR_CURRENT.search(fetch(f"{base}key-results/{key_result}/"))
    row = re.search(
        rf'key-results/{re.escape(key_result)}/".*?<td class="okr-num">[^<]*</td>'
        r'<td class="okr-num">([^<]*)</td>',
        fetch(f"{base}objectives/{objective}/"),
    )
    return (kr_page.group(1) if kr_page else "", row.group(1) if row else "")


def summary(values: list[float]) -> str:
    return (
        f"median {statistics.median(values):.1f} s (min {min(values):.1f}, max {max(values):.1f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dirty", action="store_true", help="serve with --dirty")
    parser.add_argument("--browser", action="store_true", help="also time a Chromium reload")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per build")
    parser.add_argument(
        "--pause", type=float, default=0, help="seconds to wait before each edit (default 0)"
    )
    parser.add_argument(
        "--port",
        type=int,
        default=0,
        help="serve on this port (the render cache is kept per address: a fixed port lets the "
        "next run start from the render this one stored); default: any free port",
    )
    args = parser.parse_args()

    edit_spec = json.loads((args.site / "bench-manifest.json").read_text())["edit"]
    edit = _KeyResultEdit(args.site, edit_spec)
    key_result = str(edit_spec["key_result"])
    objective = objective_of(edit.path, int(edit_spec["line"]))
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}/"
    log_path = Path(tempfile.mkstemp(prefix="serve-", suffix=".log")[1])
    command = [*python_module("mkdocs"), "serve", "-a", f"127.0.0.1:{port}"]
    if args.dirty:
        command.append("--dirty")
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            command, cwd=args.site, stdout=log, stderr=subprocess.STDOUT, env=build_environment()
        )
    print(f"server pid {server.pid}, log {log_path}", flush=True)
    browser = None
    try:
        deadline = time.monotonic() + args.timeout
        while "Serving on" not in log_path.read_text():
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"mkdocs serve did not start; see {log_path}")
            time.sleep(POLL_S)
        before = shown_currents(base, key_result, objective)
        if args.browser:
            from playwright.sync_api import sync_playwright

            browser = sync_playwright().start()
            page = browser.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox"]
            ).new_page()
            page.goto(f"{base}key-results/{key_result}/")
            loads: list[float] = []
            page.on("load", lambda _page: loads.append(time.monotonic()))
        results: dict[str, list[float]] = {"kr": [], "objective": [], "browser": [], "built": []}
        for run in range(args.runs):
            time.sleep(args.pause)
            builds_before = len(RELOADED.findall(log_path.read_text()))
            edit.apply(run)
            written = time.monotonic()
            seen: dict[str, float] = {}
            while (
                len(seen) < 2 + bool(browser)
                or len(RELOADED.findall(log_path.read_text())) == builds_before
            ):
                if time.monotonic() - written > args.timeout:
                    sys.exit(f"run {run + 1}: no reload after {args.timeout:g} s; see {log_path}")
                now_shown = shown_currents(base, key_result, objective)
                for name, old, new in zip(("kr", "objective"), before, now_shown, strict=True):
                    if name not in seen and new and new != old:
                        seen[name] = time.monotonic() - written
                reloads = [moment for moment in loads if moment > written] if browser else []
                if reloads and "browser" not in seen:
                    seen["browser"] = reloads[0] - written
                if browser:
                    page.wait_for_timeout(POLL_S * 1000)  # lets Playwright deliver the load event
                else:
                    time.sleep(POLL_S)
            before = shown_currents(base, key_result, objective)
            if browser:
                assert KR_CURRENT.search(page.content()).group(1) == before[0]  # type: ignore[union-attr]
            built = float(BUILT.findall(log_path.read_text())[-1])  # or an equal, earlier one
            for name, seconds in seen.items():
                results[name].append(seconds)
            results["built"].append(built)
            print(
                f"run {run + 1}: shown {before}, "
                + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in seen.items())
                + f", MkDocs rebuild {built:.1f} s",
                flush=True,
            )
        for name, values in results.items():
            if values:
                print(f"{name}: {summary(values)}")
    finally:
        reloads = len(RELOADED.findall(log_path.read_text()))
        edit.restore()
        if browser:
            browser.stop()
        deadline = time.monotonic() + 60  # the restored file's build: the render then stored
        while server.poll() is None and time.monotonic() < deadline:
            if len(RELOADED.findall(log_path.read_text())) > reloads:
                break
            time.sleep(POLL_S)
        server.send_signal(signal.SIGINT)  # Ctrl-C, as a user stops it: the render cache is stored
        try:
            server.wait(timeout=120)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=60)


if __name__ == "__main__":
    main()
