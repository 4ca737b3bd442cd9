#!/usr/bin/env bash
# Installs what okrsite needs from the operating system, skipping whatever is already there:
#   always:  Graphviz (`dot`) and a Python >= 3.11 that can create virtual environments;
#   --test:  also Chromium, which the browser tests drive.
# Debian/Ubuntu use apt-get (through sudo when not root), macOS uses Homebrew. Safe to re-run.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
with_browser=false
case "${1:-}" in
  --test) with_browser=true ;;
  "") ;;
  *) echo "usage: $0 [--test]" >&2; exit 2 ;;
esac

say() { printf 'install-system-deps: %s\n' "$*"; }
die() { printf 'install-system-deps: error: %s\n' "$*" >&2; exit 1; }

if [[ $(uname -s) == Darwin ]]; then
  manager=brew
  command -v brew >/dev/null || die "Homebrew is needed on macOS: see https://brew.sh, then re-run."
elif command -v apt-get >/dev/null; then
  manager=apt
else
  die "no apt-get or Homebrew here: install Graphviz, Python >= 3.11 (with venv) and Chromium yourself."
fi

as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    die "'$*' needs root: run it as root or install sudo."
  fi
}

apt_updated=false
apt_install() {
  if ! $apt_updated; then
    say "apt-get update"
    as_root apt-get update -qq
    apt_updated=true
  fi
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Use-Pty=0 "$@" </dev/null
}

# Graphviz ---------------------------------------------------------------------------------
if command -v dot >/dev/null; then
  say "Graphviz: present ($(command -v dot))"
elif [[ $manager == apt ]]; then
  apt_install graphviz
else
  brew install graphviz
fi

# Python >= 3.11 with venv -----------------------------------------------------------------
if ! python=$("$here/find-python.sh"); then
  if [[ $manager == apt ]]; then
    apt_install python3 python3-venv
    # Ubuntu 22.04's python3 is 3.10; its python3.11 package is the way up.
    python=$("$here/find-python.sh") || { apt_install python3.11 python3.11-venv; python=$("$here/find-python.sh"); } \
      || die "could not install Python >= 3.11 with apt-get."
  else
    brew install python@3.12
    python=$("$here/find-python.sh") || die "Homebrew's python@3.12 is not on PATH: see 'brew info python@3.12'."
  fi
fi
# Debian and Ubuntu ship `venv` without `ensurepip` unless python3-venv is installed.
if "$python" -c 'import ensurepip, venv' 2>/dev/null; then
  say "Python: present ($python)"
elif [[ $manager == apt && $python == /usr/bin/* ]]; then
  version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  apt_install python3-venv "python$version-venv"
else
  die "$python cannot create virtual environments (no ensurepip): install its venv support or set PYTHON=/path/to/python3."
fi

# Chromium (tests only) --------------------------------------------------------------------
if $with_browser; then
  if [[ $manager == apt ]]; then
    if command -v chromium >/dev/null; then
      say "Chromium: present ($(command -v chromium))"
    else
      apt_install chromium
    fi
    # The badge width table is checked against the browser's DejaVu Sans (tests/test_badges_browser.py).
    if [[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]]; then
      say "DejaVu Sans: present"
    else
      apt_install fonts-dejavu-core
    fi
  else
    if [[ -d "/Applications/Google Chrome.app" || -d "/Applications/Chromium.app" ]]; then
      say "Chrome/Chromium: present in /Applications"
    else
      brew install --cask google-chrome
    fi
  fi
fi
