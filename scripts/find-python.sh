#!/usr/bin/env bash
# Prints the path of the first Python >= 3.11 on PATH (mkdocs-material 9.8 needs 3.11).
# Honours $PYTHON when set. Exits 1, printing nothing, when there is none.
set -euo pipefail

for candidate in ${PYTHON:-} python3 python3.13 python3.12 python3.11; do
  path=$(command -v "$candidate" 2>/dev/null) || continue
  # pyenv shims exist for versions that are not installed: running them is the only real test.
  if "$path" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    "$path" -c 'import sys; print(sys.executable)'
    exit 0
  fi
done
exit 1
