#!/usr/bin/env bash
# Make the project's Python environment ready, doing only the work that is missing:
#
#   .tools/   a small venv made with `python3 -m venv` that holds uv (pinned below)
#   .venv/    the project environment, `uv sync --frozen` from uv.lock, the project
#             itself installed editable from src/
#
# Safe to run again and again: when everything is in place it only compares a few file
# dates and imports `score` once (well under a second). It re-syncs when uv.lock or
# pyproject.toml is newer than the stamp file, and reinstalls the project when `score`
# does not import from this checkout's src/ (an editable install made before src/
# existed, or a .venv copied from another directory).
#
# Environment: PYTHON (default python3), UV_VERSION (default below).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

PYTHON="${PYTHON:-python3}"
UV_VERSION="${UV_VERSION:-0.13.9}"  # the uv that wrote uv.lock; change both together
tools="$root/.tools"
venv="$root/.venv"
stamp="$venv/.score-synced"
uv="$tools/bin/uv"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

# 1. A Python that is new enough.
command -v "$PYTHON" >/dev/null 2>&1 \
    || die "$PYTHON not found. Install Python 3.11 or newer (Debian: apt-get install python3)."
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || die "$("$PYTHON" -V 2>&1) is too old: SCORE Platform needs Python 3.11 or newer."

# 2. The tools venv with uv.
uv_ok() {
    [ -x "$uv" ] && [ "$("$uv" --version 2>/dev/null | cut -d' ' -f2)" = "$UV_VERSION" ]
}
if ! uv_ok; then
    # Debian splits venv/ensurepip out of python3 into python3-venv.
    if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
        pyver="$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
        if is_root && command -v apt-get >/dev/null 2>&1; then
            say "Installing python3-venv (Python's venv module is missing)"
            export DEBIAN_FRONTEND=noninteractive
            apt-get update -qq </dev/null
            apt-get install -y -qq --no-install-recommends python3-venv </dev/null
        else
            die "Python's venv module is missing. Install it, then run make again:
    sudo apt-get install python3-venv python${pyver}-venv"
        fi
    fi
    say "Creating the tools venv in .tools/ with uv $UV_VERSION"
    rm -rf "$tools"
    "$PYTHON" -m venv "$tools"
    "$tools/bin/python" -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
    uv_ok || die "uv $UV_VERSION did not install into .tools/ (see the pip output above)."
fi

# 3. The project venv.
# uv must use this machine's Python and never download one (there may be no internet).
export UV_PYTHON="${UV_PYTHON:-$PYTHON}"
export UV_PYTHON_DOWNLOADS="${UV_PYTHON_DOWNLOADS:-never}"
export UV_PROJECT_ENVIRONMENT="$venv"

imports_from_here() {
    [ -x "$venv/bin/python" ] || return 1
    "$venv/bin/python" -I -c '
import pathlib, sys
import score
sys.exit(pathlib.Path(score.__file__).resolve().parent != pathlib.Path(sys.argv[1]).resolve())
' "$root/src/score" >/dev/null 2>&1
}

[ -d "$root/src/score" ] || die "src/score is missing: run this from a complete checkout."

if [ ! -f "$stamp" ] || [ uv.lock -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ] \
        || [ ! -x "$venv/bin/python" ]; then
    say "Installing dependencies from uv.lock into .venv/"
    "$uv" sync --frozen --quiet
fi
if ! imports_from_here; then
    say "Reinstalling the project into .venv/ as an editable install of src/"
    "$uv" sync --frozen --quiet --reinstall-package score-platform
    imports_from_here || die "the project is installed in .venv/ but 'import score' does not
load $root/src/score. Remove .venv/ and run make again."
fi
touch "$stamp"
