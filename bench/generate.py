"""Generate a synthetic org as an okrsite site, or as the plain MkDocs reference site.

    python -m bench.generate --size M --out bench/out/M/okrsite
    python -m bench.generate --size M --out bench/out/M/plain --plain

Both sites share the theme settings, so the only difference between their builds is okrsite.
The same size and seed always give byte-identical files. A `bench-manifest.json` beside
`mkdocs.yml` records what was generated (and, for okrsite sites, which line the runner edits).
The output folder is written beside its final place and moved in at the end, so an interrupted
run never leaves a half-written site; an existing folder is replaced only if it holds a manifest.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.content_writer import write_content
from bench.org import AS_OF, SIZES, Org, build_org
from bench.plain_site import nav_yaml, write_plain_docs

MANIFEST = "bench-manifest.json"

_THEME = """theme:
  name: material
  features:
    - navigation.indexes
"""


def _okrsite_config(org: Org) -> str:
    return (
        f"site_name: Synthetic org {org.size.name} (okrsite)\n"
        f"{_THEME}"
        "plugins:\n"
        "  - search\n"
        "  - okrsite:\n"
        "      content: content\n"
        f'      as_of: "{AS_OF.isoformat()}"\n'
    )


def _plain_config(org: Org) -> str:
    return (
        f"site_name: Synthetic org {org.size.name} (plain MkDocs reference)\n"
        f"{_THEME}"
        "plugins:\n"
        "  - search\n"
        f"{nav_yaml(org)}"
    )


def _counts(org: Org) -> dict[str, int]:
    return {
        "value_streams": len(org.value_streams),
        "stages": len(org.stages),
        "capabilities": len(org.capabilities),
        "teams": len(org.teams),
        "objectives": len(org.objectives),
        "key_results": len(org.key_results),
        "checkins": sum(len(kr.checkins) for kr in org.key_results),
        "initiatives": len(org.initiatives),
    }


def _write_site(org: Org, root: Path, plain: bool) -> dict[str, object]:
    manifest: dict[str, object] = {
        "size": org.size.name,
        "seed": org.seed,
        "as_of": AS_OF.isoformat(),
        "kind": "plain" if plain else "okrsite",
        "counts": _counts(org),
    }
    (root / "docs").mkdir()
    if plain:
        (root / "mkdocs.yml").write_text(_plain_config(org), encoding="utf-8")
        pages, size = write_plain_docs(org, root / "docs")
        manifest["files"] = {"pages": pages, "bytes": size}
    else:
        (root / "mkdocs.yml").write_text(_okrsite_config(org), encoding="utf-8")
        written = write_content(org, root / "content")
        manifest["files"] = {"content_files": written.files, "bytes": written.bytes}
        manifest["edit"] = {
            "path": f"content/{written.edit.path}",
            "line": written.edit.line,
            "key_result": written.edit.key_result,
            "current": written.edit.value,
        }
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    (root / MANIFEST).write_text(text, encoding="utf-8")
    return manifest


def generate(size: str, out: Path, *, seed: int = 1, plain: bool = False) -> dict[str, object]:
    """Writes the site for `size` into `out` and returns its manifest."""
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}: use one of {', '.join(SIZES)}")
    if out.exists() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise FileExistsError(f"{out} exists and was not written by bench.generate; not replacing")
    org = build_org(SIZES[size], seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        manifest = _write_site(org, staging, plain)
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--size", choices=sorted(SIZES), required=True)
    parser.add_argument("--out", type=Path, required=True, help="folder to write the site into")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--plain", action="store_true", help="write the plain MkDocs reference")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        manifest = generate(args.size, args.out, seed=args.seed, plain=args.plain)
    except (ValueError, FileExistsError) as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    files = manifest["files"]
    print(
        f"{args.out}: {manifest['kind']} site, size {args.size}, seed {args.seed}, "
        f"{json.dumps(manifest['counts'])}, {json.dumps(files)}, {elapsed:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
