"""Run the benchmark: generate an org, time every phase as whole processes, report the numbers.

    python -m bench.run --size M --runs 3 --out bench/out/results.json

Writes a JSON results file (machine, generated org, every phase with each run, median/min/max
and peak RSS, the okrsite/plain ratios) and prints a Markdown table. A phase that cannot run
here or fails is recorded with its reason, never dropped, so a results file always lists every
phase. `--quick` is the CI smoke mode: size S, one run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.generate import generate
from bench.machine import machine_info
from bench.measure import Measurement, measure
from bench.org import SIZES
from bench.phases import Phase, build_environment, okrsite_phases

REPOSITORY = Path(__file__).resolve().parent.parent
RATIOS = (
    ("build-cold", "plain-build"),
    ("build-warm", "plain-build"),
    ("build-edit", "plain-build"),
)


def _failure_reason(measurement: Measurement, timeout_s: float | None) -> str:
    if measurement.timed_out:
        return f"failed: timed out after {timeout_s:g} s"
    last = measurement.output_tail.strip().splitlines()
    detail = last[-1] if last else "no output"
    return f"failed: exit {measurement.returncode}: {detail}"


def _summary(runs: list[Measurement]) -> dict[str, object]:
    walls = [run.wall_s for run in runs]
    return {
        "median_s": round(statistics.median(walls), 3),
        "min_s": round(min(walls), 3),
        "max_s": round(max(walls), 3),
        "cpu_median_s": round(statistics.median(run.user_s + run.system_s for run in runs), 3),
        "peak_rss_mib": round(max(run.peak_rss_kib for run in runs) / 1024, 1),
    }


def run_phase(
    phase: Phase, runs: int, results: dict[str, dict[str, object]], timeout_s: float | None
) -> dict[str, object]:
    """Runs one phase `runs` times (stopping at the first failure) and returns its record."""
    record: dict[str, object] = {
        "name": phase.name,
        "description": phase.description,
        "command": " ".join(phase.command),
        "cwd": str(phase.cwd),
        **phase.extra,
    }
    if phase.unavailable:
        return {**record, "status": "not available", "reason": phase.unavailable}
    if phase.needs and results.get(phase.needs, {}).get("status") != "ok":
        reason = f"skipped: needs {phase.needs}, which did not succeed"
        return {**record, "status": "skipped", "reason": reason}
    measured: list[Measurement] = []
    try:
        for index in range(runs):
            if phase.prepare is not None:
                phase.prepare(index)
            measurement = measure(
                phase.command, phase.cwd, env=build_environment(), timeout_s=timeout_s
            )
            if not measurement.ok:
                return {
                    **record,
                    "status": "failed",
                    "reason": _failure_reason(measurement, timeout_s),
                    "output_tail": measurement.output_tail,
                    "runs": [vars(m) for m in measured],
                }
            measured.append(measurement)
    finally:
        if phase.finish is not None:
            phase.finish()
    return {**record, "status": "ok", **_summary(measured), "runs": [vars(m) for m in measured]}


def _ratios(results: dict[str, dict[str, object]]) -> dict[str, object]:
    ratios: dict[str, object] = {}
    for okrsite_phase, reference in RATIOS:
        first, second = results.get(okrsite_phase, {}), results.get(reference, {})
        key = f"{okrsite_phase}/{reference}"
        if first.get("status") == "ok" and second.get("status") == "ok":
            ratios[key] = round(float(first["median_s"]) / float(second["median_s"]), 2)  # type: ignore[arg-type]
        else:
            ratios[key] = None
    return ratios


def run_benchmark(
    size: str,
    runs: int,
    work_dir: Path,
    *,
    seed: int = 1,
    only: list[str] | None = None,
    timeout_s: float | None = None,
    log: Callable[[str], None] = print,
    checkpoint: Callable[[dict[str, object]], None] | None = None,
) -> dict[str, object]:
    """Generates the two sites for `size` under `work_dir`, times the phases, returns results.

    `checkpoint` gets the results so far after every phase, so a long run that is stopped
    still leaves the phases it finished."""
    site, plain = work_dir / size / "okrsite", work_dir / size / "plain"
    started = time.perf_counter()
    manifest = generate(size, site, seed=seed)
    generated_s = time.perf_counter() - started
    started = time.perf_counter()
    plain_manifest = generate(size, plain, seed=seed, plain=True)
    plain_s = time.perf_counter() - started
    log(f"generated {size}: content in {generated_s:.2f} s, plain site in {plain_s:.2f} s")

    results: dict[str, dict[str, object]] = {}
    summary: dict[str, object] = {
        "size": size,
        "seed": seed,
        "runs": runs,
        "machine": machine_info(REPOSITORY),
        "generated": {
            "okrsite": {**manifest, "seconds": round(generated_s, 3)},
            "plain": {**plain_manifest, "seconds": round(plain_s, 3)},
        },
    }
    for phase in okrsite_phases(site, plain, manifest):
        if only is not None and phase.name not in only:
            results[phase.name] = {
                "name": phase.name,
                "description": phase.description,
                "status": "skipped",
                "reason": "skipped: not selected with --only",
            }
            continue
        log(f"{phase.name}: {phase.description} ...")
        results[phase.name] = run_phase(phase, runs, results, timeout_s)
        log(f"{phase.name}: {_cell(results[phase.name])}")
        if checkpoint is not None:
            checkpoint({**summary, "phases": list(results.values()), "ratios": _ratios(results)})
    return {**summary, "phases": list(results.values()), "ratios": _ratios(results)}


def _cell(record: dict[str, object]) -> str:
    if record.get("status") == "ok":
        return f"{record['median_s']} s (min {record['min_s']}, max {record['max_s']})"
    return str(record.get("reason"))


def markdown_table(results: dict[str, object]) -> str:
    """The results as a Markdown table, with the machine and the okrsite/plain ratios."""
    machine = results["machine"]
    assert isinstance(machine, dict)
    lines = [
        f"Size {results['size']}, {results['runs']} run(s) each; machine: {machine['cpus']} CPUs "
        f"({machine['cpu_model']}), {machine['memory_gib']} GiB, Python {machine['python']}, "
        f"mkdocs {machine['mkdocs']}, material {machine['mkdocs_material']}, {machine['dot']}.",
        "",
        "| phase | median s | min s | max s | CPU s | peak RSS MiB | status |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for record in results["phases"]:  # type: ignore[attr-defined]
        if record["status"] == "ok":
            lines.append(
                f"| {record['name']} | {record['median_s']:.2f} | {record['min_s']:.2f} "
                f"| {record['max_s']:.2f} | {record['cpu_median_s']:.2f} "
                f"| {record['peak_rss_mib']:.0f} | ok |"
            )
        else:
            reason = str(record["reason"]).replace("|", "\\|")
            lines.append(f"| {record['name']} | | | | | | {reason} |")
    lines.append("")
    for key, ratio in results["ratios"].items():  # type: ignore[attr-defined]
        lines.append(f"- ratio {key}: {'n/a' if ratio is None else f'{ratio:.2f}×'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="S")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("bench/out/results.json"))
    parser.add_argument(
        "--work-dir", type=Path, default=Path("bench/out/sites"), help="where sites are generated"
    )
    parser.add_argument("--only", help="comma-separated phase names to run (others are skipped)")
    parser.add_argument("--timeout", type=float, help="seconds before a single run is killed")
    parser.add_argument("--quick", action="store_true", help="CI smoke mode: size S, one run")
    args = parser.parse_args(argv)
    if args.quick:
        args.size, args.runs = "S", 1
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    only = [name.strip() for name in args.only.split(",")] if args.only else None
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    args.out.parent.mkdir(parents=True, exist_ok=True)

    def write(results: dict[str, object]) -> None:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    results = run_benchmark(
        args.size,
        args.runs,
        args.work_dir,
        seed=args.seed,
        only=only,
        timeout_s=args.timeout,
        log=log,
        checkpoint=write,
    )
    write(results)
    print(markdown_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
